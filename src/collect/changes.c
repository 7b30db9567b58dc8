/* What changed since the previous collection: the previous output's
 * submissions.yaml read back (safely: it is a file like any other),
 * countries matched by questionnaire and country key, and the output
 * changes.txt with its site page (site/changes.html of the main group):
 * new countries, new revisions with the word diff of each changed item
 * against the previous collection's copy of the plan, withdrawn plans,
 * newly rejected files. */
#include "site.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "planio.h"
#include "store.h"
#include "wdiff.h"
#include "ydoc.h"

/* A plan of the previous collection. Strings owned. */
typedef struct old_plan {
	char *country;
	char code[4]; /* its ISO 3166-1 code, or "" */
	char *key;
	char *qn_id;
	long version;
	unsigned long revision;
	char *modified;
	char *file;
	char *copy; /* below the previous folder, checked; or NULL */
	bool matched;
} old_plan;

/* A plan of this collection that is new or revised. */
typedef struct change {
	size_t group, k;
	long old; /* index into old[], or -1 for a new country */
} change;

struct collect_changes {
	const collect_set *s;
	const collect_gview *views;
	char *prev_dir;     /* NULL: a first collection */
	char *problem;      /* why it could not be read, or NULL */
	old_plan *old;
	size_t n_old, cap_old;
	char **old_rejected; /* files rejected before */
	size_t n_old_rejected, cap_old_rejected;
	change *v;
	size_t n, cap;
	size_t n_added, n_revised, n_withdrawn, n_rejected;
};

/* A copy of map's scalar key; NULL when there is none, or (with *oom set)
 * when memory ran out: an entry is then not "not collect's". */
static char *
scalar(const yd_node *map, const char *key, bool *oom)
{
	const yd_node *n = yd_map_get(map, key);
	char *s = n && n->kind == YD_SCALAR ? strdup(n->str) : NULL;

	if (n && n->kind == YD_SCALAR && s == NULL)
		*oom = true;
	return s;
}

static bool
number(const yd_node *map, const char *key, unsigned long *out)
{
	const yd_node *n = yd_map_get(map, key);
	char *end;

	if (!n || n->kind != YD_SCALAR || !n->str[0] || n->str[0] == '-')
		return false;
	errno = 0;
	*out = strtoul(n->str, &end, 10);
	return !*end && errno == 0;
}

/* A copy's name as collect writes it ("plans/x.yaml", or
 * "ID-vN/plans/x.yaml"): anything else (a path out of the folder) is not
 * read. */
