/* The editor's wrap cache and visual lines: logical lines wrapped by
 * display width (utext_wrap) as far as a keystroke looks, kept over edits,
 * and the moves between visual lines (Up, Down, PgUp, PgDn). */
#define _GNU_SOURCE /* memrchr */
#include <stdlib.h>
#include <string.h>

#include "editor_int.h"
#include "utext_show.h"

#define DEFAULT_COLS 80

/* wcwidth() of cp, remembered for the Basic Multilingual Plane: the C
 * library's lookup costs more than all the rest of a redraw. The locale is
 * set once at start-up, so the answers do not change. */
int
ed_cwidth(uint32_t cp)
{
	static signed char memo[0x10000]; /* wcwidth + 2; 0: not asked yet */
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp < 0x10000 && memo[cp] != 0)
		return memo[cp] - 2;
	w = wcwidth((wchar_t)cp);
	if (w < -1)
		w = -1;
	if (w > 2)
		w = 2;
	if (cp < 0x10000)
		memo[cp] = (signed char)(w + 2);
	return w;
}

/* Widths as ncurses will advance: wcwidth() per code point (the sum over a
 * cluster, as utext_cluster_width counts), except that what the one
 * harmless-text rule escapes (utext_show.h) is shown in its notation
 * ("<U+001B>", 8 cells) and a tab as one blank cell, and what the C
 * library cannot print as one replacement cell. */
int
ed_width(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp == '\t')
		return 1;
	if (utext_escaped(cp))
		return (int)utext_escape_width(cp);
	w = ed_cwidth(cp);
	return w < 0 ? 1 : w;
}

/* The end of the cluster at p, and its width. Two ASCII characters never
 * join (only CR LF does, and '\r' is not taken here), which spares most
 * English text the grapheme rules. */
size_t
ed_cluster(const editor *e, size_t p, size_t *width)
{
	unsigned char c = (unsigned char)e->buf[p];
	size_t end;

	if (c >= 0x20 && c < 0x7f &&
	    (p + 1 >= e->len || (unsigned char)e->buf[p + 1] < 0x80)) {
		*width = 1;
		return p + 1;
	}
	end = utext_cluster_end(e->buf, e->len, p);
	*width = (size_t)utext_cluster_width(e->buf, p, end, ed_width);
	return end;
}

/* Code points not drawn at all (their width is 0 anyway): the emoji
 * joiner and the variation selectors. Terminals disagree about joined
 * and emoji-presentation sequences; without them every terminal draws the
 * parts at the widths wcwidth() gives, so the screen stays in step with
 * what ncurses believes. The text itself keeps them. */
bool
ed_not_drawn(uint32_t cp)
{
	return cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f;
}

static size_t
wrap_width(const editor *e)
{
	return e->cols > 0 ? (size_t)e->cols : DEFAULT_COLS;
}

size_t
ed_page_rows(const editor *e)
{
	return e->rows > 0 ? (size_t)e->rows : DEFAULT_ROWS;
}

void
ed_line_bounds(const editor *e, size_t p, size_t *ls, size_t *le)
{
	const char *nl;

	nl = p > 0 ? memrchr(e->buf, '\n', p) : NULL;
	*ls = nl ? (size_t)(nl - e->buf) + 1 : 0;
	nl = p < e->len ? memchr(e->buf + p, '\n', e->len - p) : NULL;
	*le = nl ? (size_t)(nl - e->buf) : e->len;
}

/* line_bounds, answered from the cache when it can: the memchr over a
 * long paragraph would cost more than the rest of a keystroke. Entries of
 * any width know their bounds (cache_edit keeps them all up to date). */
static void
find_line(const editor *e, size_t p, size_t *ls, size_t *le)
{
	size_t i;

	for (i = 0; i < e->n_cache; i++) {
		if (e->cache[i].valid && e->cache[i].ls <= p &&
		    p <= e->cache[i].le) {
			*ls = e->cache[i].ls;
			*le = e->cache[i].le;
			return;
		}
	}
	ed_line_bounds(e, p, ls, le);
}

