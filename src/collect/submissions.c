/* submissions.yaml (every accepted plan and what it replaced, every file
 * rejected: what the next collection compares itself with), rejected.txt
 * (the same rejections for people), and plans/ (a copy of each plan
 * taken, for the next collection's word diffs). */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yemit.h"

/* The format of submissions.yaml (a mapping; older collections wrote a
 * bare sequence of plans, which changes.c still reads). */
#define SUBMISSIONS_FORMAT "actionplan-collection/1"

typedef struct entry {
	const collect_gview *v;
	size_t k; /* plan index in the group */
} entry;

static const collect_plan *
entry_plan(const entry *e)
{
	return e->v->g->plans[e->k];
}

static int
cmp_entries(const void *pa, const void *pb)
{
	const entry *ea = pa, *eb = pb;
	const collect_plan *a = entry_plan(ea), *b = entry_plan(eb);
	const qn *qa = ea->v->g->qn, *qb = eb->v->g->qn;
	int c = strcmp(a->key, b->key);

	if (c == 0)
		c = strcmp(a->country, b->country);
	if (c == 0 && a->plan->revision != b->plan->revision)
		c = a->plan->revision < b->plan->revision ? -1 : 1;
	if (c == 0)
		c = strcmp(qa->id, qb->id);
	if (c == 0 && qa->version != qb->version)
		c = qa->version < qb->version ? -1 : 1;
	return c ? c : strcmp(a->path, b->path);
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

/* "plans/SLUG.yaml", below the group's folder, relative to the root. */
static void
copy_name(sbuf *b, const collect_gview *v, size_t k)
{
	if (v->g->subdir) {
		sbuf_str(b, v->g->subdir);
		sbuf_char(b, '/');
	}
	sbuf_printf(b, "plans/%s.yaml", v->slug[k]);
}

static void
one(yemit *em, const entry *e, sbuf *tmp)
{
	const collect_plan *p = entry_plan(e);
	const qn *q = e->v->g->qn;

	yemit_map(em, true);
	/* Data: the code and the English name, or the free text. */
	yemit_key(em, "country");
	yemit_string(em, collect_country_label(p->code, p->country, "en"));
	yemit_key(em, "code");
	yemit_string(em, p->code);
	yemit_key(em, "questionnaire");
	yemit_string(em, q->id);
	yemit_key(em, "version");
	yemit_ulong(em, (unsigned long)q->version);
	yemit_key(em, "revision");
	yemit_ulong(em, p->plan->revision);
	yemit_key(em, "modified");
	yemit_string(em, p->plan->modified);
	yemit_key(em, "file");
	path_scalar(em, p->path);
	yemit_key(em, "copy");
	sbuf_reset(tmp);
	copy_name(tmp, e->v, e->k);
	yemit_string(em, sbuf_cstr(tmp));
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

/* Every country expected or seen, and what it sent (roster.h). */
static void
countries(yemit *em, const collect_run *r)
{
	const collect_set *s = r->s;

	if (collect_roster(s)) {
		yemit_key(em, "roster");
		path_scalar(em, collect_roster(s)->path);
	}
	yemit_key(em, "countries");
	yemit_seq(em, true, YAML_BLOCK_SEQUENCE_STYLE);
	for (size_t i = 0; i < collect_n_countries(s); i++) {
		const country_state *c = collect_country_at(s, i);

		yemit_map(em, true);
		yemit_key(em, "country");
		yemit_string(em, collect_country_label(c->code, c->shown, "en"));
		yemit_key(em, "code");
		yemit_string(em, c->code);
		if (collect_roster(s)) {
			yemit_key(em, "expected");
			yemit_scalar(em, c->expected ? "true" : "false",
				     YAML_PLAIN_SCALAR_STYLE);
		}
		yemit_key(em, "status");
		yemit_string(em, country_status_id(c->status));
		if (c->plan) {
			yemit_key(em, "revision");
			yemit_ulong(em, c->plan->plan->revision);
			yemit_key(em, "modified");
			yemit_string(em, c->plan->plan->modified);
			yemit_key(em, "file");
			path_scalar(em, c->plan->path);
		} else if (c->why) {
			if (c->why->draft) {
				yemit_key(em, "revision");
				yemit_ulong(em, c->why->revision);
			}
			yemit_key(em, "file");
			yemit_string(em, c->why->path);
			yemit_key(em, "reason");
			yemit_string(em, c->why->reason);
		}
		yemit_map(em, false);
	}
	yemit_seq(em, false, YAML_BLOCK_SEQUENCE_STYLE);
}

static bool
submissions(const collect_run *r, size_t group, void *state, size_t piece,
	    collect_out *o, diag_list *diags)
{
	const collect_set *s = r->s;
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
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
	for (size_t i = 0; i < collect_n_groups(s); i++)
		for (size_t k = 0; k < r->views[i].g->n_plans; k++)
			v[n++] = (entry){&r->views[i], k};
	qsort(v, n, sizeof(*v), cmp_entries);

	if (!yemit_start(&em, &b))
		goto oom;
	yemit_map(&em, true);
	yemit_key(&em, "format");
	yemit_string(&em, SUBMISSIONS_FORMAT);
	countries(&em, r);
	yemit_key(&em, "plans");
	yemit_seq(&em, true, YAML_BLOCK_SEQUENCE_STYLE);
	for (size_t i = 0; i < n; i++)
		one(&em, &v[i], &tmp);
	yemit_seq(&em, false, YAML_BLOCK_SEQUENCE_STYLE);
	yemit_key(&em, "rejected");
	yemit_seq(&em, true, YAML_BLOCK_SEQUENCE_STYLE);
	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const collect_rejected *rj = collect_rejected_at(s, i);

		yemit_map(&em, true);
		yemit_key(&em, "file");
		yemit_string(&em, rj->path);
		yemit_key(&em, "reason");
		yemit_string(&em, rj->reason);
		yemit_map(&em, false);
	}
	yemit_seq(&em, false, YAML_BLOCK_SEQUENCE_STYLE);
	yemit_map(&em, false);
	ok = yemit_end_document(&em);
	yemit_release(&em);
	if (!ok || b.failed || tmp.failed)
		goto oom;
	ok = collect_out_file(o, r->root, "submissions.yaml", sbuf_cstr(&b),
			      b.len, diags);
	goto out;
oom:
	ok = false;
	diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s/%s"), r->root,
		       "submissions.yaml");
out:
	free(v);
	sbuf_free(&b);
	sbuf_free(&tmp);
	return ok;
}

