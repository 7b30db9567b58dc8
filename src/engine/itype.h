/* Item types: everything a type of questionnaire item knows, one module a
 * type (type_*.c) behind one table. The loader, the plan files, validation
 * and the exports ask the table; the front ends pick their widget by the
 * small input kind a type declares. A new type that reuses an input kind
 * touches only its module, the table (itype.c) and its tests. */
#ifndef AP_ITYPE_H
#define AP_ITYPE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "plan.h"
#include "qn.h"
#include "sbuf.h"
#include "ydoc.h"
#include "yemit.h"

/* What reading one stored answer gave (itype.read). */
typedef struct itype_read {
	const char *value; /* to keep (borrowed from the node or the type);
			    * NULL: nothing */
	const char *error; /* translated: the answer is refused */
	char *warning;     /* malloc'd: kept, but the user is told */
	const yd_node *at; /* where the message points; NULL: the node */
} itype_read;

/* How a front end takes an answer. */
typedef enum itype_input {
	ITYPE_TEXT, /* paragraphs: a text area, kept as a block in plan files */
	ITYPE_LINE, /* one line of text */
	ITYPE_ONE,  /* one of a list of options */
	ITYPE_MANY, /* any number of the options: the answer is a list */
} itype_input;

typedef struct itype {
	const char *name; /* as questionnaire files write it */
	itype_input input;
	/* Questionnaire keys the type takes besides the common ones. */
	bool choices;   /* choices: (its options) */
	bool explain;   /* explain: true */
	bool precision; /* precision: month | day */
	bool pattern;   /* pattern: */
	/* When an explanation is given without an answer (N_-marked). */
	const char *choose;
	/* Options (ITYPE_ONE, ITYPE_MANY; NULL otherwise): how many, the id
	 * stored in plan files, and the label in the language of messages
	 * (valid until the next call). */
	size_t (*n_options)(const qn_item *it);
	const char *(*option_id)(const qn_item *it, size_t k);
	const char *(*option_label)(const qn *q, size_t item, size_t k);
	/* A typed answer (the line mode's reply): the options it names
	 * exactly, up to max in options; returns how many (several: it is
	 * ambiguous). NULL: its number, id or label. no_match (N_-marked):
	 * what to say when nothing matches; NULL: "not one of the choices". */
	size_t (*match)(const qn_item *it, const char *text, size_t *options,
			size_t max);
	const char *no_match;
	/* How to type an answer on one line, translated (the line mode's
	 * instructions); NULL for paragraphs, which the front end explains. */
	const char *(*line_hint)(const qn_item *it);
	/* Type-to-filter for long lists of options: the options matching
	 * typed text, best first, up to max in options; returns how many
	 * match. NULL: the front end matches the labels. */
	size_t (*filter)(const qn_item *it, const char *text, size_t *options,
			 size_t max);
	/* Loading a plan file: whether the stored value is one this item can
	 * hold; when not, *why (a translated printf format with one %s, for
	 * the value as shown) says what was expected. NULL: any text. */
	bool (*stored_ok)(const qn_item *it, const char *value,
			  const char **why);
	/* Plan files, for a type whose stored form is not one text (NULL:
	 * a text, checked by stored_ok): reads the answer's node (not a
	 * null), and writes a value back in the same form. */
	void (*read)(const qn_item *it, const yd_node *n, itype_read *r);
	void (*write)(yemit *em, const qn_item *it, const char *value);
	/* Validation: the problem of an answer that has a value, translated
	 * (the questionnaire's own message where it has one), or NULL. */
	const char *(*problem)(const qn *q, size_t item, const plan_answer *a);
	/* The value as people read it, in the language of cat (NULL:
	 * English); dates as month and year when month_year. The answer has
	 * a value. NULL: the value itself. */
	void (*format)(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
		       const plan_answer *a, bool month_year);
} itype;

/* The type of an item, and by its qn_type (never NULL). */
const itype *
itype_of(const qn_item *it);
const itype *
itype_get(qn_type type);

/* The type named so in questionnaire files, with its qn_type in *type;
 * NULL when there is none. */
const itype *
itype_by_name(const char *name, qn_type *type);

/* The type names, ", "-separated, for messages. */
const char *
itype_names(void);

/* True when the item's answer is a list (ITYPE_MANY). */
bool
itype_is_many(const qn_item *it);

/* True when s is NULL or holds nothing but spaces, tabs and line ends:
 * text that does not answer. */
bool
itype_blank(const char *s);

/* True when the answer holds something: a value that is not only spaces
 * and line ends, or a list that is not empty. */
bool
itype_has_value(const qn_item *it, const plan_answer *a);

/* Index of the option with this id, or -1 (also for types without
 * options). */
long
itype_option_index(const qn_item *it, const char *id);

/* A date "YYYY-MM" or "YYYY-MM-DD", parsed strictly (the day checked
 * against the month, leap years included): false when it is not one.
 * *day is 0 for "YYYY-MM". month: only "YYYY-MM" is accepted, else only
 * "YYYY-MM-DD"; -1: either. */
bool
itype_date_parse(const char *s, int month, int *year, int *mon, int *day);

/* A date answer ("2000-03" or "2000-03-31") as people read it, appended
 * to b: "March 2000", "31 March 2000" (with month_year always the month
 * and year), in the language of cat (NULL: English), whose translation
 * picks the era: Thai gives "มีนาคม พ.ศ. 2543" (Buddhist era, the year
 * plus 543). The value itself stays Gregorian. False, with nothing
 * appended, when value is not a valid date. */
bool
itype_date_words(sbuf *b, const i18n_cat *cat, const char *value,
		 bool month_year);

/* The same in the language of messages (gettext), for the form. */
bool
itype_date_words_ui(sbuf *b, const char *value);

/* ---- Country answers (type_country.c) ----
 * A country answer's value is the alpha-3 code of a country of ISO 3166-1
 * (country.h) or, where no country matched (or iso-codes is missing),
 * the text as written. */

/* The answer's country name in a language (a plan's or the reader's), or
 * the free text itself; "" for NULL. Lives as long as value and the
 * process. */
const char *
itype_country_name(const char *value, const char *lang);

/* The answer as a file name stem, in out (size >= 48): the code in lower
 * case ("tha"), or for free text its ASCII letters and digits in lower
 * case, accents dropped, joined by '-' ("viet-nam"), with "-" and eight
 * hex digits of a hash of the text added when it has no Latin letter or
 * digit, so that two such names never share a file. "" for NULL or "". */
void
itype_country_stem(const char *value, char *out, size_t size);

/* The table's entries, for the type modules and itype.c only. */
extern const itype itype_text, itype_line, itype_email, itype_yesno,
	itype_choice, itype_multi, itype_date, itype_country;

#endif
