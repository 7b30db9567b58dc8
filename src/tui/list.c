/* Full-screen lists: help, problems, drafts, messages. A list to read
 * wraps its lines to the width by display columns (a line "keys\tabout"
 * in two columns, the second wrapping under itself, so that Thai,
 * Vietnamese and Chinese descriptions stay beside their keys when they
 * fit); a list to choose from keeps a row per line, cut with a mark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "tui_int.h"

/* One row on the screen: bytes [a, b) of line `line` at column x, and a
 * second piece [a2, b2) at column x2 (the description beside its keys). */
typedef struct lrow {
	size_t line;
	size_t a, b, a2, b2;
	int x, x2;
} lrow;

typedef struct rows {
	lrow *v;
	size_t n, cap;
} rows;

static bool
add_row(rows *r, size_t line, size_t a, size_t b, int x)
{
	lrow *v = grow_array(r->v, &r->cap, r->n, sizeof *v, 64);

	if (!v)
		return false;
	r->v = v;
	r->v[r->n++] = (lrow){line, a, b, 0, 0, x, 0};
	return true;
}

/* Rows of the text s[from..to) of line i wrapped to width - x, from
 * column x; the first of them beside an existing row when beside. */
static bool
wrap_rows(rows *r, const char *s, size_t i, size_t from, size_t to, int x,
	  int width, bool beside)
{
	utext_line *l = NULL;
	size_t n = 0, k;
	char *piece;
	bool ok = false;

	piece = malloc(to - from + 1);
	if (!piece)
		return false;
	memcpy(piece, s + from, to - from);
	piece[to - from] = '\0';
	if (!tui_wrap(piece, (size_t)(width > x ? width - x : 1), &l, &n))
		goto out;
	for (k = 0; k < n; k++) {
		if (k == 0 && beside && r->n > 0) {
			r->v[r->n - 1].a2 = from + l[k].start;
			r->v[r->n - 1].b2 = from + l[k].end;
			r->v[r->n - 1].x2 = x;
		} else if (!add_row(r, i, from + l[k].start, from + l[k].end,
				    x)) {
			goto out;
		}
	}
	ok = true;
out:
	free(l);
	free(piece);
	return ok;
}

/* The column where descriptions start: after the widest keys, but never
 * more than a third of the width (long keys then get a row of their
 * own). */
static int
key_column(char *const *lines, size_t n, int width)
{
	size_t widest = 0, w;
	int k, most = width / 3 > 4 ? width / 3 : 4;

	for (size_t i = 0; i < n; i++) {
		const char *tab = strchr(lines[i], '\t');

		if (!tab)
			continue;
		w = tui_text_width(lines[i], (size_t)(tab - lines[i]));
		if (w > widest && (int)w + 2 <= most)
			widest = w;
	}
	k = (int)widest + 2;
	return k < most ? k : most;
}

/* Lays the lines out for a width. */
static bool
layout(char *const *lines, size_t n, int width, rows *r)
{
	int k = key_column(lines, n, width);

	r->n = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i], *tab = strchr(s, '\t');
		size_t len = strlen(s), ind = 0;

		if (tab) {
			size_t kl = (size_t)(tab - s);
			size_t kw = tui_text_width(s, kl);

			if (!add_row(r, i, 0, kl, 0))
				return false;
			if (!wrap_rows(r, s, i, kl + 1, len, k, width,
				       (int)kw + 2 <= k))
				return false;
			continue;
		}
		while (ind < len && s[ind] == ' ')
			ind++;
		if ((int)ind >= width)
			ind = 0;
		if (ind == len) {
			if (!add_row(r, i, 0, 0, 0))
				return false;
			continue;
		}
		if (!wrap_rows(r, s, i, ind, len, (int)ind, width, false))
			return false;
	}
	return true;
}

