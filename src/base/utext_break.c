/* Break opportunities (utext_break.h): ICU's line and word break
 * iterators over the text with Thai read as letters, and libthai's
 * dictionary for the words inside each run of Thai. */
#include "utext_break.h"

#include "grow.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "utext_int.h"

/* One thread's breakers and buffers. */
typedef struct brk_state {
	UBreakIterator *line; /* NULL: ICU could not open it */
	UBreakIterator *word;
	UText *ut;
	ThBrk *thai;          /* NULL: no dictionary (ICU's Thai then) */
	bool thai_tried;
	char *mask;           /* the window with Thai read as letters */
	size_t mask_cap;
	unsigned char *tis;   /* a Thai segment in TIS-620, for libthai */
	size_t tis_cap;
	int *pos;             /* libthai's breaks */
	size_t pos_cap;
	unsigned char *tb;    /* Thai boundaries of a word window */
	size_t tb_cap;
} brk_state;

static pthread_key_t state_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static bool key_ok;

static void
state_free(void *p)
{
	brk_state *st = p;

	if (st == NULL)
		return;
	if (st->line)
		ubrk_close(st->line);
	if (st->word)
		ubrk_close(st->word);
	if (st->ut)
		utext_close(st->ut);
	if (st->thai)
		th_brk_delete(st->thai);
	free(st->mask);
	free(st->tis);
	free(st->pos);
	free(st->tb);
	free(st);
}

static void
make_key(void)
{
	key_ok = pthread_key_create(&state_key, state_free) == 0;
}

/* This thread's state, made on first use; NULL when out of memory. */
static brk_state *
state(void)
{
	brk_state *st;
	UErrorCode e = U_ZERO_ERROR;

	pthread_once(&key_once, make_key);
	if (!key_ok)
		return NULL;
	st = pthread_getspecific(state_key);
	if (st)
		return st;
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return NULL;
	/* The root locale: the default rules of UAX #14 and UAX #29, the
	 * same whatever language the plan is in. */
	st->line = ubrk_open(UBRK_LINE, "", NULL, 0, &e);
	if (U_FAILURE(e))
		st->line = NULL;
	e = U_ZERO_ERROR;
	st->word = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
	if (U_FAILURE(e))
		st->word = NULL;
	if (pthread_setspecific(state_key, st) != 0) {
		state_free(st);
		return NULL;
	}
	return st;
}

void
utext_break_release(void)
{
	brk_state *st;

	pthread_once(&key_once, make_key);
	if (!key_ok)
		return;
	st = pthread_getspecific(state_key);
	if (st) {
		pthread_setspecific(state_key, NULL);
		state_free(st);
	}
}

/* v with room for need elements of size bytes (*cap of them now): v
 * itself, or moved; NULL when out of memory (v is then untouched). */
static void *
room(void *v, size_t *cap, size_t need, size_t size)
{
	return need == 0 ? v : grow_array(v, cap, need - 1, size, 256);
}

/* Thai, byte by byte: every Thai character is three bytes, E0 B8 xx or
 * E0 B9 xx. */
static inline bool
thai_at(const unsigned char *u, size_t len, size_t p)
{
	return len - p >= 3 && u[p] == 0xe0 &&
	       ((u[p + 1] == 0xb8 && u[p + 2] >= 0x81 && u[p + 2] <= 0xba) ||
		(u[p + 1] == 0xb9 && u[p + 2] >= 0x80 && u[p + 2] <= 0x8e));
}

static inline bool
thai_before(const unsigned char *u, size_t len, size_t p)
{
	return p >= 3 && thai_at(u, len, p - 3);
}

/* True when s[a..b) holds Thai. */
static bool
has_thai(const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *e;

	while (a < b && (e = memchr(s + a, 0xe0, b - a)) != NULL) {
		a = (size_t)(e - s);
		if (thai_at(u, b, a))
			return true;
		a++;
	}
	return false;
}

