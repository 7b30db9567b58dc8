/* Item type "yesno": "yes" or "no", with an explanation when the
 * questionnaire asks for one. */
#include "itype.h"

#include <string.h>
#include <strings.h>

#include "intl.h"

#define XCTX "text export"

static size_t
n_options(const qn_item *it)
{
	return 2;
}

static const char *
option_id(const qn_item *it, size_t k)
{
	return k == 0 ? "yes" : "no";
}

static const char *
option_label(const qn *q, size_t item, size_t k)
{
	return k == 0 ? _("Yes") : _("No");
}

static bool
stored_ok(const qn_item *it, const char *value, const char **why)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0)
		return true;
	*why = _("expected \"yes\" or \"no\", found %s");
	return false;
}

static const char *
problem(const qn *q, size_t item, const plan_answer *a)
{
	if (strcmp(a->value, "yes") == 0 || strcmp(a->value, "no") == 0)
		return NULL;
	return _("expected yes or no");
}

static void
format(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
       const plan_answer *a, bool month_year)
{
	if (strcmp(a->value, "yes") == 0)
		sbuf_str(b, i18n_cat_get(cat, XCTX, NC_("text export", "Yes")));
	else if (strcmp(a->value, "no") == 0)
		sbuf_str(b, i18n_cat_get(cat, XCTX, NC_("text export", "No")));
	else
		sbuf_str(b, a->value);
}

static bool
word_is(const char *w, const char *a, const char *b)
{
	return strcasecmp(w, a) == 0 || (b != NULL && strcasecmp(w, b) == 0);
}

/* 1 or yes or y, 2 or no or n, in English or the language of messages. */
static size_t
match(const qn_item *it, const char *text, size_t *options, size_t max)
{
	size_t k;

	if (word_is(text, "1", NULL) || word_is(text, "yes", "y") ||
	    word_is(text, _("yes"), _("y")))
		k = 0;
	else if (word_is(text, "2", NULL) || word_is(text, "no", "n") ||
		 word_is(text, _("no"), _("n")))
		k = 1;
	else
		return 0;
	if (max > 0)
		options[0] = k;
	return 1;
}

static const char *
line_hint(const qn_item *it)
{
	return _("Type 1 or yes, 2 or no. An empty line keeps the current "
		 "answer.");
}

const itype itype_yesno = {
	.name = "yesno",
	.input = ITYPE_ONE,
	.explain = true,
	.choose = N_("choose yes or no"),
	.n_options = n_options,
	.option_id = option_id,
	.option_label = option_label,
	.stored_ok = stored_ok,
	.problem = problem,
	.format = format,
	.match = match,
	.no_match = N_("type 1 or yes, 2 or no"),
	.line_hint = line_hint,
};
