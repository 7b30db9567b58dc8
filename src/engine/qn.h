/* The questionnaire model: sections, items, types, constraints and
 * conditions, loaded from a questionnaire YAML file (questionnaires/README.md
 * documents the format). Nothing here knows about ARIAT. */
#ifndef AP_QN_H
#define AP_QN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "strindex.h"

typedef enum {
	QN_TEXT,   /* multi-paragraph text */
	QN_LINE,   /* one line of text (names, titles) */
	QN_YESNO,  /* "yes" or "no" */
	QN_CHOICE, /* one of choices[] */
	QN_MULTI,  /* any number of choices[] */
	QN_DATE,   /* YYYY-MM-DD, or YYYY-MM when precision is month */
	QN_EMAIL,
	QN_COUNTRY, /* a country of ISO 3166-1 (stored by its code) */
} qn_type;

typedef struct qn_choice {
	char *id;    /* stored in plan files */
	char *label; /* shown to people */
} qn_choice;

typedef struct qn_item {
	char *id;       /* stable, e.g. "prevention.6" */
	char *number;   /* as printed, e.g. "6"; "" when unnumbered */
	char *title;    /* word for word, without a trailing colon */
	char *guidance; /* what a complete answer covers; may be "" */
	qn_type type;
	bool required;
	bool explain;          /* yes/no or choice with an explanation text */
	char *explain_label;   /* e.g. "Explanation"; never NULL */
	bool month_precision;  /* QN_DATE: YYYY-MM */
	size_t max_length;     /* in characters (grapheme clusters, see
				* validate_char_count); 0 = none */
	qn_choice *choices;    /* QN_CHOICE, QN_MULTI */
	size_t n_choices;
	char *pattern;         /* POSIX extended regex on the value, or NULL */
	/* private: the pattern compiled by the loader (qn_pattern_match) */
	struct qn_regex *pattern_re;
	/* Messages, each never NULL (defaults filled in by the loader). */
	char *msg_required;
	char *msg_max_length;  /* a printf format: at most one %zu (the
				* limit) and %%, nothing else (checked) */
	char *msg_choice;
	char *msg_pattern;
	/* Condition: shown only when item when_item's answer value is one of
	 * when_values (any of them, for QN_MULTI). when_item < 0: always. */
	long when_item;
	char **when_values;
	size_t n_when_values;
	size_t section;     /* index into qn.sections */
	unsigned long line; /* where the item starts in the questionnaire */
	unsigned long col;
} qn_item;

typedef struct qn_section {
	char *id;
	char *title;    /* shown in outlines, e.g. "Prevention" */
	char *heading;  /* printed in the text export, e.g. "PREVENTION"; may be "" */
	char **keys;    /* short names to go to items: "P", "prev" */
	size_t n_keys;
	bool details;   /* answers stored under `details:` in plan files */
	size_t first;   /* index of the first item in qn.items */
	size_t n_items;
} qn_section;

typedef struct qn {
	char *path;       /* file it was loaded from */
	char *id;         /* e.g. "ariat-2000" */
	long version;     /* >= 1 */
	char *title;      /* e.g. "ARIAT Country Action Plan" */
	char *language;   /* language of the questionnaire text, e.g. "en" */
	/* Title of a plan in the text export. {ITEM-ID} is replaced by that
	 * item's answer; date items print as "January 2000". */
	char *plan_title;
	/* Items with a role the program needs; -1 when the questionnaire has
	 * none. */
	long country_item;
	long date_item;
	long language_item;
	qn_section *sections;
	size_t n_sections;
	qn_item *items; /* all items, in questionnaire order */
	size_t n_items;
	strindex index; /* private: item lookup by id */
} qn;

/* Loads and checks a questionnaire. NULL on any error (all problems found
 * appended to diags, each with file:line:col and the item). The caller owns
 * the result and frees it with qn_destroy. */
qn *
qn_load(const char *path, diag_list *diags);
qn *
qn_load_buffer(const char *name, const char *data, size_t len,
	       diag_list *diags);

void
qn_destroy(qn *q);

/* Index of the item with this id, or -1. */
long
qn_item_index(const qn *q, const char *id);

/* Index of the item named by a reference such as "P6", "prev 6",
 * "prevention.6" or "Prevention 6" (section key, id or title, ASCII
 * case-insensitive, then the number), or -1. In a section without numbers
 * the number is the position ("D1"); a section name alone gives its first
 * item. */
long
qn_find_ref(const qn *q, const char *ref);

/* Label of a choice id of an item, or NULL. */
const char *
qn_choice_label(const qn_item *item, const char *choice_id);

/* Looks for the questionnaire with this id and version in the folders dirs
 * (NULL-terminated, searched in order; every *.yaml file not starting with
 * '.' is tried, by name order; the first match wins). Returns it loaded, or
 * NULL with a problem saying what was found instead (another version, or
 * nothing). Other files are read quietly; when the matching file itself
 * has mistakes, those are reported instead. version <= 0 asks for the
 * highest version there is (the first found of equal ones). */
qn *
qn_find(const char *const *dirs, const char *id, long version,
	diag_list *diags);

/* Every questionnaire in the folders dirs (searched in order, files by
 * name as qn_find does), loaded: broken files are passed over quietly, and
 * an id and version already found is not taken again. At most max. The
 * array (*out, malloc'd) and each questionnaire are the caller's (free
 * each with qn_destroy, then the array). Returns how many. */
size_t
qn_load_all(const char *const *dirs, size_t max, qn ***out);

/* Whether value matches the item's pattern as a whole: 1 when it does
 * (or the item has no pattern), 0 when not, -1 when the pattern cannot be
 * compiled or memory runs out. qn_load compiles each pattern once. */
int
qn_pattern_match(const qn_item *it, const char *value);

/* Name of a type as written in questionnaire files ("text", "yesno", ...). */
const char *
qn_type_name(qn_type type);

#endif
