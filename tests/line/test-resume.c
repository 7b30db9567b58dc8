/* Tests of where a plan reopens (src/app/resume.c): the position file in
 * $XDG_STATE_HOME/actionplan/positions (or ~/.local/state), taken back
 * only while the plan file is unchanged; missing, stale, foreign or
 * garbled files are refused; the plan file itself is never touched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../unit_check.h"
#include "../unit_tmp.h"
#include "resume.h"
#include "store.h"

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static char *
read_all(const char *path)
{
	diag_list d = DIAG_LIST_INIT;
	char *s = store_read_file(path, 1 << 20, NULL, &d);

	diag_list_free(&d);
	return s;
}

int
main(void)
{
	diag_list d = DIAG_LIST_INIT;
	resume_pos pos = {NULL, 0, 0}, got;
	char *plan, *state, *before, *text;
	const char *want;
	struct timespec ts[2];

	if (!unit_tmp_make("ap-resume"))
		return 1;
	setenv("XDG_STATE_HOME", unit_path("state"), 1);
	plan = strdup(unit_path("plan.yaml"));
	write_file(plan, "format: plan\n");
	before = read_all(plan);

	/* Nothing recorded yet. */
	CHECK(!resume_load(plan, &got));
	CHECK(got.item == NULL);

	/* Recorded, then taken back; the plan file is the same bytes. */
	pos.item = "protection.3";
	pos.field = 1;
	pos.cursor = 42;
	CHECK(resume_save(plan, &pos, &d));
	CHECK(d.n == 0);
	state = resume_state_path(plan, false, &d);
	want = unit_path("state/actionplan/positions/");
	CHECK(state && strncmp(state, want, strlen(want)) == 0);
	CHECK(resume_load(plan, &got));
	CHECK(got.item && !strcmp(got.item, "protection.3"));
	CHECK(got.field == 1 && got.cursor == 42);
	resume_pos_free(&got);
	text = read_all(plan);
	CHECK(text && !strcmp(text, before));
	free(text);

	/* The same plan by another path. */
	CHECK(chdir(unit_dir) == 0);
	CHECK(resume_load("./plan.yaml", &got));
	resume_pos_free(&got);

	/* The plan changed since (another editor, the line mode): stale. */
	write_file(plan, "format: plan\nchanged: yes\n");
	CHECK(!resume_load(plan, &got));
	CHECK(resume_save(plan, &pos, &d));
	CHECK(resume_load(plan, &got));
	resume_pos_free(&got);
	/* Only the modification time changed: stale too. */
	ts[0].tv_sec = ts[1].tv_sec = 946684800;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	CHECK(utimensat(AT_FDCWD, plan, ts, 0) == 0);
	CHECK(!resume_load(plan, &got));

	/* Garbled or hostile position files are refused. */
	CHECK(resume_save(plan, &pos, &d));
	write_file(state, "actionplan-position 1\nplan /x\n");
	CHECK(!resume_load(plan, &got));
	write_file(state, "not a position\n");
	CHECK(!resume_load(plan, &got));
	CHECK(resume_save(plan, &pos, &d));
	text = read_all(state);
	if (text) {
		char *c = strstr(text, "cursor ");

		if (c)
			strcpy(c, "cursor 99999999999999999999999\n");
		write_file(state, text);
		free(text);
	}
	CHECK(!resume_load(plan, &got));
	CHECK(resume_save(plan, &pos, &d));
	text = read_all(state);
	if (text) {
		char *f = strstr(text, "field ");

		if (f)
			f[6] = '7';
		write_file(state, text);
		free(text);
	}
	CHECK(!resume_load(plan, &got));

	/* A missing plan has no position. */
	unlink(plan);
	CHECK(!resume_load(plan, &got));
	CHECK(!resume_save(plan, &pos, &d));

	/* Without XDG_STATE_HOME: ~/.local/state. */
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", unit_path("home"), 1);
	write_file(plan, "x\n");
	CHECK(resume_save(plan, &pos, &d));
	CHECK(access(unit_path("home/.local/state/actionplan/positions"),
		     F_OK) == 0);
	CHECK(resume_load(plan, &got));
	resume_pos_free(&got);

	diag_list_free(&d);
	free(state);
	free(plan);
	free(before);
	unit_tmp_remove(failures);
	return unit_result();
}
