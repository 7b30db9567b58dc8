/* The word diff: tokens (wdiff_tokens) interned as numbers, Myers' diff
 * in linear space (the middle-snake bisection, as diff-match-patch does
 * it) with a bound on the work, then diff-match-patch's clean-ups on whole
 * tokens: merging, the semantic clean-up that folds small equalities
 * inside a rewritten passage into the change, and the shifting of lone
 * edits to word and line boundaries. Writers for text and HTML. */
#include "wdiff.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect_int.h"
#include "grow.h"
#include "utext.h"
#include "utext_break.h"

/* A stretch of tokens: [a0, a1) of the old text and [b0, b1) of the new.
 * SAME: as many of each; DEL: b0 == b1 (where it stands in the new);
 * INS: a0 == a1. */
typedef struct run {
	wdiff_op op;
	size_t a0, a1, b0, b1;
} run;

typedef struct side {
	const char *s;
	size_t *ends;   /* token i is [i ? ends[i-1] : 0, ends[i]) */
	size_t n;
	uint32_t *id;   /* equal tokens have equal ids */
	size_t *chars;  /* chars[i]: code points of tokens [0, i) */
	size_t *words;  /* the same, counting only tokens that are not
			 * spaces or line ends */
} side;

typedef struct ctx {
	side a, b;
	run *v;
	size_t n, cap;
	size_t work;
	bool oom;
} ctx;

static size_t
tok_start(const side *s, size_t i)
{
	return i ? s->ends[i - 1] : 0;
}

static size_t
chars(const side *s, size_t from, size_t to)
{
	return s->chars[to] - s->chars[from];
}

static size_t
word_chars(const side *s, size_t from, size_t to)
{
	return s->words[to] - s->words[from];
}

/* A token of spaces or a line end (wdiff_tokens never mixes them with
 * anything else): U+0020, tab, CR, LF, U+00A0, U+2000..U+200A, U+3000. */
static bool
space_token(const char *t)
{
	const unsigned char *u = (const unsigned char *)t;

	return *u == ' ' || *u == '\t' || *u == '\r' || *u == '\n' ||
	       (u[0] == 0xc2 && u[1] == 0xa0) ||
	       (u[0] == 0xe2 && u[1] == 0x80 && u[2] <= 0x8a) ||
	       (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80);
}

/* ---- Tokens as numbers ---- */

static uint32_t
hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Gives every token of both sides its id: one open-addressing table of
 * the distinct tokens. */
static bool
intern(ctx *c)
{
	size_t total = c->a.n + c->b.n, size = 64, next_id = 1;
	struct slot {
		uint32_t h, id;
		const char *s;
		size_t len;
	} *t;
	side *sides[2] = {&c->a, &c->b};

	while (size < total * 2)
		size *= 2;
	t = calloc(size, sizeof(*t));
	if (t == NULL)
		return false;
	for (int k = 0; k < 2; k++) {
		side *sd = sides[k];

		sd->id = malloc((sd->n ? sd->n : 1) * sizeof(*sd->id));
		sd->chars = malloc((sd->n + 1) * sizeof(*sd->chars));
		sd->words = malloc((sd->n + 1) * sizeof(*sd->words));
		if (!sd->id || !sd->chars || !sd->words) {
			free(t);
			return false;
		}
		sd->chars[0] = sd->words[0] = 0;
		for (size_t i = 0; i < sd->n; i++) {
			const char *s = sd->s + tok_start(sd, i);
			size_t len = sd->ends[i] - tok_start(sd, i);
			uint32_t h = hash(s, len);
			size_t j = h & (size - 1);

			while (t[j].id && !(t[j].h == h && t[j].len == len &&
					    memcmp(t[j].s, s, len) == 0))
				j = (j + 1) & (size - 1);
			if (!t[j].id)
				t[j] = (struct slot){h, (uint32_t)next_id++, s, len};
			sd->id[i] = t[j].id;
			sd->chars[i + 1] = sd->chars[i] + utext_count(s, len);
			sd->words[i + 1] = sd->words[i] +
					   (space_token(s) ? 0 : sd->chars[i + 1] -
								     sd->chars[i]);
		}
	}
	free(t);
	return true;
}

