/* UTF-8 text for the engine and the form: strict validation, grapheme
 * clusters (utf8proc), display widths and the one line-wrapping algorithm. */
#include "utext.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Masks for looking at eight bytes at once. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* A valid three-byte character at u[i], the usual case (Thai, Chinese,
 * most punctuation): decoded straight, inline in the loops. */
static inline bool
three_bytes(const unsigned char *u, size_t len, size_t i, uint32_t *cp)
{
	uint32_t v;

	if ((u[i] & 0xf0) != 0xe0 || len - i < 3 ||
	    (u[i + 1] & 0xc0) != 0x80 || (u[i + 2] & 0xc0) != 0x80)
		return false;
	v = (uint32_t)(u[i] & 0x0f) << 12 | (uint32_t)(u[i + 1] & 0x3f) << 6 |
	    (u[i + 2] & 0x3f);
	if (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))
		return false;
	*cp = v;
	return true;
}

/* Whether u[i] starts a valid three-byte character, as three_bytes
 * decides it, without decoding: for utext_valid, which runs over every
 * answer loaded. */
static inline bool
three_valid(const unsigned char *u, size_t len, size_t i)
{
	unsigned char b0 = u[i], b1, b2;

	if ((b0 & 0xf0) != 0xe0 || len - i < 3)
		return false;
	b1 = u[i + 1];
	b2 = u[i + 2];
	/* Continuation bytes (0x80..0xBF) are those below 0x40 once their
	 * top bit is flipped: one test for both. */
	if (((b1 ^ 0x80) | (b2 ^ 0x80)) >= 0x40)
		return false;
	/* E0 80..9F would be an overlong form, ED A0..BF a surrogate. */
	return !((b0 == 0xe0 && b1 < 0xa0) || (b0 == 0xed && b1 >= 0xa0));
}

/* The one decoder: the multi-byte character at u[i] (u[i] >= 0x80), its
 * length in *n on success. */
static utext_error
decode(const unsigned char *u, size_t len, size_t i, size_t *n,
       uint32_t *cp)
{
	unsigned char c = u[i];
	uint32_t v, min;
	size_t more, k;

	if (c >= 0xc2 && c <= 0xdf) {
		more = 1;
		v = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		more = 2;
		v = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		more = 3;
		v = c & 0x07;
		min = 0x10000;
	} else {
		*cp = c;
		if (c == 0xc0 || c == 0xc1)
			return UTEXT_OVERLONG;
		return c < 0xc0 ? UTEXT_CONTINUATION : UTEXT_BAD_BYTE;
	}
	if (len - i <= more) {
		*cp = c;
		return UTEXT_TRUNCATED;
	}
	for (k = 1; k <= more; k++) {
		if ((u[i + k] & 0xc0) != 0x80) {
			*cp = c;
			return UTEXT_TRUNCATED;
		}
		v = (v << 6) | (u[i + k] & 0x3f);
	}
	*cp = v;
	if (v < min)
		return UTEXT_OVERLONG;
	if (v >= 0xd800 && v <= 0xdfff)
		return UTEXT_SURROGATE;
	if (v > 0x10ffff)
		return UTEXT_TOO_LARGE;
	*n = more + 1;
	return UTEXT_OK;
}

utext_error
utext_decode(const char *s, size_t len, size_t *pos, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	utext_error e;
	size_t n;

	if (*pos >= len) {
		*cp = 0;
		return UTEXT_TRUNCATED;
	}
	if (u[*pos] < 0x80) {
		*cp = u[(*pos)++];
		return UTEXT_OK;
	}
	if (three_bytes(u, len, *pos, cp)) {
		*pos += 3;
		return UTEXT_OK;
	}
	e = decode(u, len, *pos, &n, cp);
	if (e == UTEXT_OK)
		*pos += n;
	return e;
}

/* Offset in its word of the first byte of mask (high bits only) that is
 * set, where the compiler can tell it in one instruction; elsewhere the
 * callers look byte by byte. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FIRST_FLAGGED(mask) ((size_t)__builtin_ctzll(mask) >> 3)
#define HAVE_FIRST_FLAGGED 1
#else
#define HAVE_FIRST_FLAGGED 0
#endif

/* Length of the run of ASCII bytes at u[i]: eight at a time while it
 * lasts, as most text is mostly ASCII. */
