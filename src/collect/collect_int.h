/* Private parts shared by the collector's files: writing files into the
 * staging folder, the table of outputs and what their jobs may read, the
 * language of the outputs, text and HTML helpers. Not for use outside
 * src/collect. */
#ifndef AP_COLLECT_INT_H
#define AP_COLLECT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "i18n.h"
#include "collect.h"
#include "diag.h"
#include "export.h"
#include "intl.h"
#include "plan.h"
#include "qn.h"
#include "sbuf.h"
#include "utext.h"

/* Wrap column of report.txt and changes.txt, as the text export. */
#define COLLECT_WIDTH 72

/* The file that marks a folder as collect's output (or a staging folder
 * of it): such folders are never searched for plans, and only they are
 * replaced or removed by a later run. */
#define COLLECT_MARKER ".actionplan-collect"

/* ---- Files in the staging folder (collect_out.c) ----
 * Every output is written with its final name into a new folder, which
 * replaces the output folder as a whole once durable (collect_stage), so
 * a file needs no temporary name of its own. */
typedef struct collect_out collect_out;

collect_out *
collect_out_create(void);
/* Starts dir/name (a new file: never an existing one, never through a
 * link) that b then drains into. b must be empty and in memory
 * (SBUF_INIT, or after collect_out_end). */
bool
collect_out_begin(collect_out *o, const char *dir, const char *name,
		  sbuf *b, diag_list *diags);
/* Writes out what b holds and starts writing the file to disk, so that a
 * large file is not all left for the sync at the end. */
void
collect_out_kick(sbuf *b);
/* Finishes the file begun on b (flush, close); b is reset to in-memory. */
bool
collect_out_end(collect_out *o, sbuf *b, diag_list *diags);
/* The whole file at once. */
bool
collect_out_file(collect_out *o, const char *dir, const char *name,
		 const char *data, size_t len, diag_list *diags);
/* dir/name as a copy of the file at src (in the kernel, a shared extent
 * where the file system has them), which must still be the file whose
 * identity (device, inode, size, modification time) is given: a file
 * changed since it was read is an error. */
bool
collect_out_copy(collect_out *o, const char *dir, const char *name,
		 const char *src, const struct stat *identity,
		 diag_list *diags);
/* Closes the folders it opened; NULL is a no-op. Files stay. */
void
collect_out_destroy(collect_out *o);

/* Makes everything below the folder root durable: the file system synced
 * (each file and folder where syncfs is missing), then each folder. */
bool
collect_out_sync_tree(const char *root, diag_list *diags);

/* A head start for the final sync: a thread of its own syncs the file
 * system that holds dir once `at` pieces of work are done, while the rest
 * are still being made, so that the last sync finds less left to flush
 * (on a virtual disk that last wait is a tenth of a second for 128 MB).
 * Only a head start: durability still comes from collect_out_sync_tree.
 * collect_flusher_start returns NULL when there is no thread or memory
 * for it, which only means no head start; the other two take NULL. */
typedef struct collect_flusher collect_flusher;

collect_flusher *
collect_flusher_start(const char *dir, size_t at);
void
collect_flusher_done(collect_flusher *f);
void
collect_flusher_stop(collect_flusher *f);

/* ---- The output folder replaced as a whole (collect_stage.c) ----
 * collect_stage_begin takes DIR in hand: it finishes a swap a killed run
 * left half done (the two-rename fallback only), removes what killed runs
 * left beside DIR (folders named ".DIR.collect-XXXXXX" holding the marker
 * file, or empty, and not locked by a live run), checks that DIR is collect's to
 * replace (missing, empty, marked, or holding only the files collect
 * writes), and makes the staging folder ".DIR.collect-XXXXXX" beside it,
 * marked and locked (flock on the folder, released when the process
 * ends). collect_stage_commit syncs the staging folder, exchanges it with
 * DIR in one step (renameat2 RENAME_EXCHANGE; where the file system lacks
 * it, DIR is renamed to ".DIR.collect-XXXXXX.old" and the staging folder
 * to DIR), syncs the parent folder and removes the old output.
 * collect_stage_end removes an uncommitted staging folder and frees. */
typedef struct collect_stage collect_stage;

