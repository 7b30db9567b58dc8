/* The questionnaire loader's own parts, shared by its files: qn.c (the
 * questionnaire, its roles and sections), qn_fields.c (reading and
 * checking one field of a mapping) and qn_items.c (items, their choices,
 * messages and conditions). Not for use outside the loader. */
#ifndef AP_QN_LOAD_H
#define AP_QN_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "qn_int.h"
#include "ydoc.h"

#define FORMAT_PREFIX "actionplan-questionnaire/"
#define FORMAT_VERSION 1
#define MAX_ITEMS 10000
#define MAX_SECTIONS 1000
#define MAX_KEYS 16
#define MAX_CHOICES 1000
#define MAX_WHEN_VALUES 1000
#define MAX_TEXT 65536        /* bytes in a title, guidance, message... */
#define MAX_SHORT 32          /* bytes in a number or a section key */
#define MAX_VERSION 1000000000L
#define MAX_MAX_LENGTH 10000000L

typedef struct loader {
	const char *name;
	diag_list *diags;
	bool failed;
	qn *q;
	const yd_node **when_nodes; /* per item, checked once all are known */
	const yd_node *roles;
	const yd_node *plan_title_node;
} loader;

void
qnl_err(loader *ld, const yd_node *at, const char *item, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

char *
qnl_dup_text(loader *ld, const char *s, const yd_node *at);

/* Reports every key of map not in allowed (NULL-terminated). */
void
qnl_check_keys(loader *ld, const yd_node *map, const char *const *allowed,
	   const char *where, const char *item);

/* The value of key, or NULL; when required, a missing key is reported at
 * the mapping. */
const yd_node *
qnl_field(loader *ld, const yd_node *map, const char *key, bool required,
      const char *where, const char *item);

/* The value of key when it is of this kind. NULL when absent (an error
 * when required) or of another kind (an error). */
const yd_node *
qnl_get_kind(loader *ld, const yd_node *map, const char *key, bool required,
	 const char *where, const char *item, yd_kind kind);

/* A text value. Absent or null: *out stays NULL (an error if required). */
void
qnl_get_text(loader *ld, const yd_node *map, const char *key, bool required,
	 const char *where, const char *item, char **out);

/* Like get_text, for ids (letters, digits, '-', '.', '_'). */
void
qnl_get_id(loader *ld, const yd_node *map, const char *key, const char *where,
       const char *item, char **out);

void
qnl_get_bool(loader *ld, const yd_node *map, const char *key, const char *item,
	 bool *out);

/* A whole number in [min, max]; absent leaves *out. */
void
qnl_get_count(loader *ld, const yd_node *map, const char *key, bool required,
	  const char *where, const char *item, long min, long max, long *out);

/* Index of the item with this id, or -1. */
long
qnl_index_find(const qn *q, const char *id);

/* Checks the item's pattern and keeps it compiled for validation. */
void
qnl_check_pattern(loader *ld, const yd_node *at, qn_item *it);

/* The max_length message is used as a printf format by whoever shows it:
 * it may hold one %zu and %% and nothing else. */
bool
qnl_safe_size_format(const char *s);

/* Fills *it from an item mapping. Problems are reported; what could be
 * read is kept so that later checks (duplicates, conditions) still run. */
void
qnl_load_item(loader *ld, const yd_node *node, qn_item *it, size_t section);

void
qnl_load_when(loader *ld, size_t idx);

#endif
