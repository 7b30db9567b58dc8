/* The output folder replaced as a whole: the outputs are built in a
 * staging folder beside DIR, made durable, then exchanged with DIR in one
 * step, so that DIR is at every moment the complete old output or the
 * complete new one; what killed runs leave behind is recognised (by name
 * and marker file) and removed by the next. collect_int.h has the
 * contract. */
#define _GNU_SOURCE /* renameat2 */
#include "collect_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "store.h"

bool collect_stage_no_exchange = false;

#define SUFFIX_LEN 6
#define TRIES 64
/* Deeper than any output goes (DIR/ID-vN/site/page): a bound for the
 * removal of a tree, which never follows links. */
#define MAX_DEPTH 8

static const char marker_text[] =
	"actionplan-collect/1\n"
	"This folder was written by `actionplan collect`. The next collect\n"
	"into it replaces it as a whole: keep nothing else in it.\n";

struct collect_stage {
	char *dir;    /* DIR, resolved */
	char *base;   /* its name in its parent */
	int pfd;      /* its parent folder */
	char *name;   /* of the staging folder, in the parent */
	char *path;   /* of the staging folder */
	int fd;       /* the staging folder, locked */
	bool had_output;
	bool committed;
};

static void
random_suffix(char *s, size_t n)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char r[16];

	if (n > sizeof(r))
		n = sizeof(r);
	if (getrandom(r, n, GRND_NONBLOCK) != (ssize_t)n) {
		/* No entropy yet: any varying bytes will do, O_EXCL and
		 * mkdir keep it safe. */
		static unsigned counter;
		unsigned v = (unsigned)getpid() * 2654435761u + counter++;

		for (size_t i = 0; i < n; i++, v = v * 1103515245u + 12345u)
			r[i] = (unsigned char)(v >> 16);
	}
	for (size_t i = 0; i < n; i++)
		s[i] = set[r[i] % (sizeof(set) - 1)];
	s[n] = '\0';
}

/* ".BASE.collect-XXXXXX", or with ".old" after it (the fallback's old
 * output): the names of collect's own folders beside DIR. *old tells
 * which. */
