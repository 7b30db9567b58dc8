/* site/: a static HTML site of a group, browsable by item (every
 * country's answer side by side), by section (an index of its items), by
 * country, with a completeness grid on the index, in the language of the
 * outputs, without JavaScript. This file: the output itself (its pages as
 * pieces), page names, the frame of every page, the index, the section
 * pages and the page of files not taken. */
#include "site.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "store.h"

typedef enum piece_kind {
	P_ITEM,      /* a: item, b: part */
	P_COUNTRIES, /* plans a..b-1 */
	P_SECTION,   /* a: section */
	P_INDEX,
	P_FILES,
	P_STYLE,
	P_GRID, /* a: page of the completeness grid, from 1 */
} piece_kind;

/* Countries per page of the completeness grid: the first page is on the
 * index, and no page passes about 700 KB. */
#define GRID_ROWS 200

struct site_piece {
	piece_kind kind;
	size_t a, b;
};

/* ---- Names ---- */

static bool
taken(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && strcmp(v[i], name) == 0)
			return true;
	return false;
}

/* prefix-slug, numbered when the slug is empty or already used. */
static char *
page_name(char **used, size_t n_used, const char *prefix, const char *text)
{
	char slug[64], name[128];

	collect_slug(text, slug, sizeof(slug));
	if (slug[0]) {
		snprintf(name, sizeof(name), "%s-%s", prefix, slug);
		if (!taken(used, n_used, name))
			return strdup(name);
	}
	for (unsigned long k = slug[0] ? 2 : 1;; k++) {
		if (slug[0])
			snprintf(name, sizeof(name), "%s-%s-%lu", prefix, slug,
				 k);
		else
			snprintf(name, sizeof(name), "%s-%lu", prefix, k);
		if (!taken(used, n_used, name))
			return strdup(name);
	}
}

static bool
add_piece(site *st, size_t *cap, piece_kind kind, size_t a, size_t b)
{
	struct site_piece *v;

	if (st->n_pieces == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		v = realloc(st->pieces, *cap * sizeof(*v));
		if (v == NULL)
			return false;
		st->pieces = v;
	}
	st->pieces[st->n_pieces++] = (struct site_piece){kind, a, b};
	return true;
}

site *
site_open(const collect_run *r, size_t group)
{
	site *st = calloc(1, sizeof(*st));
	const collect_gview *v = &r->views[group];
	const qn *q = v->g->qn;
	collect_change_counts cc;
	bool ok = true;

	if (st == NULL)
		return NULL;
	st->run = r;
	st->v = v;
	st->lg = &r->lang;
	st->q = q;
	st->group = group;
	collect_changes_counts(r->changes, &cc);
	st->changes = group == 0 && cc.previous;
	st->section = calloc(q->n_sections ? q->n_sections : 1, sizeof(char *));
	st->item = calloc(q->n_items ? q->n_items : 1, sizeof(char *));
	if (!st->section || !st->item)
		ok = false;
	for (size_t i = 0; i < q->n_sections && ok; i++)
		if (!q->sections[i].details)
			ok = (st->section[i] = page_name(st->section, i,
							 "section",
							 q->sections[i].id)) != NULL;
	for (size_t i = 0; i < q->n_items && ok; i++)
		if (!q->sections[q->items[i].section].details)
			ok = (st->item[i] = page_name(st->item, i, "item",
						      q->items[i].id)) != NULL;
	if (!ok) {
		site_close(st);
		return NULL;
	}
	return st;
}

void
site_close(site *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; st->section && i < st->q->n_sections; i++)
		free(st->section[i]);
	for (size_t i = 0; st->item && i < st->q->n_items; i++)
		free(st->item[i]);
	free(st->section);
	free(st->item);
	free(st->pieces);
	free(st);
}

static void
site_free(void *state)
{
	site_close(state);
}

/* Names every page and lists them as pieces: item pages first (the most
 * and largest), then country pages in runs, then the rest. */
