/* Every country's status as rows for the data outputs (the workbook's
 * first sheet, the database's countries): made from the collection's one
 * list of statuses (collect_status.c, in the order of collect_country_at:
 * the roster's countries, then the others seen), with the names in the
 * outputs' language and the file and reason of what was not taken. */
#include "collect_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "roster.h"

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

bool
collect_status_build(collect_status_list *l, const collect_set *s,
		     const collect_lang *lg)
{
	for (size_t i = 0; i < collect_n_countries(s); i++) {
		const country_state *c = collect_country_at(s, i);
		collect_status *st = add(l);

		if (st == NULL)
			return false;
		st->code = c->code[0] ? c->code : NULL;
		st->name = collect_country_label(c->code, c->shown, lg->code);
		st->key = c->key;
		switch (c->status) {
		case STATUS_FINAL:
			st->kind = COLLECT_FINAL;
			st->plan = c->plan;
			st->group = c->group;
			st->revision = c->plan->plan->revision;
			st->modified = c->plan->plan->modified;
			st->path = c->plan->path;
			break;
		case STATUS_DRAFT:
		case STATUS_REJECTED:
			st->kind = c->status == STATUS_DRAFT
					   ? COLLECT_DRAFT_ONLY
					   : COLLECT_REJECTED;
			if (c->why != NULL) {
				st->revision = c->why->revision;
				st->path = c->why->path;
				st->reason = c->why->reason;
			}
			break;
		case STATUS_NOTHING:
			st->kind = COLLECT_NOT_RECEIVED;
			break;
		}
	}
	return true;
}

void
collect_status_free(collect_status_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