/* libthai's breaker, loaded when Thai first shows up around [from, to) (as
 * far as a window can reach): its dictionary takes a few milliseconds to
 * load, which text without Thai need not wait for. */
static ThBrk *
thai_breaker(brk_state *st, const char *s, size_t len, size_t from,
	     size_t to)
{
	size_t reach = 4 * (size_t)UTEXT_BREAK_CONTEXT + 4;

	if (st->thai_tried)
		return st->thai;
	if (!has_thai(s, from > reach ? from - reach : 0,
		      len - to > reach ? to + reach : len))
		return NULL;
	if (!st->thai_tried) {
		st->thai_tried = true;
		st->thai = th_brk_new(NULL);
	}
	return st->thai;
}

/* A preposed vowel (U+0E40..U+0E44) at p: a syllable starts there. */
static inline bool
preposed_at(const unsigned char *u, size_t p)
{
	return u[p + 1] == 0xb9 && u[p + 2] >= 0x80 && u[p + 2] <= 0x84;
}

/* A character that joins the cluster before it: the combining marks and
 * SARA AM (a spacing mark in UAX #29). */
static inline bool
joins_at(const unsigned char *u, size_t p)
{
	unsigned char b = u[p + 2];

	return u[p + 1] == 0xb8 ? b == 0xb1 || (b >= 0xb3 && b <= 0xba)
				: b >= 0x87 && b <= 0x8e;
}

/* Thai masks: letters read as U+0800 (a letter, class AL, ALetter), marks
 * as U+0816 (class CM, Extend), both three bytes like Thai. */
static const char MASK_LETTER[3] = {'\xe0', '\xa0', '\x80'};
static const char MASK_MARK[3] = {'\xe0', '\xa0', '\x96'};

static inline bool
thai_mark_at(const unsigned char *u, size_t p)
{
	unsigned char b = u[p + 2];

	return u[p + 1] == 0xb8 ? b == 0xb1 || (b >= 0xb4 && b <= 0xba)
				: b >= 0x87 && b <= 0x8e;
}

/* s[c..d), with Thai masked when mask is set and there is Thai in it; in
 * st->mask when a copy was needed. NULL when out of memory. */
static const char *
window_text(brk_state *st, const char *s, size_t c, size_t d, bool mask)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *e;
	char *m;
	size_t p;

	if (!mask)
		return s + c;
	for (p = c; p < d; p++) {
		e = memchr(s + p, 0xe0, d - p);
		if (e == NULL)
			return s + c;
		p = (size_t)(e - s);
		if (thai_at(u, d, p))
			break;
	}
	if (p >= d)
		return s + c;
	m = room(st->mask, &st->mask_cap, d - c, 1);
	if (m == NULL)
		return NULL;
	st->mask = m;
	memcpy(st->mask, s + c, d - c);
	for (; p + 3 <= d; p++) {
		if (u[p] != 0xe0 || !thai_at(u, d, p))
			continue;
		memcpy(st->mask + (p - c),
		       thai_mark_at(u, p) ? MASK_MARK : MASK_LETTER, 3);
		p += 2;
	}
	return st->mask;
}

/* End of the libthai segment that starts at a in the Thai run ending at
 * re: the whole rest when it is short; else the first preposed vowel
 * UTEXT_THAI_SEGMENT characters on, or failing one within as many more, a
 * cluster boundary there. */
static size_t
segment_end(const unsigned char *u, size_t a, size_t re)
{
	size_t q = a + 3 * (size_t)UTEXT_THAI_SEGMENT;
	size_t max = a + 6 * (size_t)UTEXT_THAI_SEGMENT;

	if (re - a <= 3 * (size_t)UTEXT_THAI_SEGMENT)
		return re;
	for (; q < re && q < max; q += 3)
		if (preposed_at(u, q))
			return q;
	while (q < re && joins_at(u, q))
		q += 3;
	return q;
}

