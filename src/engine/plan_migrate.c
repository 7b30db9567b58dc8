/* Carrying a plan over to a newer version of its questionnaire: answers
 * moved as migrate_from says, marked for review, and whatever has no place
 * listed rather than lost. */
#include "plan_migrate.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "itype.h"

/* As many parts as qn_migrate.c allows a split. */
#define MAX_TARGETS 16

void
plan_drops_free(plan_drops *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].why);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* Adds why (a printf format with one %s, the new item's id). False when
 * out of memory. */
static bool
drop(plan_drops *d, size_t item, const char *fmt, const char *id)
{
	plan_drop *v = grow_array(d->v, &d->cap, d->n, sizeof(*v), 8);
	char buf[512];

	if (v == NULL)
		return false;
	d->v = v;
	snprintf(buf, sizeof(buf), fmt, id);
	d->v[d->n].item = item;
	d->v[d->n].why = strdup(buf);
	if (d->v[d->n].why == NULL)
		return false;
	d->n++;
	return true;
}

/* A value of a one-value item a for item b: whether b can hold it. */
static bool
value_fits(const qn_item *a, const qn_item *b, const char *value)
{
	const itype *tb = itype_of(b);
	const char *why;

	if (tb->input == ITYPE_LINE && strchr(value, '\n') != NULL)
		return false;
	if (a->type != b->type && tb->read != NULL)
		return false;
	return tb->stored_ok == NULL || tb->stored_ok(b, value, &why);
}

/* Copies the value part of old answer a (of item from) into item t of p.
 * 1: copied, 0: does not fit, -1: out of memory. */
static int
copy_value(plan *p, size_t t, const qn_item *from, const plan_answer *a,
	   plan_drops *d, size_t old_item)
{
	const qn_item *to = &p->qn->items[t];
	const char **ids;
	size_t n = 0;
	bool ok;

	if (!itype_is_many(to)) {
		if (itype_is_many(from))
			return a->n_values == 0;
		if (a->value == NULL)
			return 1;
		if (!value_fits(from, to, a->value))
			return 0;
		return plan_set_value(p, t, a->value) ? 1 : -1;
	}
	/* A list: the choices the new item offers; one value is a list of
	 * one. */
	ids = calloc(a->n_values + 1, sizeof(*ids));
	if (ids == NULL)
		return -1;
	for (size_t k = 0; k < a->n_values; k++) {
		if (itype_option_index(to, a->values[k]) >= 0)
			ids[n++] = a->values[k];
		else if (!drop(d, old_item,
			       _("a choice that item %s does not offer"),
			       to->id))
			goto oom;
	}
	if (!itype_is_many(from) && a->value != NULL) {
		if (itype_option_index(to, a->value) < 0) {
			free(ids);
			return 0;
		}
		ids[n++] = a->value;
	}
	ok = plan_set_values(p, t, ids, n);
	free(ids);
	return ok ? 1 : -1;
oom:
	free(ids);
	return -1;
}

/* Old item i's answer into item t of p. False when out of memory. */
static bool
carry(plan *p, size_t t, const plan *old, size_t i, unsigned long from,
      plan_drops *d)
{
	const qn_item *it = &old->qn->items[i], *to = &p->qn->items[t];
	const plan_answer *a = &old->answers[i];
	int r;

	if (plan_answered(p, t))
		return drop(d, i, _("item %s already has an answer"), to->id);
	if (a->na_reason != NULL) {
		if (!to->allow_na)
			return drop(d, i, _("item %s cannot be marked as not "
					    "applying"), to->id);
		if (!plan_set_not_applicable(p, t, a->na_reason))
			return false;
	} else {
		r = copy_value(p, t, it, a, d, i);
		if (r < 0)
			return false;
		if (r == 0)
			return drop(d, i, _("the answer does not fit item %s"),
				    to->id);
		if (a->explanation != NULL && !to->explain) {
			if (!drop(d, i, _("item %s takes no explanation"),
				  to->id))
				return false;
		} else if (a->explanation != NULL &&
			   !plan_set_explanation(p, t, a->explanation)) {
			return false;
		}
	}
	if ((long)t != p->qn->country_item && (long)t != p->qn->date_item &&
	    (long)t != p->qn->language_item)
		plan_mark_carried(p, t, from);
	return true;
}

plan *
plan_migrate(const plan *old, const qn *to, plan_drops *drops)
{
	plan *p;
	unsigned long from;
	char ver[32];

	if (to->migrate_from.from != old->qn->version ||
	    strcmp(to->id, old->qn->id) != 0)
		return NULL;
	p = plan_create(to);
	if (p == NULL)
		return NULL;
	memcpy(p->created, old->created, sizeof(p->created));
	if (p->created[0] == '\0')
		plan_touch(p, -1);
	if (old->status == PLAN_FINAL) {
		if (!plan_set_base(p, old->revision, NULL))
			goto fail;
		from = old->revision;
	} else {
		p->revision = old->revision;
		if (old->has_base &&
		    !plan_set_base(p, old->base_revision, old->base_file))
			goto fail;
		from = old->has_base ? old->base_revision : old->revision;
	}
	snprintf(ver, sizeof(ver), "%ld", to->version);
	for (size_t i = 0; i < old->qn->n_items; i++) {
		long t[MAX_TARGETS];
		size_t n;

		if (!plan_answered(old, i))
			continue;
		n = qn_migrate_targets(to, old->qn, i, t, MAX_TARGETS);
		if (n == 0 && !drop(drops, i,
				    _("version %s has no place for it"), ver))
			goto fail;
		for (size_t k = 0; k < n; k++) {
			/* A carried answer keeps its older origin. */
			unsigned long f = old->answers[i].carried
						  ? old->answers[i].carried_from
						  : from;

			if (!carry(p, (size_t)t[k], old, i, f, drops))
				goto fail;
		}
	}
	return p;
fail:
	plan_destroy(p);
	return NULL;
}
