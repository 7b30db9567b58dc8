/* Word-level differences (longest common subsequence of words, bounded)
 * and the item-by-item comparison of two plans built on them. */
#include "wdiff.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect_int.h"
#include "grow.h"
#include "utext.h"

/* A word and the spaces before it. Spaces are not compared, so a change
 * of line breaks alone does not make a word differ. */
typedef struct tok {
	size_t lead; /* start of the spaces before the word */
	size_t start;
	size_t len;
	uint32_t hash;
} tok;

typedef struct toks {
	tok *v;
	size_t n;
	size_t cap;
	size_t tail; /* start of the spaces after the last word */
} toks;

static bool
push(toks *t, size_t lead, size_t start, size_t len, const char *s)
{
	uint32_t h = 2166136261u;

	tok *v = grow_array(t->v, &t->cap, t->n, sizeof(*v), 64);

	if (v == NULL)
		return false;
	t->v = v;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[start + i]) * 16777619u;
	t->v[t->n].lead = lead;
	t->v[t->n].start = start;
	t->v[t->n].len = len;
	t->v[t->n].hash = h;
	t->n++;
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A character that is a word by itself: wide (CJK), or of a script
 * written without spaces between words. */
static bool
solo(uint32_t cp)
{
	return utext_width_default(cp) >= 2 ||
	       (cp >= 0x0e00 && cp <= 0x0eff) || /* Thai, Lao */
	       (cp >= 0x1000 && cp <= 0x109f) || /* Myanmar */
	       (cp >= 0x1780 && cp <= 0x17ff);   /* Khmer */
}

static bool
tokenize(const char *s, size_t len, toks *out)
{
	size_t pos = 0;

	while (pos < len) {
		size_t lead = pos, start, end, q;

		while (pos < len && is_space(s[pos]))
			pos++;
		if (pos == len) {
			out->tail = lead;
			return true;
		}
		start = pos;
		q = pos;
		end = (unsigned char)s[pos] < 0x80 ? pos + 1
						   : utext_cluster_end(s, len, pos);
		if (!solo(utext_next(s, len, &q))) {
			while (end < len && !is_space(s[end])) {
				if ((unsigned char)s[end] >= 0x80) {
					q = end;
					if (solo(utext_next(s, len, &q)))
						break;
					end = utext_cluster_end(s, len, end);
				} else {
					end++;
				}
			}
		}
		if (!push(out, lead, start, end - start, s))
			return false;
		pos = end;
	}
	out->tail = len;
	return true;
}

static bool
same(const char *a, const tok *x, const char *b, const tok *y)
{
	return x->hash == y->hash && x->len == y->len &&
	       memcmp(a + x->start, b + y->start, x->len) == 0;
}

enum { EQ, DEL, INS };

typedef struct op {
	int kind;
	size_t ta; /* token of a (EQ, DEL) */
	size_t tb; /* token of b (EQ, INS) */
} op;

typedef struct ops {
	op *v;
	size_t n;
	size_t cap;
} ops;

static bool
add_op(ops *o, int kind, size_t ta, size_t tb)
{
	op *v = grow_array(o->v, &o->cap, o->n, sizeof(*v), 64);

	if (v == NULL)
		return false;
	o->v = v;
	o->v[o->n].kind = kind;
	o->v[o->n].ta = ta;
	o->v[o->n].tb = tb;
	o->n++;
	return true;
}

/* The edit script of a[ai..ai+n) against b[bi..bi+m): a longest common
 * subsequence when its table fits in WDIFF_MAX_CELLS, else everything
 * deleted then inserted. Deletions come before insertions. */