static inline size_t
ascii_run(const unsigned char *u, size_t len, size_t i)
{
	size_t start = i;
	uint64_t w;

	while (len - i >= 8) {
		memcpy(&w, u + i, 8);
		if (w & HIGHS) {
#if HAVE_FIRST_FLAGGED
			return i + FIRST_FLAGGED(w & HIGHS) - start;
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < len && u[i] < 0x80)
		i++;
	return i - start;
}

size_t
utext_plain_run(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint64_t w;

	/* Eight at a time. For a byte b below 0x80, b + 0x60 reaches 0x80
	 * exactly when b >= 0x20, and b + 1 exactly when b == 0x7F; neither
	 * carries into the next byte. So a word is plain when no byte has
	 * its high bit, every byte of w + 0x60.. has it, and no byte of
	 * w + 0x01.. has it. */
	while (len - i >= 8) {
		uint64_t m;

		memcpy(&w, u + i, 8);
		m = (w | ~(w + 0x60 * ONES) | (w + ONES)) & HIGHS;
		if (m) {
			/* A carry out of a byte at or past 0x80 only ever
			 * reaches later bytes, so the first flagged byte is
			 * the first that is not plain. */
#if HAVE_FIRST_FLAGGED
			return i + FIRST_FLAGGED(m);
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < len && u[i] >= 0x20 && u[i] < 0x7f)
		i++;
	return i;
}

size_t
utext_printable_run(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		i += utext_plain_run(s + i, len - i);
		if (i == len || u[i] < 0x80)
			break;
		if (three_bytes(u, len, i, &cp))
			n = 3;
		else if (decode(u, len, i, &n, &cp) != UTEXT_OK)
			break;
		if (cp < 0xa0 || cp == 0x2028 || cp == 0x2029)
			break;
		i += n;
	}
	return i;
}

bool
utext_plain_ascii(const char *s, size_t len)
{
	return utext_plain_run(s, len) == len;
}

bool
utext_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		i += ascii_run(u, len, i);
		if (i == len)
			break;
		if (three_valid(u, len, i)) {
			/* Chinese or Thai: three-byte characters in a row. */
			i += 3;
			while (i < len && three_valid(u, len, i))
				i += 3;
			continue;
		}
		if (u[i] >= 0xc2 && u[i] <= 0xdf && len - i >= 2 &&
		    (u[i + 1] & 0xc0) == 0x80) {
			/* Vietnamese: two-byte characters between ASCII. */
			i += 2;
			continue;
		}
		if (decode(u, len, i, &n, &cp) != UTEXT_OK) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* utext_next, inline for the loops here. Invalid bytes (the engine
 * validates input, but a caller's mistake must not read out of bounds)
 * give U+FFFD for one byte. */
static inline uint32_t
next_cp(const char *s, size_t len, size_t *pos)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = *pos, n;
	uint32_t cp;

	if (i >= len)
		return 0;
	if (u[i] < 0x80) {
		*pos = i + 1;
		return u[i];
	}
	if (three_bytes(u, len, i, &cp)) {
		*pos = i + 3;
		return cp;
	}
	if (decode(u, len, i, &n, &cp) != UTEXT_OK) {
		*pos = i + 1;
		return 0xfffd;
	}
	*pos = i + n;
	return cp;
}

uint32_t
utext_next(const char *s, size_t len, size_t *pos)
{
	return next_cp(s, len, pos);
}

size_t
utext_count(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = 0;
	uint64_t w, cont;

	/* The bytes that do not continue a sequence, eight at a time: a
	 * continuation byte is 10xxxxxx. */
	for (; len - i >= 8; i += 8) {
		memcpy(&w, u + i, 8);
		cont = (w & ~(w << 1) & HIGHS) >> 7;
		/* Each byte of cont is 0 or 1: the multiplication adds them
		 * up in the top byte. */
		n += 8 - (size_t)((cont * ONES) >> 56);
	}
	for (; i < len; i++)
		n += (u[i] & 0xc0) != 0x80;
	return n;
}

const char *
utext_excerpt(char buf[UTEXT_EXCERPT_SIZE], const char *s)
{
	size_t n = 0;

	for (; *s && n < UTEXT_EXCERPT_SIZE - 4; s++) {
		unsigned char c = (unsigned char)*s;

		buf[n++] = (char)(c < 0x20 || c == 0x7f ? '?' : c);
	}
	if (*s) {
		/* Cut inside a UTF-8 sequence: drop its first half. */
		if (((unsigned char)*s & 0xc0) == 0x80) {
			while (n > 0 &&
			       ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
				n--;
			if (n > 0)
				n--;
		}
		buf[n++] = '.';
		buf[n++] = '.';
		buf[n++] = '.';
	}
	buf[n] = '\0';
	return buf;
}

/* Start of the code point that ends at pos (pos > 0); at most 3 steps back
 * so that bad input cannot make it wander. */
static size_t
prev_cp(const char *s, size_t pos)
{
	size_t k = pos - 1, steps = 0;

	while (k > 0 && steps < 3 && ((unsigned char)s[k] & 0xc0) == 0x80) {
		k--;
		steps++;
	}
	return k;
}


/* True when there is a cluster boundary between code points of these
 * boundary classes whatever came before the first. Between two "Other"
 * (or control) code points no rule of UAX #29 can join them: the rules
 * that look further back (regional indicator pairs, emoji ZWJ sequences,
 * Indic conjuncts) all need an Extend, ZWJ or regional indicator next to
 * the boundary. */
static bool
certain_classes(int b1, int b2)
{
	return (b1 == UTF8PROC_BOUNDCLASS_OTHER ||
		b1 == UTF8PROC_BOUNDCLASS_CONTROL ||
		b1 == UTF8PROC_BOUNDCLASS_LF) &&
	       (b2 == UTF8PROC_BOUNDCLASS_OTHER ||
		b2 == UTF8PROC_BOUNDCLASS_CONTROL ||
		b2 == UTF8PROC_BOUNDCLASS_CR);
}

/* utext_width_default from the code point's properties. */
static int
default_width(uint32_t cp, const utf8proc_property_t *p)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0x10ffff)
		return 1;
	if (p->category == UTF8PROC_CATEGORY_ZL ||
	    p->category == UTF8PROC_CATEGORY_ZP)
		return 1;
	return p->charwidth;
}

