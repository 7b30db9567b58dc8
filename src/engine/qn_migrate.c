/* A questionnaire's migrate_from: how plans of its earlier version are
 * carried over (renamed, split and dropped items), read and checked when
 * the questionnaire loads, and checked against that earlier version. */
#include "qn_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itype.h"
#include "utext.h"

/* A split into more parts than this is surely a mistake. */
#define MAX_TARGETS 16

static const char *const migrate_keys[] = {"version", "items", NULL};

/* State of reading one migrate_from. */
typedef struct mreader {
	const char *name;
	qn *q;
	diag_list *diags;
	bool ok;
} mreader;

static void
merr(mreader *r, const yd_node *at, const char *item, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void
merr(mreader *r, const yd_node *at, const char *item, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(r->diags, DIAG_ERROR, r->name, at ? at->line : 0,
		  at ? at->col : 0, item, fmt, ap);
	va_end(ap);
	r->ok = false;
}

void
qn_migration_free(qn_migration *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n_rules; i++) {
		free(m->rules[i].old_id);
		for (size_t k = 0; k < m->rules[i].n_new; k++)
			free(m->rules[i].new_ids[k]);
		free(m->rules[i].new_ids);
	}
	free(m->rules);
	memset(m, 0, sizeof(*m));
}

static bool
read_version(mreader *r, const yd_node *node)
{
	const yd_node *v = yd_map_get(node, "version");
	long n = 0;

	if (v == NULL) {
		merr(r, node, NULL, _("missing key \"%s\" in %s"), "version",
		     "migrate_from");
		return false;
	}
	if (v->kind != YD_SCALAR || v->len == 0 || v->len > 10)
		goto bad;
	for (size_t i = 0; i < v->len; i++) {
		if (v->str[i] < '0' || v->str[i] > '9')
			goto bad;
		n = n * 10 + (v->str[i] - '0');
	}
	if (n < 1 || n >= r->q->version)
		goto bad;
	r->q->migrate_from.from = n;
	return true;
bad:
	merr(r, v, NULL,
	     _("migrate_from: \"version\" must be an earlier version of this "
	       "questionnaire, a whole number from 1 to %ld"),
	     r->q->version - 1);
	return false;
}

/* True when some rule before rule k already sends an answer to id. */
static bool
target_taken(const qn_migration *m, size_t k, const char *id)
{
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < m->rules[i].n_new; j++)
			if (strcmp(m->rules[i].new_ids[j], id) == 0)
				return true;
	for (size_t j = 0; j < m->rules[k].n_new; j++)
		if (strcmp(m->rules[k].new_ids[j], id) == 0)
			return true;
	return false;
}

/* One target of rule k (a new item id). */
static void
add_target(mreader *r, size_t k, const yd_node *v)
{
	qn_migrate_rule *rule = &r->q->migrate_from.rules[k];
	char sb[UTEXT_EXCERPT_SIZE];

	if (v->kind != YD_SCALAR || yd_is_null(v)) {
		merr(r, v, rule->old_id,
		     _("migrate_from: expected the id of an item of this "
		       "version, or drop, found %s"), yd_kind_name(v));
		return;
	}
	if (qn_item_index(r->q, v->str) < 0) {
		merr(r, v, rule->old_id,
		     _("migrate_from: this version has no item \"%s\""),
		     utext_excerpt(sb, v->str));
		return;
	}
	if (target_taken(&r->q->migrate_from, k, v->str)) {
		merr(r, v, rule->old_id,
		     _("migrate_from: item \"%s\" already receives another "
		       "answer"), utext_excerpt(sb, v->str));
		return;
	}
	rule->new_ids[rule->n_new] = strdup(v->str);
	if (rule->new_ids[rule->n_new] == NULL)
		merr(r, v, rule->old_id, _("out of memory"));
	else
		rule->n_new++;
}

/* The rule at items[k]: "old: new", "old: drop" or "old: [new, ...]". */
static void
read_rule(mreader *r, const yd_node *key, const yd_node *v, size_t k)
{
	qn_migrate_rule *rule = &r->q->migrate_from.rules[k];
	char sb[UTEXT_EXCERPT_SIZE];
	size_t n;

	rule->line = key->line;
	rule->col = key->col;
	if (!qn_id_ok(key->str, key->len)) {
		merr(r, key, NULL,
		     _("migrate_from: \"%s\" is not an item id"),
		     utext_excerpt(sb, key->str));
		return;
	}
	rule->old_id = strdup(key->str);
	if (rule->old_id == NULL) {
		merr(r, key, NULL, _("out of memory"));
		return;
	}
	if (v->kind == YD_SCALAR && v->plain && strcmp(v->str, "drop") == 0)
		return;
	n = v->kind == YD_SEQ ? v->n : 1;
	if (n == 0 || n > MAX_TARGETS) {
		merr(r, v, rule->old_id,
		     _("migrate_from: an item goes to 1 to %d items, or drop"),
		     MAX_TARGETS);
		return;
	}
	rule->new_ids = calloc(n, sizeof(*rule->new_ids));
	if (rule->new_ids == NULL) {
		merr(r, v, rule->old_id, _("out of memory"));
		return;
	}
	if (v->kind != YD_SEQ)
		add_target(r, k, v);
	for (size_t i = 0; v->kind == YD_SEQ && i < v->n; i++)
		add_target(r, k, v->items[i]);
}