static bool
site_start(const collect_run *r, size_t group, void **state,
	   size_t *n_pieces, diag_list *diags)
{
	site *st = site_open(r, group);
	const collect_gview *v = &r->views[group];
	const qn *q = v->g->qn;
	size_t cap = 0, n = v->g->n_plans, runs;
	bool ok = true;

	*state = st;
	if (st == NULL)
		goto oom;
	for (size_t i = 0; i < q->n_items && ok; i++)
		for (size_t p = 0; st->item[i] && p < v->n_parts[i] && ok; p++)
			ok = add_piece(st, &cap, P_ITEM, i, p);
	/* Runs short enough to share out evenly, long enough to keep the
	 * jobs few. */
	runs = n / (4 * (size_t)collect_jobs(r->s)) + 1;
	for (size_t k = 0; k < n && ok; k += runs)
		ok = add_piece(st, &cap, P_COUNTRIES, k,
			       k + runs < n ? k + runs : n);
	for (size_t i = 0; i < q->n_sections && ok; i++)
		if (st->section[i])
			ok = add_piece(st, &cap, P_SECTION, i, 0);
	ok = ok && add_piece(st, &cap, P_INDEX, 0, 0) &&
	     add_piece(st, &cap, P_STYLE, 0, 0);
	if (ok && group == 0 && collect_n_rejected(r->s) > 0)
		ok = add_piece(st, &cap, P_FILES, 0, 0);
	for (size_t p = 1; p * GRID_ROWS < n && ok; p++)
		ok = add_piece(st, &cap, P_GRID, p, 0);
	if (!ok)
		goto oom;
	*n_pieces = st->n_pieces;
	return true;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	return false;
}

static bool
site_piece(const collect_run *r, size_t group, void *state, size_t k,
	   collect_out *o, diag_list *diags)
{
	const site *st = state;
	const struct site_piece *p = &st->pieces[k];

	switch (p->kind) {
	case P_ITEM:
		return site_item_page(o, st, p->a, p->b, diags);
	case P_COUNTRIES:
		for (size_t i = p->a; i < p->b; i++)
			if (!site_country_page(o, st, i, diags))
				return false;
		return true;
	case P_SECTION:
		return site_section_page(o, st, p->a, diags);
	case P_INDEX:
		return site_index(o, st, diags);
	case P_FILES:
		return site_files_page(o, st, diags);
	case P_STYLE:
		return collect_out_file(o, st->v->site_dir, "style.css",
					collect_css, strlen(collect_css),
					diags);
	case P_GRID:
		return site_grid_page(o, st, p->a, diags);
	}
	return false;
}

const collect_output collect_output_site = {
	.name = "site/",
	.per_group = true,
	.start = site_start,
	.piece = site_piece,
	.free = site_free,
};

/* ---- The frame of a page ---- */

static void
nav_link(sbuf *b, const char *href, const char *text, const char *current,
	 bool *first)
{
	if (!*first)
		sbuf_str(b, " |\n");
	*first = false;
	sbuf_str(b, "<a href=\"");
	collect_html_str(b, href);
	sbuf_char(b, '"');
	if (current && strcmp(current, href) == 0)
		sbuf_str(b, " aria-current=\"page\"");
	sbuf_char(b, '>');
	collect_html_str(b, text);
	sbuf_str(b, "</a>");
}

void
site_page_start(sbuf *b, const site *st, const char *title,
		const char *current)
{
	const qn *q = st->q;
	char href[160];
	bool first = true;

	collect_html_start(b, st->lg->code, title, "style.css");
	sbuf_str(b, "<header>\n<p>");
	collect_html_str(b, i18n_cat_qn(st->lg->cat, q, I18N_QN_TITLE, 0, 0));
	sbuf_str(b, "</p>\n<nav>");
	for (size_t i = 0; i < q->n_sections; i++) {
		if (!st->section[i])
			continue;
		snprintf(href, sizeof(href), "%s.html", st->section[i]);
		nav_link(b, href,
			 i18n_cat_qn(st->lg->cat, q, I18N_SECTION_TITLE, i, 0),
			 current, &first);
	}
	nav_link(b, "index.html", collect_tr(st->lg, N_("Countries")),
		 current, &first);
	if (st->changes)
		nav_link(b, "changes.html",
			 collect_tr(st->lg, N_("What changed")), current,
			 &first);
	sbuf_str(b, "</nav>\n</header>\n<main>\n<h1>");
	/* A country's page is titled with its answers. */
	collect_html_bdi(b, title);
	sbuf_str(b, "</h1>\n");
}

