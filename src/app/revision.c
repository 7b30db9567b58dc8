/* The next revision of a plan (`fill NEW --from OLD`, "New revision of
 * ..."), keeping carried-over answers, and finding the last finished
 * revision a draft is compared with. */
#include "revision.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "loadplan.h"
#include "migrate.h"
#include "planio.h"
#include "store.h"

/* Files of a folder looked at for the last finished revision: a folder is
 * not trusted to be small. */
#define MAX_FILES 2000

session *
revision_open(const char *path, const char *from, diag_list *diags)
{
	struct stat st;
	qn *oq = NULL;
	plan *old = NULL, *next = NULL;
	session *s = NULL;
	char *abs = NULL;

	if (lstat(path, &st) == 0 || errno != ENOENT) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 _("a new revision goes into a new file, and this one "
			   "exists already"));
		return NULL;
	}
	old = loadplan(from, session_qn_dirs(), &oq, NULL, diags);
	if (old == NULL)
		goto fail;
	if (old->status != PLAN_FINAL) {
		diag_add(diags, DIAG_ERROR, from, 0, 0, NULL, "%s",
			 _("this plan is a draft: a new revision starts from "
			   "a final plan (finish it first, or go on with it)"));
		goto fail;
	}
	/* The file is named as it will be found again from another folder
	 * (the draft may live in the drafts folder). */
	abs = realpath(from, NULL);
	next = plan_next_revision(old, abs != NULL ? abs : from);
	if (next == NULL) {
		diag_add(diags, DIAG_ERROR, from, 0, 0, NULL, "%s",
			 _("out of memory, or the revision cannot be raised "
			   "any more"));
		goto fail;
	}
	s = session_open(path, oq->id, diags);
	if (s == NULL)
		goto fail;
	if (s->read_only) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 _("the new plan cannot be written here"));
		goto fail;
	}
	/* The session opened a new plan of the newest version; the new
	 * revision keeps the version of the plan it comes from (the form
	 * then offers to carry it over). */
	plan_destroy(s->plan);
	qn_destroy(s->qn);
	s->qn = oq;
	s->plan = next;
	oq = NULL;
	next = NULL;
	s->lang_default = false;
	session_changed(s);
	if (!session_save(s)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 s->save_error != NULL ? s->save_error : "?");
		goto fail;
	}
	goto out;
fail:
	session_close(s);
	s = NULL;
out:
	free(abs);
	plan_destroy(next);
	plan_destroy(old);
	qn_destroy(oq);
	return s;
}

bool
revision_keep(session *s, size_t item)
{
	if (item >= s->qn->n_items || !s->plan->answers[item].carried)
		return false;
	plan_keep(s->plan, item);
	session_changed(s);
	return true;
}

size_t
revision_keep_all(session *s)
{
	size_t n = plan_keep_all(s->plan);

	if (n > 0)
		session_changed(s);
	return n;
}

/* The final plan in path, of questionnaire id and country, when its
 * revision is below max: loaded, carried over to version to when older.
 * NULL otherwise. */
static plan *
final_of(const char *path, const char *id, const char *country, long to,
	 unsigned long max)
{
	diag_list d = DIAG_LIST_INIT;
	qn *q = NULL, *q2 = NULL;
	plan *p = loadplan(path, session_qn_dirs(), &q, NULL, &d), *m = NULL;

	if (p == NULL || p->status != PLAN_FINAL || p->revision >= max ||
	    strcmp(q->id, id) != 0 || q->version > to ||
	    (country != NULL &&
	     (plan_country(p) == NULL || strcmp(plan_country(p), country))))
		goto out;
	if (q->version == to) {
		m = p;
		p = NULL;
		q = NULL; /* kept with the plan: see revision_last_final */
	} else {
		m = migrate_plan(p, to, &q2, NULL, NULL, &d);
		if (m != NULL)
			q2 = NULL;
	}
out:
	qn_destroy(q2);
	plan_destroy(p);
	qn_destroy(q);
	diag_list_free(&d);
	return m;
}

/* A plan found by final_of owns its questionnaire through this table:
 * plans given out keep a pointer to theirs, which must live as long. */
static void
free_with_qn(plan *p)
{
	qn *q = (qn *)p->qn;

	plan_destroy(p);
	qn_destroy(q);
}

/* The same plan of s->qn: answers moved over item by item (same ids). */
static plan *
rebase(const session *s, plan *found)
{
	plan *c = plan_create(s->qn);

	if (c == NULL)
		return NULL;
	for (size_t i = 0; i < s->qn->n_items; i++) {
		const plan_answer *a = &found->answers[i];

		if (a->n_values > 0)
			plan_set_values(c, i, (const char *const *)a->values,
					a->n_values);
		plan_set_value(c, i, a->value);
		plan_set_explanation(c, i, a->explanation);
		plan_set_not_applicable(c, i, a->na_reason);
	}
	c->status = found->status;
	c->revision = found->revision;
	memcpy(c->created, found->created, sizeof(c->created));
	memcpy(c->modified, found->modified, sizeof(c->modified));
	return c;
}

static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

plan *
revision_last_final(const session *s, const char *dir, char **file,
		    diag_list *diags)
{
	const plan *p = s->plan;
	unsigned long max = p->status == PLAN_FINAL ? p->revision
			    : p->has_base ? p->revision
					  : p->revision + 1;
	plan *best = NULL, *found, *result = NULL;
	char *own_dir = NULL, *slash;
	DIR *dh = NULL;
	struct dirent *de;
	size_t n = 0;

	*file = NULL;
	if (p->base_file != NULL && !same_file(p->base_file, s->path)) {
		best = final_of(p->base_file, s->qn->id, NULL, s->qn->version,
				max);
		if (best != NULL && (*file = strdup(p->base_file)) == NULL) {
			free_with_qn(best);
			best = NULL;
		}
	}
	if (best == NULL) {
		if (dir == NULL) {
			own_dir = strdup(s->path);
			slash = own_dir != NULL ? strrchr(own_dir, '/') : NULL;
			if (slash != NULL)
				*slash = '\0';
			else if (own_dir != NULL)
				strcpy(own_dir, ".");
			dir = own_dir;
		}
		dh = dir != NULL ? opendir(dir) : NULL;
	}
	while (dh != NULL && (de = readdir(dh)) != NULL && n++ < MAX_FILES) {
		size_t len = strlen(de->d_name);
		char *path;

		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		path = store_join(dir, de->d_name);
		if (path == NULL || same_file(path, s->path)) {
			free(path);
			continue;
		}
		found = final_of(path, s->qn->id, plan_country(p),
				 s->qn->version, max);
		/* The highest revision; of equal ones, the name first in
		 * byte order, so the choice does not depend on readdir. */
		if (found != NULL &&
		    (best == NULL || found->revision > best->revision ||
		     (found->revision == best->revision &&
		      strcmp(path, *file) < 0))) {
			if (best != NULL)
				free_with_qn(best);
			free(*file);
			best = found;
			*file = path;
			path = NULL;
		} else if (found != NULL) {
			free_with_qn(found);
		}
		free(path);
	}
	if (dh != NULL)
		closedir(dh);
	if (best != NULL) {
		result = rebase(s, best);
		free_with_qn(best);
		if (result == NULL)
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
				 _("out of memory"));
	}
	if (result == NULL) {
		free(*file);
		*file = NULL;
	}
	free(own_dir);
	return result;
}