static bool
copy_name_ok(const char *c)
{
	const char *p = strstr(c, "plans/");

	if (p == NULL || (p != c && (p[-1] != '/' || strchr(c, '/') != p - 1)))
		return false;
	for (const char *q = c; q < p - (p != c); q++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-", *q))
			return false;
	p += 6;
	if (strlen(p) < 6 || strcmp(p + strlen(p) - 5, ".yaml") != 0)
		return false;
	for (; *p != '.'; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-", *p))
			return false;
	return true;
}

static bool
read_plan_entry(collect_changes *c, const yd_node *e)
{
	old_plan *v, o = {0};
	unsigned long version = 0;
	bool oom = false;
	char *code;

	if (e->kind != YD_MAP)
		return true;
	o.country = scalar(e, "country", &oom);
	code = scalar(e, "code", &oom);
	o.qn_id = scalar(e, "questionnaire", &oom);
	o.modified = scalar(e, "modified", &oom);
	o.file = scalar(e, "file", &oom);
	o.copy = scalar(e, "copy", &oom);
	if (oom || !number(e, "revision", &o.revision) ||
	    !number(e, "version", &version) || !o.country || !o.qn_id ||
	    !o.modified || !o.file) {
		/* Not an entry collect wrote: passed over. */
		free(o.country);
		free(code);
		free(o.qn_id);
		free(o.modified);
		free(o.file);
		free(o.copy);
		return !oom;
	}
	o.version = (long)version;
	if (o.copy && !copy_name_ok(o.copy)) {
		free(o.copy);
		o.copy = NULL;
	}
	/* Matched as plans are grouped: by the code (recorded, or the one
	 * the name means, as collections before codes wrote it), else by
	 * the name's fold. */
	if (!collect_country_code(code && code[0] ? code : o.country, o.code,
				  &oom) ||
	    (code && code[0] && strcmp(code, o.code) != 0))
		o.code[0] = '\0';
	free(code);
	o.key = o.code[0] ? strdup(o.code) : collect_fold(o.country);
	v = oom ? NULL
		: grow_array(c->old, &c->cap_old, c->n_old, sizeof(*v), 16);
	if (v == NULL || o.key == NULL) {
		free(o.country);
		free(o.key);
		free(o.qn_id);
		free(o.modified);
		free(o.file);
		free(o.copy);
		return false;
	}
	c->old = v;
	c->old[c->n_old++] = o;
	return true;
}

static bool
read_rejected_entry(collect_changes *c, const yd_node *e)
{
	bool oom = false;
	char **v, *file = e->kind == YD_MAP ? scalar(e, "file", &oom) : NULL;

	if (oom)
		return false;
	if (file == NULL)
		return e->kind != YD_MAP || yd_map_get(e, "file") == NULL ||
		       yd_map_get(e, "file")->kind != YD_SCALAR;
	v = grow_array(c->old_rejected, &c->cap_old_rejected,
		       c->n_old_rejected, sizeof(*v), 16);
	if (v == NULL) {
		free(file);
		return false;
	}
	c->old_rejected = v;
	c->old_rejected[c->n_old_rejected++] = file;
	return true;
}

/* Reads prev_dir/submissions.yaml; a problem in it goes to c->problem. */
static bool
read_previous(collect_changes *c, const collect_lang *lg)
{
	diag_list d = DIAG_LIST_INIT;
	char *path = store_join(c->prev_dir, "submissions.yaml");
	yd_node *root = path ? yd_parse_file(path, NULL, &d) : NULL;
	const yd_node *plans = NULL, *rejected = NULL;
	bool ok = true;

	if (path == NULL)
		return false;
	/* Without memory the previous collection is not "unreadable": the
	 * run fails rather than report every plan as new. */
	if (root == NULL && diag_out_of_memory(&d)) {
		ok = false;
		goto out;
	}
	if (root == NULL) {
		char *f = d.n ? diag_format(&d.v[0]) : NULL;

		c->problem = f ? f : strdup(path);
		ok = c->problem != NULL;
		goto out;
	}
	if (root->kind == YD_SEQ) {
		/* Collections before the format had a name: plans only. */
		plans = root;
	} else if (root->kind == YD_MAP) {
		plans = yd_map_get(root, "plans");
		rejected = yd_map_get(root, "rejected");
	}
	if (plans == NULL || plans->kind != YD_SEQ) {
		sbuf b = SBUF_INIT;

		sbuf_printf(&b, collect_tr(lg, N_("%s is not a list of "
						     "submissions")),
			       path);
		c->problem = sbuf_take(&b, NULL);
		ok = c->problem != NULL;
		goto out;
	}
	for (size_t i = 0; i < plans->n && ok; i++)
		ok = read_plan_entry(c, plans->items[i]);
	if (rejected && rejected->kind == YD_SEQ)
		for (size_t i = 0; i < rejected->n && ok; i++)
			ok = read_rejected_entry(c, rejected->items[i]);
out:
	yd_free(root);
	free(path);
	diag_list_free(&d);
	return ok;
}

/* The previous plan of the same country (key: the fold of the country as
 * submissions.yaml shows it, which is what an old entry's key is made
 * from) and questionnaire: of the same version when there is one (a
 * country may have plans of two versions), else of another. */
static long
find_old(collect_changes *c, const collect_group *g, const char *key)
{
	long other = -1;

	for (size_t i = 0; i < c->n_old; i++) {
		const old_plan *o = &c->old[i];

		if (o->matched || strcmp(o->key, key) != 0 ||
		    strcmp(o->qn_id, g->qn->id) != 0)
			continue;
		if (o->version == g->qn->version)
			return (long)i;
		if (other < 0)
			other = (long)i;
	}
	return other;
}

static bool
add_change(collect_changes *c, size_t group, size_t k, long old)
{
	change *v = grow_array(c->v, &c->cap, c->n, sizeof(*v), 16);

	if (v == NULL)
		return false;
	c->v = v;
	c->v[c->n++] = (change){group, k, old};
	return true;
}

static bool
compare(collect_changes *c)
{
	const collect_set *s = c->s;

	for (size_t g = 0; g < collect_n_groups(s); g++) {
		const collect_group *grp = collect_group_at(s, g);

		for (size_t k = 0; k < grp->n_plans; k++) {
			const collect_plan *cp = grp->plans[k];
			/* A free text's key is the fold of its shown name,
			 * as the old entry's is: a name the harmless-text
			 * rule escapes is read back in the notation. */
			long o = find_old(c, grp, cp->key);

			if (o >= 0)
				c->old[o].matched = true;
			if (o >= 0 && c->old[o].revision == cp->plan->revision &&
			    c->old[o].version == grp->qn->version &&
			    strcmp(c->old[o].modified, cp->plan->modified) == 0)
				continue;
			if (!add_change(c, g, k, o))
				return false;
			if (o < 0)
				c->n_added++;
			else
				c->n_revised++;
		}
	}
	for (size_t i = 0; i < c->n_old; i++)
		c->n_withdrawn += !c->old[i].matched;
	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const char *path = collect_rejected_at(s, i)->path;
		bool before = false;

		for (size_t k = 0; k < c->n_old_rejected && !before; k++)
			before = strcmp(c->old_rejected[k], path) == 0;
		c->n_rejected += !before;
	}
	return true;
}

collect_changes *
collect_changes_create(const collect_set *s, const char *prev_dir,
		       const collect_gview *views, const collect_lang *lg,
		       diag_list *diags)
{
	collect_changes *c = calloc(1, sizeof(*c));
	struct stat st;

	if (c == NULL)
		goto oom;
	c->s = s;
	c->views = views;
	if (prev_dir == NULL)
		return c;
	if (stat(prev_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_add_errno(diags, NULL, errno ? errno : ENOTDIR,
			       _("cannot open folder %s"), prev_dir);
		collect_changes_destroy(c);
		return NULL;
	}
	c->prev_dir = strdup(prev_dir);
	if (c->prev_dir == NULL || !read_previous(c, lg) ||
	    (c->problem == NULL && !compare(c)))
		goto oom;
	return c;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	collect_changes_destroy(c);
	return NULL;
}

void
collect_changes_destroy(collect_changes *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n_old; i++) {
		free(c->old[i].country);
		free(c->old[i].key);
		free(c->old[i].qn_id);
		free(c->old[i].modified);
		free(c->old[i].file);
		free(c->old[i].copy);
	}
	free(c->old);
	for (size_t i = 0; i < c->n_old_rejected; i++)
		free(c->old_rejected[i]);
	free(c->old_rejected);
	free(c->v);
	free(c->prev_dir);
	free(c->problem);
	free(c);
}

void
collect_changes_counts(const collect_changes *c, collect_change_counts *n)
{
	memset(n, 0, sizeof(*n));
	n->previous = c->prev_dir != NULL && c->problem == NULL;
	n->added = c->n_added;
	n->revised = c->n_revised;
	n->withdrawn = c->n_withdrawn;
	n->rejected = c->n_rejected;
}

/* ---- The output: changes.txt and site/changes.html ---- */

/* One new or revised plan written out: its part of changes.txt, the line
 * that names it (its link on the site's changes.html), and whether it has
 * a page of its own (its word diffs, changes-SLUG.html). */
typedef struct piece_out {
	sbuf text;
	sbuf line;
	bool page;
} piece_out;

typedef struct changes_out {
	piece_out *parts; /* [n] */
	size_t n;
	site *site; /* the main group's, for the frame of the pages; or NULL */
} changes_out;

static void
changes_free(void *state)
{
	changes_out *co = state;

	if (co == NULL)
		return;
	for (size_t i = 0; co->parts && i < co->n; i++) {
		sbuf_free(&co->parts[i].text);
		sbuf_free(&co->parts[i].line);
	}
	free(co->parts);
	site_close(co->site);
	free(co);
}

static bool
changes_start(const collect_run *r, size_t group, void **state,
	      size_t *n_pieces, diag_list *diags)
{
	const collect_changes *c = r->changes;
	changes_out *co = calloc(1, sizeof(*co));

	*state = co;
	if (co == NULL ||
	    (co->parts = calloc(c->n ? c->n : 1, sizeof(*co->parts))) == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return false;
	}
	co->n = c->n;
	*n_pieces = c->n;
	if (c->prev_dir && !c->problem && collect_n_groups(r->s) > 0) {
		co->site = site_open(r, 0);
		if (co->site == NULL) {
			diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
			return false;
		}
	}
	return true;
}

/* Both outputs of a piece, side by side. */
typedef struct both {
	sbuf *text;
	sbuf *html;
	const collect_run *r;
	const qn *q;
} both;

static void
both_str(both *o, const char *s)
{
	sbuf_str(o->text, s);
	collect_html_str(o->html, s);
}

static bool
item_diff(void *ctx, size_t item, wdiff_what what, const char *old_text,
	  const char *new_text)
{
	both *o = ctx;
	const collect_lang *lg = &o->r->lang;
	sbuf label = SBUF_INIT;
	wdiff d;

	collect_item_label(&label, lg, o->q, item);
	sbuf_printf(&label, " (%s): %s", o->q->items[item].id,
		    what == WDIFF_ADDED     ? collect_tr(lg, N_("added"))
		    : what == WDIFF_REMOVED ? collect_tr(lg, N_("removed"))
					    : collect_tr(lg, N_("changed")));
	sbuf_str(o->text, "\n  ");
	sbuf_str(o->html, "<h3>");
	both_str(o, sbuf_cstr(&label));
	sbuf_str(o->text, "\n");
	sbuf_str(o->html, "</h3>\n<div class=\"diff\" dir=\"auto\">");
	sbuf_free(&label);
	if (!wdiff_compute(&d, old_text, strlen(old_text), new_text,
			   strlen(new_text))) {
		sbuf_fail(o->text, ENOMEM);
		return false;
	}
	wdiff_write_text(o->text, &d, true);
	wdiff_write_html(o->html, &d, true);
	wdiff_free(&d);
	sbuf_str(o->text, "\n");
	sbuf_str(o->html, "</div>\n");
	return !o->text->failed && !o->html->failed;
}

/* "Thailand: revision 2 (1 February 2000), now revision 3 (1 March
 * 2000)", into line. */
static void
revision_line(sbuf *line_out, const collect_run *r, const collect_changes *c,
	      const change *ch)
{
	const collect_lang *lg = &r->lang;
	const collect_plan *cp = c->views[ch->group].g->plans[ch->k];
	sbuf *line = line_out, then = SBUF_INIT, now = SBUF_INIT;

	collect_date(&now, lg, cp->plan->modified, false);
	if (ch->old < 0) {
		sbuf_printf(line,
			       collect_tr(lg, N_("%s: new, revision %lu (%s)")),
			       collect_country_name(lg, cp), cp->plan->revision,
			       sbuf_cstr(&now));
	} else {
		const old_plan *op = &c->old[ch->old];

		collect_date(&then, lg, op->modified, false);
		sbuf_printf(line,
			       collect_tr(lg, N_("%s: revision %lu (%s), now "
						 "revision %lu (%s)")),
			       collect_country_name(lg, cp), op->revision,
			       sbuf_cstr(&then), cp->plan->revision,
			       sbuf_cstr(&now));
	}
	if (then.failed || now.failed)
		sbuf_fail(line, ENOMEM);
	sbuf_free(&then);
	sbuf_free(&now);
}

/* The name of a revised plan's page of word diffs:
 * "changes-[ID-vN-]SLUG.html". */
static void
diff_page_name(sbuf *b, const collect_changes *c, const change *ch)
{
	const collect_gview *v = &c->views[ch->group];

	sbuf_str(b, "changes-");
	if (v->g->subdir)
		sbuf_printf(b, "%s-", v->g->subdir);
	sbuf_printf(b, "%s.html", v->slug[ch->k]);
}

/* A note under a revision: why there is no word diff. */
static void
note(both *o, const char *text)
{
	sbuf_str(o->text, "  ");
	sbuf_str(o->html, "<p class=\"none\">");
	both_str(o, text);
	sbuf_str(o->text, "\n");
	sbuf_str(o->html, "</p>\n");
}

/* The previous collection's copy of the plan, loaded; NULL with why in
 * *why (malloc'd) when it cannot be, or with *oom set when memory ran
 * out. */
static plan *
load_old(const collect_run *r, const old_plan *op, char **why, bool *oom)
{
	const collect_changes *c = r->changes;
	diag_list d = DIAG_LIST_INIT;
	planio_header h = {0};
	char *path = op->copy ? store_join(c->prev_dir, op->copy) : NULL;
	yd_node *root = path ? yd_parse_file(path, NULL, &d) : NULL;
	const qn *q;
	plan *p = NULL;

	*why = NULL;
	if (op->copy == NULL) {
		*why = strdup(collect_tr(&r->lang,
					 N_("the previous collection kept no "
					    "copy of the plan")));
		goto out;
	}
	if (root == NULL || !planio_read_header(path, root, &h, &d))
		goto problem;
	q = collect_find_qn(c->s, h.qn_id, h.qn_version);
	if (q == NULL) {
		sbuf b = SBUF_INIT;

		sbuf_printf(&b,
			       collect_tr(&r->lang,
					  N_("questionnaire %s version %ld is "
					     "not available: %s")),
			       h.qn_id, h.qn_version,
			       collect_tr(&r->lang, N_("not found")));
		*why = sbuf_take(&b, NULL);
		goto out;
	}
	p = planio_from_tree(path, root, q, &d);
	/* A copy changed since (by hand, or a file put in its place) is
	 * not the previous text: only the revision recorded is. */
	if (p && (p->revision != op->revision ||
		  strcmp(p->modified, op->modified) != 0)) {
		plan_destroy(p);
		p = NULL;
		*why = strdup(collect_tr(&r->lang,
					 N_("the copy was changed after that "
					    "collection")));
		goto out;
	}
	if (p)
		goto out;
problem:
	if (diag_out_of_memory(&d) || (op->copy != NULL && path == NULL)) {
		*oom = true;
		goto out;
	}
	*why = d.n ? diag_format(&d.v[0]) : strdup(path ? path : "?");
out:
	planio_header_free(&h);
	yd_free(root);
	free(path);
	diag_list_free(&d);
	return p;
}

static bool
changes_piece(const collect_run *r, size_t group, void *state, size_t k,
	      collect_out *out, diag_list *diags)
{
	const collect_changes *c = r->changes;
	changes_out *co = state;
	const change *ch = &c->v[k];
	const collect_plan *cp = c->views[ch->group].g->plans[ch->k];
	sbuf html = SBUF_INIT, page = SBUF_INIT, tmp = SBUF_INIT,
	     name = SBUF_INIT;
	both o = {&co->parts[k].text, &html, r, c->views[ch->group].g->qn};
	char *why = NULL;
	plan *old;
	wdiff_counts counts = {0, 0, 0};
	bool ok = true, oom = false;

	revision_line(&co->parts[k].line, r, c, ch);
	sbuf_printf(o.text, "\n* %s\n", sbuf_cstr(&co->parts[k].line));
	if (ch->old < 0)
		goto out;
	old = load_old(r, &c->old[ch->old], &why, &oom);
	if (oom || (old == NULL && why == NULL)) {
		sbuf_fail(o.text, ENOMEM);
	} else if (old == NULL) {
		sbuf b = SBUF_INIT;

		sbuf_printf(&b,
			       collect_tr(&r->lang,
					  N_("No word diff: the previous text "
					     "cannot be read (%s).")),
			       why ? why : "?");
		note(&o, sbuf_cstr(&b));
		sbuf_free(&b);
	} else if (wdiff_plan_items(old, cp->plan, r->lang.cat, item_diff, &o,
				    &counts, NULL)) {
		if (counts.added + counts.removed + counts.changed == 0)
			note(&o, collect_tr(&r->lang,
					    N_("The answers are the same.")));
	} else {
		if (old->qn != cp->plan->qn) {
			sbuf b = SBUF_INIT;

			sbuf_printf(&b,
				       collect_tr(&r->lang,
						  N_("No word diff: the plan now "
						     "answers questionnaire %s "
						     "version %ld.")),
				       cp->plan->qn->id, cp->plan->qn->version);
			note(&o, sbuf_cstr(&b));
			sbuf_free(&b);
		} else {
			sbuf_fail(o.text, ENOMEM);
		}
	}
	plan_destroy(old);
	free(why);
	/* Its page: the word diffs in the site's frame. */
	if (co->site && !o.text->failed && !html.failed) {
		diff_page_name(&name, c, ch);
		ok = !name.failed &&
		     collect_out_begin(out, r->views[0].site_dir,
				       sbuf_cstr(&name), &page, diags);
		if (ok) {
			site_page_start(&page, co->site,
					sbuf_cstr(&co->parts[k].line),
					NULL);
			sbuf_add(&page, html.s, html.len);
			ok = site_page_end(out, &page, &tmp, co->site,
					      diags);
			co->parts[k].page = ok;
		}
	}
out:
	if (ok && (o.text->failed || html.failed || co->parts[k].line.failed)) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		ok = false;
	}
	sbuf_free(&html);
	sbuf_free(&page);
	sbuf_free(&name);
	return ok;
}

