/* Durable files: atomic replacement through a temporary file and rename,
 * bounded whole-file reads, mkdir -p, and the flock that guards a plan. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "fileread.h"
#include "intl.h"

/* Attempts to lock a lock file that another process unlinks under us. */
#define LOCK_TRIES 8
/* The holder text is written by another process: read no more than this. */
#define HOLDER_MAX 512
/* Each field of the holder text shown in a message is cut to this. */
#define FIELD_MAX 64

struct store_lock {
	int fd;
	char *lock_path;
};

char *
store_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), n = dl + 1 + strlen(name) + 1;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s%s%s", dir,
			 dl > 0 && dir[dl - 1] == '/' ? "" : "/", name);
	return p;
}

/* Splits path into a malloc'd folder ("." when there is none) and a
 * pointer to the last component inside path. */
static char *
split_path(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL) {
		*base = path;
		return strdup(".");
	}
	*base = slash + 1;
	if (slash == path)
		return strdup("/");
	dir = malloc((size_t)(slash - path) + 1);
	if (dir == NULL)
		return NULL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return dir;
}

/* Writes all of data, going on after short writes and EINTR. Returns 0 or
 * the errno. */
static int
write_all(int fd, const unsigned char *data, size_t len)
{
	unsigned zero_writes = 0;

	while (len > 0) {
		size_t chunk = len > (size_t)SSIZE_MAX ? (size_t)SSIZE_MAX : len;
		ssize_t r = write(fd, data, chunk);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0) {
			/* A regular file never does this for long; do not
			 * spin on a file system that keeps doing it. */
			if (++zero_writes > 16)
				return EIO;
			continue;
		}
		zero_writes = 0;
		data += r;
		len -= (size_t)r;
	}
	return 0;
}

char *
store_dir_of(const char *path)
{
	const char *base;

	return split_path(path, &base);
}

bool
store_id_of(const char *path, store_id *id, diag_list *diags)
{
	struct stat st;

	memset(id, 0, sizeof(*id));
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return true;
		diag_add_errno(diags, NULL, errno, _("cannot examine %s"), path);
		return false;
	}
	id->exists = true;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	id->size = st.st_size;
	id->mtime = st.st_mtim;
	return true;
}

bool
store_id_same(const store_id *a, const store_id *b)
{
	if (!a->exists || !b->exists)
		return a->exists == b->exists;
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec &&
	       a->mtime.tv_nsec == b->mtime.tv_nsec;
}

/* The file at path is still the one expected: checked as late as
 * possible, just before the rename (a writer that ignores our lock can
 * still slip in between; the window is a few microseconds). */
static bool
still_expected(const char *path, const store_id *expect, diag_list *diags)
{
	store_id now;
	size_t before = diags->n;

	if (!store_id_of(path, &now, diags))
		return false;
	if (store_id_same(expect, &now))
		return true;
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
		 expect->exists && !now.exists
			 ? _("cannot write %s: it was removed or moved by "
			     "another program since it was read here")
			 : _("cannot write %s: it was changed by another "
			     "program since it was read here"),
		 path);
	if (diags->n > before)
		diags->v[diags->n - 1].sys_errno = STORE_ECHANGED;
	return false;
}

bool
store_write_atomic(const char *path, const void *data, size_t len,
		   diag_list *diags)
{
	return store_write_checked(path, data, len, NULL, NULL, diags);
}

/* One function with one cleanup path, longer than most: every step of a
 * save can fail, and each failure must leave the old file as it was and
 * no temporary file behind. */
