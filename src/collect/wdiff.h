/* Word-level differences between two texts (a Myers diff over word tokens,
 * cleaned up semantically as diff-match-patch's cleanupSemantic does), in
 * plain text ("[-old-]{+new+}", as GNU wdiff writes it) or HTML
 * (<del>/<ins>), and the item-by-item comparison of two plans built on
 * them. Never prints. */
#ifndef AP_WDIFF_H
#define AP_WDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "sbuf.h"

struct i18n_cat;

/* ---- Tokens ---- */

/* Cuts s[0..len) into tokens that cover it without gaps: *ends (malloc'd,
 * the caller frees it; may be NULL at first) gets the end offset of each,
 * *n their number. A token is one of: a word of utext_words
 * (utext_break.h: Unicode's word boundaries, with dictionary words in
 * Thai from libthai and in Chinese, Japanese, Lao, Khmer and Myanmar from
 * ICU), so a change in them shows as whole words; a run of spaces and
 * tabs; one line end; one punctuation mark or symbol. The one place that
 * says what a word is: the rest of the diff only compares tokens. False
 * when out of memory. */
bool
wdiff_tokens(const char *s, size_t len, size_t **ends, size_t *n);

/* ---- The diff of two texts ---- */

typedef enum wdiff_op {
	WDIFF_SAME,
	WDIFF_DEL,
	WDIFF_INS,
} wdiff_op;

/* A stretch of the result: text in both (WDIFF_SAME, bytes of a), only in
 * the old (WDIFF_DEL, bytes of a) or only in the new (WDIFF_INS, bytes of
 * b). */
typedef struct wdiff_seg {
	wdiff_op op;
	size_t off;
	size_t len;
} wdiff_seg;

/* The differences of a against b (both borrowed: they must outlive the
 * result). The old text is the SAME and DEL stretches in order, the new
 * text the SAME and INS stretches; in each run of changes the deletion
 * comes first. */
typedef struct wdiff {
	const char *a;
	const char *b;
	wdiff_seg *v;
	size_t n;
	size_t cap;
} wdiff;

/* Most steps the diff takes on one pair of texts (about a second's work at
 * worst); past it the part not yet compared shows as one deletion and one
 * insertion. The same texts always give the same result. */
#define WDIFF_MAX_WORK (64u * 1024u * 1024u)

/* Computes the diff into d (zeroed or finished before). False when out of
 * memory (d is then empty). */
bool
wdiff_compute(wdiff *d, const char *a, size_t alen, const char *b,
	      size_t blen);

void
wdiff_free(wdiff *d);

/* True when the texts differ. */
bool
wdiff_changed(const wdiff *d);

/* Text with the changes marked: deleted text in "[-...-]", inserted text
 * in "{+...+}", everything else as it is, spaces and line ends included,
 * so that both texts can be rebuilt from it exactly: a backslash followed
 * by '\', '-' or '+' stands for that character, and it is written only
 * where a character would otherwise read as a mark (a '-' after '[' or a
 * '+' after '{' outside the marks, a '-' before ']' in a deletion, a '+'
 * before '}' in an insertion, a backslash before one of the three or at
 * the end of a stretch). With context, unchanged stretches that hold
 * whole paragraphs (text between blank lines) untouched are shortened to
 * "..." on a line of its own; without it, nothing is left out. */
void
wdiff_write_text(sbuf *out, const wdiff *d, bool context);

/* The same as HTML for the inside of an element styled
 * `white-space:pre-wrap`: deletions in <del>, insertions in <ins>, text
 * escaped, and with context "…" in <span class="skip"> for the paragraphs
 * left out. */
void
wdiff_write_html(sbuf *out, const wdiff *d, bool context);

/* wdiff_compute and wdiff_write_text(context false) in one: a malloc'd,
 * NUL-terminated string (length in *len when not NULL), or NULL when out
 * of memory. */
char *
wdiff_text(const char *old_text, const char *new_text, size_t *len);

/* ---- Two plans ---- */

typedef struct wdiff_counts {
	size_t added;
	size_t removed;
	size_t changed;
} wdiff_counts;

typedef enum wdiff_what {
	WDIFF_ADDED,
	WDIFF_REMOVED,
	WDIFF_CHANGED,
} wdiff_what;

/* Called for each item whose answer differs, in questionnaire order, with
 * the two answers as text (value, then after a blank line the
 * explanation; control characters made visible, as the text export shows
 * them; "" when unanswered). The words of values (yes/no, choices, dates)
 * are in the language of cat (NULL: the questionnaire's). Return false to
 * stop. */
typedef bool (*wdiff_item_fn)(void *ctx, size_t item, wdiff_what what,
			      const char *old_text, const char *new_text);

/* Walks the items of two plans of one questionnaire. Counts go to *counts
 * (may be NULL). False when the plans are of different questionnaires
 * (ids or versions), when out of memory (with a problem in diags, which
 * may be NULL) or when fn stopped. */
bool
wdiff_plan_items(const plan *old_plan, const plan *new_plan,
		 const struct i18n_cat *cat, wdiff_item_fn fn, void *ctx,
		 wdiff_counts *counts, diag_list *diags);

/* The text report of two plans: two lines naming the files ("--- OLD_NAME
 * (country, revision, status, modified)", "+++ ..."), then for each item
 * whose answer differs a line "LABEL (ID): added|removed|changed" and the
 * word diff of the answer with context. Returns a malloc'd text, or NULL
 * with a problem. */
char *
wdiff_plans(const plan *old_plan, const char *old_name,
	    const plan *new_plan, const char *new_name, wdiff_counts *counts,
	    size_t *len, diag_list *diags);

/* The same as a whole HTML page (diff --html) in the language of messages,
 * that works without JavaScript and escapes everything that comes from a
 * plan. */
char *
wdiff_plans_html(const plan *old_plan, const char *old_name,
		 const plan *new_plan, const char *new_name,
		 wdiff_counts *counts, size_t *len, diag_list *diags);

#endif
