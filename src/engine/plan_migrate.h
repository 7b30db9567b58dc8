/* Carrying a plan over to a newer version of its questionnaire, as that
 * version's migrate_from says (questionnaires/README.md, "Migration"). */
#ifndef AP_PLAN_MIGRATE_H
#define AP_PLAN_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

/* An answer of the old plan, or a part of it, that has no place in the
 * new one. */
typedef struct plan_drop {
	size_t item; /* the old plan's item */
	char *why;   /* owned, translated: "item X already has an answer" */
} plan_drop;

typedef struct plan_drops {
	plan_drop *v;
	size_t n;
	size_t cap;
} plan_drops;

#define PLAN_DROPS_INIT {NULL, 0, 0}

void
plan_drops_free(plan_drops *d);

/* One step: old (of version to->migrate_from.from of to's questionnaire)
 * carried over to to. Each answer goes where to's migrate_from sends it
 * (the same id when no rule names it; a split copies it into every
 * part), with its explanation and "does not apply" where the new item
 * takes them; every answer carried, but those of the country, date and
 * language roles, is marked carried over for review. What does not fit
 * (an item dropped, a kind of answer the new item cannot hold, a choice
 * it does not offer, a second answer for one item) is listed in drops,
 * per old item. A final old plan gives a new revision based on it
 * (base_file NULL); a draft keeps its revision and base. NULL when out of
 * memory or when to does not migrate from old's version. */
plan *
plan_migrate(const plan *old, const qn *to, plan_drops *drops);

#endif