bool
store_write_checked(const char *path, const void *data, size_t len,
		    const store_id *expect, store_id *written,
		    diag_list *diags)
{
	const char *base;
	const char *step = NULL;
	char *dir = NULL;
	char *tmp = NULL;
	struct stat st;
	int dfd = -1, fd = -1, err = 0;
	bool created = false, ok = false, reported = false;

	dir = split_path(path, &base);
	if (dir == NULL) {
		step = N_("preparing the save");
		err = ENOMEM;
		goto out;
	}
	if (base[0] == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		step = N_("the path names a folder, not a file");
		err = EISDIR;
		goto out;
	}
	if (len > (size_t)INT64_MAX) {
		step = N_("preparing the save");
		err = EFBIG;
		goto out;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		step = N_("opening its folder");
		err = errno;
		goto out;
	}
	fd = store_temp_open(dfd, base, 0600, &tmp);
	if (fd < 0) {
		step = N_("creating the temporary file");
		err = errno;
		goto out;
	}
	created = true;

	/* Reserving the space first turns a full disk into a clean ENOSPC
	 * before any byte is written. File systems without the call are
	 * fine: the writes below report the same error, only later. */
	if (len > 0) {
		int r = posix_fallocate(fd, 0, (off_t)len);

		if (r != 0 && r != EOPNOTSUPP && r != EINVAL) {
			step = N_("reserving space for the temporary file");
			err = r;
			goto out;
		}
	}
	err = write_all(fd, data, len);
	if (err != 0) {
		step = N_("writing the temporary file");
		goto out;
	}
	/* After a failed fsync the kernel may have dropped the dirty pages
	 * and a second fsync would report success: never retry it. */
	if (fsync(fd) != 0) {
		step = N_("syncing the temporary file");
		err = errno;
		goto out;
	}
	/* Who the new file is, for the next check (the rename keeps it). */
	if (written != NULL && fstat(fd, &st) != 0) {
		step = N_("examining the temporary file");
		err = errno;
		goto out;
	}
	{
		int r = close(fd);

		fd = -1;
		/* Linux closes the descriptor even when close reports EINTR,
		 * but whether the data made it is then unknown: fail. */
		if (r != 0) {
			step = N_("closing the temporary file");
			err = errno;
			goto out;
		}
	}
	if (expect != NULL && !still_expected(path, expect, diags)) {
		reported = true;
		goto out;
	}
	if (renameat(dfd, tmp, dfd, base) != 0) {
		step = N_("renaming the temporary file over it");
		err = errno;
		goto out;
	}
	created = false;
	if (written != NULL) {
		written->exists = true;
		written->dev = st.st_dev;
		written->ino = st.st_ino;
		written->size = st.st_size;
		written->mtime = st.st_mtim;
	}
	/* The rename is only durable once the folder is synced. Some file
	 * systems cannot sync a folder (EINVAL): nothing more to do there. */
	if (fsync(dfd) != 0 && errno != EINVAL) {
		step = N_("syncing its folder (the new contents are in "
			  "place but may not survive a crash)");
		err = errno;
		goto out;
	}
	ok = true;

out:
	if (fd >= 0)
		close(fd);
	if (created)
		unlinkat(dfd, tmp, 0);
	if (dfd >= 0)
		close(dfd);
	if (!ok && !reported)
		diag_add_errno(diags, NULL, err, _("cannot write %s: %s"), path,
			       _(step));
	free(tmp);
	free(dir);
	return ok;
}

bool
store_write_locked(const char *path, const void *data, size_t len,
		   diag_list *diags)
{
	char *dir = store_dir_of(path);
	store_lock *lock = NULL;
	bool ok = false;

	if (dir == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s"), path);
		return false;
	}
	if (!store_folder_safe(dir, diags))
		goto out;
	lock = store_lock_acquire(path, diags);
	if (lock == NULL)
		goto out;
	ok = store_write_atomic(path, data, len, diags);
out:
	store_lock_release(lock);
	free(dir);
	return ok;
}

char *
store_read_file(const char *path, size_t max, size_t *len, diag_list *diags)
{
	fileread_status st;
	char *buf = fileread(path, max, len, &st);

	switch (buf ? FILEREAD_OK : st) {
	case FILEREAD_OK:
		break;
	case FILEREAD_FOLDER:
	case FILEREAD_NOT_REGULAR:
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot read %s: %s"), path,
			 st == FILEREAD_FOLDER ? _("it is a folder")
					       : _("it is not a regular file"));
		break;
	case FILEREAD_TOO_LARGE:
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot read %s: larger than the limit of %zu bytes"),
			 path, max);
		break;
	default:
		diag_add_errno(diags, NULL, errno, _("cannot read %s"), path);
		break;
	}
	return buf;
}

