/* The allocation-failure hook of the test build (as SQLite's malloc fault
 * injection): linked with -Wl,--wrap=malloc and the other names below, so
 * that every allocation made by the program's static libraries, and by
 * libyaml and utf8proc linked statically, passes here. One of them can be
 * made to fail:
 *   AP_ALLOC_FAIL=N       the Nth call fails (1 is the first), once
 *   AP_ALLOC_FAIL=N+      the Nth call and every later one fail
 *   AP_ALLOC_REPORT=PATH  at exit, "calls C failed F first K\n" is written
 *                         there: C calls were made, F of them failed, the
 *                         first failure at call K (0: none)
 *   AP_ALLOC_TRACE=1      the stack of each failing call on standard error
 *                         (to find the code that did not cope)
 * Calls are counted from the first one; the program's own threads (collect)
 * share one count. Failures look as they would for real: NULL with errno
 * ENOMEM, MAP_FAILED, EAGAIN from pthread_create. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
DIR *__real_opendir(const char *name);
FILE *__real_fopen(const char *path, const char *mode);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
DIR *__wrap_opendir(const char *name);
FILE *__wrap_fopen(const char *path, const char *mode);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg);

static atomic_ulong calls, failed, first;
static unsigned long fail_at; /* 0: never */
static bool persist;
static atomic_bool ready;
static bool trace;

/* The settings, read on the first call (getenv does not allocate). */
static void
setup(void)
{
	const char *v;
	char *end;

	if (atomic_load(&ready))
		return;
	v = getenv("AP_ALLOC_FAIL");
	if (v != NULL && *v != '\0') {
		fail_at = strtoul(v, &end, 10);
		persist = *end == '+';
	}
	v = getenv("AP_ALLOC_TRACE");
	trace = v != NULL && *v == '1';
	if (trace) {
		void *frames[1];

		/* The first backtrace() loads libgcc, which allocates. */
		backtrace(frames, 1);
	}
	atomic_store(&ready, true);
}

/* Counts one call; true when it is to fail. */
static bool
fail_now(void)
{
	unsigned long n;

	setup();
	n = atomic_fetch_add(&calls, 1) + 1;
	if (fail_at == 0 || n < fail_at || (n > fail_at && !persist))
		return false;
	if (atomic_fetch_add(&failed, 1) == 0)
		atomic_store(&first, n);
	if (trace) {
		void *frames[32];
		int k = backtrace(frames, 32);
		static const char head[] = "allocation failed here:\n";

		if (write(STDERR_FILENO, head, sizeof(head) - 1) < 0)
			return true;
		backtrace_symbols_fd(frames, k, STDERR_FILENO);
	}
	return true;
}

void *
__wrap_malloc(size_t n)
{
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_malloc(n);
}

void *
__wrap_calloc(size_t n, size_t size)
{
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_calloc(n, size);
}

void *
__wrap_realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees; failing it would change its meaning. */
	if (n != 0 && fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_realloc(p, n);
}

char *
__wrap_strdup(const char *s)
{
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_strdup(s);
}

char *
__wrap_strndup(const char *s, size_t n)
{
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_strndup(s, n);
}

DIR *
__wrap_opendir(const char *name)
{
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_opendir(name);
}

FILE *
__wrap_fopen(const char *path, const char *mode)
{
	if (fail_now()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_fopen(path, mode);
}

void *
__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (fail_now()) {
		errno = ENOMEM;
		return MAP_FAILED;
	}
	return __real_mmap(addr, len, prot, flags, fd, off);
}

int
__wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
		      void *(*fn)(void *), void *arg)
{
	if (fail_now())
		return EAGAIN;
	return __real_pthread_create(t, attr, fn, arg);
}

/* At exit (also after main returns): the counts, for the test. Written
 * with open and write, which allocate nothing. */
__attribute__((destructor)) static void
report(void)
{
	const char *path = getenv("AP_ALLOC_REPORT");
	char line[96];
	int fd, n;

	if (path == NULL || *path == '\0')
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "calls %lu failed %lu first %lu\n",
		     atomic_load(&calls), atomic_load(&failed),
		     atomic_load(&first));
	if (n > 0 && write(fd, line, (size_t)n) != n)
		n = 0;
	close(fd);
}
