/* Undo and redo of the answers: each item's steps as two stacks (undo,
 * redo) of replacements with the bytes on both sides, typing and deleting
 * joined into a step a word at a time, and one memory budget over all
 * items that forgets the oldest steps first. */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

struct hist {
	hist_store *store;
	hist_step *undo;  /* undo[head..n_undo): oldest first */
	size_t head, n_undo, cap_undo;
	hist_step *redo;  /* the step undone last at the end */
	size_t n_redo, cap_redo;
};

struct hist_store {
	hist *items;
	size_t n;
	size_t used, budget;
	unsigned long long seq;
};

static size_t
cost(const hist_step *st)
{
	return HIST_STEP_COST + st->old_len + st->new_cap;
}

static void
step_free(hist_store *s, hist_step *st)
{
	s->used -= cost(st);
	free(st->old);
	free(st->new);
}

hist_store *
hist_store_create(size_t n_items, size_t budget)
{
	hist_store *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->items = calloc(n_items ? n_items : 1, sizeof *s->items);
	if (!s->items) {
		free(s);
		return NULL;
	}
	s->n = n_items;
	s->budget = budget;
	for (size_t i = 0; i < n_items; i++)
		s->items[i].store = s;
	return s;
}

void
hist_store_destroy(hist_store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		hist_clear(&s->items[i]);
		free(s->items[i].undo);
		free(s->items[i].redo);
	}
	free(s->items);
	free(s);
}

hist *
hist_of(hist_store *s, size_t i)
{
	return s && i < s->n ? &s->items[i] : NULL;
}

size_t
hist_store_used(const hist_store *s)
{
	return s->used;
}

static void
clear_redo(hist *h)
{
	while (h->n_redo > 0)
		step_free(h->store, &h->redo[--h->n_redo]);
}

void
hist_clear(hist *h)
{
	if (!h)
		return;
	clear_redo(h);
	while (h->n_undo > h->head)
		step_free(h->store, &h->undo[--h->n_undo]);
	h->head = h->n_undo = 0;
}

void
hist_break(hist *h)
{
	if (h && h->n_undo > h->head)
		h->undo[h->n_undo - 1].open = false;
}

size_t
hist_n_undo(const hist *h)
{
	return h ? h->n_undo - h->head : 0;
}

size_t
hist_n_redo(const hist *h)
{
	return h ? h->n_redo : 0;
}

/* Over the budget: the oldest step of any item goes, as long as that
 * item keeps at least its newest one. */
