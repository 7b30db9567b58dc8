/* The chooser for long lists (a country among 249): the entries that
 * match what is typed, narrowed as one types, one picked with Enter. One
 * job, apart from the pager (list.c): typing is the filter, not keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#include "itype.h"
#include "textfold.h"
#include "tui_int.h"

/* Longest filter kept: a name, not a text. */
#define FILTER_MAX 256

/* Most entries shown: every country fits. */
#define PICK_MAX 1024

typedef struct picking {
	const tui_picker *p;
	char filter[FILTER_MAX];
	size_t flen;
	const void *ids[PICK_MAX];
	size_t n, sel, top;
} picking;

static void
refilter(picking *s)
{
	size_t n = s->p->find(s->p->ctx, s->filter, s->ids, PICK_MAX);

	s->n = n < PICK_MAX ? n : PICK_MAX;
	s->sel = s->top = 0;
}

/* Appends typed or pasted text to the filter: only what can be shown on
 * one line (no controls), whole characters, up to FILTER_MAX. */
static void
filter_add(picking *s, const char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		size_t start = pos;
		uint32_t cp = utext_next(text, len, &pos);

		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			continue;
		if (s->flen + (pos - start) >= FILTER_MAX)
			break;
		memcpy(s->filter + s->flen, text + start, pos - start);
		s->flen += pos - start;
	}
	s->filter[s->flen] = '\0';
}

/* Backspace: the last character cluster of the filter. */
static void
filter_back(picking *s)
{
	if (s->flen == 0)
		return;
	s->flen = utext_cluster_start(s->filter, s->flen, s->flen);
	s->filter[s->flen] = '\0';
}

static void
draw(tui *t, WINDOW *w, picking *s, int page)
{
	const char *lab = _("Type to narrow the list: ");
	char line[512];
	int x;

	werase(w);
	wattrset(w, A_BOLD);
	tui_draw_cut(t, w, 0, 1, s->p->title, strlen(s->p->title),
		     t->cols - 2);
	wattrset(w, A_NORMAL);
	x = 1 + tui_draw_cut(t, w, 1, 1, lab, strlen(lab), t->cols - 2);
	x += tui_draw_cut(t, w, 1, x, s->filter, s->flen, t->cols - 1 - x);
	if (s->n == 0) {
		const char *none = _("nothing matches; Backspace widens the "
				     "search");
		tui_draw_cut(t, w, 3, 1, none, strlen(none), t->cols - 2);
	}
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)page)
		s->top = s->sel - (size_t)page + 1;
	for (int y = 0; y < page && s->top + (size_t)y < s->n; y++) {
		size_t i = s->top + (size_t)y;
		int lx;

		s->p->label(s->p->ctx, s->ids[i], line, sizeof line);
		wattrset(w, i == s->sel ? A_REVERSE : A_NORMAL);
		lx = tui_draw_cut(t, w, 3 + y, 1, line, strlen(line),
				  t->cols - 2);
		if (i == s->sel)
			for (lx += 1; lx < t->cols - 1; lx++)
				mvwaddch(w, 3 + y, lx, ' ');
		wattrset(w, A_NORMAL);
	}
	/* The cursor where typing goes. */
	wmove(w, 1, x < t->cols ? x : t->cols - 1);
}

