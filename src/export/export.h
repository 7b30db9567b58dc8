/* Exports of a plan: the YAML export (the plan file, final) and the plain
 * text laid out like the source document. */
#ifndef AP_EXPORT_H
#define AP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "sbuf.h"
#include "utext.h"

struct i18n_cat;

typedef struct export_options {
	bool draft;        /* mark the text as a draft */
	size_t width;      /* wrap column; 0 = 72 */
	/* Under each translated title or heading, its English original
	 * (for coordinators who read plans in several languages). */
	bool bilingual;
} export_options;

/* The text export, laid out like the ARIAT plans of 2000: "DRAFT - not a
 * final plan" first when opt->draft; the plan title (qn->plan_title with
 * {ITEM-ID} replaced by answers); the details sections as "Label: value"
 * lines; then each section with something to print: its heading, and for
 * each shown item "N. Title: value" (yes/no, choices, dates, lines) or
 * "N. Title:" and the answer's paragraphs; an unnumbered text item is just
 * its paragraphs. Hidden items are left out; unanswered ones print
 * "(no answer)" with opt->draft and are left out otherwise. Blank lines
 * separate paragraphs; single line breaks are kept; "* " and "- " lines
 * are bullets with a hanging indent. Wrapped at opt->width (0 = 72) by
 * display width (utext_width_default); control characters are shown as
 * "^[" or "<U+0085>", tabs go to the next multiple of 4 columns. No
 * trailing spaces, one final '\n'; the same plan gives the same bytes on
 * any machine and under any locale. Returns a malloc'd NUL-terminated
 * buffer (length in *len) or NULL with a problem. opt may be NULL. */
char *
export_text(const plan *p, const export_options *opt, size_t *len,
	    diag_list *diags);

/* The HTML export (export_html.c): one self-contained document to print,
 * laid out like the text export (title, details as a list of labels and
 * values, each section's heading, each shown item's number and title as a
 * heading and its answer as paragraphs, "Does not apply: REASON"), in the
 * plan's language (the lang attribute too), with opt->draft's mark and
 * opt->bilingual's English titles; styles inline with a print stylesheet,
 * no script, nothing fetched (a Content-Security-Policy says so). Text is
 * sanitized as in the text export, then HTML-escaped. The same plan gives
 * the same bytes. Returns a malloc'd NUL-terminated buffer or NULL with a
 * problem. */
char *
export_html(const plan *p, const export_options *opt, size_t *len,
	    diag_list *diags);

/* The YAML export: a copy of the plan made final, serialized: hidden
 * items' answers are dropped, and a draft gets revision + 1 (a plan that
 * is already final keeps its revision). p itself is not changed. */
char *
export_yaml(const plan *p, size_t *len, diag_list *diags);

/* ---- The text export's pieces, for other plain-text outputs ----
 * The collector's report lays answers out with these, so that a plan reads
 * the same there as in its own export. */

/* Appends text so that nothing invisible or terminal-controlling reaches
 * the output: C0 controls and DEL in caret notation ("^[" for ESC, as
 * `cat -v` shows them), C1 controls and the Unicode line and paragraph
 * separators (which some viewers take for line ends) as "<U+0085>", bytes
 * that are not UTF-8 as U+FFFD. A tab becomes spaces up to the next
 * multiple of 4 columns (display width, counted from the start of the
 * line). '\n' is kept, or becomes a space when one_line. */
void
export_sanitize(sbuf *b, const char *s, size_t len, bool one_line);

/* Appends text on one line: sanitized (export_sanitize, one_line), runs
 * of spaces collapsed to one, no space first or last. */
void
export_one_line(sbuf *b, const char *s, size_t len);

/* Lines appended to an sbuf the way the text export writes them: wrapped
 * by display width (utext_width_default), without trailing spaces, and
 * with blank lines only between lines, never first or last. Initialise
 * with export_layout_init, free with export_layout_free. A failure
 * (memory) shows as out->failed. */
typedef struct export_layout {
	sbuf *out;    /* borrowed: where the lines go */
	size_t width; /* wrap column */
	bool started; /* a line was written (since init or reset) */
	bool blank;   /* a blank line is due before the next line */
	/* private, reused from call to call */
	utext_line *lines;
	size_t n_lines;
	sbuf tmp;
} export_layout;

/* width 0 means 72, the text export's default. */
void
export_layout_init(export_layout *l, sbuf *out, size_t width);
/* As just initialised: no blank line is due and the next line counts as
 * the first (for output that goes on after text written without the
 * layout). */
void
export_layout_reset(export_layout *l);
/* NULL is a no-op. */
void
export_layout_free(export_layout *l);

/* A blank line before the next line, if any line came before it; several
 * in a row make one. */
void
export_blank(export_layout *l);

/* One line of sanitized text (no '\n'), wrapped. A line starting with
 * "* " or "- " is a bullet: its text is wrapped 2 columns narrower and the
 * lines after the first are indented by 2 (a hanging indent). */
void
export_wrapped(export_layout *l, const char *s, size_t len);

/* An answer's text (raw UTF-8, sanitized here) as paragraphs: each line
 * kept as a line of its own and wrapped (export_wrapped), blank lines
 * between paragraphs collapsed to one. */
void
export_paragraphs(export_layout *l, const char *text, size_t len);

/* The value of an item's answer as the text export prints it: "Yes" or
 * "No", choice labels joined by ", ", dates as "31 January 2000" (or
 * "January 2000" for a month, and always with month_year, the way plan
 * titles name them), "Does not apply: REASON" for an item marked so,
 * otherwise the text. In the language of cat (an
 * i18n.h catalog; NULL: the questionnaire's own words). Appended
 * unsanitized; false, with nothing appended, when there is no value. */
bool
export_value(sbuf *b, const struct i18n_cat *cat, const plan *p,
	     size_t item, bool month_year);

/* "Does not apply: REASON", an item marked as not applying, in the
 * language of cat (NULL: English), appended unsanitized. export_value
 * gives it for such an item. */
void
export_not_applicable(sbuf *b, const struct i18n_cat *cat,
		      const char *reason);

/* The plan's title, made from the questionnaire's plan_title in the
 * language of cat (NULL: the questionnaire's): each {ITEM-ID} becomes
 * that item's answer (dates as month and year), an unanswered one
 * nothing (with the parentheses around it). Sanitized, on one line. */
void
export_title(sbuf *b, const plan *p, const struct i18n_cat *cat);

/* An item's head, "6. Compulsory education until the age of 16:": the
 * number when numbered and the item has one, the title in the language of
 * cat (NULL: the questionnaire's), and a colon unless the title ends in
 * '?', ':' or '.' (or their full-width forms). Unsanitized. */
void
export_item_head(sbuf *b, const struct i18n_cat *cat, const qn *q,
		 size_t item, bool numbered);

#endif