collect_stage *
collect_stage_begin(const char *dir, diag_list *diags);
/* Where the outputs go. */
const char *
collect_stage_path(const collect_stage *st);
/* DIR's path (resolved when DIR is a symbolic link), and whether it held
 * an output before this run. */
const char *
collect_stage_dir(const collect_stage *st);
bool
collect_stage_had_output(const collect_stage *st);
bool
collect_stage_commit(collect_stage *st, diag_list *diags);
void
collect_stage_end(collect_stage *st);
/* For tests: pretend that the file system has no RENAME_EXCHANGE. */
extern bool collect_stage_no_exchange;

/* ---- The language of the outputs (collect_lang.c) ---- */

/* The outputs' own words come from a catalog of the chosen language (not
 * from the language of messages, which may differ): cat NULL is English.
 * code is the language as a lang attribute ("en", "th", "zh-CN"). */
typedef struct collect_lang {
	i18n_cat *cat;
	char code[32];
} collect_lang;

/* Opens the catalog of lang (NULL: the language of messages). False, with
 * a problem, when lang is not a language this program is translated into
 * (English needs none). */
bool
collect_lang_open(collect_lang *lg, const char *lang, diag_list *diags);
void
collect_lang_close(collect_lang *lg);

/* msgid (marked with N_) in the outputs' language. */
const char *
collect_tr(const collect_lang *lg, const char *msgid)
#if defined(__GNUC__)
	__attribute__((format_arg(2)))
#endif
	;
/* The same with a context (marked with NC_). */
const char *
collect_trc(const collect_lang *lg, const char *ctx, const char *msgid)
#if defined(__GNUC__)
	__attribute__((format_arg(3)))
#endif
	;
/* A message with plural forms; xgettext knows collect_ntr (po/meson.build).
 * The languages shipped other than English have one form. These three are
 * format_arg functions: sbuf_printf checks the formats they return against
 * the arguments, as it does for gettext's. */
const char *
collect_ntr(const collect_lang *lg, const char *one, const char *many,
	    unsigned long n)
#if defined(__GNUC__)
	__attribute__((format_arg(2))) __attribute__((format_arg(3)))
#endif
	;
/* "Prevention 6", or the item's title when it has no number, in the
 * outputs' language. */
void
collect_item_label(sbuf *b, const collect_lang *lg, const qn *q,
		   size_t item);
/* A timestamp ("2000-03-01T08:00:00Z") or date as "1 March 2000", or with
 * month_year "March 2000", in the outputs' language; as it is when it is
 * not one. */
void
collect_date(sbuf *b, const collect_lang *lg, const char *stamp,
	     bool month_year);

/* ---- What every output job may read (collect_write.c) ---- */

/* The state of one answer in the comparison. */
enum {
	COLLECT_MISSING = 0, /* applies, not answered */
	COLLECT_ANSWERED = 1,
	COLLECT_NA = 2, /* its condition does not hold */
};

/* A group as the outputs see it: its folder, its plans' page names and
 * answer states, worked out once before the jobs start. */
typedef struct collect_gview {
	const collect_group *g;
	char *dir;       /* staging root, or root/ID-vVERSION */
	char *site_dir;  /* dir/site */
	char *plans_dir; /* dir/plans */
	char **slug;     /* [n_plans]: a country's name in file names and
			  * anchors, stable between runs: its code ("tha"),
			  * or for free text collect_country_stem's */
	const char **lang; /* [n_plans]: the answers' language, or NULL */
	/* [collect_n_countries]: the index of each country's plan in this
	 * group, or SIZE_MAX when it has none here. */
	size_t *plan_of;
	unsigned char *state; /* [n_plans * n_items] COLLECT_* */
	/* Item pages are cut into parts so that no page is too large;
	 * part[k * n_items + i] is the part of item i that holds plan k's
	 * answer, n_parts[i] how many parts item i has. */
	unsigned short *part;
	unsigned short *n_parts;
} collect_gview;

/* The state of plan k's answer to item i. */
unsigned
collect_state(const collect_gview *v, size_t k, size_t i);

/* Item pages hold at most about this many bytes of answers each. */
#define COLLECT_PART_BYTES (384u * 1024u)

