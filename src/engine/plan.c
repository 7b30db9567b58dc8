/* The plan model: answers of one questionnaire, changed only through these
 * functions so that every stored string is valid UTF-8 with LF line ends. */
#include "plan.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "itype.h"
#include "utext.h"

plan *
plan_create(const qn *q)
{
	return plan_create_in(q, NULL);
}

plan *
plan_create_in(const qn *q, arena *text)
{
	plan *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->qn = q;
	p->text = text;
	p->status = PLAN_DRAFT;
	if (q->n_items > 0) {
		p->answers = calloc(q->n_items, sizeof(*p->answers));
		if (p->answers == NULL) {
			free(p);
			return NULL;
		}
	}
	plan_touch(p, -1);
	return p;
}

/* A string of p's: one in its arena is left to the arena. */
static void
free_string(const plan *p, char *s)
{
	if (p->text == NULL)
		free(s);
}

/* Empties a; its strings are freed when own (else they are an arena's). */
static void
answer_free(plan_answer *a, bool own)
{
	if (own) {
		free(a->value);
		for (size_t i = 0; i < a->n_values; i++)
			free(a->values[i]);
		free(a->explanation);
	}
	free(a->values);
	memset(a, 0, sizeof(*a));
}

void
plan_destroy(plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->qn->n_items; i++)
		answer_free(&p->answers[i], p->text == NULL);
	free(p->answers);
	free(p);
}

static bool
copy_opt(char **dst, const char *src)
{
	*dst = NULL;
	if (src == NULL)
		return true;
	*dst = strdup(src);
	return *dst != NULL;
}

static bool
answer_copy(plan_answer *dst, const plan_answer *src)
{
	memset(dst, 0, sizeof(*dst));
	if (!copy_opt(&dst->value, src->value) ||
	    !copy_opt(&dst->explanation, src->explanation))
		goto fail;
	if (src->n_values > 0) {
		dst->values = calloc(src->n_values, sizeof(*dst->values));
		if (dst->values == NULL)
			goto fail;
		for (size_t i = 0; i < src->n_values; i++) {
			dst->values[i] = strdup(src->values[i]);
			if (dst->values[i] == NULL) {
				dst->n_values = i;
				goto fail;
			}
		}
		dst->n_values = src->n_values;
	}
	return true;
fail:
	answer_free(dst, true);
	return false;
}

plan *
plan_clone(const plan *p)
{
	plan *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	*c = *p;
	c->answers = NULL;
	c->text = NULL;
	if (p->qn->n_items > 0) {
		c->answers = calloc(p->qn->n_items, sizeof(*c->answers));
		if (c->answers == NULL)
			goto fail;
	}
	for (size_t i = 0; i < p->qn->n_items; i++)
		if (!answer_copy(&c->answers[i], &p->answers[i]))
			goto fail;
	return c;
fail:
	plan_destroy(c);
	return NULL;
}

/* In place: U+FEFF (as a zero-width no-break space, replaced since
 * Unicode 3.2 by U+2060 WORD JOINER) becomes U+2060, the noncharacters
 * U+FFFE and U+FFFF become U+FFFD. A plan file cannot hold them: YAML
 * readers refuse them written raw and, judged alike (issue 14), escaped;
 * the replacements keep the same length. */
static void
storable(char *s, size_t len)
{
	char *p = s, *end = s + len;

	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL &&
	       end - p >= 3) {
		if (p[1] == '\xBB' && p[2] == '\xBF')
			memcpy(p, "\xE2\x81\xA0", 3);
		else if (p[1] == '\xBF' && (p[2] == '\xBE' || p[2] == '\xBF'))
			p[2] = '\xBD';
		p++;
	}
}

/* A copy of s (in text, or malloc'd when text is NULL) with CRLF and lone
 * CR turned into LF and made storable, or NULL when s is not strict UTF-8
 * or memory runs out. Text nearly never holds a CR: the runs between them
 * are copied whole. */
static char *
normalize(const char *s, arena *text)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	const char *cr;
	char *out;

	if (!utext_valid(s, len, NULL))
		return NULL;
	out = text != NULL ? arena_alloc(text, len + 1) : malloc(len + 1);
	if (out == NULL)
		return NULL;
	while ((cr = memchr(s + i, '\r', len - i)) != NULL) {
		n = (size_t)(cr - (s + i));
		memcpy(out + o, s + i, n);
		o += n;
		out[o++] = '\n';
		i += n + 1;
		if (i < len && s[i] == '\n')
			i++;
	}
	memcpy(out + o, s + i, len - i);
	o += len - i;
	out[o] = '\0';
	storable(out, o);
	return out;
}

/* Stores a normalised copy of s (NULL or "" clears) in *slot. */
static bool
set_string(plan *p, char **slot, const char *s)
{
	char *copy = NULL;

	if (s != NULL && s[0] != '\0') {
		copy = normalize(s, p->text);
		if (copy == NULL)
			return false;
	}
	free_string(p, *slot);
	*slot = copy;
	return true;
}

bool
plan_set_value(plan *p, size_t item, const char *value)
{
	if (item >= p->qn->n_items || itype_is_many(&p->qn->items[item]))
		return false;
	return set_string(p, &p->answers[item].value, value);
}

bool
plan_set_explanation(plan *p, size_t item, const char *text)
{
	if (item >= p->qn->n_items || !p->qn->items[item].explain)
		return false;
	return set_string(p, &p->answers[item].explanation, text);
}

/* Where a choice id sorts in a multi answer: its place among the item's
 * choices, or after all of them when it is not one. */
static size_t
choice_rank(const qn_item *it, const char *id)
{
	long k = itype_option_index(it, id);

	return k < 0 ? SIZE_MAX : (size_t)k;
}