/* A heading and a line per item of a list: withdrawn plans or newly
 * rejected files. */
static void
listing(sbuf *text, sbuf *html, const char *heading)
{
	sbuf_printf(text, "\n%s\n", heading);
	sbuf_str(html, "<h2>");
	collect_html_str(html, heading);
	sbuf_str(html, "</h2>\n");
}

static void
lists(const collect_run *r, sbuf *text, sbuf *html, sbuf *tmp)
{
	const collect_changes *c = r->changes;
	const collect_lang *lg = &r->lang;

	if (c->n_withdrawn > 0) {
		listing(text, html, collect_tr(lg, N_("No longer in the "
						      "collection:")));
		sbuf_str(html, "<ul>\n");
		for (size_t i = 0; i < c->n_old; i++) {
			const old_plan *op = &c->old[i];

			if (op->matched)
				continue;
			sbuf_reset(tmp);
			sbuf_printf(tmp,
				       collect_tr(lg, N_("%s (revision %lu, "
							 "%s)")),
				       collect_country_label(op->code,
							     op->country,
							     lg->code),
				       op->revision, op->file);
			sbuf_printf(text, "* %s\n", sbuf_cstr(tmp));
			sbuf_str(html, "<li>");
			collect_html_esc(html, sbuf_cstr(tmp), tmp->len);
			sbuf_str(html, "</li>\n");
		}
		sbuf_str(html, "</ul>\n");
	}
	if (c->n_rejected > 0) {
		listing(text, html, collect_tr(lg, N_("Newly rejected:")));
		sbuf_str(html, "<ul>\n");
		for (size_t i = 0; i < collect_n_rejected(r->s); i++) {
			const collect_rejected *rj = collect_rejected_at(r->s, i);
			bool before = false;

			for (size_t k = 0; k < c->n_old_rejected && !before; k++)
				before = strcmp(c->old_rejected[k], rj->path) == 0;
			if (before)
				continue;
			sbuf_printf(text, "* %s: %s\n", rj->path, rj->reason);
			sbuf_str(html, "<li>");
			collect_html_str(html, rj->path);
			sbuf_str(html, ": ");
			collect_html_str(html, rj->reason);
			sbuf_str(html, "</li>\n");
		}
		sbuf_str(html, "</ul>\n");
	}
}

