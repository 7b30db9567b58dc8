/* Tests of what guards a plan on disk besides the atomic write: temporary
 * names that carry their writer's pid, finding the leftovers of writers
 * that are gone, writes that refuse to replace a file changed behind our
 * back, one-shot writes that honour the lock, and folders other users can
 * change (StrictModes). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "storetest.h"

/* The pid of a process that has ended (and was reaped). */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static void
put_temp(const char *base, long pid, const char *text)
{
	put_file(at(".%s.%ld.AbC123", base, pid), text, 0600);
}

static void
test_names(void)
{
	char *name = NULL;
	size_t blen = 0;
	long pid = 0;
	char want[64];
	int dfd = open(st_scratch, O_RDONLY | O_DIRECTORY);
	int fd;

	fd = store_temp_open(dfd, "plan.yaml", 0600, &name);
	CHECK(fd >= 0 && name != NULL);
	snprintf(want, sizeof(want), ".plan.yaml.%ld.", (long)getpid());
	CHECK(name && strncmp(name, want, strlen(want)) == 0 &&
	      strlen(name) == strlen(want) + 6);
	CHECK(name && store_temp_parse(name, "plan.yaml", &blen, &pid) &&
	      blen == 9 && pid == (long)getpid());
	CHECK(name && store_temp_parse(name, NULL, NULL, NULL));
	CHECK(name && !store_temp_parse(name, "plan.yml", NULL, NULL));
	CHECK(name && !store_temp_parse(name, "lan.yaml", NULL, NULL));
	if (fd >= 0)
		close(fd);
	if (name)
		unlinkat(dfd, name, 0);
	free(name);

	/* Not ours: the old form without a pid, wrong lengths, a pid of
	 * 0 or with a leading zero, a name without its leading dot. */
	CHECK(!store_temp_parse(".plan.yaml.AbC123", NULL, NULL, NULL));
	CHECK(!store_temp_parse(".plan.yaml.12.AbC12", NULL, NULL, NULL));
	CHECK(!store_temp_parse(".plan.yaml.12.AbC1234", NULL, NULL, NULL));
	CHECK(!store_temp_parse(".plan.yaml.0.AbC123", NULL, NULL, NULL));
	CHECK(!store_temp_parse(".plan.yaml.012.AbC123", NULL, NULL, NULL));
	CHECK(!store_temp_parse("plan.yaml.12.AbC123", NULL, NULL, NULL));
	CHECK(!store_temp_parse(".plan.yaml.12.AbC-23", NULL, NULL, NULL));
	CHECK(!store_temp_parse(".plan.yaml.99999999999.AbC123", NULL, NULL,
				NULL));
	CHECK(!store_temp_parse("..12.AbC123", NULL, NULL, NULL));
	CHECK(store_temp_parse(".x.12.AbC123", "x", &blen, &pid) &&
	      blen == 1 && pid == 12);

	/* A name at NAME_MAX: the temporary name keeps the first 200
	 * bytes, and still names that file. */
	{
		char base[256];

		memset(base, 'n', 255);
		base[255] = '\0';
		fd = store_temp_open(dfd, base, 0600, &name);
		CHECK(fd >= 0 && name != NULL && strlen(name) < 256);
		CHECK(name && store_temp_parse(name, base, &blen, NULL) &&
		      blen == STORE_TEMP_BASE_MAX);
		if (fd >= 0)
			close(fd);
		if (name)
			unlinkat(dfd, name, 0);
		free(name);
	}
	close(dfd);

	CHECK(!store_pid_gone((long)getpid()));
	CHECK(!store_pid_gone(1));
	CHECK(store_pid_gone((long)dead_pid()));
	CHECK(!store_pid_gone(0) && !store_pid_gone(-5));
}

