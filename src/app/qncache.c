/* The questionnaire cache of qncache.h: a short list, as a run meets one
 * or two questionnaires. */
#include "qncache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

typedef struct entry {
	char *id;
	long version;
	qn *q;           /* NULL: not found */
	diag_list found; /* why not, to be told for every plan that asks */
} entry;

struct qn_cache {
	const char *const *dirs;
	entry *v;
	size_t n, cap;
};

qn_cache *
qn_cache_create(const char *const *dirs)
{
	qn_cache *c = calloc(1, sizeof(*c));

	if (c)
		c->dirs = dirs;
	return c;
}

void
qn_cache_destroy(qn_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].id);
		qn_destroy(c->v[i].q);
		diag_list_free(&c->v[i].found);
	}
	free(c->v);
	free(c);
}

/* Appends a copy of every problem of src to dst. */
static void
copy_diags(diag_list *dst, const diag_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const diag *d = &src->v[i];
		size_t before = dst->n;

		diag_add(dst, d->severity, d->file, d->line, d->col, d->item,
			 "%s", d->message);
		if (dst->n > before)
			dst->v[dst->n - 1].sys_errno = d->sys_errno;
	}
}

const qn *
qn_cache_find(qn_cache *c, const char *id, long version, diag_list *diags)
{
	entry *v, *e = NULL;

	for (size_t i = 0; i < c->n && !e; i++)
		if (c->v[i].version == version && !strcmp(c->v[i].id, id))
			e = &c->v[i];
	if (e == NULL) {
		v = grow_array(c->v, &c->cap, c->n, sizeof(*v), 4);
		if (v == NULL)
			goto oom;
		c->v = v;
		e = &v[c->n];
		memset(e, 0, sizeof(*e));
		e->id = strdup(id);
		if (e->id == NULL)
			goto oom;
		e->version = version;
		c->n++;
		e->q = qn_find(c->dirs, id, version, &e->found);
	}
	/* What the lookup said (warnings too, when found), as qn_find
	 * would have said it to this caller. */
	copy_diags(diags, &e->found);
	if (e->q == NULL && diag_out_of_memory(&e->found)) {
		/* Not remembered (it is the last entry, just added): the
		 * next plan asks again. */
		free(e->id);
		diag_list_free(&e->found);
		c->n--;
		return NULL;
	}
	return e->q;
oom:
	/* With its errno, so that a caller can tell it from "not found". */
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	return NULL;
}