bool
site_page_end(collect_out *o, sbuf *b, sbuf *tmp, const site *st,
		 diag_list *diags)
{
	const qn *q = st->q;
	bool ok;

	sbuf_str(b, "</main>\n<footer><p>");
	sbuf_reset(tmp);
	sbuf_printf(tmp,
		       collect_ntr(st->lg, "%s (%s, version %ld): %zu country.",
				   "%s (%s, version %ld): %zu countries.",
				   st->v->g->n_plans),
		       i18n_cat_qn(st->lg->cat, q, I18N_QN_TITLE, 0, 0), q->id,
		       q->version, st->v->g->n_plans);
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
	sbuf_str(b, "</p></footer>\n");
	collect_html_end(b);
	if (tmp->failed)
		sbuf_fail(b, tmp->err);
	sbuf_free(tmp);
	ok = collect_out_end(o, b, diags);
	sbuf_free(b);
	return ok;
}

/* ---- Small parts ---- */

void
site_item_href(sbuf *b, const site *st, size_t item, size_t part)
{
	sbuf_str(b, st->item[item]);
	if (part > 0)
		sbuf_printf(b, "-p%zu", part + 1);
	sbuf_str(b, ".html");
}

void
site_country(sbuf *b, const site *st, size_t k)
{
	/* A country of ISO 3166-1 is named in the site's language; free
	 * text in the plan's. */
	const char *lang = st->v->g->plans[k]->code[0] ? NULL : st->v->lang[k];

	sbuf_str(b, "<bdi");
	if (lang) {
		sbuf_str(b, " lang=\"");
		collect_html_str(b, lang);
		sbuf_char(b, '"');
	}
	sbuf_char(b, '>');
	collect_html_str(b, collect_country_name(st->lg, st->v->g->plans[k]));
	sbuf_str(b, "</bdi>");
}

void
site_item_title(sbuf *b, const site *st, size_t item, sbuf *tmp)
{
	sbuf_reset(tmp);
	export_item_head(tmp, st->lg->cat, st->q, item, true);
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
}

void
site_bar(sbuf *b, size_t count, size_t total)
{
	unsigned pct = total ? (unsigned)(count * 100 / total) : 0;

	sbuf_printf(b, "<span class=\"barbox\"><span class=\"bar\" "
		       "style=\"width:%u%%\"></span></span>",
		    pct);
}

const char *
site_state_word(const site *st, unsigned state)
{
	return state == COLLECT_ANSWERED ? collect_tr(st->lg, N_("answered"))
	       : state == COLLECT_NA	 ? collect_tr(st->lg,
						      N_("not applicable"))
					 : collect_tr(st->lg, N_("not answered"));
}

/* How many plans are in each state for an item. */
static void
states(const site *st, size_t item, size_t n[3])
{
	n[0] = n[1] = n[2] = 0;
	for (size_t k = 0; k < st->v->g->n_plans; k++)
		n[collect_state(st->v, k, item)]++;
}

/* "18 answered, 1 not answered, 1 not applicable". */
static void
state_summary(sbuf *b, const site *st, size_t item, sbuf *tmp)
{
	size_t n[3];
	static const unsigned order[3] = {COLLECT_ANSWERED, COLLECT_MISSING,
					  COLLECT_NA};
	bool first = true;

	states(st, item, n);
	sbuf_reset(tmp);
	for (size_t i = 0; i < 3; i++) {
		if (n[order[i]] == 0 && order[i] != COLLECT_ANSWERED)
			continue;
		sbuf_printf(tmp, "%s%zu %s", first ? "" : ", ", n[order[i]],
			    site_state_word(st, order[i]));
		first = false;
	}
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
}

/* ---- The index ---- */

static void
other_groups(sbuf *b, const site *st, sbuf *tmp)
{
	const collect_set *s = st->run->s;

	for (size_t i = 0; i < collect_n_groups(s); i++) {
		const collect_group *g = collect_group_at(s, i);

		if (i == st->group)
			continue;
		sbuf_reset(tmp);
		if (i == 0)
			sbuf_printf(tmp,
				       collect_tr(st->lg,
						  N_("Plans of %s version %ld "
						     "are in the main "
						     "report.")),
				       g->qn->id, g->qn->version);
		else
			sbuf_printf(tmp,
				       collect_tr(st->lg,
						  N_("Plans of %s version %ld "
						     "are reported apart, in "
						     "%s/.")),
				       g->qn->id, g->qn->version, g->subdir);
		sbuf_str(b, "<p><a href=\"");
		if (st->group != 0)
			sbuf_str(b, "../../");
		else
			sbuf_str(b, "../");
		if (i != 0) {
			collect_html_str(b, g->subdir);
			sbuf_char(b, '/');
		}
		sbuf_str(b, "site/index.html\">");
		collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
		sbuf_str(b, "</a></p>\n");
	}
}