/* The two properties the wrapper asks about every character, for the
 * Basic Multilingual Plane (all of Thai, Vietnamese and Chinese): the
 * default width in bits 0-1, the boundary class above. Filled once, on
 * first use, from utf8proc (about a millisecond); a look-up is then one
 * load instead of a call into the library. */
static uint8_t bmp_props[0x10000];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;
static atomic_bool bmp_ready;

static void
fill_bmp(void)
{
	const utf8proc_property_t *p;

	for (uint32_t cp = 0; cp < 0x10000; cp++) {
		p = utf8proc_get_property((utf8proc_int32_t)cp);
		bmp_props[cp] = (uint8_t)(default_width(cp, p) |
					  p->boundclass << 2);
	}
	atomic_store_explicit(&bmp_ready, true, memory_order_release);
}

/* Fills the table once, whichever thread comes first; afterwards a check
 * of one flag. */
static inline void
need_bmp(void)
{
	if (!atomic_load_explicit(&bmp_ready, memory_order_acquire))
		pthread_once(&bmp_once, fill_bmp);
}

/* Boundary class and default width of cp. */
static inline int
props(uint32_t cp, int *width)
{
	const utf8proc_property_t *p;

	if (cp < 0x10000) {
		*width = bmp_props[cp] & 3;
		return bmp_props[cp] >> 2;
	}
	p = utf8proc_get_property((utf8proc_int32_t)cp);
	*width = default_width(cp, p);
	return p->boundclass;
}

static bool
certain_boundary(uint32_t c1, uint32_t c2)
{
	int w;

	if (c1 == '\n' || c2 == '\n')
		return true;
	need_bmp();
	return certain_classes(props(c1, &w), props(c2, &w));
}

/* A cluster as the wrapper needs it: where it ends, its width as
 * utext_cluster_width gives it, and its first code point with that code
 * point's own width (w's value, not clamped). */
typedef struct cluster {
	size_t end;
	size_t width;
	uint32_t base;
	int base_w;
} cluster;

/* Walks the cluster at pos (pos < len) once, looking each code point's
 * properties up once: its end and, with w, its widths (without w only end
 * and base are set). The boundaries are utf8proc's; pairs that no rule can
 * join are settled without asking it. */
static void
scan_cluster(const char *s, size_t len, size_t pos, utext_width_fn w,
	     cluster *c)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_int32_t state = 0;
	bool dflt = w == utext_width_default, vs16 = false;
	int total = 0, first = 0, cw, b1, b2, w1, w2;
	uint32_t c1, c2;
	size_t next;

	/* ASCII followed by ASCII (or the end) is always a boundary: no
	 * rule joins two ASCII characters but CR LF, and '\n' stands alone
	 * here anyway. */
	if (u[pos] < 0x80 && (pos + 1 == len || u[pos + 1] < 0x80)) {
		c->end = pos + 1;
		c->base = u[pos];
		if (w) {
			c->base_w = dflt ? 1 : w(u[pos]);
			c->width = c->base_w < 0 ? 1 : (size_t)c->base_w;
		}
		return;
	}
	need_bmp();
	c1 = next_cp(s, len, &pos);
	b1 = props(c1, &w1);
	c->base = c1;
	if (w) {
		c->base_w = dflt ? w1 : w(c1);
		first = total = c->base_w < 0 ? 1 : c->base_w;
	}
	while (pos < len) {
		next = pos;
		c2 = next_cp(s, len, &next);
		/* '\n' always stands alone, even after a CR (UAX #29 would
		 * join CR LF), so lines never share a cluster. */
		if (c1 == '\n' || c2 == '\n')
			break;
		b2 = props(c2, &w2);
		if (certain_classes(b1, b2))
			break;
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)c1,
						     (utf8proc_int32_t)c2,
						     &state))
			break;
		if (w) {
			cw = dflt ? w2 : w(c2);
			total += cw < 0 ? 1 : cw;
			vs16 = vs16 || c2 == 0xfe0f;
		}
		c1 = c2;
		b1 = b2;
		pos = next;
	}
	c->end = pos;
	if (w) {
		/* The emoji presentation rule of utext_cluster_width. */
		if (vs16 && first == 1 && dflt)
			total++;
		c->width = (size_t)total;
	}
}

