/* A questionnaire's text in the language of messages or of a catalog:
 * contexts built from where the text comes from, looked up by gettext or in
 * a catalog read from a .mo file. */
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A questionnaire's text ---- */

const char *
i18n_qn_english(const qn *q, i18n_field f, size_t index, size_t sub)
{
	const qn_item *it;

	if (!q)
		return NULL;
	switch (f) {
	case I18N_QN_TITLE:
		return q->title;
	case I18N_QN_PLAN_TITLE:
		return q->plan_title;
	case I18N_SECTION_TITLE:
		return index < q->n_sections ? q->sections[index].title : NULL;
	case I18N_SECTION_HEADING:
		return index < q->n_sections ? q->sections[index].heading
					     : NULL;
	default:
		break;
	}
	if (index >= q->n_items)
		return NULL;
	it = &q->items[index];
	switch (f) {
	case I18N_ITEM_TITLE:
		return it->title;
	case I18N_ITEM_GUIDANCE:
		return it->guidance;
	case I18N_ITEM_EXPLAIN_LABEL:
		return it->explain_label;
	case I18N_ITEM_CHOICE:
		return sub < it->n_choices ? it->choices[sub].label : NULL;
	case I18N_ITEM_MSG_REQUIRED:
		return it->msg_required;
	case I18N_ITEM_MSG_MAX_LENGTH:
		return it->msg_max_length;
	case I18N_ITEM_MSG_CHOICE:
		return it->msg_choice;
	case I18N_ITEM_MSG_PATTERN:
		return it->msg_pattern;
	default:
		return NULL;
	}
}

char *
i18n_qn_context(const qn *q, i18n_field f, size_t index, size_t sub)
{
	const char *id, *suffix = "", *extra = "";
	const char *prefix = "";
	size_t n;
	char *s;

	if (!i18n_qn_english(q, f, index, sub))
		return NULL;
	switch (f) {
	case I18N_QN_TITLE:
	case I18N_QN_PLAN_TITLE:
		prefix = "questionnaire:";
		id = q->id;
		suffix = f == I18N_QN_TITLE ? "#title" : "#plan_title";
		break;
	case I18N_SECTION_TITLE:
	case I18N_SECTION_HEADING:
		prefix = "section:";
		id = q->sections[index].id;
		suffix = f == I18N_SECTION_HEADING ? "#heading" : "";
		break;
	default:
		id = q->items[index].id;
		switch (f) {
		case I18N_ITEM_GUIDANCE: suffix = "#guidance"; break;
		case I18N_ITEM_EXPLAIN_LABEL: suffix = "#explain_label"; break;
		case I18N_ITEM_CHOICE:
			suffix = "#choice.";
			extra = q->items[index].choices[sub].id;
			break;
		case I18N_ITEM_MSG_REQUIRED: suffix = "#messages.required"; break;
		case I18N_ITEM_MSG_MAX_LENGTH:
			suffix = "#messages.max_length";
			break;
		case I18N_ITEM_MSG_CHOICE: suffix = "#messages.choice"; break;
		case I18N_ITEM_MSG_PATTERN: suffix = "#messages.pattern"; break;
		default: break;
		}
		break;
	}
	if (!id)
		return NULL;
	n = strlen(prefix) + strlen(id) + strlen(suffix) + strlen(extra) + 1;
	s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s%s", prefix, id, suffix, extra);
	return s;
}

bool
i18n_field_has_default(i18n_field f)
{
	return f == I18N_ITEM_EXPLAIN_LABEL || f == I18N_ITEM_MSG_REQUIRED ||
	       f == I18N_ITEM_MSG_MAX_LENGTH || f == I18N_ITEM_MSG_CHOICE ||
	       f == I18N_ITEM_MSG_PATTERN;
}

/* Shared by the gettext and the catalog lookups: cat NULL and ui true
 * means gettext. */
static const char *
lookup(const i18n_cat *cat, bool ui, const qn *q, i18n_field f,
       size_t index, size_t sub)
{
	const char *en = i18n_qn_english(q, f, index, sub);
	const char *t;
	char *ctx;

	if (!en || !en[0])
		return en;
	if (!ui && !cat)
		return en;
	ctx = i18n_qn_context(q, f, index, sub);
	if (!ctx) {
		i18n_cat_missed(cat);
		return en;
	}
	t = ui ? i18n_pgettext_expr(ctx, en) : i18n_cat_get(cat, ctx, en);
	free(ctx);
	/* The loader's defaults are the program's strings, without a
	 * context. */
	if (t == en && i18n_field_has_default(f))
		t = ui ? dgettext(I18N_DOMAIN, en) : i18n_cat_get(cat, NULL, en);
	return t;
}

const char *
i18n_qn(const qn *q, i18n_field f, size_t index, size_t sub)
{
	return lookup(NULL, true, q, f, index, sub);
}

const char *
i18n_cat_qn(const i18n_cat *cat, const qn *q, i18n_field f, size_t index,
	    size_t sub)
{
	return lookup(cat, false, q, f, index, sub);
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

const char *
i18n_qn_title(const qn *q)
{
	return or_empty(i18n_qn(q, I18N_QN_TITLE, 0, 0));
}

const char *
i18n_section_title(const qn *q, size_t section)
{
	return or_empty(i18n_qn(q, I18N_SECTION_TITLE, section, 0));
}

const char *
i18n_item_title(const qn *q, size_t item)
{
	return or_empty(i18n_qn(q, I18N_ITEM_TITLE, item, 0));
}

const char *
i18n_item_guidance(const qn *q, size_t item)
{
	return or_empty(i18n_qn(q, I18N_ITEM_GUIDANCE, item, 0));
}

const char *
i18n_item_explain_label(const qn *q, size_t item)
{
	return or_empty(i18n_qn(q, I18N_ITEM_EXPLAIN_LABEL, item, 0));
}

const char *
i18n_choice_label(const qn *q, size_t item, size_t choice)
{
	return or_empty(i18n_qn(q, I18N_ITEM_CHOICE, item, choice));
}

const char *
i18n_choice_label_id(const qn *q, size_t item, const char *choice_id)
{
	if (!q || item >= q->n_items || !choice_id)
		return NULL;
	for (size_t c = 0; c < q->items[item].n_choices; c++)
		if (!strcmp(q->items[item].choices[c].id, choice_id))
			return i18n_choice_label(q, item, c);
	return NULL;
}

const char *
i18n_item_message(const qn *q, size_t item, i18n_field f)
{
	if (f < I18N_ITEM_MSG_REQUIRED || f > I18N_ITEM_MSG_PATTERN)
		return "";
	return or_empty(i18n_qn(q, f, item, 0));
}
