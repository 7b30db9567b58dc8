/* submissions.yaml (every accepted plan, and what it replaced) and
 * rejected.txt (every file not taken, and why). */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

typedef struct entry {
	const collect_group *g;
	const collect_plan *p;
} entry;

static int
cmp_entries(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c = strcmp(a->p->key, b->p->key);

	if (c == 0)
		c = strcmp(a->p->country, b->p->country);
	if (c == 0 && a->p->plan->revision != b->p->plan->revision)
		c = a->p->plan->revision < b->p->plan->revision ? -1 : 1;
	if (c == 0)
		c = strcmp(a->g->qn->id, b->g->qn->id);
	if (c == 0 && a->g->qn->version != b->g->qn->version)
		c = a->g->qn->version < b->g->qn->version ? -1 : 1;
	return c ? c : strcmp(a->p->path, b->p->path);
}

typedef struct emitter {
	yaml_emitter_t e;
	sbuf *b;
	bool ok;
} emitter;

static void
emit(emitter *em, yaml_event_t *ev, int init_ok)
{
	if (!em->ok) {
		if (init_ok)
			yaml_event_delete(ev);
		return;
	}
	if (!init_ok || !yaml_emitter_emit(&em->e, ev))
		em->ok = false;
}

static void
scalar(emitter *em, const char *s, bool quoted)
{
	yaml_event_t ev;
	int ok = yaml_scalar_event_initialize(
		&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), !quoted,
		quoted, quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
			       : YAML_PLAIN_SCALAR_STYLE);

	emit(em, &ev, ok);
}

/* A file name as text: names that are not UTF-8 are shown escaped, the
 * way rejected.txt shows them. */
static void
path_scalar(emitter *em, const char *path)
{
	char *shown = collect_show_dup(path);

	if (shown == NULL) {
		em->ok = false;
		return;
	}
	scalar(em, shown, true);
	free(shown);
}

static void
number(emitter *em, unsigned long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lu", v);
	scalar(em, num, false);
}

static void
seq(emitter *em, bool start)
{
	yaml_event_t ev;
	int ok = start ? yaml_sequence_start_event_initialize(
				 &ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE)
		       : yaml_sequence_end_event_initialize(&ev);

	emit(em, &ev, ok);
}

static void
map(emitter *em, bool start)
{
	yaml_event_t ev;
	int ok = start ? yaml_mapping_start_event_initialize(
				 &ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
		       : yaml_mapping_end_event_initialize(&ev);

	emit(em, &ev, ok);
}

static void
one(emitter *em, const entry *e)
{
	const collect_plan *p = e->p;

	map(em, true);
	scalar(em, "country", false);
	scalar(em, p->country, true);
	scalar(em, "questionnaire", false);
	scalar(em, e->g->qn->id, true);
	scalar(em, "version", false);
	number(em, (unsigned long)e->g->qn->version);
	scalar(em, "revision", false);
	number(em, p->plan->revision);
	scalar(em, "modified", false);
	scalar(em, p->plan->modified, true);
	scalar(em, "file", false);
	path_scalar(em, p->path);
	scalar(em, "replaced", false);
	seq(em, true);
	for (size_t i = 0; i < p->n_replaced; i++)
		path_scalar(em, p->replaced[i].path);
	seq(em, false);
	map(em, false);
}

bool
collect_write_submissions(collect_out *o, const char *dir,
			  const collect_set *s, diag_list *diags)
{
	sbuf b = SBUF_INIT;
	entry *v = NULL;
	size_t n = 0;
	emitter em = {.b = &b, .ok = true};
	yaml_event_t ev;
	bool ok = false;

	for (size_t i = 0; i < collect_n_groups(s); i++)
		n += collect_group_at(s, i)->n_plans;
	v = malloc((n ? n : 1) * sizeof(*v));
	if (v == NULL)
		goto oom;
	n = 0;
	for (size_t i = 0; i < collect_n_groups(s); i++) {
		const collect_group *g = collect_group_at(s, i);

		for (size_t k = 0; k < g->n_plans; k++) {
			v[n].g = g;
			v[n].p = g->plans[k];
			n++;
		}
	}
	qsort(v, n, sizeof(*v), cmp_entries);

	if (!yaml_emitter_initialize(&em.e))
		goto oom;
	yaml_emitter_set_output(&em.e, sbuf_write_handler, &b);
	yaml_emitter_set_unicode(&em.e, 1);
	yaml_emitter_set_width(&em.e, -1);
	yaml_emitter_set_break(&em.e, YAML_LN_BREAK);
	emit(&em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(&em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	if (n == 0) {
		/* "[]": an empty block sequence would not be YAML. */
		yaml_event_t e2;
		int r = yaml_sequence_start_event_initialize(
			&e2, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);

		emit(&em, &e2, r);
		seq(&em, false);
	} else {
		seq(&em, true);
		for (size_t i = 0; i < n; i++)
			one(&em, &v[i]);
		seq(&em, false);
	}
	emit(&em, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit(&em, &ev, yaml_stream_end_event_initialize(&ev));
	if (em.ok && !yaml_emitter_flush(&em.e))
		em.ok = false;
	yaml_emitter_delete(&em.e);
	if (!em.ok || b.failed)
		goto oom;
	ok = collect_out_file(o, dir, "submissions.yaml", sbuf_cstr(&b),
			      b.len, diags);
	goto out;
oom:
	diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s/%s"), dir,
		       "submissions.yaml");
out:
	free(v);
	sbuf_finish(&b);
	return ok;
}

bool
collect_write_rejected(collect_out *o, const char *dir, const collect_set *s,
		       diag_list *diags)
{
	sbuf b = SBUF_INIT;
	bool ok;

	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const collect_rejected *r = collect_rejected_at(s, i);

		sbuf_printf(&b, "%s: %s\n", r->path, r->reason);
	}
	if (b.failed) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s/%s"),
			       dir, "rejected.txt");
		sbuf_finish(&b);
		return false;
	}
	ok = collect_out_file(o, dir, "rejected.txt", sbuf_cstr(&b),
			      b.len, diags);
	sbuf_finish(&b);
	return ok;
}
