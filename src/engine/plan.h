/* The plan model: one questionnaire's answers, with status, revision and
 * timestamps. Front ends change answers only through these functions. */
#ifndef AP_PLAN_H
#define AP_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "qn.h"

#define PLAN_FORMAT_VERSION 1

typedef enum {
	PLAN_DRAFT,
	PLAN_FINAL,
} plan_status;

/* One answer. Unanswered: value == NULL, n_values == 0, explanation NULL.
 * All strings are UTF-8 with LF line ends, owned by the plan. */
typedef struct plan_answer {
	char *value;       /* every type but QN_MULTI */
	char **values;     /* QN_MULTI: choice ids, in questionnaire order */
	size_t n_values;
	char *explanation; /* items with explain */
} plan_answer;

typedef struct plan {
	const qn *qn; /* borrowed: must outlive the plan */
	plan_status status;
	unsigned long revision; /* 0 for a plan never made final */
	char created[32];       /* "2026-11-28T09:14:36Z", UTC */
	char modified[32];
	/* One per qn->n_items, same order. */
	plan_answer *answers;
	/* Extra answers the loader could not place (unknown item ids), kept
	 * only so a front end can warn; never saved. */
	size_t n_unknown;
	/* Borrowed, or NULL: where the answers' strings are allocated when
	 * set (see plan_create_in). */
	arena *text;
} plan;

/* A new empty draft of questionnaire q, created and modified now.
 * NULL when out of memory. Free with plan_destroy. */
plan *
plan_create(const qn *q);

/* The same, with every answer string the plan is given allocated in text
 * (which must outlive the plan) instead of one by one: for plans kept in
 * bulk and never edited, such as collect's. A string replaced or cleared
 * stays in the arena until it is destroyed. */
plan *
plan_create_in(const qn *q, arena *text);

void
plan_destroy(plan *p);

/* Deep copy (same questionnaire), with its strings malloc'd whatever p's
 * are. NULL when out of memory. */
plan *
plan_clone(const plan *p);

/* Setters copy their arguments; CRLF and lone CR become LF, U+FEFF becomes
 * U+2060 (WORD JOINER, what it means inside text) and the noncharacters
 * U+FFFE and U+FFFF become U+FFFD, as plan files cannot hold them. They
 * return false when out of memory, when the text is not strict UTF-8,
 * when item is out of range, or when the item cannot hold that part of
 * an answer
 * (plan_set_value on QN_MULTI, plan_set_explanation on an item without
 * explain, plan_set_values on anything but QN_MULTI); the answer is then
 * unchanged. NULL or "" clears. Values are not checked against the item's
 * type or constraints: that is validate.h's job. */
bool
plan_set_value(plan *p, size_t item, const char *value);
bool
plan_set_explanation(plan *p, size_t item, const char *text);
/* QN_MULTI: replaces the selected choice ids. They are stored in
 * questionnaire order, ids the item does not offer last (in the order
 * given); duplicates, NULLs and "" are dropped. */
bool
plan_set_values(plan *p, size_t item, const char *const *values, size_t n);

void
plan_clear_answer(plan *p, size_t item);

/* True when the item has any answer (value, values or explanation). */
bool
plan_answered(const plan *p, size_t item);

/* True when the item's condition holds (or it has none), and the item its
 * condition looks at is shown too. For QN_MULTI any selected choice counts;
 * for items with explain, the value is compared. */
bool
plan_item_shown(const plan *p, size_t item);

/* Answer of the questionnaire's country item, or NULL. */
const char *
plan_country(const plan *p);

/* Sets modified (and created if empty) to the given time, or to now when
 * t is -1 (or a time that cannot be written as a year 0 to 9999). The environment variable SOURCE_DATE_EPOCH, when set,
 * fixes "now" so tests and reproducible exports get the same bytes. */
void
plan_touch(plan *p, long long t);

/* Makes a draft final: drops the answers of hidden items, sets the status
 * final and raises the revision by one (a plan already final keeps its
 * revision). False, with the plan unchanged, when the revision cannot be
 * raised any more. */
bool
plan_make_final(plan *p);

/* Writes a UTC timestamp for "now" (honouring SOURCE_DATE_EPOCH). */
void
plan_now(char out[32]);

/* True when the two plans have the same answers, status and revision
 * (timestamps are ignored). Both must be of the same questionnaire. */
bool
plan_equal_answers(const plan *a, const plan *b);

#endif
