/* Output plumbing of the collector: files written into the staging folder
 * (each through an sbuf draining into it), copies of plan files, and the
 * one sync that makes them all durable before the folder is swapped in
 * (one flush for a thousand pages instead of a thousand). */
#define _GNU_SOURCE /* syncfs, sync_file_range, copy_file_range */
#include "collect_int.h"

#ifndef __linux__
#include <dirent.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

/* A folder used by the batch, opened once. */
typedef struct out_dir {
	char *path;
	int fd;
} out_dir;

struct collect_out {
	out_dir *dirs;
	size_t n_dirs;
	int open_fd; /* the file being written, or -1 */
	char *open_path;
};

collect_out *
collect_out_create(void)
{
	collect_out *o = calloc(1, sizeof(*o));

	if (o)
		o->open_fd = -1;
	return o;
}

static int
dir_fd(collect_out *o, const char *path, diag_list *diags)
{
	out_dir *v;
	int fd;

	for (size_t i = 0; i < o->n_dirs; i++)
		if (strcmp(o->dirs[i].path, path) == 0)
			return o->dirs[i].fd;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag_add_errno(diags, NULL, errno, _("cannot open folder %s"),
			       path);
		return -1;
	}
	v = realloc(o->dirs, (o->n_dirs + 1) * sizeof(*v));
	if (v == NULL || (v[o->n_dirs].path = strdup(path)) == NULL) {
		if (v)
			o->dirs = v;
		close(fd);
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return -1;
	}
	v[o->n_dirs].fd = fd;
	o->dirs = v;
	o->n_dirs++;
	return fd;
}

/* A new file dir/name, open for writing; -1 with the reason in diags. The
 * folder is new and ours: O_EXCL|O_NOFOLLOW still never writes through
 * anything planted there. */
static int
create(collect_out *o, const char *dir, const char *name, diag_list *diags)
{
	int dfd = dir_fd(o, dir, diags), fd;

	if (dfd < 0)
		return -1;
	fd = openat(dfd, name,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		diag_add_errno(diags, NULL, errno, _("cannot write %s/%s"), dir,
			       name);
	return fd;
}

bool
collect_out_begin(collect_out *o, const char *dir, const char *name,
		  sbuf *b, diag_list *diags)
{
	int fd;

	o->open_path = store_join(dir, name);
	if (o->open_path == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return false;
	}
	fd = create(o, dir, name, diags);
	if (fd < 0) {
		free(o->open_path);
		o->open_path = NULL;
		return false;
	}
	o->open_fd = fd;
	sbuf_reset(b);
	b->failed = false;
	b->err = 0;
	sbuf_drain_to(b, fd);
	return true;
}

void
collect_out_kick(sbuf *b)
{
	sbuf_flush(b);
#ifdef __linux__
	/* Only a hint, as in collect_out_end. */
	if (b->drains && b->fd >= 0 && !b->failed)
		sync_file_range(b->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

bool
collect_out_end(collect_out *o, sbuf *b, diag_list *diags)
{
	int err = 0;

	sbuf_flush(b);
	if (b->failed)
		err = b->err ? b->err : EIO;
#ifdef __linux__
	/* Start writing the file to disk now, while the next ones are
	 * made: the sync before the swap then has little left to wait
	 * for. Only a hint: errors show at that sync. */
	if (err == 0)
		sync_file_range(o->open_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	if (close(o->open_fd) != 0 && err == 0)
		err = errno;
	o->open_fd = -1;
	b->drains = false;
	b->fd = -1;
	b->failed = false;
	sbuf_reset(b);
	if (err != 0)
		diag_add_errno(diags, NULL, err, _("cannot write %s"),
			       o->open_path);
	free(o->open_path);
	o->open_path = NULL;
	return err == 0;
}

/* Writes all of data to fd; 0, or the errno of the failure. */
static int
write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno != EINTR)
			return errno;
		if (w > 0)
			off += (size_t)w;
	}
	return 0;
}

bool
collect_out_file(collect_out *o, const char *dir, const char *name,
		 const char *data, size_t len, diag_list *diags)
{
	sbuf b = SBUF_INIT;
	bool ok;

	if (!collect_out_begin(o, dir, name, &b, diags))
		return false;
	/* Straight to the file: no copy of a large buffer. */
	b.err = write_all(o->open_fd, data, len);
	b.failed = b.err != 0;
	ok = collect_out_end(o, &b, diags);
	sbuf_free(&b);
	return ok;
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Copies all of in to out: in the kernel where it can (a reflink on file
 * systems that share blocks), by read and write where not. 0 or errno. */
static int
copy_fd(int in, int out, size_t size)
{
	char buf[65536];
	size_t done = 0;

#ifdef __linux__
	while (done < size) {
		ssize_t n = copy_file_range(in, NULL, out, NULL, size - done, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (done == size)
		return 0;
	if (lseek(in, (off_t)done, SEEK_SET) < 0)
		return errno;
#endif
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		int err;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return 0;
		err = write_all(out, buf, (size_t)n);
		if (err)
			return err;
	}
}

bool
collect_out_copy(collect_out *o, const char *dir, const char *name,
		 const char *src, const struct stat *identity,
		 diag_list *diags)
{
	int in, out;
	struct stat before, after;
	int err = 0;

	/* Bytes copied, never a hard link: an inbox file overwritten in
	 * place (cp over it) would change a link, and with it the text the
	 * next collection compares with. */
	in = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (in < 0 || fstat(in, &before) != 0) {
		diag_add_errno(diags, NULL, errno, _("cannot read %s"), src);
		if (in >= 0)
			close(in);
		return false;
	}
	if (!same_file(&before, identity)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("%s changed while it was collected: run collect "
			   "again"),
			 src);
		close(in);
		return false;
	}
	out = create(o, dir, name, diags);
	if (out < 0) {
		close(in);
		return false;
	}
	err = copy_fd(in, out, (size_t)before.st_size);
	if (err == 0 && (fstat(in, &after) != 0 || !same_file(&after, identity)))
		err = -1;
	close(in);
	if (close(out) != 0 && err == 0)
		err = errno;
	if (err == -1)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("%s changed while it was collected: run collect "
			   "again"),
			 src);
	else if (err)
		diag_add_errno(diags, NULL, err, _("cannot write %s/%s"), dir,
			       name);
	return err == 0;
}

void
collect_out_destroy(collect_out *o)
{
	if (o == NULL)
		return;
	if (o->open_fd >= 0)
		close(o->open_fd);
	free(o->open_path);
	for (size_t i = 0; i < o->n_dirs; i++) {
		close(o->dirs[i].fd);
		free(o->dirs[i].path);
	}
	free(o->dirs);
	free(o);
}

#ifndef __linux__
/* Each file and folder of the tree at dfd synced, for systems without
 * syncfs; depth bounds a hostile tree (ours is three deep). */
static int
sync_each(int dfd, int depth)
{
	DIR *d;
	struct dirent *e;
	int err = 0, fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	d = fdopendir(fd);
	if (d == NULL) {
		err = errno;
		close(fd);
		return err;
	}
	while (err == 0 && (e = readdir(d)) != NULL) {
		struct stat st;
		int sub;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			err = errno;
			break;
		}
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
			continue;
		sub = openat(fd, e->d_name,
			     O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
				     (S_ISDIR(st.st_mode) ? O_DIRECTORY : 0));
		if (sub < 0) {
			err = errno;
			break;
		}
		if (S_ISDIR(st.st_mode) && depth < 8)
			err = sync_each(sub, depth + 1);
		else if (fsync(sub) != 0)
			err = errno;
		close(sub);
	}
	if (err == 0 && fsync(fd) != 0)
		err = errno;
	closedir(d);
	return err;
}
#endif