/* What changed since the previous collection (changes.c). */
typedef struct collect_changes collect_changes;

/* ---- Every country's status, as rows for the data outputs
 * (status_list.c) ----
 * One row per country of the collection's one list of statuses
 * (collect_status.c, roster.h), made before the jobs start: the
 * workbook's first sheet and the database's countries are made from it. */
typedef enum collect_status_kind {
	COLLECT_FINAL,        /* a final plan taken */
	COLLECT_REJECTED,     /* files received, none taken: why */
	COLLECT_DRAFT_ONLY,   /* only drafts received */
	COLLECT_NOT_RECEIVED, /* expected (a roster), nothing received */
} collect_status_kind;

typedef struct collect_status {
	collect_status_kind kind;
	const char *code; /* ISO 3166-1 alpha-3, or NULL: a free-text name */
	const char *name; /* in the outputs' language when code is set, else
			   * as written; "" when the files name none */
	const char *key;  /* collect_fold of the country: one row per key */
	/* COLLECT_FINAL: the plan taken (of the first group that has one)
	 * and its group. */
	const collect_plan *plan;
	size_t group;
	/* COLLECT_FINAL and COLLECT_DRAFT_ONLY: the revision and time of
	 * modification (NULL when unknown); COLLECT_REJECTED: the
	 * revision of the file named in path. */
	unsigned long revision;
	const char *modified;
	/* The file: the plan taken, the latest draft, or the rejected file
	 * (shown safely); NULL for COLLECT_NOT_RECEIVED. */
	const char *path;
	/* COLLECT_REJECTED and COLLECT_DRAFT_ONLY: rejected.txt's reason. */
	const char *reason;
} collect_status;

/* The statuses of every country (rows owned by *list, strings borrowed
 * from the collection), in the order of collect_country_at: the roster's
 * countries first, then the others seen. False when memory ran out. */
typedef struct collect_status_list {
	collect_status *v;
	size_t n, cap;
} collect_status_list;

bool
collect_status_build(collect_status_list *list, const collect_set *s,
		     const collect_lang *lg);
void
collect_status_free(collect_status_list *list);

/* The status in words, in the outputs' language. */
const char *
collect_status_word(const collect_lang *lg, collect_status_kind kind);

/* Before the jobs (workbook.c): the answers answers.xlsx has to cut, as
 * lines of r->warnings. False when memory ran out. */
struct collect_run;
bool
collect_workbook_scan(struct collect_run *r, diag_list *diags);

typedef struct collect_run {
	const collect_set *s;
	const collect_options *opt;
	const char *root; /* the staging folder: the output's root */
	collect_lang lang;
	collect_gview *views; /* [collect_n_groups] */
	const collect_changes *changes; /* never NULL */
	collect_status_list status;
	/* Lines for rejected.txt's warnings (each ends in '\n'): answers
	 * the workbook had to cut (workbook.c). */
	sbuf warnings;
} collect_run;

/* The views of every group, their folders made (collect_view.c); false
 * with the reason in diags. Destroy frees what create made, even in
 * part. */
bool
collect_views_create(collect_run *r, diag_list *diags);
void
collect_views_destroy(collect_run *r);

/* Compares the collection with the one in prev_dir (its submissions.yaml
 * and its copies of the plans; NULL: none, a first collection): what is
 * new, revised, withdrawn, newly rejected. A previous collection that
 * cannot be read is said so in the outputs, not an error; prev_dir given
 * by --since and missing is (NULL, with the reason in diags). */
collect_changes *
collect_changes_create(const collect_set *s, const char *prev_dir,
		       const collect_gview *views, const collect_lang *lg,
		       diag_list *diags);
void
collect_changes_destroy(collect_changes *c);

/* Counts of what changed, for the index of the site. */
typedef struct collect_change_counts {
	bool previous; /* there was a previous collection to compare with */
	size_t added, revised, withdrawn, rejected, accepted_again;
} collect_change_counts;

void
collect_changes_counts(const collect_changes *c, collect_change_counts *n);