bool
store_mkdirs(const char *path, unsigned mode, diag_list *diags)
{
	char *buf = NULL;
	char *p;
	bool ok = false;
	struct stat st;

	if (path == NULL || path[0] == '\0') {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot create a folder with an empty name"));
		goto out;
	}
	buf = strdup(path);
	if (buf == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot create folder %s"),
			       path);
		goto out;
	}
	p = buf;
	while (*p == '/')
		p++;
	while (*p != '\0') {
		char saved;

		while (*p != '\0' && *p != '/')
			p++;
		saved = *p;
		*p = '\0';
		if (mkdir(buf, (mode_t)mode) != 0) {
			int err = errno;

			/* An existing folder is fine, whatever mkdir said
			 * about it (EEXIST, or EACCES/EROFS above it). */
			if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
				/* nothing to do */
			} else if (err == EEXIST) {
				diag_add_errno(diags, NULL, ENOTDIR,
					       _("cannot create folder %s: %s "
					         "exists"), path, buf);
				goto out;
			} else {
				diag_add_errno(diags, NULL, err,
					       _("cannot create folder %s: "
					         "creating %s"), path, buf);
				goto out;
			}
		}
		*p = saved;
		while (*p == '/')
			p++;
	}
	ok = true;

out:
	free(buf);
	return ok;
}

/* Copies one whitespace-separated field of untrusted text into out,
 * keeping printable ASCII only, and returns the rest of the text. */
static const char *
holder_field(const char *s, char *out, size_t size)
{
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n') {
		if (n + 1 < size)
			out[n++] = (*s > ' ' && *s < 0x7f) ? *s : '?';
		s++;
	}
	out[n] = '\0';
	return s;
}

/* Reports that another process holds the lock, naming it from the text
 * it left in the lock file when that can be read and makes sense. */
static void
report_holder(int fd, const char *path, diag_list *diags)
{
	char text[HOLDER_MAX + 1];
	char pid[FIELD_MAX], user[FIELD_MAX], host[FIELD_MAX], since[FIELD_MAX];
	const char *s = text;
	ssize_t r;
	size_t n = diags->n;

	do
		r = pread(fd, text, HOLDER_MAX, 0);
	while (r < 0 && errno == EINTR);
	text[r > 0 ? r : 0] = '\0';
	s = holder_field(s, pid, sizeof(pid));
	s = holder_field(s, user, sizeof(user));
	s = holder_field(s, host, sizeof(host));
	holder_field(s, since, sizeof(since));
	if (pid[0] != '\0' && strspn(pid, "0123456789") == strlen(pid) &&
	    since[0] != '\0')
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("%s is open in another editor (pid %s, user %s, "
			   "host %s, since %s)"), path, pid, user, host, since);
	else
		/* The holder may be between truncating and writing. */
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("%s is open in another editor"), path);
	if (diags->n > n)
		diags->v[diags->n - 1].sys_errno = EWOULDBLOCK;
}

/* Writes "pid user host time\n" into the lock file for whoever finds it
 * locked. Only informative: a failure is a warning, the lock still holds. */
static void
write_holder(int fd, const char *lock_path, diag_list *diags)
{
	char user[FIELD_MAX], host[FIELD_MAX], since[32], text[256];
	char pwbuf[1024];
	struct passwd pw, *pwp = NULL;
	struct tm tm;
	time_t now = time(NULL);
	size_t i, before;
	int n, err;

	if (getpwuid_r(geteuid(), &pw, pwbuf, sizeof(pwbuf), &pwp) == 0 &&
	    pwp != NULL && pwp->pw_name[0] != '\0')
		snprintf(user, sizeof(user), "%s", pwp->pw_name);
	else
		snprintf(user, sizeof(user), "uid%lu", (unsigned long)geteuid());
	if (gethostname(host, sizeof(host)) != 0 || host[0] == '\0')
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	/* Keep the fields one word each so that the reader can split them. */
	for (i = 0; user[i] != '\0'; i++)
		if (user[i] == ' ' || user[i] == '\t' || user[i] == '\n')
			user[i] = '_';
	for (i = 0; host[i] != '\0'; i++)
		if (host[i] == ' ' || host[i] == '\t' || host[i] == '\n')
			host[i] = '_';
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(since, sizeof(since), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(since, sizeof(since), "unknown");
	n = snprintf(text, sizeof(text), "%ld %s %s %s\n", (long)getpid(),
		     user, host, since);
	if (n < 0 || (size_t)n >= sizeof(text))
		n = (int)strlen(text);
	if (ftruncate(fd, 0) != 0) {
		err = errno;
		goto fail;
	}
	for (i = 0; i < (size_t)n;) {
		ssize_t r = pwrite(fd, text + i, (size_t)n - i, (off_t)i);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? errno : EIO;
			goto fail;
		}
		i += (size_t)r;
	}
	return;
fail:
	before = diags->n;
	diag_add_errno(diags, NULL, err, _("cannot record the holder in %s"),
		       lock_path);
	if (diags->n > before) {
		diags->v[diags->n - 1].severity = DIAG_WARNING;
		diags->n_errors--;
	}
}

