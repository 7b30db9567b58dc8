/* Finding a questionnaire by id and version in a list of folders: the
 * asked-for one is loaded and checked; others are only peeked at (id and
 * version), quietly, to say what was there instead. */
#include "qn_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "store.h"


static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the *.yaml files in dir (NULL when it cannot be read);
 * *oom set when memory ran out, also part way. */
static char **
list_yaml(const char *dir, size_t *n, bool *oom)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL) {
		if (errno == ENOMEM)
			*oom = true;
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		char **nv;

		/* Hidden files are editors' and savers' scratch copies. */
		if (e->d_name[0] == '.' || l <= 5 ||
		    strcmp(e->d_name + l - 5, ".yaml") != 0)
			continue;
		nv = grow_array(v, &cap, *n, sizeof(*nv), 16);
		if (nv == NULL) {
			*oom = true;
			break;
		}
		v = nv;
		v[*n] = strdup(e->d_name);
		if (v[*n] == NULL) {
			*oom = true;
			break;
		}
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), by_name);
	return v;
}

/* Appends text to a growing message; silently stops when it gets long. */
static void
append(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void
append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* The version written in a file, or 0 when it is not a plain number. */
static long
version_of(const yd_node *v)
{
	long n = 0;
	size_t i;

	if (v == NULL || v->kind != YD_SCALAR || v->len == 0 || v->len > 9)
		return 0;
	for (i = 0; i < v->len; i++) {
		if (v->str[i] < '0' || v->str[i] > '9')
			return 0;
		n = n * 10 + (v->str[i] - '0');
	}
	return n;
}

qn *
qn_find(const char *const *dirs, const char *id, long version,
	diag_list *diags)
{
	char others[1024] = "", searched[1024] = "";
	size_t n_others = 0, d;
	qn *found = NULL;
	bool stop = false, oom = false;
	char *best_path = NULL;
	long best_version = 0;

	for (d = 0; dirs != NULL && dirs[d] != NULL && !stop; d++) {
		size_t n = 0, i;
		char **names = list_yaml(dirs[d], &n, &oom);

		append(searched, sizeof(searched), "%s%s", d ? ", " : "",
		       dirs[d]);
		for (i = 0; i < n; i++) {
			diag_list quiet = DIAG_LIST_INIT;
			const yd_node *vid, *vver;
			char *path;
			yd_node *root;

			if (stop)
				goto next;
			path = store_join(dirs[d], names[i]);
			if (path == NULL) {
				oom = true;
				goto next;
			}
			/* Files that are not the one asked for stay quiet,
			 * even when they are broken; but not when memory ran
			 * out: that one may have been it. */
			root = yd_parse_file(path, NULL, &quiet);
			if (diag_out_of_memory(&quiet))
				oom = true;
			diag_list_free(&quiet);
			vid = yd_map_get(root, "id");
			vver = yd_map_get(root, "version");
			if (vid != NULL && vid->kind == YD_SCALAR &&
			    strcmp(vid->str, id) == 0 && vver != NULL &&
			    vver->kind == YD_SCALAR) {
				char want[32];
				long v = version_of(vver);

				snprintf(want, sizeof(want), "%ld", version);
				if (version <= 0) {
					/* Latest asked for: keep the highest,
					 * the first of equals. */
					if (v > best_version) {
						char *bp = strdup(path);

						if (bp != NULL) {
							free(best_path);
							best_path = bp;
							best_version = v;
						} else {
							oom = true;
						}
					}
				} else if (strcmp(vver->str, want) == 0) {
					/* The one asked for: its problems
					 * matter. */
					found = qn_load_tree(path, root, diags);
					stop = true;
				} else if (n_others < 4) {
					append(others, sizeof(others), "%s",
					       n_others ? ", " : "");
					append(others, sizeof(others),
					       _("version %.20s in %s"),
					       vver->str, path);
					n_others++;
				}
			}
			yd_free(root);
			free(path);
		next:
			free(names[i]);
		}
		free(names);
	}
	/* The file that ran out of memory may have been the highest
	 * version: never take a lower one for it. */
	if (oom && found == NULL) {
		free(best_path);
		diag_add_errno(diags, NULL, ENOMEM,
			       _("cannot look for questionnaire %s"), id);
		return NULL;
	}
	if (best_path != NULL) {
		yd_node *root = yd_parse_file(best_path, NULL, diags);

		if (root != NULL)
			found = qn_load_tree(best_path, root, diags);
		yd_free(root);
		free(best_path);
		return found;
	}
	if (found != NULL || stop)
		return found;
	if (n_others > 0)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("no questionnaire %s version %ld found (found %s)"),
			 id, version, others);
	else
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("no questionnaire %s found in %s"), id,
			 searched[0] ? searched : _("no folder"));
	return NULL;
}

size_t
qn_load_all(const char *const *dirs, size_t max, qn ***out)
{
	qn **v = NULL;
	size_t n = 0, cap = 0;

	for (size_t d = 0; dirs != NULL && dirs[d] != NULL && n < max; d++) {
		size_t n_names = 0;
		bool oom = false; /* a shorter list is what fits: no error */
		char **names = list_yaml(dirs[d], &n_names, &oom);

		for (size_t i = 0; i < n_names; i++) {
			diag_list quiet = DIAG_LIST_INIT;
			char *path = n < max ? store_join(dirs[d], names[i])
					     : NULL;
			qn *q = path ? qn_load(path, &quiet) : NULL;
			bool dup = false;
			qn **nv;

			diag_list_free(&quiet);
			free(path);
			free(names[i]);
			for (size_t k = 0; q && k < n && !dup; k++)
				dup = strcmp(v[k]->id, q->id) == 0 &&
				      v[k]->version == q->version;
			nv = q && !dup ? grow_array(v, &cap, n, sizeof(*v), 8)
				       : NULL;
			if (nv == NULL) {
				qn_destroy(q);
				continue;
			}
			v = nv;
			v[n++] = q;
		}
		free(names);
	}
	*out = v;
	return n;
}
