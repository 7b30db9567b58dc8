/* Carrying plans over to a newer questionnaire version: finding the chain
 * of versions, moving the answers (engine/plan_migrate.c), and writing the
 * new plan and the list of what had no place, never over the old file. */
#include "migrate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export.h"
#include "i18n.h"
#include "loadplan.h"
#include "plan_migrate.h"
#include "planio.h"
#include "session.h"
#include "store.h"

void
migrate_result_free(migrate_result *r)
{
	if (r == NULL)
		return;
	free(r->out);
	free(r->dropped);
	memset(r, 0, sizeof(*r));
}

/* The questionnaires from version `from` (exclusive) up to `to` of id, in
 * the order to apply them, into chain (at most MIGRATE_MAX_STEPS). The
 * number, or 0 with the reason in diags (when diags is not NULL). */
static size_t
find_chain(const char *id, long from, long to, qn **chain, diag_list *diags)
{
	diag_list d = DIAG_LIST_INIT;
	size_t n = 0;
	long v = to;

	while (v > from && n < MIGRATE_MAX_STEPS) {
		qn *q = qn_find(session_qn_dirs(), id, v, &d);

		if (q == NULL)
			goto fail;
		chain[n++] = q;
		if (q->migrate_from.from == 0 || q->migrate_from.from < from) {
			diag_add(&d, DIAG_ERROR, q->path, q->migrate_from.line,
				 q->migrate_from.col, NULL,
				 _("version %ld of %s says no way to carry "
				   "plans over from version %ld"), v, id,
				 from);
			goto fail;
		}
		v = q->migrate_from.from;
	}
	if (v != from)
		goto fail;
	/* Found newest first: apply oldest first. */
	for (size_t i = 0; i < n / 2; i++) {
		qn *t = chain[i];

		chain[i] = chain[n - 1 - i];
		chain[n - 1 - i] = t;
	}
	diag_list_free(&d);
	return n;
fail:
	for (size_t i = 0; i < n; i++)
		qn_destroy(chain[i]);
	if (diags != NULL)
		diag_list_move(diags, &d);
	diag_list_free(&d);
	return 0;
}

/* The answers of old listed in drops, as text: each old item once, with
 * every reason, then its answer. Returns how many items. */
static size_t
write_drops(sbuf *b, const plan *old, long to, const plan_drops *drops)
{
	size_t n = 0;

	for (size_t k = 0; k < drops->n; k++) {
		size_t item = drops->v[k].item;
		const plan_answer *a = &old->answers[item];
		char label[256];
		sbuf v = SBUF_INIT;

		if (k > 0 && drops->v[k - 1].item == item)
			continue;
		n++;
		loadplan_item_label(old->qn, item, label, sizeof(label));
		sbuf_printf(b, "\n== %s (%s), ", label, old->qn->items[item].id);
		sbuf_printf(b, _("questionnaire version %ld to %ld:"),
			    old->qn->version, to);
		sbuf_char(b, '\n');
		for (size_t j = k; j < drops->n && drops->v[j].item == item;
		     j++)
			sbuf_printf(b, "- %s\n", drops->v[j].why);
		sbuf_char(b, '\n');
		if (a->na_reason != NULL) {
			sbuf_printf(&v, _("Does not apply: %s"), a->na_reason);
		} else {
			export_value(&v, NULL, old, item, false);
			if (a->explanation != NULL)
				sbuf_printf(&v, "%s%s:\n%s", v.len ? "\n\n" : "",
					    old->qn->items[item].explain_label,
					    a->explanation);
		}
		export_sanitize(b, sbuf_cstr(&v), v.len, false);
		sbuf_char(b, '\n');
		if (v.failed)
			sbuf_fail(b, v.err);
		sbuf_free(&v);
	}
	return n;
}

plan *
migrate_plan(const plan *p, long to, qn **q_out, sbuf *dropped,
	     size_t *n_dropped, diag_list *diags)
{
	qn *chain[MIGRATE_MAX_STEPS];
	const plan *cur = p;
	plan *next = NULL, *prev = NULL;
	size_t n, i;

	*q_out = NULL;
	if (to <= p->qn->version) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("the plan is of version %ld of %s: it can only be "
			   "carried over to a newer version"),
			 p->qn->version, p->qn->id);
		return NULL;
	}
	n = find_chain(p->qn->id, p->qn->version, to, chain, diags);
	if (n == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		plan_drops drops = PLAN_DROPS_INIT;

		next = plan_migrate(cur, chain[i], &drops);
		if (next != NULL && dropped != NULL)
			*n_dropped += write_drops(dropped, cur,
						  chain[i]->version, &drops);
		plan_drops_free(&drops);
		/* Each step's plan is only needed for the next. */
		plan_destroy(prev);
		prev = next;
		if (next == NULL) {
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
				 _("out of memory"));
			break;
		}
		cur = next;
	}
	/* Every questionnaire but the last is no longer used by a plan. */
	for (size_t k = 0; k + 1 < n; k++)
		qn_destroy(chain[k]);
	if (next == NULL) {
		qn_destroy(chain[n - 1]);
		return NULL;
	}
	*q_out = chain[n - 1];
	return next;
}

