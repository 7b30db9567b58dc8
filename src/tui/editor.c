/* The form's text area: UTF-8 text with real newlines, edited by character
 * cluster and wrapped by display width, drawn with the ncursesw core only. */
#define _GNU_SOURCE /* memrchr */
#include "editor.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "utext.h"
#include "utext_show.h"

/* Logical lines wrapped recently. A keystroke wraps only the logical lines
 * it looks at (the cursor's and the visible ones), and of those only as
 * far as it looks; an edit keeps the visual lines before it and shifts the
 * logical lines after it, so what did not change is not wrapped again. */
typedef struct wrap_entry {
	size_t ls, le;        /* the logical line: bytes [ls, le) */
	size_t width;         /* wrap width it was made for */
	utext_line *lines;    /* visual lines known so far, relative to ls */
	size_t n, cap;
	size_t next_start;    /* where the next unknown line starts */
	bool done;            /* all lines are known */
	unsigned long used;   /* for least-recently-used replacement */
	bool valid;
} wrap_entry;

/* One visual line, copied out of the cache (entries may be replaced). */
typedef struct visline {
	size_t ls, le;     /* its logical line */
	size_t k;          /* index among its visual lines */
	bool last;         /* the last of them */
	size_t start, end; /* its bytes, without break spaces */
	size_t next;       /* start of the following visual line, or le */
} visline;

struct editor {
	char *buf;         /* always NUL-terminated */
	size_t len, cap;
	size_t cur;        /* cursor: byte offset on a cluster boundary */
	size_t nchars;     /* code points in buf, kept up to date */
	size_t limit;
	bool single_line;
	bool refused;      /* the last key or insert was (partly) refused */
	size_t goal;       /* column kept by Up/Down; SIZE_MAX: none */
	size_t top;        /* first byte of the first visual line shown */
	int rows, cols;    /* size of the window drawn last (0: never) */
	wrap_entry *cache;
	size_t n_cache;
	unsigned long tick;
	utext_line *scratch; /* utext_wrap's output, realloc'd by it */
};

#define NO_GOAL SIZE_MAX
#define ctrl_key(c) ((c) & 0x1f)
#define DEFAULT_ROWS 10
#define DEFAULT_COLS 80

/* wcwidth() of cp, remembered for the Basic Multilingual Plane: the C
 * library's lookup costs more than all the rest of a redraw. The locale is
 * set once at start-up, so the answers do not change. */
static int
cwidth(uint32_t cp)
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
static int
ed_width(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp == '\t')
		return 1;
	if (utext_escaped(cp))
		return (int)utext_escape_width(cp);
	w = cwidth(cp);
	return w < 0 ? 1 : w;
}

/* The end of the cluster at p, and its width. Two ASCII characters never
 * join (only CR LF does, and '\r' is not taken here), which spares most
 * English text the grapheme rules. */
static size_t
cluster(const editor *e, size_t p, size_t *width)
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
static bool
not_drawn(uint32_t cp)
{
	return cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f;
}

static size_t
wrap_width(const editor *e)
{
	return e->cols > 0 ? (size_t)e->cols : DEFAULT_COLS;
}

static size_t
page_rows(const editor *e)
{
	return e->rows > 0 ? (size_t)e->rows : DEFAULT_ROWS;
}

static void
line_bounds(const editor *e, size_t p, size_t *ls, size_t *le)
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
	line_bounds(e, p, ls, le);
}

static void
cache_clear(editor *e)
{
	size_t i;

	for (i = 0; i < e->n_cache; i++)
		e->cache[i].valid = false;
}

/* Keeps enough entries for every logical line of a window twice over, so
 * that a redraw never evicts what it is about to use again. */
static bool
cache_fit(editor *e, size_t rows)
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

	if (e->n_cache == 0 && !cache_fit(e, page_rows(e)))
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
	if (to == w->le)
		w->done = true;
	else
		w->next_start += e->scratch[keep].start;
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
static void
cache_edit(editor *e, size_t a, size_t b, const char *ins, size_t n)
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
static bool
vl_at(editor *e, size_t p, visline *v)
{
	size_t ls, le;
	wrap_entry *w;

	find_line(e, p, &ls, &le);
	w = wrap_get(e, ls, le);
	if (!w || !wrap_until(e, w, 0, p - ls))
		return false;
	return vl_fill(e, w, line_of(w, p - ls), v);
}

