/* Exports of a plan: the YAML export (the plan file, final) and the plain
 * text laid out like the source document. */
#ifndef AP_EXPORT_H
#define AP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "utext.h"

typedef struct export_options {
	bool draft;        /* mark the text as a draft */
	size_t width;      /* wrap column; 0 = 72 */
} export_options;

/* The text export: title, each section heading, "N. Title:" and the
 * answer's paragraphs, wrapped by display width. Deterministic. Returns a
 * malloc'd NUL-terminated buffer (length in *len) or NULL with a problem. */
char *
export_text(const plan *p, const export_options *opt, size_t *len,
	    diag_list *diags);

/* The YAML export: a copy of the plan with status final, serialized. */
char *
export_yaml(const plan *p, size_t *len, diag_list *diags);

/* "January 2000" from "2000-01" or "2000-01-31"; NULL if not a date. */
char *
export_month_year(const char *date);

#endif
