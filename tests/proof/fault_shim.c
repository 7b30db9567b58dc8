/* LD_PRELOAD shim for the whole-program fault tests: makes one kind of call
 * fail with a chosen errno, but only on the temporary files of a save
 * (".NAME.XXXXXX" beside the target) or on renames into place, so that the
 * program can still read its questionnaire and report the error.
 *   AP_FAULT=CALL:ERRNO    CALL: write, fsync, close, rename, open, fallocate
 *                          ERRNO: a number or EIO, ENOSPC, EDQUOT, EACCES,
 *                          EROFS, EFBIG
 *   AP_FAULT_WHILE=PATH    fail only while PATH exists (a test removes it to
 *                          let the next save succeed)
 *   AP_FAULT_LOG=PATH      append one line per injected fault
 * It can also make saves slow, so that a kill lands inside one:
 *   AP_SLOW_WRITE=BYTES:USEC  writes to a temporary file at most BYTES at a
 *                          time, each after a pause of USEC microseconds
 *   AP_SLOW_FSYNC=USEC     a pause before each fsync of a temporary file */
#define _GNU_SOURCE
/* Both the plain and the *64 names are defined below: the headers must not
 * rename one into the other. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int
errno_named(const char *s)
{
	static const struct {
		const char *name;
		int value;
	} names[] = {
		{"EIO", EIO},       {"ENOSPC", ENOSPC}, {"EDQUOT", EDQUOT},
		{"EACCES", EACCES}, {"EROFS", EROFS},   {"EFBIG", EFBIG},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].name, s) == 0)
			return names[i].value;
	return atoi(s);
}

/* The errno to inject for this call, or 0. */
static int
wanted(const char *call)
{
	const char *v = getenv("AP_FAULT"), *colon, *cond;
	size_t n;
	struct stat st;

	if (v == NULL || (colon = strchr(v, ':')) == NULL)
		return 0;
	n = (size_t)(colon - v);
	if (strlen(call) != n || strncmp(v, call, n) != 0)
		return 0;
	cond = getenv("AP_FAULT_WHILE");
	if (cond != NULL && cond[0] != '\0' && lstat(cond, &st) != 0)
		return 0;
	return errno_named(colon + 1);
}

/* A save's temporary file: a dot file whose name has a 6-character
 * random suffix (".NAME.PID.XXXXXX"). */
static int
is_temp_name(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base != NULL ? base + 1 : path;
	if (base[0] != '.')
		return 0;
	dot = strrchr(base, '.');
	return dot != NULL && dot != base && strlen(dot + 1) == 6 &&
	       strstr(base, ".lock") == NULL;
}

static int
is_temp_fd(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return is_temp_name(path);
}

static void
log_fault(const char *call, int err)
{
	const char *log = getenv("AP_FAULT_LOG");
	int (*real_open)(const char *, int, ...);
	ssize_t (*real_write)(int, const void *, size_t);
	char line[128];
	int fd, n;

	if (log == NULL || log[0] == '\0')
		return;
	*(void **)&real_open = dlsym(RTLD_NEXT, "open");
	*(void **)&real_write = dlsym(RTLD_NEXT, "write");
	fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s %d\n", call, err);
	if (n > 0)
		(void)real_write(fd, line, (size_t)n);
	close(fd);
}

static int
inject(const char *call, int err)
{
	log_fault(call, err);
	errno = err;
	return -1;
}

/* A pause of the microseconds in variable name (after "BYTES:" when
 * bytes is not NULL, which then receives the number before the colon). */
static void
slow_down(const char *name, size_t *bytes)
{
	const char *v = getenv(name);
	const char *usec = v;

	if (v == NULL || v[0] == '\0')
		return;
	if (bytes != NULL) {
		usec = strchr(v, ':');
		if (usec == NULL)
			return;
		usec++;
		*bytes = (size_t)strtoul(v, NULL, 10);
	}
	usleep((useconds_t)strtoul(usec, NULL, 10));
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	ssize_t (*real)(int, const void *, size_t);
	int err = wanted("write");
	size_t most = 0;

	if (err != 0 && is_temp_fd(fd))
		return inject("write", err);
	if (getenv("AP_SLOW_WRITE") != NULL && is_temp_fd(fd)) {
		slow_down("AP_SLOW_WRITE", &most);
		if (most > 0 && len > most)
			len = most; /* a short write, which the store goes on
				     * after */
	}
	*(void **)&real = dlsym(RTLD_NEXT, "write");
	return real(fd, buf, len);
}

int
fsync(int fd)
{
	int (*real)(int);
	int err = wanted("fsync");

	if (err != 0 && is_temp_fd(fd))
		return inject("fsync", err);
	if (getenv("AP_SLOW_FSYNC") != NULL && is_temp_fd(fd))
		slow_down("AP_SLOW_FSYNC", NULL);
	*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}

int
close(int fd)
{
	int (*real)(int);
	int err = wanted("close");

	*(void **)&real = dlsym(RTLD_NEXT, "close");
	if (err != 0 && is_temp_fd(fd)) {
		/* The descriptor is gone either way, as with a real
		 * failing close. */
		real(fd);
		return inject("close", err);
	}
	return real(fd);
}

/* With _FILE_OFFSET_BITS=64 the program calls the *64 names. */
static int
fallocate_common(const char *name, int fd, off_t off, off_t len)
{
	int (*real)(int, off_t, off_t);
	int err = wanted("fallocate");

	if (err != 0 && is_temp_fd(fd)) {
		log_fault("fallocate", err);
		return err; /* posix_fallocate returns the error */
	}
	*(void **)&real = dlsym(RTLD_NEXT, name);
	return real(fd, off, len);
}

int
posix_fallocate(int fd, off_t off, off_t len)
{
	return fallocate_common("posix_fallocate", fd, off, len);
}

int
posix_fallocate64(int fd, off_t off, off_t len);
int
posix_fallocate64(int fd, off_t off, off_t len)
{
	return fallocate_common("posix_fallocate64", fd, off, len);
}

int
renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	int (*real)(int, const char *, int, const char *);
	int err = wanted("rename");

	if (err != 0 && is_temp_name(oldpath))
		return inject("rename", err);
	*(void **)&real = dlsym(RTLD_NEXT, "renameat");
	return real(olddirfd, oldpath, newdirfd, newpath);
}

int
rename(const char *oldpath, const char *newpath)
{
	return renameat(AT_FDCWD, oldpath, AT_FDCWD, newpath);
}

static int
openat_common(const char *name, int dirfd, const char *path, int flags,
	      mode_t mode)
{
	int (*real)(int, const char *, int, ...);
	int err = wanted("open");

	if (err != 0 && (flags & O_CREAT) && is_temp_name(path))
		return inject("open", err);
	*(void **)&real = dlsym(RTLD_NEXT, name);
	return real(dirfd, path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return openat_common("openat", dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...);
int
openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return openat_common("openat64", dirfd, path, flags, mode);
}
