/* Collecting the final plans of many countries: finding plan files in
 * folders, loading them safely, keeping the latest submission of each
 * country, and writing the comparative outputs (submissions.yaml,
 * report.txt, matrix.csv, answers.xlsx, answers.sqlite, site/, plans/,
 * changes.txt, rejected.txt) into an output folder that is replaced as a
 * whole. Never prints, never exits. */
#ifndef AP_COLLECT_H
#define AP_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "diag.h"
#include "strindex.h"
#include "plan.h"
#include "qn.h"
#include "roster.h"
#include "sig_plan.h"

/* Folders deeper than this below a PATH are not searched (and are listed
 * in rejected.txt): a bound against loops through bind mounts. */
#define COLLECT_MAX_DEPTH 32

/* What was received: the file's SHA-256 and size, and its signature
 * (PLAN.minisig beside it) as collect found it. */
typedef struct collect_sig {
	char sha256[65];
	size_t size;
	sig_status status;
	char key_id[SIG_ID_HEX]; /* the signature's key id, "" when none */
} collect_sig;

/* A submission that a later one replaced. path is owned. */
typedef struct collect_replaced {
	char *path;
	unsigned long revision;
	char modified[32];
	collect_sig sig;
} collect_replaced;

/* One accepted plan. Everything is owned by the collect_plan. */
typedef struct collect_plan {
	char *path;    /* as found: the PATH given, then the names below it */
	plan *plan;    /* its qn is the group's */
	char *country; /* the country answer on one line, trimmed, shown by
			* the harmless-text rule; "" if none */
	char code[4];  /* the ISO 3166-1 alpha-3 code it means, or "" */
	char *key;     /* what plans are grouped by: the code, else country
			* case-folded and NFKC-normalised (the same country
			* however it was typed); orders the output */
	collect_replaced *replaced; /* highest revision first */
	size_t n_replaced;
	/* Other files of the same country, revision and modification time
	 * with other answers: none of them can be told to be the latest,
	 * so the country is left out and every one of them rejected
	 * (revision and modified are the plan's). */
	collect_replaced *conflicts;
	size_t n_conflicts;
	/* The file as it was read (device, inode, size, time), so that its
	 * copy in plans/ is known to be the same bytes. */
	struct stat identity;
	collect_sig sig;
} collect_plan;

/* The accepted plans of one questionnaire id and version: each group is
 * reported on its own, never merged with another. */
typedef struct collect_group {
	const qn *qn; /* borrowed from the collection's questionnaire cache */
	collect_plan **plans;
	size_t n_plans;
	/* Where its report goes below DIR: NULL for the main group (written
	 * into DIR itself), "ID-vVERSION" for the others. Set by
	 * collect_load_all. */
	char *subdir;
	/* private: index of country keys into plans[] */
	strindex index;
	size_t cap_plans;
} collect_group;

/* A file (or folder) not taken, and why. Strings owned. */
typedef struct collect_rejected {
	char *path;   /* shown by the harmless-text rule (utext_show.h) */
	char *reason; /* one line */
	/* The country it is from, when that can be told (from its country
	 * answer, else from its file name): key as collect_plan's, or NULL;
	 * country as received (shown, one line), or NULL. */
	char *key;
	char *country;
	char code[4];
	bool draft; /* a plan not final yet */
	unsigned long revision;
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

/* Checks every plan's signature with the trusted keys of ring (borrowed;
 * it must outlive the set; sig_trust.h has the rule of countries): a plan
 * whose signature is bad, or made by a key not trusted for the plan's
 * country, is rejected, and so is one without a signature when require.
 * A plan with a good signature is then kept over any submission of its
 * country without one, whatever their revisions, and a resubmission with
 * a bad signature never replaces anything (it is rejected). Without keys
 * (the default) signatures are recorded, not checked. Call before
 * collect_load_all. */
void
collect_set_keys(collect_set *s, const sig_ring *ring, bool require);

/* The countries expected (borrowed; it must outlive the set): every
 * output then says what each of them sent, and names the countries not
 * on it. Call before collect_load_all. */
void
collect_set_roster(collect_set *s, const roster *r);

/* The roster given, or NULL. */
const roster *
collect_roster(const collect_set *s);

/* Adds a file (any name) or a folder (searched recursively for *.yaml and
 * *.yml files, symbolic links to folders not followed, at most
 * COLLECT_MAX_DEPTH levels). The files found are loaded by
 * collect_load_all; every file that is not taken is recorded as rejected
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
collect_load_all(collect_set *s);

/* The groups, after collect_load_all: [0] is the main one. Groups without
 * plans are not listed. */
size_t
collect_n_groups(const collect_set *s);
const collect_group *
collect_group_at(const collect_set *s, size_t i);

/* Every country expected or seen, with what it sent, after
 * collect_load_all: the roster's countries first, in its order, then the
 * others (not on the roster, or all when there is none) by key. The one
 * list every output reads. */
size_t
collect_n_countries(const collect_set *s);
const country_state *
collect_country_at(const collect_set *s, size_t i);

size_t
collect_n_rejected(const collect_set *s);
const collect_rejected *
collect_rejected_at(const collect_set *s, size_t i);

/* Counts for a summary: YAML files looked at (and files named on the
 * command line), other files skipped in folders (signature files beside
 * plans are not counted), accepted plans, and submissions replaced by a
 * later one. */
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

/* What each output cost (for bench/): the CPU time of its jobs, summed
 * over the threads that ran them, by output name (in the order of the
 * table; per-group outputs summed over the groups), and the time before
 * the jobs (views, changes, statuses) and after them (the sync and the
 * swap). */
#define COLLECT_MAX_TIMINGS 32

typedef struct collect_timings {
	size_t n;
	struct {
		const char *name;
		double cpu_s;
	} v[COLLECT_MAX_TIMINGS];
	double before_s, after_s; /* wall time, on the calling thread */
} collect_timings;

typedef struct collect_options {
	bool excel; /* matrix.csv with a byte-order mark and CRLF line ends */
	/* The language of the outputs' own words ("th", "zh-CN"...); NULL:
	 * the language of messages. Answers stay in their own language. */
	const char *lang;
	/* The collection to compare with (changes.txt); NULL: what dir
	 * held before. */
	const char *since;
	/* Filled in when not NULL (bench/collect). */
	collect_timings *timings;
} collect_options;

/* Writes the outputs into dir, which is replaced as a whole: they are
 * built in a new folder beside it, made durable, then swapped with it in
 * one step, and the old output removed; killed at any moment, dir holds
 * the complete old output or the complete new one (see collect_stage in
 * collect_int.h). dir must be missing, empty, or an output of collect;
 * its parents are made when missing. Outputs: submissions.yaml,
 * rejected.txt, changes.txt and answers.sqlite for the whole collection;
 * report.txt, matrix.csv, answers.xlsx, site/ and plans/ (a copy of each
 * plan taken) for the main group, and the same in dir/ID-vVERSION/ for
 * each other group. On
 * failure dir is as it was, and the reason is in diags (with errno);
 * warnings may be added on success. */
bool
collect_write(const collect_set *s, const char *dir,
	      const collect_options *opt, diag_list *diags);

#endif