/* ---- Myers ---- */

static void
emit(ctx *c, wdiff_op op, size_t a0, size_t a1, size_t b0, size_t b1)
{
	run *v;

	if (a0 == a1 && b0 == b1)
		return;
	/* Adjacent runs of one kind are one run. */
	if (c->n > 0 && c->v[c->n - 1].op == op) {
		c->v[c->n - 1].a1 = a1;
		c->v[c->n - 1].b1 = b1;
		return;
	}
	v = grow_array(c->v, &c->cap, c->n, sizeof(*v), 32);
	if (v == NULL) {
		c->oom = true;
		return;
	}
	c->v = v;
	c->v[c->n++] = (run){op, a0, a1, b0, b1};
}

static void diff_range(ctx *c, size_t a0, size_t a1, size_t b0, size_t b1);

/* Everything of [a0,a1) deleted and of [b0,b1) inserted. */
static void
replace(ctx *c, size_t a0, size_t a1, size_t b0, size_t b1)
{
	emit(c, WDIFF_DEL, a0, a1, b0, b0);
	emit(c, WDIFF_INS, a1, a1, b0, b1);
}

/* Finds the middle snake of the two ranges (both non-empty, with no
 * common first or last token) and diffs each half; replaces the whole
 * when the work runs out. Myers 1986, section 4b, with diff-match-patch's
 * bookkeeping of diagonals that ran off the edges. */
static void
bisect(ctx *c, size_t a0, size_t a1, size_t b0, size_t b1)
{
	const uint32_t *A = c->a.id + a0, *B = c->b.id + b0;
	long n = (long)(a1 - a0), m = (long)(b1 - b0);
	long max_d = (n + m + 1) / 2, off = max_d, vlen = 2 * max_d + 2;
	long delta = n - m, k1s = 0, k1e = 0, k2s = 0, k2e = 0;
	bool front = (delta % 2) != 0;
	long *v1 = malloc((size_t)vlen * 2 * sizeof(*v1)), *v2;

	if (v1 == NULL) {
		c->oom = true;
		return;
	}
	v2 = v1 + vlen;
	for (long i = 0; i < vlen; i++)
		v1[i] = v2[i] = -1;
	v1[off + 1] = v2[off + 1] = 0;
	for (long d = 0; d < max_d; d++) {
		if (c->work > WDIFF_MAX_WORK)
			break;
		for (long k1 = -d + k1s; k1 <= d - k1e; k1 += 2) {
			long ko = off + k1, x1, y1;

			if (k1 == -d || (k1 != d && v1[ko - 1] < v1[ko + 1]))
				x1 = v1[ko + 1];
			else
				x1 = v1[ko - 1] + 1;
			y1 = x1 - k1;
			c->work++;
			while (x1 < n && y1 < m && A[x1] == B[y1]) {
				x1++;
				y1++;
				c->work++;
			}
			v1[ko] = x1;
			if (x1 > n) {
				k1e += 2;
			} else if (y1 > m) {
				k1s += 2;
			} else if (front) {
				long k2o = off + delta - k1;

				if (k2o >= 0 && k2o < vlen && v2[k2o] != -1 &&
				    x1 >= n - v2[k2o]) {
					free(v1);
					diff_range(c, a0, a0 + (size_t)x1, b0,
						   b0 + (size_t)y1);
					diff_range(c, a0 + (size_t)x1, a1,
						   b0 + (size_t)y1, b1);
					return;
				}
			}
		}
		for (long k2 = -d + k2s; k2 <= d - k2e; k2 += 2) {
			long ko = off + k2, x2, y2;

			if (k2 == -d || (k2 != d && v2[ko - 1] < v2[ko + 1]))
				x2 = v2[ko + 1];
			else
				x2 = v2[ko - 1] + 1;
			y2 = x2 - k2;
			c->work++;
			while (x2 < n && y2 < m &&
			       A[n - x2 - 1] == B[m - y2 - 1]) {
				x2++;
				y2++;
				c->work++;
			}
			v2[ko] = x2;
			if (x2 > n) {
				k2e += 2;
			} else if (y2 > m) {
				k2s += 2;
			} else if (!front) {
				long k1o = off + delta - k2;

				if (k1o >= 0 && k1o < vlen && v1[k1o] != -1) {
					long x1 = v1[k1o], y1 = off + x1 - k1o;

					if (x1 >= n - x2) {
						free(v1);
						diff_range(c, a0, a0 + (size_t)x1,
							   b0, b0 + (size_t)y1);
						diff_range(c, a0 + (size_t)x1, a1,
							   b0 + (size_t)y1, b1);
						return;
					}
				}
			}
		}
	}
	free(v1);
	/* No common token at all, or out of work. */
	replace(c, a0, a1, b0, b1);
}