long
migrate_newest(const qn *q)
{
	diag_list d = DIAG_LIST_INIT;
	qn *newest = qn_find(session_qn_dirs(), q->id, 0, &d);
	qn *chain[MIGRATE_MAX_STEPS];
	long v = 0;
	size_t n;

	diag_list_free(&d);
	if (newest == NULL || newest->version <= q->version)
		goto out;
	n = find_chain(q->id, q->version, newest->version, chain, NULL);
	if (n > 0)
		v = newest->version;
	for (size_t i = 0; i < n; i++)
		qn_destroy(chain[i]);
out:
	qn_destroy(newest);
	return v;
}

/* path without its ".yaml" (or ".yml") and with suffix instead:
 * "dir/name.yaml" gives "dir/name-v2.yaml", "dir/name.dropped.txt". */
static char *
with_suffix(const char *path, const char *suffix)
{
	size_t len = strlen(path), n = strlen(suffix);
	char *s = malloc(len + n + 1);

	if (s == NULL)
		return NULL;
	if (len > 5 && strcmp(path + len - 5, ".yaml") == 0)
		len -= 5;
	else if (len > 4 && strcmp(path + len - 4, ".yml") == 0)
		len -= 4;
	memcpy(s, path, len);
	memcpy(s + len, suffix, n + 1);
	return s;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

static size_t
count_carried(const plan *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->qn->n_items; i++)
		n += p->answers[i].carried;
	return n;
}

bool
migrate_file(const char *path, long to, const char *out, migrate_result *r,
	     diag_list *diags)
{
	qn *oq = NULL, *nq = NULL;
	plan *old = NULL, *p = NULL;
	sbuf drops = SBUF_INIT, text = SBUF_INIT;
	char *abs = NULL;
	char suffix[32];
	bool ok = false;

	memset(r, 0, sizeof(*r));
	old = loadplan(path, session_qn_dirs(), &oq, NULL, diags);
	if (old == NULL)
		goto out;
	if (to == 0 && (to = migrate_newest(oq)) == 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 _("no newer version of %s that plans of version %ld "
			   "can be carried over to is installed"), oq->id,
			 oq->version);
		goto out;
	}
	r->from = oq->version;
	r->to = to;
	snprintf(suffix, sizeof(suffix), "-v%ld.yaml", to);
	r->out = out != NULL ? strdup(out) : with_suffix(path, suffix);
	r->dropped = r->out != NULL ? with_suffix(r->out, ".dropped.txt")
				    : NULL;
	if (r->out == NULL || r->dropped == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 _("out of memory"));
		goto out;
	}
	if (exists(r->out)) {
		diag_add(diags, DIAG_ERROR, r->out, 0, 0, NULL, "%s",
			 _("exists already: the carried-over plan goes into a "
			   "new file (name another with -o)"));
		goto out;
	}
	p = migrate_plan(old, to, &nq, &drops, &r->n_dropped, diags);
	if (p == NULL)
		goto out;
	abs = realpath(path, NULL);
	if (old->status == PLAN_FINAL &&
	    !plan_set_base(p, old->revision, abs != NULL ? abs : path)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 _("out of memory"));
		goto out;
	}
	r->n_carried = count_carried(p);
	if (drops.len > 0) {
		sbuf_printf(&text,
			    _("Answers of %s (questionnaire %s, version %ld) "
			      "that version %ld has no place for.\nThe new "
			      "plan is %s: copy from here what it still "
			      "needs.\n"),
			    path, oq->id, oq->version, to, r->out);
		sbuf_add(&text, drops.s, drops.len);
	}
	if (drops.failed || text.failed) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 _("out of memory"));
		goto out;
	}
	/* The list first: a plan without it would have lost text. */
	if (text.len > 0 &&
	    !store_write_atomic(r->dropped, text.s, text.len, diags))
		goto out;
	if (text.len == 0) {
		free(r->dropped);
		r->dropped = NULL;
	}
	plan_touch(p, -1);
	ok = planio_save(p, r->out, diags);
out:
	if (!ok)
		migrate_result_free(r);
	free(abs);
	sbuf_free(&drops);
	sbuf_free(&text);
	plan_destroy(p);
	qn_destroy(nq);
	plan_destroy(old);
	qn_destroy(oq);
	return ok;
}
