/* Loading one candidate file of a collection: read once (the bytes parsed
 * are the bytes hashed and verified), parsed with the safe loader, its
 * header, questionnaire, answers and completeness checked, its country
 * told, its signature checked; or why it is not taken. Touches nothing of
 * the collection but its questionnaires (under their lock): files are
 * loaded on several threads at once. */
#include "collect_set.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grow.h"
#include "loadplan.h"
#include "planio.h"
#include "qncache.h"
#include "store.h"
#include "validate.h"
#include "ydoc.h"

/* "LINE:COL: message [item ID]" of a problem in the file itself, or the
 * whole formatted problem when it is about another file. */
static char *
problem_text(const char *path, const diag *d)
{
	sbuf b = SBUF_INIT;

	if (d->file && strcmp(d->file, path) != 0) {
		char *f = diag_format(d);

		sbuf_str(&b, f ? f : d->message);
		free(f);
	} else {
		if (d->line > 0)
			sbuf_printf(&b, "%lu:%lu: ", d->line, d->col);
		sbuf_str(&b, d->message);
		if (d->item)
			sbuf_printf(&b, " [item %s]", d->item);
	}
	return sbuf_take(&b, NULL);
}

static size_t
n_errors(const diag_list *d)
{
	return d->n_errors ? d->n_errors : d->n;
}

/* Why path is rejected: a category and the first problem of diags. */
static char *
diags_reason(const char *path, const char *category, const diag_list *diags)
{
	const diag *first = NULL;
	char *text, *why;
	size_t more;

	for (size_t i = 0; i < diags->n && !first; i++)
		if (diags->v[i].severity == DIAG_ERROR)
			first = &diags->v[i];
	if (first == NULL && diags->n > 0)
		first = &diags->v[0];
	if (first == NULL)
		return strdup(category);
	text = problem_text(path, first);
	more = n_errors(diags) > 1 ? n_errors(diags) - 1 : 0;
	if (more > 0)
		why = collect_format(dngettext(I18N_DOMAIN,
				       "%s: %s (and %zu more problem)",
				       "%s: %s (and %zu more problems)", more),
			     category, text ? text : first->message, more);
	else
		why = collect_format("%s: %s", category,
			     text ? text : first->message);
	free(text);
	return why;
}

static bool
has_errno(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sys_errno)
			return true;
	return false;
}

/* The group of questionnaire id/version, made when the first plan asks
 * for it; NULL when the questionnaire is not available, *missing then
 * saying why (malloc'd, or NULL). Safe on any thread. False when memory
 * ran out. */
static bool
find_group(collect_set *s, const char *id, long version,
	   collect_group **group, char **missing)
{
	diag_list d = DIAG_LIST_INIT;
	const qn *q;
	bool ok = true;

	*group = NULL;
	*missing = NULL;
	pthread_mutex_lock(&s->qn_lock);
	q = qn_cache_find(s->qns, id, version, &d);
	if (q == NULL) {
		ok = !diag_out_of_memory(&d);
		if (ok && d.n > 0)
			ok = (*missing = problem_text("", &d.v[0])) != NULL;
		goto out;
	}
	for (size_t i = 0; i < s->n_all && *group == NULL; i++)
		if (s->all[i]->qn == q)
			*group = s->all[i];
	if (*group == NULL) {
		collect_group **v = grow_array(s->all, &s->cap_all, s->n_all,
					       sizeof(*v), 4);
		collect_group *g = v ? calloc(1, sizeof(*g)) : NULL;

		if (v)
			s->all = v;
		if (g == NULL) {
			ok = false;
			goto out;
		}
		g->qn = q;
		s->all[s->n_all++] = g;
		*group = g;
	}
out:
	pthread_mutex_unlock(&s->qn_lock);
	diag_list_free(&d);
	return ok;
}

/* How a submission compares with an earlier one of the same country:
 * newer, older, the same plan again (same revision, time and answers: a
 * copy), or a conflict (same revision and time, other answers: neither
 * can be told to be the latest). With keys, a good signature is newer
 * than none; then the higher revision, then the later modification. */
static const char *
doc_format(const yd_node *root)
{
	const yd_node *f = yd_map_get(root, "format");

	return f && f->kind == YD_SCALAR ? f->str : NULL;
}


/* Loads one candidate file. Touches nothing of s but its questionnaires
 * (under their lock): files are loaded on several threads at once. */
/* The same file, unchanged: its copy in plans/ is then the bytes read. */
static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Why a plan with problems is not complete: the first, in the language of
 * messages, as the reason; NULL when out of memory. */
static char *
incomplete(const plan *p, const val_list *problems)
{
	char label[256];

	if (problems->n == 0)
		return strdup(_("not complete"));
	loadplan_item_label(p->qn, problems->v[0].item, label, sizeof(label));
	return collect_format(dngettext(I18N_DOMAIN,
					"not complete: %s: %s (%zu problem)",
					"not complete: %s: %s (%zu problems)",
					problems->n),
			      label, problems->v[0].message, problems->n);
}

/* The collection's entry for plan p (taken) read from path, keyed by its
 * country: by code, whatever name the plan shows (a code stored by a
 * country item, or free text naming one country); a free-text country by
 * its name however it was typed; without a country role every plan
 * stands alone, keyed by its file. NULL (p freed) when out of memory. */
