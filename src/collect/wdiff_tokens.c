/* What a word is, for the word diff: the one function that cuts text into
 * the tokens the diff compares (wdiff.h says which). Thai and the other
 * scripts written without spaces go by character clusters here; a
 * dictionary's word breaks can replace that rule without touching the
 * diff. */
#include "wdiff.h"

#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "grow.h"
#include "utext.h"

typedef enum kind {
	K_SPACE, /* runs */
	K_LINE,  /* one line end */
	K_WORD,  /* runs: letters, digits, marks of spaced scripts */
	K_ALONE, /* each cluster a token */
} kind;

/* Scripts written without spaces between words. */
static bool
unspaced(uint32_t cp)
{
	return (cp >= 0x0e00 && cp <= 0x0eff) || /* Thai, Lao */
	       (cp >= 0x1000 && cp <= 0x109f) || /* Myanmar */
	       (cp >= 0x1780 && cp <= 0x17ff);   /* Khmer */
}

static kind
classify(uint32_t cp)
{
	if (cp == '\n')
		return K_LINE;
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xa0 ||
	    cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200a))
		return K_SPACE;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			       (cp >= '0' && cp <= '9') || cp == '_'
			       ? K_WORD
			       : K_ALONE;
	if (unspaced(cp) || utext_width_default(cp) >= 2)
		return K_ALONE;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PC:
		return K_WORD;
	default:
		return K_ALONE;
	}
}

/* The end of the cluster at pos and the kind of its first character. */
static size_t
cluster(const char *s, size_t len, size_t pos, kind *k)
{
	size_t q = pos;
	unsigned char c = (unsigned char)s[pos];

	if (c < 0x80) {
		*k = classify(c);
		/* "\r\n" is one cluster, and one line end. */
		if (c == '\r' && pos + 1 < len && s[pos + 1] == '\n') {
			*k = K_LINE;
			return pos + 2;
		}
		if (pos + 1 >= len || (unsigned char)s[pos + 1] < 0x80)
			return pos + 1;
	} else {
		*k = classify(utext_next(s, len, &q));
	}
	return utext_cluster_end(s, len, pos);
}

bool
wdiff_tokens(const char *s, size_t len, size_t **ends, size_t *n)
{
	size_t cap = 0, pos = 0;

	/* The caller's array is reused; its size is not known here. */
	free(*ends);
	*ends = NULL;
	*n = 0;
	while (pos < len) {
		kind k, next_k;
		size_t end = cluster(s, len, pos, &k), *v;

		if (k == K_SPACE || k == K_WORD) {
			while (end < len) {
				size_t e = cluster(s, len, end, &next_k);

				if (next_k != k)
					break;
				end = e;
			}
		}
		v = grow_array(*ends, &cap, *n, sizeof(**ends), 64);
		if (v == NULL) {
			free(*ends);
			*ends = NULL;
			*n = 0;
			return false;
		}
		*ends = v;
		(*ends)[(*n)++] = end;
		pos = end;
	}
	return true;
}
