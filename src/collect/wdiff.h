/* What changed between two revisions of a plan, item by item, with a
 * word-level diff of each changed answer ("[-old words-]{+new words+}", as
 * GNU wdiff writes it). Never prints. */
#ifndef AP_WDIFF_H
#define AP_WDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"

/* Most cells of the table the word diff computes at once (each 4 bytes);
 * past it (after the common start and end are set aside) the changed
 * part is shown as one deletion and one insertion. */
#define WDIFF_MAX_CELLS (4u * 1024u * 1024u)

/* The word diff of two texts: unchanged text as it is, deleted text in
 * [-...-], inserted text in {+...+}, a deletion before the insertion that
 * replaces it. Words are those of utext_words (utext_break.h): Unicode's
 * word boundaries, with dictionary words in Thai (libthai), Chinese, Lao,
 * Khmer and Myanmar (ICU), so a change in them shows as whole words; a
 * punctuation mark is a word of its own. Returns a malloc'd,
 * NUL-terminated string (length in *len when not NULL), or NULL when out
 * of memory. */
char *
wdiff_text(const char *old_text, const char *new_text, size_t *len);

typedef struct wdiff_counts {
	size_t added;
	size_t removed;
	size_t changed;
} wdiff_counts;

/* The differences between two plans of the same questionnaire (same id
 * and version: checked; otherwise NULL with a problem in diags). For each
 * item in questionnaire order whose answer differs, a header line
 * "LABEL (ID): added|removed|changed" and the word diff of the answer as
 * text, paragraph by paragraph: paragraphs that did not change are left
 * out ("..." stands for them). Before the items, two lines name the
 * files: "--- OLD_NAME (country, revision, status, modified)" and "+++ ...".
 * The counts go to *counts. Returns a malloc'd text, or NULL with a
 * problem. */
char *
wdiff_plans(const plan *old_plan, const char *old_name,
	    const plan *new_plan, const char *new_name, wdiff_counts *counts,
	    size_t *len, diag_list *diags);

#endif