void
ed_cache_clear(editor *e)
{
	size_t i;

	for (i = 0; i < e->n_cache; i++)
		e->cache[i].valid = false;
}

/* Keeps enough entries for every logical line of a window twice over, so
 * that a redraw never evicts what it is about to use again. */
bool
ed_cache_fit(editor *e, size_t rows)
{
	size_t want = 2 * rows + 16, i;
	wrap_entry *v;

	if (want <= e->n_cache)
		return true;
	if (want > SIZE_MAX / sizeof(*v))
		return false;
	v = realloc(e->cache, want * sizeof(*v));
	if (!v)
		return false;
	for (i = e->n_cache; i < want; i++)
		v[i] = (wrap_entry){0};
	e->cache = v;
	e->n_cache = want;
	return true;
}

/* The cache entry of logical line [ls, le), holding the visual lines
 * known so far (maybe none), or NULL when out of memory. */
static wrap_entry *
wrap_get(editor *e, size_t ls, size_t le)
{
	size_t width = wrap_width(e), i, victim = 0;
	wrap_entry *w;

	if (e->n_cache == 0 && !ed_cache_fit(e, ed_page_rows(e)))
		return NULL;
	for (i = 0; i < e->n_cache; i++) {
		w = &e->cache[i];
		if (w->valid && w->ls == ls && w->le == le &&
		    w->width == width) {
			w->used = ++e->tick;
			return w;
		}
		if (!w->valid)
			victim = i;
		else if (e->cache[victim].valid &&
			 w->used < e->cache[victim].used)
			victim = i;
	}
	w = &e->cache[victim];
	w->ls = ls;
	w->le = le;
	w->width = width;
	w->n = 0;
	w->next_start = 0;
	w->done = false;
	w->used = ++e->tick;
	w->valid = true;
	return w;
}

/* A paragraph whose last visual line fills the width exactly (or more:
 * one cluster wider than the window) gets an empty line after it, as
 * editors do, where the cursor at its end is shown: after the last
 * character, never on it. */
