/* Loads and checks questionnaire files (questionnaires/README.md): every
 * mistake is reported with file:line:col, and nothing half-checked is used. */
#include "qn_load.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "itype.h"
#include "utext.h"
#include "ydoc.h"

const char *
qn_type_name(qn_type type)
{
	return itype_get(type)->name;
}

/* ---- sections ---- */

static const char *const section_keys[] = {
	"id", "title", "heading", "details", "keys", "items",
	"allow_not_applicable", NULL,
};

static void
load_section_keys(loader *ld, const yd_node *node, qn_section *s,
		  const char *sid)
{
	const yd_node *list = qnl_get_kind(ld, node, "keys", false,
				       N_("the section"), NULL, YD_SEQ);
	size_t i, j, k;

	(void)sid;
	if (list == NULL)
		return;
	if (list->n > MAX_KEYS) {
		qnl_err(ld, list, NULL, _("more than %d keys"), MAX_KEYS);
		return;
	}
	s->keys = calloc(list->n ? list->n : 1, sizeof(*s->keys));
	if (s->keys == NULL) {
		qnl_err(ld, list, NULL, _("out of memory"));
		return;
	}
	for (i = 0; i < list->n; i++) {
		const yd_node *v = list->items[i];
		bool ok = v->kind == YD_SCALAR && v->len > 0 &&
			  v->len <= MAX_SHORT;

		for (j = 0; ok && j < v->len; j++) {
			char c = v->str[j];

			if (c == ' ' || c == '\t' || c == '\n' || c == '.' ||
			    (c >= '0' && c <= '9'))
				ok = false;
		}
		if (!ok) {
			qnl_err(ld, v, NULL,
			    _("a section key must be 1 to %d characters "
			      "without digits, spaces or '.'"), MAX_SHORT);
			continue;
		}
		/* A key used twice would make "P6" mean two items. */
		for (k = 0; k <= ld->q->n_sections; k++) {
			const qn_section *o = &ld->q->sections[k];

			for (j = 0; j < o->n_keys; j++)
				if (ascii_ieq(o->keys[j], v->str))
					break;
			if (j < o->n_keys) {
				qnl_err(ld, v, NULL,
				    _("section key \"%s\" is already used by "
				      "section \"%s\""), v->str,
				    o->id ? o->id : "?");
				break;
			}
		}
		if (k <= ld->q->n_sections)
			continue;
		s->keys[s->n_keys] = qnl_dup_text(ld, v->str, v);
		if (s->keys[s->n_keys] != NULL)
			s->n_keys++;
	}
}

/* Loads the section at sections[n_sections] (n_sections is raised by the
 * caller) and its items. */
static void
load_section(loader *ld, const yd_node *node)
{
	qn *q = ld->q;
	size_t si = q->n_sections;
	qn_section *s = &q->sections[si];
	const yd_node *items;
	size_t i, j;
	char sb[UTEXT_EXCERPT_SIZE];

	s->first = q->n_items;
	qnl_get_id(ld, node, "id", N_("the section"), NULL, &s->id);
	qnl_check_keys(ld, node, section_keys, N_("a section"), NULL);
	if (s->id != NULL) {
		for (j = 0; j < si; j++) {
			if (q->sections[j].id != NULL &&
			    strcmp(q->sections[j].id, s->id) == 0) {
				qnl_err(ld, yd_map_get(node, "id"), NULL,
				    _("duplicate section id \"%s\""), s->id);
				break;
			}
		}
	}
	qnl_get_text(ld, node, "title", true, N_("the section"), NULL, &s->title);
	qnl_get_text(ld, node, "heading", false, N_("the section"), NULL, &s->heading);
	if (s->heading == NULL)
		s->heading = qnl_dup_text(ld, "", node);
	qnl_get_bool(ld, node, "details", NULL, &s->details);
	qnl_get_bool(ld, node, "allow_not_applicable", NULL, &s->allow_na);
	load_section_keys(ld, node, s, s->id);

	items = qnl_get_kind(ld, node, "items", true, N_("the section"), NULL,
			 YD_SEQ);
	if (items == NULL)
		return;
	if (items->n == 0) {
		qnl_err(ld, items, NULL, _("the section has no items"));
		return;
	}
	for (i = 0; i < items->n; i++) {
		const yd_node *in = items->items[i];
		qn_item *it = &q->items[q->n_items];
		long other;

		if (in->kind != YD_MAP) {
			qnl_err(ld, in, NULL, _("an item must be a mapping, not %s"),
			    yd_kind_name(in));
			continue;
		}
		qnl_load_item(ld, in, it, si);
		ld->when_nodes[q->n_items] = yd_map_get(in, "when");
		q->n_items++;
		s->n_items++;
		if (it->id == NULL)
			continue;
		other = qnl_index_find(q, it->id);
		if (other >= 0) {
			qnl_err(ld, yd_map_get(in, "id"), it->id,
			    _("duplicate item id \"%s\" (first at line %lu)"),
			    it->id, q->items[other].line);
		} else if (!strindex_put(&q->index, it->id, q->n_items - 1)) {
			qnl_err(ld, in, it->id, _("out of memory"));
		}
		/* Numbers name items in "go to": one per section. */
		if (it->number != NULL && it->number[0] != '\0') {
			for (j = s->first; j + 1 < q->n_items; j++) {
				if (q->items[j].number != NULL &&
				    strcmp(q->items[j].number, it->number) ==
					    0) {
					qnl_err(ld, yd_map_get(in, "number"),
					    it->id,
					    _("number \"%s\" is already used by "
					      "item \"%s\" in this section"),
					    utext_excerpt(sb, it->number),
					    q->items[j].id ? q->items[j].id
							   : "?");
					break;
				}
			}
		}
	}
}

