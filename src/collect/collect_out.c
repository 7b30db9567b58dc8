/* Output plumbing of the collector: a batch of files that are written as
 * temporaries (each through an sbuf draining into it), synced once, then
 * renamed into place (one flush for a thousand pages instead of a
 * thousand). */
#define _GNU_SOURCE /* syncfs, sync_file_range */
#include "collect_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

/* One file of the batch: the folder it goes in (open), its temporary name
 * and its final name. */
typedef struct out_file {
	int dfd;
	char *tmp;
	char *name;
	char *path; /* dir/name, for messages */
} out_file;

/* A folder used by the batch, opened once. */
typedef struct out_dir {
	char *path;
	int fd;
} out_dir;

struct collect_out {
	out_dir *dirs;
	size_t n_dirs;
	out_file *files;
	size_t n_files;
	size_t committed; /* files[0..committed) are renamed */
	int open_fd;      /* the file being written, or -1 */
	size_t open_index;
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

/* A temporary name's base that collect writes into folder (ctx: true for a
 * site/ folder). Only these: a plan kept in the output folder is left to
 * the plan's own writers. */
static bool
own_output(const char *base, size_t len, void *ctx)
{
	static const char *const top[] = {"report.txt", "matrix.csv",
					  "submissions.yaml", "rejected.txt"};
	bool site = *(const bool *)ctx;

	if (site)
		return len > 5 && memcmp(base + len - 5, ".html", 5) == 0;
	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if (len == strlen(top[i]) && memcmp(base, top[i], len) == 0)
			return true;
	return false;
}

static size_t
clean_folder(const char *dir, bool site, diag_list *diags)
{
	store_leftovers l = STORE_LEFTOVERS_INIT;
	size_t n;

	store_leftovers_in(dir, own_output, &site, &l, diags);
	n = store_leftovers_remove(&l);
	store_leftovers_finish(&l);
	return n;
}

size_t
collect_out_clean(const char *dir, diag_list *diags)
{
	diag_list d = DIAG_LIST_INIT;
	size_t n = clean_folder(dir, false, &d);
	DIR *top = opendir(dir);
	struct dirent *e;

	/* DIR/site and DIR/ID-vN/site: the folders collect_write makes. */
	while (top != NULL && (e = readdir(top)) != NULL) {
		char *sub, *site;
		struct stat st;

		if (e->d_name[0] == '.' ||
		    fstatat(dirfd(top), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(st.st_mode))
			continue;
		sub = store_join(dir, e->d_name);
		if (sub == NULL)
			break;
		if (strcmp(e->d_name, "site") == 0) {
			n += clean_folder(sub, true, &d);
		} else {
			n += clean_folder(sub, false, &d);
			site = store_join(sub, "site");
			if (site != NULL && stat(site, &st) == 0 &&
			    S_ISDIR(st.st_mode))
				n += clean_folder(site, true, &d);
			free(site);
		}
		free(sub);
	}
	if (top != NULL)
		closedir(top);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].severity == DIAG_ERROR) {
			d.v[i].severity = DIAG_WARNING;
			d.n_errors--;
		}
	diag_list_move(diags, &d);
	diag_list_finish(&d);
	return n;
}

bool
collect_out_begin(collect_out *o, const char *dir, const char *name,
		  sbuf *b, diag_list *diags)
{
	out_file *v, f = {-1, NULL, NULL, NULL};
	int fd = -1, err = 0;

	f.dfd = dir_fd(o, dir, diags);
	if (f.dfd < 0)
		return false;
	f.name = strdup(name);
	f.path = store_join(dir, name);
	if (!f.name || !f.path) {
		err = ENOMEM;
		goto fail;
	}
	/* The store's temporary names (O_EXCL|O_NOFOLLOW: never through a
	 * planted link), which carry our pid: a later run tells the
	 * leftovers of a killed one by it (collect_clean_leftovers). */
	fd = store_temp_open(f.dfd, name, 0644, &f.tmp);
	if (fd < 0) {
		err = errno;
		goto fail;
	}
	v = realloc(o->files, (o->n_files + 1) * sizeof(*v));
	if (v == NULL) {
		err = ENOMEM;
		unlinkat(f.dfd, f.tmp, 0);
		close(fd);
		goto fail;
	}
	o->files = v;
	o->files[o->n_files] = f;
	o->open_index = o->n_files++;
	o->open_fd = fd;
	sbuf_reset(b);
	b->failed = false;
	b->err = 0;
	sbuf_drain_to(b, fd);
	return true;
fail:
	diag_add_errno(diags, NULL, err, _("cannot write %s"),
		       f.path ? f.path : name);
	free(f.name);
	free(f.path);
	free(f.tmp);
	return false;
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
	out_file *f = &o->files[o->open_index];
	int err = 0;

	sbuf_flush(b);
	if (b->failed)
		err = b->err ? b->err : EIO;
#ifdef __linux__
	/* Start writing the file to disk now, while the next ones are
	 * made: the sync before the renames then has little left to wait
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
	if (err != 0) {
		diag_add_errno(diags, NULL, err, _("cannot write %s"),
			       f->path);
		return false;
	}
	return true;
}

bool
collect_out_file(collect_out *o, const char *dir, const char *name,
		 const char *data, size_t len, diag_list *diags)
{
	sbuf b = SBUF_INIT;
	size_t off = 0;
	bool ok;

	if (!collect_out_begin(o, dir, name, &b, diags))
		return false;
	/* Straight to the file: no copy of a large buffer. */
	while (off < len && !b.failed) {
		ssize_t w = write(o->open_fd, data + off, len - off);

		if (w < 0 && errno != EINTR) {
			b.err = errno;
			b.failed = true;
		} else if (w > 0) {
			off += (size_t)w;
		}
	}
	ok = collect_out_end(o, &b, diags);
	sbuf_finish(&b);
	return ok;
}

