/* Helpers shared by the C tests of src/store (see storetest.h). */
#include "storetest.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

int st_failures;
char st_scratch[4096];

void
st_begin(void)
{
	const char *tmp = getenv("TMPDIR");

	umask(022);
	snprintf(st_scratch, sizeof(st_scratch), "%s/ap-store-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(st_scratch) == NULL) {
		perror("mkdtemp");
		exit(99);
	}
}

int
st_end(void)
{
	char cmd[8300];

	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s'; rm -rf '%s'",
		 st_scratch, st_scratch);
	if (st_failures == 0 && system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", st_scratch);
	if (st_failures)
		fprintf(stderr, "%d checks failed (scratch left in %s)\n",
			st_failures, st_scratch);
	return st_failures ? 1 : 0;
}

char *
at(const char *fmt, ...)
{
	static char bufs[8][4096];
	static unsigned next;
	char *b = bufs[next++ % 8];
	int n;
	va_list ap;

	n = snprintf(b, sizeof(bufs[0]), "%s/", st_scratch);
	va_start(ap, fmt);
	vsnprintf(b + n, sizeof(bufs[0]) - (size_t)n, fmt, ap);
	va_end(ap);
	return b;
}

char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		size_t r;

		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	*len = n;
	return buf;
}

bool
file_is(const char *path, const void *data, size_t len)
{
	size_t n;
	char *got = slurp(path, &n);
	bool same = got != NULL && n == len && memcmp(got, data, len) == 0;

	free(got);
	return same;
}

void
put_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		perror(path);
		exit(99);
	}
	close(fd);
	chmod(path, mode);
}

int
count_dot_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0) {
			fprintf(stderr, "left behind: %s/%s\n", dir, e->d_name);
			n++;
		}
	closedir(d);
	return n;
}

const char *
last_message(const diag_list *dl)
{
	return dl->n ? dl->v[dl->n - 1].message : "";
}

pid_t
spawn_holder(const char *path)
{
	int fds[2];
	pid_t pid;
	char c = 0;

	if (pipe(fds) != 0)
		abort();
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		diag_list dl = DIAG_LIST_INIT;
		store_lock *l = store_lock_acquire(path, &dl);

		c = l != NULL ? 'y' : 'n';
		if (write(fds[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (read(fds[0], &c, 1) != 1)
		c = 0;
	close(fds[0]);
	CHECK(c == 'y');
	return pid;
}