static void
diff_range(ctx *c, size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t p = 0, s = 0;

	if (c->oom)
		return;
	while (a0 + p < a1 && b0 + p < b1 && c->a.id[a0 + p] == c->b.id[b0 + p])
		p++;
	while (a1 - s > a0 + p && b1 - s > b0 + p &&
	       c->a.id[a1 - 1 - s] == c->b.id[b1 - 1 - s])
		s++;
	emit(c, WDIFF_SAME, a0, a0 + p, b0, b0 + p);
	a0 += p;
	b0 += p;
	if (a0 == a1 - s || b0 == b1 - s)
		replace(c, a0, a1 - s, b0, b1 - s);
	else
		bisect(c, a0, a1 - s, b0, b1 - s);
	emit(c, WDIFF_SAME, a1 - s, a1, b1 - s, b1);
}

/* ---- Clean-ups (diff-match-patch's, on whole tokens) ---- */

/* Rebuilds the runs in canonical form: each stretch of changes between
 * two equalities as one deletion then one insertion, with the tokens they
 * begin or end with in common moved out into the equalities around
 * them, and runs of one kind joined. */
static void
merge(ctx *c)
{
	run *old = c->v;
	size_t n = c->n, i = 0;

	c->v = NULL;
	c->n = c->cap = 0;
	while (i < n && !c->oom) {
		size_t a0 = old[i].a0, b0 = old[i].b0, a1, b1, p = 0, s = 0;

		if (old[i].op == WDIFF_SAME) {
			emit(c, WDIFF_SAME, old[i].a0, old[i].a1, old[i].b0,
			     old[i].b1);
			i++;
			continue;
		}
		/* The changes up to the next equality cover [a0,a1) and
		 * [b0,b1) without gaps. */
		while (i < n && old[i].op != WDIFF_SAME)
			i++;
		a1 = old[i - 1].a1;
		b1 = old[i - 1].b1;
		while (a0 + p < a1 && b0 + p < b1 &&
		       c->a.id[a0 + p] == c->b.id[b0 + p])
			p++;
		while (a1 - s > a0 + p && b1 - s > b0 + p &&
		       c->a.id[a1 - 1 - s] == c->b.id[b1 - 1 - s])
			s++;
		emit(c, WDIFF_SAME, a0, a0 + p, b0, b0 + p);
		replace(c, a0 + p, a1 - s, b0 + p, b1 - s);
		emit(c, WDIFF_SAME, a1 - s, a1, b1 - s, b1);
	}
	free(old);
}

static size_t
run_chars(const ctx *c, const run *r)
{
	return r->op == WDIFF_INS ? chars(&c->b, r->b0, r->b1)
				  : chars(&c->a, r->a0, r->a1);
}

static size_t
run_words(const ctx *c, const run *r)
{
	return r->op == WDIFF_INS ? word_chars(&c->b, r->b0, r->b1)
				  : word_chars(&c->a, r->a0, r->a1);
}

/* An equality no longer than the changes on each side of it is folded
 * into them (diff-match-patch's diff_cleanupSemantic, first part): a
 * rewritten passage then reads as the old passage and the new, not as a
 * scatter of characters that happen to agree. Changes are measured
 * without their spaces and line ends, so that a change of spacing alone
 * never swallows the words around it. */
