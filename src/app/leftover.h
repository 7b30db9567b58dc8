/* Temporary files left beside a plan by earlier writers that were killed
 * or crashed during a save: removed once the plan itself is known to be
 * whole, or, when it is not and one of them is a newer whole plan, kept
 * under a name the user is told. */
#ifndef AP_LEFTOVER_H
#define AP_LEFTOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct leftover_result {
	size_t found;    /* temporary files of gone writers */
	size_t removed;  /* of those, removed */
	char *recovered; /* PLAN.recovered-DATE.yaml kept, malloc'd, or NULL */
	char *message;   /* what the user must be told (malloc'd), or NULL */
} leftover_result;

/* Looks for the temporary files of path whose writers are gone (see
 * store_leftovers_of) and, when there are any:
 * - path loads as a whole plan (its questionnaire found in qn_dirs): they
 *   are removed;
 * - it does not (missing, cut short, broken): the newest of them that is
 *   newer than path and loads as a whole plan is renamed to
 *   PATH.recovered-YYYYMMDD-HHMMSS.yaml (its modification time, local
 *   time; "-2", "-3"... when taken), and message says so and what to do.
 *   Nothing is removed: the plan is not sound, so nothing is thrown away.
 * Call it holding path's lock, so that no writer of ours is at work.
 * Problems (a folder that cannot be read) are appended as warnings: they
 * never stop the plan from opening. Free r with leftover_result_free. */
void
leftover_clean(const char *path, const char *const *qn_dirs,
	       leftover_result *r, diag_list *diags);

void
leftover_result_free(leftover_result *r);

#endif