static bool
stage_name(const char *base, const char *name, bool *old)
{
	size_t n = strlen(base), len = strlen(name), k;

	if (len < n + 10 + SUFFIX_LEN || name[0] != '.' ||
	    strncmp(name + 1, base, n) != 0 ||
	    strncmp(name + 1 + n, ".collect-", 9) != 0)
		return false;
	k = 1 + n + 9;
	for (size_t i = 0; i < SUFFIX_LEN; i++) {
		char c = name[k + i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	k += SUFFIX_LEN;
	*old = strcmp(name + k, ".old") == 0;
	return name[k] == '\0' || *old;
}

/* True when the folder dfd holds collect's marker file. */
static bool
has_marker(int dfd)
{
	struct stat st;

	return fstatat(dfd, COLLECT_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode);
}

static bool
write_marker(int dfd, diag_list *diags, const char *where)
{
	int fd = openat(dfd, COLLECT_MARKER,
			O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			0644);
	size_t off = 0, len = sizeof(marker_text) - 1;

	if (fd < 0)
		goto fail;
	while (off < len) {
		ssize_t w = write(fd, marker_text + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			int err = errno;

			close(fd);
			errno = err;
			goto fail;
		}
		off += (size_t)w;
	}
	if (close(fd) == 0)
		return true;
fail:
	diag_add_errno(diags, NULL, errno, _("cannot write %s/%s"), where,
		       COLLECT_MARKER);
	return false;
}

/* Removes name (in dfd) and everything below it, never following a link
 * (a link is removed, not its target). The marker goes last, so that a
 * removal cut short leaves a folder still known as collect's. Best
 * effort: what cannot be removed stays for the next run. */
static void
remove_tree(int dfd, const char *name, int depth)
{
	int fd;
	DIR *d;
	struct dirent *e;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return;
	if (depth >= MAX_DEPTH)
		return;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    (depth == 0 && !strcmp(e->d_name, COLLECT_MARKER)))
			continue;
		if (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN)
			remove_tree(fd, e->d_name, depth + 1);
		else
			unlinkat(fd, e->d_name, 0);
	}
	if (depth == 0)
		unlinkat(fd, COLLECT_MARKER, 0);
	closedir(d);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

/* The names of the parent's entries that are collect's folders of DIR,
 * sorted (malloc'd, NULL-terminated), or NULL when the parent cannot be
 * read or memory runs out. */
static char **
stage_entries(const collect_stage *st)
{
	int fd = openat(st->pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	char **v = NULL, **nv;
	size_t n = 0, cap = 0;
	bool old;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (!stage_name(st->base, e->d_name, &old))
			continue;
		nv = grow_array(v, &cap, n + 1, sizeof(*v), 8);
		if (nv == NULL)
			break;
		v = nv;
		if ((v[n] = strdup(e->d_name)) == NULL)
			break;
		v[++n] = NULL;
	}
	closedir(d);
	if (v == NULL)
		v = calloc(1, sizeof(*v));
	for (size_t i = 1; v && i < n; i++)
		for (size_t k = i; k > 0 && strcmp(v[k - 1], v[k]) > 0; k--) {
			char *t = v[k];

			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	return v;
}

static void
free_entries(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* The folder name (in the parent) opened when it is one of collect's
 * (marked), and locked by nobody else: then its fd, locked; else -1. */
static int
claim(const collect_stage *st, const char *name)
{
	int fd = openat(st->pfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (!has_marker(fd) || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* DIR is missing only when a run using the two-rename fallback was
 * killed between its renames: X.old is the old output, X the new one,
 * complete and durable. The swap is finished (X becomes DIR), or, when X
 * is gone, undone. */
static void
finish_half_swap(collect_stage *st, char **names)
{
	struct stat s;

	if (fstatat(st->pfd, st->base, &s, AT_SYMLINK_NOFOLLOW) == 0 ||
	    errno != ENOENT)
		return;
	for (size_t i = 0; names[i]; i++) {
		size_t n = strlen(names[i]);
		bool old;
		char *newer;
		int fd_old, fd_new;

		if (!stage_name(st->base, names[i], &old) || !old)
			continue;
		fd_old = claim(st, names[i]);
		newer = fd_old >= 0 ? strndup(names[i], n - 4) : NULL;
		if (newer == NULL) {
			if (fd_old >= 0)
				close(fd_old);
			continue;
		}
		fd_new = claim(st, newer);
		if (fd_new >= 0)
			renameat(st->pfd, newer, st->pfd, st->base);
		else if (fstatat(st->pfd, newer, &s, AT_SYMLINK_NOFOLLOW) != 0)
			renameat(st->pfd, names[i], st->pfd, st->base);
		/* else a live run is between its two renames: its own. */
		fsync(st->pfd);
		if (fd_new >= 0)
			close(fd_new);
		close(fd_old);
		free(newer);
		return;
	}
}

static void
remove_leftovers(collect_stage *st)
{
	char **names = stage_entries(st);

	if (names == NULL)
		return;
	finish_half_swap(st, names);
	for (size_t i = 0; names[i]; i++) {
		int fd = claim(st, names[i]);

		if (fd >= 0) {
			remove_tree(st->pfd, names[i], 0);
			close(fd);
			continue;
		}
		/* A run killed between making its folder and marking it
		 * left it empty: rmdir removes only an empty folder, and
		 * only when no live run holds it. */
		fd = openat(st->pfd, names[i],
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(st->pfd, names[i], AT_REMOVEDIR);
		if (fd >= 0)
			close(fd);
	}
	free_entries(names);
}

/* Names an older collect wrote into DIR (before the marker file): such a
 * folder is replaced too, and nothing else is. */
static bool
legacy_name(const char *name, unsigned char type)
{
	static const char *const files[] = {
		"submissions.yaml", "rejected.txt", "report.txt",
		"matrix.csv", "changes.txt", NULL,
	};
	size_t n = strlen(name), k;

	for (size_t i = 0; files[i]; i++)
		if (strcmp(name, files[i]) == 0)
			return type != DT_DIR;
	if (strcmp(name, "site") == 0 || strcmp(name, "plans") == 0)
		return type == DT_DIR || type == DT_UNKNOWN;
	/* ID-vVERSION/ */
	for (k = n; k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9'; k--)
		;
	if (k < n && k >= 3 && name[k - 1] == 'v' && name[k - 2] == '-')
		return type == DT_DIR || type == DT_UNKNOWN;
	/* The temporary files it left: ".NAME.XXXXXXX". */
	return name[0] == '.' && n > 9 && name[n - 8] == '.';
}

/* Whether DIR may be replaced: missing, empty, marked as collect's, or
 * holding only what collect wrote before it marked its folders. */
static bool
check_replaceable(collect_stage *st, diag_list *diags)
{
	int fd = openat(st->pfd, st->base,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;
	struct dirent *e;
	char *stranger = NULL;

	if (fd < 0) {
		if (errno == ENOENT)
			return true;
		diag_add_errno(diags, NULL, errno == ENOTDIR ? ENOTDIR : errno,
			       _("cannot open folder %s"), st->dir);
		return false;
	}
	if (has_marker(fd)) {
		close(fd);
		st->had_output = true;
		return true;
	}
	d = fdopendir(fd);
	if (d == NULL) {
		diag_add_errno(diags, NULL, errno, _("cannot open folder %s"),
			       st->dir);
		close(fd);
		return false;
	}
	while ((e = readdir(d)) != NULL && stranger == NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (legacy_name(e->d_name, e->d_type))
			st->had_output = true;
		else
			stranger = collect_show_dup(e->d_name);
	}
	closedir(d);
	if (stranger == NULL)
		return true;
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
		 _("%s holds files that collect did not write (%s); collect "
		   "replaces its output folder as a whole: give a new or "
		   "empty folder"),
		 st->dir, stranger);
	free(stranger);
	return false;
}

/* DIR as a parent folder and a name in it: a symbolic link is resolved
 * (the link's target is replaced, not the link), and so are "." and
 * "..". */
static bool
locate(collect_stage *st, const char *dir, diag_list *diags)
{
	struct stat s;
	char *copy = NULL, *slash, *parent;
	size_t n;
	bool ok = false;

	if (lstat(dir, &s) == 0 && !S_ISDIR(s.st_mode) && !S_ISLNK(s.st_mode)) {
		diag_add_errno(diags, NULL, ENOTDIR, "%s", dir);
		return false;
	}
	if (lstat(dir, &s) == 0 && S_ISLNK(s.st_mode)) {
		copy = realpath(dir, NULL);
		if (copy == NULL || stat(copy, &s) != 0 || !S_ISDIR(s.st_mode)) {
			diag_add_errno(diags, NULL, copy ? ENOTDIR : errno,
				       "%s", dir);
			goto out;
		}
	} else {
		copy = strdup(dir);
	}
	if (copy == NULL)
		goto oom;
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	if (strcmp(slash ? slash + 1 : copy, ".") == 0 ||
	    strcmp(slash ? slash + 1 : copy, "..") == 0) {
		char *real = realpath(copy, NULL);

		if (real == NULL) {
			diag_add_errno(diags, NULL, errno, "%s", dir);
			goto out;
		}
		free(copy);
		copy = real;
		slash = strrchr(copy, '/');
	}
	if (slash && slash[1] == '\0') {
		diag_add_errno(diags, NULL, EBUSY, _("cannot replace %s"), dir);
		goto out;
	}
	st->dir = strdup(copy);
	st->base = strdup(slash ? slash + 1 : copy);
	if (slash == copy)
		parent = strdup("/");
	else if (slash)
		parent = strndup(copy, (size_t)(slash - copy));
	else
		parent = strdup(".");
	if (!st->dir || !st->base || !parent) {
		free(parent);
		goto oom;
	}
	/* The parent is made when missing, as -o always did. */
	if (store_mkdirs(parent, 0755, diags)) {
		st->pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (st->pfd < 0)
			diag_add_errno(diags, NULL, errno,
				       _("cannot open folder %s"), parent);
		ok = st->pfd >= 0;
	}
	free(parent);
	goto out;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
out:
	free(copy);
	return ok;
}

/* The staging folder: made, locked, marked. */
static bool
make_stage(collect_stage *st, diag_list *diags)
{
	size_t n = strlen(st->base);

	st->name = malloc(n + 10 + SUFFIX_LEN + 1 + 4);
	if (st->name == NULL)
		goto oom;
	for (int i = 0; i < TRIES; i++) {
		snprintf(st->name, n + 11, ".%s.collect-", st->base);
		random_suffix(st->name + n + 10, SUFFIX_LEN);
		if (mkdirat(st->pfd, st->name, 0755) == 0)
			break;
		if (errno != EEXIST || i + 1 == TRIES) {
			diag_add_errno(diags, NULL, errno,
				       _("cannot write %s"), st->dir);
			free(st->name);
			st->name = NULL;
			return false;
		}
	}
	{
		/* The staging folder's path, beside DIR's. */
		const char *slash = strrchr(st->dir, '/');
		size_t plen = slash ? (size_t)(slash - st->dir) + 1 : 0;

		st->path = malloc(plen + strlen(st->name) + 1);
		if (st->path == NULL)
			goto oom;
		memcpy(st->path, st->dir, plen);
		strcpy(st->path + plen, st->name);
	}
	st->fd = openat(st->pfd, st->name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (st->fd < 0 || flock(st->fd, LOCK_EX | LOCK_NB) != 0) {
		diag_add_errno(diags, NULL, errno, _("cannot write %s"),
			       st->path);
		return false;
	}
	return write_marker(st->fd, diags, st->path);
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	return false;
}

collect_stage *
collect_stage_begin(const char *dir, diag_list *diags)
{
	collect_stage *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return NULL;
	}
	st->pfd = st->fd = -1;
	if (!locate(st, dir, diags))
		goto fail;
	remove_leftovers(st);
	if (!check_replaceable(st, diags) || !make_stage(st, diags))
		goto fail;
	return st;
fail:
	collect_stage_end(st);
	return NULL;
}

const char *
collect_stage_path(const collect_stage *st)
{
	return st->path;
}

const char *
collect_stage_dir(const collect_stage *st)
{
	return st->dir;
}

bool
collect_stage_had_output(const collect_stage *st)
{
	return st->had_output;
}

/* The two renames where the exchange is missing: DIR goes aside to
 * NAME.old, the staging folder becomes DIR. Killed between them, DIR is
 * missing until the next run finishes the swap (finish_half_swap). */
static int
swap_by_two_renames(collect_stage *st, char **old_name)
{
	size_t n = strlen(st->name);

	*old_name = malloc(n + 5);
	if (*old_name == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(*old_name, st->name, n);
	memcpy(*old_name + n, ".old", 5);
	if (renameat(st->pfd, st->base, st->pfd, *old_name) != 0)
		return -1;
	if (renameat(st->pfd, st->name, st->pfd, st->base) != 0) {
		int err = errno;

		renameat(st->pfd, *old_name, st->pfd, st->base);
		errno = err;
		return -1;
	}
	return 0;
}

bool
collect_stage_commit(collect_stage *st, diag_list *diags)
{
	char *gone = NULL; /* where the old output is after the swap */
	struct stat s;
	int r;

	if (!collect_out_sync_tree(st->path, diags))
		return false;
	if (fstatat(st->pfd, st->base, &s, AT_SYMLINK_NOFOLLOW) != 0) {
		/* No DIR: the staging folder becomes it, unless one
		 * appeared meanwhile (then it is exchanged below). */
		r = renameat2(st->pfd, st->name, st->pfd, st->base,
			      RENAME_NOREPLACE);
		if (r != 0 && (errno == EINVAL || errno == ENOSYS))
			r = renameat(st->pfd, st->name, st->pfd, st->base);
		if (r == 0)
			goto done;
		if (errno != EEXIST && errno != ENOTEMPTY)
			goto fail;
	}
	/* An old output without the marker gets it, so that if this run
	 * is killed before removing it, the next run knows it. */
	{
		int fd = openat(st->pfd, st->base,
				O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (fd >= 0 && !has_marker(fd) && !write_marker(fd, diags, st->dir)) {
			close(fd);
			return false;
		}
		if (fd >= 0)
			close(fd);
	}
	r = collect_stage_no_exchange
		    ? (errno = EINVAL, -1)
		    : renameat2(st->pfd, st->name, st->pfd, st->base,
				RENAME_EXCHANGE);
	if (r == 0) {
		gone = strdup(st->name);
	} else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP ||
		   errno == EOPNOTSUPP) {
		if (swap_by_two_renames(st, &gone) != 0)
			goto fail;
	} else {
		goto fail;
	}
done:
	st->committed = true;
	if (fsync(st->pfd) != 0) {
		diag_add_errno(diags, NULL, errno, _("cannot write %s: syncing"),
			       st->dir);
		free(gone);
		return false;
	}
	/* The old output: whatever of it cannot be removed now (it is
	 * marked) goes at the next run. */
	if (gone)
		remove_tree(st->pfd, gone, 0);
	free(gone);
	return true;
fail:
	diag_add_errno(diags, NULL, errno, _("cannot replace %s"), st->dir);
	free(gone);
	return false;
}

void
collect_stage_end(collect_stage *st)
{
	if (st == NULL)
		return;
	if (st->name && !st->committed && st->pfd >= 0)
		remove_tree(st->pfd, st->name, 0);
	if (st->fd >= 0)
		close(st->fd);
	if (st->pfd >= 0)
		close(st->pfd);
	free(st->dir);
	free(st->base);
	free(st->name);
	free(st->path);
	free(st);
}