static void
test_leftovers(void)
{
	diag_list dl = DIAG_LIST_INIT;
	store_leftovers l = STORE_LEFTOVERS_INIT;
	bool held;
	pid_t gone = dead_pid(), alive = spawn_holder(at("other.yaml"), &held);
	const char *plan = at("plan.yaml");

	CHECK(held);

	put_file(plan, "plan\n", 0600);
	put_temp("plan.yaml", gone, "killed during a save\n");
	put_temp("plan.yaml", alive, "still being written\n");
	put_temp("plan.yaml", getpid(), "ours\n");
	put_temp("plan.yml", gone, "another file's\n");
	put_temp("plan.yaml.conflict-7.yaml", gone, "another file's\n");
	CHECK(symlink("plan.yaml", at(".plan.yaml.%ld.LnK123", (long)gone)) ==
	      0);
	CHECK(mkdir(at(".plan.yaml.%ld.DiR123", (long)gone), 0700) == 0);

	/* Only the regular file of a writer that is gone. */
	CHECK(store_leftovers_of(plan, &l, &dl) && dl.n == 0);
	CHECK(l.n == 1);
	CHECK(l.n == 1 && strcmp(l.v[0].path, at(".plan.yaml.%ld.AbC123",
						 (long)gone)) == 0);
	CHECK(l.n == 1 && l.v[0].size == 21);
	CHECK(store_leftovers_remove(&l) == 1);
	CHECK(access(at(".plan.yaml.%ld.AbC123", (long)gone), F_OK) != 0);
	CHECK(access(at(".plan.yaml.%ld.AbC123", (long)alive), F_OK) == 0);
	CHECK(access(at(".plan.yaml.%ld.LnK123", (long)gone), F_OK) == 0);
	store_leftovers_free(&l);

	/* Every base, as collect looks through its folders. */
	CHECK(store_leftovers_in(st_scratch, NULL, NULL, &l, &dl));
	CHECK(l.n == 2);
	store_leftovers_free(&l);

	/* A folder that cannot be read. */
	CHECK(!store_leftovers_of(at("missing/plan.yaml"), &l, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == ENOENT && l.n == 0);
	diag_list_free(&dl);
	kill(alive, SIGKILL);
	waitpid(alive, NULL, 0);
}

static void
test_checked(void)
{
	diag_list dl = DIAG_LIST_INIT;
	const char *p = at("checked.yaml");
	store_id id, now, none = {.exists = false};
	struct timespec later[2];

	/* A new file where none was expected; the identity returned is
	 * the one stat sees afterwards. */
	CHECK(store_id_of(p, &id, &dl) && !id.exists);
	CHECK(store_write_checked(p, "one\n", 4, &id, &now, &dl));
	CHECK(store_id_of(p, &id, &dl) && store_id_same(&id, &now));
	CHECK(id.size == 4);
	/* Saved again by us: fine. */
	CHECK(store_write_checked(p, "two\n", 4, &id, &now, &dl));
	CHECK(file_is(p, "two\n", 4) && dl.n == 0);
	id = now;

	/* Replaced by another program (a new inode). */
	put_file(at("theirs"), "theirs\n", 0600);
	CHECK(rename(at("theirs"), p) == 0);
	CHECK(!store_write_checked(p, "three\n", 6, &id, &now, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == STORE_ECHANGED);
	CHECK(strstr(last_message(&dl), "changed by another program") !=
	      NULL);
	CHECK(file_is(p, "theirs\n", 7) && count_dot_files(st_scratch) == 0);
	diag_list_clear(&dl);

	/* Changed in place (same inode, another size). */
	CHECK(store_id_of(p, &id, &dl));
	put_file(p, "theirs, longer\n", 0600);
	CHECK(!store_write_checked(p, "three\n", 6, &id, NULL, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == STORE_ECHANGED);
	diag_list_clear(&dl);

	/* Same size, only the time moved on. */
	CHECK(store_id_of(p, &id, &dl));
	later[0].tv_sec = later[1].tv_sec = id.mtime.tv_sec + 10;
	later[0].tv_nsec = later[1].tv_nsec = 0;
	CHECK(utimensat(AT_FDCWD, p, later, 0) == 0);
	CHECK(!store_write_checked(p, "three\n", 6, &id, NULL, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == STORE_ECHANGED);
	diag_list_clear(&dl);

	/* Removed: said so, and not created again. */
	CHECK(store_id_of(p, &id, &dl));
	CHECK(unlink(p) == 0);
	CHECK(!store_write_checked(p, "three\n", 6, &id, NULL, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == STORE_ECHANGED &&
	      strstr(last_message(&dl), "removed or moved") != NULL);
	CHECK(access(p, F_OK) != 0);
	diag_list_clear(&dl);

	/* Expected missing, but created meanwhile. */
	put_file(p, "new\n", 0600);
	CHECK(!store_write_checked(p, "mine\n", 5, &none, NULL, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == STORE_ECHANGED);
	CHECK(file_is(p, "new\n", 4) && count_dot_files(st_scratch) == 0);
	diag_list_free(&dl);
}

static void
test_locked(void)
{
	diag_list dl = DIAG_LIST_INIT;
	const char *p = at("export.yaml");
	char want[128];
	pid_t holder;
	bool held;

	CHECK(store_write_locked(p, "first\n", 6, &dl) && dl.n == 0);
	CHECK(file_is(p, "first\n", 6));
	CHECK(access(at("export.yaml.lock"), F_OK) != 0);

	holder = spawn_holder(p, &held);
	CHECK(held);
	CHECK(!store_write_locked(p, "second\n", 7, &dl));
	CHECK(store_lock_busy(&dl));
	snprintf(want, sizeof(want), "(pid %ld,", (long)holder);
	CHECK(strstr(last_message(&dl), want) != NULL);
	CHECK(file_is(p, "first\n", 6));
	diag_list_clear(&dl);
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	CHECK(store_write_locked(p, "second\n", 7, &dl) && dl.n == 0);
	CHECK(file_is(p, "second\n", 7) && !store_lock_busy(&dl));

	/* Not into a folder every user can change. */
	CHECK(mkdir(at("open"), 0755) == 0 && chmod(at("open"), 0777) == 0);
	CHECK(!store_write_locked(at("open/x.yaml"), "x\n", 2, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == EPERM && !store_lock_busy(&dl));
	CHECK(access(at("open/x.yaml"), F_OK) != 0 &&
	      access(at("open/x.yaml.lock"), F_OK) != 0);
	diag_list_free(&dl);
}

/* The folder is refused, with a message holding each of the words. */
static void
check_unsafe(const char *dir, const char *w1, const char *w2, int line)
{
	diag_list dl = DIAG_LIST_INIT;
	bool ok = store_folder_safe(dir, &dl);

	CHECK_MSG(!ok && dl.n == 1 && dl.v[0].sys_errno == EPERM &&
			  strstr(last_message(&dl), w1) != NULL &&
			  strstr(last_message(&dl), w2) != NULL,
		  "line %d: %s: %s", line, dir,
		  ok ? "accepted" : last_message(&dl));
	diag_list_free(&dl);
}

static void
test_safe(void)
{
	diag_list dl = DIAG_LIST_INIT;
	char quoted[STORE_QUOTED_MAX], want[4200];
	struct group *nogroup = getgrnam("nogroup");

	CHECK(mkdir(at("mine"), 0700) == 0);
	CHECK(store_folder_safe(at("mine"), &dl) && dl.n == 0);
	CHECK(store_folder_safe("/tmp", &dl) && dl.n == 0);

	CHECK(chmod(at("mine"), 0777) == 0);
	snprintf(want, sizeof(want), "run chmod 700 %s", at("mine"));
	check_unsafe(at("mine"), "(mode 0777)", want, __LINE__);
	/* The sticky bit (as on /tmp): others may not replace our files. */
	CHECK(chmod(at("mine"), 01777) == 0);
	CHECK(store_folder_safe(at("mine"), &dl) && dl.n == 0);

	/* A folder above that others can change. */
	CHECK(chmod(at("mine"), 0777) == 0);
	CHECK(mkdir(at("mine/inner"), 0700) == 0);
	snprintf(want, sizeof(want), "run chmod go-w %s", at("mine"));
	check_unsafe(at("mine/inner"), "above", want, __LINE__);
	CHECK(chmod(at("mine"), 0700) == 0);
	CHECK(store_folder_safe(at("mine/inner"), &dl) && dl.n == 0);

	/* Group-writable: fine for the owner's own group, not for one
	 * that others are in. */
	CHECK(chmod(at("mine"), 0770) == 0);
	if (nogroup != NULL && geteuid() == 0 &&
	    chown(at("mine"), (uid_t)-1, nogroup->gr_gid) == 0) {
		check_unsafe(at("mine"), "(mode 0770)", "chmod 700", __LINE__);
		CHECK(chown(at("mine"), (uid_t)-1, getegid()) == 0);
	}

	/* Another user's folder (root can make one). */
	if (geteuid() == 0) {
		CHECK(chmod(at("mine"), 0755) == 0);
		CHECK(chown(at("mine/inner"), 65534, 65534) == 0);
		check_unsafe(at("mine/inner"), "belongs to user",
			     "a folder of your own", __LINE__);
		CHECK(chown(at("mine/inner"), 0, 0) == 0);
	} else {
		fprintf(stderr, "not root: another user's folder not tried\n");
	}

	CHECK(!store_folder_safe(at("absent"), &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == ENOENT);
	diag_list_free(&dl);

	store_quote_path("/home/ana/plans", quoted, sizeof(quoted));
	CHECK(strcmp(quoted, "/home/ana/plans") == 0);
	store_quote_path("/tmp/my plans/it's", quoted, sizeof(quoted));
	CHECK(strcmp(quoted, "'/tmp/my plans/it'\\''s'") == 0);
	store_quote_path("", quoted, sizeof(quoted));
	CHECK(strcmp(quoted, "''") == 0);
}

int
main(int argc, char **argv)
{
	static const unit_group groups[] = {
		{"names", test_names},
		{"leftovers", test_leftovers},
		{"checked", test_checked},
		{"locked", test_locked},
		{"safe", test_safe},
	};

	return st_main(argc, argv, groups, sizeof groups / sizeof *groups);
}