/* The opening paragraph: what this is compared with, or why nothing. */
static void
opening(const collect_run *r, sbuf *text, sbuf *html, sbuf *tmp)
{
	const collect_changes *c = r->changes;
	const collect_lang *lg = &r->lang;
	char *shown = c->prev_dir ? collect_show_dup(c->prev_dir) : NULL;

	sbuf_reset(tmp);
	if (c->prev_dir == NULL)
		sbuf_str(tmp, collect_tr(lg, N_("A first collection: there is "
						"no previous one to compare "
						"with.")));
	else if (c->problem)
		sbuf_printf(tmp,
			       collect_tr(lg, N_("The previous collection in "
						 "%s cannot be read: %s")),
			       shown ? shown : "?", c->problem);
	else if (c->n == 0 && c->n_withdrawn == 0 && c->n_rejected == 0)
		sbuf_printf(tmp,
			       collect_tr(lg, N_("Nothing changed since the "
						 "collection in %s.")),
			       shown ? shown : "?");
	else
		sbuf_printf(tmp,
			       collect_tr(lg, N_("Compared with the collection "
						 "in %s: %zu new, %zu revised, "
						 "%zu withdrawn, %zu newly "
						 "rejected.")),
			       shown ? shown : "?", c->n_added, c->n_revised,
			       c->n_withdrawn, c->n_rejected);
	free(shown);
	{
		export_layout l;

		export_layout_init(&l, text, COLLECT_WIDTH);
		collect_paragraphs(&l, sbuf_cstr(tmp));
		export_layout_free(&l);
	}
	sbuf_str(html, "<p>");
	collect_html_esc(html, sbuf_cstr(tmp), tmp->len);
	sbuf_str(html, "</p>\n");
}

