/* The language of collect's outputs: their own words from the compiled
 * catalog of the chosen language, whatever the language of messages, and
 * the item labels and dates they show. */
#include "collect_int.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "itype.h"

bool
collect_lang_open(collect_lang *lg, const char *lang, diag_list *diags)
{
	char norm[32];
	size_t n;

	lg->cat = NULL;
	if (lang == NULL)
		lang = i18n_ui_language();
	if (!i18n_normalize_lang(lang, norm, sizeof(norm))) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
			 _("--lang takes a language code such as th, vi, "
			   "zh-CN or en"));
		return false;
	}
	/* The attribute's form: "zh-CN", not gettext's "zh_CN". */
	memcpy(lg->code, norm, sizeof(lg->code));
	for (n = 0; lg->code[n]; n++)
		if (lg->code[n] == '_')
			lg->code[n] = '-';
	if (strncmp(norm, "en", 2) == 0 && (norm[2] == '\0' || norm[2] == '_'))
		return true;
	lg->cat = i18n_cat_open(i18n_localedir(), norm, diags);
	if (lg->cat == NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("no translation into %s is installed: the outputs "
			   "can be in en, th, vi or zh-CN"),
			 lang);
		return false;
	}
	/* Chinese keeps its region (the script); others are the
	 * language alone, as the catalog was found. */
	snprintf(lg->code, sizeof(lg->code), "%.31s", i18n_cat_lang(lg->cat));
	for (n = 0; lg->code[n]; n++)
		if (lg->code[n] == '_')
			lg->code[n] = '-';
	return true;
}

void
collect_lang_close(collect_lang *lg)
{
	i18n_cat_destroy(lg->cat);
	lg->cat = NULL;
}

const char *
collect_tr(const collect_lang *lg, const char *msgid)
{
	return i18n_cat_get(lg->cat, NULL, msgid);
}

const char *
collect_trc(const collect_lang *lg, const char *ctx, const char *msgid)
{
	return i18n_cat_get(lg->cat, ctx, msgid);
}

const char *
collect_ntr(const collect_lang *lg, const char *one, const char *many,
	    unsigned long n)
{
	/* A catalog gives a plural entry's first form, which is its only
	 * form in Thai, Vietnamese and Chinese. */
	if (lg->cat)
		return i18n_cat_get(lg->cat, NULL, one);
	return n == 1 ? one : many;
}

void
collect_item_label(sbuf *b, const collect_lang *lg, const qn *q,
		   size_t item)
{
	const qn_item *it = &q->items[item];

	if (it->number[0])
		sbuf_printf(b, collect_trc(lg, "item label",
					      NC_("item label", "%s %s")),
			       i18n_cat_qn(lg->cat, q, I18N_SECTION_TITLE,
					   it->section, 0),
			       it->number);
	else
		sbuf_str(b, i18n_cat_qn(lg->cat, q, I18N_ITEM_TITLE, item, 0));
}

void
collect_date(sbuf *b, const collect_lang *lg, const char *stamp,
	     bool month_year)
{
	char day[11];

	if (stamp && strlen(stamp) >= 10) {
		memcpy(day, stamp, 10);
		day[10] = '\0';
		if (itype_date_words(b, lg->cat, day, month_year))
			return;
	}
	sbuf_str(b, stamp ? stamp : "");
}
