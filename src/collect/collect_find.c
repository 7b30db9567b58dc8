/* Finding the plan files of a collection: the PATHs given, folders
 * searched in byte order of their names (links to folders not followed,
 * collect's own outputs left out, a bound on depth), each file once
 * however it is reached. */
#include "collect_set.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "grow.h"
#include "store.h"

void
collect_skip_dir(collect_set *s, const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		s->have_skip = true;
		s->skip_dev = st.st_dev;
		s->skip_ino = st.st_ino;
	}
}

/* The slot of file (dev, ino) in the set of files found. */
static struct seen *
seen_slot(collect_set *s, const struct stat *st)
{
	size_t mask = s->n_seen_slots - 1;
	size_t i = ((size_t)st->st_ino * 2654435761u ^ (size_t)st->st_dev) &
		   mask;

	while (s->seen[i].index && !(s->seen[i].ino == st->st_ino &&
				      s->seen[i].dev == st->st_dev))
		i = (i + 1) & mask;
	return &s->seen[i];
}

static bool
grow_seen(collect_set *s)
{
	struct seen *old = s->seen;
	size_t old_n = s->n_seen_slots, n = old_n ? old_n * 2 : 256;

	s->seen = calloc(n, sizeof(*s->seen));
	if (s->seen == NULL) {
		s->seen = old;
		return false;
	}
	s->n_seen_slots = n;
	for (size_t i = 0; i < old_n; i++)
		if (old[i].index) {
			struct stat st = {.st_dev = old[i].dev,
					  .st_ino = old[i].ino};

			*seen_slot(s, &st) = old[i];
		}
	free(old);
	return true;
}

/* A file to load (by collect_load_all), unless it is one found already
 * (by a link to it, or another hard link): a file is one submission
 * however it is reached, named by its own path rather than a link's. */
static void
enqueue(collect_set *s, const char *path, bool link)
{
	struct stat st;
	struct seen *slot = NULL;
	char **v;

	if (stat(path, &st) == 0) {
		if ((s->n_pending + 1) * 2 > s->n_seen_slots && !grow_seen(s))
			goto oom;
		slot = seen_slot(s, &st);
		if (slot->index) {
			s->n_ignored++;
			if (slot->link && !link) {
				char *own = strdup(path);

				if (own == NULL)
					goto oom;
				free(s->pending[slot->index - 1]);
				s->pending[slot->index - 1] = own;
				slot->link = false;
			}
			return;
		}
	}
	s->n_files++;
	v = grow_array(s->pending, &s->cap_pending, s->n_pending, sizeof(*v),
		       64);
	if (v == NULL)
		goto oom;
	s->pending = v;
	s->pending[s->n_pending] = strdup(path);
	if (s->pending[s->n_pending] == NULL)
		goto oom;
	s->n_pending++;
	if (slot)
		*slot = (struct seen){st.st_dev, st.st_ino, s->n_pending, link};
	return;
oom:
	s->oom = true;
}

/* A folder holding collect's marker is an output of collect (or a
 * staging folder of one): never a place to look for plans. */
static bool
collect_output_folder(const char *dir)
{
	char *marker = store_join(dir, COLLECT_MARKER);
	struct stat st;
	bool yes = marker && lstat(marker, &st) == 0 && S_ISREG(st.st_mode);

	free(marker);
	return yes;
}

static bool
yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcasecmp(name + n - 4, ".yml") == 0);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(collect_set *s, const char *dir, size_t depth);

/* One entry found in a folder. */
static void
visit(collect_set *s, const char *path, const char *name, size_t depth)
{
	struct stat st, target;

	if (lstat(path, &st) != 0) {
		collect_reject(s, path, _("cannot be read"));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if ((s->have_skip && st.st_dev == s->skip_dev &&
		     st.st_ino == s->skip_ino) ||
		    collect_output_folder(path))
			return;
		if (depth + 1 > COLLECT_MAX_DEPTH) {
			collect_reject(s, path,
			       _("folder not searched: more than %d levels deep"),
			       COLLECT_MAX_DEPTH);
			return;
		}
		walk(s, path, depth + 1);
		return;
	}
	bool link_ok = S_ISLNK(st.st_mode) && stat(path, &target) == 0;

	if (link_ok && S_ISDIR(target.st_mode)) {
		collect_reject(s, path, "%s",
		       _("symbolic link to a folder, not followed"));
		return;
	}
	if (!yaml_name(name)) {
		/* A plan's signature is read with the plan. */
		size_t n = strlen(name), k = strlen(SIG_SUFFIX);

		if (n <= k || strcmp(name + n - k, SIG_SUFFIX) != 0)
			s->n_ignored++;
		return;
	}
	/* A link that cannot be followed is tried all the same: loading
	 * then says why (a loop, a missing target). */
	if ((!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) ||
	    (link_ok && !S_ISREG(target.st_mode))) {
		s->n_files++;
		collect_reject(s, path, "%s", _("not a regular file"));
		return;
	}
	enqueue(s, path, S_ISLNK(st.st_mode));
}

/* Searches a folder, entries in byte order of their names so that every
 * run sees the files in the same order. */
static void
walk(collect_set *s, const char *dir, size_t depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		if (errno == ENOMEM)
			s->oom = true;
		else
			collect_reject(s, dir, _("folder cannot be read"));
		return;
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		char **v;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		v = grow_array(names, &cap, n, sizeof(*v), 32);
		if (v == NULL)
			goto oom;
		names = v;
		names[n] = strdup(e->d_name);
		if (names[n] == NULL)
			goto oom;
		n++;
	}
	if (errno != 0)
		collect_reject(s, dir, _("folder cannot be read"));
	closedir(d);
	d = NULL;
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *path = store_join(dir, names[i]);

		if (path == NULL)
			goto oom;
		visit(s, path, names[i], depth);
		free(path);
	}
	goto out;
oom:
	s->oom = true;
out:
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool
collect_add_path(collect_set *s, const char *path)
{
	struct stat st;

	/* A PATH given is followed even when it is a symbolic link: the
	 * user named it. */
	if (stat(path, &st) != 0) {
		collect_reject(s, path, _("cannot be read"));
		s->io_error = true;
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		if ((s->have_skip && st.st_dev == s->skip_dev &&
		     st.st_ino == s->skip_ino) ||
		    collect_output_folder(path))
			return true;
		walk(s, path, 0);
	} else if (S_ISREG(st.st_mode)) {
		enqueue(s, path, false);
	} else {
		s->n_files++;
		collect_reject(s, path, "%s", _("not a regular file"));
	}
	return true;
}