/* libthai's words of the segment [a, b): ALLOWED at its breaks, NONE at
 * the other places inside, for the places in [lo, hi] (brk indexed from
 * lo). */
static bool
thai_segment(brk_state *st, ThBrk *tb, const unsigned char *u, size_t a,
	     size_t b, size_t lo, size_t hi, unsigned char *brk)
{
	size_t n = (b - a) / 3, i, p;
	unsigned char *t;
	int k, j, *v;

	t = room(st->tis, &st->tis_cap, n + 1, 1);
	if (t == NULL)
		return false;
	st->tis = t;
	v = room(st->pos, &st->pos_cap, n + 1, sizeof(int));
	if (v == NULL)
		return false;
	st->pos = v;
	for (i = 0; i < n; i++) {
		const unsigned char *c = u + a + 3 * i;
		unsigned cp = (c[1] == 0xb8 ? 0x00 : 0x40) + (c[2] - 0x80u);

		/* TIS-620 puts U+0E01..U+0E5B at 0xA1..0xFB. */
		st->tis[i] = (unsigned char)(0xa0 + cp);
	}
	st->tis[n] = 0;
	for (p = a + 1 > lo ? a + 1 : lo; p < b && p <= hi; p++)
		brk[p - lo] = UTEXT_BREAK_NONE;
	k = th_brk_find_breaks(tb, st->tis, st->pos, n);
	for (j = 0; j < k; j++) {
		p = a + 3 * (size_t)st->pos[j];
		if (p > a && p < b && p >= lo && p <= hi)
			brk[p - lo] = UTEXT_BREAK_ALLOWED;
	}
	return true;
}

/* The Thai words of the places in [lo, hi] (brk indexed from lo) that lie
 * inside a run of Thai: libthai's breaks and the segment cuts. With
 * edges, the run's edges are marked too (for words). Each run is
 * segmented from its start, wherever lo falls, so that every window gives
 * the same words. */
static bool
thai_marks(brk_state *st, ThBrk *tb, const char *s, size_t len, size_t lo,
	   size_t hi, unsigned char *brk, bool edges)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p = lo, rs, re, a, b;
	const char *e;

	while (p <= hi && p < len) {
		if (thai_before(u, len, p) && thai_at(u, len, p)) {
			rs = p;
			while (thai_before(u, len, rs))
				rs -= 3;
		} else {
			e = memchr(s + p, 0xe0, (hi < len ? hi + 1 : len) - p);
			if (e == NULL)
				break;
			rs = (size_t)(e - s);
			if (!thai_at(u, len, rs)) {
				p = rs + 1;
				continue;
			}
		}
		re = rs;
		while (thai_at(u, len, re))
			re += 3;
		if (edges) {
			if (rs >= lo && rs <= hi)
				brk[rs - lo] = UTEXT_BREAK_ALLOWED;
			if (re >= lo && re <= hi)
				brk[re - lo] = UTEXT_BREAK_ALLOWED;
		}
		for (a = rs; a < re && a <= hi; a = b) {
			b = segment_end(u, a, re);
			if (b <= lo)
				continue;
			if (a > rs && a >= lo)
				brk[a - lo] = UTEXT_BREAK_ALLOWED;
			if (!thai_segment(st, tb, u, a, b, lo, hi, brk))
				return false;
		}
		p = re > p ? re : p + 1;
	}
	return true;
}

/* A code point after which UAX #14 needs nothing of what came before it:
 * letters, ideographs, kana and the like; never spaces, marks, digits,
 * punctuation of numbers, quotes, brackets, hyphens or regional
 * indicators, whose rules look further back. Thai counts when it is
 * masked (then read as letters). */