static bool
phantom_line(wrap_entry *w)
{
	utext_line *v;
	size_t end = w->le - w->ls;

	if (w->n == 0 || w->lines[w->n - 1].width < w->width ||
	    w->lines[w->n - 1].end <= w->lines[w->n - 1].start)
		return true;
	if (w->n + 1 > w->cap) {
		v = realloc(w->lines, (w->cap ? w->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return false;
		w->lines = v;
		w->cap = w->cap ? w->cap * 2 : 16;
	}
	w->lines[w->n].start = end;
	w->lines[w->n].end = end;
	w->lines[w->n].width = 0;
	w->n++;
	return true;
}

/* Wraps one more piece of w's logical line. A line start is a clean
 * restart point for utext_wrap (it begins with column 0, no pending break,
 * and never with a plain space), so a piece starting at next_start wraps
 * exactly as the whole line would, except for its last two lines, which
 * may depend on what lies past the piece's end: those are left for the
 * next piece. */
static bool
wrap_step(editor *e, wrap_entry *w, size_t *piece)
{
	size_t from = w->ls + w->next_start, to, n, i, keep;
	utext_line *v;

	to = w->le - from > *piece ? from + *piece : w->le;
	while (to < w->le && ((unsigned char)e->buf[to] & 0xc0) == 0x80)
		to++;
	if (!utext_wrap_in(e->buf + from, to - from, e->buf + w->ls,
			   w->le - w->ls, w->width, ed_width, &e->scratch,
			   &n) || n == 0)
		return false;
	if (to == w->le) {
		keep = n;
	} else if (n < 3) {
		/* Too few lines to trust any: a bigger piece. */
		if (*piece > SIZE_MAX / 4)
			return false;
		*piece *= 2;
		return true;
	} else {
		keep = n - 2;
	}
	if (w->n + keep > w->cap) {
		size_t cap = w->cap ? w->cap : 16;

		while (cap < w->n + keep)
			cap *= 2;
		if (cap > SIZE_MAX / sizeof(*v))
			return false;
		v = realloc(w->lines, cap * sizeof(*v));
		if (!v)
			return false;
		w->lines = v;
		w->cap = cap;
	}
	for (i = 0; i < keep; i++) {
		w->lines[w->n] = e->scratch[i];
		w->lines[w->n].start += w->next_start;
		w->lines[w->n].end += w->next_start;
		w->n++;
	}
	if (to == w->le) {
		w->done = true;
		if (!phantom_line(w))
			return false;
	} else {
		w->next_start += e->scratch[keep].start;
	}
	/* Long lines: fewer, larger pieces. */
	if (*piece < (size_t)256 * 1024)
		*piece *= 2;
	return true;
}

/* Wraps until line k is known and the line holding offset p (relative to
 * the line start) is known, or to the end of the logical line. */
static bool
wrap_until(editor *e, wrap_entry *w, size_t k, size_t p)
{
	size_t piece = w->width * 32 + 256;

	while (!w->done && (w->n <= k || w->next_start <= p))
		if (!wrap_step(e, w, &piece))
			return false;
	return w->n > 0;
}

static size_t
line_of(const wrap_entry *w, size_t p)
{
	size_t lo = 0, hi = w->n, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (w->lines[mid].start <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* After bytes [a, b) became ins[0..n): lines before the edit keep their
 * wrap, lines after it move, and the logical line of the edit keeps its
 * visual lines up to four before the edited one (a line's breaks depend on
 * the text up to the first cluster two lines further on; a changed cluster
 * starts at most one line before the edit) and is wrapped on from there
 * when needed, so typing in a long paragraph rewraps a few lines. */
void
ed_cache_edit(editor *e, size_t a, size_t b, const char *ins, size_t n)
{
	size_t i, j, keep;
	wrap_entry *w;
	const char *nl;

	for (i = 0; i < e->n_cache; i++) {
		w = &e->cache[i];
		if (!w->valid || w->le < a)
			continue;
		if (w->ls > b) {
			w->ls = w->ls - b + a + n;
			w->le = w->le - b + a + n;
			continue;
		}
		if (w->ls > a) {
			w->valid = false;
			continue;
		}
		j = w->done || a - w->ls < w->next_start ?
			line_of(w, a - w->ls) : w->n;
		keep = j >= 4 ? j - 4 : 0;
		if (keep < w->n) {
			w->next_start = keep > 0 ? w->lines[keep].start : 0;
			w->n = keep;
		}
		w->done = false;
		if (b <= w->le && (n == 0 || !memchr(ins, '\n', n))) {
			w->le = w->le - b + a + n;
		} else {
			nl = memchr(e->buf + a, '\n', e->len - a);
			w->le = nl ? (size_t)(nl - e->buf) : e->len;
		}
	}
}

/* Copies line k of w (which must exist) into v, wrapping one line further
 * to learn whether it is the last. */
static bool
vl_fill(editor *e, wrap_entry *w, size_t k, visline *v)
{
	if (!wrap_until(e, w, k + 1, 0) || k >= w->n)
		return false;
	v->ls = w->ls;
	v->le = w->le;
	v->k = k;
	v->last = k + 1 >= w->n;
	v->start = w->ls + w->lines[k].start;
	v->end = w->ls + w->lines[k].end;
	v->next = v->last ? w->le : w->ls + w->lines[k + 1].start;
	return true;
}

/* The visual line showing position p: the last one starting at or before
 * p (break spaces belong to the line they end; indentation dropped by the
 * wrap belongs to the first line). */
bool
ed_vl_at(editor *e, size_t p, visline *v)
{
	size_t ls, le;
	wrap_entry *w;

	find_line(e, p, &ls, &le);
	w = wrap_get(e, ls, le);
	if (!w || !wrap_until(e, w, 0, p - ls))
		return false;
	return vl_fill(e, w, line_of(w, p - ls), v);
}

bool
ed_vl_next(editor *e, const visline *v, visline *out)
{
	wrap_entry *w;
	size_t ls, le;

	if (!v->last) {
		w = wrap_get(e, v->ls, v->le);
		return w && vl_fill(e, w, v->k + 1, out);
	}
	if (v->le >= e->len)
		return false;
	find_line(e, v->le + 1, &ls, &le);
	w = wrap_get(e, ls, le);
	return w && vl_fill(e, w, 0, out);
}

bool
ed_vl_prev(editor *e, const visline *v, visline *out)
{
	wrap_entry *w;
	size_t ls, le;

	if (v->k > 0) {
		w = wrap_get(e, v->ls, v->le);
		return w && vl_fill(e, w, v->k - 1, out);
	}
	if (v->ls == 0)
		return false;
	find_line(e, v->ls - 1, &ls, &le);
	w = wrap_get(e, ls, le);
	if (!w || !wrap_until(e, w, SIZE_MAX - 1, le - ls))
		return false;
	return vl_fill(e, w, w->n - 1, out);
}

bool
ed_vl_same(const visline *a, const visline *b)
{
	return a->ls == b->ls && a->k == b->k;
}

/* First and last cursor positions shown on v. A line cut inside a word or
 * between two CJK characters ends where the next one starts: that
 * position is shown on the next line, so the last one here is the start
 * of its last cluster. */
size_t
ed_vl_first(const visline *v)
{
	return v->k == 0 ? v->ls : v->start;
}

size_t
ed_vl_last(const editor *e, const visline *v)
{
	if (v->last)
		return v->le;
	if (v->next > v->end || v->end <= v->start)
		return v->end;
	return utext_cluster_start(e->buf, e->len, v->end);
}

/* Screen column of position p on v (not clamped to the window). */
size_t
ed_vl_col(const editor *e, const visline *v, size_t p)
{
	size_t col = 0, q = v->start, cw;

	if (p > v->end)
		p = v->end;
	while (q < p) {
		q = ed_cluster(e, q, &cw);
		col += cw;
	}
	return col;
}

/* The position on v nearest to column goal without passing it. */
size_t
ed_vl_pos_at(const editor *e, const visline *v, size_t goal)
{
	size_t col = 0, q = v->start, ce, cw, last = ed_vl_last(e, v);

	while (q < v->end) {
		ce = ed_cluster(e, q, &cw);
		if (col + cw > goal)
			break;
		col += cw;
		q = ce;
	}
	if (q == v->end && v->last)
		q = last; /* the spaces kept at a paragraph's end */
	if (q > last)
		q = last;
	if (q < ed_vl_first(v))
		q = ed_vl_first(v);
	return q;
}

/* The largest cluster boundary at or before p. */


/* Moves the cursor by n visual lines (negative: up), keeping the goal
 * column. Returns how many lines it moved. */
size_t
ed_move_lines(editor *e, long n)
{
	visline v, w;
	size_t moved = 0;

	if (!ed_vl_at(e, e->cur, &v))
		return 0;
	if (e->goal == NO_GOAL)
		e->goal = ed_vl_col(e, &v, e->cur);
	while (n != 0) {
		if (n > 0 ? !ed_vl_next(e, &v, &w) : !ed_vl_prev(e, &v, &w))
			break;
		v = w;
		n += n > 0 ? -1 : 1;
		moved++;
	}
	if (moved > 0)
		e->cur = ed_vl_pos_at(e, &v, e->goal);
	return moved;
}

/* PgUp/PgDn (and the mouse wheel, a few lines at a time): the view moves
 * along with the cursor, so the cursor stays on the same screen row where
 * it can. */
void
ed_page(editor *e, int dir, size_t rows)
{
	size_t i;
	visline t, w;

	if (ed_vl_at(e, e->top, &t)) {
		for (i = 0; i < rows; i++) {
			if (dir > 0 ? !ed_vl_next(e, &t, &w) : !ed_vl_prev(e, &t, &w))
				break;
			t = w;
		}
		e->top = t.start;
	}
	if (ed_move_lines(e, dir * (long)rows) == 0) {
		e->cur = dir > 0 ? e->len : 0;
		e->goal = NO_GOAL;
	}
}