bool
plan_set_values(plan *p, size_t item, const char *const *values, size_t n)
{
	const qn_item *it;
	char **v = NULL;
	size_t *rank = NULL;
	size_t nv = 0;
	bool ok = false;

	if (item >= p->qn->n_items)
		return false;
	it = &p->qn->items[item];
	if (!itype_is_many(it))
		return false;
	if (n > 0) {
		v = calloc(n, sizeof(*v));
		rank = calloc(n, sizeof(*rank));
		if (v == NULL || rank == NULL)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *s = values[i];
		size_t r, j;
		bool dup = false;

		if (s == NULL || s[0] == '\0')
			continue;
		for (j = 0; j < nv; j++)
			if (strcmp(v[j], s) == 0)
				dup = true;
		if (dup)
			continue;
		/* Insertion sort: questionnaire order, unknown ids last in
		 * the order given (validation reports them). */
		r = choice_rank(it, s);
		for (j = nv; j > 0 && rank[j - 1] > r; j--)
			;
		memmove(&v[j + 1], &v[j], (nv - j) * sizeof(*v));
		memmove(&rank[j + 1], &rank[j], (nv - j) * sizeof(*rank));
		v[j] = normalize(s, p->text);
		rank[j] = r;
		nv++;
		if (v[j] == NULL)
			goto out;
	}
	for (size_t i = 0; i < p->answers[item].n_values; i++)
		free_string(p, p->answers[item].values[i]);
	free(p->answers[item].values);
	if (nv == 0) {
		free(v);
		v = NULL;
	}
	p->answers[item].values = v;
	p->answers[item].n_values = nv;
	v = NULL;
	nv = 0;
	ok = true;
out:
	for (size_t i = 0; i < nv; i++)
		free_string(p, v[i]);
	free(v);
	free(rank);
	return ok;
}

bool
plan_make_final(plan *p)
{
	if (p->status != PLAN_FINAL && p->revision == ULONG_MAX)
		return false;
	/* In questionnaire order: plan_item_shown also hides an item whose
	 * condition looks at a hidden item. */
	for (size_t i = 0; i < p->qn->n_items; i++)
		if (!plan_item_shown(p, i))
			plan_clear_answer(p, i);
	if (p->status != PLAN_FINAL) {
		p->status = PLAN_FINAL;
		p->revision++;
	}
	return true;
}

void
plan_clear_answer(plan *p, size_t item)
{
	if (item < p->qn->n_items)
		answer_free(&p->answers[item], p->text == NULL);
}

bool
plan_answered(const plan *p, size_t item)
{
	const plan_answer *a;

	if (item >= p->qn->n_items)
		return false;
	a = &p->answers[item];
	return a->value != NULL || a->n_values > 0 || a->explanation != NULL;
}

/* True when item's own condition holds, not looking further up. */
static bool
condition_holds(const plan *p, const qn_item *it)
{
	const plan_answer *a = &p->answers[it->when_item];

	for (size_t i = 0; i < it->n_when_values; i++) {
		const char *want = it->when_values[i];

		if (a->value != NULL && strcmp(a->value, want) == 0)
			return true;
		for (size_t j = 0; j < a->n_values; j++)
			if (strcmp(a->values[j], want) == 0)
				return true;
	}
	return false;
}

bool
plan_item_shown(const plan *p, size_t item)
{
	const qn *q = p->qn;
	size_t cur = item;

	if (item >= q->n_items)
		return false;
	/* An item whose controlling item is hidden is hidden too, since that
	 * answer no longer counts. Conditions only look back (the loader
	 * checks it), which bounds this walk; a forward or self reference is
	 * treated as a broken condition rather than followed. */
	for (;;) {
		const qn_item *it = &q->items[cur];

		if (it->when_item < 0)
			return true;
		if ((size_t)it->when_item >= cur)
			return false;
		if (!condition_holds(p, it))
			return false;
		cur = (size_t)it->when_item;
	}
}

const char *
plan_country(const plan *p)
{
	long i = p->qn->country_item;

	if (i < 0 || (size_t)i >= p->qn->n_items)
		return NULL;
	return p->answers[i].value;
}

/* SOURCE_DATE_EPOCH as a time, or -1 when unset or not a non-negative
 * decimal integer. */
static long long
source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0)
		return -1;
	return v;
}

static bool
format_time(long long t, char out[32])
{
	struct tm tm;
	time_t tt = (time_t)t;

	if ((long long)tt != t || gmtime_r(&tt, &tm) == NULL)
		return false;
	/* Years past 9999 would still fit, but are nonsense for a plan. */
	if (tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999)
		return false;
	return strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) != 0;
}

void
plan_now(char out[32])
{
	long long t = source_date_epoch();

	if (t >= 0 && format_time(t, out))
		return;
	if (!format_time((long long)time(NULL), out))
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

void
plan_touch(plan *p, long long t)
{
	char now[32];

	if (t == -1 || !format_time(t, now))
		plan_now(now);
	memcpy(p->modified, now, sizeof(now));
	if (p->created[0] == '\0')
		memcpy(p->created, now, sizeof(now));
}

static bool
str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool
plan_equal_answers(const plan *a, const plan *b)
{
	if (a->qn != b->qn && a->qn->n_items != b->qn->n_items)
		return false;
	if (a->status != b->status || a->revision != b->revision)
		return false;
	for (size_t i = 0; i < a->qn->n_items; i++) {
		const plan_answer *x = &a->answers[i];
		const plan_answer *y = &b->answers[i];

		if (!str_equal(x->value, y->value) ||
		    !str_equal(x->explanation, y->explanation) ||
		    x->n_values != y->n_values)
			return false;
		for (size_t j = 0; j < x->n_values; j++)
			if (strcmp(x->values[j], y->values[j]) != 0)
				return false;
	}
	return true;
}
