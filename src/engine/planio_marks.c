/* The marks of plan files of format 2: which items do not apply (and why),
 * which answers were carried over from an earlier revision and not yet
 * reviewed, and which final plan a new revision was started from. */
#include "planio_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utext.h"

/* Past this many problems the rest are counted as one (as planio.c). */
#define MAX_PROBLEMS 200

const char *const planio_mark_keys[] = {
	"based_on", "not_applicable", "carried_over", NULL,
};

typedef struct mloader {
	const char *name;
	plan *p;
	diag_list *diags;
	bool ok;
	size_t n_problems;
} mloader;

static void
mark_error(mloader *l, const yd_node *at, const char *item, const char *fmt,
	   ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void
mark_error(mloader *l, const yd_node *at, const char *item, const char *fmt,
	   ...)
{
	va_list ap;

	l->ok = false;
	if (++l->n_problems > MAX_PROBLEMS) {
		if (l->n_problems == MAX_PROBLEMS + 1)
			diag_add(l->diags, DIAG_ERROR, l->name, at->line,
				 at->col, NULL,
				 _("too many problems; the rest are not listed"));
		return;
	}
	va_start(ap, fmt);
	diag_vadd(l->diags, DIAG_ERROR, l->name, at->line, at->col, item, fmt,
		  ap);
	va_end(ap);
}

/* based_on: {revision: N, file: "..."}. */
static void
read_base(mloader *l, const yd_node *n)
{
	const yd_node *rev, *file;
	unsigned long r = 0;
	char sb[UTEXT_EXCERPT_SIZE];

	if (n->kind != YD_MAP) {
		mark_error(l, n, NULL,
			   _("based_on: expected a mapping with revision and "
			     "file, found %s"), yd_kind_name(n));
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->keys[i]->str, "revision") != 0 &&
		    strcmp(n->keys[i]->str, "file") != 0)
			mark_error(l, n->keys[i], NULL,
				   _("based_on: unknown key \"%s\""),
				   utext_excerpt(sb, n->keys[i]->str));
	rev = yd_map_get(n, "revision");
	file = yd_map_get(n, "file");
	if (rev == NULL || rev->kind != YD_SCALAR ||
	    !planio_parse_ulong(rev->str, &r) || r == ULONG_MAX) {
		mark_error(l, rev ? rev : n, NULL, "%s",
			   _("based_on: revision: expected a whole number of "
			     "0 or more"));
		return;
	}
	if (file != NULL && !yd_is_null(file) && file->kind != YD_SCALAR) {
		mark_error(l, file, NULL, _("based_on: file: expected a text, "
					    "found %s"), yd_kind_name(file));
		return;
	}
	if (l->p->status == PLAN_FINAL) {
		mark_error(l, n, NULL, "%s",
			   _("based_on: only a draft is based on an earlier "
			     "revision; a final plan has none"));
		return;
	}
	if (l->p->revision != r + 1) {
		mark_error(l, n, NULL,
			   _("based_on: a new revision of revision %lu is "
			     "revision %lu, not %lu"), r, r + 1,
			   l->p->revision);
		return;
	}
	if (!plan_set_base(l->p, r,
			   file != NULL && !yd_is_null(file) && file->len > 0
				   ? file->str
				   : NULL))
		mark_error(l, n, NULL, "%s", _("out of memory"));
}

/* The item a key of not_applicable or carried_over names, or -1 (said). */
static long
mark_item(mloader *l, const yd_node *k, const char *group)
{
	long idx = qn_item_index(l->p->qn, k->str);
	char sb[UTEXT_EXCERPT_SIZE];

	if (idx < 0)
		mark_error(l, k, NULL, _("%s: unknown item \"%s\""), group,
			   utext_excerpt(sb, k->str));
	return idx;
}