bool
qn_migration_load(const char *name, const yd_node *node, qn *q,
		  diag_list *diags)
{
	mreader r = {name, q, diags, true};
	const yd_node *items;
	char sb[UTEXT_EXCERPT_SIZE];

	if (node == NULL)
		return true;
	q->migrate_from.line = node->line;
	q->migrate_from.col = node->col;
	if (node->kind != YD_MAP) {
		merr(&r, node, NULL, _("\"%s\" must be a mapping, not %s"),
		     "migrate_from", yd_kind_name(node));
		return false;
	}
	for (size_t i = 0; i < node->n; i++) {
		bool known = false;

		for (size_t j = 0; migrate_keys[j] != NULL; j++)
			known = known ||
				strcmp(node->keys[i]->str, migrate_keys[j]) == 0;
		if (!known)
			merr(&r, node->keys[i], NULL,
			     _("unknown key \"%s\" in %s"),
			     utext_excerpt(sb, node->keys[i]->str),
			     "migrate_from");
	}
	read_version(&r, node);
	items = yd_map_get(node, "items");
	if (items == NULL || yd_is_null(items))
		return r.ok;
	if (items->kind != YD_MAP) {
		merr(&r, items, NULL, _("\"%s\" must be a mapping, not %s"),
		     "items", yd_kind_name(items));
		return false;
	}
	/* Bounded like items themselves: a rule per item at most. */
	if (items->n > 10000) {
		merr(&r, items, NULL, _("more than %d items"), 10000);
		return false;
	}
	q->migrate_from.rules = calloc(items->n ? items->n : 1,
				       sizeof(*q->migrate_from.rules));
	if (q->migrate_from.rules == NULL) {
		merr(&r, items, NULL, _("out of memory"));
		return false;
	}
	for (size_t i = 0; i < items->n; i++) {
		q->migrate_from.n_rules = i + 1;
		read_rule(&r, items->keys[i], items->items[i], i);
	}
	return r.ok;
}

const qn_migrate_rule *
qn_migrate_rule_for(const qn *to, const char *old_id)
{
	for (size_t i = 0; i < to->migrate_from.n_rules; i++)
		if (to->migrate_from.rules[i].old_id != NULL &&
		    strcmp(to->migrate_from.rules[i].old_id, old_id) == 0)
			return &to->migrate_from.rules[i];
	return NULL;
}

size_t
qn_migrate_targets(const qn *to, const qn *from, size_t old_item,
		   long *out, size_t max)
{
	const char *id = from->items[old_item].id;
	const qn_migrate_rule *rule = qn_migrate_rule_for(to, id);
	size_t n = 0;

	if (rule == NULL) {
		long same = qn_item_index(to, id);

		/* An item named by a rule of another old item is taken. */
		if (same < 0 || max == 0)
			return 0;
		for (size_t i = 0; i < to->migrate_from.n_rules; i++)
			for (size_t j = 0; j < to->migrate_from.rules[i].n_new;
			     j++)
				if (strcmp(to->migrate_from.rules[i].new_ids[j],
					   id) == 0)
					return 0;
		out[0] = same;
		return 1;
	}
	for (size_t j = 0; j < rule->n_new && n < max; j++) {
		long t = qn_item_index(to, rule->new_ids[j]);

		if (t >= 0)
			out[n++] = t;
	}
	return n;
}

/* Whether answers of item a fit item b without loss: the same input kind,
 * and for choices every choice of a offered by b. */
static bool
kinds_fit(const qn_item *a, const qn_item *b)
{
	const itype *ta = itype_of(a), *tb = itype_of(b);

	if (ta->input != tb->input)
		return ta->input == ITYPE_LINE && tb->input == ITYPE_TEXT;
	if (ta->n_options == NULL)
		return true;
	for (size_t k = 0; k < ta->n_options(a); k++)
		if (itype_option_index(b, ta->option_id(a, k)) < 0)
			return false;
	return true;
}

bool
qn_migration_check(const qn *to, const qn *from, diag_list *diags)
{
	const qn_migration *m = &to->migrate_from;
	bool ok = true;

	for (size_t i = 0; i < m->n_rules; i++) {
		const qn_migrate_rule *rule = &m->rules[i];

		if (rule->old_id == NULL ||
		    qn_item_index(from, rule->old_id) >= 0)
			continue;
		diag_add(diags, DIAG_ERROR, to->path, rule->line, rule->col,
			 rule->old_id,
			 _("migrate_from: version %ld of %s has no item \"%s\""),
			 from->version, from->id, rule->old_id);
		ok = false;
	}
	for (size_t i = 0; i < from->n_items; i++) {
		const qn_item *old = &from->items[i];
		long t[MAX_TARGETS];
		size_t n = qn_migrate_targets(to, from, i, t, MAX_TARGETS);

		if (n == 0 && qn_migrate_rule_for(to, old->id) == NULL)
			diag_add(diags, DIAG_WARNING, to->path, m->line, m->col,
				 old->id,
				 _("migrate_from: answers to item \"%s\" of "
				   "version %ld have no place in this version; "
				   "name it (drop, or the item it goes to)"),
				 old->id, from->version);
		for (size_t k = 0; k < n; k++)
			if (!kinds_fit(old, &to->items[t[k]]))
				diag_add(diags, DIAG_WARNING, to->path, m->line,
					 m->col, old->id,
					 _("migrate_from: item \"%s\" (%s) goes to "
					   "\"%s\" (%s): answers that do not "
					   "fit it are dropped"),
					 old->id, qn_type_name(old->type),
					 to->items[t[k]].id,
					 qn_type_name(to->items[t[k]].type));
	}
	return ok;
}
