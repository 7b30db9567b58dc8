/* The benchmark's floor for the writing side: the files collect wrote, held
 * in memory beforehand, written again into a new folder as plainly as it can
 * be done (create, one write, close; on as many threads as collect uses),
 * then made durable with one syncfs. No parsing, no formatting, no temporary
 * names, no renames: what writing collect's outputs costs on this disk at
 * the least.
 *
 * Usage: write-floor SRC DST [JOBS]. Prints the files, the bytes and the
 * seconds from the first mkdir to the end of the sync (reading SRC is not
 * counted). */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	char *rel; /* path below SRC */
	char *data;
	size_t len;
	int is_dir;
} entry;

static entry *entries;
static size_t n_entries, cap_entries;
static size_t src_len;
static const char *dst;
static unsigned jobs = 1;

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "write-floor: %s %s: %s\n", what, path,
		strerror(errno));
	exit(1);
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		die("cannot open", path);
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL)
				die("out of memory reading", path);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f))
		die("cannot read", path);
	fclose(f);
	*len = n;
	return buf;
}

static int
visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	entry e = {0};

	(void)st;
	(void)ftw;
	if (type != FTW_F && type != FTW_D)
		return 0;
	if (n_entries == cap_entries) {
		cap_entries = cap_entries ? cap_entries * 2 : 1024;
		entries = realloc(entries, cap_entries * sizeof(*entries));
		if (entries == NULL)
			die("out of memory at", path);
	}
	e.rel = strdup(path + src_len);
	if (e.rel == NULL)
		die("out of memory at", path);
	e.is_dir = type == FTW_D;
	if (!e.is_dir)
		e.data = read_all(path, &e.len);
	entries[n_entries++] = e;
	return 0;
}

static void
dst_path(char *buf, size_t size, const char *rel)
{
	if ((size_t)snprintf(buf, size, "%s%s", dst, rel) >= size) {
		errno = ENAMETOOLONG;
		die("path too long:", rel);
	}
}

static void *
writer(void *arg)
{
	size_t t = (size_t)arg;
	char path[4096];

	for (size_t i = t; i < n_entries; i += jobs) {
		const entry *e = &entries[i];
		size_t off = 0;
		int fd;

		if (e->is_dir)
			continue;
		dst_path(path, sizeof(path), e->rel);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			die("cannot create", path);
		while (off < e->len) {
			ssize_t w = write(fd, e->data + off, e->len - off);

			if (w < 0)
				die("cannot write", path);
			off += (size_t)w;
		}
		if (close(fd) != 0)
			die("cannot close", path);
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	pthread_t threads[64];
	size_t bytes = 0, files = 0;
	char path[4096];
	int fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: write-floor SRC DST [JOBS]\n");
		return 2;
	}
	dst = argv[2];
	if (argc == 4)
		jobs = (unsigned)strtoul(argv[3], NULL, 10);
	if (jobs < 1 || jobs > 64)
		jobs = 1;
	src_len = strlen(argv[1]);
	if (nftw(argv[1], visit, 32, FTW_PHYS) != 0)
		die("cannot read", argv[1]);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Folders first, in the order found (a folder before its files). */
	for (size_t i = 0; i < n_entries; i++) {
		if (!entries[i].is_dir) {
			files++;
			bytes += entries[i].len;
			continue;
		}
		dst_path(path, sizeof(path), entries[i].rel);
		if (mkdir(path, 0755) != 0)
			die("cannot make", path);
	}
	for (unsigned t = 1; t < jobs; t++)
		if (pthread_create(&threads[t], NULL, writer,
				   (void *)(size_t)t) != 0)
			die("cannot start a thread for", dst);
	writer((void *)0);
	for (unsigned t = 1; t < jobs; t++)
		pthread_join(threads[t], NULL);
	fd = open(dst, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || syncfs(fd) != 0)
		die("cannot sync", dst);
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%zu files, %zu bytes, %.3f s\n", files, bytes,
	       (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (size_t i = 0; i < n_entries; i++) {
		free(entries[i].rel);
		free(entries[i].data);
	}
	free(entries);
	return 0;
}