/* Draws row v of the text list at screen row y. */
static void
draw_row(tui *t, WINDOW *w, int y, char *const *lines, const lrow *v,
	 int width)
{
	const char *s = lines[v->line];

	tui_draw_cut(t, w, y, 1 + v->x, s + v->a, v->b - v->a, width - v->x);
	if (v->b2 > v->a2)
		tui_draw_cut(t, w, y, 1 + v->x2, s + v->a2, v->b2 - v->a2,
			     width - v->x2);
}

/* Moves the list's selection or view for a key; true when it was one. */
static bool
list_move(wint_t ch, bool selectable, size_t n, int page, size_t *sel,
	  size_t *top)
{
	size_t p = (size_t)page;

	switch (ch) {
	case KEY_UP:
		if (selectable && *sel > 0)
			(*sel)--;
		else if (!selectable && *top > 0)
			(*top)--;
		return true;
	case KEY_DOWN:
		if (selectable && *sel + 1 < n)
			(*sel)++;
		else if (!selectable && *top + p < n)
			(*top)++;
		return true;
	case KEY_PPAGE:
		if (selectable)
			*sel = *sel > p ? *sel - p : 0;
		else
			*top = *top > p ? *top - p : 0;
		return true;
	case KEY_NPAGE:
		if (selectable)
			*sel = *sel + p < n ? *sel + p : (n ? n - 1 : 0);
		else
			*top += p;
		return true;
	case KEY_HOME:
		*sel = *top = 0;
		return true;
	case KEY_END:
		*sel = n ? n - 1 : 0;
		*top = n;
		return true;
	default:
		return false;
	}
}

/* Draws the whole list; *cy is the row of the selection. */
static void
draw_list(tui *t, WINDOW *w, const char *title, char *const *lines,
	  size_t n, bool selectable, const rows *r, size_t sel, size_t top,
	  int page)
{
	size_t total = selectable ? n : r->n;
	int cy = 2, width = t->cols - 2;

	werase(w);
	wattrset(w, A_BOLD);
	tui_draw_cut(t, w, 0, 1, title, strlen(title), t->cols - 2);
	wattrset(w, A_NORMAL);
	for (int y = 0; y < page && top + (size_t)y < total; y++) {
		size_t i = top + (size_t)y;

		if (!selectable) {
			draw_row(t, w, 2 + y, lines, &r->v[i], width);
			continue;
		}
		wattrset(w, i == sel ? A_REVERSE : A_NORMAL);
		int x = tui_draw_cut(t, w, 2 + y, 1, lines[i], strlen(lines[i]),
				     width);
		if (i == sel) {
			for (x += 1; x < t->cols - 1; x++)
				mvwaddch(w, 2 + y, x, ' ');
			cy = 2 + y;
		}
		wattrset(w, A_NORMAL);
	}
	if (!selectable && total > (size_t)page) {
		char more[64];
		int mw;

		snprintf(more, sizeof more, "%zu-%zu/%zu", top + 1,
			 top + (size_t)page < total ? top + (size_t)page :
						      total,
			 total);
		mw = (int)strlen(more);
		tui_draw_text(w, 0, t->cols - mw - 1, more, strlen(more), mw);
	}
	/* Lists to read show no cursor; one to choose from, at the choice. */
	wmove(w, selectable ? cy : 0, 0);
}

void
tui_screen_windows(tui *t, const char *hint, WINDOW **w, WINDOW **h)
{
	*w = newwin(t->rows - 1, t->cols, 0, 0);
	*h = newwin(1, t->cols, t->rows - 1, 0);
	wbkgdset(*h, ' ' | tui_attr_status(t));
	werase(*h);
	wattrset(*h, tui_attr_status(t));
	tui_draw_cut(t, *h, 0, 1, hint, strlen(hint), t->cols - 2);
	wattrset(*h, A_NORMAL);
	wnoutrefresh(*h);
}

