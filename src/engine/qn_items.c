/* The questionnaire loader: items, with their choices, messages and the
 * conditions (when) that show them. */
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

/* ---- items ---- */

static const char *const item_keys[] = {
	"id", "number", "title", "type", "required", "guidance", "choices",
	"explain", "explain_label", "precision", "max_length", "pattern",
	"messages", "when", "allow_not_applicable", NULL,
};
static const char *const choice_keys[] = {"id", "label", NULL};
static const char *const message_keys[] = {
	"required", "max_length", "choice", "pattern", NULL,
};
static const char *const when_keys[] = {"item", "is", "in", NULL};

static void
load_choices(loader *ld, const yd_node *node, qn_item *it, const char *id)
{
	const yd_node *list = qnl_get_kind(ld, node, "choices",
				       itype_of(it)->choices, N_("the item"),
				       id, YD_SEQ);
	size_t i, j;

	if (list == NULL)
		return;
	if (!itype_of(it)->choices) {
		qnl_err(ld, yd_map_get(node, "choices"), id,
		    _("choices are only for items of type choice or multi, "
		      "not %s"), qn_type_name(it->type));
		return;
	}
	if (list->n == 0) {
		qnl_err(ld, list, id, _("the list of choices is empty"));
		return;
	}
	if (list->n > MAX_CHOICES) {
		qnl_err(ld, list, id, _("more than %d choices"), MAX_CHOICES);
		return;
	}
	it->choices = calloc(list->n, sizeof(*it->choices));
	if (it->choices == NULL) {
		qnl_err(ld, list, id, _("out of memory"));
		return;
	}
	for (i = 0; i < list->n; i++) {
		const yd_node *c = list->items[i];
		qn_choice *ch = &it->choices[it->n_choices];

		if (c->kind != YD_MAP) {
			qnl_err(ld, c, id,
			    _("a choice must be a mapping with id and label, "
			      "not %s"), yd_kind_name(c));
			continue;
		}
		qnl_check_keys(ld, c, choice_keys, N_("a choice"), id);
		qnl_get_id(ld, c, "id", N_("a choice"), id, &ch->id);
		qnl_get_text(ld, c, "label", true, N_("a choice"), id, &ch->label);
		if (ch->id == NULL || ch->label == NULL) {
			free(ch->id);
			free(ch->label);
			ch->id = ch->label = NULL;
			continue;
		}
		for (j = 0; j < it->n_choices; j++) {
			if (strcmp(it->choices[j].id, ch->id) == 0) {
				qnl_err(ld, yd_map_get(c, "id"), id,
				    _("duplicate choice id \"%s\""), ch->id);
				break;
			}
		}
		it->n_choices++;
	}
}

static void
load_messages(loader *ld, const yd_node *node, qn_item *it, const char *id)
{
	const yd_node *m = qnl_get_kind(ld, node, "messages", false,
				    N_("the item"), id, YD_MAP);

	if (m != NULL) {
		qnl_check_keys(ld, m, message_keys, "messages", id);
		qnl_get_text(ld, m, "required", false, "messages", id,
			 &it->msg_required);
		qnl_get_text(ld, m, "max_length", false, "messages", id,
			 &it->msg_max_length);
		qnl_get_text(ld, m, "choice", false, "messages", id,
			 &it->msg_choice);
		qnl_get_text(ld, m, "pattern", false, "messages", id,
			 &it->msg_pattern);
		if (it->msg_max_length != NULL &&
		    !qnl_safe_size_format(it->msg_max_length))
			qnl_err(ld, yd_map_get(m, "max_length"), id,
			    _("the max_length message may contain %%zu (the "
			      "limit) once and %%%% (a percent sign), no other "
			      "%%"));
	}
	if (it->msg_required == NULL)
		it->msg_required = qnl_dup_text(ld, N_("an answer is required"), node);
	if (it->msg_max_length == NULL)
		it->msg_max_length = qnl_dup_text(
			ld, N_("the answer is longer than %zu characters"), node);
	if (it->msg_choice == NULL)
		it->msg_choice = qnl_dup_text(ld, N_("not one of the choices"), node);
	if (it->msg_pattern == NULL)
		it->msg_pattern = qnl_dup_text(
			ld, N_("the answer does not have the expected form"),
			node);
}