static bool
fold_small_equalities(ctx *c)
{
	size_t *eq = malloc((c->n ? c->n : 1) * sizeof(*eq)), n_eq = 0;
	size_t ins1 = 0, del1 = 0, ins2 = 0, del2 = 0, last = 0;
	bool have_last = false, changed = false;

	if (eq == NULL) {
		c->oom = true;
		return false;
	}
	for (size_t p = 0; p < c->n; p++) {
		run *r = &c->v[p];

		if (r->op == WDIFF_SAME) {
			eq[n_eq++] = p;
			ins1 = ins2;
			del1 = del2;
			ins2 = del2 = 0;
			last = run_chars(c, r);
			have_last = true;
			continue;
		}
		if (r->op == WDIFF_INS)
			ins2 += run_words(c, r);
		else
			del2 += run_words(c, r);
		if (have_last && last <= (ins1 > del1 ? ins1 : del1) &&
		    last <= (ins2 > del2 ? ins2 : del2)) {
			/* The equality becomes a deletion and an insertion
			 * (merge joins them with their neighbours). */
			size_t e = eq[--n_eq];
			run *v = grow_array(c->v, &c->cap, c->n, sizeof(*v), 32);

			if (v == NULL) {
				c->oom = true;
				break;
			}
			c->v = v;
			memmove(&c->v[e + 1], &c->v[e],
				(c->n - e) * sizeof(*c->v));
			c->n++;
			c->v[e].op = WDIFF_DEL;
			c->v[e].b1 = c->v[e].b0;
			c->v[e + 1].op = WDIFF_INS;
			c->v[e + 1].a0 = c->v[e + 1].a1;
			/* The equality before it is looked at again. */
			if (n_eq > 0)
				n_eq--;
			ins1 = del1 = ins2 = del2 = 0;
			have_last = false;
			changed = true;
			if (n_eq > 0) {
				p = eq[n_eq - 1];
				/* Counted again when the loop comes back to
				 * it. */
				n_eq--;
				p--;
			} else {
				p = (size_t)-1;
			}
		}
	}
	free(eq);
	return changed;
}

/* How good a place the boundary between tokens i-1 and i of a side is for
 * a change to begin or end (diff-match-patch's cleanupSemanticScore, on
 * tokens): the edge of the text, a blank line, a line end, a space,
 * punctuation, the middle of a run of letters. */
static int
boundary_score(const side *s, size_t i)
{
	const char *t1, *t2;

	if (i == 0 || i >= s->n)
		return 6;
	t1 = s->s + tok_start(s, i - 1);
	t2 = s->s + tok_start(s, i);
	if ((*t1 == '\n' && i >= 2 && s->s[tok_start(s, i - 2)] == '\n') ||
	    (*t2 == '\n' && i + 1 < s->n && s->s[tok_start(s, i + 1)] == '\n'))
		return 5;
	if (*t1 == '\n' || *t2 == '\n' || *t1 == '\r')
		return 4;
	if (*t1 == ' ' || *t2 == ' ' || *t1 == '\t' || *t2 == '\t')
		return 2;
	if (((unsigned char)*t1 < 0x80 &&
	     !((*t1 | 0x20) >= 'a' && (*t1 | 0x20) <= 'z') &&
	     !(*t1 >= '0' && *t1 <= '9')) ||
	    ((unsigned char)*t2 < 0x80 &&
	     !((*t2 | 0x20) >= 'a' && (*t2 | 0x20) <= 'z') &&
	     !(*t2 >= '0' && *t2 <= '9')))
		return 1;
	return 0;
}

/* Shifts a lone deletion or insertion between two equalities along the
 * text while it stays the same change, to where its edges are the best
 * boundaries (diff-match-patch's cleanupSemanticLossless): "a{+ new+} b"
 * or "a {+new +}b" is a matter of where the same tokens are cut. Works on the side that holds the change; the equalities' other
 * side moves by as much. */
