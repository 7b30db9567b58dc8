/* Tests of the editing session (src/app/session.c): questionnaire folders,
 * the drafts folder, opening and saving, preloading, and finishing with
 * export names, hidden answers dropped and symlinks replaced. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit_check.h"
#include "../unit_tmp.h"
#include "session.h"

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static char *
read_all(const char *path)
{
	diag_list d = DIAG_LIST_INIT;
	size_t len;
	char *s = store_read_file(path, 1 << 24, &len, &d);

	diag_list_free(&d);
	return s;
}

static void
print_diags(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		printf("  %s\n", s != NULL ? s : d->v[i].message);
		free(s);
	}
}

static void
test_qn_dirs(void)
{
	const char *const *dirs;

	setenv("ACTIONPLAN_QUESTIONNAIRES", "/a::/b:", 1);
	dirs = session_qn_dirs();
	CHECK_MSG(dirs[0] != NULL && strcmp(dirs[0], "/a") == 0 &&
			  dirs[1] != NULL && strcmp(dirs[1], "/b") == 0,
		  "ACTIONPLAN_QUESTIONNAIRES first, empty parts skipped");
	CHECK_MSG(dirs[2] != NULL && strcmp(dirs[2], AP_SOURCE_QN_DIR) == 0,
		  "then the source tree's questionnaires/");
	CHECK_MSG(dirs[3] != NULL &&
			  strstr(dirs[3], "/questionnaires") != NULL &&
			  dirs[4] == NULL,
		  "then the installed datadir, and the end");
}

static void
test_drafts_dir(void)
{
	diag_list d = DIAG_LIST_INIT;
	char *dir;
	struct stat st;

	setenv("HOME", unit_dir, 1);
	setenv("XDG_DATA_HOME", "relative/path", 1);
	dir = session_drafts_dir(true, &d);
	CHECK_MSG(dir != NULL &&
			  strcmp(dir, unit_path(".local/share/actionplan/"
					    "drafts")) == 0,
		  "relative XDG_DATA_HOME ignored: %s", dir ? dir : "(null)");
	CHECK_MSG(dir != NULL && stat(dir, &st) == 0 &&
			  (st.st_mode & 0777) == 0700,
		  "drafts folder created with mode 0700");
	free(dir);
	setenv("XDG_DATA_HOME", unit_path("xdg"), 1);
	dir = session_drafts_dir(false, &d);
	CHECK_MSG(dir != NULL &&
			  !strcmp(dir, unit_path("xdg/actionplan/drafts")) &&
			  stat(dir, &st) != 0,
		  "absolute XDG_DATA_HOME used; not created without create");
	free(dir);
	diag_list_free(&d);
}

static session *
open_us(const char *path, diag_list *d)
{
	session *s = session_open(path, NULL, d);
	size_t copied = 0, kept = 0;
	char ref[512];

	if (s == NULL)
		return NULL;
	snprintf(ref, sizeof(ref), "%s/exports/united-states-2000.yaml",
		 getenv("AP_SOURCE_ROOT"));
	if (!session_preload(s, ref, &copied, &kept, d)) {
		session_close(s);
		return NULL;
	}
	CHECK_MSG(copied > 40 && kept == 0, "preload of a whole plan file: %zu",
		  copied);
	return s;
}

static void
test_finish(void)
{
	diag_list d = DIAG_LIST_INIT;
	val_list vl = VAL_LIST_INIT;
	char *y = NULL, *t = NULL;
	session *s;
	long country, p1, p2;
	char *bytes;
	bool ok;

	s = open_us(unit_path("fin.yaml"), &d);
	print_diags(&d);
	CHECK_MSG(s != NULL && !s->read_only && s->dirty,
		  "new draft opened, preloaded and marked changed");
	if (s == NULL)
		return;
	country = qn_item_index(s->qn, "country");
	p1 = qn_item_index(s->qn, "prosecution.1");
	p2 = qn_item_index(s->qn, "prosecution.2");
	plan_set_value(s->plan, (size_t)country,
		       "  C\xc3\xb4te d'Ivoire / TEST--Republic  ");
	/* prosecution.2 is asked only when prosecution.1 is "no". */
	plan_set_value(s->plan, (size_t)p1, "yes");
	session_changed(s);
	CHECK_MSG(session_save(s) && !s->dirty && strlen(s->saved_at) == 5 &&
			  s->save_error == NULL,
		  "saved: not dirty, saved_at %s", s->saved_at);

	mkdir(unit_path("out"), 0755);
	CHECK_MSG(symlink(unit_path("victim"),
			  unit_path("out/cote-d-ivoire-test-"
				    "republic-2000-01.txt")) == 0,
		  "symlink planted at the text export path");
	write_file(unit_path("victim"), "untouched\n");

	CHECK_MSG(session_make_final(s, unit_path("out"), &vl, &y, &t, &d),
		  "finish works");
	print_diags(&d);
	for (size_t i = 0; i < vl.n; i++)
		printf("  problem: %s\n", vl.v[i].message);
	CHECK_MSG(y != NULL &&
			  strcmp(y, unit_path("out/cote-d-ivoire-test-"
					  "republic-2000-01.yaml")) == 0,
		  "export name from country and date: %s", y ? y : "(null)");
	CHECK_MSG(s->plan->status == PLAN_FINAL && s->plan->revision == 1 &&
			  !s->dirty,
		  "final, revision 1");
	CHECK_MSG(!plan_answered(s->plan, (size_t)p2),
		  "answer of the hidden item dropped");
	bytes = read_all(unit_path("victim"));
	CHECK_MSG(bytes != NULL && strcmp(bytes, "untouched\n") == 0,
		  "symlink target untouched");
	free(bytes);
	{
		struct stat st;

		CHECK_MSG(t != NULL && lstat(t, &st) == 0 &&
				  S_ISREG(st.st_mode),
			  "symlink replaced by the export");
	}
	bytes = read_all(unit_path("fin.yaml"));
	CHECK_MSG(bytes != NULL && strstr(bytes, "prosecution.2") == NULL &&
			  strstr(bytes, "revision: 1\n") != NULL,
		  "plan file saved final without the hidden answer");
	free(bytes);
	{
		char *yb = read_all(y), *pb = read_all(unit_path("fin.yaml"));

		CHECK_MSG(yb != NULL && pb != NULL && strcmp(yb, pb) == 0,
			  "YAML export equals the final plan file");
		free(yb);
		free(pb);
	}
	free(y);
	free(t);
	y = t = NULL;

	bytes = read_all(unit_path("fin.yaml"));
	ok = session_make_final(s, unit_path("out"), &vl, &y, &t, &d);
	{
		char *again = read_all(unit_path("fin.yaml"));

		CHECK_MSG(ok && s->plan->revision == 1 && bytes != NULL &&
				  again != NULL && strcmp(bytes, again) == 0,
			  "finishing an unchanged final plan keeps revision "
			  "and file");
		free(again);
	}
	free(bytes);
	free(y);
	free(t);
	y = t = NULL;

	session_changed(s);
	CHECK_MSG(s->plan->status == PLAN_DRAFT && s->plan->revision == 1,
		  "a changed final plan is a draft again, revision kept");
	session_close(s);
	diag_list_free(&d);
	val_list_free(&vl);
}

