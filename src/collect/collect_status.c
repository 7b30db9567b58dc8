/* The status of every country, made once when the collection is
 * finished: the roster's countries in its order, then every other country
 * seen (in a plan taken or a file rejected) by key; for each, its final
 * plan (the main group's first), else a rejected file, else a draft, else
 * nothing. Plans and files are matched to countries by key (the ISO code,
 * or the free text's fold), never by the name they show. */
#include "collect_set.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

typedef struct builder {
	collect_set *s;
	size_t cap;
	strindex index; /* key -> index into s->countries */
} builder;

/* The country of key, added (not expected) when it is new; NULL when
 * out of memory. Pointers into countries[] do not outlive the next
 * call. */
static country_state *
find(builder *b, const char *key, const char *code, const char *shown)
{
	collect_set *s = b->s;
	country_state *v;
	size_t at;

	if (strindex_get(&b->index, key, &at))
		return &s->countries[at];
	v = grow_array(s->countries, &b->cap, s->n_countries, sizeof(*v), 32);
	if (v == NULL)
		return NULL;
	s->countries = v;
	v = &s->countries[s->n_countries];
	*v = (country_state){.code = code, .shown = shown ? shown : "",
			     .key = key, .status = STATUS_NOTHING,
			     .group = SIZE_MAX};
	if (!strindex_put(&b->index, key, s->n_countries))
		return NULL;
	return &s->countries[s->n_countries++];
}

static int
cmp_state(const void *pa, const void *pb)
{
	const country_state *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : strcmp(a->shown, b->shown);
}

void
collect_statuses_free(collect_set *s)
{
	free(s->countries);
	s->countries = NULL;
	s->n_countries = 0;
}

void
collect_statuses_make(collect_set *s)
{
	builder b = {s, 0, STRINDEX_EMPTY};
	size_t n_expected = s->roster ? s->roster->n : 0;
	country_state *c;

	collect_statuses_free(s);
	for (size_t i = 0; i < n_expected; i++) {
		const roster_line *l = &s->roster->v[i];

		if ((c = find(&b, l->key, l->code, l->name)) == NULL)
			goto oom;
		c->expected = true;
		c->roster_line = l->line;
	}
	/* Groups in order: the main group's plan is the one named. */
	for (size_t g = 0; g < s->n_groups; g++) {
		for (size_t k = 0; k < s->groups[g]->n_plans; k++) {
			const collect_plan *cp = s->groups[g]->plans[k];

			c = find(&b, cp->key, cp->code, cp->country);
			if (c == NULL)
				goto oom;
			if (c->status == STATUS_FINAL)
				continue;
			c->status = STATUS_FINAL;
			c->plan = cp;
			c->group = g;
			c->why = NULL;
		}
	}
	/* Files not taken, by path: a rejection says more than a draft (a
	 * final plan was sent, and could not be taken). */
	for (size_t i = 0; i < s->n_rejected; i++) {
		const collect_rejected *rj = &s->rejected[i];

		if (rj->key == NULL)
			continue;
		c = find(&b, rj->key, rj->code, rj->country);
		if (c == NULL)
			goto oom;
		c->n_rejected++;
		if (c->status == STATUS_FINAL || c->status == STATUS_REJECTED)
			continue;
		if (!rj->draft) {
			c->status = STATUS_REJECTED;
			c->why = rj;
		} else if (c->status == STATUS_NOTHING) {
			c->status = STATUS_DRAFT;
			c->why = rj;
		}
	}
	if (s->n_countries - n_expected > 1)
		qsort(s->countries + n_expected, s->n_countries - n_expected,
		      sizeof(*s->countries), cmp_state);
	strindex_free(&b.index);
	return;
oom:
	strindex_free(&b.index);
	s->oom = true;
}

size_t
collect_n_countries(const collect_set *s)
{
	return s->n_countries;
}

const country_state *
collect_country_at(const collect_set *s, size_t i)
{
	return i < s->n_countries ? &s->countries[i] : NULL;
}

/* ---- In words, in the outputs' language ---- */

void
collect_status_country(sbuf *b, const collect_lang *lg,
		       const country_state *c)
{
	if (c->plan)
		sbuf_str(b, collect_country_name(lg, c->plan));
	else if (c->code[0] || c->shown[0])
		sbuf_str(b, collect_country_label(c->code, c->shown,
						  lg->code));
	else
		sbuf_str(b, collect_tr(lg, N_("(no country)")));
	if (c->code[0])
		sbuf_printf(b, " (%s)", c->code);
}

void
collect_status_text(sbuf *b, const collect_lang *lg, const country_state *c)
{
	sbuf date = SBUF_INIT;

	switch (c->status) {
	case STATUS_FINAL:
		collect_date(&date, lg, c->plan->plan->modified, false);
		sbuf_printf(b, collect_tr(lg, N_("final: revision %lu, %s")),
			    c->plan->plan->revision, sbuf_cstr(&date));
		break;
	case STATUS_DRAFT:
		sbuf_printf(b,
			    collect_tr(lg, N_("only a draft: revision %lu, "
					      "%s")),
			    c->why->revision, c->why->path);
		break;
	case STATUS_REJECTED:
		sbuf_printf(b, collect_tr(lg, N_("rejected: %s: %s")),
			    c->why->path, c->why->reason);
		break;
	case STATUS_NOTHING:
		sbuf_str(b, collect_tr(lg, N_("nothing received")));
		break;
	}
	if (date.failed)
		sbuf_fail(b, date.err);
	sbuf_free(&date);
}

void
collect_status_summary(sbuf *b, const collect_lang *lg, const collect_set *s)
{
	size_t n[4] = {0, 0, 0, 0}, expected = 0, others = 0;

	for (size_t i = 0; i < s->n_countries; i++) {
		const country_state *c = &s->countries[i];

		if (s->roster && !c->expected) {
			others++;
			continue;
		}
		expected++;
		n[c->status]++;
	}
	if (s->roster)
		sbuf_printf(b,
			    collect_ntr(lg, "%zu country expected (%s): ",
					"%zu countries expected (%s): ",
					expected),
			    expected, s->roster->path);
	else
		sbuf_printf(b,
			    collect_ntr(lg, "%zu country sent files: ",
					"%zu countries sent files: ", expected),
			    expected);
	sbuf_printf(b,
		    collect_tr(lg, N_("%zu final, %zu only a draft, %zu "
				      "rejected, %zu nothing received.")),
		    n[STATUS_FINAL], n[STATUS_DRAFT], n[STATUS_REJECTED],
		    n[STATUS_NOTHING]);
	if (others > 0) {
		sbuf_char(b, ' ');
		sbuf_printf(b,
			    collect_ntr(lg,
					"%zu country not on the roster sent "
					"files.",
					"%zu countries not on the roster sent "
					"files.",
					others),
			    others);
	}
}
