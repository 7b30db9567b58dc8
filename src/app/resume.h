/* Where an official stopped in a plan, on this machine: the item, the
 * field and the cursor, kept outside the plan file (so that a plan file is
 * the same bytes for the same answers) in $XDG_STATE_HOME/actionplan/
 * positions/, one small file a plan, written atomically. A position is
 * only taken back while the plan file is the one it was written after
 * (same device, inode, size and modification time). No terminal here. */
#ifndef AP_RESUME_H
#define AP_RESUME_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct resume_pos {
	char *item;    /* the item's id (malloc'd) */
	int field;     /* the form's field of the item (0, 1) */
	size_t cursor; /* byte offset in that field's text */
} resume_pos;

/* Records the position for the plan at plan_path, as the file is now
 * (call after its last save). False with a problem in diags when the
 * state folder or file cannot be written. */
bool
resume_save(const char *plan_path, const resume_pos *pos, diag_list *diags);

/* The position recorded for plan_path, into *pos (resume_pos_free it).
 * False when there is none, it cannot be read, it is not one, or the plan
 * file has changed since (stale): the caller then starts as usual. */
bool
resume_load(const char *plan_path, resume_pos *pos);

void
resume_pos_free(resume_pos *pos);

/* The file that keeps the position of plan_path (malloc'd), NULL when no
 * state folder can be found (or out of memory). create: the folder is
 * made. */
char *
resume_state_path(const char *plan_path, bool create, diag_list *diags);

#endif
