/* The form's text area: UTF-8 text with real newlines, edited by character
 * cluster, with undo history, a kill ring and word motions. Wrapping and
 * visual lines are in editor_wrap.c, drawing and the mouse in
 * editor_draw.c. */
#include <stdlib.h>
#include <string.h>

#include "editor_int.h"
#include "intl.h"
#include "validate.h"


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

/* A regional indicator (half of a flag) ends at p: the one character
 * whose clusters depend on how many like it come before. */
static bool
ri_before(const char *s, size_t p)
{
	const unsigned char *u = (const unsigned char *)s;

	return p >= 4 && u[p - 4] == 0xf0 && u[p - 3] == 0x9f &&
	       u[p - 2] == 0x87 && u[p - 1] >= 0xa6 && u[p - 1] <= 0xbf;
}

/* How many cluster boundaries after an edit are looked at for one where
 * the text before and after it agree again. */
#define SYNC_MAX 8

/* The cluster boundaries of s[0..len) from a0 on, up to SYNC_MAX of them
 * at or after from: where each is (pos) and how many clusters lie between
 * a0 and it (count). A boundary counts only where what precedes it is no
 * regional indicator (the text's end always counts): there the clusters
 * after it do not depend on what came before. */
static size_t
sync_points(const char *s, size_t len, size_t a0, size_t from, size_t *pos,
	    size_t *count)
{
	size_t p = a0, c = 0, n = 0;

	for (;;) {
		if (p >= from && (p == len || !ri_before(s, p))) {
			pos[n] = p;
			count[n] = c;
			if (++n == SYNC_MAX)
				break;
		}
		if (p >= len)
			break;
		p = utext_cluster_end(s, len, p);
		c++;
	}
	return n;
}

/* Replaces bytes [a, b) with ins[0..n): the one place the text changes.
 * The count of clusters follows: a boundary depends only on the text
 * before it and the character after it, so boundaries before a stay,
 * and past the edit the first boundary where the old and new text agree
 * again (SYNC_MAX tries) ends the part counted again. */
static bool
replace(editor *e, size_t a, size_t b, const char *ins, size_t n)
{
	size_t a0 = a > 0 ? utext_cluster_start(e->buf, e->len, a) : 0;
	size_t op[SYNC_MAX], oc[SYNC_MAX], np[SYNC_MAX], nc[SYNC_MAX];
	size_t no, nn, i, j, old_len = e->len;
	bool synced = false;

	if (n > b - a && !reserve(e, n - (b - a)))
		return false;
	no = sync_points(e->buf, e->len, a0, b + 1 < e->len ? b + 1 : e->len,
			 op, oc);
	memmove(e->buf + a + n, e->buf + b, e->len - b + 1);
	if (n > 0)
		memcpy(e->buf + a, ins, n);
	e->len = e->len - (b - a) + n;
	nn = sync_points(e->buf, e->len, a0,
			 a + n + 1 < e->len ? a + n + 1 : e->len, np, nc);
	for (j = 0; j < nn && !synced; j++)
		for (i = 0; i < no && !synced; i++)
			if (op[i] - b == np[j] - (a + n) &&
			    (op[i] != old_len) == (np[j] != e->len)) {
				e->nclusters = e->nclusters - oc[i] + nc[j];
				synced = true;
			}
	if (!synced)
		e->nclusters = validate_char_count(e->buf, e->len);
	ed_cache_edit(e, a, b, ins, n);
	/* The first line shown stays where it was in the text. */
	if (e->top >= b)
		e->top = e->top - b + a + n;
	else if (e->top > a)
		e->top = a;
	return true;
}

/* Records the change just made (bytes at a: old became new, the cursor
 * moving from cur_before to e->cur) in the undo history. */
static void
record(editor *e, hist_kind kind, size_t a, const char *old, size_t old_len,
       size_t new_len, size_t cur_before)
{
	hist_record(e->hist, kind, e->field, a, old, old_len, e->buf + a,
		    new_len, cur_before, e->cur);
}

/* Inserts at the cursor and leaves the cursor after the insertion (after
 * the whole cluster when a combining mark joined the one before). Text
 * that would make more characters than the limit is taken out again. */