long
tui_list(tui *t, const char *title, char *const *lines, size_t n,
	 bool selectable, size_t initial, const char *hint, const char *keys,
	 wint_t *key_out)
{
	WINDOW *w = NULL, *h = NULL;
	size_t sel = initial < n ? initial : 0, top = 0, total;
	long result = -1;
	rows r = {NULL, 0, 0};
	int page = 1, laid = -1;
	int cursor = curs_set(selectable ? 1 : 0);

	t->in_list++;
	for (;;) {
		if (t->too_small) {
			tui_draw_too_small(t);
			doupdate();
		} else {
			if (!w)
				tui_screen_windows(t, hint, &w, &h);
			if (!selectable && laid != t->cols) {
				if (!layout(lines, n, t->cols - 2, &r))
					r.n = 0;
				laid = t->cols;
			}
			total = selectable ? n : r.n;
			page = t->rows - 3 > 1 ? t->rows - 3 : 1;
			if (selectable) {
				if (sel < top)
					top = sel;
				if (sel >= top + (size_t)page)
					top = sel - (size_t)page + 1;
			} else if (total > (size_t)page &&
				   top > total - (size_t)page) {
				top = total - (size_t)page;
			} else if (total <= (size_t)page) {
				top = 0;
			}
			draw_list(t, w, title, lines, n, selectable, &r, sel,
				  top, page);
			wnoutrefresh(w);
			doupdate();
		}
		wint_t ch;
		tui_keykind k = tui_get_key(t, &ch);
		if (k == TK_RESIZE) {
			if (w)
				delwin(w);
			if (h)
				delwin(h);
			w = h = NULL;
			continue;
		}
		if (k == TK_TICK || k == TK_PASTE) {
			tui_drop_paste(t);
			continue;
		}
		if (k == TK_KEY) {
			if (list_move(ch, selectable, selectable ? n : r.n,
				      page, &sel, &top))
				continue;
			/* F1 and F10 close a page of text; a choice wants
			 * a choice. F12 closes any. */
			if ((ch == KEY_F(1) || ch == KEY_F(10) ||
			     ch == KEY_F(9)) && !selectable)
				break;
			if (ch == KEY_F(12))
				break;
			continue;
		}
		if (ch == '\n') {
			if (selectable && n)
				result = (long)sel;
			break;
		}
		if (ch == 27 || ch == CTRL('Q') || ch == CTRL('G'))
			break;
		if (keys && ch < 128 && ch > 0 && strchr(keys, (int)ch)) {
			if (key_out)
				*key_out = ch;
			result = (long)sel;
			break;
		}
		if (ch == 'q' && !selectable)
			break;
		if (ch == ' ' && !selectable)
			top += (size_t)page;
		if (selectable && (ch == 'k' || ch == CTRL('P')) && sel > 0)
			sel--;
		if (selectable && (ch == 'j' || ch == CTRL('N')) &&
		    sel + 1 < n)
			sel++;
	}
	if (w)
		delwin(w);
	if (h)
		delwin(h);
	free(r.v);
	if (cursor != ERR)
		curs_set(cursor);
	t->in_list--;
	t->dirty = D_ALL;
	return result;
}

void
tui_help(tui *t)
{
	size_t n = 0;
	char **lines = tui_help_lines(&n);
	if (!lines)
		return;
	tui_list(t, _("Help"), lines, n, false, 0,
		 _("Up, Down, PgUp, PgDn: scroll   Esc, q, Enter: back"),
		 NULL, NULL);
	tui_free_lines(lines, n);
}

void
tui_show_message(tui *t)
{
	char *lines[4];
	size_t n = 0;

	if (t->msg[0] && (lines[n] = strdup(t->msg)) != NULL)
		n++;
	if (t->s && t->s->save_error) {
		size_t len = strlen(t->s->save_error) + 64;
		char *s = malloc(len);

		if (s) {
			snprintf(s, len, _("not saved: %s"), t->s->save_error);
			if (n > 0 && (lines[n] = strdup("")) != NULL)
				n++;
			lines[n++] = s;
		}
	}
	if (n == 0) {
		tui_message(t, false, "%s", _("There is no message."));
		return;
	}
	tui_list(t, _("Message"), lines, n, false, 0, _("Esc, q, Enter: back"),
		 NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
}
