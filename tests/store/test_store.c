/* Tests of src/store: bytes and modes on disk after atomic writes, bounded
 * reads, mkdir -p, and the plan lock between two real processes. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "storetest.h"

static void
test_write(void)
{
	diag_list dl = DIAG_LIST_INIT;
	struct stat st, st2;
	const char *p = at("plan.yaml");
	char *big;
	size_t i;

	/* A new file. */
	CHECK(store_write_atomic(p, "hello\n", 6, &dl));
	CHECK(dl.n == 0);
	CHECK(file_is(p, "hello\n", 6));
	CHECK(stat(p, &st) == 0 && (st.st_mode & 07777) == 0600);
	CHECK(S_ISREG(st.st_mode));

	/* Replaced by a longer, a shorter and an empty content: a new inode
	 * each time, so readers never see a half-written file. */
	CHECK(store_write_atomic(p, "a longer second version\n", 24, &dl));
	CHECK(file_is(p, "a longer second version\n", 24));
	CHECK(stat(p, &st2) == 0 && st2.st_ino != st.st_ino);
	CHECK(store_write_atomic(p, "x", 1, &dl));
	CHECK(file_is(p, "x", 1));
	CHECK(store_write_atomic(p, "", 0, &dl));
	CHECK(file_is(p, "", 0));
	CHECK(dl.n == 0);

	/* Binary data, NULs included, larger than any single buffer. */
	big = malloc(3 << 20);
	if (big == NULL)
		abort();
	for (i = 0; i < (3u << 20); i++)
		big[i] = (char)(i * 2654435761u >> 13);
	CHECK(store_write_atomic(p, big, 3 << 20, &dl));
	CHECK(file_is(p, big, 3 << 20));
	free(big);

	/* An existing 0644 file becomes 0600: the documented policy. */
	put_file(at("public.yaml"), "old\n", 0644);
	CHECK(store_write_atomic(at("public.yaml"), "new\n", 4, &dl));
	CHECK(stat(at("public.yaml"), &st) == 0 &&
	      (st.st_mode & 07777) == 0600);
	CHECK(file_is(at("public.yaml"), "new\n", 4));

	/* A symlink at the destination is replaced; its target untouched. */
	put_file(at("target.txt"), "TARGET\n", 0644);
	CHECK(symlink("target.txt", at("link.yaml")) == 0);
	CHECK(store_write_atomic(at("link.yaml"), "mine\n", 5, &dl));
	CHECK(lstat(at("link.yaml"), &st) == 0 && S_ISREG(st.st_mode));
	CHECK(file_is(at("link.yaml"), "mine\n", 5));
	CHECK(file_is(at("target.txt"), "TARGET\n", 7));
	CHECK(stat(at("target.txt"), &st) == 0 &&
	      (st.st_mode & 07777) == 0644);

	/* A dangling symlink: no file is created where it points. */
	CHECK(symlink("nowhere.txt", at("dangling.yaml")) == 0);
	CHECK(store_write_atomic(at("dangling.yaml"), "d\n", 2, &dl));
	CHECK(lstat(at("dangling.yaml"), &st) == 0 && S_ISREG(st.st_mode));
	CHECK(access(at("nowhere.txt"), F_OK) != 0 && errno == ENOENT);

	/* A name near NAME_MAX still gets a temporary name that fits. */
	{
		char name[256];

		memset(name, 'n', 255);
		name[255] = '\0';
		CHECK(store_write_atomic(at("%s", name), "long\n", 5, &dl));
		CHECK(file_is(at("%s", name), "long\n", 5));
	}

	/* A relative path, resolved against the working folder. */
	{
		char cwd[4096];

		CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
		CHECK(chdir(st_scratch) == 0);
		CHECK(store_write_atomic("relative.yaml", "rel\n", 4, &dl));
		CHECK(chdir(cwd) == 0);
		CHECK(file_is(at("relative.yaml"), "rel\n", 4));
	}
	CHECK(dl.n == 0);
	CHECK(count_dot_files(st_scratch) == 0);

	/* A folder at the destination: rename fails, nothing is left. */
	CHECK(mkdir(at("sub"), 0755) == 0);
	put_file(at("sub/inside"), "keep\n", 0644);
	CHECK(!store_write_atomic(at("sub"), "z\n", 2, &dl));
	CHECK(dl.n == 1 && dl.n_errors == 1 && dl.v[0].sys_errno == EISDIR);
	{
		char want[4200];

		snprintf(want, sizeof(want),
			 "cannot write %s: renaming the temporary file over "
			 "it: %s", at("sub"), strerror(EISDIR));
		CHECK_MSG(strcmp(last_message(&dl), want) == 0,
			  "got: %s\nwant: %s", last_message(&dl), want);
	}
	CHECK(file_is(at("sub/inside"), "keep\n", 5));
	CHECK(count_dot_files(st_scratch) == 0);
	diag_list_clear(&dl);

	/* A path that names a folder by its form. */
	CHECK(!store_write_atomic(at("sub/"), "z\n", 2, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == EISDIR);
	diag_list_clear(&dl);

	/* A missing folder. */
	CHECK(!store_write_atomic(at("missing/plan.yaml"), "z\n", 2, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == ENOENT);
	CHECK(strstr(last_message(&dl), ": opening its folder: ") != NULL);
	diag_list_free(&dl);
}

static void
test_read(void)
{
	diag_list dl = DIAG_LIST_INIT;
	size_t len = 12345;
	char *s;
	pid_t pid;

	put_file(at("r.txt"), "abc\ndef\n", 0644);
	s = store_read_file(at("r.txt"), 1000, &len, &dl);
	CHECK(s != NULL && len == 8 && memcmp(s, "abc\ndef\n", 9) == 0);
	free(s);

	/* Exactly at the limit is fine; one byte below is not. */
	s = store_read_file(at("r.txt"), 8, NULL, &dl);
	CHECK(s != NULL && strcmp(s, "abc\ndef\n") == 0);
	free(s);
	CHECK(dl.n == 0);
	s = store_read_file(at("r.txt"), 7, &len, &dl);
	CHECK(s == NULL && dl.n == 1);
	CHECK(strstr(last_message(&dl), "larger than the limit of 7 bytes"));
	diag_list_clear(&dl);

	/* Empty file, also with a limit of 0. */
	put_file(at("empty.txt"), "", 0644);
	s = store_read_file(at("empty.txt"), 0, &len, &dl);
	CHECK(s != NULL && len == 0 && s[0] == '\0');
	free(s);

	/* Bigger than the first buffer, with NULs. */
	{
		static char data[100000];
		size_t i;

		for (i = 0; i < sizeof(data); i++)
			data[i] = (char)(i % 251);
		CHECK(store_write_atomic(at("bin"), data, sizeof(data), &dl));
		s = store_read_file(at("bin"), sizeof(data), &len, &dl);
		CHECK(s != NULL && len == sizeof(data) &&
		      memcmp(s, data, len) == 0 && s[len] == '\0');
		free(s);
	}

	/* Symlinks are followed when reading. */
	CHECK(symlink("r.txt", at("r-link")) == 0);
	s = store_read_file(at("r-link"), 100, &len, &dl);
	CHECK(s != NULL && len == 8);
	free(s);
	CHECK(dl.n == 0);

	/* A FIFO nobody writes to must be refused at once, not read: a
	 * watchdog child kills us if the call blocks. */
	CHECK(mkfifo(at("fifo"), 0600) == 0);
	pid = fork();
	if (pid == 0) {
		sleep(5);
		kill(getppid(), SIGKILL);
		_exit(0);
	}
	s = store_read_file(at("fifo"), 100, &len, &dl);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK(s == NULL && dl.n == 1);
	CHECK(strstr(last_message(&dl), "not a regular file") != NULL);
	diag_list_clear(&dl);

	s = store_read_file("/dev/null", 100, &len, &dl);
	CHECK(s == NULL && dl.n == 1);
	diag_list_clear(&dl);

	s = store_read_file(st_scratch, 100, &len, &dl);
	CHECK(s == NULL && dl.n == 1);
	CHECK(strstr(last_message(&dl), "it is a folder") != NULL);
	diag_list_clear(&dl);

	s = store_read_file(at("absent"), 100, &len, &dl);
	CHECK(s == NULL && dl.n == 1 && dl.v[0].sys_errno == ENOENT);
	diag_list_free(&dl);
}

static void
test_mkdirs(void)
{
	diag_list dl = DIAG_LIST_INIT;
	struct stat st;

	CHECK(store_mkdirs(at("m/a/b/c"), 0700, &dl));
	CHECK(stat(at("m/a"), &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 07777) == 0700);
	CHECK(stat(at("m/a/b/c"), &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 07777) == 0700);
	/* Existing folders are fine, and keep their mode. */
	CHECK(chmod(at("m/a"), 0755) == 0);
	CHECK(store_mkdirs(at("m/a/b/c"), 0700, &dl));
	CHECK(stat(at("m/a"), &st) == 0 && (st.st_mode & 07777) == 0755);
	CHECK(store_mkdirs(at("m//a///b/d/"), 0750, &dl));
	CHECK(stat(at("m/a/b/d"), &st) == 0 && (st.st_mode & 07777) == 0750);
	/* Through a symlink to a folder. */
	CHECK(symlink("m/a", at("m-link")) == 0);
	CHECK(store_mkdirs(at("m-link/e"), 0700, &dl));
	CHECK(stat(at("m/a/e"), &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(dl.n == 0);

	/* A file in the way, in the middle or at the end. */
	put_file(at("m/file"), "f\n", 0644);
	CHECK(!store_mkdirs(at("m/file/x"), 0700, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == ENOTDIR);
	CHECK(strstr(last_message(&dl), "m/file exists") != NULL);
	diag_list_clear(&dl);
	CHECK(!store_mkdirs(at("m/file"), 0700, &dl));
	CHECK(dl.n == 1 && dl.v[0].sys_errno == ENOTDIR);
	diag_list_clear(&dl);
	CHECK(file_is(at("m/file"), "f\n", 2));

	CHECK(!store_mkdirs("", 0700, &dl));
	CHECK(dl.n == 1);
	diag_list_free(&dl);
}

/* dir/name, with one '/' between them whether dir ends in one or not. */
static void
check_join(const char *dir, const char *name, const char *want)
{
	char *p = store_join(dir, name);

	CHECK(p != NULL && strcmp(p, want) == 0);
	free(p);
}

static void
test_join(void)
{
	check_join("out", "report.txt", "out/report.txt");
	check_join("out/", "report.txt", "out/report.txt");
	check_join("/", "etc", "/etc");
	check_join("a/b", "c.yaml", "a/b/c.yaml");
}

static void
test_lock(void)
{
	diag_list dl = DIAG_LIST_INIT;
	const char *p = at("locked.yaml");
	const char *lp = at("locked.yaml.lock");
	store_lock *l;
	struct stat st;
	char *text;
	size_t len;
	pid_t a;
	bool held;
	char want[128];

	/* Alone: the lock file names us and goes away on release. */
	l = store_lock_acquire(p, &dl);
	CHECK(l != NULL && dl.n == 0);
	CHECK(stat(lp, &st) == 0 && (st.st_mode & 07777) == 0600);
	text = slurp(lp, &len);
	snprintf(want, sizeof(want), "%ld ", (long)getpid());
	CHECK(text != NULL && len > 0 && text[len - 1] == '\n' &&
	      strncmp(text, want, strlen(want)) == 0);
	CHECK(text != NULL && memchr(text, 'T', len) != NULL &&
	      memchr(text, 'Z', len) != NULL);
	free(text);
	store_lock_release(l);
	CHECK(access(lp, F_OK) != 0 && errno == ENOENT);
	store_lock_release(NULL);

	/* Process A holds it: B is refused with A named. */
	a = spawn_holder(p, &held);
	CHECK(held);
	l = store_lock_acquire(p, &dl);
	CHECK(l == NULL && dl.n == 1 && dl.n_errors == 1);
	CHECK(dl.n == 1 && dl.v[0].sys_errno == EWOULDBLOCK);
	snprintf(want, sizeof(want), "%s is open in another editor (pid %ld, ",
		 p, (long)a);
	CHECK(strncmp(last_message(&dl), want, strlen(want)) == 0);
	CHECK(strstr(last_message(&dl), ", since ") != NULL);
	fprintf(stderr, "holder message: %s\n", last_message(&dl));
	diag_list_clear(&dl);
	CHECK(access(lp, F_OK) == 0);

	/* Hostile holder text is shown tamed, never raw. */
	put_file(lp, "42 \033[2J\x01ev il\n", 0600);
	l = store_lock_acquire(p, &dl);
	CHECK(l == NULL && dl.n == 1);
	{
		const char *m = last_message(&dl);

		for (; *m; m++)
			CHECK((unsigned char)*m >= 0x20 && *m != 0x7f);
	}
	diag_list_clear(&dl);
	put_file(lp, "", 0600);
	l = store_lock_acquire(p, &dl);
	snprintf(want, sizeof(want), "%s is open in another editor", p);
	CHECK(l == NULL && strcmp(last_message(&dl), want) == 0);
	diag_list_clear(&dl);

	/* A dies without releasing: its lock file stays, and B takes it. */
	kill(a, SIGKILL);
	waitpid(a, NULL, 0);
	CHECK(access(lp, F_OK) == 0);
	l = store_lock_acquire(p, &dl);
	CHECK(l != NULL && dl.n == 0);
	text = slurp(lp, &len);
	snprintf(want, sizeof(want), "%ld ", (long)getpid());
	CHECK(text != NULL && strncmp(text, want, strlen(want)) == 0);
	free(text);
	store_lock_release(l);

	/* A stale lock file full of junk is taken over and rewritten. */
	{
		static char junk[20000];

		memset(junk, 'J', sizeof(junk) - 1);
		put_file(lp, junk, 0644);
		l = store_lock_acquire(p, &dl);
		CHECK(l != NULL && dl.n == 0);
		CHECK(stat(lp, &st) == 0 && st.st_size < 200);
		store_lock_release(l);
	}

	/* A symlink at the lock path is not followed. */
	CHECK(symlink("elsewhere", lp) == 0);
	l = store_lock_acquire(p, &dl);
	CHECK(l == NULL && dl.n == 1 && dl.v[0].sys_errno == ELOOP);
	CHECK(access(at("elsewhere"), F_OK) != 0);
	diag_list_clear(&dl);

	/* Nor is a FIFO used, and opening it does not block. */
	CHECK(unlink(lp) == 0 && mkfifo(lp, 0600) == 0);
	l = store_lock_acquire(p, &dl);
	CHECK(l == NULL && dl.n == 1 && dl.v[0].sys_errno == EINVAL);
	CHECK(strstr(last_message(&dl), "is not a regular file") != NULL);
	diag_list_free(&dl);
}

int
main(int argc, char **argv)
{
	static const unit_group groups[] = {
		{"write", test_write},
		{"read", test_read},
		{"mkdirs", test_mkdirs},
		{"lock", test_lock},
		{"join", test_join},
	};

	return st_main(argc, argv, groups, sizeof groups / sizeof *groups);
}
