/* What the outputs of a group share, worked out once before the jobs
 * start: the group's folders in the staging folder, each country's slug
 * (its page and anchor names), its answers' language, the state of every
 * answer, and how item pages are cut into parts. */
#include "collect_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"

unsigned
collect_state(const collect_gview *v, size_t k, size_t i)
{
	return v->state[k * v->g->qn->n_items + i];
}

static char *
make_dir(const char *parent, const char *name, diag_list *diags)
{
	char *path = name ? store_join(parent, name) : strdup(parent);

	if (path == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return NULL;
	}
	if (name && mkdir(path, 0755) != 0 && errno != EEXIST) {
		diag_add_errno(diags, NULL, errno, _("cannot write %s"), path);
		free(path);
		return NULL;
	}
	return path;
}

/* Each country's slug, numbered ("-2", "-3") in the order of the plans
 * when two names give the same one. */
static bool
make_slugs(collect_gview *v)
{
	const collect_group *g = v->g;
	size_t n_slots = 64, mask;
	char **slots;
	bool ok = true;

	while (n_slots < g->n_plans * 2)
		n_slots *= 2;
	mask = n_slots - 1;
	slots = calloc(n_slots, sizeof(*slots));
	v->slug = calloc(g->n_plans ? g->n_plans : 1, sizeof(*v->slug));
	if (!slots || !v->slug) {
		free(slots);
		return false;
	}
	for (size_t k = 0; k < g->n_plans && ok; k++) {
		char base[64], name[80];

		collect_country_stem(g->plans[k]->code, g->plans[k]->country,
				     base, sizeof(base));
		if (!base[0])
			snprintf(base, sizeof(base), "country");
		snprintf(name, sizeof(name), "%s", base);
		for (unsigned long n = 2;; n++) {
			size_t i = collect_hash(name) & mask;

			while (slots[i] && strcmp(slots[i], name) != 0)
				i = (i + 1) & mask;
			if (!slots[i]) {
				v->slug[k] = strdup(name);
				slots[i] = v->slug[k];
				ok = v->slug[k] != NULL;
				break;
			}
			snprintf(name, sizeof(name), "%s-%lu", base, n);
		}
	}
	free(slots);
	return ok;
}

static size_t
answer_bytes(const plan *p, size_t item)
{
	const plan_answer *a = &p->answers[item];
	size_t n = (a->value ? strlen(a->value) : 0) +
		   (a->explanation ? strlen(a->explanation) : 0);

	for (size_t i = 0; i < a->n_values; i++)
		n += strlen(a->values[i]);
	return n;
}

/* States, and the parts of each item page: plans in order, a new part
 * when the answers so far reach COLLECT_PART_BYTES. */
static bool
make_states(collect_gview *v)
{
	const collect_group *g = v->g;
	size_t n_items = g->qn->n_items, cells = g->n_plans * n_items;
	size_t *fill = calloc(n_items ? n_items : 1, sizeof(*fill));

	v->state = malloc(cells ? cells : 1);
	v->part = calloc(cells ? cells : 1, sizeof(*v->part));
	v->n_parts = malloc((n_items ? n_items : 1) * sizeof(*v->n_parts));
	v->lang = calloc(g->n_plans ? g->n_plans : 1, sizeof(*v->lang));
	if (!fill || !v->state || !v->part || !v->n_parts || !v->lang) {
		free(fill);
		return false;
	}
	for (size_t i = 0; i < n_items; i++)
		v->n_parts[i] = 1;
	for (size_t k = 0; k < g->n_plans; k++) {
		const plan *p = g->plans[k]->plan;

		v->lang[k] = collect_plan_lang(p);
		for (size_t i = 0; i < n_items; i++) {
			size_t bytes = answer_bytes(p, i);

			v->state[k * n_items + i] =
				!plan_item_shown(p, i) ||
						p->answers[i].na_reason
					? COLLECT_NA
				: plan_answered(p, i) ? COLLECT_ANSWERED
						       : COLLECT_MISSING;
			if (fill[i] > 0 && fill[i] + bytes > COLLECT_PART_BYTES &&
			    v->n_parts[i] < 65535) {
				v->n_parts[i]++;
				fill[i] = 0;
			}
			fill[i] += bytes + 1;
			v->part[k * n_items + i] =
				(unsigned short)(v->n_parts[i] - 1);
		}
	}
	free(fill);
	return true;
}

/* Each country's plan in the group, by key. */
static bool
make_plan_of(collect_gview *v, const collect_set *s)
{
	size_t n = collect_n_countries(s);
	strindex ix = STRINDEX_EMPTY;
	bool ok = true;

	v->plan_of = malloc((n ? n : 1) * sizeof(*v->plan_of));
	if (v->plan_of == NULL)
		return false;
	for (size_t k = 0; k < v->g->n_plans && ok; k++)
		ok = strindex_put(&ix, v->g->plans[k]->key, k);
	for (size_t i = 0; i < n && ok; i++)
		if (!strindex_get(&ix, collect_country_at(s, i)->key,
				  &v->plan_of[i]))
			v->plan_of[i] = SIZE_MAX;
	strindex_free(&ix);
	return ok;
}

bool
collect_views_create(collect_run *r, diag_list *diags)
{
	size_t n = collect_n_groups(r->s);

	r->views = calloc(n ? n : 1, sizeof(*r->views));
	if (r->views == NULL)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		collect_gview *v = &r->views[i];

		v->g = collect_group_at(r->s, i);
		v->dir = make_dir(r->root, v->g->subdir, diags);
		if (v->dir == NULL)
			return false;
		v->site_dir = make_dir(v->dir, "site", diags);
		v->plans_dir = v->site_dir ? make_dir(v->dir, "plans", diags)
					   : NULL;
		if (v->plans_dir == NULL)
			return false;
		if (!make_slugs(v) || !make_states(v) ||
		    !make_plan_of(v, r->s))
			goto oom;
	}
	return true;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	return false;
}

void
collect_views_destroy(collect_run *r)
{
	if (r->views == NULL)
		return;
	for (size_t i = 0; i < collect_n_groups(r->s); i++) {
		collect_gview *v = &r->views[i];

		if (v->slug && v->g)
			for (size_t k = 0; k < v->g->n_plans; k++)
				free(v->slug[k]);
		free(v->slug);
		free(v->dir);
		free(v->site_dir);
		free(v->plans_dir);
		free(v->lang);
		free(v->state);
		free(v->part);
		free(v->n_parts);
		free(v->plan_of);
	}
	free(r->views);
	r->views = NULL;
}
