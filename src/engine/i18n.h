/* Translations as the engine and the front ends use them: the program's
 * messages (intl.h), catalogs of one language (catalog.h), and a
 * questionnaire's own text in the language of messages or of a catalog. */
#ifndef AP_I18N_H
#define AP_I18N_H

#include "catalog.h"
#include "intl.h"
#include "qn.h"

/* ---- A questionnaire's own text ----
 * The YAML file is the English source. qn-extract (po/qn-extract.c)
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

/* i18n_qn from a catalog (NULL: English). */
const char *
i18n_cat_qn(const i18n_cat *cat, const qn *q, i18n_field f, size_t index,
	    size_t sub);

#endif
