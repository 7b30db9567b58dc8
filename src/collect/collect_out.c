/* Output plumbing of the collector: a buffer that drains into a file, and a
 * batch of files that are written as temporaries, synced once, then renamed
 * into place (one flush for a thousand pages instead of a thousand). */
#define _GNU_SOURCE /* syncfs */
#include "collect_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* A draining buffer writes itself out past this many bytes. */
#define DRAIN_AT (256 * 1024)
#define TEMP_TRIES 64

void
collect_buf_flush(collect_buf *b)
{
	size_t off = 0;

	if (b->failed || b->fd < 0)
		return;
	while (off < b->len) {
		ssize_t w = write(b->fd, b->s + off, b->len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			b->err = errno;
			b->failed = true;
			return;
		}
		off += (size_t)w;
	}
	b->total += b->len;
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
collect_buf_add(collect_buf *b, const char *s, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (n > SIZE_MAX / 2 - b->len - 1) {
		b->err = ENOMEM;
		b->failed = true;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *v;

		while (cap < b->len + n + 1)
			cap *= 2;
		v = realloc(b->s, cap);
		if (v == NULL) {
			b->err = ENOMEM;
			b->failed = true;
			return;
		}
		b->s = v;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	if (b->fd >= 0 && b->len >= DRAIN_AT)
		collect_buf_flush(b);
}

void
collect_buf_str(collect_buf *b, const char *s)
{
	collect_buf_add(b, s, strlen(s));
}

void
collect_buf_char(collect_buf *b, char c)
{
	collect_buf_add(b, &c, 1);
}

void
collect_buf_cp(collect_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	collect_buf_add(b, u, n);
}

void
collect_buf_printf(collect_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = EINVAL;
		b->failed = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		collect_buf_add(b, small, (size_t)n);
		return;
	}
	{
		char *big = malloc((size_t)n + 1);

		if (big == NULL) {
			b->err = ENOMEM;
			b->failed = true;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		collect_buf_add(b, big, (size_t)n);
		free(big);
	}
}

const char *
collect_buf_cstr(const collect_buf *b)
{
	return b->s ? b->s : "";
}

void
collect_buf_reset(collect_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
collect_buf_finish(collect_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

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

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + 1 + strlen(name) + 1;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
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

static void
random_suffix(char *s, size_t n)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char r[16];

	if (n > sizeof(r))
		n = sizeof(r);
	if (getrandom(r, n, GRND_NONBLOCK) != (ssize_t)n) {
		/* No entropy yet: any varying bytes will do, O_EXCL keeps
		 * it safe. */
		static unsigned counter;
		unsigned v = (unsigned)getpid() * 2654435761u + counter++;

		for (size_t i = 0; i < n; i++, v = v * 1103515245u + 12345u)
			r[i] = (unsigned char)(v >> 16);
	}
	for (size_t i = 0; i < n; i++)
		s[i] = set[r[i] % (sizeof(set) - 1)];
}

bool
collect_out_begin(collect_out *o, const char *dir, const char *name,
		  collect_buf *b, diag_list *diags)
{
	out_file *v, f = {-1, NULL, NULL, NULL};
	size_t nlen = strlen(name);
	int fd = -1, err = 0;

	f.dfd = dir_fd(o, dir, diags);
	if (f.dfd < 0)
		return false;
	f.name = strdup(name);
	f.path = join(dir, name);
	f.tmp = malloc(nlen + 10);
	if (!f.name || !f.path || !f.tmp) {
		err = ENOMEM;
		goto fail;
	}
	f.tmp[0] = '.';
	memcpy(f.tmp + 1, name, nlen);
	f.tmp[1 + nlen] = '.';
	f.tmp[nlen + 9] = '\0';
	for (int i = 0; i < TEMP_TRIES; i++) {
		random_suffix(f.tmp + nlen + 2, 7);
		/* O_EXCL|O_NOFOLLOW: never write through a planted link. */
		fd = openat(f.dfd, f.tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0644);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
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
	collect_buf_reset(b);
	b->fd = fd;
	b->failed = false;
	b->err = 0;
	b->total = 0;
	return true;
fail:
	diag_add_errno(diags, NULL, err, _("cannot write %s"),
		       f.path ? f.path : name);
	free(f.name);
	free(f.path);
	free(f.tmp);
	return false;
}

bool
collect_out_end(collect_out *o, collect_buf *b, diag_list *diags)
{
	out_file *f = &o->files[o->open_index];
	int err = 0;

	collect_buf_flush(b);
	if (b->failed)
		err = b->err ? b->err : EIO;
	if (close(o->open_fd) != 0 && err == 0)
		err = errno;
	o->open_fd = -1;
	b->fd = -1;
	b->failed = false;
	collect_buf_reset(b);
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
	collect_buf b = COLLECT_BUF_INIT;
	size_t off = 0;
	bool ok;

	if (!collect_out_begin(o, dir, name, &b, diags))
		return false;
	/* Straight to the file: no copy of a large buffer. */
	while (off < len && !b.failed) {
		ssize_t w = write(b.fd, data + off, len - off);

		if (w < 0 && errno != EINTR) {
			b.err = errno;
			b.failed = true;
		} else if (w > 0) {
			off += (size_t)w;
		}
	}
	ok = collect_out_end(o, &b, diags);
	collect_buf_finish(&b);
	return ok;
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