size_t
utext_cluster_end(const char *s, size_t len, size_t pos)
{
	cluster c;

	if (pos >= len)
		return len;
	scan_cluster(s, len, pos, NULL, &c);
	return c.end;
}

/* Clusters can only be found going forward (the state of regional
 * indicators and emoji sequences depends on what precedes), so this backs
 * up to a certain boundary and walks forward again. */
size_t
utext_cluster_start(const char *s, size_t len, size_t pos)
{
	size_t k, b, e, t;
	uint32_t c1, c2;

	if (pos > len)
		pos = len;
	if (pos == 0)
		return 0;
	k = pos;
	for (;;) {
		k = prev_cp(s, k);
		if (k == 0)
			break;
		t = k;
		c2 = utext_next(s, len, &t);
		t = prev_cp(s, k);
		c1 = utext_next(s, len, &t);
		if (certain_boundary(c1, c2))
			break;
	}
	b = k;
	while ((e = utext_cluster_end(s, len, b)) < pos)
		b = e;
	return b;
}

/* utf8proc's widths, which follow Unicode 15 (East Asian Width and emoji
 * presentation), not the C library's tables, so that an export is the
 * same under any locale and on any machine. utf8proc says 0 for control
 * characters; they count 1 here because front ends and the export show
 * them as visible escapes, never raw. */
int
utext_width_default(uint32_t cp)
{
	int w;

	if (cp < 0x80 || cp > 0x10ffff)
		return 1;
	need_bmp();
	props(cp, &w);
	return w;
}

int
utext_cluster_width(const char *s, size_t pos, size_t end, utext_width_fn w)
{
	int total = 0, first = -1, cw;
	bool vs16 = false;
	uint32_t cp;

	/* One ASCII character, the most common cluster. */
	if (end == pos + 1 && (unsigned char)s[pos] < 0x80 &&
	    w == utext_width_default)
		return 1;
	while (pos < end) {
		cp = utext_next(s, end, &pos);
		cw = w(cp);
		if (cw < 0)
			cw = 1; /* a wcwidth() wrapper's -1: shown as an escape */
		if (first < 0)
			first = cw;
		if (cp == 0xfe0f)
			vs16 = true;
		total += cw;
	}
	/* A base followed by U+FE0F (VARIATION SELECTOR-16) asks for emoji
	 * presentation: "❤️" or the keycap "1️⃣" are drawn two cells wide by
	 * current terminals and fonts, although the base alone is narrow and
	 * utf8proc says 1. The export counts 2 so that such a line never
	 * comes out wider than the wrap width. Only for the default widths:
	 * ncurses advances by wcwidth() per code point, so a form passing a
	 * wcwidth-based function must get exactly the sum. */
	if (vs16 && first == 1 && w == utext_width_default)
		total++;
	return total;
}

size_t
utext_width(const char *s, size_t len, utext_width_fn w)
{
	size_t pos = 0, total = 0;
	cluster c;

	while (pos < len) {
		scan_cluster(s, len, pos, w, &c);
		total += c.width;
		pos = c.end;
	}
	return total;
}

/* Appends one line; the array grows to the next power of two when n
 * reaches one, so its capacity never has to be stored (and a caller's
 * larger array from an earlier call is simply reused or shrunk). */
static bool
push_line(utext_line **lines, size_t *n, size_t start, size_t end,
	  size_t width)
{
	if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0)) {
		size_t cap = *n < 8 ? 8 : *n * 2;
		utext_line *v;

		if (cap > SIZE_MAX / sizeof(**lines))
			return false;
		v = realloc(*lines, cap * sizeof(**lines));
		if (!v)
			return false;
		*lines = v;
	}
	(*lines)[*n].start = start;
	(*lines)[*n].end = end;
	(*lines)[*n].width = width;
	(*n)++;
	return true;
}