static bool
line_plain(uint32_t cp, bool thai_masked)
{
	if (utext_thai_sa(cp))
		return thai_masked;
	switch (u_getIntPropertyValue((UChar32)cp, UCHAR_LINE_BREAK)) {
	case U_LB_ALPHABETIC:
	case U_LB_HEBREW_LETTER:
	case U_LB_IDEOGRAPHIC:
	case U_LB_H2:
	case U_LB_H3:
	case U_LB_JL:
	case U_LB_JV:
	case U_LB_JT:
	case U_LB_NONSTARTER:
	case U_LB_CONDITIONAL_JAPANESE_STARTER:
	case U_LB_EXCLAMATION:
	case U_LB_INSEPARABLE:
	case U_LB_AMBIGUOUS:
	case U_LB_UNKNOWN:
	case U_LB_E_BASE:
	case U_LB_E_MODIFIER:
		return true;
	default:
		return false;
	}
}

/* Where the window for the places from `from` on starts: at the nearest
 * plain code point before from (it is read as the window's first), or
 * UTEXT_BREAK_CONTEXT code points back. */
static size_t
line_context_start(const char *s, size_t len, size_t from, bool masked)
{
	size_t p = from, q;
	int steps = 0;

	while (p > 0 && steps++ < UTEXT_BREAK_CONTEXT) {
		p = utext_prev_start(s, p);
		q = p;
		if (line_plain(utext_next_fast(s, len, &q), masked))
			return p;
	}
	return p;
}

/* Where the window ends: past the first plain code point at or after
 * `to`, so that every rule deciding the places up to `to` sees what it
 * needs. */
static size_t
line_context_end(const char *s, size_t len, size_t to, bool masked)
{
	size_t p = to;
	int steps = 0;

	while (p < len && steps++ < UTEXT_BREAK_CONTEXT)
		if (line_plain(utext_next_fast(s, len, &p), masked))
			break;
	return p;
}

/* Without ICU: a break after each run of spaces, and after '\n'. */
static void
space_breaks(const char *s, size_t len, size_t from, size_t to,
	     unsigned char *brk)
{
	for (size_t p = from > 0 ? from : 1; p <= to && p < len; p++)
		if ((s[p - 1] == ' ' && s[p] != ' ') || s[p - 1] == '\n')
			brk[p - from] = s[p - 1] == '\n' ? UTEXT_BREAK_MUST
							 : UTEXT_BREAK_ALLOWED;
}

/* ICU's opportunities in the window [c, d) for the places from..to. */
static bool
icu_line(brk_state *st, const char *s, size_t len, size_t c, size_t d,
	 size_t from, size_t to, bool masked, unsigned char *brk)
{
	UErrorCode e = U_ZERO_ERROR;
	const char *text = window_text(st, s, c, d, masked);
	int32_t b, start;
	size_t p;

	if (text == NULL)
		return false;
	st->ut = utext_openUTF8(st->ut, text, (int64_t)(d - c), &e);
	if (U_FAILURE(e))
		return false;
	ubrk_setUText(st->line, st->ut, &e);
	if (U_FAILURE(e))
		return false;
	/* The first boundary after the code point before from. */
	start = from > c ? (int32_t)(utext_prev_start(s, from) - c) : -1;
	b = start < 0 ? ubrk_first(st->line) : ubrk_following(st->line, start);
	for (; b != UBRK_DONE; b = ubrk_next(st->line)) {
		p = c + (size_t)b;
		if (p > to)
			break;
		if (p < from || p == 0)
			continue;
		/* Only '\n' ends a paragraph (utext_break.h). */
		brk[p - from] = s[p - 1] == '\n' ? UTEXT_BREAK_MUST
						 : UTEXT_BREAK_ALLOWED;
	}
	return true;
}