static editor_result
insert_at_cursor(editor *e, const char *s, size_t n, hist_kind kind)
{
	size_t at = e->cur, before = at > 0 ?
		utext_cluster_start(e->buf, e->len, at) : 0;
	size_t count = e->nclusters;

	if (n == 0)
		return EDITOR_HANDLED;
	if (!replace(e, at, at, s, n)) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	if (e->limit > 0 && e->nclusters > e->limit && e->nclusters > count) {
		replace(e, at, at + n, NULL, 0);
		e->refused = true;
		return EDITOR_HANDLED;
	}
	/* Boundaries before the insertion point cannot move (a boundary
	 * depends only on what precedes it and the code point after it). */
	e->cur = walk_to(e, before, at + n);
	record(e, kind, at, "", 0, n, at);
	return EDITOR_CHANGED;
}

/* Deletes [a, b) (both cluster boundaries) and puts the cursor at a, or
 * at the start of the cluster a fell into when the deletion joined two.
 * The bytes deleted are given to the kill ring when kill is not 0 (1:
 * a kill forwards, -1 backwards). */
static editor_result
delete_range(editor *e, size_t a, size_t b, hist_kind kind, int kill)
{
	size_t before, p, q, cur_before = e->cur;
	char *old;

	if (a >= b)
		return EDITOR_HANDLED;
	old = malloc(b - a);
	if (!old) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	memcpy(old, e->buf + a, b - a);
	before = a > 0 ? utext_cluster_start(e->buf, e->len, a) : 0;
	if (!replace(e, a, b, NULL, 0)) {
		free(old);
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
	record(e, kind, a, old, b - a, 0, cur_before);
	if (kill != 0) {
		bool join = e->prev_cmd == (kill > 0 ? LC_KILL_FWD :
						       LC_KILL_BACK);

		kr_kill(e->kr, old, b - a, join, kill < 0);
		e->last_cmd = kill > 0 ? LC_KILL_FWD : LC_KILL_BACK;
	}
	free(old);
	return EDITOR_CHANGED;
}

/* Replaces [a, b) (cluster boundaries) with s[0..n) as one step of the
 * history; the cursor goes after the new text. */
static editor_result
replace_step(editor *e, size_t a, size_t b, const char *s, size_t n)
{
	size_t before = a > 0 ? utext_cluster_start(e->buf, e->len, a) : 0;
	size_t cur_before = e->cur;
	char *old = malloc(b - a + 1);

	if (!old) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	memcpy(old, e->buf + a, b - a);
	if (!replace(e, a, b, s, n)) {
		free(old);
		e->refused = true;
		return EDITOR_HANDLED;
	}
	e->cur = walk_to(e, before, a + n);
	record(e, HK_OTHER, a, old, b - a, n, cur_before);
	free(old);
	return EDITOR_CHANGED;
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
	e->nclusters = validate_char_count(e->buf, e->len);
	e->cur = e->len;
	e->top = 0;
	e->goal = NO_GOAL;
	e->refused = false;
	e->last_cmd = LC_NONE;
	ed_cache_clear(e);
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

void
editor_set_history(editor *e, hist *h, int field)
{
	e->hist = h;
	e->field = field;
}

void
editor_set_killring(editor *e, killring *kr)
{
	e->kr = kr;
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

editor_result
editor_replace_all(editor *e, const char *text, size_t len)
{
	size_t clean_len = 0, cap = 0, pre = 0, suf = 0;
	char *clean = sanitize(text ? text : "", text ? len : 0, &clean_len,
			       &cap);
	editor_result r = EDITOR_HANDLED;

	e->refused = false;
	e->goal = NO_GOAL;
	e->last_cmd = LC_NONE;
	if (!clean) {
		e->refused = true;
		return r;
	}
	/* Only the part that differs is replaced and kept for undo, from a
	 * cluster boundary to a cluster boundary. */
	while (pre < clean_len && pre < e->len && clean[pre] == e->buf[pre])
		pre++;
	pre = snap_back(e, pre);
	while (suf < clean_len - pre && suf < e->len - pre &&
	       clean[clean_len - 1 - suf] == e->buf[e->len - 1 - suf])
		suf++;
	while (suf > 0 && snap_back(e, e->len - suf) != e->len - suf)
		suf--;
	if (pre + suf < e->len || pre + suf < clean_len) {
		hist_break(e->hist);
		r = replace_step(e, pre, e->len - suf, clean + pre,
				 clean_len - pre - suf);
	}
	free(clean);
	return r;
}

bool
editor_apply(editor *e, size_t pos, const char *from, size_t from_len,
	     const char *to, size_t to_len, size_t cursor)
{
	if (pos > e->len || from_len > e->len - pos ||
	    (from_len > 0 && memcmp(e->buf + pos, from, from_len) != 0))
		return false;
	if (!replace(e, pos, pos + from_len, to, to_len))
		return false;
	e->cur = snap_back(e, cursor > e->len ? e->len : cursor);
	e->goal = NO_GOAL;
	e->last_cmd = LC_NONE;
	return true;
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
	hist_break(e->hist);
}

size_t
editor_count(const editor *e)
{
	return e->nclusters;
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

/* Room for this many more characters under the limit. */
static size_t
room(const editor *e)
{
	if (e->limit == 0)
		return SIZE_MAX;
	return e->nclusters < e->limit ? e->limit - e->nclusters : 0;
}

static editor_result
insert_cp(editor *e, uint32_t cp)
{
	char s[4];

	return insert_at_cursor(e, s, utext_encode(cp, s), HK_TYPE);
}

/* Text for an insertion: valid UTF-8 (bad bytes as U+FFFD), CR LF and
 * CR as LF, LF as a space in a one-line editor, control characters but
 * tab left out, and only the whole clusters that fit under the limit
 * (*cut set when some did not). Returns a malloc'd copy, *n its length;
 * NULL when out of memory. */
static char *
clean_insert(const editor *e, const char *text, size_t len, size_t *n,
	     bool *cut)
{
	size_t clean_len = 0, clean_cap = 0, i = 0, o = 0, p, count = 0, ce;
	size_t space = room(e);
	char *clean, *out;
	uint32_t cp;

	*cut = false;
	clean = sanitize(text ? text : "", text ? len : 0, &clean_len,
			 &clean_cap);
	out = clean ? malloc(clean_len + 1) : NULL;
	if (!out) {
		free(clean);
		return NULL;
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
	free(clean);
	/* Over the limit: the longest run of whole clusters that fits. */
	if (e->limit > 0) {
		p = 0;
		while (p < o) {
			ce = utext_cluster_end(out, o, p);
			if (++count > space) {
				*cut = true;
				break;
			}
			p = ce;
		}
		o = p;
	}
	out[o] = '\0';
	*n = o;
	return out;
}

/* Inserts text as a step of its own (a paste, a yank). */
static editor_result
insert_text(editor *e, const char *text, size_t len)
{
	size_t n = 0;
	bool cut;
	char *out = clean_insert(e, text, len, &n, &cut);
	editor_result r;

	if (!out) {
		e->refused = true;
		return EDITOR_HANDLED;
	}
	r = insert_at_cursor(e, out, n, HK_OTHER);
	e->refused = e->refused || cut;
	free(out);
	return r;
}

/* The word before the cursor, within its line; at the start of a line
 * the line break, joining the line to the one before. A kill: Ctrl-W,
 * Esc Backspace. */
static editor_result
kill_word_back(editor *e)
{
	size_t ls, le, p;

	if (e->cur == 0)
		return EDITOR_HANDLED;
	ed_line_bounds(e, e->cur, &ls, &le);
	if (e->cur == ls)
		return delete_range(e, ls - 1, ls, HK_OTHER, -1);
	p = utext_word_prev(e->buf, e->len, e->cur);
	return delete_range(e, p > ls ? p : ls, e->cur, HK_OTHER, -1);
}

/* The word after the cursor, within its line; at the end of a line the
 * line break. A kill: Esc d. */
static editor_result
kill_word_fwd(editor *e)
{
	size_t ls, le, p;

	ed_line_bounds(e, e->cur, &ls, &le);
	if (e->cur == le)
		return delete_range(e, le, le < e->len ? le + 1 : le, HK_OTHER,
				    1);
	p = utext_word_next(e->buf, e->len, e->cur);
	return delete_range(e, e->cur, p < le ? p : le, HK_OTHER, 1);
}

/* Ctrl-Y: the newest kill at the cursor. Esc y right after a yank: the
 * text yanked is replaced by the kill before it (round the ring). */
static editor_result
yank(editor *e, bool pop)
{
	size_t n, at = e->cur, clean_n = 0;
	const char *s;
	char *clean;
	bool cut;
	editor_result r;

	if (pop && (e->prev_cmd != LC_YANK || e->yank_b > e->len ||
		    e->yank_a > e->yank_b))
		return EDITOR_HANDLED;
	e->yank_back = pop ? e->yank_back + 1 : 0;
	s = kr_get(e->kr, e->yank_back, &n);
	if (!s)
		return EDITOR_HANDLED;
	if (!pop) {
		r = insert_text(e, s, n);
	} else {
		at = e->yank_a;
		clean = clean_insert(e, s, n, &clean_n, &cut);
		if (!clean) {
			e->refused = true;
			return EDITOR_HANDLED;
		}
		r = replace_step(e, e->yank_a, e->yank_b, clean, clean_n);
		e->refused = e->refused || cut;
		free(clean);
	}
	e->yank_a = at;
	e->yank_b = e->cur;
	e->last_cmd = LC_YANK;
	return r;
}

/* The widget's keys (editor_key_help lists them for the help screen):
 * what each does, its name (NULL: another code of the key named before
 * it) and the help's words, keys with the same words sharing a line. */
typedef enum {
	EK_LEFT,
	EK_RIGHT,
	EK_UP,
	EK_DOWN,
	EK_PAGE_UP,
	EK_PAGE_DOWN,
	EK_HOME,
	EK_END,
	EK_LINE_START,
	EK_LINE_END,
	EK_KILL_END,
	EK_KILL_START,
	EK_KILL_WORD_BACK,
	EK_YANK,
	EK_BACKSPACE,
	EK_DELETE,
	EK_NEWLINE,
} editor_op;

static const struct editor_keydef {
	wint_t ch;
	bool is_key;
	editor_op op;
	const char *name;
	const char *help;
} editor_keys[] = {
	{KEY_LEFT, true, EK_LEFT, "Left", N_("move")},
	{KEY_RIGHT, true, EK_RIGHT, "Right", N_("move")},
	{KEY_UP, true, EK_UP, "Up", N_("move")},
	{KEY_DOWN, true, EK_DOWN, "Down", N_("move")},
	{KEY_HOME, true, EK_HOME, "Home", N_("move")},
	{KEY_END, true, EK_END, "End", N_("move")},
	{KEY_PPAGE, true, EK_PAGE_UP, "PgUp", N_("move")},
	{KEY_NPAGE, true, EK_PAGE_DOWN, "PgDn", N_("move")},
	{ctrl_key('A'), false, EK_LINE_START, "Ctrl-A",
	 N_("start, end of the line")},
	{ctrl_key('E'), false, EK_LINE_END, "Ctrl-E",
	 N_("start, end of the line")},
	{ctrl_key('K'), false, EK_KILL_END, "Ctrl-K",
	 N_("cut to the end, to the start of the line")},
	{ctrl_key('U'), false, EK_KILL_START, "Ctrl-U",
	 N_("cut to the end, to the start of the line")},
	{ctrl_key('W'), false, EK_KILL_WORD_BACK, "Ctrl-W",
	 N_("cut the word before the cursor")},
	{ctrl_key('Y'), false, EK_YANK, "Ctrl-Y",
	 N_("paste what was cut last (in any answer)")},
	{KEY_BACKSPACE, true, EK_BACKSPACE, "Backspace",
	 N_("delete one character")},
	{127, false, EK_BACKSPACE, NULL, NULL},
	{ctrl_key('H'), false, EK_BACKSPACE, NULL, NULL},
	{KEY_DC, true, EK_DELETE, "Delete", N_("delete one character")},
	{'\n', false, EK_NEWLINE, "Enter",
	 N_("new line (next item in a one-line answer)")},
	{'\r', false, EK_NEWLINE, NULL, NULL},
	{KEY_ENTER, true, EK_NEWLINE, NULL, NULL},
};

#define N_EDITOR_KEYS (sizeof editor_keys / sizeof editor_keys[0])

size_t
editor_n_keys(void)
{
	return N_EDITOR_KEYS;
}

void
editor_key_help(size_t i, const char **name, const char **help)
{
	*name = i < N_EDITOR_KEYS ? editor_keys[i].name : NULL;
	*help = i < N_EDITOR_KEYS ? editor_keys[i].help : NULL;
}

static editor_result
run_op(editor *e, editor_op op, size_t keep_goal)
{
	visline v;
	size_t ls, le;

	switch (op) {
	case EK_LEFT:
		if (e->cur > 0)
			e->cur = utext_cluster_start(e->buf, e->len, e->cur);
		break;
	case EK_RIGHT:
		e->cur = utext_cluster_end(e->buf, e->len, e->cur);
		break;
	case EK_UP:
	case EK_DOWN:
		e->goal = keep_goal;
		ed_move_lines(e, op == EK_UP ? -1 : 1);
		break;
	case EK_PAGE_UP:
	case EK_PAGE_DOWN:
		e->goal = keep_goal;
		ed_page(e, op == EK_PAGE_UP ? -1 : 1, ed_page_rows(e));
		break;
	case EK_HOME:
		if (ed_vl_at(e, e->cur, &v))
			e->cur = ed_vl_first(&v);
		break;
	case EK_END:
		if (ed_vl_at(e, e->cur, &v))
			e->cur = ed_vl_last(e, &v);
		break;
	case EK_LINE_START:
		ed_line_bounds(e, e->cur, &ls, &le);
		e->cur = ls;
		break;
	case EK_LINE_END:
		ed_line_bounds(e, e->cur, &ls, &le);
		e->cur = le;
		break;
	case EK_KILL_END:
		ed_line_bounds(e, e->cur, &ls, &le);
		if (e->cur < le)
			return delete_range(e, e->cur, le, HK_OTHER, 1);
		if (le < e->len)
			return delete_range(e, le, le + 1, HK_OTHER, 1);
		break;
	case EK_KILL_START:
		ed_line_bounds(e, e->cur, &ls, &le);
		return delete_range(e, ls, e->cur, HK_OTHER, -1);
	case EK_KILL_WORD_BACK:
		return kill_word_back(e);
	case EK_YANK:
		return yank(e, false);
	case EK_BACKSPACE:
		if (e->cur > 0)
			return delete_range(e,
					    utext_cluster_start(e->buf, e->len,
								e->cur),
					    e->cur, HK_DELETE, 0);
		break;
	case EK_DELETE:
		return delete_range(e, e->cur,
				    utext_cluster_end(e->buf, e->len, e->cur),
				    HK_DELETE, 0);
	case EK_NEWLINE:
		if (e->single_line)
			return EDITOR_IGNORED;
		return insert_cp(e, '\n');
	}
	return EDITOR_HANDLED;
}

/* A character that is no key of the table: text. Tab moves between the
 * form's fields; other control characters and what is not a Unicode
 * scalar value are not text. */
static editor_result
type_char(editor *e, wint_t ch)
{
	if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) ||
	    (ch >= 0xd800 && ch <= 0xdfff) || ch > 0x10ffff)
		return EDITOR_IGNORED;
	return insert_cp(e, (uint32_t)ch);
}

/* Before a key: what the key before did, and a fresh "refused". */
static void
begin_key(editor *e)
{
	e->refused = false;
	e->prev_cmd = e->last_cmd;
	e->last_cmd = LC_NONE;
}

/* After a key: a key that changed nothing (a move) ends the step that
 * typing or deleting would join. */
static void
end_key(editor *e, editor_result r)
{
	if (r != EDITOR_CHANGED)
		hist_break(e->hist);
}

editor_result
editor_key(editor *e, wint_t ch, bool is_key)
{
	size_t keep_goal = e->goal;
	editor_result r = EDITOR_IGNORED;
	size_t k;

	begin_key(e);
	e->goal = NO_GOAL;
	for (k = 0; k < N_EDITOR_KEYS; k++)
		if (editor_keys[k].ch == ch && editor_keys[k].is_key == is_key)
			break;
	if (k < N_EDITOR_KEYS)
		r = run_op(e, editor_keys[k].op, keep_goal);
	else if (!is_key)
		r = type_char(e, ch);
	if (r == EDITOR_IGNORED) {
		e->goal = keep_goal;
		e->last_cmd = e->prev_cmd;
	} else {
		end_key(e, r);
	}
	return r;
}

editor_result
editor_command(editor *e, editor_cmd cmd)
{
	editor_result r = EDITOR_HANDLED;

	begin_key(e);
	e->goal = NO_GOAL;
	switch (cmd) {
	case EDCMD_WORD_LEFT:
		e->cur = utext_word_prev(e->buf, e->len, e->cur);
		break;
	case EDCMD_WORD_RIGHT:
		e->cur = utext_word_next(e->buf, e->len, e->cur);
		break;
	case EDCMD_KILL_WORD_BACK:
		r = kill_word_back(e);
		break;
	case EDCMD_KILL_WORD_FWD:
		r = kill_word_fwd(e);
		break;
	case EDCMD_YANK:
		r = yank(e, false);
		break;
	case EDCMD_YANK_POP:
		r = yank(e, true);
		break;
	}
	end_key(e, r);
	return r;
}

editor_result
editor_insert(editor *e, const char *text, size_t len)
{
	editor_result r;

	begin_key(e);
	e->goal = NO_GOAL;
	hist_break(e->hist);
	r = insert_text(e, text, len);
	end_key(e, r);
	return r;
}
