/* Catalogs of one language read straight from compiled .mo files, for
 * output in a plan's language whatever the process locale. */
#ifndef AP_CATALOG_H
#define AP_CATALOG_H

#include "diag.h"

/* The text export is in the plan's language, whatever the language of
 * messages: it must give the same bytes on every machine, and gettext
 * would follow the process locale (and ignores LANGUAGE in some). So it
 * reads the compiled catalog itself: deterministic, no locale needed. */
typedef struct i18n_cat i18n_cat;

/* Opens the catalog of language lang (a plan's code "zh-CN", or "th_TH")
 * from localedir: LL_CC/LC_MESSAGES/actionplan.mo, then LL/... . NULL when
 * lang is English, empty, not a language code, when localedir is NULL, or
 * when there is no catalog for it: the caller then prints English, which
 * is not an error. A catalog that exists but cannot be read or is damaged
 * gives NULL and a warning in diags. The file is checked (magic, every
 * offset, UTF-8, at most 16 MiB); a damaged one is never trusted. */
i18n_cat *
i18n_cat_open(const char *localedir, const char *lang, diag_list *diags);

/* The same for another gettext domain (LL/LC_MESSAGES/DOMAIN.mo), such as
 * iso-codes' "iso_3166-1"; domain must not contain '/'. */
i18n_cat *
i18n_cat_open_domain(const char *localedir, const char *domain,
		     const char *lang, diag_list *diags);

void
i18n_cat_destroy(i18n_cat *cat);

/* A lookup in cat gave the English text only because memory ran out. */
void
i18n_cat_missed(const i18n_cat *cat);

/* No lookup in cat (NULL: none) has missed for lack of memory: what was
 * written with it is wholly in its language. */
bool
i18n_cat_complete(const i18n_cat *cat);

/* The language the catalog was found under ("th", "zh_CN"). */
const char *
i18n_cat_lang(const i18n_cat *cat);

/* The translation of msgid in context ctx (NULL: none) from the catalog,
 * or msgid itself when cat is NULL, msgid is "", or it is not translated.
 * Plural entries give their first form. Lives as long as the catalog. */
const char *
i18n_cat_get(const i18n_cat *cat, const char *ctx, const char *msgid)
#if defined(__GNUC__)
	__attribute__((format_arg(3)))
#endif
	;

#endif
