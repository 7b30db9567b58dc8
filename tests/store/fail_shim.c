/* LD_PRELOAD shim for the store fault tests: libfiu's POSIX preload has no
 * wrapper for renameat, nor a way to fail only the fsync of a folder.
 *   AP_SHIM_RENAMEAT=ERRNO  renameat fails with ERRNO and renames nothing
 *   AP_SHIM_DIRSYNC=ERRNO   fsync of a folder fails with ERRNO */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int
wanted(const char *var)
{
	const char *v = getenv(var);

	return v != NULL ? atoi(v) : 0;
}

int
renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	int (*real)(int, const char *, int, const char *);
	int err = wanted("AP_SHIM_RENAMEAT");

	if (err != 0) {
		errno = err;
		return -1;
	}
	*(void **)&real = dlsym(RTLD_NEXT, "renameat");
	return real(olddirfd, oldpath, newdirfd, newpath);
}

int
fsync(int fd)
{
	int (*real)(int);
	int err = wanted("AP_SHIM_DIRSYNC");
	struct stat st;

	if (err != 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = err;
		return -1;
	}
	*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}
