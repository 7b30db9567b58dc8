/* Undo and redo of the answers: one history per item, kept for the whole
 * session (moving between items keeps it), all of them together bounded
 * in memory. No curses here: the form applies the steps to its fields. */
#ifndef AP_HISTORY_H
#define AP_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

/* Memory all histories of a session may use, counting each step's text
 * and HIST_STEP_COST for its record: past it the oldest steps (of any
 * item) are forgotten. The newest step of an item is always kept, even
 * when it alone is larger (a paste of up to 8 MiB can always be undone). */
#define HIST_BUDGET ((size_t)64 << 20)
#define HIST_STEP_COST 96

/* One step: in field `field` of the item, the bytes old[0..old_len) at
 * byte offset pos were replaced by new[0..new_len); the cursor was at
 * cur_before and ended at cur_after. A choice's step replaces the whole
 * choice, written out as the form chooses. */
typedef struct hist_step {
	int field;
	int kind;
	size_t pos;
	char *old;
	size_t old_len;
	char *new;
	size_t new_len, new_cap;
	size_t cur_before, cur_after;
	unsigned long long seq; /* order of recording, over all items */
	bool open;              /* typing or deleting may still join it */
} hist_step;

/* How a change joins the step before it. */
typedef enum hist_kind {
	HK_TYPE,   /* typed text: joins typing just before it, a word at a
		    * time (a new step starts with a word after a blank) */
	HK_DELETE, /* Backspace or Delete: joins the same just before it */
	HK_OTHER,  /* a paste, a cut, a yank, an external edit, a choice:
		    * a step of its own */
} hist_kind;

typedef struct hist_store hist_store;
typedef struct hist hist;

/* Histories for n_items items (all empty); NULL when out of memory.
 * budget: HIST_BUDGET, or less for tests. */
hist_store *
hist_store_create(size_t n_items, size_t budget);
void
hist_store_destroy(hist_store *s);

/* The history of item i (owned by the store), NULL when i is out of
 * range. */
hist *
hist_of(hist_store *s, size_t i);

/* Bytes the store counts now (text plus HIST_STEP_COST a step). */
size_t
hist_store_used(const hist_store *s);

/* Records a change (copies the bytes). The redo steps are forgotten.
 * False when out of memory: the history of the item is then cleared
 * (undo must never apply to a text it does not describe). h may be
 * NULL: nothing is recorded. */
bool
hist_record(hist *h, hist_kind kind, int field, size_t pos,
	    const char *old, size_t old_len, const char *new, size_t new_len,
	    size_t cur_before, size_t cur_after);

/* The next change starts a step of its own (after a cursor move, another
 * field, another item). NULL is a no-op. */
void
hist_break(hist *h);

/* Applies a step: in field step->field, bytes [pos, pos + from_len) must
 * be from[0..from_len) and become to[0..to_len), the cursor going to
 * cursor. False when the text is not what the step expects (it changed
 * some other way): the caller's history is then cleared. */
typedef bool (*hist_apply_fn)(void *ctx, int field, size_t pos,
			      const char *from, size_t from_len,
			      const char *to, size_t to_len, size_t cursor);

/* The newest step undone (or the step undone last redone). Returns its
 * field (>= 0), -1 when there is nothing to undo (redo), -2 when apply
 * refused it (the history was cleared). */
int
hist_undo(hist *h, hist_apply_fn apply, void *ctx);
int
hist_redo(hist *h, hist_apply_fn apply, void *ctx);

/* Steps that can be undone and redone. */
size_t
hist_n_undo(const hist *h);
size_t
hist_n_redo(const hist *h);

/* Forgets every step of h. */
void
hist_clear(hist *h);

#endif
