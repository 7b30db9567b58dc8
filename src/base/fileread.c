/* Reading whole files with a bound (see fileread.h). */
#include "fileread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* read(2) that retries when a signal interrupts it. */
static ssize_t
read_some(int fd, char *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

char *
fileread(const char *path, size_t max, size_t *len, fileread_status *status)
{
	fileread_status st_ = FILEREAD_OK;
	struct stat st;
	char *buf = NULL, *result = NULL;
	size_t cap, n = 0;
	int fd, flags, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		st_ = FILEREAD_OPEN;
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		st_ = FILEREAD_READ;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		st_ = S_ISDIR(st.st_mode) ? FILEREAD_FOLDER
					  : FILEREAD_NOT_REGULAR;
		errno = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
		goto out;
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > (uintmax_t)max) {
		st_ = FILEREAD_TOO_LARGE;
		errno = EFBIG;
		goto out;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		st_ = FILEREAD_READ;
		goto out;
	}
	cap = (size_t)st.st_size;
	if (cap < 4096)
		cap = max < 4096 ? max : 4096;
	buf = malloc(cap + 1);
	if (buf == NULL) {
		st_ = FILEREAD_NO_MEMORY;
		errno = ENOMEM;
		goto out;
	}
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char extra;
			size_t ncap;
			char *nbuf;

			if (cap == max) {
				/* Full: one more byte means too large. */
				r = read_some(fd, &extra, 1);
				if (r < 0) {
					st_ = FILEREAD_READ;
					goto out;
				}
				if (r > 0) {
					st_ = FILEREAD_TOO_LARGE;
					errno = EFBIG;
					goto out;
				}
				break;
			}
			ncap = cap > max / 2 ? max : cap * 2;
			nbuf = realloc(buf, ncap + 1);
			if (nbuf == NULL) {
				st_ = FILEREAD_NO_MEMORY;
				errno = ENOMEM;
				goto out;
			}
			buf = nbuf;
			cap = ncap;
		}
		r = read_some(fd, buf + n, cap - n);
		if (r < 0) {
			st_ = FILEREAD_READ;
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	result = buf;
	buf = NULL;
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	free(buf);
	if (status != NULL)
		*status = st_;
	errno = saved;
	return result;
}
