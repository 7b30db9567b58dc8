/* Parts of the session shared by its files (session.c, session_save.c).
 * Not for the front ends. */
#ifndef AP_SESSION_INT_H
#define AP_SESSION_INT_H

#include "session.h"

/* Writes p where the session's saves go (path, or conflict_path once set),
 * never over a file another program changed since it was read or saved
 * here (s->disk): that plan goes to a new PATH.conflict-PID.yaml beside it
 * instead, conflict_path is set so that later saves go there too, and
 * notice says what happened and what to do. s->disk follows every write.
 * False with the problem (and its cause) in diags. */
bool
session_write_plan(session *s, const plan *p, diag_list *diags);

#endif
