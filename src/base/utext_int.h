/* What the utext modules (utext.c, utext_cluster.c, utext_break.c,
 * utext_wrap.c, utext_show.c) share and nobody else uses: the inline
 * decoder of their loops and the property look-ups of the clusters. */
#ifndef AP_UTEXT_INT_H
#define AP_UTEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "utext.h"

/* A valid three-byte character at u[i], the usual case (Thai, Chinese,
 * most punctuation): decoded straight, inline in the loops. */
static inline bool
utext_three(const unsigned char *u, size_t len, size_t i, uint32_t *cp)
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

/* utext_next, inline for the loops: ASCII and three-byte characters
 * without a call. */
static inline uint32_t
utext_next_fast(const char *s, size_t len, size_t *pos)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	if (*pos >= len)
		return 0;
	if (u[*pos] < 0x80)
		return u[(*pos)++];
	if (utext_three(u, len, *pos, &cp)) {
		*pos += 3;
		return cp;
	}
	return utext_next(s, len, pos);
}

/* Start of the code point that ends at pos (pos > 0); at most 3 steps
 * back, so that bad input cannot make it wander. */
static inline size_t
utext_prev_start(const char *s, size_t pos)
{
	size_t k = pos - 1, steps = 0;

	while (k > 0 && steps < 3 && ((unsigned char)s[k] & 0xc0) == 0x80) {
		k--;
		steps++;
	}
	return k;
}

/* Room for element n of an array whose capacity is never stored: it
 * grows to the next power of two whenever n reaches one (8 at first), so
 * a caller's array from an earlier call is simply reused or shrunk.
 * Returns v (maybe moved), or NULL when out of memory (v untouched). */
static inline void *
utext_grow_pow2(void *v, size_t n, size_t size)
{
	size_t cap;

	if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
		return v;
	cap = n < 8 ? 8 : n * 2;
	if (cap > SIZE_MAX / size)
		return NULL;
	return realloc(v, cap * size);
}

/* A cluster as the wrapper needs it: where it ends, its width as
 * utext_cluster_width gives it, and whether it is one U+0020 alone. */
typedef struct utext_cluster {
	size_t end;
	size_t width;
	bool space;
} utext_cluster;

/* Walks the cluster at pos (pos < len) once: its end and its width with
 * w (utext_cluster.c). */
void
utext_scan_cluster(const char *s, size_t len, size_t pos, utext_width_fn w,
		   utext_cluster *c);

/* Thai letters, vowels and marks whose line-breaking class is SA (South
 * East Asian: words found with a dictionary): U+0E01..U+0E3A and
 * U+0E40..U+0E4E. Not the digits, the baht sign, nor the signs that
 * punctuate (U+0E4F, U+0E5A, U+0E5B). */
static inline bool
utext_thai_sa(uint32_t cp)
{
	return (cp >= 0x0e01 && cp <= 0x0e3a) || (cp >= 0x0e40 && cp <= 0x0e4e);
}

#endif