/* ---- The table of outputs (outputs.def, collect_write.c) ----
 * An output is a file of its own holding one `const collect_output
 * collect_output_NAME`, named in outputs.def: collect_write runs every
 * output of the table. An output is made of pieces (jobs) that run on
 * any thread in any order, each into its own collect_out; start and
 * finish run on the calling thread. Per-group outputs run once for each
 * group of plans, with group its index; the others once, with group 0
 * (which may then have no plans, or not exist). */
typedef struct collect_output {
	const char *name;
	bool per_group;
	/* Sets *n_pieces (1 when start is NULL) and the output's state. */
	bool (*start)(const collect_run *r, size_t group, void **state,
		      size_t *n_pieces, diag_list *diags);
	/* Makes piece k. */
	bool (*piece)(const collect_run *r, size_t group, void *state,
		      size_t k, collect_out *o, diag_list *diags);
	/* After every piece was made (may be NULL). */
	bool (*end)(const collect_run *r, size_t group, void *state,
		    diag_list *diags);
	/* Frees the state, whether ended or not (may be NULL). */
	void (*free)(void *state);
} collect_output;

#define OUTPUT(name) extern const collect_output collect_output_##name;
#include "outputs.def"
#undef OUTPUT

/* ---- The collection (collect.c) ---- */

/* The number of threads the collection uses. */
unsigned
collect_jobs(const collect_set *s);

/* The questionnaire id/version from the collection's cache (any thread),
 * or NULL. */
const qn *
collect_find_qn(const collect_set *s, const char *id, long version);

/* ---- Threads (parallel.c) ---- */

/* The most threads the collector uses, whatever it is asked for. */
#define COLLECT_MAX_JOBS 16

unsigned
collect_default_jobs(void);

/* Calls fn(ctx, i) once for each i in [0, n), on at most jobs threads (the
 * caller's included), and returns when every call has returned. */
void
collect_parallel(size_t n, unsigned jobs, void (*fn)(void *ctx, size_t i),
		 void *ctx);

/* ---- Signatures (collect_sign.c) ---- */

/* Records data's SHA-256 and size and checks the signature beside path
 * (sig_plan_check; ring NULL: recorded, not checked). NULL when the plan
 * may be taken; else why not, made by sbuf (not yet made printable).
 * *oom is set when memory ran out. */
char *
collect_sig_check(const sig_ring *ring, bool require, const char *path,
		  const char *data, size_t len, const plan *p,
		  collect_sig *out, bool *oom);

/* Which of two submissions of a country wins first, when keys were given:
 * 1 for a good signature, 0 for any other. */
int
collect_sig_rank(const collect_sig *sig);

/* The status in words, in the outputs' language. */
const char *
collect_sig_text(const collect_lang *lg, sig_status s);

/* ---- Text helpers (collect_text.c) ---- */

/* Appends s so that it is safe to show on one line, by the one
 * harmless-text rule (utext_show.h): controls and bidirectional controls
 * as "<U+001B>", bytes that are not UTF-8 as "<0xFF>". For file names,
 * which are bytes, and for reasons that quote plan text (a backslash is
 * kept, so the loader's "\u001b" reads as written). */
void
collect_show_bytes(sbuf *b, const char *s);
/* A malloc'd copy made with collect_show_bytes, or NULL. */
char *
collect_show_dup(const char *s);

/* Text on one line: sanitized, runs of spaces collapsed, trimmed.
 * malloc'd, or NULL. */
char *
collect_one_line(const char *s);

/* FNV-1a of a string: the hash of the collector's tables. */
size_t
collect_hash(const char *s);

/* The matching key of a country name: NFKC, case-folded, spaces collapsed
 * and trimmed. malloc'd, or NULL. */
char *
collect_fold(const char *s);

/* A file-name-safe slug of s: ASCII letters and digits lowercased, other
 * runs as one '-', trimmed, at most 60 bytes; "" when nothing is left. */
void
collect_slug(const char *s, char *out, size_t size);

/* Text as paragraphs, as the text export writes an answer
 * (export_paragraphs), as a block of its own: no blank line before it or
 * after it. l->out is the output. */
void
collect_paragraphs(export_layout *l, const char *text);

/* The same for an item's answer: the value (export_value, in the language
 * of cat) and, after a blank line, the explanation. */
