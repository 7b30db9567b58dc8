/* Translations: the gettext macros for the program's own strings (domain
 * "actionplan"), the run-time lookup of a questionnaire's text, the user's
 * language (--lang), and catalogs of one language read straight from .mo
 * files, for exports in a plan's language whatever the process locale.
 * po/README.md says how the template and the translations are made. */
#ifndef AP_I18N_H
#define AP_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "qn.h"

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

/* ---- A questionnaire's own text ----
 * The YAML file is the English source. qn-extract (src/i18n/qn-extract.c)
 * writes every text of it into po/questionnaires.pot with a context that
 * names where it comes from; at run time the same context and the English
 * text give the translation. Contexts (ids contain neither '#' nor ':'):
 *   questionnaire:ID#title        questionnaire:ID#plan_title
 *   section:ID                    section:ID#heading
 *   ITEM-ID                       (the item's title)
 *   ITEM-ID#guidance              ITEM-ID#explain_label
 *   ITEM-ID#choice.CHOICE-ID      ITEM-ID#messages.required (.max_length,
 *                                 .choice, .pattern)
 * An explanation label or message the file leaves out gets the loader's
 * English default, which is not extracted: it is one of the program's own
 * strings, looked up without a context. Empty texts stay empty. Every
 * lookup falls back to the English text. */
typedef enum {
	I18N_QN_TITLE,          /* q->title (index, sub unused) */
	I18N_QN_PLAN_TITLE,     /* q->plan_title; keeps its {ITEM-ID}s */
	I18N_SECTION_TITLE,     /* q->sections[index].title */
	I18N_SECTION_HEADING,   /* q->sections[index].heading */
	I18N_ITEM_TITLE,        /* q->items[index].title */
	I18N_ITEM_GUIDANCE,
	I18N_ITEM_EXPLAIN_LABEL,
	I18N_ITEM_CHOICE,       /* q->items[index].choices[sub].label */
	I18N_ITEM_MSG_REQUIRED, /* q->items[index].msg_required */
	I18N_ITEM_MSG_MAX_LENGTH,
	I18N_ITEM_MSG_CHOICE,
	I18N_ITEM_MSG_PATTERN,
} i18n_field;

/* The English text of a field (a pointer into q), or NULL when index or
 * sub is out of range or the field is absent (no plan_title). */
const char *
i18n_qn_english(const qn *q, i18n_field f, size_t index, size_t sub);

/* The field's context (see above), malloc'd; NULL when out of range or out
 * of memory. */
char *
i18n_qn_context(const qn *q, i18n_field f, size_t index, size_t sub);

/* True for the fields whose English may be the loader's default (explain
 * label, messages). */
bool
i18n_field_has_default(i18n_field f);

/* The field in the language of messages (gettext; see i18n_ui_language):
 * the translation, or the English text; NULL only when out of range. The
 * result lives as long as q and the process. */
const char *
i18n_qn(const qn *q, i18n_field f, size_t index, size_t sub);

/* Shorthands for the front ends (index out of range gives "" here). */
const char *
i18n_qn_title(const qn *q);
const char *
i18n_section_title(const qn *q, size_t section);
const char *
i18n_section_heading(const qn *q, size_t section);
const char *
i18n_item_title(const qn *q, size_t item);
const char *
i18n_item_guidance(const qn *q, size_t item);
const char *
i18n_item_explain_label(const qn *q, size_t item);
/* Label of choice number `choice` of the item. */
const char *
i18n_choice_label(const qn *q, size_t item, size_t choice);
/* Label of the item's choice with this id; NULL when there is none. */
const char *
i18n_choice_label_id(const qn *q, size_t item, const char *choice_id);
/* One of the item's messages: f is I18N_ITEM_MSG_*. A max_length message
 * keeps its "%zu" (validate.c fills it in). */
const char *
i18n_item_message(const qn *q, size_t item, i18n_field f);

/* ---- Catalogs of one language, read from .mo files ----
 * The text export is in the plan's language, whatever the language of
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

/* i18n_qn from a catalog (NULL: English). */
const char *
i18n_cat_qn(const i18n_cat *cat, const qn *q, i18n_field f, size_t index,
	    size_t sub);

#endif