static void
align_edits(ctx *c)
{
	for (size_t i = 1; i + 1 < c->n; i++) {
		run *e1 = &c->v[i - 1], *ed = &c->v[i], *e2 = &c->v[i + 1];
		bool ins = ed->op == WDIFF_INS;
		const side *s = ins ? &c->b : &c->a;
		size_t lo, e0, e1_, hi, best, len;
		int best_score;

		if (e1->op != WDIFF_SAME || e2->op != WDIFF_SAME ||
		    ed->op == WDIFF_SAME)
			continue;
		lo = ins ? e1->b0 : e1->a0;
		e0 = ins ? ed->b0 : ed->a0;
		e1_ = ins ? ed->b1 : ed->a1;
		hi = ins ? e2->b1 : e2->a1;
		len = e1_ - e0;
		/* As far left as it goes, then each place to the right. */
		while (e0 > lo && s->id[e0 - 1] == s->id[e1_ - 1]) {
			e0--;
			e1_--;
		}
		best = e0;
		best_score = boundary_score(s, e0) + boundary_score(s, e1_);
		while (e1_ < hi && s->id[e0] == s->id[e1_]) {
			int score;

			e0++;
			e1_++;
			score = boundary_score(s, e0) + boundary_score(s, e1_);
			/* On a tie the leftmost: a change then begins with
			 * the space before its words ("open[- and
			 * transparent-] process"), as in GNU wdiff's
			 * output the words hug the marks on the right. */
			if (score > best_score) {
				best_score = score;
				best = e0;
			}
		}
		{
			/* Move the change to start at best; the
			 * equalities take what it left. */
			size_t d_left = ins ? ed->b0 - best : ed->a0 - best;
			bool left = best <= (ins ? ed->b0 : ed->a0);
			size_t d = left ? d_left : best - (ins ? ed->b0 : ed->a0);

			if (d == 0)
				continue;
			if (left) {
				e1->a1 -= d;
				e1->b1 -= d;
				e2->a0 -= d;
				e2->b0 -= d;
			} else {
				e1->a1 += d;
				e1->b1 += d;
				e2->a0 += d;
				e2->b0 += d;
			}
			if (ins) {
				ed->b0 = best;
				ed->b1 = best + len;
				ed->a0 = ed->a1 = e1->a1;
			} else {
				ed->a0 = best;
				ed->a1 = best + len;
				ed->b0 = ed->b1 = e1->b1;
			}
		}
	}
}

/* A deletion whose end the insertion after it begins with, over half of
 * either, shows that part as unchanged (diff-match-patch's overlap step,
 * in the direction that keeps deletions first). */
static void
split_overlaps(ctx *c)
{
	for (size_t i = 1; i < c->n; i++) {
		run *d = &c->v[i - 1], *in = &c->v[i], *v;
		size_t nd, ni, k;

		if (d->op != WDIFF_DEL || in->op != WDIFF_INS)
			continue;
		nd = d->a1 - d->a0;
		ni = in->b1 - in->b0;
		for (k = nd < ni ? nd : ni; k > 0; k--)
			if (memcmp(&c->a.id[d->a1 - k], &c->b.id[in->b0],
				   k * sizeof(uint32_t)) == 0)
				break;
		if (k == 0 || (2 * k < nd && 2 * k < ni))
			continue;
		v = grow_array(c->v, &c->cap, c->n, sizeof(*v), 32);
		if (v == NULL) {
			c->oom = true;
			return;
		}
		c->v = v;
		memmove(&c->v[i + 1], &c->v[i], (c->n - i) * sizeof(*c->v));
		c->n++;
		d = &c->v[i - 1];
		c->v[i] = (run){WDIFF_SAME, d->a1 - k, d->a1, c->v[i + 1].b0,
				c->v[i + 1].b0 + k};
		d->a1 -= k;
		c->v[i + 1].b0 += k;
		c->v[i + 1].a0 = c->v[i + 1].a1 = c->v[i].a1;
		i++;
	}
}