bool
collect_out_sync_tree(const char *root, diag_list *diags)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err = 0;

	if (fd < 0) {
		err = errno;
		goto out;
	}
#ifdef __linux__
	/* One syncfs makes every file and folder of the tree durable (and
	 * reports a write that failed on the way, since Linux 5.8). */
	if (syncfs(fd) != 0)
		err = errno;
#else
	err = sync_each(fd, 0);
#endif
	close(fd);
out:
	if (err)
		diag_add_errno(diags, NULL, err, _("cannot write %s: syncing"),
			       root);
	return err == 0;
}

struct collect_flusher {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int dfd;
	size_t at, done;
	bool stop;
};

static void *
flusher_run(void *arg)
{
	collect_flusher *f = arg;
	bool go;

	pthread_mutex_lock(&f->lock);
	while (f->done < f->at && !f->stop)
		pthread_cond_wait(&f->cond, &f->lock);
	go = f->done >= f->at;
	pthread_mutex_unlock(&f->lock);
	/* A failure here is the commit's to find and report. */
	if (go)
		(void)syncfs(f->dfd);
	return NULL;
}

collect_flusher *
collect_flusher_start(const char *dir, size_t at)
{
	collect_flusher *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return NULL;
	f->at = at;
	f->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->dfd < 0)
		goto fail_open;
	if (pthread_mutex_init(&f->lock, NULL) != 0)
		goto fail_lock;
	if (pthread_cond_init(&f->cond, NULL) != 0)
		goto fail_cond;
	if (pthread_create(&f->thread, NULL, flusher_run, f) != 0)
		goto fail_thread;
	return f;
fail_thread:
	pthread_cond_destroy(&f->cond);
fail_cond:
	pthread_mutex_destroy(&f->lock);
fail_lock:
	close(f->dfd);
fail_open:
	free(f);
	return NULL;
}

void
collect_flusher_done(collect_flusher *f)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	if (++f->done == f->at)
		pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

void
collect_flusher_stop(collect_flusher *f)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->lock);
	close(f->dfd);
	free(f);
}
