/* What a word is, for the word diff: the one function that cuts text into
 * the tokens the diff compares (wdiff.h says which). The words are
 * utext's (utext_break.h: Unicode's word boundaries, libthai's Thai words,
 * ICU's dictionary words in Chinese, Japanese, Lao, Khmer and Myanmar), so
 * the diff, the form's word motions and the line breaker agree on them;
 * what lies between words is cut here into runs of spaces, line ends and
 * single marks. */
#include "wdiff.h"

#include <stdint.h>
#include <stdlib.h>

#include "grow.h"
#include "utext.h"
#include "utext_break.h"

typedef enum kind {
	K_SPACE, /* runs */
	K_LINE,  /* one line end */
	K_ALONE, /* each cluster a token */
} kind;

static kind
classify(uint32_t cp)
{
	if (cp == '\n')
		return K_LINE;
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xa0 ||
	    cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200a))
		return K_SPACE;
	return K_ALONE;
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

typedef struct cut {
	size_t *ends;
	size_t n;
	size_t cap;
	bool space; /* the last token is a run of spaces */
} cut;

/* A token ending at end; a run of spaces joins the run just before it
 * (spaces of several kinds are several pieces of utext_words). */
static bool
push(cut *c, size_t end, bool space)
{
	size_t *v;

	if (space && c->space && c->n > 0) {
		c->ends[c->n - 1] = end;
		return true;
	}
	c->space = space;
	v = grow_array(c->ends, &c->cap, c->n, sizeof(*c->ends), 64);
	if (v == NULL)
		return false;
	c->ends = v;
	c->ends[c->n++] = end;
	return true;
}

/* What lies between words, [pos, end): runs of spaces, each line end,
 * each other cluster (punctuation, symbols) a token. */
static bool
between(cut *c, const char *s, size_t len, size_t pos, size_t end)
{
	while (pos < end) {
		kind k, next_k;
		size_t e = cluster(s, len, pos, &k);

		while (k == K_SPACE && e < end) {
			size_t f = cluster(s, len, e, &next_k);

			if (next_k != K_SPACE || f > end)
				break;
			e = f;
		}
		/* A cluster never runs past the piece (the pieces end on
		 * cluster boundaries); if it did, the piece ends it. */
		if (e > end)
			e = end;
		if (!push(c, e, k == K_SPACE))
			return false;
		pos = e;
	}
	return true;
}

bool
wdiff_tokens(const char *s, size_t len, size_t **ends, size_t *n)
{
	cut c = {NULL, 0, 0, false};
	utext_word *w = NULL;
	size_t nw = 0;
	bool ok = utext_words(s, len, 0, len, &w, &nw);

	/* The caller's array is not reused: its size is not known here. */
	free(*ends);
	*ends = NULL;
	*n = 0;
	for (size_t i = 0; ok && i < nw; i++)
		ok = w[i].word ? push(&c, w[i].end, false)
			       : between(&c, s, len, w[i].start, w[i].end);
	free(w);
	if (!ok) {
		free(c.ends);
		return false;
	}
	*ends = c.ends;
	*n = c.n;
	return true;
}