/* ---- questionnaire ---- */

static const char *const top_keys[] = {
	"format", "id", "version", "title", "language", "plan_title",
	"roles", "sections", "migrate_from", NULL,
};
static const char *const role_keys[] = {"country", "date", "language",
					NULL};

/* Checks the format first: a newer format may use keys this version does
 * not know, and listing those would only confuse. */
static bool
check_format(loader *ld, const yd_node *root)
{
	const yd_node *v = qnl_field(ld, root, "format", true, N_("the questionnaire"),
				 NULL);
	const char *s;
	long n = 0;
	size_t plen = strlen(FORMAT_PREFIX), i;

	if (v == NULL)
		return false;
	if (v->kind != YD_SCALAR || strncmp(v->str, FORMAT_PREFIX, plen) != 0)
		goto other;
	s = v->str + plen;
	if (s[0] == '\0' || strlen(s) > 9)
		goto other;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto other;
		n = n * 10 + (s[i] - '0');
	}
	if (n == FORMAT_VERSION)
		return true;
	if (n > FORMAT_VERSION) {
		qnl_err(ld, v, NULL,
		    _("this questionnaire needs a newer actionplan (format %s; "
		      "this version reads %s%d)"),
		    v->str, FORMAT_PREFIX, FORMAT_VERSION);
		return false;
	}
other:
	qnl_err(ld, v, NULL,
	    _("not a questionnaire: \"format\" must be %s%d"),
	    FORMAT_PREFIX, FORMAT_VERSION);
	return false;
}

static void
load_roles(loader *ld)
{
	qn *q = ld->q;
	const yd_node *roles = ld->roles;
	size_t i;
	char sb[UTEXT_EXCERPT_SIZE];

	if (roles == NULL)
		return;
	qnl_check_keys(ld, roles, role_keys, "roles", NULL);
	for (i = 0; i < roles->n; i++) {
		const char *role = roles->keys[i]->str;
		const yd_node *v = roles->items[i];
		long *slot = NULL;
		long r;

		if (strcmp(role, "country") == 0)
			slot = &q->country_item;
		else if (strcmp(role, "date") == 0)
			slot = &q->date_item;
		else if (strcmp(role, "language") == 0)
			slot = &q->language_item;
		else
			continue;
		if (v->kind != YD_SCALAR) {
			qnl_err(ld, v, NULL, _("role \"%s\" must name an item, not "
					   "be %s"), role, yd_kind_name(v));
			continue;
		}
		r = qnl_index_find(q, v->str);
		if (r < 0) {
			qnl_err(ld, v, NULL,
			    _("role \"%s\" names an unknown item \"%s\""),
			    role, utext_excerpt(sb, v->str));
			continue;
		}
		if (slot == &q->date_item && q->items[r].type != QN_DATE) {
			qnl_err(ld, v, q->items[r].id,
			    _("role \"date\" must name an item of type date, "
			      "not %s"), qn_type_name(q->items[r].type));
			continue;
		}
		if (slot == &q->country_item &&
		    q->items[r].type != QN_COUNTRY &&
		    q->items[r].type != QN_LINE) {
			qnl_err(ld, v, q->items[r].id,
			    _("role \"country\" must name an item of type "
			      "country or line, not %s"),
			    qn_type_name(q->items[r].type));
			continue;
		}
		if (slot == &q->language_item &&
		    q->items[r].type != QN_LINE) {
			qnl_err(ld, v, q->items[r].id,
			    _("role \"%s\" must name an item of type line, "
			      "not %s"), role, qn_type_name(q->items[r].type));
			continue;
		}
		*slot = r;
	}
}