static void
changes_line(sbuf *b, const site *st, sbuf *tmp)
{
	collect_change_counts n;

	collect_changes_counts(st->run->changes, &n);
	if (!st->changes)
		return;
	sbuf_reset(tmp);
	sbuf_printf(tmp,
		       collect_tr(st->lg,
				  N_("Since the previous collection: %zu new, "
				     "%zu revised, %zu withdrawn, %zu newly "
				     "rejected.")),
		       n.added, n.revised, n.withdrawn, n.rejected);
	sbuf_str(b, "<p><a href=\"changes.html\">");
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
	sbuf_str(b, "</a></p>\n");
}

/* Rows of the status table: expected countries, or the others. */
static void
status_rows(sbuf *b, const collect_run *r, const collect_gview *v,
	    bool expected, sbuf *tmp)
{
	const collect_set *s = r->s;

	for (size_t i = 0; i < collect_n_countries(s); i++) {
		const country_state *c = collect_country_at(s, i);
		size_t k = v ? v->plan_of[i] : SIZE_MAX;

		if (collect_roster(s) && c->expected != expected)
			continue;
		sbuf_str(b, "<tr><td>");
		if (k != SIZE_MAX)
			sbuf_printf(b, "<a href=\"country-%s.html\">",
				    v->slug[k]);
		sbuf_reset(tmp);
		collect_status_country(tmp, &r->lang, c);
		collect_html_bdi(b, sbuf_cstr(tmp));
		if (k != SIZE_MAX)
			sbuf_str(b, "</a>");
		sbuf_printf(b, "</td><td class=\"%s\">",
			    country_status_id(c->status));
		sbuf_reset(tmp);
		collect_status_text(tmp, &r->lang, c);
		collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
		sbuf_str(b, "</td></tr>\n");
	}
}

void
collect_html_status(sbuf *b, const collect_run *r, const collect_gview *v,
		    sbuf *tmp)
{
	const collect_set *s = r->s;
	const collect_lang *lg = &r->lang;
	bool others = false;

	for (size_t i = 0; i < collect_n_countries(s); i++)
		others |= collect_roster(s) &&
			  !collect_country_at(s, i)->expected;
	sbuf_str(b, "<h2 id=\"received\">");
	collect_html_str(b, collect_roster(s)
				    ? collect_tr(lg, N_("Countries expected"))
				    : collect_tr(lg, N_("What each country "
							"sent")));
	sbuf_str(b, "</h2>\n<p>");
	sbuf_reset(tmp);
	collect_status_summary(tmp, lg, s);
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
	sbuf_str(b, "</p>\n<div class=\"scroll\"><table class=\"list\">\n"
		    "<tr><th>");
	collect_html_str(b, collect_tr(lg, N_("Country")));
	sbuf_str(b, "</th><th>");
	collect_html_str(b, collect_tr(lg, N_("Status")));
	sbuf_str(b, "</th></tr>\n");
	status_rows(b, r, v, true, tmp);
	if (others) {
		sbuf_str(b, "<tr><th colspan=\"2\">");
		collect_html_str(b, collect_tr(lg, N_("Received from countries "
						      "not on the roster:")));
		sbuf_str(b, "</th></tr>\n");
		status_rows(b, r, v, false, tmp);
	}
	sbuf_str(b, "</table></div>\n");
}