const void *
tui_pick(tui *t, const tui_picker *p, const char *initial)
{
	picking *s = calloc(1, sizeof(*s));
	WINDOW *w = NULL, *h = NULL;
	const void *result = NULL;
	int page = 1, cursor = curs_set(1);

	if (s == NULL) {
		tui_message(t, true, "%s", _("out of memory"));
		return NULL;
	}
	s->p = p;
	if (initial)
		filter_add(s, initial, strlen(initial));
	refilter(s);
	t->in_list++;
	for (;;) {
		wint_t ch;
		tui_keykind k;
		tui_screen_action act;

		if (t->too_small) {
			tui_draw_too_small(t);
			doupdate();
		} else {
			if (!w)
				tui_screen_windows(t, p->hint, &w, &h);
			page = t->rows - 5 > 1 ? t->rows - 5 : 1;
			draw(t, w, s, page);
			wnoutrefresh(w);
			doupdate();
		}
		k = tui_get_key(t, &ch);
		if (k == TK_RESIZE) {
			if (w)
				delwin(w);
			if (h)
				delwin(h);
			w = h = NULL;
			continue;
		}
		if (k == TK_TICK)
			continue;
		if (t->too_small) {
			/* Too small is inert: nothing typed changes the
			 * choice. */
			if (k == TK_PASTE)
				tui_drop_paste(t);
			continue;
		}
		if (k == TK_PASTE) {
			filter_add(s, t->paste, t->paste_len);
			tui_drop_paste(t);
			refilter(s);
			continue;
		}
		act = tui_keyset_action(TUI_KEYS_PICKER, ch, k == TK_KEY);
		if (tui_list_move(act, (size_t)page, s->n ? s->n - 1 : 0,
				  &s->sel))
			continue;
		if (act == SA_CHOOSE) {
			if (s->n > 0) {
				result = s->ids[s->sel];
				break;
			}
		} else if (act == SA_CANCEL) {
			break;
		} else if (act == SA_FILTER_BACK) {
			filter_back(s);
			refilter(s);
		} else if (act == SA_FILTER_CLEAR) {
			s->flen = 0;
			s->filter[0] = '\0';
			refilter(s);
		} else if (k == TK_CHAR && ch >= 0x20 && ch != 0x7f) {
			char u[4];
			size_t n = utext_encode((uint32_t)ch, u);

			filter_add(s, u, n);
			refilter(s);
		}
	}
	if (w)
		delwin(w);
	if (h)
		delwin(h);
	if (cursor != ERR)
		curs_set(cursor);
	t->in_list--;
	t->dirty = D_ALL;
	free(s);
	return result;
}

/* --- options of an item --- */

typedef struct opt_ctx {
	const qn *q;
	size_t item;
} opt_ctx;

/* ids are option index + 1 (NULL is "none"). */
static const void *
opt_id(size_t k)
{
	return (const void *)(uintptr_t)(k + 1);
}

static size_t
opt_find(void *ctx, const char *filter, const void **ids, size_t max)
{
	const opt_ctx *o = ctx;
	const qn_item *it = &o->q->items[o->item];
	const itype *ty = itype_of(it);
	size_t n = ty->n_options(it), found = 0;
	char *key;

	if (ty->filter) {
		size_t idx[PICK_MAX];

		found = ty->filter(it, filter, idx, PICK_MAX);
		for (size_t i = 0; i < found && i < max && i < PICK_MAX; i++)
			ids[i] = opt_id(idx[i]);
		return found;
	}
	/* Labels and ids that hold the text, case and accents aside. */
	key = textfold(filter, true);
	for (size_t k = 0; k < n; k++) {
		char *lab = textfold(ty->option_label(o->q, o->item, k), true);
		char *id = textfold(ty->option_id(it, k), true);
		bool hit = key == NULL || (lab && strstr(lab, key)) ||
			   (id && strstr(id, key));

		if (hit && found < max)
			ids[found] = opt_id(k);
		found += hit;
		free(lab);
		free(id);
	}
	free(key);
	return found;
}

static void
opt_label(void *ctx, const void *id, char *buf, size_t size)
{
	const opt_ctx *o = ctx;
	size_t k = (size_t)(uintptr_t)id - 1;

	snprintf(buf, size, "%s",
		 itype_of(&o->q->items[o->item])->option_label(o->q, o->item,
							       k));
}

long
tui_pick_option(tui *t, const char *title, const qn *q, size_t item,
		const char *initial)
{
	opt_ctx o = {q, item};
	tui_picker p = {
		.title = title,
		.hint = _("Enter: choose   Up, Down: move   Esc: back"),
		.find = opt_find,
		.label = opt_label,
		.ctx = &o,
	};
	const void *id;

	if (item >= q->n_items || itype_of(&q->items[item])->n_options ==
					  NULL)
		return -1;
	id = tui_pick(t, &p, initial);
	return id ? (long)((uintptr_t)id - 1) : -1;
}