static void
drop_empty(ctx *c)
{
	size_t k = 0;

	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].a0 != c->v[i].a1 || c->v[i].b0 != c->v[i].b1)
			c->v[k++] = c->v[i];
	c->n = k;
}

static void
cleanup(ctx *c)
{
	merge(c);
	if (!c->oom && fold_small_equalities(c))
		merge(c);
	if (c->oom)
		return;
	align_edits(c);
	drop_empty(c);
	merge(c);
	if (!c->oom)
		split_overlaps(c);
	if (!c->oom)
		drop_empty(c);
}

/* ---- The result ---- */

static bool
push_seg(wdiff *d, wdiff_op op, size_t off, size_t len)
{
	wdiff_seg *v;

	if (len == 0)
		return true;
	v = grow_array(d->v, &d->cap, d->n, sizeof(*v), 16);
	if (v == NULL)
		return false;
	d->v = v;
	d->v[d->n++] = (wdiff_seg){op, off, len};
	return true;
}

bool
wdiff_compute(wdiff *d, const char *a, size_t alen, const char *b,
	      size_t blen)
{
	ctx c = {0};
	bool ok = false;

	*d = (wdiff){a, b, NULL, 0, 0};
	c.a.s = a;
	c.b.s = b;
	if (!wdiff_tokens(a, alen, &c.a.ends, &c.a.n) ||
	    !wdiff_tokens(b, blen, &c.b.ends, &c.b.n) || !intern(&c))
		goto out;
	diff_range(&c, 0, c.a.n, 0, c.b.n);
	if (!c.oom)
		cleanup(&c);
	if (c.oom)
		goto out;
	ok = true;
	for (size_t i = 0; i < c.n && ok; i++) {
		const run *r = &c.v[i];
		const side *s = r->op == WDIFF_INS ? &c.b : &c.a;
		size_t t0 = r->op == WDIFF_INS ? r->b0 : r->a0;
		size_t t1 = r->op == WDIFF_INS ? r->b1 : r->a1;

		if (t0 < t1)
			ok = push_seg(d, r->op, tok_start(s, t0),
				      s->ends[t1 - 1] - tok_start(s, t0));
	}
out:
	if (!ok)
		wdiff_free(d);
	free(c.a.ends);
	free(c.b.ends);
	free(c.a.id);
	free(c.b.id);
	free(c.a.chars);
	free(c.b.chars);
	free(c.a.words);
	free(c.b.words);
	free(c.v);
	return ok;
}

void
wdiff_free(wdiff *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

bool
wdiff_changed(const wdiff *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].op != WDIFF_SAME)
			return true;
	return false;
}

/* ---- Writing ---- */

/* What of an unchanged stretch is shown with context: all of it, or its
 * head (up to the end of the paragraph a change before it is in) and its
 * tail (from the start of the paragraph of the change after it), with
 * whole paragraphs between them left out. */
typedef struct shown {
	bool cut;
	size_t head; /* bytes shown before the cut */
	size_t tail; /* where the part after the cut starts */
} shown;

