/* Item types "choice" (one of the questionnaire's choices) and "multi"
 * (any number of them, stored as a list in questionnaire order). */
#include "itype.h"

#include <string.h>

#include "i18n.h"

#define XCTX "text export"

static size_t
n_options(const qn_item *it)
{
	return it->n_choices;
}

static const char *
option_id(const qn_item *it, size_t k)
{
	return it->choices[k].id;
}

static const char *
option_label(const qn *q, size_t item, size_t k)
{
	return i18n_choice_label(q, item, k);
}

/* The label of a stored id in cat's language; the id itself when the item
 * has no such choice (the loader refuses unknown ids: show it rather than
 * lose it). */
static const char *
label(const i18n_cat *cat, const qn *q, size_t item, const char *id)
{
	long k = itype_option_index(&q->items[item], id);

	return k < 0 ? id : i18n_cat_qn(cat, q, I18N_ITEM_CHOICE, item,
					(size_t)k);
}

static bool
stored_ok(const qn_item *it, const char *value, const char **why)
{
	*why = NULL; /* the loader lists the choices */
	return itype_option_index(it, value) >= 0;
}

static const char *
problem(const qn *q, size_t item, const plan_answer *a)
{
	const qn_item *it = &q->items[item];
	bool ok = true;

	if (itype_is_many(it)) {
		for (size_t i = 0; i < a->n_values && ok; i++)
			ok = itype_option_index(it, a->values[i]) >= 0;
	} else {
		ok = itype_option_index(it, a->value) >= 0;
	}
	return ok ? NULL : i18n_item_message(q, item, I18N_ITEM_MSG_CHOICE);
}

static void
format(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
       const plan_answer *a, bool month_year)
{
	if (!itype_is_many(&q->items[item])) {
		sbuf_str(b, label(cat, q, item, a->value));
		return;
	}
	for (size_t i = 0; i < a->n_values; i++) {
		if (i)
			/* TRANSLATORS: between the choices of an answer
			 * ("Prevention, Protection"). */
			sbuf_str(b, i18n_cat_get(cat, XCTX,
						 NC_("text export", ", ")));
		sbuf_str(b, label(cat, q, item, a->values[i]));
	}
}

static const char *
line_hint(const qn_item *it)
{
	if (itype_is_many(it))
		return _("Type the numbers or names of every choice that "
			 "applies, separated by commas (, ， 、), semicolons or "
			 "spaces. An empty line keeps the current answer.");
	return _("Type the number or the name of one choice. An empty line "
		 "keeps the current answer.");
}

const itype itype_choice = {
	.name = "choice",
	.input = ITYPE_ONE,
	.choices = true,
	.explain = true,
	.choose = N_("choose one of the choices"),
	.n_options = n_options,
	.option_id = option_id,
	.option_label = option_label,
	.stored_ok = stored_ok,
	.problem = problem,
	.format = format,
	.line_hint = line_hint,
};

const itype itype_multi = {
	.name = "multi",
	.input = ITYPE_MANY,
	.choices = true,
	.explain = true,
	.choose = N_("choose one or more of the choices"),
	.n_options = n_options,
	.option_id = option_id,
	.option_label = option_label,
	.problem = problem,
	.format = format,
	.line_hint = line_hint,
};
