/* The one bounded reader of whole files: every loader (plans,
 * questionnaires, catalogs, edited text) reads through it, so that FIFOs,
 * devices, folders, huge files and interrupted reads are handled once. */
#ifndef AP_FILEREAD_H
#define AP_FILEREAD_H

#include <stddef.h>

/* Why a read failed; errno holds the system's reason where there is one. */
typedef enum fileread_status {
	FILEREAD_OK,
	FILEREAD_OPEN,        /* open(2) failed (errno) */
	FILEREAD_FOLDER,      /* the path is a folder */
	FILEREAD_NOT_REGULAR, /* a FIFO, a device, a socket */
	FILEREAD_TOO_LARGE,   /* more than max bytes, before or while reading */
	FILEREAD_READ,        /* fstat(2), fcntl(2) or read(2) failed (errno) */
	FILEREAD_NO_MEMORY,
} fileread_status;

/* Reads the whole regular file at path, of at most max bytes, into a
 * malloc'd buffer (the caller frees it) with a NUL after the last byte; the
 * data may hold NULs, *len (when not NULL) is its length. Symlinks are
 * followed; a FIFO or device is refused without blocking on the open
 * (O_NONBLOCK, cleared once fstat shows a regular file). The size fstat
 * gives is only a hint: the limit is enforced on the bytes read, so a file
 * that grows meanwhile is refused rather than cut. EINTR is retried. On
 * failure returns NULL, sets *status (when not NULL) and leaves errno as
 * the system set it (EISDIR, ENODEV, EFBIG or ENOMEM for the statuses
 * without a system call). */
char *
fileread(const char *path, size_t max, size_t *len, fileread_status *status);

#endif