static bool
script(const char *sa, const tok *a, size_t ai, size_t n, const char *sb,
       const tok *b, size_t bi, size_t m, ops *out)
{
	uint32_t *L = NULL;
	size_t i, j, w = m + 1;

	if (n > 0 && m > 0 && (n + 1) <= WDIFF_MAX_CELLS / w) {
		L = calloc((n + 1) * w, sizeof(*L));
		/* A table that fits but finds no memory: the output must
		 * not depend on how much memory there was. */
		if (L == NULL)
			return false;
	}
	if (L == NULL) {
		for (i = 0; i < n; i++)
			if (!add_op(out, DEL, ai + i, 0))
				return false;
		for (j = 0; j < m; j++)
			if (!add_op(out, INS, 0, bi + j))
				return false;
		return true;
	}
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			L[i * w + j] = same(sa, &a[ai + i], sb, &b[bi + j])
					       ? L[(i + 1) * w + j + 1] + 1
				       : L[(i + 1) * w + j] >= L[i * w + j + 1]
					       ? L[(i + 1) * w + j]
					       : L[i * w + j + 1];
	i = j = 0;
	while (i < n || j < m) {
		bool ok;

		if (i < n && j < m && same(sa, &a[ai + i], sb, &b[bi + j])) {
			ok = add_op(out, EQ, ai + i, bi + j);
			i++;
			j++;
		} else if (i < n && (j == m || L[(i + 1) * w + j] >=
						      L[i * w + j + 1])) {
			ok = add_op(out, DEL, ai + i, 0);
			i++;
		} else {
			ok = add_op(out, INS, 0, bi + j);
			j++;
		}
		if (!ok) {
			free(L);
			return false;
		}
	}
	free(L);
	return true;
}

/* Words k0..k1 of a text with the spaces between them (not before the
 * first). */
static void
words(sbuf *out, const char *s, const toks *t, const op *v,
      size_t k0, size_t k1, int kind)
{
	bool first = true;

	for (size_t k = k0; k < k1; k++) {
		const tok *x;

		if (v[k].kind != kind)
			continue;
		x = &t->v[kind == DEL ? v[k].ta : v[k].tb];
		if (!first)
			sbuf_add(out, s + x->lead, x->start - x->lead);
		sbuf_add(out, s + x->start, x->len);
		first = false;
	}
}

/* Appends the word diff of a against b to out: common words with the new
 * text's spaces, each run of changes as "[-old-]{+new+}" after the spaces
 * that came before it. */
static void
wdiff_into(sbuf *out, const char *a, size_t alen, const char *b,
	   size_t blen)
{
	toks ta = {0}, tb = {0};
	ops o = {0};
	size_t pre = 0, suf = 0, k = 0;

	if (!tokenize(a, alen, &ta) || !tokenize(b, blen, &tb))
		goto oom;
	while (pre < ta.n && pre < tb.n && same(a, &ta.v[pre], b, &tb.v[pre]))
		pre++;
	while (suf < ta.n - pre && suf < tb.n - pre &&
	       same(a, &ta.v[ta.n - 1 - suf], b, &tb.v[tb.n - 1 - suf]))
		suf++;
	for (size_t i = 0; i < pre; i++)
		if (!add_op(&o, EQ, i, i))
			goto oom;
	if (!script(a, ta.v, pre, ta.n - pre - suf, b, tb.v, pre,
		    tb.n - pre - suf, &o))
		goto oom;
	for (size_t i = 0; i < suf; i++)
		if (!add_op(&o, EQ, ta.n - suf + i, tb.n - suf + i))
			goto oom;

	while (k < o.n) {
		const op *x = &o.v[k];
		size_t k1 = k;
		bool del = false, ins = false;
		const tok *first;

		if (x->kind == EQ) {
			const tok *t = &tb.v[x->tb];

			sbuf_add(out, b + t->lead, t->start - t->lead);
			sbuf_add(out, b + t->start, t->len);
			k++;
			continue;
		}
		while (k1 < o.n && o.v[k1].kind != EQ) {
			del = del || o.v[k1].kind == DEL;
			ins = ins || o.v[k1].kind == INS;
			k1++;
		}
		/* The spaces before the change stay outside it. */
		if (del) {
			size_t f = k;

			while (o.v[f].kind != DEL)
				f++;
			first = &ta.v[o.v[f].ta];
			sbuf_add(out, a + first->lead,
				 first->start - first->lead);
			sbuf_str(out, "[-");
			words(out, a, &ta, o.v, k, k1, DEL);
			sbuf_str(out, "-]");
		}
		if (ins) {
			size_t f = k;

			while (o.v[f].kind != INS)
				f++;
			first = &tb.v[o.v[f].tb];
			if (!del)
				sbuf_add(out, b + first->lead,
					 first->start - first->lead);
			sbuf_str(out, "{+");
			words(out, b, &tb, o.v, k, k1, INS);
			sbuf_str(out, "+}");
		}
		k = k1;
	}
	sbuf_add(out, b + tb.tail, blen - tb.tail);
	goto out;
oom:
	sbuf_fail(out, ENOMEM);
out:
	free(ta.v);
	free(tb.v);
	free(o.v);
}