/* The site's changes.html: the opening, each new or revised plan linked
 * to its page (its country's page, or its page of word diffs), the lists. */
static bool
changes_page(const collect_run *r, changes_out *co, collect_out *o,
	     const sbuf *opening_html, const sbuf *lists_html,
	     diag_list *diags)
{
	const collect_changes *c = r->changes;
	sbuf page = SBUF_INIT, tmp = SBUF_INIT;
	bool ok;

	ok = collect_out_begin(o, r->views[0].site_dir, "changes.html", &page,
			       diags);
	if (!ok)
		return false;
	site_page_start(&page, co->site, collect_tr(&r->lang, N_("What changed")),
			"changes.html");
	sbuf_add(&page, opening_html->s, opening_html->len);
	if (c->n > 0)
		sbuf_str(&page, "<ul>\n");
	for (size_t k = 0; k < c->n; k++) {
		const change *ch = &c->v[k];
		const collect_gview *v = &c->views[ch->group];

		sbuf_str(&page, "<li><a href=\"");
		if (co->parts[k].page) {
			diff_page_name(&page, c, ch);
		} else {
			if (v->g->subdir)
				sbuf_printf(&page, "../%s/site/", v->g->subdir);
			sbuf_printf(&page, "country-%s.html", v->slug[ch->k]);
		}
		sbuf_str(&page, "\">");
		collect_html_esc(&page, co->parts[k].line.s, co->parts[k].line.len);
		sbuf_str(&page, "</a></li>\n");
	}
	if (c->n > 0)
		sbuf_str(&page, "</ul>\n");
	sbuf_add(&page, lists_html->s, lists_html->len);
	ok = site_page_end(o, &page, &tmp, co->site, diags);
	sbuf_free(&page);
	return ok;
}

