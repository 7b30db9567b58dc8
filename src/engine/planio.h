/* Plan files: loading them safely and writing them deterministically. The
 * format is documented in questionnaires/README.md ("Plan files"). */
#ifndef AP_PLANIO_H
#define AP_PLANIO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "ydoc.h"

/* What a plan file says about itself, read before its questionnaire is
 * known. Strings owned by the struct; free with planio_header_free. */
typedef struct planio_header {
	long format;          /* format version */
	char *qn_id;
	long qn_version;
	plan_status status;
	unsigned long revision;
	char *country;        /* from details (a country's code when it is
			       * stored with one), may be NULL */
	char *modified;       /* may be NULL */
} planio_header;

void
planio_header_free(planio_header *h);

/* Reads only the header of a parsed plan document. false (with problems)
 * when the document is not a plan file, of a newer format ("this plan needs
 * a newer version of actionplan (format 2)"), or its header is broken.
 * country is the value of details.country: without the questionnaire its
 * country role is unknown, so this is a best guess for listings. */
bool
planio_read_header(const char *name, const yd_node *root, planio_header *out,
		   diag_list *diags);

/* Builds a plan for questionnaire q from a parsed document, checking the
 * header too. Every problem is reported with file:line:col and the item:
 * unknown keys, unknown item ids, answers under the wrong group (details
 * or answers), wrong kinds, unknown or duplicate choices, yes/no values
 * other than "yes"/"no", a broken status, revision or timestamp, and a
 * questionnaire id or version other than q's (then answers are not read).
 * Null scalars and "" are unanswered. Values are not checked against the
 * item's constraints (validate.h does that). Returns NULL when any error
 * was found. */
plan *
planio_from_tree(const char *name, const yd_node *root, const qn *q,
		 diag_list *diags);
/* The same, the plan made with plan_create_in(q, text). */
plan *
planio_from_tree_in(const char *name, const yd_node *root, const qn *q,
		    arena *text, diag_list *diags);

/* yd_parse_file / yd_parse_buffer with the default limits, then
 * planio_from_tree. */
plan *
planio_load(const char *path, const qn *q, diag_list *diags);
plan *
planio_load_buffer(const char *name, const char *data, size_t len,
		   const qn *q, diag_list *diags);

/* Serializes the plan: same plan, same bytes. Text answers and
 * explanations are literal blocks where that is exact, every other string
 * is double-quoted; created/modified are left out when empty. Returns a
 * malloc'd, NUL-terminated buffer (length in *len), or NULL with a
 * problem. */
char *
planio_serialize(const plan *p, size_t *len, diag_list *diags);

/* Serializes, parses the bytes back and checks they give the same plan:
 * the bytes to write to a file named name (malloc'd, length in *len), or
 * NULL with the reason in diags. */
char *
planio_encode(const plan *p, const char *name, size_t *len,
	      diag_list *diags);

/* planio_encode, then writes the bytes atomically and durably to path
 * (store_write_atomic). On any failure the old file is untouched and the
 * reason is in diags. */
bool
planio_save(const plan *p, const char *path, diag_list *diags);

#endif
