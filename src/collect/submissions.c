/* submissions.yaml (every accepted plan, and what it replaced) and
 * rejected.txt (every file not taken, and why). */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yemit.h"

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

/* A file name as text: names that are not UTF-8 are shown escaped, the
 * way rejected.txt shows them. */
static void
path_scalar(yemit *em, const char *path)
{
	char *shown = collect_show_dup(path);

	if (shown == NULL) {
		em->ok = false;
		return;
	}
	yemit_string(em, shown);
	free(shown);
}

/* What was received: size, SHA-256, signature status and key id. */
static void
received(yemit *em, const collect_sig *sig)
{
	yemit_key(em, "size");
	yemit_ulong(em, (unsigned long)sig->size);
	yemit_key(em, "sha256");
	yemit_string(em, sig->sha256);
	yemit_key(em, "signature");
	yemit_string(em, sig_status_word(sig->status));
	yemit_key(em, "key");
	yemit_string(em, sig->key_id);
}

static void
one(yemit *em, const entry *e)
{
	const collect_plan *p = e->p;

	yemit_map(em, true);
	yemit_key(em, "country");
	yemit_string(em, p->country);
	yemit_key(em, "questionnaire");
	yemit_string(em, e->g->qn->id);
	yemit_key(em, "version");
	yemit_ulong(em, (unsigned long)e->g->qn->version);
	yemit_key(em, "revision");
	yemit_ulong(em, p->plan->revision);
	yemit_key(em, "modified");
	yemit_string(em, p->plan->modified);
	yemit_key(em, "file");
	path_scalar(em, p->path);
	received(em, &p->sig);
	yemit_key(em, "replaced");
	yemit_seq(em, true, YAML_BLOCK_SEQUENCE_STYLE);
	for (size_t i = 0; i < p->n_replaced; i++) {
		const collect_replaced *r = &p->replaced[i];

		yemit_map(em, true);
		yemit_key(em, "file");
		path_scalar(em, r->path);
		yemit_key(em, "revision");
		yemit_ulong(em, r->revision);
		yemit_key(em, "modified");
		yemit_string(em, r->modified);
		received(em, &r->sig);
		yemit_map(em, false);
	}
	yemit_seq(em, false, YAML_BLOCK_SEQUENCE_STYLE);
	yemit_map(em, false);
}

bool
collect_write_submissions(collect_out *o, const char *dir,
			  const collect_set *s, diag_list *diags)
{
	sbuf b = SBUF_INIT;
	entry *v = NULL;
	size_t n = 0;
	yemit em;
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

	if (!yemit_start(&em, &b))
		goto oom;
	/* No plan: "[]" (libyaml writes an empty block sequence so). */
	yemit_seq(&em, true, YAML_BLOCK_SEQUENCE_STYLE);
	for (size_t i = 0; i < n; i++)
		one(&em, &v[i]);
	yemit_seq(&em, false, YAML_BLOCK_SEQUENCE_STYLE);
	ok = yemit_finish(&em);
	yemit_release(&em);
	if (!ok || b.failed)
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
