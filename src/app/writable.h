/* Whether this user may save a plan where it is, and when not, why, in
 * words, with what to do: the form and the line mode then open it
 * read-only instead of refusing it. */
#ifndef AP_WRITABLE_H
#define AP_WRITABLE_H

#include <stdbool.h>

#include "diag.h"

/* Checks, before the plan's lock is taken: the folder of path is safe
 * (store_folder_safe: not changeable by other users), and the file, when
 * it exists, belongs to this user and has write permission. NULL when
 * nothing stands in the way; else a malloc'd message "read-only: ..."
 * that says why and what to run. A folder that cannot be examined at all,
 * or memory running out, gives NULL with the problem in diags. */
char *
writable_refusal(const char *path, diag_list *diags);

/* The message for a lock that could not be taken (store_lock_acquire
 * failed with the problems in lockd): "read-only: ..." when the plan can
 * still be read, because another editor holds the lock (naming it), or
 * the folder is on a read-only file system or not writable by this user;
 * NULL when the failure is of another kind (the open then fails), or with
 * an error in diags when memory ran out. */
char *
writable_lock_refusal(const char *path, const diag_list *lockd,
		      diag_list *diags);

#endif