static bool
vl_next(editor *e, const visline *v, visline *out)
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

static bool
vl_prev(editor *e, const visline *v, visline *out)
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

static bool
vl_same(const visline *a, const visline *b)
{
	return a->ls == b->ls && a->k == b->k;
}

/* First and last cursor positions shown on v. A line cut inside a word or
 * between two CJK characters ends where the next one starts: that
 * position is shown on the next line, so the last one here is the start
 * of its last cluster. */
static size_t
vl_first(const visline *v)
{
	return v->k == 0 ? v->ls : v->start;
}

static size_t
vl_last(const editor *e, const visline *v)
{
	if (v->last)
		return v->le;
	if (v->next > v->end || v->end <= v->start)
		return v->end;
	return utext_cluster_start(e->buf, e->len, v->end);
}

/* Screen column of position p on v (not clamped to the window). */
static size_t
vl_col(const editor *e, const visline *v, size_t p)
{
	size_t col = 0, q = v->start, cw;

	if (p > v->end)
		p = v->end;
	while (q < p) {
		q = cluster(e, q, &cw);
		col += cw;
	}
	return col;
}

/* The position on v nearest to column goal without passing it. */
static size_t
vl_pos_at(const editor *e, const visline *v, size_t goal)
{
	size_t col = 0, q = v->start, ce, cw, last = vl_last(e, v);

	while (q < v->end) {
		ce = cluster(e, q, &cw);
		if (col + cw > goal)
			break;
		col += cw;
		q = ce;
	}
	if (q == v->end && v->last)
		q = last; /* the spaces kept at a paragraph's end */
	if (q > last)
		q = last;
	if (q < vl_first(v))
		q = vl_first(v);
	return q;
}

/* The largest cluster boundary at or before p. */
static size_t
snap_back(const editor *e, size_t p)
{
	size_t b;

	if (p >= e->len)
		return e->len;
	if (p == 0)
		return 0;
	b = utext_cluster_start(e->buf, e->len, p);
	if (utext_cluster_end(e->buf, e->len, b) == p)
		return p;
	return b;
}

/* The first cluster boundary at or after p, walking from boundary b. */
static size_t
walk_to(const editor *e, size_t b, size_t p)
{
	while (b < p && b < e->len)
		b = utext_cluster_end(e->buf, e->len, b);
	return b;
}

static bool
reserve(editor *e, size_t extra)
{
	size_t want, cap;
	char *v;

	if (extra > SIZE_MAX - 1 - e->len)
		return false;
	want = e->len + extra + 1;
	if (want <= e->cap)
		return true;
	cap = e->cap ? e->cap : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	v = realloc(e->buf, cap);
	if (!v)
		return false;
	e->buf = v;
	e->cap = cap;
	return true;
}

/* Replaces bytes [a, b) with ins[0..n): the one place the text changes. */
static bool
replace(editor *e, size_t a, size_t b, const char *ins, size_t n)
{
	size_t removed = utext_count(e->buf + a, b - a);

	if (n > b - a && !reserve(e, n - (b - a)))
		return false;
	memmove(e->buf + a + n, e->buf + b, e->len - b + 1);
	if (n > 0)
		memcpy(e->buf + a, ins, n);
	e->len = e->len - (b - a) + n;
	e->nchars = e->nchars - removed + utext_count(ins, n);
	cache_edit(e, a, b, ins, n);
	/* The first line shown stays where it was in the text. */
	if (e->top >= b)
		e->top = e->top - b + a + n;
	else if (e->top > a)
		e->top = a;
	return true;
}

/* Inserts at the cursor and leaves the cursor after the insertion (after
 * the whole cluster when a combining mark joined the one before). */
static editor_result
insert_at_cursor(editor *e, const char *s, size_t n)
{
	size_t before = e->cur > 0 ?
		utext_cluster_start(e->buf, e->len, e->cur) : 0;

	if (n == 0)
		return EDITOR_HANDLED;
	if (!replace(e, e->cur, e->cur, s, n)) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	/* Boundaries before the insertion point cannot move (a boundary
	 * depends only on what precedes it and the code point after it). */
	e->cur = walk_to(e, before, e->cur + n);
	return EDITOR_CHANGED;
}

