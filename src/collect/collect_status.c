/* Every country's status in one list, worked out once for the outputs
 * that show it (the workbook's first sheet, the database's countries): a
 * final plan taken, files rejected and why, drafts only; a roster of the
 * countries expected adds those not received. */
#include "collect_int.h"

#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "grow.h"
#include "itype.h"
#include "strindex.h"

const char *
collect_country_code(const char *value)
{
	const country *c;

	if (value == NULL || strlen(value) != 3)
		return NULL;
	c = country_by_code(country_db_default(NULL), value);
	/* Only the alpha-3 code as plans store it. */
	return c && strcmp(c->alpha3, value) == 0 ? c->alpha3 : NULL;
}

const char *
collect_status_word(const collect_lang *lg, collect_status_kind kind)
{
	switch (kind) {
	case COLLECT_FINAL:
		return collect_trc(lg, "status", NC_("status", "final"));
	case COLLECT_REJECTED:
		return collect_trc(lg, "status", NC_("status", "rejected"));
	case COLLECT_DRAFT_ONLY:
		return collect_trc(lg, "status", NC_("status", "draft only"));
	case COLLECT_NOT_RECEIVED:
		break;
	}
	return collect_trc(lg, "status", NC_("status", "not received"));
}

/* A string the list owns from now on (taken; NULL is out of memory). */
static const char *
own(collect_status_list *l, char *s)
{
	char **v;

	if (s == NULL)
		return NULL;
	v = grow_array(l->owned, &l->cap_owned, l->n_owned, sizeof(*v), 16);
	if (v == NULL) {
		free(s);
		return NULL;
	}
	l->owned = v;
	l->owned[l->n_owned++] = s;
	return s;
}

static collect_status *
add(collect_status_list *l)
{
	collect_status *v = grow_array(l->v, &l->cap, l->n, sizeof(*v), 16);

	if (v == NULL)
		return NULL;
	l->v = v;
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

/* The country's code and name as the outputs show them. */
static void
name_row(collect_status *st, const collect_lang *lg, const char *named)
{
	st->code = collect_country_code(named);
	st->name = st->code ? itype_country_name(st->code, lg->code)
		   : named ? named
			     : "";
}

/* Which rejection tells most about a country that has no plan taken: a
 * final file rejected (and why) before a draft, then the higher
 * revision. */
static bool
better(const collect_rejected *a, const collect_status *st)
{
	bool st_draft = st->kind == COLLECT_DRAFT_ONLY;

	if (a->draft != st_draft)
		return !a->draft;
	return a->revision > st->revision;
}

static int
cmp_status(const void *pa, const void *pb)
{
	const collect_status *a = pa, *b = pb;
	int c;

	/* Files that name no country last. */
	if ((a->name[0] == '\0') != (b->name[0] == '\0'))
		return a->name[0] == '\0' ? 1 : -1;
	c = strcmp(a->name, b->name);
	if (c == 0)
		c = strcmp(a->key ? a->key : "", b->key ? b->key : "");
	if (c == 0 && a->path && b->path)
		c = strcmp(a->path, b->path);
	return c;
}

bool
collect_status_build(collect_status_list *l, const collect_set *s,
		     const collect_lang *lg)
{
	strindex by_key = {0};
	bool ok = false;

	for (size_t g = 0; g < collect_n_groups(s); g++) {
		const collect_group *grp = collect_group_at(s, g);

		for (size_t k = 0; k < grp->n_plans; k++) {
			const collect_plan *cp = grp->plans[k];
			collect_status *st;
			size_t at;

			/* A country in two questionnaire versions: its row
			 * is the first group's (the main one). */
			if (strindex_get(&by_key, cp->key, &at))
				continue;
			if ((st = add(l)) == NULL ||
			    !strindex_put(&by_key, cp->key, l->n - 1))
				goto out;
			st->kind = COLLECT_FINAL;
			name_row(st, lg, cp->country[0] ? cp->country : NULL);
			st->key = cp->key;
			st->plan = cp;
			st->group = g;
			st->revision = cp->plan->revision;
			st->modified = cp->plan->modified;
			st->path = cp->path;
		}
	}
	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const collect_rejected *rj = collect_rejected_at(s, i);
		collect_status *st = NULL;
		const char *key = NULL;
		size_t at;

		if (rj->country && rj->country[0]) {
			key = own(l, collect_fold(rj->country));
			if (key == NULL)
				goto out;
			if (strindex_get(&by_key, key, &at)) {
				st = &l->v[at];
				/* A plan taken says it all; else the file
				 * that tells most. */
				if (st->kind == COLLECT_FINAL ||
				    !better(rj, st))
					continue;
			}
		}
		if (st == NULL) {
			if ((st = add(l)) == NULL ||
			    (key && !strindex_put(&by_key, key, l->n - 1)))
				goto out;
			name_row(st, lg, rj->country);
			st->key = key;
		}
		st->kind = rj->draft ? COLLECT_DRAFT_ONLY : COLLECT_REJECTED;
		st->revision = rj->revision;
		st->modified = NULL;
		st->path = rj->path;
		st->reason = rj->reason;
	}
	/* The index keeps pointers into the rows' keys: sorted after. */
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_status);
	ok = true;
out:
	strindex_free(&by_key);
	return ok;
}

void
collect_status_finish(collect_status_list *l)
{
	for (size_t i = 0; i < l->n_owned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
