/* Private parts shared by the collector's files: the batch of output
 * files, text helpers, and the generators of each output. Not for use
 * outside src/collect. */
#ifndef AP_COLLECT_INT_H
#define AP_COLLECT_INT_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect.h"
#include "diag.h"
#include "export.h"
#include "plan.h"
#include "qn.h"
#include "sbuf.h"
#include "utext.h"

/* The program's domain named explicitly: a library must not depend on the
 * program calling textdomain() (as src/i18n/i18n.h does it). */
#define COLLECT_DOMAIN "actionplan"
#ifndef _
#define _(s) dgettext(COLLECT_DOMAIN, s)
#endif
#ifndef N_
#define N_(s) (s)
#endif

/* Wrap column of report.txt, as the text export. */
#define COLLECT_WIDTH 72

/* A set of output files written as temporary files first, made durable
 * together and then renamed into place. */
typedef struct collect_out collect_out;

collect_out *
collect_out_create(void);
/* Removes the temporary files that earlier runs killed while writing into
 * dir left there: temporary names of collect's own outputs (store's
 * names, whose writer's pid is gone) in dir, in its folders and in their
 * site/ folders. Returns how many were removed; problems are warnings. */
size_t
collect_out_clean(const char *dir, diag_list *diags);
/* Starts dir/name: a temporary file in dir that b then drains into. b must
 * be empty and in memory (SBUF_INIT, or after collect_out_end). */
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
/* Moves every file of src (written, none open, none committed) into dst,
 * to be committed with dst's, and destroys src. False when memory ran
 * out: src is then as it was. */
bool
collect_out_adopt(collect_out *dst, collect_out *src);
/* Syncs every finished file, renames each over its name, syncs the
 * folders. */
bool
collect_out_commit(collect_out *o, diag_list *diags);
/* Removes temporary files not committed; NULL is a no-op. */
void
collect_out_destroy(collect_out *o);

/* A head start for the final sync: a thread of its own syncs the file
 * system that holds dir once `at` pieces of work are done, while the rest
 * are still being made, so that collect_out_commit's sync finds less left
 * to flush (on a virtual disk that last wait is a tenth of a second for
 * 128 MB). Only a head start: durability still comes from the commit.
 * collect_flusher_start returns NULL when there is no thread or memory
 * for it, which only means no head start; the other two take NULL. */
typedef struct collect_flusher collect_flusher;

collect_flusher *
collect_flusher_start(const char *dir, size_t at);
/* One piece of work is done; any thread. */
void
collect_flusher_done(collect_flusher *f);
/* Waits for the sync if it began (it does not when fewer than `at` pieces
 * were done), and frees f. */
void
collect_flusher_stop(collect_flusher *f);

/* The number of threads the collection uses (collect.c). */
unsigned
collect_jobs(const collect_set *s);

/* Threads (parallel.c). */

/* The most threads the collector uses, whatever it is asked for. */
#define COLLECT_MAX_JOBS 16

/* Threads to use when not told: the processors this process may run on,
 * at most COLLECT_MAX_JOBS. */
unsigned
collect_default_jobs(void);

/* Calls fn(ctx, i) once for each i in [0, n), on at most jobs threads (the
 * caller's included), and returns when every call has returned. The calls
 * run concurrently and in no set order: fn must only touch what belongs to
 * its i, or guard what is shared. */
void
collect_parallel(size_t n, unsigned jobs, void (*fn)(void *ctx, size_t i),
		 void *ctx);

/* Text helpers (collect_text.c). */

/* Appends s so that it is safe to show on one line: valid, printable UTF-8
 * is kept; other bytes, controls and backslashes become \xNN and \\. For
 * file names, which are bytes. */
void
collect_show_bytes(sbuf *b, const char *s);
/* A malloc'd copy made with collect_show_bytes, or NULL. */
char *
collect_show_dup(const char *s);

