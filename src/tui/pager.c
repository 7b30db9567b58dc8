/* The pager: a full-screen text to read (help, messages, what could not
 * be finished), its lines wrapped to the width by display columns (a line
 * "keys\tabout" in two columns, the second wrapping under itself, so that
 * Thai, Vietnamese and Chinese descriptions stay beside their keys when
 * they fit); its keys are the pager's table in keys.c. */
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

/* Draws the page from row top. */
static void
draw_page(tui *t, WINDOW *w, const char *title, char *const *lines,
	  const rows *r, size_t top, int page)
{
	int width = t->cols - 2;

	tui_screen_title(t, w, title);
	for (int y = 0; y < page && top + (size_t)y < r->n; y++)
		draw_row(t, w, 2 + y, lines, &r->v[top + (size_t)y], width);
	if (r->n > (size_t)page) {
		char more[64];
		int mw;

		snprintf(more, sizeof more, "%zu-%zu/%zu", top + 1,
			 top + (size_t)page < r->n ? top + (size_t)page : r->n,
			 r->n);
		mw = (int)strlen(more);
		tui_draw_text(w, 0, t->cols - mw - 1, more, strlen(more), mw);
	}
	/* A text to read shows no cursor. */
	wmove(w, 0, 0);
}

void
tui_pager(tui *t, const char *title, char *const *lines, size_t n,
	  const char *hint)
{
	tui_screen sc;
	rows r = {NULL, 0, 0};
	size_t top = 0;
	int laid = -1;
	bool done = false;

	tui_screen_begin(t, &sc, hint, false);
	while (!done) {
		wint_t ch;
		tui_keykind k;
		tui_screen_action a;
		size_t page = (size_t)sc.page;

		if (tui_screen_ready(t, &sc)) {
			if (laid != t->cols) {
				if (!layout(lines, n, t->cols - 2, &r))
					r.n = 0;
				laid = t->cols;
			}
			page = (size_t)sc.page;
			if (r.n > page && top > r.n - page)
				top = r.n - page;
			else if (r.n <= page)
				top = 0;
			draw_page(t, sc.w, title, lines, &r, top, sc.page);
			tui_screen_show(&sc);
		}
		k = tui_screen_key(t, &sc, &ch);
		if (k != TK_KEY && k != TK_CHAR)
			continue;
		a = tui_keyset_action(TUI_KEYS_PAGER, ch, k == TK_KEY);
		done = a == SA_CLOSE || a == SA_CANCEL;
		/* The top row moves: the last page is a full one. */
		tui_list_move(a, page, r.n > page ? r.n - page : 0, &top);
	}
	free(r.v);
	tui_screen_end(t, &sc);
}

void
tui_help(tui *t)
{
	size_t n = 0;
	char **lines = tui_help_lines(&n);
	if (!lines)
		return;
	tui_pager(t, _("Help"), lines, n,
		  _("Up, Down, PgUp, PgDn: scroll   Esc, q, Enter: back"));
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
	tui_pager(t, _("Message"), lines, n, _("Esc, q, Enter: back"));
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
}