/* Deletes [a, b) (both cluster boundaries) and puts the cursor at a, or
 * at the start of the cluster a fell into when the deletion joined two. */
static editor_result
delete_range(editor *e, size_t a, size_t b)
{
	size_t before, p, q;

	if (a >= b)
		return EDITOR_HANDLED;
	before = a > 0 ? utext_cluster_start(e->buf, e->len, a) : 0;
	if (!replace(e, a, b, NULL, 0)) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	p = before;
	while (p < a) {
		q = utext_cluster_end(e->buf, e->len, p);
		if (q > a)
			break;
		p = q;
	}
	e->cur = p;
	return EDITOR_CHANGED;
}

/* Valid UTF-8 from any bytes: each bad byte becomes U+FFFD. The copy is
 * NUL-terminated; *out_cap is its allocated size. */
static char *
sanitize(const char *text, size_t len, size_t *out_len, size_t *out_cap)
{
	size_t bad, i = 0, o = 0, cap;
	char *out, *v;

	if (utext_valid(text, len, &bad)) {
		if (len == SIZE_MAX)
			return NULL;
		cap = len + 1;
	} else {
		if (len > (SIZE_MAX - 1) / 3)
			return NULL;
		cap = len * 3 + 1;
	}
	out = malloc(cap);
	if (!out)
		return NULL;
	while (i < len) {
		if (utext_valid(text + i, len - i, &bad)) {
			memcpy(out + o, text + i, len - i);
			o += len - i;
			break;
		}
		memcpy(out + o, text + i, bad);
		o += bad;
		i += bad + 1;
		memcpy(out + o, "\xef\xbf\xbd", 3);
		o += 3;
	}
	out[o] = '\0';
	if (o + 1 < cap && (v = realloc(out, o + 1)) != NULL) {
		out = v;
		cap = o + 1;
	}
	*out_len = o;
	*out_cap = cap;
	return out;
}

static bool
load_text(editor *e, const char *text)
{
	size_t n = text ? strlen(text) : 0, clean_len = 0, cap = 0;
	char *clean = sanitize(text ? text : "", n, &clean_len, &cap);

	if (!clean)
		return false;
	free(e->buf);
	e->buf = clean;
	e->len = clean_len;
	e->cap = cap;
	e->nchars = utext_count(e->buf, e->len);
	e->cur = e->len;
	e->top = 0;
	e->goal = NO_GOAL;
	e->refused = false;
	cache_clear(e);
	return true;
}

editor *
editor_create(const char *text, size_t max_chars, bool single_line)
{
	editor *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->limit = max_chars;
	e->single_line = single_line;
	if (!load_text(e, text)) {
		free(e);
		return NULL;
	}
	return e;
}

void
editor_destroy(editor *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->n_cache; i++)
		free(e->cache[i].lines);
	free(e->cache);
	free(e->scratch);
	free(e->buf);
	free(e);
}

const char *
editor_text(const editor *e, size_t *len)
{
	if (len)
		*len = e->len;
	return e->buf;
}

bool
editor_set_text(editor *e, const char *text)
{
	return load_text(e, text);
}

size_t
editor_cursor(const editor *e)
{
	return e->cur;
}

void
editor_set_cursor(editor *e, size_t byte_offset)
{
	e->cur = snap_back(e, byte_offset > e->len ? e->len : byte_offset);
	e->goal = NO_GOAL;
}

size_t
editor_count(const editor *e)
{
	return e->nchars;
}

size_t
editor_limit(const editor *e)
{
	return e->limit;
}

bool
editor_refused(const editor *e)
{
	return e->refused;
}

static bool
fits(const editor *e, size_t add)
{
	return e->limit == 0 || (e->nchars <= e->limit &&
				 add <= e->limit - e->nchars);
}

static editor_result
insert_cp(editor *e, uint32_t cp)
{
	char s[4];

	if (!fits(e, 1)) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	return insert_at_cursor(e, s, utext_encode(cp, s));
}

static bool
is_blank(const editor *e, size_t a, size_t b)
{
	return b == a + 1 && (e->buf[a] == ' ' || e->buf[a] == '\t');
}

/* Ctrl-W: the blanks before the cursor, then the word before them, within
 * the line; at the start of a line it joins the line to the previous one. */