/* True when s[from..to) holds only spaces, tabs and line ends. */
static bool
blank(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* first/last: the stretch begins/ends the text (no change before/after
 * it). Its first line continues a changed line unless it begins the text,
 * its last line leads into one unless it ends the text: only the lines
 * between are whole, and only whole blank lines part paragraphs. */
static shown
unchanged_part(const char *s, size_t len, bool first, bool last)
{
	shown r = {false, len, len};
	size_t pos = 0, f_start = SIZE_MAX, g_end = SIZE_MAX;
	bool line0 = true;

	while (pos <= len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;
		bool whole = (!line0 || first) && (nl || last);

		if (whole && blank(s, pos, end)) {
			if (f_start == SIZE_MAX)
				f_start = pos;
			g_end = nl ? end + 1 : len;
		}
		if (!nl)
			break;
		pos = end + 1;
		line0 = false;
	}
	if (f_start == SIZE_MAX)
		return r;
	if (first && !last) {
		/* Text before the last blank line goes. */
		if (!blank(s, 0, f_start) || !blank(s, f_start, g_end)) {
			r.cut = true;
			r.head = 0;
			r.tail = g_end;
		}
	} else if (last && !first) {
		/* Text after the first blank line goes. */
		if (!blank(s, f_start, len)) {
			r.cut = true;
			r.head = f_start > 0 ? f_start - 1 : 0;
			r.tail = len;
		}
	} else if (!first && !last && !blank(s, f_start, g_end)) {
		/* A whole paragraph between the first and the last blank
		 * line. */
		r.cut = true;
		r.head = f_start > 0 ? f_start - 1 : 0;
		r.tail = g_end;
	}
	return r;
}

/* s[0..len) of a stretch of kind op, escaped (see wdiff.h). */
static void
escaped(sbuf *out, const char *s, size_t len, wdiff_op op)
{
	size_t from = 0;

	for (size_t i = 0; i < len; i++) {
		char ch = s[i], next = i + 1 < len ? s[i + 1] : '\0';
		bool esc;

		if (ch == '\\')
			esc = i + 1 == len || next == '\\' || next == '-' ||
			      next == '+';
		else if (op == WDIFF_SAME)
			esc = i > 0 && ((ch == '-' && s[i - 1] == '[') ||
					(ch == '+' && s[i - 1] == '{'));
		else if (op == WDIFF_DEL)
			esc = ch == '-' && next == ']';
		else
			esc = ch == '+' && next == '}';
		if (!esc)
			continue;
		sbuf_add(out, s + from, i - from);
		sbuf_char(out, '\\');
		from = i;
	}
	sbuf_add(out, s + from, len - from);
}

static void
write_any(sbuf *out, const wdiff *d, bool context, bool html)
{
	bool any = wdiff_changed(d);

	for (size_t i = 0; i < d->n; i++) {
		const wdiff_seg *g = &d->v[i];
		const char *s = (g->op == WDIFF_INS ? d->b : d->a) + g->off;
		shown sh = {false, g->len, g->len};

		if (g->op == WDIFF_SAME && context && any)
			sh = unchanged_part(s, g->len, i == 0, i + 1 == d->n);
		if (html) {
			if (g->op != WDIFF_SAME)
				sbuf_str(out, g->op == WDIFF_DEL ? "<del>"
								 : "<ins>");
			collect_html_esc(out, s, sh.head);
		} else if (g->op == WDIFF_SAME) {
			escaped(out, s, sh.head, g->op);
		} else {
			sbuf_str(out, g->op == WDIFF_DEL ? "[-" : "{+");
			escaped(out, s, sh.head, g->op);
		}
		if (sh.cut) {
			const char *sep = html ? "<span class=\"skip\">\xe2\x80\xa6</span>"
					       : "...";

			if (sh.head > 0 || i > 0)
				sbuf_str(out, "\n\n");
			sbuf_str(out, sep);
			if (sh.tail < g->len || i + 1 < d->n)
				sbuf_str(out, "\n\n");
			if (html)
				collect_html_esc(out, s + sh.tail,
						 g->len - sh.tail);
			else
				escaped(out, s + sh.tail, g->len - sh.tail,
					g->op);
		}
		if (g->op != WDIFF_SAME)
			sbuf_str(out, html ? (g->op == WDIFF_DEL ? "</del>"
								 : "</ins>")
					   : (g->op == WDIFF_DEL ? "-]" : "+}"));
	}
}

void
wdiff_write_text(sbuf *out, const wdiff *d, bool context)
{
	write_any(out, d, context, false);
}

void
wdiff_write_html(sbuf *out, const wdiff *d, bool context)
{
	write_any(out, d, context, true);
}

char *
wdiff_text(const char *old_text, const char *new_text, size_t *len)
{
	sbuf b = SBUF_INIT;
	wdiff d;

	if (!wdiff_compute(&d, old_text, strlen(old_text), new_text,
			   strlen(new_text)))
		return NULL;
	wdiff_write_text(&b, &d, false);
	wdiff_free(&d);
	return sbuf_take(&b, len);
}