/* CJK punctuation that must not start a line (closing marks, commas,
 * full stops) or end one (opening marks): the usual line-breaking rule
 * of Chinese and Japanese text, so a "。" is not left alone at the start
 * of a line. Only consulted between two wide clusters. */
static bool
no_line_start(uint32_t cp)
{
	switch (cp) {
	case 0x3001: case 0x3002: case 0xff0c: case 0xff0e: case 0xff1a:
	case 0xff1b: case 0xff01: case 0xff1f: case 0xff09: case 0xff3d:
	case 0xff5d: case 0x300d: case 0x300f: case 0x300b: case 0x3009:
	case 0x3011: case 0x3015: case 0x3017: case 0x3019: case 0x301b:
	case 0x30fb: case 0x30fc: case 0x3005: case 0xff60:
		return true;
	default:
		return false;
	}
}

static bool
no_line_end(uint32_t cp)
{
	switch (cp) {
	case 0xff08: case 0xff3b: case 0xff5b: case 0x300c: case 0x300e:
	case 0x300a: case 0x3008: case 0x3010: case 0x3014: case 0x3016:
	case 0x3018: case 0x301a: case 0xff5f:
		return true;
	default:
		return false;
	}
}

/* Thai and Lao are written without spaces between words, and finding
 * words needs a dictionary. A preposed vowel (Thai U+0E40..U+0E44, Lao
 * U+0EC0..U+0EC4) is written before the consonant that starts its
 * syllable, so the place before it is always a syllable boundary: a
 * better place to cut a run too long for the line than any cluster. */
static bool
thai_lao(uint32_t cp)
{
	return (cp >= 0x0e01 && cp <= 0x0e5b) || (cp >= 0x0e81 && cp <= 0x0edf);
}

static bool
preposed_vowel(uint32_t cp)
{
	return (cp >= 0x0e40 && cp <= 0x0e44) || (cp >= 0x0ec0 && cp <= 0x0ec4);
}

/* utext_wrap for printable ASCII, where every byte is a cluster one
 * column wide and a line holds `width` bytes: each line is found by
 * looking back from where the width runs out, instead of asking utf8proc
 * about every character (which made wrapping most of a large collection's
 * time). The lines are the general loop's (a test compares them). */
static bool
wrap_ascii(const char *s, size_t len, size_t width, utext_line **lines,
	   size_t *n_lines)
{
	size_t n = 0, start = 0, floor = 0, end, brk, next;

	*n_lines = 0;
	/* Indentation is kept when it leaves room for text; its spaces are
	 * no place to break (floor: breaks only after it). */
	while (floor < len && s[floor] == ' ')
		floor++;
	if (floor >= width)
		start = floor;
	while (len - start > width) {
		/* s[end] is the first byte that does not fit. */
		end = start + width;
		if (s[end] == ' ') {
			/* Spaces that do not fit: break before them. */
			brk = end;
			while (brk > floor && s[brk - 1] == ' ')
				brk--;
			next = end;
		} else {
			/* After the last spaces that fit, or else cut the
			 * word that fills the line. */
			next = end;
			while (next > floor && s[next - 1] != ' ')
				next--;
			if (next == floor)
				next = end;
			brk = next;
			while (brk > floor && s[brk - 1] == ' ')
				brk--;
		}
		if (!push_line(lines, &n, start, brk, brk - start))
			return false;
		while (next < len && s[next] == ' ')
			next++;
		start = floor = next;
	}
	if (start < len || n == 0)
		if (!push_line(lines, &n, start, len, len - start))
			return false;
	*n_lines = n;
	return true;
}

/* True when the space at s[pos] is a cluster of its own, not the base of
 * a combining mark. */
static bool
plain_space(const char *s, size_t len, size_t pos)
{
	return pos + 1 == len || (unsigned char)s[pos + 1] < 0x80 ||
	       utext_cluster_end(s, len, pos) == pos + 1;
}

/* Greedy wrapping over clusters. A break opportunity remembers where the
 * current line would end (brk_end, at width brk_col) and where the next
 * one would start (brk_resume, the column there being brk_col_resume). */