static editor_result
delete_word_before(editor *e)
{
	size_t p = e->cur, q;
	bool in_word = false;

	if (p == 0)
		return EDITOR_HANDLED;
	if (e->buf[p - 1] == '\n')
		return delete_range(e, p - 1, p);
	while (p > 0 && e->buf[p - 1] != '\n') {
		q = utext_cluster_start(e->buf, e->len, p);
		if (is_blank(e, q, p)) {
			if (in_word)
				break;
		} else {
			in_word = true;
		}
		p = q;
	}
	return delete_range(e, p, e->cur);
}

/* Moves the cursor by n visual lines (negative: up), keeping the goal
 * column. Returns how many lines it moved. */
static size_t
move_lines(editor *e, long n)
{
	visline v, w;
	size_t moved = 0;

	if (!vl_at(e, e->cur, &v))
		return 0;
	if (e->goal == NO_GOAL)
		e->goal = vl_col(e, &v, e->cur);
	while (n != 0) {
		if (n > 0 ? !vl_next(e, &v, &w) : !vl_prev(e, &v, &w))
			break;
		v = w;
		n += n > 0 ? -1 : 1;
		moved++;
	}
	if (moved > 0)
		e->cur = vl_pos_at(e, &v, e->goal);
	return moved;
}

/* PgUp/PgDn: the view moves by a page along with the cursor, so the
 * cursor stays on the same screen row where it can. */
static void
page(editor *e, int dir)
{
	size_t rows = page_rows(e), i;
	visline t, w;

	if (vl_at(e, e->top, &t)) {
		for (i = 0; i < rows; i++) {
			if (dir > 0 ? !vl_next(e, &t, &w) : !vl_prev(e, &t, &w))
				break;
			t = w;
		}
		e->top = t.start;
	}
	if (move_lines(e, dir * (long)rows) == 0) {
		e->cur = dir > 0 ? e->len : 0;
		e->goal = NO_GOAL;
	}
}

static editor_result
handle_key(editor *e, wint_t ch)
{
	visline v;
	size_t keep_goal = e->goal;
	editor_result r = EDITOR_HANDLED;

	e->goal = NO_GOAL;
	switch (ch) {
	case KEY_LEFT:
		if (e->cur > 0)
			e->cur = utext_cluster_start(e->buf, e->len, e->cur);
		break;
	case KEY_RIGHT:
		e->cur = utext_cluster_end(e->buf, e->len, e->cur);
		break;
	case KEY_UP:
	case KEY_DOWN:
		e->goal = keep_goal;
		move_lines(e, ch == KEY_UP ? -1 : 1);
		break;
	case KEY_PPAGE:
	case KEY_NPAGE:
		e->goal = keep_goal;
		page(e, ch == KEY_PPAGE ? -1 : 1);
		break;
	case KEY_HOME:
		if (vl_at(e, e->cur, &v))
			e->cur = vl_first(&v);
		break;
	case KEY_END:
		if (vl_at(e, e->cur, &v))
			e->cur = vl_last(e, &v);
		break;
	case KEY_BACKSPACE:
		if (e->cur > 0)
			r = delete_range(e, utext_cluster_start(e->buf, e->len,
								e->cur),
					 e->cur);
		break;
	case KEY_DC:
		r = delete_range(e, e->cur,
				 utext_cluster_end(e->buf, e->len, e->cur));
		break;
	case KEY_ENTER:
		if (e->single_line)
			return EDITOR_IGNORED;
		r = insert_cp(e, '\n');
		break;
	default:
		e->goal = keep_goal;
		return EDITOR_IGNORED;
	}
	return r;
}