void
collect_answer_paragraphs(export_layout *l, const i18n_cat *cat,
			  const plan *p, size_t item);

/* The answer as plain, unwrapped text: the value (export_value, in the
 * language of cat) and, after a blank line, the explanation. Empty when
 * unanswered. */
void
collect_answer_plain(sbuf *b, const i18n_cat *cat, const plan *p,
		     size_t item);

/* Length of the answer in characters (code points): value (for a multi
 * item, its choice ids) plus explanation. */
size_t
collect_answer_chars(const plan *p, size_t item);

/* The language of a plan's answers as a lang attribute value, when its
 * language item holds something that looks like a language tag; else
 * NULL. Points into the plan. */
const char *
collect_plan_lang(const plan *p);

/* ---- The status of each country in words (collect_status.c) ----
 * In the outputs' language; names as collect_country_name, paths and
 * reasons as rejected.txt shows them. */

/* "ไทย (THA)": the country's name and code. */
void
collect_status_country(sbuf *b, const collect_lang *lg,
		       const country_state *c);
/* "final: revision 3, 1 March 2000", "only a draft: revision 1, FILE",
 * "rejected: FILE: WHY", "nothing received". */
void
collect_status_text(sbuf *b, const collect_lang *lg,
		    const country_state *c);
/* "12 countries expected (FILE): 8 final, 1 only a draft, 1 rejected,
 * 2 nothing received." and how many others sent files. */
void
collect_status_summary(sbuf *b, const collect_lang *lg,
		       const collect_set *s);

/* ---- Countries (collect_country.c) ---- */

/* The ISO 3166-1 alpha-3 code that text means (a code, or a name in any
 * of the four languages; see country_match): true and code set, else
 * false and code "" (also when iso-codes is missing; *oom set when memory
 * ran out). */
bool
collect_country_code(const char *text, char code[4], bool *oom);

/* A country's name in a language (lang as country_name: "th", "zh-CN"):
 * its ISO 3166-1 name when code is one (English when iso-codes has no
 * translation), else shown (free text), else "". */
const char *
collect_country_label(const char *code, const char *shown,
		      const char *lang);

/* The plan's country as the outputs show it, in their language ("(no
 * country)" when the plan names none). */
const char *
collect_country_name(const collect_lang *lg, const collect_plan *cp);

/* The country's stem in file names, stable between runs: the code in
 * lower case ("tha"), or for free text itype_country_stem's. */
void
collect_country_stem(const char *code, const char *shown, char *out,
		     size_t size);

/* The country answer of a file that did not load as a plan (q: its
 * questionnaire, NULL: an item "country"): true with its shown text in
 * *shown (malloc'd) and its code when it names one. */
struct yd_node;
bool
collect_country_of_tree(const struct yd_node *root, const qn *q,
			char code[4], char **shown, bool *oom);

/* The country a file's name means ("tha-2.yaml", "viet-nam-2000.yaml"):
 * true with its code. */
bool
collect_country_of_path(const char *path, char code[4], bool *oom);

/* ---- HTML (html.c) ---- */

/* Escapes text for element content and quoted attributes; what the
 * harmless-text rule escapes shows as "&lt;U+202E&gt;" (tab and newline
 * kept), bytes that are not UTF-8 as U+FFFD. */
void
collect_html_esc(sbuf *b, const char *s, size_t len);
void
collect_html_str(sbuf *b, const char *s);
/* Someone's text inline (a country's name, a title made of answers),
 * escaped in an isolate (<bdi>), so that its direction cannot spill over
 * the page around it. */
void
collect_html_bdi(sbuf *b, const char *s);
/* What each country sent (the status list) as a heading, a summary and a
 * table, the countries linked to their pages in v's site (v NULL: not
 * linked). */
void
collect_html_status(sbuf *b, const collect_run *r, const collect_gview *v,
		    sbuf *tmp);
/* The stylesheet of the site (site/style.css) and of diff --html. */
extern const char collect_css[];
/* Everything up to <body>: the page's language, title, and the
 * stylesheet linked (css_href) or, when NULL, inline. */
void
collect_html_start(sbuf *b, const char *lang, const char *title,
		   const char *css_href);
void
collect_html_end(sbuf *b);

#endif