static void
check_plan_title(loader *ld)
{
	const char *s = ld->q->plan_title;
	const yd_node *at = ld->plan_title_node;
	char sb[UTEXT_EXCERPT_SIZE];

	if (s == NULL)
		return;
	while ((s = strchr(s, '{')) != NULL) {
		const char *end = strchr(s + 1, '}');
		char *name;

		if (end == NULL) {
			qnl_err(ld, at, NULL, _("plan_title has a '{' without '}'"));
			return;
		}
		name = strndup(s + 1, (size_t)(end - s - 1));
		if (name == NULL) {
			qnl_err(ld, at, NULL, _("out of memory"));
			return;
		}
		if (qnl_index_find(ld->q, name) < 0)
			qnl_err(ld, at, NULL,
			    _("plan_title names an unknown item \"{%s}\""),
			    utext_excerpt(sb, name));
		free(name);
		s = end + 1;
	}
}

static size_t
count_items(const yd_node *sections)
{
	size_t i, n = 0;

	for (i = 0; i < sections->n; i++) {
		const yd_node *items = yd_map_get(sections->items[i], "items");

		if (items != NULL && items->kind == YD_SEQ)
			n += items->n;
	}
	return n;
}

typedef struct ranked {
	diag d;
	size_t seq;
} ranked;

static int
by_place(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;

	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.col != b->d.col)
		return a->d.col < b->d.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The checks run in several passes; people read problems top to bottom,
 * so the ones added since `start` are put in file order (stable). */
static void
sort_problems(diag_list *diags, size_t start)
{
	size_t n = diags->n - start, i;
	ranked *r;

	if (n < 2)
		return;
	r = malloc(n * sizeof(*r));
	if (r == NULL)
		return; /* still all there, only unsorted */
	for (i = 0; i < n; i++) {
		r[i].d = diags->v[start + i];
		r[i].seq = i;
	}
	qsort(r, n, sizeof(*r), by_place);
	for (i = 0; i < n; i++)
		diags->v[start + i] = r[i].d;
	free(r);
}

qn *
qn_load_tree(const char *name, const yd_node *root, diag_list *diags)
{
	loader ld;
	qn *q = NULL;
	const yd_node *sections;
	size_t i, n_items;
	size_t start = diags->n;

	memset(&ld, 0, sizeof(ld));
	ld.name = name;
	ld.diags = diags;
	if (root->kind != YD_MAP) {
		qnl_err(&ld, root, NULL, _("a questionnaire must be a mapping, not %s"),
		    yd_kind_name(root));
		return NULL;
	}
	if (!check_format(&ld, root))
		return NULL;
	q = calloc(1, sizeof(*q));
	if (q == NULL) {
		qnl_err(&ld, root, NULL, _("out of memory"));
		goto out;
	}
	ld.q = q;
	q->country_item = q->date_item = q->language_item = -1;
	q->path = qnl_dup_text(&ld, name, root);
	qnl_check_keys(&ld, root, top_keys, N_("the questionnaire"), NULL);
	qnl_get_id(&ld, root, "id", N_("the questionnaire"), NULL, &q->id);
	qnl_get_count(&ld, root, "version", true, N_("the questionnaire"), NULL, 1,
		  MAX_VERSION, &q->version);
	qnl_get_text(&ld, root, "title", true, N_("the questionnaire"), NULL,
		 &q->title);
	qnl_get_text(&ld, root, "language", true, N_("the questionnaire"), NULL,
		 &q->language);
	qnl_get_text(&ld, root, "plan_title", false, N_("the questionnaire"), NULL,
		 &q->plan_title);
	ld.plan_title_node = yd_map_get(root, "plan_title");
	if (q->plan_title == NULL && q->title != NULL)
		q->plan_title = qnl_dup_text(&ld, q->title, root);
	ld.roles = qnl_get_kind(&ld, root, "roles", false, N_("the questionnaire"),
			    NULL, YD_MAP);

	sections = qnl_get_kind(&ld, root, "sections", true,
			    N_("the questionnaire"), NULL, YD_SEQ);
	if (sections == NULL)
		goto out;
	if (sections->n == 0) {
		qnl_err(&ld, sections, NULL, _("there are no sections"));
		goto out;
	}
	if (sections->n > MAX_SECTIONS) {
		qnl_err(&ld, sections, NULL, _("more than %d sections"),
		    MAX_SECTIONS);
		goto out;
	}
	n_items = count_items(sections);
	if (n_items > MAX_ITEMS) {
		qnl_err(&ld, sections, NULL, _("more than %d items"), MAX_ITEMS);
		goto out;
	}
	q->sections = calloc(sections->n, sizeof(*q->sections));
	q->items = calloc(n_items ? n_items : 1, sizeof(*q->items));
	ld.when_nodes = calloc(n_items ? n_items : 1, sizeof(*ld.when_nodes));
	if (q->sections == NULL || q->items == NULL || ld.when_nodes == NULL) {
		qnl_err(&ld, sections, NULL, _("out of memory"));
		goto out;
	}
	for (i = 0; i < sections->n; i++) {
		const yd_node *s = sections->items[i];

		if (s->kind != YD_MAP) {
			qnl_err(&ld, s, NULL, _("a section must be a mapping, not %s"),
			    yd_kind_name(s));
			continue;
		}
		load_section(&ld, s);
		q->n_sections++;
	}
	/* Conditions, roles and the title need every item known. */
	for (i = 0; i < q->n_items; i++)
		if (ld.when_nodes[i] != NULL && q->items[i].id != NULL)
			qnl_load_when(&ld, i);
	load_roles(&ld);
	check_plan_title(&ld);
	if (!qn_migration_load(name, yd_map_get(root, "migrate_from"), q,
			       diags))
		ld.failed = true;
out:
	free(ld.when_nodes);
	sort_problems(diags, start);
	if (ld.failed || q == NULL) {
		qn_destroy(q);
		return NULL;
	}
	return q;
}