static editor_result
handle_char(editor *e, wint_t ch)
{
	size_t ls, le;

	switch (ch) {
	case 127:
	case ctrl_key('H'):
		return handle_key(e, KEY_BACKSPACE);
	case '\n':
	case '\r':
		return handle_key(e, KEY_ENTER);
	case ctrl_key('A'):
		line_bounds(e, e->cur, &ls, &le);
		e->cur = ls;
		return EDITOR_HANDLED;
	case ctrl_key('E'):
		line_bounds(e, e->cur, &ls, &le);
		e->cur = le;
		return EDITOR_HANDLED;
	case ctrl_key('K'):
		line_bounds(e, e->cur, &ls, &le);
		if (e->cur < le)
			return delete_range(e, e->cur, le);
		if (le < e->len)
			return delete_range(e, le, le + 1);
		return EDITOR_HANDLED;
	case ctrl_key('U'):
		line_bounds(e, e->cur, &ls, &le);
		return delete_range(e, ls, e->cur);
	case ctrl_key('W'):
		return delete_word_before(e);
	default:
		break;
	}
	/* Tab moves between the form's fields; other control characters
	 * and what is not a Unicode scalar value are not text. */
	if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) ||
	    (ch >= 0xd800 && ch <= 0xdfff) || ch > 0x10ffff)
		return EDITOR_IGNORED;
	return insert_cp(e, (uint32_t)ch);
}

editor_result
editor_key(editor *e, wint_t ch, bool is_key)
{
	size_t keep_goal = e->goal;
	editor_result r;

	e->refused = false;
	if (is_key)
		return handle_key(e, ch);
	e->goal = NO_GOAL;
	r = handle_char(e, ch);
	if (r == EDITOR_IGNORED)
		e->goal = keep_goal;
	return r;
}

editor_result
editor_insert(editor *e, const char *text, size_t len)
{
	size_t clean_len = 0, clean_cap = 0, i = 0, o = 0, p, room, count = 0;
	size_t ce;
	char *clean, *out = NULL;
	uint32_t cp;
	editor_result r = EDITOR_HANDLED;

	e->refused = false;
	e->goal = NO_GOAL;
	clean = sanitize(text ? text : "", text ? len : 0, &clean_len,
			 &clean_cap);
	out = malloc(clean_len + 1);
	if (!clean || !out) {
		e->refused = true;
		goto out;
	}
	while (i < clean_len) {
		p = i;
		cp = utext_next(clean, clean_len, &i);
		if (cp == '\r') {
			if (i < clean_len && clean[i] == '\n')
				i++;
			cp = '\n';
		}
		if (cp == '\n' && e->single_line)
			cp = ' ';
		if (cp == '\n' || cp == '\t' || cp == ' ') {
			out[o++] = (char)cp;
		} else if (cp >= 0x20 && (cp < 0x7f || cp >= 0xa0)) {
			memcpy(out + o, clean + p, i - p);
			o += i - p;
		}
	}
	/* Over the limit: the longest run of whole clusters that fits. */
	if (e->limit > 0) {
		room = fits(e, 0) ? e->limit - e->nchars : 0;
		p = 0;
		while (p < o) {
			ce = utext_cluster_end(out, o, p);
			count += utext_count(out + p, ce - p);
			if (count > room) {
				e->refused = true;
				break;
			}
			p = ce;
		}
		o = p;
	}
	r = insert_at_cursor(e, out, o);
out:
	free(clean);
	free(out);
	return r;
}

/* Writes one cell (a spacing code point with its marks) if it fits. */
static bool
put_cell(WINDOW *win, int width, size_t *col, const wchar_t *wch,
	 attr_t attr, int cw)
{
	cchar_t cc;

	if (*col + (size_t)cw > (size_t)width)
		return false;
	if (setcchar(&cc, wch, attr, 0, NULL) == OK)
		wadd_wch(win, &cc);
	*col += (size_t)cw;
	return true;
}

/* Draws one cluster from the current position; false when the line is
 * full. Cells follow ed_width exactly, so columns match the cursor math. */
