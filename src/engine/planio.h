/* Plan files: loading them safely and writing them deterministically. The
 * format is documented in questionnaires/README.md ("Plan files"). */
#ifndef AP_PLANIO_H
#define AP_PLANIO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "ydoc.h"

/* What a plan file says about itself, read before its questionnaire is
 * known. Strings owned by the struct; free with planio_header_finish. */
typedef struct planio_header {
	long format;          /* format version */
	char *qn_id;
	long qn_version;
	plan_status status;
	unsigned long revision;
	char *country;        /* from details, may be NULL */
	char *modified;       /* may be NULL */
} planio_header;

void
planio_header_finish(planio_header *h);

/* Reads only the header of a parsed plan document. false (with problems)
 * when the document is not a plan file, or of a newer format. */
bool
planio_read_header(const char *name, const yd_node *root, planio_header *out,
		   diag_list *diags);

/* Builds a plan for questionnaire q from a parsed document. Unknown item ids,
 * wrong value types, unknown choices, a questionnaire id or version other
 * than q's, are reported as errors with file:line:col and the item. Returns
 * NULL when any error was found. */
plan *
planio_from_tree(const char *name, const yd_node *root, const qn *q,
		 diag_list *diags);

/* Parse + header + from_tree. */
plan *
planio_load(const char *path, const qn *q, diag_list *diags);
plan *
planio_load_buffer(const char *name, const char *data, size_t len,
		   const qn *q, diag_list *diags);

/* Serializes the plan: same plan, same bytes. Returns a malloc'd,
 * NUL-terminated buffer (length in *len), or NULL with a problem. */
char *
planio_serialize(const plan *p, size_t *len, diag_list *diags);

/* Serializes, parses the bytes back and checks they give the same plan,
 * then writes them atomically and durably to path (store_write_atomic).
 * On any failure the old file is untouched and the reason is in diags. */
bool
planio_save(const plan *p, const char *path, diag_list *diags);

#endif
