/* The roster of a collection and the status of every country: which
 * countries are expected (collect --expect FILE: one a line, a code or
 * any name in English, Thai, Vietnamese or Chinese, `#` comments), and
 * for each country expected or seen, once, what was received: a final
 * plan (its revision and date), only a draft, only files that were
 * rejected (why), or nothing. Every output of collect reads the one list
 * (collect_countries after collect_load_all). Never prints, never exits. */
#ifndef AP_ROSTER_H
#define AP_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct collect_plan;
struct collect_rejected;

/* ---- The roster file ---- */

/* The most countries a roster may list (ISO 3166-1 has 249), and its
 * largest file. */
#define ROSTER_MAX 1000
#define ROSTER_MAX_BYTES (256u * 1024u)

typedef struct roster_line {
	char code[4];  /* ISO 3166-1 alpha-3, or "" (iso-codes missing) */
	char *name;    /* the line as written, shown by the harmless-text
			* rule */
	char *key;     /* what plans are matched by: the code, or the
			* name's fold */
	unsigned long line;
} roster_line;

typedef struct roster {
	char *path; /* as given */
	roster_line *v;
	size_t n;
} roster;

/* Reads the roster at path (at most ROSTER_MAX_BYTES). Each line that
 * names no country, several, or one listed already is a problem
 * "FILE:LINE:COL" saying what to write instead: an error, except a
 * repeated country (a warning; the repeat is left out). NULL when the
 * file cannot be read or any line is wrong. Without iso-codes each line
 * is a free-text country. */
roster *
roster_load(const char *path, diag_list *diags);

/* The same from text in memory (len bytes; path names it in problems). */
roster *
roster_parse(const char *path, const char *text, size_t len,
	     diag_list *diags);

/* NULL is a no-op. */
void
roster_destroy(roster *r);

/* ---- The status of each country ---- */

typedef enum country_status {
	STATUS_FINAL,    /* a final plan was taken */
	STATUS_DRAFT,    /* only drafts were received */
	STATUS_REJECTED, /* files were received, none could be taken */
	STATUS_NOTHING,  /* expected, nothing received */
} country_status;

/* One country. Strings and pointers are borrowed from the collection and
 * the roster, valid while they are. */
typedef struct country_state {
	const char *code; /* ISO 3166-1 alpha-3, or "" for free text */
	/* The name as received or listed, one line, harmless (for a free-text
	 * country: its name in every language); "" when unknown. */
	const char *shown;
	const char *key;  /* the code, or the free text's fold */
	bool expected;    /* on the roster */
	unsigned long roster_line; /* its line there, 0 when not on it */
	country_status status;
	/* STATUS_FINAL: the plan taken, in group `group` (collect_group_at;
	 * the main group when it has one there). */
	const struct collect_plan *plan;
	size_t group;
	/* STATUS_DRAFT, STATUS_REJECTED: the file that says so (the first
	 * by path that is not a draft for STATUS_REJECTED). */
	const struct collect_rejected *why;
	size_t n_rejected; /* its files not taken, drafts included */
} country_state;

/* Stable names of the statuses for data files (matrix.csv,
 * submissions.yaml): "final", "draft", "rejected", "nothing". */
const char *
country_status_id(country_status s);

#endif