static void
enforce_budget(hist_store *s)
{
	while (s->used > s->budget) {
		hist *oldest = NULL;

		for (size_t i = 0; i < s->n; i++) {
			hist *h = &s->items[i];

			if (h->n_undo - h->head < 2)
				continue;
			if (!oldest ||
			    h->undo[h->head].seq < oldest->undo[oldest->head].seq)
				oldest = h;
		}
		if (!oldest)
			return;
		step_free(s, &oldest->undo[oldest->head++]);
		if (oldest->head > 64 && oldest->head * 2 > oldest->n_undo) {
			memmove(oldest->undo, oldest->undo + oldest->head,
				(oldest->n_undo - oldest->head) *
					sizeof *oldest->undo);
			oldest->n_undo -= oldest->head;
			oldest->head = 0;
		}
	}
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Makes room for more bytes in st->new, counting them. */
static bool
grow_new(hist_store *s, hist_step *st, size_t more)
{
	size_t want = st->new_len + more, cap = st->new_cap ? st->new_cap : 16;
	char *v;

	if (want < st->new_len)
		return false;
	if (want <= st->new_cap)
		return true;
	while (cap < want)
		cap = cap > (size_t)-1 / 2 ? want : cap * 2;
	v = realloc(st->new, cap);
	if (!v)
		return false;
	s->used += cap - st->new_cap;
	st->new = v;
	st->new_cap = cap;
	return true;
}

/* Joins the change to the open step st when it continues it; true when
 * it did (or failed: *ok false). */
static bool
join(hist *h, hist_step *st, hist_kind kind, int field, size_t pos,
     const char *old, size_t old_len, const char *new, size_t new_len,
     size_t cur_after, bool *ok)
{
	char *v;

	*ok = true;
	if (!st->open || st->field != field || (int)kind != st->kind ||
	    kind == HK_OTHER)
		return false;
	if (kind == HK_TYPE) {
		if (old_len != 0 || st->old_len != 0 ||
		    pos != st->pos + st->new_len || new_len == 0)
			return false;
		/* A word typed after a blank starts a step of its own. */
		if (st->new_len > 0 && blank(st->new[st->new_len - 1]) &&
		    !blank(new[0]))
			return false;
		if (!grow_new(h->store, st, new_len)) {
			*ok = false;
			return true;
		}
		memcpy(st->new + st->new_len, new, new_len);
		st->new_len += new_len;
		st->cur_after = cur_after;
		return true;
	}
	if (new_len != 0 || st->new_len != 0 || old_len == 0 ||
	    (pos + old_len != st->pos && pos != st->pos))
		return false;
	v = realloc(st->old, st->old_len + old_len);
	if (!v) {
		*ok = false;
		return true;
	}
	if (pos + old_len == st->pos) {
		/* Backspace: the bytes go before. */
		memmove(v + old_len, v, st->old_len);
		memcpy(v, old, old_len);
		st->pos = pos;
	} else {
		memcpy(v + st->old_len, old, old_len);
	}
	st->old = v;
	st->old_len += old_len;
	h->store->used += old_len;
	st->cur_after = cur_after;
	return true;
}

bool
hist_record(hist *h, hist_kind kind, int field, size_t pos,
	    const char *old, size_t old_len, const char *new, size_t new_len,
	    size_t cur_before, size_t cur_after)
{
	hist_step st, *last;
	hist_step *v;
	bool ok;

	if (!h)
		return true;
	clear_redo(h);
	last = h->n_undo > h->head ? &h->undo[h->n_undo - 1] : NULL;
	if (last && join(h, last, kind, field, pos, old, old_len, new, new_len,
			 cur_after, &ok)) {
		if (!ok)
			goto fail;
		enforce_budget(h->store);
		return true;
	}
	if (last)
		last->open = false;
	memset(&st, 0, sizeof st);
	st.field = field;
	st.kind = (int)kind;
	st.pos = pos;
	st.cur_before = cur_before;
	st.cur_after = cur_after;
	st.open = kind != HK_OTHER;
	st.seq = ++h->store->seq;
	st.old = malloc(old_len ? old_len : 1);
	if (!st.old)
		goto fail;
	memcpy(st.old, old, old_len);
	st.old_len = old_len;
	h->store->used += cost(&st);
	if (!grow_new(h->store, &st, new_len)) {
		step_free(h->store, &st);
		goto fail;
	}
	if (new_len)
		memcpy(st.new, new, new_len);
	st.new_len = new_len;
	v = grow_array(h->undo, &h->cap_undo, h->n_undo, sizeof *v, 16);
	if (!v) {
		step_free(h->store, &st);
		goto fail;
	}
	h->undo = v;
	h->undo[h->n_undo++] = st;
	enforce_budget(h->store);
	return true;
fail:
	hist_clear(h);
	return false;
}

/* Moves the newest step of one stack to the other, applying it: undone
 * (new back to old, the cursor to where it was before) or redone. */
static int
move_step(hist *h, bool undo, hist_apply_fn apply, void *ctx)
{
	hist_step **from = undo ? &h->undo : &h->redo;
	hist_step **to = undo ? &h->redo : &h->undo;
	size_t *n_from = undo ? &h->n_undo : &h->n_redo;
	size_t *n_to = undo ? &h->n_redo : &h->n_undo;
	size_t *cap_to = undo ? &h->cap_redo : &h->cap_undo;
	size_t floor = undo ? h->head : 0;
	hist_step st, *v;
	bool ok;

	if (*n_from == floor)
		return -1;
	st = (*from)[*n_from - 1];
	v = grow_array(*to, cap_to, *n_to, sizeof *v, 16);
	if (!v)
		return -1;
	*to = v;
	ok = undo ? apply(ctx, st.field, st.pos, st.new, st.new_len, st.old,
			  st.old_len, st.cur_before) :
		    apply(ctx, st.field, st.pos, st.old, st.old_len, st.new,
			  st.new_len, st.cur_after);
	if (!ok) {
		hist_clear(h);
		return -2;
	}
	st.open = false;
	(*n_from)--;
	(*to)[(*n_to)++] = st;
	return st.field;
}

int
hist_undo(hist *h, hist_apply_fn apply, void *ctx)
{
	return h ? move_step(h, true, apply, ctx) : -1;
}

int
hist_redo(hist *h, hist_apply_fn apply, void *ctx)
{
	return h ? move_step(h, false, apply, ctx) : -1;
}
