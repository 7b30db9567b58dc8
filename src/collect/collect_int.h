/* Private parts shared by the collector's files: a growing buffer that can
 * drain into a file, the batch of output files, text helpers, and the
 * generators of each output. Not for use outside src/collect. */
#ifndef AP_COLLECT_INT_H
#define AP_COLLECT_INT_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect.h"
#include "diag.h"
#include "plan.h"
#include "qn.h"
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

/* A growing byte buffer, NUL-terminated. The first failure (memory, or a
 * write when the buffer drains into a file) sets failed and every later
 * append is ignored, so callers check once at the end. With fd >= 0 the
 * buffer writes itself out whenever it holds more than a threshold, so a
 * large output never sits whole in memory. */
typedef struct collect_buf {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
	int fd;        /* -1: keep everything in memory */
	int err;       /* errno of a failed write */
	size_t total;  /* bytes written to fd so far */
} collect_buf;

#define COLLECT_BUF_INIT {NULL, 0, 0, false, -1, 0, 0}

void
collect_buf_add(collect_buf *b, const char *s, size_t n);
void
collect_buf_str(collect_buf *b, const char *s);
void
collect_buf_char(collect_buf *b, char c);
void
collect_buf_cp(collect_buf *b, uint32_t cp);
void
collect_buf_printf(collect_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Writes out what the buffer holds (fd >= 0 only). */
void
collect_buf_flush(collect_buf *b);
/* The text so far (NULL-safe: "" when empty). */
const char *
collect_buf_cstr(const collect_buf *b);
void
collect_buf_reset(collect_buf *b);
void
collect_buf_finish(collect_buf *b);

/* A set of output files written as temporary files first, made durable
 * together and then renamed into place. */
typedef struct collect_out collect_out;

collect_out *
collect_out_create(void);
/* Starts dir/name: a temporary file in dir that b then drains into. b must
 * be COLLECT_BUF_INIT-like (empty). */
bool
collect_out_begin(collect_out *o, const char *dir, const char *name,
		  collect_buf *b, diag_list *diags);
/* Finishes the file begun on b (flush, close); b is reset to in-memory. */
bool
collect_out_end(collect_out *o, collect_buf *b, diag_list *diags);
/* The whole file at once. */
bool
collect_out_file(collect_out *o, const char *dir, const char *name,
		 const char *data, size_t len, diag_list *diags);
/* Syncs every finished file, renames each over its name, syncs the
 * folders. */
bool
collect_out_commit(collect_out *o, diag_list *diags);
/* Removes temporary files not committed; NULL is a no-op. */
void
collect_out_destroy(collect_out *o);

/* Text helpers (collect_text.c). */

/* Appends s so that it is safe to show on one line: valid, printable UTF-8
 * is kept; other bytes, controls and backslashes become \xNN and \\. For
 * file names, which are bytes. */
void
collect_show_bytes(collect_buf *b, const char *s);
/* A malloc'd copy made with collect_show_bytes, or NULL. */
char *
collect_show_dup(const char *s);

/* Appends valid UTF-8 text with controls made visible the way the text
 * export does ("^[", "<U+0085>", tabs to stops of 4); '\n' kept, or a
 * space when one_line. b must keep its text in memory (fd < 0): tab stops
 * are measured on it. */
void
collect_sanitize(collect_buf *b, const char *s, size_t len, bool one_line);

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

/* utext_wrap for printable ASCII only (faster, same lines). *lines (NULL
 * at first) grows as needed, *cap its capacity; the caller frees it. */
bool
collect_wrap_ascii(const char *s, size_t len, size_t width,
		   utext_line **lines, size_t *cap, size_t *n_lines);

/* Answer rendering shared by the report, the site and diff. */

/* The value as printed: "Yes"/"No", choice labels joined by ", ", dates
 * as "January 2000" or "31 January 2000", otherwise the text. Unsanitized.
 * false (nothing appended) when there is no value. */
bool
collect_value_text(collect_buf *b, const qn_item *it, const plan_answer *a);

/* "6. Title:" as the text export heads an item: number (when numbered),
 * title, and a colon unless the title ends in '?', ':' or '.'. */
void
collect_item_head(collect_buf *b, const qn_item *it, bool numbered);

/* "Prevention 6" or the item's title, as people name it. */
void
collect_item_label(collect_buf *b, const qn *q, size_t item);

/* Paragraphs wrapped to width, as the text export writes an answer: lines
 * kept, blank lines between paragraphs collapsed to one, bullets ("* ",
 * "- ") with a hanging indent. Sanitized. No trailing blank line. */
void
collect_paragraphs(collect_buf *b, const char *text, size_t width);

/* The answer as plain, unwrapped text: the value (see collect_value_text)
 * and, after a blank line, the explanation. Empty when unanswered. */
void
collect_answer_plain(collect_buf *b, const plan *p, size_t item);

/* Length of the answer in characters (code points): value (for a multi
 * item, its choice ids) plus explanation. */
size_t
collect_answer_chars(const plan *p, size_t item);

/* The outputs (one file each). */

bool
collect_write_report(collect_out *o, const char *dir,
		     const collect_group *g, const collect_set *s,
		     diag_list *diags);
bool
collect_write_matrix(collect_out *o, const char *dir,
		     const collect_group *g, bool excel, diag_list *diags);
bool
collect_write_site(collect_out *o, const char *dir, const collect_group *g,
		   diag_list *diags);
bool
collect_write_submissions(collect_out *o, const char *dir,
			  const collect_set *s, diag_list *diags);
bool
collect_write_rejected(collect_out *o, const char *dir,
		       const collect_set *s, diag_list *diags);

#endif