static void
countries_table(sbuf *b, const site *st, sbuf *tmp)
{
	const collect_group *g = st->v->g;
	const qn *q = st->q;

	sbuf_str(b, "<div class=\"scroll\"><table class=\"list\">\n<tr><th>");
	collect_html_str(b, collect_tr(st->lg, N_("Country")));
	sbuf_str(b, "</th><th>");
	collect_html_str(b, collect_tr(st->lg, N_("Revision")));
	sbuf_str(b, "</th><th>");
	collect_html_str(b, collect_tr(st->lg, N_("Modified")));
	sbuf_str(b, "</th><th>");
	collect_html_str(b, collect_tr(st->lg, N_("Required")));
	sbuf_str(b, "</th><th>");
	collect_html_str(b, collect_tr(st->lg, N_("Signature")));
	sbuf_str(b, "</th></tr>\n");
	for (size_t k = 0; k < g->n_plans; k++) {
		const plan *p = g->plans[k]->plan;
		size_t req = 0, done = 0;

		for (size_t i = 0; i < q->n_items; i++) {
			if (!q->items[i].required ||
			    collect_state(st->v, k, i) == COLLECT_NA)
				continue;
			req++;
			done += collect_state(st->v, k, i) == COLLECT_ANSWERED;
		}
		sbuf_printf(b, "<tr><td><a href=\"country-%s.html\">",
			    st->v->slug[k]);
		site_country(b, st, k);
		sbuf_printf(b, "</a></td><td>%lu</td><td>", p->revision);
		sbuf_reset(tmp);
		collect_date(tmp, st->lg, p->modified, true);
		collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
		sbuf_printf(b, "</td><td>%zu/%zu</td><td>", done, req);
		collect_html_str(b, collect_sig_text(st->lg,
						     g->plans[k]->sig.status));
		sbuf_str(b, "</td></tr>\n");
	}
	sbuf_str(b, "</table></div>\n");
}

static const char *const marks[3] = {
	[COLLECT_ANSWERED] = "<td class=\"y\"><a href=\"",
	[COLLECT_MISSING] = "<td class=\"m\"><a href=\"",
	[COLLECT_NA] = "<td class=\"n\"><a href=\"",
};
static const char *const symbols[3] = {
	[COLLECT_ANSWERED] = "\xe2\x9c\x93", /* ✓ */
	[COLLECT_MISSING] = "\xe2\x9c\x97",  /* ✗ */
	[COLLECT_NA] = "\xe2\x80\x93",       /* – */
};

/* Links to each page of the grid when it has several ("Countries 1 to
 * 200 | 201 to 400..."), the current one not linked. */
static void
grid_pages(sbuf *b, const site *st, size_t page, sbuf *tmp)
{
	size_t n = st->v->g->n_plans;

	if (n <= GRID_ROWS)
		return;
	sbuf_str(b, "<p>");
	for (size_t p = 0; p * GRID_ROWS < n; p++) {
		size_t to = (p + 1) * GRID_ROWS < n ? (p + 1) * GRID_ROWS : n;

		sbuf_reset(tmp);
		sbuf_printf(tmp, collect_tr(st->lg, N_("Countries %zu to %zu")),
			    p * GRID_ROWS + 1, to);
		if (p)
			sbuf_str(b, " |\n");
		if (p == page) {
			sbuf_str(b, "<strong>");
			collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
			sbuf_str(b, "</strong>");
			continue;
		}
		if (p == 0)
			sbuf_str(b, "<a href=\"index.html#completeness\">");
		else
			sbuf_printf(b, "<a href=\"completeness-%zu.html\">",
				    p + 1);
		collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
		sbuf_str(b, "</a>");
	}
	sbuf_str(b, "</p>\n");
}

/* The completeness grid of the countries on page `page` (GRID_ROWS a
 * page): a table per section, a row per country, a cell per item linking
 * to the country's answer on the item's page. */