static void
test_name_collision(void)
{
	diag_list d = DIAG_LIST_INIT;
	val_list vl = VAL_LIST_INIT;
	char *y = NULL, *t = NULL;
	session *s;
	bool ok;

	/* The draft itself is called what its export would be. */
	s = open_us(unit_path("usa-2000-01.yaml"), &d);
	CHECK_MSG(s != NULL, "draft named like its export opened");
	if (s == NULL)
		return;
	CHECK_MSG(session_save(s), "saved");
	ok = session_make_final(s, NULL, &vl, &y, &t, &d);
	CHECK_MSG(ok && y != NULL &&
			  strcmp(y, unit_path("usa-2000-01-export.yaml")) == 0,
		  "export beside the plan gets -export: %s", y ? y : "(null)");
	free(y);
	free(t);
	session_close(s);
	diag_list_free(&d);
	val_list_free(&vl);
}

static void
test_incomplete_and_lock(void)
{
	diag_list d = DIAG_LIST_INIT, d2 = DIAG_LIST_INIT;
	val_list vl = VAL_LIST_INIT;
	session *s, *s2;
	bool ok;

	s = session_open(unit_path("inc.yaml"), NULL, &d);
	CHECK_MSG(s != NULL && !s->dirty, "new plan starts not dirty");
	if (s == NULL)
		return;
	CHECK_MSG(session_save(s) && access(unit_path("inc.yaml"), F_OK) != 0,
		  "nothing written before the first change");
	ok = session_make_final(s, NULL, &vl, NULL, NULL, &d);
	CHECK_MSG(!ok && vl.n > 10 && access(unit_path("inc.yaml"), F_OK) != 0,
		  "an empty plan is not made final (%zu problems), nothing "
		  "written", vl.n);
	plan_set_value(s->plan, 0, "Ruritania");
	session_changed(s);
	CHECK_MSG(session_save(s) && access(unit_path("inc.yaml"), F_OK) == 0,
		  "written on the first save");

	s2 = session_open(unit_path("inc.yaml"), NULL, &d2);
	CHECK_MSG(s2 != NULL && s2->read_only && d2.n > 0 && d2.n_errors == 0,
		  "second session read-only with a warning");
	print_diags(&d2);
	if (s2 != NULL) {
		plan_set_value(s2->plan, 0, "Elbonia");
		session_changed(s2);
		CHECK_MSG(!session_save(s2) && s2->save_error != NULL,
			  "read-only session does not save");
		s2->dirty = false;
	}
	session_close(s2);
	session_close(s);
	diag_list_free(&d);
	diag_list_free(&d2);
	val_list_free(&vl);
}

int
main(void)
{
	if (!unit_tmp_make("session-test"))
		return 2;
	if (getenv("AP_SOURCE_ROOT") == NULL)
		setenv("AP_SOURCE_ROOT", AP_SOURCE_ROOT, 1);
	test_qn_dirs();
	test_drafts_dir();
	test_finish();
	test_name_collision();
	test_incomplete_and_lock();
	unit_tmp_remove(failures);
	return unit_result();
}