char *
wdiff_text(const char *old_text, const char *new_text, size_t *len)
{
	sbuf b = SBUF_INIT;

	wdiff_into(&b, old_text, strlen(old_text), new_text, strlen(new_text));
	return sbuf_take(&b, len);
}

/* Paragraphs: runs of non-blank lines; [start, end) without the line end
 * of the last line. */
typedef struct para {
	size_t start;
	size_t end;
	uint32_t hash;
} para;

static bool
blank_line(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static bool
paragraphs(const char *s, para **out, size_t *n)
{
	size_t len = strlen(s), pos = 0, cap = 0;
	bool in = false;

	*out = NULL;
	*n = 0;
	while (pos <= len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;

		if (blank_line(s, pos, end)) {
			in = false;
		} else if (in) {
			(*out)[*n - 1].end = end;
		} else {
			para *v = grow_array(*out, &cap, *n, sizeof(*v), 16);

			if (v == NULL)
				return false;
			*out = v;
			(*out)[*n].start = pos;
			(*out)[*n].end = end;
			(*n)++;
			in = true;
		}
		if (!nl)
			break;
		pos = end + 1;
	}
	for (size_t i = 0; i < *n; i++) {
		uint32_t h = 2166136261u;

		for (size_t k = (*out)[i].start; k < (*out)[i].end; k++)
			h = (h ^ (unsigned char)s[k]) * 16777619u;
		(*out)[i].hash = h;
	}
	return true;
}

/* Paragraph-level script through the word-level machinery (each paragraph
 * one token); each run of changed paragraphs is then word-diffed, and each
 * run of unchanged ones shown as "...". Parts are separated by a blank
 * line. */
static void
text_diff(sbuf *out, const char *a, const char *b)
{
	para *pa = NULL, *pb = NULL;
	size_t na = 0, nb = 0, k = 0;
	toks ta = {0}, tb = {0};
	ops o = {0};
	bool any = false;

	if (!paragraphs(a, &pa, &na) || !paragraphs(b, &pb, &nb))
		goto oom;
	for (size_t i = 0; i < na; i++)
		if (!push(&ta, pa[i].start, pa[i].start,
			  pa[i].end - pa[i].start, a))
			goto oom;
	for (size_t i = 0; i < nb; i++)
		if (!push(&tb, pb[i].start, pb[i].start,
			  pb[i].end - pb[i].start, b))
			goto oom;
	if (!script(a, ta.v, 0, na, b, tb.v, 0, nb, &o))
		goto oom;
	while (k < o.n) {
		size_t a0 = SIZE_MAX, a1 = 0, b0 = SIZE_MAX, b1 = 0;

		if (any)
			sbuf_str(out, "\n\n");
		any = true;
		if (o.v[k].kind == EQ) {
			while (k < o.n && o.v[k].kind == EQ)
				k++;
			sbuf_str(out, "...");
			continue;
		}
		/* The stretch of text from the run's first paragraph to its
		 * last, on each side. */
		for (; k < o.n && o.v[k].kind != EQ; k++) {
			bool del = o.v[k].kind == DEL;
			const tok *t = del ? &ta.v[o.v[k].ta] : &tb.v[o.v[k].tb];
			size_t *lo = del ? &a0 : &b0, *hi = del ? &a1 : &b1;

			if (t->start < *lo)
				*lo = t->start;
			if (t->start + t->len > *hi)
				*hi = t->start + t->len;
		}
		if (a0 == SIZE_MAX) {
			sbuf_str(out, "{+");
			sbuf_add(out, b + b0, b1 - b0);
			sbuf_str(out, "+}");
		} else if (b0 == SIZE_MAX) {
			sbuf_str(out, "[-");
			sbuf_add(out, a + a0, a1 - a0);
			sbuf_str(out, "-]");
		} else {
			wdiff_into(out, a + a0, a1 - a0, b + b0, b1 - b0);
		}
	}
	sbuf_char(out, '\n');
	goto out;
oom:
	sbuf_fail(out, ENOMEM);
out:
	free(pa);
	free(pb);
	free(ta.v);
	free(tb.v);
	free(o.v);
}

static bool
str_eq(const char *a, const char *b)
{
	if (!a || !*a)
		return !b || !*b;
	return b && strcmp(a, b) == 0;
}

static bool
answers_equal(const plan_answer *a, const plan_answer *b)
{
	if (!str_eq(a->value, b->value) ||
	    !str_eq(a->explanation, b->explanation) ||
	    a->n_values != b->n_values)
		return false;
	for (size_t i = 0; i < a->n_values; i++)
		if (strcmp(a->values[i], b->values[i]) != 0)
			return false;
	return true;
}

static void
file_line(sbuf *b, const char *mark, const char *name, const plan *p)
{
	char *country = collect_one_line(plan_country(p));

	sbuf_str(b, mark);
	collect_show_bytes(b, name);
	sbuf_str(b, " (");
	if (country && country[0])
		sbuf_printf(b, "%s, ", country);
	sbuf_printf(b, _("revision %lu, %s, modified %s"), p->revision,
		    p->status == PLAN_FINAL ? _("final") : _("draft"),
		    p->modified[0] ? p->modified : "-");
	sbuf_str(b, ")\n");
	if (!country)
		sbuf_fail(b, ENOMEM);
	free(country);
}

char *
wdiff_plans(const plan *old_plan, const char *old_name,
	    const plan *new_plan, const char *new_name, wdiff_counts *counts,
	    size_t *len, diag_list *diags)
{
	const qn *qa = old_plan->qn, *qb = new_plan->qn;
	sbuf out = SBUF_INIT, ta = SBUF_INIT, tb = SBUF_INIT, raw = SBUF_INIT;
	wdiff_counts c = {0, 0, 0};
	char *result;

	if (strcmp(qa->id, qb->id) != 0 || qa->version != qb->version ||
	    qa->n_items != qb->n_items) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("%s is a plan of questionnaire %s version %ld, %s "
			   "of %s version %ld: diff compares plans of one "
			   "questionnaire"),
			 old_name, qa->id, qa->version, new_name, qb->id,
			 qb->version);
		return NULL;
	}
	file_line(&out, "--- ", old_name, old_plan);
	file_line(&out, "+++ ", new_name, new_plan);
	for (size_t i = 0; i < qa->n_items; i++) {
		const plan_answer *a = &old_plan->answers[i];
		const plan_answer *b = &new_plan->answers[i];
		bool has_a = plan_answered(old_plan, i);
		bool has_b = plan_answered(new_plan, i);
		const char *what;

		if (!has_a && !has_b)
			continue;
		if (has_a && has_b && answers_equal(a, b))
			continue;
		if (!has_a) {
			what = _("added");
			c.added++;
		} else if (!has_b) {
			what = _("removed");
			c.removed++;
		} else {
			what = _("changed");
			c.changed++;
		}
		sbuf_char(&out, '\n');
		collect_item_label(&out, qa, i);
		sbuf_printf(&out, " (%s): %s\n", qa->items[i].id, what);
		sbuf_reset(&ta);
		sbuf_reset(&tb);
		collect_answer_plain(&raw, old_plan, i);
		export_sanitize(&ta, sbuf_cstr(&raw), raw.len, false);
		sbuf_reset(&raw);
		collect_answer_plain(&raw, new_plan, i);
		export_sanitize(&tb, sbuf_cstr(&raw), raw.len, false);
		sbuf_reset(&raw);
		/* Sanitized first: nothing in an answer reaches a terminal
		 * as a control sequence. */
		text_diff(&out, sbuf_cstr(&ta), sbuf_cstr(&tb));
	}
	if (ta.failed || tb.failed || raw.failed)
		sbuf_fail(&out, ENOMEM);
	sbuf_finish(&raw);
	sbuf_finish(&ta);
	sbuf_finish(&tb);
	result = sbuf_take(&out, len);
	if (result == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return NULL;
	}
	if (counts)
		*counts = c;
	return result;
}