bool
utext_wrap(const char *s, size_t len, size_t width, utext_width_fn w,
	   utext_line **lines, size_t *n_lines)
{
	size_t n = 0, line_start = 0, col = 0, pos = 0, cend, cw;
	size_t brk_end = 0, brk_col = 0, brk_resume = 0, brk_col_resume = 0;
	bool have_brk = false, prev_wide = false, wide, ok = false;
	bool only_indent = false;
	uint32_t base, prev_base = 0;
	/* The last syllable boundary in Thai or Lao text on this line. */
	size_t syl_pos = 0, syl_col = 0;
	bool have_syl = false, have_syl_kept = false, prev_thai = false;
	cluster cl;

	if (width < 1)
		width = 1;
	/* Other width functions may count ASCII otherwise; only the default
	 * one is known to give 1 for every printable ASCII character. */
	if (w == utext_width_default && utext_plain_ascii(s, len))
		return wrap_ascii(s, len, width, lines, n_lines);
	while (pos < len) {
		if (s[pos] == ' ' && plain_space(s, len, pos)) {
			/* A run of plain spaces (a space carrying a combining
			 * mark is a character of its own, not a break). */
			size_t run = pos, sw;

			while (run < len && s[run] == ' ' &&
			       plain_space(s, len, run))
				run++;
			sw = run - pos;
			if (pos == line_start) {
				/* Indentation at the start of the paragraph:
				 * kept while it leaves room for text. */
				if (sw >= width) {
					line_start = run;
				} else {
					col = sw;
					only_indent = true;
				}
				pos = run;
				prev_wide = false;
				continue;
			}
			if (col + sw > width) {
				/* The spaces do not fit: break here, drop
				 * them. */
				if (!push_line(lines, &n, line_start, pos, col))
					goto out;
				line_start = run;
				col = 0;
				have_brk = false;
				have_syl = false;
			} else {
				have_brk = true;
				brk_end = pos;
				brk_col = col;
				brk_resume = run;
				col += sw;
				brk_col_resume = col;
			}
			pos = run;
			prev_wide = false;
			prev_thai = false;
			continue;
		}
		if (s[pos] == '\n') {
			/* Not expected in a paragraph; a hard break then. */
			if (!push_line(lines, &n, line_start, pos, col))
				goto out;
			pos++;
			line_start = pos;
			col = 0;
			have_brk = false;
			have_syl = false;
			prev_wide = false;
			prev_thai = false;
			only_indent = false;
			if (pos == len && !push_line(lines, &n, pos, pos, 0))
				goto out;
			continue;
		}
		scan_cluster(s, len, pos, w, &cl);
		cend = cl.end;
		cw = cl.width;
		/* CJK text may break between any two wide characters; a
		 * cluster is wide when its base is (a Thai syllable with a
		 * spacing vowel also measures 2 but must not be broken off
		 * its neighbours). */
		base = cl.base;
		wide = cl.base_w >= 2;
		if (prev_wide && wide && pos > line_start &&
		    !no_line_start(base) && !no_line_end(prev_base)) {
			have_brk = true;
			brk_end = pos;
			brk_col = col;
			brk_resume = pos;
			brk_col_resume = col;
		}
		if (prev_thai && preposed_vowel(base) && pos > line_start) {
			have_syl = true;
			syl_pos = pos;
			syl_col = col;
		}
		if (pos > line_start && col + cw > width) {
			if (only_indent) {
				/* The indentation leaves no room for this
				 * cluster: drop it rather than give a line of
				 * spaces. */
				line_start = pos;
				col = 0;
				only_indent = false;
				continue;
			}
			if (have_syl &&
			    (!have_brk ||
			     (brk_col * 4 <= width && syl_pos > brk_resume))) {
				/* A run of Thai too long for the line, or one
				 * that would leave the line before a space
				 * break at most a quarter full ("3." alone):
				 * cut it at a syllable. */
				if (!push_line(lines, &n, line_start, syl_pos,
					       syl_col))
					goto out;
				line_start = syl_pos;
				col -= syl_col;
			} else if (have_brk) {
				if (!push_line(lines, &n, line_start, brk_end,
					       brk_col))
					goto out;
				line_start = brk_resume;
				col -= brk_col_resume;
				/* A syllable boundary already passed on the
				 * new line still counts, as it would when
				 * wrapping from this line's start (the editor
				 * rewraps from there). */
				if (have_syl && syl_pos > line_start) {
					syl_col -= brk_col_resume;
					have_syl_kept = true;
				}
			} else {
				/* A word longer than the line: cut it. */
				if (!push_line(lines, &n, line_start, pos, col))
					goto out;
				line_start = pos;
				col = 0;
			}
			have_brk = false;
			have_syl = have_syl_kept;
			have_syl_kept = false;
			/* The same cluster is looked at again on the new
			 * line (it may still not fit after a break). As when
			 * wrapping from the new line's start, the cluster
			 * before it counts only when it is on that line. */
			prev_wide = false;
			prev_thai = prev_thai && line_start < pos;
			continue;
		}
		col += cw;
		only_indent = false;
		prev_wide = wide;
		prev_base = base;
		prev_thai = thai_lao(base);
		pos = cend;
	}
	if (line_start < len || n == 0) {
		if (!push_line(lines, &n, line_start, len, col))
			goto out;
	}
	ok = true;
out:
	*n_lines = ok ? n : 0;
	return ok;
}