/* Text on one line: sanitized, runs of spaces collapsed, trimmed.
 * malloc'd, or NULL. */
char *
collect_one_line(const char *s);

/* The matching key of a country name: NFKC, case-folded, spaces collapsed
 * and trimmed. malloc'd, or NULL. */
char *
collect_fold(const char *s);

/* A file-name-safe slug of s: ASCII letters and digits lowercased, other
 * runs as one '-', trimmed, at most 60 bytes; "" when nothing is left. */
void
collect_slug(const char *s, char *out, size_t size);

/* Answer rendering shared by the report, the site and diff. */

/* "Prevention 6" or the item's title, as people name it: the words of
 * loadplan_item_label, in the language of messages. */
void
collect_item_label(sbuf *b, const qn *q, size_t item);

/* Text as paragraphs, as the text export writes an answer
 * (export_paragraphs), as a block of its own: no blank line before it or
 * after it. l->out is the output. */
void
collect_paragraphs(export_layout *l, const char *text);

/* The same for an item's answer: the value (export_value, in the
 * questionnaire's language) and, after a blank line, the explanation. */
void
collect_answer_paragraphs(export_layout *l, const plan *p, size_t item);

/* The answer as plain, unwrapped text: the value (export_value, in the
 * questionnaire's language) and, after a blank line, the explanation.
 * Empty when unanswered. */
void
collect_answer_plain(sbuf *b, const plan *p, size_t item);

/* Length of the answer in characters (code points): value (for a multi
 * item, its choice ids) plus explanation. */
size_t
collect_answer_chars(const plan *p, size_t item);

/* The outputs (one file each). */


/* report.txt of a group is made in pieces (its head, each item, its tail)
 * that may run on several threads at once, each written out as soon as
 * those before it are. collect_report_create begins the file in dir (NULL,
 * with the reason in diags, on failure); every piece must be made once;
 * collect_report_finish ends the file, hands it to o to be committed, and
 * frees r. The report borrows g and s. */
typedef struct collect_report collect_report;

collect_report *
collect_report_create(const char *dir, const collect_group *g,
		      const collect_set *s, diag_list *diags);
size_t
collect_report_n_pieces(const collect_report *r);
/* Makes piece k; any thread. False when the file has failed (no use
 * going on: the reason shows at collect_report_finish). */
bool
collect_report_piece(collect_report *r, size_t k);
/* Ends the file. False when a write failed (the reason in diags), or when
 * a piece is missing (the run stopped: nothing added to diags). */
bool
collect_report_finish(collect_out *o, collect_report *r, diag_list *diags);
/* Frees a report not finished, and its temporary file; NULL is a
 * no-op. */
void
collect_report_destroy(collect_report *r);
bool
collect_write_matrix(collect_out *o, const char *dir,
		     const collect_group *g, bool excel, diag_list *diags);

/* The site of a group, in the folder site_dir (which must exist), is
 * written in pieces that may run on several threads at once: the index,
 * each section's page, and ranges of country pages. collect_site_create
 * names every page (NULL when out of memory); the site borrows g, which
 * must outlive it. */
typedef struct collect_site collect_site;

collect_site *
collect_site_create(const char *site_dir, const collect_group *g);
/* NULL is a no-op. */
void
collect_site_destroy(collect_site *site);
bool
collect_site_index(collect_out *o, const collect_site *site,
		   diag_list *diags);
/* Section s's page; nothing for a details section, which has none. */
bool
collect_site_section(collect_out *o, const collect_site *site, size_t s,
		     diag_list *diags);
/* The pages of the group's plans from..to-1. */
bool
collect_site_countries(collect_out *o, const collect_site *site,
		       size_t from, size_t to, diag_list *diags);
bool
collect_write_submissions(collect_out *o, const char *dir,
			  const collect_set *s, diag_list *diags);
bool
collect_write_rejected(collect_out *o, const char *dir,
		       const collect_set *s, diag_list *diags);

#endif
