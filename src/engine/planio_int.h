/* Private parts of plan files shared by planio.c (the header, answers and
 * the writer) and planio_marks.c (the marks of format 2: based_on,
 * not_applicable, carried_over). Not for use outside src/engine. */
#ifndef AP_PLANIO_INT_H
#define AP_PLANIO_INT_H

/* What every plan file's "format" starts with; the number follows. */
#define FORMAT_PREFIX "actionplan-plan/"

#include <stdbool.h>

#include "diag.h"
#include "plan.h"
#include "ydoc.h"
#include "yemit.h"

/* A whole non-negative decimal number, digits only, that fits. */
bool
planio_parse_ulong(const char *s, unsigned long *out);

/* Top-level keys of the marks, NULL-terminated. */
extern const char *const planio_mark_keys[];

/* Reads the marks of root into p (whose answers are loaded). format is
 * the file's: format 1 has no marks, and a mark there is an error. Every
 * problem goes to diags with its place and item; false when there was an
 * error. */
bool
planio_marks_read(const char *name, const yd_node *root, long format,
		  plan *p, diag_list *diags);

/* Writes based_on (after the revision) and the marks of answers (after
 * the answers), each only when there is something to write. */
void
planio_marks_write_base(yemit *em, const plan *p);
void
planio_marks_write(yemit *em, const plan *p);

#endif