/* Fills *it from an item mapping. Problems are reported; what could be
 * read is kept so that later checks (duplicates, conditions) still run. */
void
qnl_load_item(loader *ld, const yd_node *node, qn_item *it, size_t section)
{
	const yd_node *v;
	const char *id;
	long max_len = 0;
	char *prec = NULL;
	bool type_known = true;
	char sb[UTEXT_EXCERPT_SIZE];

	it->section = section;
	it->when_item = -1;
	it->line = node->line;
	it->col = node->col;
	qnl_get_id(ld, node, "id", N_("the item"), NULL, &it->id);
	id = it->id;
	qnl_check_keys(ld, node, item_keys, N_("an item"), id);
	qnl_get_text(ld, node, "number", false, N_("the item"), id, &it->number);
	if (it->number != NULL) {
		size_t i;

		for (i = 0; it->number[i]; i++)
			if (it->number[i] == ' ' || it->number[i] == '\t' ||
			    it->number[i] == '\n')
				break;
		if (it->number[i] || strlen(it->number) > MAX_SHORT)
			qnl_err(ld, yd_map_get(node, "number"), id,
			    _("\"number\" must be at most %d characters "
			      "without spaces"), MAX_SHORT);
	} else {
		it->number = qnl_dup_text(ld, "", node);
	}
	qnl_get_text(ld, node, "title", true, N_("the item"), id, &it->title);
	qnl_get_text(ld, node, "guidance", false, N_("the item"), id, &it->guidance);
	if (it->guidance == NULL)
		it->guidance = qnl_dup_text(ld, "", node);

	/* Until the type is known, checks that depend on it are skipped:
	 * one typo should give one problem. */
	it->type = QN_TEXT;
	v = qnl_field(ld, node, "type", true, N_("the item"), id);
	if (v == NULL) {
		type_known = false;
	} else {
		type_known = v->kind == YD_SCALAR &&
			     itype_by_name(v->str, &it->type) != NULL;
		if (!type_known)
			qnl_err(ld, v, id, _("unknown type \"%s\" (one of %s)"),
			    utext_excerpt(sb,
					  v->kind == YD_SCALAR ? v->str : ""),
			    itype_names());
	}
	qnl_get_bool(ld, node, "required", id, &it->required);
	it->allow_na = ld->q->sections[section].allow_na;
	qnl_get_bool(ld, node, "allow_not_applicable", id, &it->allow_na);
	if (type_known)
		load_choices(ld, node, it, id);

	qnl_get_bool(ld, node, "explain", id, &it->explain);
	if (type_known && it->explain && !itype_of(it)->explain)
		qnl_err(ld, yd_map_get(node, "explain"), id,
		    _("explain is only for items of type yesno, choice or "
		      "multi, not %s"), qn_type_name(it->type));
	qnl_get_text(ld, node, "explain_label", false, N_("the item"), id,
		 &it->explain_label);
	if (it->explain_label != NULL && !it->explain)
		qnl_err(ld, yd_map_get(node, "explain_label"), id,
		    _("explain_label needs explain: true"));
	if (it->explain_label == NULL)
		it->explain_label = qnl_dup_text(ld, N_("Explanation"), node);

	qnl_get_text(ld, node, "precision", false, N_("the item"), id, &prec);
	if (prec != NULL) {
		v = yd_map_get(node, "precision");
		if (!type_known)
			;
		else if (!itype_of(it)->precision)
			qnl_err(ld, v, id, _("precision is only for items of type "
				         "date"));
		else if (strcmp(prec, "month") == 0)
			it->month_precision = true;
		else if (strcmp(prec, "day") != 0)
			qnl_err(ld, v, id, _("precision must be month or day"));
		free(prec);
	}
	qnl_get_count(ld, node, "max_length", false, N_("the item"), id, 1,
		  MAX_MAX_LENGTH, &max_len);
	it->max_length = (size_t)max_len;

	qnl_get_text(ld, node, "pattern", false, N_("the item"), id, &it->pattern);
	if (it->pattern != NULL) {
		v = yd_map_get(node, "pattern");
		if (!type_known)
			;
		else if (!itype_of(it)->pattern)
			qnl_err(ld, v, id,
			    _("pattern is only for items of type text, line "
			      "or email, not %s"), qn_type_name(it->type));
		else
			qnl_check_pattern(ld, v, it);
	}
	load_messages(ld, node, it, id);
}