static collect_plan *
entry(const char *path, const struct stat *identity, plan *p, bool *oom)
{
	collect_plan *cp = calloc(1, sizeof(*cp));

	if (cp == NULL) {
		plan_destroy(p);
		return NULL;
	}
	cp->identity = *identity;
	cp->plan = p;
	cp->path = strdup(path);
	cp->country = collect_one_line(plan_country(p));
	if (p->qn->country_item < 0)
		cp->key = collect_fold(path);
	else if (collect_country_code(plan_country(p), cp->code, oom))
		cp->key = strdup(cp->code);
	else
		cp->key = cp->country ? collect_fold(cp->country) : NULL;
	if (!cp->path || !cp->country || !cp->key) {
		collect_plan_free(cp);
		return NULL;
	}
	return cp;
}

void
collect_load_file(collect_set *s, const char *path, collect_loaded *r)
{
	diag_list d = DIAG_LIST_INIT;
	val_list problems = VAL_LIST_INIT;
	planio_header h = {0};
	yd_node *root = NULL;
	plan *p = NULL;
	collect_plan *cp = NULL;
	collect_group *group = NULL;
	const char *fmt;
	char *missing = NULL, *data = NULL;
	size_t len = 0;
	struct stat before, after;

	/* The file's identity before and after reading it: its copy in
	 * plans/ must be the bytes read here. */
	if (stat(path, &before) != 0) {
		r->reason = collect_format("%s", _("cannot be read"));
		goto out;
	}
	/* Read once: the bytes parsed are the bytes hashed and verified. */
	data = store_read_file(path, yd_default_limits.max_bytes, &len, &d);
	root = data ? yd_parse_buffer(path, data, len, NULL, &d) : NULL;
	/* A file that could not be read for lack of memory is not broken:
	 * the whole collection fails instead of leaving it out. */
	if (root == NULL && diag_out_of_memory(&d))
		goto oom;
	if (root == NULL) {
		r->reason = diags_reason(path,
					 has_errno(&d) ? _("cannot be read")
						       : _("broken"),
					 &d);
		if (data != NULL)
			collect_who_from_tree(&r->who, NULL, NULL, path);
		goto out;
	}
	fmt = doc_format(root);
	if (root->kind != YD_MAP || fmt == NULL ||
	    strncmp(fmt, "actionplan-plan/", 16) != 0) {
		if (fmt && strncmp(fmt, "actionplan-questionnaire/", 25) == 0)
			r->reason = strdup(_("not a plan: a questionnaire"));
		else
			r->reason = strdup(_("not a plan file"));
		goto out;
	}
	if (!planio_read_header(path, root, &h, &d)) {
		if (diag_out_of_memory(&d))
			goto oom;
		r->reason = diags_reason(path, _("broken"), &d);
		collect_who_from_tree(&r->who, root, NULL, path);
		goto out;
	}
	if (h.status != PLAN_FINAL) {
		r->reason = collect_format(_("a draft (revision %lu), not a final plan"),
				   h.revision);
		collect_who_from_tree(&r->who, root,
			      collect_find_qn(s, h.qn_id, h.qn_version), path);
		r->who.draft = true;
		r->who.revision = h.revision;
		goto out;
	}
	if (!find_group(s, h.qn_id, h.qn_version, &group, &missing))
		goto oom;
	if (group == NULL) {
		r->reason = collect_format(
			_("questionnaire %s version %ld is not available: %s"),
			h.qn_id, h.qn_version, missing ? missing : _("not found"));
		collect_who_from_tree(&r->who, root, NULL, path);
		goto out;
	}
	p = planio_from_tree_in(path, root, group->qn, s->text, &d);
	if (p == NULL) {
		if (diag_out_of_memory(&d))
			goto oom;
		r->reason = diags_reason(path, _("broken"), &d);
		collect_who_from_tree(&r->who, root, group->qn, path);
		goto out;
	}
	/* The tree is not needed any more: free it before the next file. */
	yd_free(root);
	root = NULL;
	if (validate_plan(p, true, &problems) > 0) {
		collect_who_from_plan(&r->who, p);
		r->reason = incomplete(p, &problems);
		goto out;
	}
	if (stat(path, &after) != 0 || !same_file(&before, &after)) {
		r->reason = collect_format("%s", _("changed while it was read"));
		collect_who_from_plan(&r->who, p);
		goto out;
	}
	cp = entry(path, &after, p, &r->oom);
	p = NULL;
	if (cp == NULL)
		goto oom;
	r->reason = collect_sig_check(s->ring, s->require_signatures, path,
				      data, len, cp->plan, &cp->sig, &r->oom);
	if (r->reason != NULL) {
		memcpy(r->who.code, cp->code, sizeof(r->who.code));
		r->who.country = strdup(cp->country);
	}
	if (r->reason != NULL || r->oom)
		goto out;
	r->cp = cp;
	r->group = group;
	cp = NULL;
	goto out;
oom:
	r->oom = true;
out:
	free(missing);
	free(data);
	collect_plan_free(cp);
	plan_destroy(p);
	yd_free(root);
	planio_header_free(&h);
	val_list_free(&problems);
	diag_list_free(&d);
}