static void
grid(sbuf *b, const site *st, size_t page, sbuf *tmp)
{
	const collect_gview *v = st->v;
	const qn *q = st->q;
	size_t from = page * GRID_ROWS, to = from + GRID_ROWS;

	if (to > v->g->n_plans)
		to = v->g->n_plans;
	sbuf_str(b, "<h2 id=\"completeness\">");
	collect_html_str(b, collect_tr(st->lg, N_("Completeness")));
	sbuf_str(b, "</h2>\n");
	grid_pages(b, st, page, tmp);
	sbuf_str(b, "<p>");
	for (unsigned s = 0; s < 3; s++) {
		unsigned state = s == 0 ? COLLECT_ANSWERED
				 : s == 1 ? COLLECT_MISSING
					  : COLLECT_NA;

		sbuf_printf(b, "%s%s ", s ? ", " : "", symbols[state]);
		collect_html_str(b, site_state_word(st, state));
	}
	sbuf_str(b, "</p>\n");
	/* A table per section, side by side as room allows: they wrap
	 * under each other on a narrow screen instead of overflowing. */
	sbuf_str(b, "<div class=\"grids\">\n");
	for (size_t sec = 0; sec < q->n_sections; sec++) {
		const qn_section *se = &q->sections[sec];

		if (!st->section[sec] || se->n_items == 0)
			continue;
		sbuf_printf(b, "<table class=\"grid\">\n<caption><a href=\""
			       "%s.html\">",
			    st->section[sec]);
		collect_html_str(b, i18n_cat_qn(st->lg->cat, q,
						I18N_SECTION_TITLE, sec, 0));
		sbuf_str(b, "</a></caption>\n<tr><th></th>");
		for (size_t i = se->first; i < se->first + se->n_items; i++) {
			sbuf_str(b, "<th><a href=\"");
			site_item_href(b, st, i, 0);
			sbuf_str(b, "\">");
			collect_html_str(b, q->items[i].number[0]
						    ? q->items[i].number
						    : "*");
			sbuf_str(b, "</a></th>");
		}
		sbuf_str(b, "</tr>\n");
		for (size_t k = from; k < to; k++) {
			sbuf_str(b, "<tr><th class=\"c\"><a href=\"country-");
			sbuf_str(b, v->slug[k]);
			sbuf_str(b, ".html\">");
			site_country(b, st, k);
			sbuf_str(b, "</a></th>");
			for (size_t i = se->first; i < se->first + se->n_items;
			     i++) {
				unsigned state = collect_state(v, k, i);

				sbuf_str(b, marks[state]);
				site_item_href(b, st, i,
					       v->part[k * q->n_items + i]);
				/* Not sbuf_printf: a cell per country
				 * and item is the index's hot path. */
				sbuf_char(b, '#');
				sbuf_str(b, v->slug[k]);
				sbuf_str(b, "\">");
				sbuf_str(b, symbols[state]);
				sbuf_str(b, "</a></td>");
			}
			sbuf_str(b, "</tr>\n");
		}
		sbuf_str(b, "</table>\n");
	}
	sbuf_str(b, "</div>\n");
}

bool
site_grid_page(collect_out *o, const site *st, size_t page, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	char name[64];

	snprintf(name, sizeof(name), "completeness-%zu.html", page + 1);
	if (!collect_out_begin(o, st->v->site_dir, name, &b, diags))
		return false;
	site_page_start(&b, st, collect_tr(st->lg, N_("Completeness")), name);
	grid(&b, st, page, &tmp);
	return site_page_end(o, &b, &tmp, st, diags);
}

bool
site_index(collect_out *o, const site *st, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	const qn *q = st->q;
	size_t n_rejected = collect_n_rejected(st->run->s);

	if (!collect_out_begin(o, st->v->site_dir, "index.html", &b, diags))
		return false;
	site_page_start(&b, st, collect_tr(st->lg, N_("Countries")),
			"index.html");
	/* What each country sent, first on the main site's index. */
	if (st->group == 0)
		collect_html_status(&b, st->run, st->v, &tmp);
	changes_line(&b, st, &tmp);
	other_groups(&b, st, &tmp);
	if (st->group == 0 && n_rejected > 0) {
		sbuf_reset(&tmp);
		sbuf_printf(&tmp,
			       collect_ntr(st->lg,
					   "%zu file was not taken: see "
					   "rejected.txt.",
					   "%zu files were not taken: see "
					   "rejected.txt.",
					   n_rejected),
			       n_rejected);
		sbuf_str(&b, "<p><a href=\"files.html\">");
		collect_html_esc(&b, sbuf_cstr(&tmp), tmp.len);
		sbuf_str(&b, "</a></p>\n");
	}
	countries_table(&b, st, &tmp);
	grid(&b, st, 0, &tmp);
	sbuf_str(&b, "<h2>");
	collect_html_str(&b, collect_tr(st->lg, N_("Sections")));
	sbuf_str(&b, "</h2>\n<ul>\n");
	for (size_t s = 0; s < q->n_sections; s++) {
		if (!st->section[s])
			continue;
		sbuf_printf(&b, "<li><a href=\"%s.html\">", st->section[s]);
		collect_html_str(&b, i18n_cat_qn(st->lg->cat, q,
						 I18N_SECTION_TITLE, s, 0));
		sbuf_str(&b, "</a></li>\n");
	}
	sbuf_str(&b, "</ul>\n");
	return site_page_end(o, &b, &tmp, st, diags);
}