bool
utext_line_breaks(const char *s, size_t len, size_t from, size_t to,
		  unsigned char *brk)
{
	brk_state *st;
	ThBrk *tb = NULL;
	size_t c, d;

	if (to > len)
		to = len;
	if (from > to)
		from = to;
	memset(brk, UTEXT_BREAK_NONE, to - from + 1);
	st = state();
	if (st == NULL)
		return false;
	if (st->line == NULL) {
		space_breaks(s, len, from, to, brk);
	} else {
		tb = thai_breaker(st, s, len, from, to);
		c = line_context_start(s, len, from, tb != NULL);
		d = line_context_end(s, len, to, tb != NULL);
		if (!icu_line(st, s, len, c, d, from, to, tb != NULL, brk) ||
		    (tb && !thai_marks(st, tb, s, len, from, to, brk, false))) {
			memset(brk, UTEXT_BREAK_NONE, to - from + 1);
			return false;
		}
	}
	if (from == 0)
		brk[0] = UTEXT_BREAK_NONE;
	if (to == len && len > 0)
		brk[to - from] = UTEXT_BREAK_MUST;
	return true;
}

/* Words. */

static bool
wb_space(uint32_t cp)
{
	switch (u_getIntPropertyValue((UChar32)cp, UCHAR_WORD_BREAK)) {
	case U_WB_WSEGSPACE:
	case U_WB_NEWLINE:
	case U_WB_CR:
	case U_WB_LF:
		return true;
	default:
		return false;
	}
}

static bool
wb_joins(uint32_t cp)
{
	switch (u_getIntPropertyValue((UChar32)cp, UCHAR_WORD_BREAK)) {
	case U_WB_EXTEND:
	case U_WB_FORMAT:
	case U_WB_ZWJ:
		return true;
	default:
		return false;
	}
}

/* A word boundary that nothing before it can move: after a space and
 * before something that neither is one nor joins what comes before. */
static bool
word_restart(const char *s, size_t len, size_t p)
{
	size_t q = utext_prev_start(s, p);
	uint32_t next;

	if (!wb_space(utext_next_fast(s, len, &q)))
		return false;
	next = utext_next_fast(s, len, &p);
	return !wb_space(next) && !wb_joins(next);
}

static size_t
word_context_start(const char *s, size_t len, size_t from)
{
	size_t p = from;
	int steps = 0;

	while (p > 0 && steps++ < UTEXT_BREAK_CONTEXT) {
		if (p < len && word_restart(s, len, p))
			return p;
		p = utext_prev_start(s, p);
	}
	return p;
}

static size_t
word_context_end(const char *s, size_t len, size_t to)
{
	size_t p = to;
	int steps = 0;

	while (p < len && steps++ < UTEXT_BREAK_CONTEXT) {
		if (p > 0 && word_restart(s, len, p))
			return p;
		utext_next_fast(s, len, &p);
	}
	return p;
}

/* Appends a piece (see utext_grow_pow2). */
static bool
push_word(utext_word **v, size_t *n, size_t start, size_t end, bool word)
{
	utext_word *w = utext_grow_pow2(*v, *n, sizeof(**v));

	if (w == NULL)
		return false;
	*v = w;
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*v)[*n].word = word;
	(*n)++;
	return true;
}

/* Without ICU: runs of spaces and runs of everything else. */
static bool
space_words(const char *s, size_t len, size_t from, size_t to,
	    utext_word **v, size_t *n)
{
	size_t a = from, b;

	while (a > 0 && (s[a - 1] == ' ') == (s[a] == ' '))
		a--;
	while (a < to) {
		bool sp = s[a] == ' ';

		for (b = a + 1; b < len && (s[b] == ' ') == sp; b++)
			;
		if (!push_word(v, n, a, b, !sp))
			return false;
		a = b;
	}
	return true;
}

/* The pieces of the ICU segment [x, y) (status: a word or not), cut at
 * the Thai boundaries marked in tb (indexed from c), that overlap
 * [from, to). */
static bool
split_segment(const char *s, size_t len, size_t x, size_t y, bool word,
	      const unsigned char *tb, size_t c, size_t from, size_t to,
	      utext_word **v, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t a = x, b;

	while (a < y) {
		for (b = a + 1; b < y && tb[b - c] == UTEXT_BREAK_NONE; b++)
			;
		if (b > from && a < to &&
		    !push_word(v, n, a, b, word || thai_at(u, len, a)))
			return false;
		a = b;
	}
	return true;
}