qn *
qn_load_buffer(const char *name, const char *data, size_t len,
	       diag_list *diags)
{
	yd_node *root = yd_parse_buffer(name, data, len, NULL, diags);
	qn *q;

	if (root == NULL)
		return NULL;
	q = qn_load_tree(name, root, diags);
	yd_free(root);
	return q;
}

qn *
qn_load(const char *path, diag_list *diags)
{
	yd_node *root = yd_parse_file(path, NULL, diags);
	qn *q;

	if (root == NULL)
		return NULL;
	q = qn_load_tree(path, root, diags);
	yd_free(root);
	return q;
}

static void
free_item(qn_item *it)
{
	size_t i;

	free(it->id);
	free(it->number);
	free(it->title);
	free(it->guidance);
	free(it->explain_label);
	for (i = 0; i < it->n_choices; i++) {
		free(it->choices[i].id);
		free(it->choices[i].label);
	}
	free(it->choices);
	free(it->pattern);
	qn_regex_free(it->pattern_re);
	free(it->msg_required);
	free(it->msg_max_length);
	free(it->msg_choice);
	free(it->msg_pattern);
	for (i = 0; i < it->n_when_values; i++)
		free(it->when_values[i]);
	free(it->when_values);
}

void
qn_destroy(qn *q)
{
	size_t i, j;

	if (q == NULL)
		return;
	free(q->path);
	free(q->id);
	free(q->title);
	free(q->language);
	free(q->plan_title);
	if (q->sections != NULL) {
		/* Sections past n_sections may hold a half-loaded one. */
		for (i = 0; i < q->n_sections; i++) {
			qn_section *s = &q->sections[i];

			free(s->id);
			free(s->title);
			free(s->heading);
			for (j = 0; j < s->n_keys; j++)
				free(s->keys[j]);
			free(s->keys);
		}
		free(q->sections);
	}
	if (q->items != NULL) {
		for (i = 0; i < q->n_items; i++)
			free_item(&q->items[i]);
		free(q->items);
	}
	qn_migration_free(&q->migrate_from);
	strindex_free(&q->index);
	free(q);
}

long
qn_item_index(const qn *q, const char *id)
{
	size_t i;

	if (q == NULL || id == NULL)
		return -1;
	if (q->index.n > 0)
		return qnl_index_find(q, id);
	/* A qn built by hand (tests) has no index. */
	for (i = 0; i < q->n_items; i++)
		if (q->items[i].id != NULL && strcmp(q->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

const char *
qn_choice_label(const qn_item *item, const char *choice_id)
{
	size_t i;

	if (item == NULL || choice_id == NULL)
		return NULL;
	for (i = 0; i < item->n_choices; i++)
		if (strcmp(item->choices[i].id, choice_id) == 0)
			return item->choices[i].label;
	return NULL;
}