const collect_output collect_output_submissions = {
	.name = "submissions.yaml",
	.piece = submissions,
};

static bool
rejected(const collect_run *r, size_t group, void *state, size_t piece,
	 collect_out *o, diag_list *diags)
{
	const collect_set *s = r->s;
	sbuf b = SBUF_INIT;
	bool ok;

	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const collect_rejected *rj = collect_rejected_at(s, i);

		sbuf_printf(&b, "%s: %s\n", rj->path, rj->reason);
	}
	/* Files taken, with something the outputs could not hold whole. */
	if (r->warnings.len > 0) {
		sbuf_printf(&b, "%s%s\n", b.len ? "\n" : "", _("Warnings:"));
		sbuf_add(&b, sbuf_cstr(&r->warnings), r->warnings.len);
	}
	if (b.failed) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s/%s"),
			       r->root, "rejected.txt");
		sbuf_free(&b);
		return false;
	}
	ok = collect_out_file(o, r->root, "rejected.txt", sbuf_cstr(&b),
			      b.len, diags);
	sbuf_free(&b);
	return ok;
}

const collect_output collect_output_rejected = {
	.name = "rejected.txt",
	.piece = rejected,
};

/* Copies in runs of this many plans: a job each. */
#define COPY_RUN 64

static bool
plans_start(const collect_run *r, size_t group, void **state,
	    size_t *n_pieces, diag_list *diags)
{
	size_t n = r->views[group].g->n_plans;

	*n_pieces = (n + COPY_RUN - 1) / COPY_RUN;
	return true;
}

static bool
plans_piece(const collect_run *r, size_t group, void *state, size_t piece,
	    collect_out *o, diag_list *diags)
{
	const collect_gview *v = &r->views[group];
	char name[96];

	for (size_t k = piece * COPY_RUN;
	     k < (piece + 1) * COPY_RUN && k < v->g->n_plans; k++) {
		const collect_plan *cp = v->g->plans[k];

		snprintf(name, sizeof(name), "%s.yaml", v->slug[k]);
		if (!collect_out_copy(o, v->plans_dir, name, cp->path,
				      &cp->identity, diags))
			return false;
	}
	return true;
}

const collect_output collect_output_plans = {
	.name = "plans/",
	.per_group = true,
	.start = plans_start,
	.piece = plans_piece,
};