void
qnl_load_when(loader *ld, size_t idx)
{
	qn_item *it = &ld->q->items[idx];
	const yd_node *w = ld->when_nodes[idx];
	const yd_node *ref_node, *is, *in;
	const char *id = it->id;
	const qn_item *ref;
	long r;
	size_t i, n;
	char sb[UTEXT_EXCERPT_SIZE];

	if (w->kind != YD_MAP) {
		qnl_err(ld, w, id, _("\"when\" must be a mapping, not %s"),
		    yd_kind_name(w));
		return;
	}
	qnl_check_keys(ld, w, when_keys, "when", id);
	ref_node = qnl_field(ld, w, "item", true, "when", id);
	is = yd_map_get(w, "is");
	in = yd_map_get(w, "in");
	if (is != NULL && in != NULL) {
		qnl_err(ld, in, id, _("\"when\" takes \"is\" or \"in\", not both"));
		return;
	}
	if (is == NULL && in == NULL) {
		qnl_err(ld, w, id, _("\"when\" needs \"is\" or \"in\""));
		return;
	}
	if (ref_node == NULL)
		return;
	if (ref_node->kind != YD_SCALAR) {
		qnl_err(ld, ref_node, id, _("\"item\" must be a text, not %s"),
		    yd_kind_name(ref_node));
		return;
	}
	r = qnl_index_find(ld->q, ref_node->str);
	if (r < 0) {
		qnl_err(ld, ref_node, id,
		    _("\"when\" names an unknown item \"%s\""),
		    utext_excerpt(sb, ref_node->str));
		return;
	}
	if ((size_t)r == idx) {
		qnl_err(ld, ref_node, id, _("\"when\" names the item itself"));
		return;
	}
	if ((size_t)r > idx) {
		qnl_err(ld, ref_node, id,
		    _("\"when\" names item \"%s\", which comes later; it must "
		      "name an earlier item"), ref_node->str);
		return;
	}
	ref = &ld->q->items[r];
	if (itype_of(ref)->n_options == NULL) {
		qnl_err(ld, ref_node, id,
		    _("\"when\" can only name an item of type yesno, choice or "
		      "multi; \"%s\" is %s"), ref->id, qn_type_name(ref->type));
		return;
	}
	if (in != NULL && in->kind != YD_SEQ) {
		qnl_err(ld, in, id, _("\"in\" must be a list, not %s"),
		    yd_kind_name(in));
		return;
	}
	if (in != NULL && in->n == 0) {
		qnl_err(ld, in, id, _("\"in\" is an empty list"));
		return;
	}
	if (in != NULL && in->n > MAX_WHEN_VALUES) {
		qnl_err(ld, in, id, _("\"in\" has more than %d values"),
		    MAX_WHEN_VALUES);
		return;
	}
	n = in != NULL ? in->n : 1;
	it->when_values = calloc(n, sizeof(*it->when_values));
	if (it->when_values == NULL) {
		qnl_err(ld, w, id, _("out of memory"));
		return;
	}
	for (i = 0; i < n; i++) {
		const yd_node *v = in != NULL ? in->items[i] : is;

		if (v->kind != YD_SCALAR) {
			qnl_err(ld, v, id, _("a value in \"when\" must be a text, "
				         "not %s"), yd_kind_name(v));
			continue;
		}
		/* A value named must be a possible answer of that item. */
		if (itype_option_index(ref, v->str) < 0) {
			if (ref->type == QN_YESNO)
				qnl_err(ld, v, id,
				    _("\"%s\" is not an answer of item "
				      "\"%s\" (yes or no)"),
				    utext_excerpt(sb, v->str), ref->id);
			else
				qnl_err(ld, v, id,
				    _("\"%s\" is not a choice of item "
				      "\"%s\""),
				    utext_excerpt(sb, v->str), ref->id);
			continue;
		}
		it->when_values[it->n_when_values] = qnl_dup_text(ld, v->str, v);
		if (it->when_values[it->n_when_values] != NULL)
			it->n_when_values++;
	}
	it->when_item = r;
}
