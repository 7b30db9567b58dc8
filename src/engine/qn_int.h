/* Private parts shared by the questionnaire's files (qn.c the loader,
 * qn_pattern.c, qn_ref.c, qn_find.c). Not for use outside src/engine. */
#ifndef AP_QN_INT_H
#define AP_QN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "qn.h"
#include "ydoc.h"

#define MAX_ID 200 /* bytes in an id */

/* Checks and builds the questionnaire in the tree root of file name (see
 * qn_load); NULL, with the reasons in diags, when it is not usable. */
qn *
qn_load_tree(const char *name, const yd_node *root, diag_list *diags);

/* True when s (len bytes) is a usable id: 1 to MAX_ID letters, digits,
 * '-', '.' and '_'. */
bool
qn_id_ok(const char *s, size_t len);

/* Reads and checks migrate_from (node may be NULL: none) into
 * q->migrate_from, once every item of q is known. False, with the
 * problems in diags, when it is not usable. */
bool
qn_migration_load(const char *name, const yd_node *node, qn *q,
		  diag_list *diags);

/* Frees what qn_migration_load kept. */
void
qn_migration_free(qn_migration *m);

/* ASCII letters compared without case; other bytes as they are. */
bool
ascii_ieq(const char *a, const char *b);

/* A compiled item pattern (qn_item.pattern_re). */
struct qn_regex;

/* Checks pattern as an item's pattern and compiles it, anchored to the
 * whole value, into *out (free with qn_regex_free). False when it is not
 * usable: *out is NULL and msg holds why, translated. */
bool
qn_pattern_compile(const char *pattern, struct qn_regex **out, char *msg,
		   size_t size);

/* NULL is a no-op. */
void
qn_regex_free(struct qn_regex *r);

#endif
