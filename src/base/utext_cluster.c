/* Grapheme clusters (utf8proc's, Unicode 15) and the one rule for display
 * widths: what a cluster takes on a terminal. */
#include "utext_int.h"

#include <pthread.h>
#include <stdatomic.h>

#include <utf8proc.h>

#include "utext_show.h"

/* Width codes in the property table: 0, 1, 2, or NOTATION for a code
 * point shown as "<U+XXXX>" (8 columns in the Basic Multilingual
 * Plane). */
#define NOTATION 3

/* The width rule of utext.h for one code point, as a code (NOTATION for
 * what the harmless-text rule escapes). */
static int
width_code(uint32_t cp, const utf8proc_property_t *p)
{
	if (cp == '\t')
		return 1;
	if (cp == '\n')
		return 0;
	if (utext_escaped(cp))
		return NOTATION;
	/* Hangul medial vowels and final consonants join the syllable's
	 * first jamo (Unicode, glibc and tmux: no cell of their own). */
	if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff))
		return 0;
	/* Ambiguous (U+3248..U+324F, since Unicode 5.2) or Neutral (the
	 * Yijing hexagrams, until Unicode 16) in Unicode 15 but wide on
	 * glibc and tmux. */
	if ((cp >= 0x3248 && cp <= 0x324f) || (cp >= 0x4dc0 && cp <= 0x4dff))
		return 2;
	switch (p->category) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_ME:
		return 0;
	case UTF8PROC_CATEGORY_CF:
		/* The soft hyphen and the prepended concatenation marks
		 * (U+0600 ARABIC NUMBER SIGN...) are drawn: glibc and tmux
		 * give them a column. */
		if (cp == 0xad || p->boundclass == UTF8PROC_BOUNDCLASS_PREPEND)
			return 1;
		return 0;
	case UTF8PROC_CATEGORY_MC:
		/* Spacing marks take a column of their own ("कि"), two when
		 * East Asian Wide (the Hangul tone marks U+302E, U+302F). */
		return p->charwidth == 2 ? 2 : 1;
	case UTF8PROC_CATEGORY_CN:
		/* Unassigned code points of the ideograph planes are East
		 * Asian Wide by default. */
		return cp >= 0x20000 && cp <= 0x3fffd ? 2 : 1;
	default:
		/* East Asian Wide and Fullwidth (and emoji presentation) 2,
		 * everything else 1, Ambiguous included. */
		return p->charwidth == 2 ? 2 : 1;
	}
}

/* The two properties asked about every character, for the Basic
 * Multilingual Plane (all of Thai, Vietnamese and Chinese): the width
 * code in bits 0-1, the grapheme boundary class above. Filled once, on
 * first use (about a millisecond); a look-up is then one load instead of
 * a call into the library. */
static uint8_t bmp_props[0x10000];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;
static atomic_bool bmp_ready;

