/* The plan model: one questionnaire's answers, with status, revision and
 * timestamps. Front ends change answers only through these functions. */
#ifndef AP_PLAN_H
#define AP_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "qn.h"

/* The newest format of plan files read and written. Format 2 adds the
 * marks (not_applicable, carried_over, based_on); a plan without marks is
 * still written as format 1, which every earlier actionplan reads. */
#define PLAN_FORMAT_VERSION 2

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
	/* "Does not apply" (items that allow_na): the one-line reason, and
	 * then no value, values or explanation. NULL: not marked. */
	char *na_reason;
	/* Carried over from an earlier revision (or questionnaire version)
	 * and not reviewed since: carried_from is that revision. Changing the
	 * answer clears the mark, and so does plan_keep. */
	bool carried;
	unsigned long carried_from;
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
	/* A new revision not yet made final: it was started from the final
	 * plan of revision base_revision (revision is one more), found then
	 * in base_file (owned, may be NULL). Dropped when made final. */
	bool has_base;
	unsigned long base_revision;
	char *base_file;
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
 * U+FFFE and U+FFFF become U+FFFD, as plan files cannot hold them. A
 * setter that changes what is stored clears the item's carried-over mark;
 * a value that is not empty also clears "does not apply". They
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

/* Marks the item "does not apply" with reason (one line, checked by
 * validation), clearing its answer; NULL or "" takes the mark away. False
 * (nothing changed) when out of memory, when reason is not UTF-8, or when
 * the item does not allow it. */
bool
plan_set_not_applicable(plan *p, size_t item, const char *reason);

/* Empties the item: answer, "does not apply" and carried-over mark. */
void
plan_clear_answer(plan *p, size_t item);

/* Carried-over marks. plan_mark_carried marks an answered item (false,
 * nothing done, when it has no answer); plan_keep clears the mark (the
 * answer was reviewed and stays); plan_keep_all clears every mark and
 * returns how many there were; plan_n_carried counts the marks of shown
 * items. */
bool
plan_mark_carried(plan *p, size_t item, unsigned long from);
void
plan_keep(plan *p, size_t item);
size_t
plan_keep_all(plan *p);
size_t
plan_n_carried(const plan *p);

/* Records that p is a new revision of the final plan of revision rev,
 * read from file (copied; NULL: unknown): revision becomes rev + 1. False
 * when out of memory or rev cannot be raised. */
bool
plan_set_base(plan *p, unsigned long rev, const char *file);

/* The next revision of a final plan: a draft of the same questionnaire
 * with every answer of old (and every "does not apply") marked carried
 * over from old's revision, except the items of the country, language and
 * date roles; the date item holds today's month (or day, by its
 * precision; SOURCE_DATE_EPOCH fixes today); revision old's + 1, based on
 * old (base_file file, may be NULL); created and modified now. NULL when
 * out of memory or old's revision cannot be raised. */
plan *
plan_next_revision(const plan *old, const char *file);

/* True when the format-2 marks are used (plan files then need format 2). */
bool
plan_has_marks(const plan *p);

/* True when the item has any answer (value, values or explanation) or is
 * marked "does not apply". */
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
 * revision; a new revision keeps the one it has, its base's + 1, and
 * forgets its base). Carried-over marks stay: validation refuses them in
 * a final plan. False, with the plan unchanged, when the revision cannot
 * be raised any more. */
bool
plan_make_final(plan *p);

/* Writes a UTC timestamp for "now" (honouring SOURCE_DATE_EPOCH). */
void
plan_now(char out[32]);

/* True when two answers say the same: value, values, explanation and
 * "does not apply" (the carried-over mark is not compared). */
bool
plan_answer_equal(const plan_answer *a, const plan_answer *b);

/* True when the two plans have the same answers, marks, base, status and
 * revision (timestamps are ignored). Both must be of the same
 * questionnaire. */
bool
plan_equal_answers(const plan *a, const plan *b);

#endif
