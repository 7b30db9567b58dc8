/* Exports of a plan: the YAML export (the plan file, final) and the plain
 * text laid out like the source document. */
#ifndef AP_EXPORT_H
#define AP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "utext.h"

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

/* The YAML export: a copy of the plan made final, serialized: hidden
 * items' answers are dropped, and a draft gets revision + 1 (a plan that
 * is already final keeps its revision). p itself is not changed. */
char *
export_yaml(const plan *p, size_t *len, diag_list *diags);

/* "January 2000" from "2000-01" or "2000-01-31" (English month names,
 * whatever the locale); malloc'd, NULL if not a valid date. */
char *
export_month_year(const char *date);

#endif
