/* Translation of the program's own messages (gettext, domain "actionplan"):
 * the macros every layer marks its strings with, and the language of
 * messages (--lang). No project dependencies, so that the lowest layer can
 * translate its messages too. po/README.md says how the template and the
 * translations are made. */
#ifndef AP_INTL_H
#define AP_INTL_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define I18N_DOMAIN "actionplan"

/* The program's strings. dgettext rather than gettext: the engine is a
 * library and must not depend on the program calling textdomain(). xgettext
 * knows these through the --keyword arguments in po/meson.build:
 *   _("text")            translate now
 *   N_("text")           only mark (tables); translate with _() when used
 *   C_("context", "text")  translate with a context, for short words that
 *                        mean different things in different places
 *   NC_("context", "text") only mark; translate with
 *                        i18n_pgettext_expr(context, text)
 *   dngettext(I18N_DOMAIN, "one", "many", n)  plurals
 * A comment starting with "TRANSLATORS:" just before the string goes to the
 * translators. */
#ifndef _
#define _(s) dgettext(I18N_DOMAIN, s)
#endif
#ifndef N_
#define N_(s) (s)
#endif
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)
#define NC_(ctx, s) (s)

/* What C_ expands to: the translation of ctx_msgid ("context\004text"), or
 * msgid when there is none. */
const char *
i18n_pgettext(const char *ctx_msgid, const char *msgid)
#if defined(__GNUC__)
	__attribute__((format_arg(2)))
#endif
	;

/* The same with the context known only at run time. The result lives as
 * long as the process (or is msgid itself). */
const char *
i18n_pgettext_expr(const char *ctx, const char *msgid)
#if defined(__GNUC__)
	__attribute__((format_arg(2)))
#endif
	;

/* ---- Setting up (the program's main) ---- */

/* setlocale(LC_ALL, ""), bindtextdomain(I18N_DOMAIN, localedir) with UTF-8
 * output whatever the locale's charset (the engine's text is UTF-8), and
 * i18n_set_localedir(localedir). The program still calls textdomain(). */
void
i18n_init(const char *localedir);

/* Folder of compiled catalogs (<lang>/LC_MESSAGES/actionplan.mo) that
 * the text export reads (i18n_cat_open); NULL (the default) means exports
 * stay English. */
void
i18n_set_localedir(const char *localedir);
const char *
i18n_localedir(void);

/* --lang LANG: makes LANG ("th", "vi", "zh-CN", "zh_CN", "en") the language
 * of messages. Sets LANGUAGE (gettext's own override), then puts
 * LC_MESSAGES in a locale of that language when one is installed
 * (th_TH.UTF-8, vi_VN.UTF-8, zh_CN.UTF-8, LANG_LANG.UTF-8 otherwise), and
 * else, when LC_MESSAGES is "C" or "POSIX" (where gettext ignores
 * LANGUAGE), in C.UTF-8, which honours LANGUAGE on glibc 2.36; LC_CTYPE
 * becomes C.UTF-8 when it is not UTF-8, so translations can be shown.
 * False (nothing changed) when LANG is not a language code. */
bool
i18n_set_ui_language(const char *lang);

/* The language messages are shown in, as a plan's language code: "en",
 * "th", "vi", "zh-CN" (the region is kept for Chinese only, where it tells
 * the script). From --lang, else LANGUAGE's first entry (unless the
 * LC_MESSAGES locale is C or POSIX, where gettext ignores it), else the
 * LC_MESSAGES locale's language; "en" for C, POSIX and C.UTF-8. Static
 * storage. This is what a new plan's language item should start as. */
const char *
i18n_ui_language(void);

/* Turns a language code or locale name ("zh-CN", "zh_cn.UTF-8", "th",
 * "th_TH@x") into gettext's form ("zh_CN", "th_TH", "th") in buf. False
 * when it is not one (only letters and digits in '-'/'_'-separated
 * parts, a 2- or 3-letter language first). */
bool
i18n_normalize_lang(const char *lang, char *buf, size_t size);

#endif
