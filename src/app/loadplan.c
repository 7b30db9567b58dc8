/* Loading a plan file and its questionnaire in one step, and finding where
 * an item's answer sits in the file (for FILE:LINE:COL messages). */
#include "loadplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "planio.h"
#include "utext.h"

/* loadplan_tree, with the questionnaire from a cache (borrowed) or found
 * in dirs (owned, handed to *q_out). */
static plan *
load_tree(const char *name, const yd_node *root, qn_cache *cache,
	  const char *const *qn_dirs, qn **q_out, diag_list *diags)
{
	qn *owned = NULL;
	const qn *q;
	plan *p = NULL;
	planio_header h = {0};
	diag_list found = DIAG_LIST_INIT;

	if (q_out)
		*q_out = NULL;
	if (!planio_read_header(name, root, &h, diags))
		goto out;
	if (cache)
		q = qn_cache_find(cache, h.qn_id, h.qn_version, &found);
	else
		q = owned = qn_find(qn_dirs, h.qn_id, h.qn_version, &found);
	if (!q) {
		/* Tie "no such questionnaire" to the plan's own line that
		 * names it, so the message reads FILE:LINE:COL like others. */
		const yd_node *at = yd_map_get(root, "questionnaire");

		for (size_t i = 0; i < found.n; i++) {
			diag *d = &found.v[i];

			if (!d->file && at) {
				d->file = strdup(name);
				d->line = at->line;
				d->col = at->col;
			}
		}
	}
	diag_list_move(diags, &found);
	if (!q)
		goto out;
	p = planio_from_tree(name, root, q, diags);
	if (!p)
		goto out;
	if (q_out) {
		*q_out = owned;
		owned = NULL;
	}
out:
	diag_list_free(&found);
	planio_header_free(&h);
	qn_destroy(owned);
	return p;
}

plan *
loadplan_tree(const char *name, const yd_node *root,
	      const char *const *qn_dirs, qn **q_out, diag_list *diags)
{
	return load_tree(name, root, NULL, qn_dirs, q_out, diags);
}

plan *
loadplan_tree_cached(const char *name, const yd_node *root, qn_cache *cache,
		     diag_list *diags)
{
	return load_tree(name, root, cache, NULL, NULL, diags);
}

plan *
loadplan(const char *path, const char *const *qn_dirs, qn **q_out,
	 yd_node **tree_out, diag_list *diags)
{
	yd_node *root = yd_parse_file(path, NULL, diags);
	plan *p = NULL;

	*q_out = NULL;
	if (tree_out)
		*tree_out = NULL;
	if (!root)
		return NULL;
	p = loadplan_tree(path, root, qn_dirs, q_out, diags);
	if (p && tree_out)
		*tree_out = root;
	else
		yd_free(root);
	return p;
}

void
loadplan_item_label(const qn *q, size_t item, char *buf, size_t size)
{
	const qn_item *it = &q->items[item];

	size_t bad;

	if (size == 0)
		return;
	/* In the language of messages, as the messages around it. */
	if (it->number[0])
		/* TRANSLATORS: an item named by its section and number,
		 * "Protection 3". */
		snprintf(buf, size, C_("item label", "%s %s"),
			 i18n_section_title(q, it->section), it->number);
	else
		snprintf(buf, size, "%s", i18n_item_title(q, item));
	/* A label cut short must not end in half a character. */
	if (!utext_valid(buf, strlen(buf), &bad))
		buf[bad] = '\0';
}

void
loadplan_mark(const yd_node *root, const qn *q, size_t item,
	      unsigned long *line, unsigned long *col)
{
	const qn_item *it = &q->items[item];
	const char *group = q->sections[it->section].details ? "details"
							      : "answers";
	const yd_node *map = yd_map_get(root, group);
	const yd_node *where = root;
	const yd_node *na = yd_map_get(root, "not_applicable");

	/* An item that does not apply has its line there. */
	for (size_t i = 0; na && na->kind == YD_MAP && i < na->n; i++) {
		if (na->keys[i]->str && !strcmp(na->keys[i]->str, it->id)) {
			*line = na->keys[i]->line;
			*col = na->keys[i]->col;
			return;
		}
	}
	if (map) {
		where = map;
		for (size_t i = 0; map->kind == YD_MAP && i < map->n; i++) {
			if (map->keys[i]->str && !strcmp(map->keys[i]->str,
							 it->id)) {
				where = map->keys[i];
				break;
			}
		}
		/* The mark of a mapping is its first key; point at the
		 * group's own key line instead when the answer is absent. */
		for (size_t i = 0; where == map && root->kind == YD_MAP &&
				   i < root->n; i++)
			if (root->items[i] == map)
				where = root->keys[i];
	}
	*line = where ? where->line : 1;
	*col = where ? where->col : 1;
}