bool
collect_out_adopt(collect_out *dst, collect_out *src)
{
	out_file *files;
	out_dir *dirs;

	if (src->open_fd >= 0 || src->committed > 0)
		return false;
	files = realloc(dst->files,
			(dst->n_files + src->n_files + 1) * sizeof(*files));
	if (files == NULL)
		return false;
	dst->files = files;
	dirs = realloc(dst->dirs,
		       (dst->n_dirs + src->n_dirs + 1) * sizeof(*dirs));
	if (dirs == NULL)
		return false;
	dst->dirs = dirs;
	/* Nothing can fail from here on. A folder dst has open already
	 * serves src's files too. */
	for (size_t i = 0; i < src->n_dirs; i++) {
		out_dir *sd = &src->dirs[i];
		int fd = -1;

		for (size_t k = 0; k < dst->n_dirs && fd < 0; k++)
			if (strcmp(dst->dirs[k].path, sd->path) == 0)
				fd = dst->dirs[k].fd;
		if (fd < 0) {
			dst->dirs[dst->n_dirs++] = *sd;
			continue;
		}
		for (size_t k = 0; k < src->n_files; k++)
			if (src->files[k].dfd == sd->fd)
				src->files[k].dfd = fd;
		close(sd->fd);
		free(sd->path);
	}
	/* An empty batch has no array: memcpy must not see its NULL. */
	if (src->n_files > 0)
		memcpy(dst->files + dst->n_files, src->files,
		       src->n_files * sizeof(*files));
	dst->n_files += src->n_files;
	free(src->files);
	free(src->dirs);
	free(src);
	return true;
}

/* Makes every temporary file durable. One syncfs per file system is
 * enough on Linux; elsewhere each file is synced. */
static bool
sync_all(collect_out *o, diag_list *diags)
{
#ifdef __linux__
	if (o->n_dirs > 0) {
		struct stat seen[8];
		size_t n_seen = 0;

		for (size_t i = 0; i < o->n_dirs; i++) {
			struct stat st;
			bool dup = false;

			if (fstat(o->dirs[i].fd, &st) != 0)
				goto each;
			for (size_t k = 0; k < n_seen; k++)
				dup = dup || seen[k].st_dev == st.st_dev;
			if (dup)
				continue;
			if (n_seen == sizeof(seen) / sizeof(seen[0]))
				goto each;
			seen[n_seen++] = st;
			if (syncfs(o->dirs[i].fd) != 0) {
				diag_add_errno(diags, NULL, errno,
					       _("cannot write %s: syncing"),
					       o->dirs[i].path);
				return false;
			}
		}
		return true;
	}
each:
#endif
	for (size_t i = o->committed; i < o->n_files; i++) {
		out_file *f = &o->files[i];
		int fd = openat(f->dfd, f->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

		if (fd < 0 || fsync(fd) != 0) {
			int err = errno;

			if (fd >= 0)
				close(fd);
			diag_add_errno(diags, NULL, err,
				       _("cannot write %s: syncing"),
				       f->path);
			return false;
		}
		close(fd);
	}
	return true;
}

bool
collect_out_commit(collect_out *o, diag_list *diags)
{
	if (o->open_fd >= 0)
		return false;
	if (!sync_all(o, diags))
		return false;
	for (; o->committed < o->n_files; o->committed++) {
		out_file *f = &o->files[o->committed];

		if (renameat(f->dfd, f->tmp, f->dfd, f->name) != 0) {
			diag_add_errno(diags, NULL, errno,
				       _("cannot write %s"), f->path);
			return false;
		}
	}
	for (size_t i = 0; i < o->n_dirs; i++) {
		if (fsync(o->dirs[i].fd) != 0) {
			diag_add_errno(diags, NULL, errno,
				       _("cannot write %s: syncing"),
				       o->dirs[i].path);
			return false;
		}
	}
	return true;
}

void
collect_out_destroy(collect_out *o)
{
	if (o == NULL)
		return;
	if (o->open_fd >= 0)
		close(o->open_fd);
	for (size_t i = 0; i < o->n_files; i++) {
		if (i >= o->committed)
			unlinkat(o->files[i].dfd, o->files[i].tmp, 0);
		free(o->files[i].tmp);
		free(o->files[i].name);
		free(o->files[i].path);
	}
	for (size_t i = 0; i < o->n_dirs; i++) {
		close(o->dirs[i].fd);
		free(o->dirs[i].path);
	}
	free(o->files);
	free(o->dirs);
	free(o);
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