static void
fill_bmp(void)
{
	const utf8proc_property_t *p;

	for (uint32_t cp = 0; cp < 0x10000; cp++) {
		p = utf8proc_get_property((utf8proc_int32_t)cp);
		bmp_props[cp] =
			(uint8_t)(width_code(cp, p) | p->boundclass << 2);
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

/* Boundary class of cp; its width under the rule in *width. */
static inline int
props(uint32_t cp, int *width)
{
	const utf8proc_property_t *p;
	int code;

	if (cp < 0x10000) {
		code = bmp_props[cp] & 3;
		*width = code == NOTATION ? 8 : code;
		return bmp_props[cp] >> 2;
	}
	p = utf8proc_get_property((utf8proc_int32_t)cp);
	code = width_code(cp, p);
	*width = code == NOTATION ? (int)utext_escape_width(cp) : code;
	return p->boundclass;
}

int
utext_width_default(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp > 0x10ffff)
		return 1;
	need_bmp();
	props(cp, &w);
	return w;
}

/* True when there is a cluster boundary between code points of these
 * boundary classes whatever came before the first. Between two "Other"
 * (or control) code points no rule of UAX #29 can join them: the rules
 * that look further back (regional indicator pairs, emoji ZWJ sequences)
 * all need an Extend, ZWJ or regional indicator next to the boundary. */
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

static bool
pictographic(int bclass)
{
	return bclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
	       bclass == UTF8PROC_BOUNDCLASS_E_ZWG;
}

static bool
keycap_base(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
}

/* The boundaries are utf8proc's; pairs that no rule can join are settled
 * without asking it. With w, the width: the sum of w over the code points,
 * or for utext_width_default the emoji sequences' 2 (see utext.h). */
void
utext_scan_cluster(const char *s, size_t len, size_t pos, utext_width_fn w,
		   utext_cluster *c)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_int32_t state = 0;
	bool dflt = w == utext_width_default, emoji = false, first_pict;
	bool zwj = false;
	int total, cw, b1, b2, w1, w2, tones = 0;
	uint32_t c1, c2;
	size_t next, start;

	/* ASCII followed by ASCII (or the end) is always a boundary: no
	 * rule joins two ASCII characters but CR LF, and '\n' stands alone
	 * here anyway. */
	if (u[pos] < 0x80 && (pos + 1 == len || u[pos + 1] < 0x80)) {
		c->end = pos + 1;
		c->space = u[pos] == ' ';
		if (w) {
			cw = dflt ? utext_width_default(u[pos]) : w(u[pos]);
			c->width = cw < 0 ? 1 : (size_t)cw;
		}
		return;
	}
	need_bmp();
	start = pos;
	c1 = utext_next_fast(s, len, &pos);
	b1 = props(c1, &w1);
	first_pict = pictographic(b1) || keycap_base(c1);
	cw = !w || dflt ? w1 : w(c1);
	total = cw < 0 ? 1 : cw;
	while (pos < len) {
		next = pos;
		c2 = utext_next_fast(s, len, &next);
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
		cw = !w || dflt ? w2 : w(c2);
		total += cw < 0 ? 1 : cw;
		if (c2 == 0xfe0f && first_pict)
			emoji = true;
		if (zwj && pictographic(b2))
			emoji = true;
		if (c2 >= 0x1f3fb && c2 <= 0x1f3ff) /* skin tones */
			tones++;
		zwj = c2 == 0x200d;
		c1 = c2;
		b1 = b2;
		pos = next;
	}
	c->end = pos;
	c->space = u[start] == ' ' && pos == start + 1;
	if (!w)
		return;
	/* An emoji ZWJ sequence or presentation sequence is drawn as one
	 * emoji, two cells, and a skin tone in it as one more emoji; a lone
	 * regional indicator two (utext.h). A front end drawing code point by
	 * code point gets the sum. */
	if (dflt && emoji)
		total = 2 + 2 * tones;
	else if (dflt && b1 == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR &&
		 c->end == start + 4)
		total = 2;
	c->width = (size_t)total;
}

size_t
utext_cluster_end(const char *s, size_t len, size_t pos)
{
	utext_cluster c;

	if (pos >= len)
		return len;
	utext_scan_cluster(s, len, pos, NULL, &c);
	return c.end;
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
		k = utext_prev_start(s, k);
		if (k == 0)
			break;
		t = k;
		c2 = utext_next_fast(s, len, &t);
		t = utext_prev_start(s, k);
		c1 = utext_next_fast(s, len, &t);
		if (certain_boundary(c1, c2))
			break;
	}
	b = k;
	while ((e = utext_cluster_end(s, len, b)) < pos)
		b = e;
	return b;
}

int
utext_cluster_width(const char *s, size_t pos, size_t end, utext_width_fn w)
{
	/* One ASCII character, the most common cluster. */
	if (end == pos + 1 && (unsigned char)s[pos] >= 0x20 &&
	    (unsigned char)s[pos] < 0x7f && (!w || w == utext_width_default))
		return 1;
	/* [pos, end) is meant to be one cluster; should it hold several,
	 * each counts by the rule. */
	return (int)utext_width(s + pos, end - pos, w);
}

size_t
utext_width(const char *s, size_t len, utext_width_fn w)
{
	size_t pos = 0, total = 0;
	utext_cluster c;

	if (!w)
		w = utext_width_default;
	while (pos < len) {
		utext_scan_cluster(s, len, pos, w, &c);
		total += c.width;
		pos = c.end;
	}
	return total;
}