bool
utext_words(const char *s, size_t len, size_t from, size_t to,
	    utext_word **words, size_t *n)
{
	brk_state *st;
	ThBrk *tb = NULL;
	UErrorCode e = U_ZERO_ERROR;
	const char *text;
	unsigned char *t;
	size_t c, d, x, y;
	int32_t b, prev;
	bool ok = false;

	*n = 0;
	if (to > len)
		to = len;
	if (from >= to)
		return true;
	st = state();
	if (st == NULL)
		return false;
	if (st->word == NULL)
		return space_words(s, len, from, to, words, n);
	tb = thai_breaker(st, s, len, from, to);
	c = word_context_start(s, len, from);
	d = word_context_end(s, len, to);
	text = window_text(st, s, c, d, tb != NULL);
	t = room(st->tb, &st->tb_cap, d - c + 1, 1);
	if (text == NULL || t == NULL)
		goto out;
	st->tb = t;
	memset(st->tb, UTEXT_BREAK_NONE, d - c + 1);
	if (tb && !thai_marks(st, tb, s, len, c, d, st->tb, true))
		goto out;
	st->ut = utext_openUTF8(st->ut, text, (int64_t)(d - c), &e);
	ubrk_setUText(st->word, st->ut, &e);
	if (U_FAILURE(e))
		goto out;
	prev = ubrk_first(st->word);
	for (b = ubrk_next(st->word); b != UBRK_DONE;
	     prev = b, b = ubrk_next(st->word)) {
		x = c + (size_t)prev;
		y = c + (size_t)b;
		if (y <= from)
			continue;
		if (x >= to)
			break;
		if (!split_segment(s, len, x, y,
				   ubrk_getRuleStatus(st->word) >=
					   UBRK_WORD_NONE_LIMIT,
				   st->tb, c, from, to, words, n))
			goto out;
	}
	ok = true;
out:
	if (!ok)
		*n = 0;
	return ok;
}

bool
utext_word_at(const char *s, size_t len, size_t pos, utext_word *w)
{
	utext_word *v = NULL;
	size_t n = 0;
	bool ok;

	if (pos >= len)
		return false;
	ok = utext_words(s, len, pos, pos + 1, &v, &n) && n > 0;
	if (ok)
		*w = v[n - 1];
	free(v);
	return ok;
}

/* pos moved forward (or back) to a cluster boundary: ICU's and libthai's
 * boundaries are code points, and a motion must never split a cluster
 * (a stray mark, a joiner). */
static size_t
cluster_after(const char *s, size_t len, size_t pos)
{
	size_t end;

	if (pos == 0 || pos >= len)
		return pos;
	/* utext_cluster_start gives the cluster that ends at pos, or the
	 * one pos is inside. */
	end = utext_cluster_end(s, len, utext_cluster_start(s, len, pos));
	return end;
}

static size_t
cluster_before(const char *s, size_t len, size_t pos)
{
	size_t start;

	if (pos == 0 || pos >= len)
		return pos;
	start = utext_cluster_start(s, len, pos);
	return utext_cluster_end(s, len, start) == pos ? pos : start;
}

size_t
utext_word_next(const char *s, size_t len, size_t pos)
{
	utext_word w;

	while (pos < len && utext_word_at(s, len, pos, &w)) {
		if (w.word && cluster_after(s, len, w.end) > pos)
			return cluster_after(s, len, w.end);
		if (w.end <= pos)
			break; /* never loop: pieces always move on */
		pos = w.end;
	}
	return len;
}

size_t
utext_word_prev(const char *s, size_t len, size_t pos)
{
	utext_word w;

	while (pos > 0 && utext_word_at(s, len, pos - 1, &w)) {
		if (w.word && cluster_before(s, len, w.start) < pos)
			return cluster_before(s, len, w.start);
		if (w.start >= pos)
			break;
		pos = w.start;
	}
	return 0;
}