store_lock *
store_lock_acquire(const char *path, diag_list *diags)
{
	store_lock *lock = NULL;
	char *lock_path = NULL;
	size_t plen = strlen(path);
	int fd = -1, tries;

	lock_path = malloc(plen + sizeof(".lock"));
	lock = malloc(sizeof(*lock));
	if (lock_path == NULL || lock == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot lock %s"), path);
		goto fail;
	}
	memcpy(lock_path, path, plen);
	memcpy(lock_path + plen, ".lock", sizeof(".lock"));

	for (tries = 0; tries < LOCK_TRIES; tries++) {
		struct stat fst, pst;
		int r;

		fd = open(lock_path,
			  O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
				  O_NONBLOCK | O_NOCTTY,
			  0600);
		if (fd < 0) {
			diag_add_errno(diags, NULL, errno,
				       _("cannot lock %s: opening %s"), path,
				       lock_path);
			goto fail;
		}
		if (fstat(fd, &fst) != 0) {
			diag_add_errno(diags, NULL, errno,
				       _("cannot lock %s: examining %s"), path,
				       lock_path);
			goto fail;
		}
		if (!S_ISREG(fst.st_mode)) {
			size_t before = diags->n;

			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
				 _("cannot lock %s: %s is not a regular file"),
				 path, lock_path);
			/* An errno, so that callers do not take this for
			 * "held by another editor" (EWOULDBLOCK or none). */
			if (diags->n > before)
				diags->v[diags->n - 1].sys_errno = EINVAL;
			goto fail;
		}
		do
			r = flock(fd, LOCK_EX | LOCK_NB);
		while (r != 0 && errno == EINTR);
		if (r != 0) {
			if (errno == EWOULDBLOCK)
				report_holder(fd, path, diags);
			else
				diag_add_errno(diags, NULL, errno,
					       _("cannot lock %s: locking %s"),
					       path, lock_path);
			goto fail;
		}
		/* A releasing holder unlinks the file while it still holds
		 * it; if we locked that unlinked file, a third editor could
		 * lock a new one at the same path. Only the file that is
		 * still at the path counts. */
		if (lstat(lock_path, &pst) == 0 && pst.st_dev == fst.st_dev &&
		    pst.st_ino == fst.st_ino)
			break;
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		/* Not EAGAIN: that errno means "held by another editor". */
		diag_add_errno(diags, NULL, EBUSY,
			       _("cannot lock %s: %s keeps being replaced"), path,
			       lock_path);
		goto fail;
	}
	write_holder(fd, lock_path, diags);
	lock->fd = fd;
	lock->lock_path = lock_path;
	return lock;

fail:
	if (fd >= 0)
		close(fd);
	free(lock_path);
	free(lock);
	return NULL;
}

void
store_lock_release(store_lock *lock)
{
	if (lock == NULL)
		return;
	/* Unlink first, while the lock is still ours, so that nobody can
	 * lock the file between our close and its removal and then lose it
	 * (store_lock_acquire checks that its file is still at the path). */
	unlink(lock->lock_path);
	close(lock->fd);
	free(lock->lock_path);
	free(lock);
}

bool
store_lock_busy(const diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++)
		if (diags->v[i].severity == DIAG_ERROR &&
		    (diags->v[i].sys_errno == EWOULDBLOCK ||
		     diags->v[i].sys_errno == EAGAIN))
			return true;
	return false;
}
