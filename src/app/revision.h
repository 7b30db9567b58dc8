/* The next revision of a plan and the review of what it carried over,
 * for both front ends: `actionplan fill NEW --from OLD`, the start
 * screen's "New revision of ...", keeping answers as they are, and the
 * last finished revision to compare a draft with. No terminal I/O. */
#ifndef AP_REVISION_H
#define AP_REVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "qn.h"
#include "session.h"

/* Opens a session on the new plan path, the next revision of the final
 * plan in from (plan_next_revision: revision + 1, today's date, every
 * answer carried over for review), of from's questionnaire version, and
 * saves it at once. path must not exist yet. NULL, with the reason in
 * diags, when from cannot be read or is not final, when path exists, or
 * when the new plan cannot be written (a read-only session included). */
session *
revision_open(const char *path, const char *from, diag_list *diags);

/* Keeps the carried-over answer of item as it is (clears its mark), or
 * every such answer; marks the session changed when a mark went. Returns
 * whether (or how many) marks went. */
bool
revision_keep(session *s, size_t item);
size_t
revision_keep_all(session *s);

/* The last finished revision of the session's plan, to compare it with:
 * the file the plan was started from when it is still there and final,
 * else the final plan of the same questionnaire id, country and highest
 * revision (below the draft's own, for a draft) among the *.yaml files
 * of dir (NULL: the plan's folder), the plan file itself left out. Plans
 * of an older version of the questionnaire are carried over to the
 * session's version in memory. Returns the plan (of s->qn; free with
 * plan_destroy) and its file in *file (malloc'd), or NULL with a reason in
 * diags (nothing found is not an error: diags stays empty). */
plan *
revision_last_final(const session *s, const char *dir, char **file,
		    diag_list *diags);

#endif