static bool
draw_cluster(const editor *e, WINDOW *win, int width, size_t *col,
	     size_t a, size_t b)
{
	wchar_t cell[CCHARW_MAX + 1];
	size_t q = a, nw = 0;
	int cw = 0, w;
	uint32_t cp;

	while (q < b) {
		cp = utext_next(e->buf, b, &q);
		w = utext_escaped(cp) ? -1 : cwidth(cp);
		if (w < 0) {
			wchar_t esc[2] = {0, 0};
			char note[UTEXT_ESCAPE_SIZE];
			size_t k, nn;

			if (nw > 0 && !put_cell(win, width, col, cell, 0, cw))
				return false;
			nw = 0;
			if (cp == '\t') {
				esc[0] = L' ';
				if (!put_cell(win, width, col, esc, 0, 1))
					return false;
			} else if (utext_escaped(cp)) {
				/* The notation, "<U+001B>", in reverse. */
				nn = utext_escape(cp, note);
				if (*col + nn > (size_t)width)
					return false;
				for (k = 0; k < nn; k++) {
					esc[0] = (wchar_t)note[k];
					put_cell(win, width, col, esc,
						 A_REVERSE, 1);
				}
			} else {
				esc[0] = 0xfffd;
				if (!put_cell(win, width, col, esc, A_REVERSE,
					      1))
					return false;
			}
			continue;
		}
		if (w == 0) {
			/* A mark joins the cell before it; ncurses keeps
			 * CCHARW_MAX - 1 of them, so do we. */
			if (nw > 0 && nw < CCHARW_MAX && !not_drawn(cp)) {
				cell[nw++] = (wchar_t)cp;
				cell[nw] = 0;
			}
			continue;
		}
		if (nw > 0 && !put_cell(win, width, col, cell, 0, cw))
			return false;
		cell[0] = (wchar_t)cp;
		cell[1] = 0;
		nw = 1;
		cw = w > 2 ? 2 : w;
	}
	if (nw > 0 && !put_cell(win, width, col, cell, 0, cw))
		return false;
	return true;
}

static void
draw_line(const editor *e, WINDOW *win, int row, int width, const visline *v)
{
	size_t col = 0, p = v->start, ce, cw;
	wchar_t ascii[2] = {0, 0};

	wmove(win, row, 0);
	while (p < v->end) {
		ce = cluster(e, p, &cw);
		if (ce == p + 1 && (unsigned char)e->buf[p] >= 0x20 &&
		    (unsigned char)e->buf[p] < 0x7f) {
			ascii[0] = (wchar_t)e->buf[p];
			if (!put_cell(win, width, &col, ascii, 0, 1))
				break;
		} else if (!draw_cluster(e, win, width, &col, p, ce)) {
			break;
		}
		p = ce;
	}
	/* After the last column ncurses has moved to the next row, or not
	 * at all on the last one: clearing then would hit a drawn cell. */
	if (col < (size_t)width) {
		wmove(win, row, (int)col);
		wclrtoeol(win);
	}
}

/* Puts the first shown line where the cursor's line is visible, and pulls
 * it back when the window could show more of the text above. */
static bool
scroll_to_cursor(editor *e, size_t rows, visline *top, visline *cursor)
{
	visline v, w;
	size_t i, shown;

	if (!vl_at(e, e->top, top) || !vl_at(e, e->cur, cursor))
		return false;
	if (e->cur < top->start && !vl_same(top, cursor)) {
		*top = *cursor;
	} else {
		v = *cursor;
		for (i = 0; i + 1 < rows && !vl_same(&v, top); i++) {
			if (!vl_prev(e, &v, &w))
				break;
			v = w;
		}
		if (!vl_same(&v, top))
			*top = v;
	}
	v = *top;
	for (shown = 1; shown < rows && vl_next(e, &v, &w); shown++)
		v = w;
	for (; shown < rows && vl_prev(e, top, &w); shown++)
		*top = w;
	e->top = top->start;
	return true;
}

void
editor_draw(editor *e, WINDOW *win)
{
	int rows, cols, row, crow = 0;
	size_t ccol;
	visline top, cur, v, w;

	if (!win)
		return;
	getmaxyx(win, rows, cols);
	if (rows <= 0 || cols <= 0)
		return;
	if (cols != e->cols)
		cache_clear(e);
	e->rows = rows;
	e->cols = cols;
	if (!cache_fit(e, (size_t)rows) ||
	    !scroll_to_cursor(e, (size_t)rows, &top, &cur)) {
		werase(win);
		return;
	}
	v = top;
	for (row = 0; row < rows; row++) {
		draw_line(e, win, row, cols, &v);
		if (vl_same(&v, &cur))
			crow = row;
		if (!vl_next(e, &v, &w))
			break;
		v = w;
	}
	if (row + 1 < rows) {
		wmove(win, row + 1, 0);
		wclrtobot(win);
	}
	ccol = vl_col(e, &cur, e->cur);
	if (ccol >= (size_t)cols)
		ccol = (size_t)cols - 1;
	wmove(win, crow, (int)ccol);
}