static bool
changes_end(const collect_run *r, size_t group, void *state,
	       diag_list *diags)
{
	const collect_changes *c = r->changes;
	changes_out *co = state;
	collect_out *o = collect_out_create();
	sbuf text = SBUF_INIT, open_html = SBUF_INIT, list_html = SBUF_INIT,
	     tmp = SBUF_INIT;
	bool ok = false;

	if (o == NULL)
		goto oom;
	opening(r, &text, &open_html, &tmp);
	for (size_t k = 0; k < c->n; k++) {
		sbuf_add(&text, co->parts[k].text.s, co->parts[k].text.len);
		if (co->parts[k].text.failed)
			sbuf_fail(&text, ENOMEM);
		sbuf_free(&co->parts[k].text);
	}
	lists(r, &text, &list_html, &tmp);
	if (text.failed || open_html.failed || list_html.failed || tmp.failed)
		goto oom;
	ok = collect_out_file(o, r->root, "changes.txt", sbuf_cstr(&text),
			      text.len, diags);
	if (ok && co->site)
		ok = changes_page(r, co, o, &open_html, &list_html, diags);
	goto out;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
out:
	collect_out_destroy(o);
	sbuf_free(&text);
	sbuf_free(&open_html);
	sbuf_free(&list_html);
	sbuf_free(&tmp);
	return ok;
}

const collect_output collect_output_changes = {
	.name = "changes.txt",
	.start = changes_start,
	.piece = changes_piece,
	.end = changes_end,
	.free = changes_free,
};
