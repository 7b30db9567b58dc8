/* Saving a session's plan: the file is replaced only while it is still the
 * one read or last saved here; otherwise the plan goes to a conflict copy
 * and the user is told what happened and what to do. */
#include "session_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "planio.h"
#include "sbuf.h"
#include "store.h"

/* Names tried for a conflict copy (PATH.conflict-PID.yaml, then -2...). */
#define CONFLICT_TRIES 20

/* What to tell the user when the plan was changed by another program. */
static char *
conflict_notice(const char *path, const char *copy)
{
	char *qp = malloc(STORE_QUOTED_MAX), *qc = malloc(STORE_QUOTED_MAX);
	sbuf b = SBUF_INIT;

	if (qp == NULL || qc == NULL) {
		free(qp);
		free(qc);
		return NULL;
	}
	{
		store_quote_path(path, qp, STORE_QUOTED_MAX);
		store_quote_path(copy, qc, STORE_QUOTED_MAX);
		sbuf_printf(&b, _("%s was changed by another program after it "
				  "was opened here, so it was not written over. "
				  "Your answers are saved in %s instead, now and "
				  "at every later save. To see what differs, "
				  "run: actionplan diff %s %s; then keep the one "
				  "you want (to keep yours: mv %s %s)."),
			    path, copy, qp, qc, qc, qp);
	}
	free(qp);
	free(qc);
	return sbuf_take(&b, NULL);
}

/* Writes data to a new PATH.conflict-PID.yaml (never over an existing
 * file); its name, or NULL with the problem. */
static char *
write_conflict(session *s, const char *data, size_t len, diag_list *diags)
{
	size_t size = strlen(s->path) + 64;
	char *cp = malloc(size);
	store_id none = {.exists = false}, now;

	if (cp == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s"),
			       s->path);
		return NULL;
	}
	for (int k = 1; k <= CONFLICT_TRIES; k++) {
		diag_list d = DIAG_LIST_INIT;
		bool ok, taken;

		if (k == 1)
			snprintf(cp, size, "%s.conflict-%ld.yaml", s->path,
				 (long)getpid());
		else
			snprintf(cp, size, "%s.conflict-%ld-%d.yaml", s->path,
				 (long)getpid(), k);
		ok = store_write_checked(cp, data, len, &none, &now, &d);
		taken = !ok && d.n > 0 && d.v[0].sys_errno == STORE_ECHANGED;
		if (!taken || k == CONFLICT_TRIES) {
			diag_list_move(diags, &d);
			diag_list_free(&d);
			if (!ok)
				break;
			s->disk = now;
			return cp;
		}
		diag_list_free(&d);
	}
	free(cp);
	return NULL;
}

bool
session_write_plan(session *s, const plan *p, diag_list *diags)
{
	diag_list d = DIAG_LIST_INIT;
	const char *target = s->conflict_path ? s->conflict_path : s->path;
	size_t len = 0;
	char *data = planio_encode(p, target, &len, diags);
	store_id now;
	bool ok = false;
	char *cp;

	if (data == NULL)
		goto out;
	if (store_write_checked(target, data, len, &s->disk, &now, &d)) {
		s->disk = now;
		ok = true;
		goto out;
	}
	if (s->conflict_path != NULL || d.n == 0 ||
	    d.v[0].sys_errno != STORE_ECHANGED) {
		diag_list_move(diags, &d);
		goto out;
	}
	cp = write_conflict(s, data, len, diags);
	if (cp == NULL)
		goto out;
	s->conflict_path = cp;
	free(s->notice);
	s->notice = conflict_notice(s->path, cp);
	ok = true;
out:
	diag_list_free(&d);
	free(data);
	return ok;
}