size_t
utext_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if ((cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ---- Words: utext_word_next and utext_word_prev (issue 12) ----------
 *
 * Word motions and deletions in the form. Until words come from the same
 * dictionary breaking as lines, a word is one "word-like unit" of a run of
 * letters, marks and digits: a run of other scripts is one unit, each wide
 * (CJK) cluster is one (lines may break between any two), and a run of
 * Thai is cut into syllable-like units by the rules below (Lao: before a
 * preposed vowel), so that a Thai clause, written without spaces, is never
 * one word. Self-contained on purpose: it uses only the public cluster
 * functions above. */

enum {
	WK_NONE,  /* not a word character */
	WK_OTHER, /* letters and digits of scripts with spaces */
	WK_WIDE,  /* a wide (CJK) cluster: a unit of its own */
	WK_THAI,
	WK_LAO,
};

/* Longest run of clusters looked at around a position, and the most
 * clusters of Thai or Lao in one unit. */
#define WORD_SCAN_MAX 4096
#define WORD_UNIT_MAX 8

/* What a cluster is, for words: its kind and, for Thai, the classes
 * the syllable rules need. */
typedef struct wcl {
	size_t start, end;
	int kind;
	uint32_t base;
	bool vowel_mark; /* an above or below vowel, or sara am */
	bool silent;     /* thanthakhat: a silent final */
} wcl;

static int
word_kind(uint32_t cp)
{
	int w;

	if (cp >= 0x0e01 && cp <= 0x0e4e)
		return WK_THAI;
	if (cp >= 0x0e81 && cp <= 0x0ede)
		return WK_LAO;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		break;
	default:
		return WK_NONE;
	}
	need_bmp();
	props(cp, &w);
	return w >= 2 ? WK_WIDE : WK_OTHER;
}

static void
word_cluster(const char *s, size_t len, size_t start, wcl *c)
{
	size_t p = start;
	uint32_t cp;

	c->start = start;
	c->end = utext_cluster_end(s, len, start);
	c->base = next_cp(s, c->end, &p);
	c->kind = word_kind(c->base);
	c->vowel_mark = c->silent = false;
	while (p < c->end) {
		cp = next_cp(s, c->end, &p);
		if (cp == 0x0e31 || (cp >= 0x0e33 && cp <= 0x0e3a) ||
		    cp == 0x0e47)
			c->vowel_mark = true;
		if (cp == 0x0e4c)
			c->silent = true;
	}
	if (c->base == 0x0e33)
		c->vowel_mark = true;
}

static bool
thai_consonant(uint32_t cp)
{
	return cp >= 0x0e01 && cp <= 0x0e2e;
}

/* ร ล ว: second consonants of a cluster (กร, พล, คว). */
static bool
thai_second(uint32_t cp)
{
	return cp == 0x0e23 || cp == 0x0e25 || cp == 0x0e27;
}

/* States of a Thai syllable. */
enum {
	TS_START, /* nothing yet */
	TS_PRE,   /* a preposed vowel (เ แ โ ใ ไ) */
	TS_PRE_C, /* a preposed vowel and its consonant */
	TS_C,     /* an initial consonant, its vowel not written */
	TS_V,     /* the vowel is there */
	TS_F,     /* a final consonant */
	TS_END,   /* closed (after ะ, ๆ, ฯ) */
};

/* Where the syllable-like unit holding cluster c starts: returns 0 when
 * c joins the unit, 1 for a new unit starting at c, 2 for a new unit
 * starting at the final consonant before c (a vowel after it shows that
 * it started the next syllable: ผล|งาน). *st is updated. */
static int
thai_step(int *st, const wcl *c)
{
	uint32_t b = c->base;
	bool pre = b >= 0x0e40 && b <= 0x0e44;
	bool follow = b == 0x0e30 || b == 0x0e32 || b == 0x0e33 ||
		      b == 0x0e45;
	bool closer = b == 0x0e30 || b == 0x0e46 || b == 0x0e2f;
	bool cons = thai_consonant(b);
	int s = *st;

	if (s == TS_START) {
		*st = pre ? TS_PRE : closer ? TS_END :
		      cons && !c->vowel_mark ? TS_C : TS_V;
		return 0;
	}
	if (s == TS_END || pre) {
		*st = pre ? TS_PRE : cons && !c->vowel_mark ? TS_C : TS_V;
		return 1;
	}
	if (closer) {
		*st = TS_END;
		return s == TS_F && b == 0x0e30 ? 2 : 0;
	}
	if (follow) {
		*st = TS_V;
		return s == TS_F ? 2 : 0;
	}
	if (!cons) {
		*st = TS_V; /* a mark or sign on its own */
		return 0;
	}
	if (c->silent && s == TS_F)
		return 0;
	switch (s) {
	case TS_PRE:
		*st = c->vowel_mark ? TS_V : TS_PRE_C;
		return 0;
	case TS_PRE_C:
	case TS_C:
		if (c->vowel_mark) {
			*st = TS_V;
			/* ลื in เหลือ, รุ in กรุง; มนุ is ม|นุ. */
			return thai_second(b) || (s == TS_PRE_C) ? 0 : 1;
		}
		if (s == TS_C && (b == 0x0e27 || b == 0x0e2d)) {
			*st = TS_V; /* ว, อ as vowels: ช่วย, ของ */
			return 0;
		}
		if (thai_second(b))
			return 0;
		*st = TS_F;
		return 0;
	case TS_V:
		*st = c->vowel_mark ? TS_V : TS_F;
		return c->vowel_mark ? 1 : 0;
	default: /* TS_F */
		*st = c->vowel_mark ? TS_V : TS_C;
		return 1;
	}
}

/* True when a unit of kind k may start at cluster c whatever came before
 * it: the start of a run, a preposed vowel, the cluster after a closer. */
static bool
resync_point(const char *s, size_t len, const wcl *c, int k)
{
	wcl prev;

	if (c->start == 0)
		return true;
	word_cluster(s, len, utext_cluster_start(s, len, c->start), &prev);
	if (prev.kind != k)
		return true;
	if (k == WK_THAI)
		return (c->base >= 0x0e40 && c->base <= 0x0e44) ||
		       prev.base == 0x0e30 || prev.base == 0x0e46 ||
		       prev.base == 0x0e2f;
	return c->base >= 0x0ec0 && c->base <= 0x0ec4;
}

/* The unit of Thai or Lao text holding cluster c: found by going back to
 * a point where a unit certainly starts, then cutting forward. */
static void
syllable_unit(const char *s, size_t len, const wcl *c, size_t *a, size_t *b)
{
	wcl x = *c, prev;
	size_t n = 0, unit = 0, last_start = 0, count = 0;
	int st = TS_START, r;

	while (n++ < WORD_SCAN_MAX && !resync_point(s, len, &x, c->kind))
		word_cluster(s, len, utext_cluster_start(s, len, x.start), &x);
	unit = x.start;
	prev = x;
	for (;;) {
		if (c->kind == WK_THAI) {
			r = thai_step(&st, &x);
		} else {
			r = x.start > unit && x.base >= 0x0ec0 &&
			    x.base <= 0x0ec4;
		}
		if (r == 0 && ++count > WORD_UNIT_MAX)
			r = 1;
		if (r != 0) {
			size_t cut = r == 2 ? last_start : x.start;

			if (cut > c->start) {
				*a = unit;
				*b = cut;
				return;
			}
			unit = cut;
			count = r == 2 ? 2 : 1;
		}
		last_start = x.start;
		prev = x;
		if (x.end >= len)
			break;
		word_cluster(s, len, x.end, &x);
		if (x.kind != c->kind)
			break;
	}
	*a = unit;
	*b = prev.end;
}

/* The word-like unit holding the word cluster at start: [*a, *b). */
static void
word_unit(const char *s, size_t len, size_t start, size_t *a, size_t *b)
{
	wcl c, x;
	size_t n;

	word_cluster(s, len, start, &c);
	*a = c.start;
	*b = c.end;
	if (c.kind == WK_THAI || c.kind == WK_LAO) {
		syllable_unit(s, len, &c, a, b);
		return;
	}
	if (c.kind != WK_OTHER)
		return;
	for (n = 0; *a > 0 && n < WORD_SCAN_MAX; n++) {
		word_cluster(s, len, utext_cluster_start(s, len, *a), &x);
		if (x.kind != WK_OTHER)
			break;
		*a = x.start;
	}
	while (*b < len) {
		word_cluster(s, len, *b, &x);
		if (x.kind != WK_OTHER)
			break;
		*b = x.end;
	}
}

size_t
utext_word_next(const char *s, size_t len, size_t pos)
{
	size_t a, b;
	wcl c;

	while (pos < len) {
		word_cluster(s, len, pos, &c);
		if (c.kind != WK_NONE) {
			word_unit(s, len, pos, &a, &b);
			return b;
		}
		pos = c.end;
	}
	return len;
}

size_t
utext_word_prev(const char *s, size_t len, size_t pos)
{
	size_t a, b, q;
	wcl c;

	if (pos > len)
		pos = len;
	while (pos > 0) {
		q = utext_cluster_start(s, len, pos);
		word_cluster(s, len, q, &c);
		if (c.kind != WK_NONE) {
			word_unit(s, len, q, &a, &b);
			return a;
		}
		pos = q;
	}
	return 0;
}
