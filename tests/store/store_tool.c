/* Helper for the fault tests of src/store: one save per run, so that the
 * scripts can put it under a namespace, another user, libfiu or a shim.
 *   store-tool put PATH TEXT
 *   store-tool expect-fail PATH TEXT ERRNO STEP   (ERRNO: EIO, ENOSPC...)
 *   store-tool enospc DIR                         (DIR: a small empty tmpfs)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "storetest.h"

static int
errno_named(const char *name)
{
	static const struct {
		const char *name;
		int value;
	} names[] = {
		{"EIO", EIO},       {"ENOSPC", ENOSPC}, {"EACCES", EACCES},
		{"EROFS", EROFS},   {"EISDIR", EISDIR}, {"EDQUOT", EDQUOT},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].value;
	fprintf(stderr, "unknown errno name %s\n", name);
	exit(2);
}

static void
print_diags(const diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		fprintf(stderr, "diag: %s (errno %d)\n", dl->v[i].message,
			dl->v[i].sys_errno);
}

/* Counts dot files in the folder of path: temporary files left behind. */
static int
leftovers(const char *path)
{
	char *dir = store_dir_of(path);
	int n = dir != NULL ? count_dot_files(dir) : -1;

	free(dir);
	return n;
}

static int
put(const char *path, const char *text)
{
	diag_list dl = DIAG_LIST_INIT;
	bool ok = store_write_atomic(path, text, strlen(text), &dl);

	print_diags(&dl);
	diag_list_free(&dl);
	if (leftovers(path) != 0)
		return 1;
	return ok ? 0 : 1;
}

static int
expect_fail(const char *path, const char *text, int want_errno,
	    const char *step)
{
	diag_list dl = DIAG_LIST_INIT;
	char prefix[4200];
	int bad = 0;
	bool ok = store_write_atomic(path, text, strlen(text), &dl);

	print_diags(&dl);
	snprintf(prefix, sizeof(prefix), "cannot write %s: %s: %s", path, step,
		 strerror(want_errno));
	if (ok) {
		fprintf(stderr, "FAIL: the save succeeded\n");
		bad = 1;
	} else if (dl.n != 1 || dl.n_errors != 1) {
		fprintf(stderr, "FAIL: %zu problems, want 1\n", dl.n);
		bad = 1;
	} else if (dl.v[0].sys_errno != want_errno) {
		fprintf(stderr, "FAIL: errno %d, want %d\n", dl.v[0].sys_errno,
			want_errno);
		bad = 1;
	} else if (strcmp(dl.v[0].message, prefix) != 0) {
		fprintf(stderr, "FAIL: message\n  got:  %s\n  want: %s\n",
			dl.v[0].message, prefix);
		bad = 1;
	}
	if (leftovers(path) != 0)
		bad = 1;
	diag_list_free(&dl);
	return bad;
}

/* Fills the file system of dir, then checks that a larger save fails with
 * ENOSPC before touching the old file, and that it works once there is
 * room again. */
static int
enospc(const char *dir)
{
	diag_list dl = DIAG_LIST_INIT;
	char plan[4096], filler[4096];
	char old[2000], bigger[8000], chunk[4096];
	char *got;
	size_t len;
	int fd, bad = 0;
	long filled = 0;

	snprintf(plan, sizeof(plan), "%s/plan.yaml", dir);
	snprintf(filler, sizeof(filler), "%s/filler", dir);
	memset(old, 'o', sizeof(old));
	memset(bigger, 'b', sizeof(bigger));
	memset(chunk, 'f', sizeof(chunk));

	if (!store_write_atomic(plan, old, sizeof(old), &dl)) {
		print_diags(&dl);
		return 1;
	}
	fd = open(filler, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		perror(filler);
		return 1;
	}
	for (;;) {
		ssize_t r = write(fd, chunk, sizeof(chunk));

		if (r <= 0)
			break;
		filled += r;
	}
	if (errno != ENOSPC) {
		perror("filling");
		return 1;
	}
	/* Also the tail of the last page. */
	while (write(fd, chunk, 1) == 1)
		filled++;
	close(fd);
	fprintf(stderr, "filled %ld bytes\n", filled);

	if (store_write_atomic(plan, bigger, sizeof(bigger), &dl)) {
		fprintf(stderr, "FAIL: save on a full disk succeeded\n");
		bad = 1;
	}
	print_diags(&dl);
	if (dl.n != 1 || dl.v[0].sys_errno != ENOSPC) {
		fprintf(stderr, "FAIL: want exactly one ENOSPC problem\n");
		bad = 1;
	}
	if (dl.n >= 1 && strstr(dl.v[0].message, plan) == NULL) {
		fprintf(stderr, "FAIL: message does not name the file\n");
		bad = 1;
	}
	diag_list_clear(&dl);
	got = slurp(plan, &len);
	if (got == NULL || len != sizeof(old) || memcmp(got, old, len) != 0) {
		fprintf(stderr, "FAIL: the old file changed\n");
		bad = 1;
	}
	free(got);
	if (leftovers(plan) != 0)
		bad = 1;

	/* Room again: the next save succeeds. */
	if (unlink(filler) != 0) {
		perror(filler);
		return 1;
	}
	if (!store_write_atomic(plan, bigger, sizeof(bigger), &dl)) {
		print_diags(&dl);
		fprintf(stderr, "FAIL: save after freeing space failed\n");
		bad = 1;
	}
	got = slurp(plan, &len);
	if (got == NULL || len != sizeof(bigger) ||
	    memcmp(got, bigger, len) != 0) {
		fprintf(stderr, "FAIL: the new file is wrong\n");
		bad = 1;
	}
	free(got);
	if (leftovers(plan) != 0)
		bad = 1;
	diag_list_free(&dl);
	return bad;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "put") == 0)
		return put(argv[2], argv[3]);
	if (argc == 6 && strcmp(argv[1], "expect-fail") == 0)
		return expect_fail(argv[2], argv[3], errno_named(argv[4]), argv[5]);
	if (argc == 3 && strcmp(argv[1], "enospc") == 0)
		return enospc(argv[2]);
	fprintf(stderr, "usage: store-tool put|expect-fail|enospc ...\n");
	return 2;
}
