/* Validation of answers against the questionnaire's types and constraints.
 * A draft may be incomplete; a final plan must not be. */
#ifndef AP_VALIDATE_H
#define AP_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

typedef struct val_problem {
	size_t item;   /* index into plan->qn->items */
	char *message; /* owned; e.g. "an answer is required" */
	/* The answer was carried over from an earlier revision and not
	 * reviewed: the one problem an official may accept as it is. */
	bool carried;
} val_problem;

typedef struct val_list {
	val_problem *v;
	size_t n;
	size_t cap;
} val_list;

#define VAL_LIST_INIT {NULL, 0, 0}

/* Characters as people count them, which is what max_length limits and
 * the form counts: grapheme clusters of s[0..len) (valid UTF-8), so that
 * "ệ" is one character whether it is written composed or decomposed
 * (NFC or NFD), a Thai consonant with its marks one, an emoji with its
 * skin tone one. */
size_t
validate_char_count(const char *s, size_t len);

void
val_list_free(val_list *list);

/* Problems of one item's answer, appended to out (none for a hidden item).
 * With complete, a required item left empty is a problem too, and so is
 * an answer carried over and not reviewed ("carried over from revision 4,
 * not reviewed"). An item marked "does not apply" needs a reason of one
 * line, and a questionnaire that allows the mark. Returns the number of
 * problems added (out of memory counts as one problem). */
size_t
validate_item(const plan *p, size_t item, bool complete, val_list *out);

/* All problems in questionnaire order. Returns the number. */
size_t
validate_plan(const plan *p, bool complete, val_list *out);

/* What an official should see although the plan is valid: answers and
 * names holding bidirectional control characters (utext_bidi_control),
 * which make text read in another order wherever they are shown raw.
 * One message per item, in questionnaire order. Returns the number. */
size_t
validate_warnings(const plan *p, val_list *out);

/* Only the carried-over answers not reviewed (of shown items), as
 * validate_item reports them: for drafts, whose other problems wait. */
size_t
validate_carried(const plan *p, val_list *out);

/* True when every problem of the list is a carried-over answer. */
bool
validate_only_carried(const val_list *list);

/* Longest reason for "does not apply", in characters. */
#define VALIDATE_NA_MAX 500

/* Required, shown items answered (or marked "does not apply"), and
 * required, shown items in all. */
void
validate_progress(const plan *p, size_t *answered, size_t *required);

#endif
