/* Temporary files of the store's writers: their names (which carry the
 * writer's pid), creating them, and finding those whose writer is gone. */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grow.h"
#include "intl.h"

/* Attempts at a fresh temporary name before giving up: with 62^6 names a
 * collision is already unlikely, so many in a row means something else. */
#define TEMP_TRIES 64
/* Random letters and digits at the end of a temporary name. */
#define TEMP_RANDOM 6
/* Digits of a pid in a temporary name: pids fit in an int. */
#define TEMP_PID_MAX 10

/* Fills out[0..n) with letters and digits; getrandom when it can, else
 * the clock, the pid and a counter, which still differ between tries. */
static void
random_suffix(char *out, size_t n)
{
	static const char set[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long counter;
	unsigned char raw[16];
	size_t i;

	if (n > sizeof(raw))
		n = sizeof(raw);
	if (getrandom(raw, n, GRND_NONBLOCK) != (ssize_t)n) {
		struct timespec ts;
		uint64_t x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
		    ((uint64_t)getpid() << 40) ^ (uint64_t)++counter * 0x9e3779b97f4a7c15u;
		for (i = 0; i < n; i++) {
			x ^= x >> 33;
			x *= 0xff51afd7ed558ccdu;
			x ^= x >> 29;
			raw[i] = (unsigned char)x;
		}
	}
	for (i = 0; i < n; i++)
		out[i] = set[raw[i] % (sizeof(set) - 1)];
}

static size_t
temp_base_len(const char *base)
{
	size_t n = strlen(base);

	return n > STORE_TEMP_BASE_MAX ? STORE_TEMP_BASE_MAX : n;
}

int
store_temp_open(int dfd, const char *base, unsigned mode, char **name)
{
	size_t blen = temp_base_len(base);
	size_t size = 1 + blen + 1 + TEMP_PID_MAX + 1 + TEMP_RANDOM + 1;
	char *tmp = malloc(size);
	int fd = -1, prefix, err = 0;

	*name = NULL;
	if (tmp == NULL) {
		errno = ENOMEM;
		return -1;
	}
	prefix = snprintf(tmp, size, ".%.*s.%ld.", (int)blen, base,
			  (long)getpid());
	if (prefix < 0 || (size_t)prefix + TEMP_RANDOM + 1 > size) {
		free(tmp);
		errno = ENAMETOOLONG;
		return -1;
	}
	tmp[prefix + TEMP_RANDOM] = '\0';
	for (int i = 0; i < TEMP_TRIES; i++) {
		random_suffix(tmp + prefix, TEMP_RANDOM);
		/* O_EXCL also refuses a symlink planted under our name. */
		fd = openat(dfd, tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    (mode_t)mode);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	*name = tmp;
	return fd;
}

bool
store_temp_parse(const char *name, const char *base, size_t *base_len,
		 long *pid)
{
	size_t n = strlen(name), i, digits = 0;
	long v = 0;

	/* ".B.P.RRRRRR": read from the end, where the fixed parts are. */
	if (n < 1 + 1 + 1 + 1 + 1 + TEMP_RANDOM || name[0] != '.')
		return false;
	for (i = n - TEMP_RANDOM; i < n; i++) {
		char c = name[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	i = n - TEMP_RANDOM - 1;
	if (name[i] != '.')
		return false;
	while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') {
		i--;
		digits++;
	}
	if (digits == 0 || digits > TEMP_PID_MAX || i < 3 ||
	    name[i - 1] != '.' || name[i] == '0')
		return false;
	for (size_t k = i; k < i + digits; k++) {
		v = v * 10 + (name[k] - '0');
		if (v > INT_MAX)
			return false;
	}
	/* The base, never empty, is name[1 .. i-1). */
	if (base != NULL) {
		size_t blen = temp_base_len(base);

		if (i - 2 != blen || memcmp(name + 1, base, blen) != 0)
			return false;
	}
	if (base_len != NULL)
		*base_len = i - 2;
	if (pid != NULL)
		*pid = v;
	return true;
}

bool
store_pid_gone(long pid)
{
	if (pid <= 0 || pid > INT_MAX)
		return false;
	if (pid == (long)getpid())
		return false;
	/* EPERM: it runs, as another user. */
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void
store_leftovers_free(store_leftovers *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static bool
add_leftover(store_leftovers *out, const char *dir, const char *name,
	     const struct stat *st)
{
	store_leftover *v = grow_array(out->v, &out->cap, out->n, sizeof(*v),
				       4);
	char *path;

	if (v == NULL)
		return false;
	out->v = v;
	path = store_join(dir, name);
	if (path == NULL)
		return false;
	v[out->n].path = path;
	v[out->n].mtime = st->st_mtim;
	v[out->n].size = st->st_size;
	out->n++;
	return true;
}

bool
store_leftovers_in(const char *dir, store_leftover_want want, void *ctx,
		   store_leftovers *out, diag_list *diags)
{
	DIR *d;
	struct dirent *e;
	bool ok = true;

	d = opendir(dir);
	if (d == NULL) {
		diag_add_errno(diags, NULL, errno, _("cannot read folder %s"),
			       dir);
		return false;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		size_t blen;
		long pid;

		if (!store_temp_parse(e->d_name, NULL, &blen, &pid))
			continue;
		if (want != NULL && !want(e->d_name + 1, blen, ctx))
			continue;
		/* Only regular files: a link or a folder under such a name
		 * is nothing a writer of ours made. */
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || !store_pid_gone(pid))
			continue;
		if (!add_leftover(out, dir, e->d_name, &st)) {
			diag_add_errno(diags, NULL, ENOMEM,
				       _("cannot read folder %s"), dir);
			ok = false;
			break;
		}
	}
	closedir(d);
	return ok;
}

typedef struct base_want {
	const char *base;
	size_t len;
} base_want;

static bool
want_base(const char *base, size_t len, void *ctx)
{
	const base_want *w = ctx;

	return len == w->len && memcmp(base, w->base, len) == 0;
}

bool
store_leftovers_of(const char *path, store_leftovers *out,
		   diag_list *diags)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	base_want w = {base, temp_base_len(base)};
	char *dir;
	bool ok;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot read folder %s"),
			       path);
		return false;
	}
	ok = store_leftovers_in(dir, want_base, &w, out, diags);
	free(dir);
	return ok;
}

size_t
store_leftovers_remove(const store_leftovers *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].path != NULL && unlink(l->v[i].path) == 0)
			n++;
	return n;
}