/* ---- A section: an index of its items ---- */

bool
site_section_page(collect_out *o, const site *st, size_t sec,
		  diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT, name = SBUF_INIT;
	const qn *q = st->q;
	const qn_section *se = &q->sections[sec];

	sbuf_printf(&name, "%s.html", st->section[sec]);
	if (name.failed ||
	    !collect_out_begin(o, st->v->site_dir, sbuf_cstr(&name), &b,
			       diags)) {
		sbuf_free(&name);
		return false;
	}
	site_page_start(&b, st,
			i18n_cat_qn(st->lg->cat, q, I18N_SECTION_TITLE, sec, 0),
			sbuf_cstr(&name));
	sbuf_free(&name);
	sbuf_str(&b, "<ul>\n");
	for (size_t i = se->first; i < se->first + se->n_items; i++) {
		sbuf_str(&b, "<li><a href=\"");
		site_item_href(&b, st, i, 0);
		sbuf_str(&b, "\">");
		site_item_title(&b, st, i, &tmp);
		sbuf_str(&b, "</a><br><span class=\"none\">");
		state_summary(&b, st, i, &tmp);
		sbuf_str(&b, "</span>\n");
		site_tally(&b, st, i, false, &tmp);
		sbuf_str(&b, "</li>\n");
	}
	sbuf_str(&b, "</ul>\n");
	return site_page_end(o, &b, &tmp, st, diags);
}

/* ---- Files not taken ---- */

bool
site_files_page(collect_out *o, const site *st, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	const collect_set *s = st->run->s;

	if (!collect_out_begin(o, st->v->site_dir, "files.html", &b, diags))
		return false;
	site_page_start(&b, st, collect_tr(st->lg, N_("Files not taken")),
			"files.html");
	sbuf_str(&b, "<div class=\"scroll\"><table class=\"list\">\n<tr><th>");
	collect_html_str(&b, collect_tr(st->lg, N_("File")));
	sbuf_str(&b, "</th><th>");
	collect_html_str(&b, collect_tr(st->lg, N_("Why")));
	sbuf_str(&b, "</th></tr>\n");
	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const collect_rejected *rj = collect_rejected_at(s, i);

		sbuf_str(&b, "<tr><td>");
		collect_html_str(&b, rj->path);
		sbuf_str(&b, "</td><td>");
		collect_html_str(&b, rj->reason);
		sbuf_str(&b, "</td></tr>\n");
	}
	sbuf_str(&b, "</table></div>\n");
	return site_page_end(o, &b, &tmp, st, diags);
}

/* ---- No plan taken at all ---- */

/* Countries sent files (or are expected), none of them a plan that could
 * be taken: the site is an index of what each sent. */
static bool
site_none(const collect_run *r, size_t group, void *state, size_t piece,
	  collect_out *o, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	char *dir;
	bool ok;

	if (collect_n_groups(r->s) > 0 || collect_n_countries(r->s) == 0)
		return true;
	dir = store_join(r->root, "site");
	if (dir == NULL || (mkdir(dir, 0755) != 0 && errno != EEXIST)) {
		diag_add_errno(diags, NULL, dir ? errno : ENOMEM,
			       _("cannot write %s"), dir ? dir : "site");
		free(dir);
		return false;
	}
	ok = collect_out_file(o, dir, "style.css", collect_css,
			      strlen(collect_css), diags) &&
	     collect_out_begin(o, dir, "index.html", &b, diags);
	if (ok) {
		collect_html_start(&b, r->lang.code,
				   collect_tr(&r->lang, N_("What each country "
							   "sent")),
				   "style.css");
		sbuf_str(&b, "<main>\n<p>");
		collect_html_str(&b, collect_tr(&r->lang,
						N_("No final plan was "
						   "collected.")));
		sbuf_str(&b, "</p>\n");
		collect_html_status(&b, r, NULL, &tmp);
		sbuf_str(&b, "</main>\n");
		collect_html_end(&b);
		if (tmp.failed)
			sbuf_fail(&b, tmp.err);
		ok = collect_out_end(o, &b, diags);
	}
	sbuf_free(&b);
	sbuf_free(&tmp);
	free(dir);
	return ok;
}

const collect_output collect_output_site_none = {
	.name = "site/",
	.piece = site_none,
};