static void
read_na(mloader *l, const yd_node *group)
{
	for (size_t i = 0; i < group->n; i++) {
		const yd_node *k = group->keys[i], *v = group->items[i];
		long idx = mark_item(l, k, "not_applicable");
		const qn_item *it;

		if (idx < 0)
			continue;
		it = &l->p->qn->items[idx];
		if (v->kind != YD_SCALAR || yd_is_null(v) || v->len == 0) {
			mark_error(l, v, it->id, "%s",
				   _("not_applicable: expected the reason why "
				     "the item does not apply"));
		} else if (!it->allow_na) {
			mark_error(l, k, it->id, "%s",
				   _("not_applicable: the questionnaire does "
				     "not allow this item to be marked as not "
				     "applying"));
		} else if (plan_answered(l->p, (size_t)idx)) {
			mark_error(l, k, it->id, "%s",
				   _("not_applicable: the item has an answer; "
				     "it cannot also be marked as not "
				     "applying"));
		} else if (!plan_set_not_applicable(l->p, (size_t)idx,
						    v->str)) {
			mark_error(l, v, it->id, "%s", _("out of memory"));
		}
	}
}

static void
read_carried(mloader *l, const yd_node *group)
{
	for (size_t i = 0; i < group->n; i++) {
		const yd_node *k = group->keys[i], *v = group->items[i];
		long idx = mark_item(l, k, "carried_over");
		unsigned long r;

		if (idx < 0)
			continue;
		if (v->kind != YD_SCALAR || !planio_parse_ulong(v->str, &r)) {
			mark_error(l, v, l->p->qn->items[idx].id, "%s",
				   _("carried_over: expected the revision the "
				     "answer was carried over from"));
		} else if (!plan_mark_carried(l->p, (size_t)idx, r)) {
			mark_error(l, k, l->p->qn->items[idx].id, "%s",
				   _("carried_over: the item has no answer"));
		}
	}
}

bool
planio_marks_read(const char *name, const yd_node *root, long format,
		  plan *p, diag_list *diags)
{
	mloader l = {name, p, diags, true, 0};
	const yd_node *n;

	for (size_t i = 0; planio_mark_keys[i] != NULL; i++) {
		n = yd_map_get(root, planio_mark_keys[i]);
		if (n == NULL || format >= 2)
			continue;
		mark_error(&l, n, NULL,
			   _("%s needs format actionplan-plan/2 (this file says "
			     "format %ld)"), planio_mark_keys[i], format);
	}
	if (!l.ok)
		return false;
	n = yd_map_get(root, "based_on");
	if (n != NULL && !yd_is_null(n))
		read_base(&l, n);
	n = yd_map_get(root, "not_applicable");
	if (n != NULL && !yd_is_null(n)) {
		if (n->kind == YD_MAP)
			read_na(&l, n);
		else
			mark_error(&l, n, NULL,
				   _("%s: expected a mapping of item ids, "
				     "found %s"), "not_applicable",
				   yd_kind_name(n));
	}
	/* After not_applicable: an item that does not apply may be carried
	 * over too. */
	n = yd_map_get(root, "carried_over");
	if (n != NULL && !yd_is_null(n)) {
		if (n->kind == YD_MAP)
			read_carried(&l, n);
		else
			mark_error(&l, n, NULL,
				   _("%s: expected a mapping of item ids, "
				     "found %s"), "carried_over",
				   yd_kind_name(n));
	}
	return l.ok;
}

void
planio_marks_write_base(yemit *em, const plan *p)
{
	if (!p->has_base)
		return;
	yemit_key(em, "based_on");
	yemit_map(em, true);
	yemit_key(em, "revision");
	yemit_ulong(em, p->base_revision);
	if (p->base_file != NULL) {
		yemit_key(em, "file");
		yemit_string(em, p->base_file);
	}
	yemit_map(em, false);
}

void
planio_marks_write(yemit *em, const plan *p)
{
	const qn *q = p->qn;
	bool any = false;

	for (size_t i = 0; i < q->n_items; i++) {
		if (p->answers[i].na_reason == NULL)
			continue;
		if (!any) {
			yemit_key(em, "not_applicable");
			yemit_map(em, true);
			any = true;
		}
		yemit_key(em, q->items[i].id);
		yemit_string(em, p->answers[i].na_reason);
	}
	if (any)
		yemit_map(em, false);
	any = false;
	for (size_t i = 0; i < q->n_items; i++) {
		if (!p->answers[i].carried)
			continue;
		if (!any) {
			yemit_key(em, "carried_over");
			yemit_map(em, true);
			any = true;
		}
		yemit_key(em, q->items[i].id);
		yemit_ulong(em, p->answers[i].carried_from);
	}
	if (any)
		yemit_map(em, false);
}
