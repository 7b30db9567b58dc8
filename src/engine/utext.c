/* UTF-8 text for the engine and the form: strict validation, grapheme
 * clusters (utf8proc), display widths and the one line-wrapping algorithm. */
#include "utext.h"

#include <stdlib.h>

#include <utf8proc.h>

bool
utext_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = u[i];
		size_t n, k;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			goto bad; /* continuation byte, 0xc0/0xc1, 0xf5.. */
		}
		if (len - i <= n)
			goto bad; /* truncated at the end */
		for (k = 1; k <= n; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (u[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += n + 1;
	}
	return true;
bad:
	if (bad)
		*bad = i;
	return false;
}

/* Decodes at s[*pos]; invalid bytes (the engine validates input, but a
 * caller's mistake must not read out of bounds) give U+FFFD for one byte. */
uint32_t
utext_next(const char *s, size_t len, size_t *pos)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = *pos, n, k;
	uint32_t cp;
	unsigned char c;

	if (i >= len)
		return 0;
	c = u[i];
	if (c < 0x80) {
		*pos = i + 1;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		cp = c & 0x07;
	} else {
		goto bad;
	}
	if (len - i <= n)
		goto bad;
	for (k = 1; k <= n; k++) {
		if ((u[i + k] & 0xc0) != 0x80)
			goto bad;
		cp = (cp << 6) | (u[i + k] & 0x3f);
	}
	*pos = i + n + 1;
	return cp;
bad:
	*pos = i + 1;
	return 0xfffd;
}

size_t
utext_count(const char *s, size_t len)
{
	size_t pos = 0, n = 0;

	while (pos < len) {
		utext_next(s, len, &pos);
		n++;
	}
	return n;
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

size_t
utext_cluster_end(const char *s, size_t len, size_t pos)
{
	utf8proc_int32_t state = 0;
	uint32_t c1, c2;
	size_t next;

	if (pos >= len)
		return len;
	c1 = utext_next(s, len, &pos);
	while (pos < len) {
		next = pos;
		c2 = utext_next(s, len, &next);
		/* '\n' always stands alone, even after a CR (UAX #29 would
		 * join CR LF), so lines never share a cluster. */
		if (c1 == '\n' || c2 == '\n')
			break;
		if (utf8proc_grapheme_break_stateful((utf8proc_int32_t)c1,
						     (utf8proc_int32_t)c2,
						     &state))
			break;
		c1 = c2;
		pos = next;
	}
	return pos;
}

/* True when there is a cluster boundary between c1 and c2 whatever came
 * before c1. Between two "Other" (or control) code points no rule of
 * UAX #29 can join them: the rules that look further back (regional
 * indicator pairs, emoji ZWJ sequences, Indic conjuncts) all need an
 * Extend, ZWJ or regional indicator next to the boundary. */
static bool
certain_boundary(uint32_t c1, uint32_t c2)
{
	int b1 = utf8proc_get_property((utf8proc_int32_t)c1)->boundclass;
	int b2 = utf8proc_get_property((utf8proc_int32_t)c2)->boundclass;

	if (c1 == '\n' || c2 == '\n')
		return true;
	return (b1 == UTF8PROC_BOUNDCLASS_OTHER ||
		b1 == UTF8PROC_BOUNDCLASS_CONTROL ||
		b1 == UTF8PROC_BOUNDCLASS_LF) &&
	       (b2 == UTF8PROC_BOUNDCLASS_OTHER ||
		b2 == UTF8PROC_BOUNDCLASS_CONTROL ||
		b2 == UTF8PROC_BOUNDCLASS_CR);
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
	int cat;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	if (cp > 0x10ffff)
		return 1;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	if (cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
		return 1;
	return utf8proc_charwidth((utf8proc_int32_t)cp);
}

int
utext_cluster_width(const char *s, size_t pos, size_t end, utext_width_fn w)
{
	int total = 0, first = -1, cw;
	bool vs16 = false;
	uint32_t cp;

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
	size_t pos = 0, end, total = 0;

	while (pos < len) {
		end = utext_cluster_end(s, len, pos);
		total += (size_t)utext_cluster_width(s, pos, end, w);
		pos = end;
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

/* Greedy wrapping over clusters. A break opportunity remembers where the
 * current line would end (brk_end, at width brk_col) and where the next
 * one would start (brk_resume, the column there being brk_col_resume). */
bool
utext_wrap(const char *s, size_t len, size_t width, utext_width_fn w,
	   utext_line **lines, size_t *n_lines)
{
	size_t n = 0, line_start = 0, col = 0, pos = 0, cend, cw, next;
	size_t brk_end = 0, brk_col = 0, brk_resume = 0, brk_col_resume = 0;
	bool have_brk = false, prev_wide = false, wide, ok = false;
	bool only_indent = false;
	uint32_t base, prev_base = 0;
	/* The last syllable boundary in Thai or Lao text on this line. */
	size_t syl_pos = 0, syl_col = 0;
	bool have_syl = false, have_syl_kept = false, prev_thai = false;

	if (width < 1)
		width = 1;
	while (pos < len) {
		if (s[pos] == ' ' && utext_cluster_end(s, len, pos) == pos + 1) {
			/* A run of plain spaces (a space carrying a combining
			 * mark is a character of its own, not a break). */
			size_t run = pos, sw;

			while (run < len && s[run] == ' ' &&
			       utext_cluster_end(s, len, run) == run + 1)
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
		cend = utext_cluster_end(s, len, pos);
		cw = (size_t)utext_cluster_width(s, pos, cend, w);
		/* CJK text may break between any two wide characters; a
		 * cluster is wide when its base is (a Thai syllable with a
		 * spacing vowel also measures 2 but must not be broken off
		 * its neighbours). */
		next = pos;
		base = utext_next(s, len, &next);
		wide = w(base) >= 2;
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
