/* UTF-8 text for the engine and the form: strict validation, decoding and
 * encoding, counting, and excerpts for messages. Clusters and widths are
 * in utext_cluster.c, break opportunities in utext_break.c, wrapping in
 * utext_wrap.c, the harmless-text rule in utext_show.c. */
#include "utext_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utext_show.h"

/* Masks for looking at eight bytes at once. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

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
	if (utext_three(u, len, *pos, cp)) {
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

/* Invalid bytes (the engine validates input, but a caller's mistake
 * must not read out of bounds) give U+FFFD for one byte. */
uint32_t
utext_next(const char *s, size_t len, size_t *pos)
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
	if (utext_three(u, len, i, &cp)) {
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
	size_t len = strlen(s), pos = 0, n = 0, run, k;
	char esc[UTEXT_ESCAPE_SIZE];
	uint32_t cp;

	/* Room for the text and "...": UTEXT_EXCERPT_SIZE - 4 bytes. */
	while (pos < len) {
		run = utext_shown_run(s + pos, len - pos, 0);
		if (run > 0) {
			if (n + run > UTEXT_EXCERPT_SIZE - 4) {
				/* Cut at a character boundary. */
				run = UTEXT_EXCERPT_SIZE - 4 - n;
				while (run > 0 && ((unsigned char)s[pos + run] &
						   0xc0) == 0x80)
					run--;
				memcpy(buf + n, s + pos, run);
				n += run;
				pos += run;
				break;
			}
			memcpy(buf + n, s + pos, run);
			n += run;
			pos += run;
			continue;
		}
		/* An escaped character, or a byte that is not UTF-8. */
		k = pos;
		if (utext_decode(s, len, &k, &cp) == UTEXT_OK) {
			run = utext_escape(cp, esc);
		} else {
			k = pos + 1;
			run = (size_t)snprintf(esc, sizeof(esc), "<0x%02X>",
					       (unsigned char)s[pos]);
		}
		if (n + run > UTEXT_EXCERPT_SIZE - 4)
			break;
		memcpy(buf + n, esc, run);
		n += run;
		pos = k;
	}
	if (pos < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
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
