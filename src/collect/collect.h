/* Collecting the final plans of many countries: finding plan files in
 * folders, loading them safely, keeping the latest submission of each
 * country, and writing the comparative outputs (submissions.yaml,
 * report.txt, matrix.csv, site/, rejected.txt). Never prints, never exits. */
#ifndef AP_COLLECT_H
#define AP_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "qn.h"

/* Folders deeper than this below a PATH are not searched (and are listed
 * in rejected.txt): a bound against loops through bind mounts. */
#define COLLECT_MAX_DEPTH 32

/* A submission that a later one replaced. path is owned. */
typedef struct collect_replaced {
	char *path;
	unsigned long revision;
	char modified[32];
} collect_replaced;

/* One accepted plan. Everything is owned by the collect_plan. */
typedef struct collect_plan {
	char *path;    /* as found: the PATH given, then the names below it */
	plan *plan;    /* its qn is the group's */
	char *country; /* the country answer on one line, trimmed; "" if none */
	char *key;     /* country case-folded and NFKC-normalised: the same
			* country however it was typed; orders the output */
	collect_replaced *replaced; /* highest revision first */
	size_t n_replaced;
} collect_plan;

/* The accepted plans of one questionnaire id and version: each group is
 * reported on its own, never merged with another. */
typedef struct collect_group {
	const qn *qn; /* borrowed from the collection's questionnaire cache */
	collect_plan **plans;
	size_t n_plans;
	/* Where its report goes below DIR: NULL for the main group (written
	 * into DIR itself), "ID-vVERSION" for the others. Set by
	 * collect_finish. */
	char *subdir;
	/* private: open-addressing index of country keys into plans[] */
	size_t *slots;
	size_t n_slots;
	size_t cap_plans;
} collect_group;

/* A file (or folder) not taken, and why. Both strings owned. */
typedef struct collect_rejected {
	char *path;   /* shown form: bytes that are not printable UTF-8 as \xNN */
	char *reason; /* one line */
} collect_rejected;

typedef struct collect_set collect_set;

/* A new, empty collection that looks questionnaires up in qn_dirs
 * (NULL-terminated; borrowed, must outlive the set). NULL when out of
 * memory. Free with collect_destroy. */
collect_set *
collect_create(const char *const *qn_dirs);

/* NULL is a no-op. */
void
collect_destroy(collect_set *s);

/* How many threads load the files and write the outputs: 0 (the default)
 * is one per processor this process may run on; at most 16. The outputs
 * are the same on any number. */
void
collect_set_jobs(collect_set *s, unsigned jobs);

/* A folder to leave out when searching (the output folder, so that a
 * second run does not read its own submissions.yaml). */
void
collect_skip_dir(collect_set *s, const char *dir);

/* Adds a file (any name) or a folder (searched recursively for *.yaml and
 * *.yml files, symbolic links to folders not followed, at most
 * COLLECT_MAX_DEPTH levels). The files found are loaded by
 * collect_finish; every file that is not taken is recorded as rejected
 * with its reason; other files in folders are only counted.
 * Returns false when path itself cannot be read (it is then rejected too,
 * and collect_io_error() turns true). */
bool
collect_add_path(collect_set *s, const char *path);

/* Loads the files found (on several threads), then orders everything for
 * output: groups (the one with the most plans first, then the higher
 * version, then the id), plans by country key, rejected files by path.
 * Call once, after the last collect_add_path. */
void
collect_finish(collect_set *s);

/* The groups, after collect_finish: [0] is the main one. Groups without
 * plans are not listed. */
size_t
collect_n_groups(const collect_set *s);
const collect_group *
collect_group_at(const collect_set *s, size_t i);

size_t
collect_n_rejected(const collect_set *s);
const collect_rejected *
collect_rejected_at(const collect_set *s, size_t i);

/* Counts for a summary: YAML files looked at (and files named on the
 * command line), other files skipped in folders, accepted plans, and
 * submissions replaced by a later one. */
typedef struct collect_counts {
	size_t files;
	size_t ignored;
	size_t accepted;
	size_t replaced;
	size_t rejected;
} collect_counts;

void
collect_get_counts(const collect_set *s, collect_counts *out);

/* True when a PATH given could not be read, or memory ran out. */
bool
collect_io_error(const collect_set *s);

/* True when memory ran out while collecting: what was collected is not
 * the whole of it, and nothing should be written from it. */
bool
collect_out_of_memory(const collect_set *s);

typedef struct collect_options {
	bool excel; /* matrix.csv with a byte-order mark and CRLF line ends */
} collect_options;

/* Writes the outputs into dir (created with mode 0755 and its parents when
 * missing; an existing non-folder is an error): submissions.yaml and
 * rejected.txt for the whole collection, report.txt, matrix.csv and site/
 * for the main group, and the same three in dir/ID-vVERSION/ for each other
 * group. Each file is replaced atomically (temporary file, then rename);
 * all are made durable with one sync before the renames. On failure the
 * reason is in diags (with errno) and files already renamed stay. */
bool
collect_write(const collect_set *s, const char *dir,
	      const collect_options *opt, diag_list *diags);

#endif
