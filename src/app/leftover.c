/* Cleaning up after writers that were killed during a save: their
 * temporary files go, or the one that holds newer work is kept. */
#define _GNU_SOURCE /* renameat2 */
#include "leftover.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "loadplan.h"
#include "sbuf.h"
#include "store.h"

/* Names tried for the recovered copy before giving up. */
#define RECOVER_TRIES 20

/* The file loads as a whole plan of an installed questionnaire. */
static bool
whole_plan(const char *path, const char *const *qn_dirs)
{
	diag_list d = DIAG_LIST_INIT;
	qn *q = NULL;
	plan *p = loadplan(path, qn_dirs, &q, NULL, &d);
	bool ok = p != NULL;

	plan_destroy(p);
	qn_destroy(q);
	diag_list_free(&d);
	return ok;
}

static bool
newer(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* Moves from to to unless to exists (then EEXIST). */
static int
move_new(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return errno;
	/* A file system without RENAME_NOREPLACE: a hard link refuses an
	 * existing name just as well. */
	if (link(from, to) != 0)
		return errno;
	unlink(from);
	return 0;
}

/* Renames the leftover to PATH.recovered-DATE.yaml; the new name, or NULL
 * with a problem. */
static char *
keep_as_recovered(const char *path, const store_leftover *l,
		  diag_list *diags)
{
	char date[32];
	struct tm tm;
	time_t t = l->mtime.tv_sec;
	size_t size = strlen(path) + sizeof(".recovered-") + sizeof(date) + 16;
	char *to = malloc(size);
	int err = ENOMEM;

	if (to == NULL)
		goto fail;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof(date), "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(date, sizeof(date), "%lld", (long long)t);
	for (int k = 1; k <= RECOVER_TRIES; k++) {
		if (k == 1)
			snprintf(to, size, "%s.recovered-%s.yaml", path, date);
		else
			snprintf(to, size, "%s.recovered-%s-%d.yaml", path,
				 date, k);
		err = move_new(l->path, to);
		if (err != EEXIST)
			break;
	}
	if (err == 0)
		return to;
fail:
	diag_add_errno(diags, NULL, err,
		       _("cannot keep %s, a newer copy of %s left by an "
			 "interrupted save"), l->path, path);
	free(to);
	return NULL;
}

static void
as_warnings(diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity == DIAG_ERROR) {
			d->v[i].severity = DIAG_WARNING;
			d->n_errors--;
		}
	}
}

static char *
recovered_message(const char *path, const char *copy)
{
	sbuf b = SBUF_INIT;

	sbuf_printf(&b, _("%s could not be read as a whole plan, but a save "
			  "that was interrupted left a newer, whole copy of "
			  "it: it is kept as %s. Look at it with: actionplan "
			  "check %s; to go on from it, move it over the plan: "
			  "mv %s %s"), path, copy, copy, copy, path);
	return sbuf_take(&b, NULL);
}

void
leftover_clean(const char *path, const char *const *qn_dirs,
	       leftover_result *r, diag_list *diags)
{
	store_leftovers l = STORE_LEFTOVERS_INIT;
	diag_list d = DIAG_LIST_INIT;
	store_id plan_id;
	const store_leftover *best = NULL;

	memset(r, 0, sizeof(*r));
	store_leftovers_of(path, &l, &d);
	r->found = l.n;
	if (l.n == 0)
		goto out;
	if (whole_plan(path, qn_dirs)) {
		r->removed = store_leftovers_remove(&l);
		goto out;
	}
	if (!store_id_of(path, &plan_id, &d))
		goto out;
	/* The newest whole one newer than the plan: the work last saved. */
	for (;;) {
		const store_leftover *pick = NULL;

		for (size_t i = 0; i < l.n; i++) {
			const store_leftover *c = &l.v[i];

			if (c->path == NULL ||
			    (plan_id.exists && !newer(&c->mtime, &plan_id.mtime)))
				continue;
			if (pick == NULL || newer(&c->mtime, &pick->mtime))
				pick = c;
		}
		if (pick == NULL)
			break;
		if (whole_plan(pick->path, qn_dirs)) {
			best = pick;
			break;
		}
		/* Not whole (cut short by the kill): try the next one. */
		free(l.v[pick - l.v].path);
		l.v[pick - l.v].path = NULL;
	}
	if (best == NULL)
		goto out;
	r->recovered = keep_as_recovered(path, best, &d);
	if (r->recovered != NULL) {
		r->message = recovered_message(path, r->recovered);
		if (r->message == NULL)
			diag_add_errno(&d, NULL, ENOMEM, "%s", r->recovered);
	}
out:
	as_warnings(&d);
	diag_list_move(diags, &d);
	diag_list_free(&d);
	store_leftovers_free(&l);
}

void
leftover_result_free(leftover_result *r)
{
	free(r->recovered);
	free(r->message);
	r->recovered = r->message = NULL;
}
