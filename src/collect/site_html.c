/* site/: a static HTML site of the collection, browsable by country and by
 * section, without JavaScript. Everything that comes from a plan or a
 * questionnaire is HTML-escaped; file names are ASCII slugs we make. */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "utext.h"

static const char css[] =
	"body{font-family:sans-serif;line-height:1.45;max-width:50em;"
	"margin:0 auto;padding:0 1em;color:#222}"
	"header{border-bottom:1px solid #999;padding:.5em 0}"
	"header p{margin:0;font-weight:bold}"
	"nav a{padding:0 .2em}"
	"nav a[aria-current]{font-weight:bold;text-decoration:none;color:#222}"
	"h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em}"
	"h3{font-size:1.05em}"
	".none{color:#666;font-style:italic}"
	"dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}"
	"dt{font-weight:bold}dd{margin:0}"
	"footer{border-top:1px solid #999;margin-top:3em;color:#666;"
	"font-size:.9em}";

/* Escapes text for element content and quoted attributes. Controls that
 * HTML forbids (all C0 but tab and newline, DEL, C1) become U+FFFD. */
/* Bytes esc() has to look at: controls, markup, and 0xc2 (the lead byte
 * of the C1 controls). */
static const bool special[256] = {
	[0x00] = true, [0x01] = true, [0x02] = true, [0x03] = true,
	[0x04] = true, [0x05] = true, [0x06] = true, [0x07] = true,
	[0x08] = true, [0x09] = true, [0x0a] = true, [0x0b] = true,
	[0x0c] = true, [0x0d] = true, [0x0e] = true, [0x0f] = true,
	[0x10] = true, [0x11] = true, [0x12] = true, [0x13] = true,
	[0x14] = true, [0x15] = true, [0x16] = true, [0x17] = true,
	[0x18] = true, [0x19] = true, [0x1a] = true, [0x1b] = true,
	[0x1c] = true, [0x1d] = true, [0x1e] = true, [0x1f] = true,
	['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true,
	['\''] = true, [0x7f] = true, [0xc2] = true,
};

static void
esc(sbuf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0, run;

	while (pos < len) {
		run = pos;
		/* Four at a time: most text has nothing to escape. */
		while (len - run >= 4 &&
		       !(special[u[run]] | special[u[run + 1]] |
			 special[u[run + 2]] | special[u[run + 3]]))
			run += 4;
		while (run < len && !special[u[run]])
			run++;
		sbuf_add(b, s + pos, run - pos);
		if (run >= len)
			break;
		pos = run;
		switch (s[pos]) {
		case '&': sbuf_str(b, "&amp;"); pos++; continue;
		case '<': sbuf_str(b, "&lt;"); pos++; continue;
		case '>': sbuf_str(b, "&gt;"); pos++; continue;
		case '"': sbuf_str(b, "&quot;"); pos++; continue;
		case '\'': sbuf_str(b, "&#39;"); pos++; continue;
		case '\t': sbuf_char(b, '\t'); pos++; continue;
		case '\n': sbuf_char(b, '\n'); pos++; continue;
		default: break;
		}
		if ((unsigned char)s[pos] == 0xc2) {
			/* U+0080..U+009F are C1 controls. */
			size_t q = pos;
			uint32_t cp = utext_next(s, len, &q);

			if (cp >= 0x80 && cp < 0xa0)
				sbuf_str(b, "\xEF\xBF\xBD");
			else
				sbuf_add(b, s + pos, q - pos);
			pos = q;
			continue;
		}
		sbuf_str(b, "\xEF\xBF\xBD");
		pos++;
	}
}

static void
esc_str(sbuf *b, const char *s)
{
	esc(b, s, strlen(s));
}

/* Page names of a group: one per country, one per section; and each
 * plan's language, looked up once rather than for every answer. */
typedef struct names {
	char **country;    /* [n_plans] */
	char **section;    /* [n_sections], NULL for details sections */
	const char **lang; /* [n_plans] plan_lang, may be NULL */
} names;

static bool
taken(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && strcmp(v[i], name) == 0)
			return true;
	return false;
}

/* prefix-slug.html, numbered when the slug is empty or already used. */
static char *
page_name(char **used, size_t n_used, const char *prefix, const char *text)
{
	char slug[64], name[128];

	collect_slug(text, slug, sizeof(slug));
	if (slug[0]) {
		snprintf(name, sizeof(name), "%s-%s.html", prefix, slug);
		if (!taken(used, n_used, name))
			return strdup(name);
	}
	for (unsigned long k = slug[0] ? 2 : 1;; k++) {
		if (slug[0])
			snprintf(name, sizeof(name), "%s-%s-%lu.html", prefix,
				 slug, k);
		else
			snprintf(name, sizeof(name), "%s-%lu.html", prefix, k);
		if (!taken(used, n_used, name))
			return strdup(name);
	}
}

/* The language of a plan's answers as a lang attribute value, when it
 * looks like a language tag. */
static const char *
plan_lang(const plan *p)
{
	long i = p->qn->language_item;
	const char *v;
	size_t n;

	if (i < 0 || (size_t)i >= p->qn->n_items)
		return NULL;
	v = p->answers[i].value;
	if (!v || !*v)
		return NULL;
	n = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789-");
	return n == strlen(v) && n <= 35 ? v : NULL;
}

static void
names_free(names *nm, const collect_group *g)
{
	if (nm->country)
		for (size_t i = 0; i < g->n_plans; i++)
			free(nm->country[i]);
	if (nm->section)
		for (size_t i = 0; i < g->qn->n_sections; i++)
			free(nm->section[i]);
	free(nm->country);
	free(nm->section);
	free(nm->lang);
}

static bool
names_make(names *nm, const collect_group *g)
{
	const qn *q = g->qn;

	nm->country = calloc(g->n_plans ? g->n_plans : 1, sizeof(char *));
	nm->section = calloc(q->n_sections ? q->n_sections : 1, sizeof(char *));
	nm->lang = calloc(g->n_plans ? g->n_plans : 1, sizeof(char *));
	if (!nm->country || !nm->section || !nm->lang)
		return false;
	for (size_t i = 0; i < g->n_plans; i++) {
		nm->lang[i] = plan_lang(g->plans[i]->plan);
		nm->country[i] = page_name(nm->country, i, "country",
					   g->plans[i]->country);
		if (!nm->country[i])
			return false;
	}
	for (size_t i = 0; i < q->n_sections; i++) {
		if (q->sections[i].details)
			continue;
		nm->section[i] = page_name(nm->section, i, "section",
					   q->sections[i].id);
		if (!nm->section[i])
			return false;
	}
	return true;
}

static void
page_start(sbuf *b, const collect_group *g, const names *nm,
	   const char *title, const char *current)
{
	const qn *q = g->qn;
	bool first = true;

	sbuf_str(b, "<!DOCTYPE html>\n<html lang=\"");
	esc_str(b, q->language && q->language[0] ? q->language : "en");
	sbuf_str(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, "
		    "initial-scale=1\">\n<title>");
	esc_str(b, title);
	sbuf_str(b, "</title>\n<style>");
	sbuf_str(b, css);
	sbuf_str(b, "</style>\n</head>\n<body>\n<header>\n<p>");
	esc_str(b, q->title);
	sbuf_str(b, "</p>\n<nav>");
	for (size_t i = 0; i <= q->n_sections; i++) {
		const char *href, *text;

		if (i < q->n_sections) {
			if (!nm->section[i])
				continue;
			href = nm->section[i];
			text = q->sections[i].title;
		} else {
			href = "index.html";
			text = _("Countries");
		}
		if (!first)
			sbuf_str(b, " |\n");
		first = false;
		sbuf_str(b, "<a href=\"");
		esc_str(b, href);
		sbuf_char(b, '"');
		if (current && strcmp(current, href) == 0)
			sbuf_str(b, " aria-current=\"page\"");
		sbuf_char(b, '>');
		esc_str(b, text);
		sbuf_str(b, "</a>");
	}
	sbuf_str(b, "</nav>\n</header>\n<main>\n<h1>");
	esc_str(b, title);
	sbuf_str(b, "</h1>\n");
}

static void
page_end(sbuf *b, const collect_group *g)
{
	sbuf t = SBUF_INIT;

	sbuf_str(b, "</main>\n<footer><p>");
	sbuf_printf(&t,
		    dngettext(COLLECT_DOMAIN,
			      "%s (%s, version %ld): %zu country.",
			      "%s (%s, version %ld): %zu countries.",
			      g->n_plans),
		    g->qn->title, g->qn->id, g->qn->version, g->n_plans);
	esc(b, sbuf_cstr(&t), t.len);
	if (t.failed)
		sbuf_fail(b, ENOMEM);
	sbuf_finish(&t);
	sbuf_str(b, "</p></footer>\n</body>\n</html>\n");
}

/* Ends the page begun on b: footer, a helper buffer's failure, the file.
 * Frees both buffers. */
static bool
page_finish(collect_out *o, sbuf *b, sbuf *tmp, const collect_group *g,
	    diag_list *diags)
{
	bool ok;

	page_end(b, g);
	if (tmp->failed)
		sbuf_fail(b, tmp->err);
	sbuf_finish(tmp);
	ok = collect_out_end(o, b, diags);
	sbuf_finish(b);
	return ok;
}

/* An answer's text as paragraphs: lines of a paragraph joined with <br>,
 * lines starting with "* " or "- " as list items. */
static void
text_html(sbuf *b, const char *text)
{
	size_t len = strlen(text), pos = 0;
	enum { NONE, PARA, LIST } open = NONE;

	while (pos <= len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, k = pos;
		bool bullet;

		while (k < end && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (k == end) {
			/* A list stays open across blank lines, so bullets
			 * written a blank line apart make one list. */
			if (open == PARA) {
				sbuf_str(b, "</p>\n");
				open = NONE;
			}
		} else {
			bullet = end - pos >= 2 &&
				 (text[pos] == '*' || text[pos] == '-') &&
				 text[pos + 1] == ' ';
			if (bullet) {
				if (open == PARA)
					sbuf_str(b, "</p>\n");
				if (open != LIST)
					sbuf_str(b, "<ul>\n");
				open = LIST;
				sbuf_str(b, "<li>");
				esc(b, text + pos + 2, end - pos - 2);
				sbuf_str(b, "</li>\n");
			} else {
				if (open == LIST)
					sbuf_str(b, "</ul>\n");
				if (open == PARA)
					sbuf_str(b, "<br>\n");
				else
					sbuf_str(b, "<p>");
				open = PARA;
				esc(b, text + pos, end - pos);
			}
		}
		if (!nl)
			break;
		pos = end + 1;
	}
	if (open == PARA)
		sbuf_str(b, "</p>\n");
	else if (open == LIST)
		sbuf_str(b, "</ul>\n");
}

/* One country's answer to an item, in a div carrying its language (lang,
 * from plan_lang). */
static void
answer_html(sbuf *b, const plan *p, size_t item, const char *lang,
	    sbuf *tmp)
{
	const qn_item *it = &p->qn->items[item];
	const plan_answer *a = &p->answers[item];

	if (!plan_item_shown(p, item)) {
		sbuf_str(b, "<p class=\"none\">");
		esc_str(b, _("not applicable"));
		sbuf_str(b, "</p>\n");
		return;
	}
	if (!plan_answered(p, item)) {
		sbuf_str(b, "<p class=\"none\">");
		esc_str(b, _("not answered"));
		sbuf_str(b, "</p>\n");
		return;
	}
	sbuf_str(b, "<div dir=\"auto\"");
	if (lang && it->type == QN_TEXT) {
		sbuf_str(b, " lang=\"");
		esc_str(b, lang);
		sbuf_char(b, '"');
	}
	sbuf_str(b, ">\n");
	if (it->type == QN_TEXT) {
		/* export_value would only copy it. */
		if (a->value && a->value[0])
			text_html(b, a->value);
	} else {
		sbuf_reset(tmp);
		if (export_value(tmp, NULL, p, item, false)) {
			sbuf_str(b, "<p>");
			esc(b, tmp->s, tmp->len);
			sbuf_str(b, "</p>\n");
		}
	}
	if (it->explain && a->explanation && a->explanation[0]) {
		sbuf_str(b, "<div");
		if (lang) {
			sbuf_str(b, " lang=\"");
			esc_str(b, lang);
			sbuf_char(b, '"');
		}
		sbuf_str(b, ">\n");
		text_html(b, a->explanation);
		sbuf_str(b, "</div>\n");
	}
	sbuf_str(b, "</div>\n");
}

static void
item_title(sbuf *b, const qn *q, size_t item, sbuf *tmp)
{
	sbuf_reset(tmp);
	export_item_head(tmp, NULL, q, item, true);
	esc(b, tmp->s ? tmp->s : "", tmp->len);
}

static const char *
country_name(const collect_plan *cp)
{
	return cp->country[0] ? cp->country : _("(no country)");
}

/* The title of a country's page: "Thailand", or the questionnaire's plan
 * title filled in when it names items ("Country Action Plan of Thailand
 * (January 2000)"). */
static void
plan_title(sbuf *b, const collect_plan *cp)
{
	const qn *q = cp->plan->qn;
	const char *t = q->plan_title;
	sbuf raw = SBUF_INIT;
	char *line;

	if (!t || !*t) {
		sbuf_str(b, country_name(cp));
		return;
	}
	while (*t) {
		const char *close = t[0] == '{' ? strchr(t, '}') : NULL;
		long idx = -1;

		if (close) {
			char *id = strndup(t + 1, (size_t)(close - t - 1));

			if (id == NULL)
				sbuf_fail(&raw, ENOMEM);
			idx = id ? qn_item_index(q, id) : -1;
			free(id);
		}
		if (idx < 0) {
			sbuf_char(&raw, *t++);
			continue;
		}
		/* Dates as month and year, as the text export's title. */
		export_value(&raw, NULL, cp->plan, (size_t)idx, true);
		t = close + 1;
	}
	line = collect_one_line(sbuf_cstr(&raw));
	if (line == NULL || raw.failed)
		sbuf_fail(b, ENOMEM);
	sbuf_str(b, line ? line : country_name(cp));
	free(line);
	sbuf_finish(&raw);
}

static bool
country_page(collect_out *o, const char *dir, const collect_group *g,
	     const names *nm, size_t k, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT,
		    title = SBUF_INIT;
	const collect_plan *cp = g->plans[k];
	const qn *q = g->qn;

	if (!collect_out_begin(o, dir, nm->country[k], &b, diags))
		return false;
	plan_title(&title, cp);
	page_start(&b, g, nm, sbuf_cstr(&title), NULL);
	sbuf_str(&b, "<dl>\n");
	for (size_t s = 0; s < q->n_sections; s++) {
		const qn_section *se = &q->sections[s];

		if (!se->details)
			continue;
		for (size_t i = se->first; i < se->first + se->n_items; i++) {
			if (!plan_item_shown(cp->plan, i) ||
			    !plan_answered(cp->plan, i))
				continue;
			sbuf_str(&b, "<dt>");
			esc_str(&b, q->items[i].title);
			sbuf_str(&b, "</dt><dd>");
			sbuf_reset(&tmp);
			collect_answer_plain(&tmp, cp->plan, i);
			esc(&b, tmp.s ? tmp.s : "", tmp.len);
			sbuf_str(&b, "</dd>\n");
		}
	}
	sbuf_str(&b, "<dt>");
	esc_str(&b, _("Revision"));
	sbuf_printf(&b, "</dt><dd>%lu</dd>\n<dt>", cp->plan->revision);
	esc_str(&b, _("Modified"));
	sbuf_str(&b, "</dt><dd>");
	esc_str(&b, cp->plan->modified);
	sbuf_str(&b, "</dd>\n</dl>\n");
	for (size_t s = 0; s < q->n_sections; s++) {
		const qn_section *se = &q->sections[s];

		if (se->details)
			continue;
		sbuf_str(&b, "<section>\n<h2><a href=\"");
		esc_str(&b, nm->section[s]);
		sbuf_str(&b, "\">");
		esc_str(&b, se->title);
		sbuf_str(&b, "</a></h2>\n");
		for (size_t i = se->first; i < se->first + se->n_items; i++) {
			sbuf_str(&b, "<h3 id=\"");
			esc_str(&b, q->items[i].id);
			sbuf_str(&b, "\">");
			item_title(&b, q, i, &tmp);
			sbuf_str(&b, "</h3>\n");
			answer_html(&b, cp->plan, i, nm->lang[k], &tmp);
		}
		sbuf_str(&b, "</section>\n");
	}
	if (title.failed)
		sbuf_fail(&b, title.err);
	sbuf_finish(&title);
	return page_finish(o, &b, &tmp, g, diags);
}

static bool
section_page(collect_out *o, const char *dir, const collect_group *g,
	     const names *nm, size_t s, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	const qn *q = g->qn;
	const qn_section *se = &q->sections[s];

	if (!collect_out_begin(o, dir, nm->section[s], &b, diags))
		return false;
	page_start(&b, g, nm, se->title, nm->section[s]);
	for (size_t i = se->first; i < se->first + se->n_items; i++) {
		sbuf_str(&b, "<section>\n<h2 id=\"");
		esc_str(&b, q->items[i].id);
		sbuf_str(&b, "\">");
		item_title(&b, q, i, &tmp);
		sbuf_str(&b, "</h2>\n");
		for (size_t k = 0; k < g->n_plans; k++) {
			sbuf_str(&b, "<h3><a href=\"");
			esc_str(&b, nm->country[k]);
			sbuf_char(&b, '#');
			esc_str(&b, q->items[i].id);
			sbuf_str(&b, "\">");
			esc_str(&b, country_name(g->plans[k]));
			sbuf_str(&b, "</a></h3>\n");
			answer_html(&b, g->plans[k]->plan, i, nm->lang[k],
				    &tmp);
		}
		sbuf_str(&b, "</section>\n");
	}
	return page_finish(o, &b, &tmp, g, diags);
}

static bool
index_page(collect_out *o, const char *dir, const collect_group *g,
	   const names *nm, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	const qn *q = g->qn;

	if (!collect_out_begin(o, dir, "index.html", &b, diags))
		return false;
	page_start(&b, g, nm, _("Countries"), "index.html");
	sbuf_str(&b, "<ul>\n");
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];

		sbuf_str(&b, "<li><a href=\"");
		esc_str(&b, nm->country[k]);
		sbuf_str(&b, "\">");
		esc_str(&b, country_name(cp));
		sbuf_str(&b, "</a> ");
		sbuf_reset(&tmp);
		sbuf_printf(&tmp, _("(revision %lu, %s)"), cp->plan->revision,
			    cp->plan->modified);
		esc(&b, tmp.s ? tmp.s : "", tmp.len);
		sbuf_str(&b, "</li>\n");
	}
	sbuf_str(&b, "</ul>\n<h2>");
	esc_str(&b, _("Sections"));
	sbuf_str(&b, "</h2>\n<ul>\n");
	for (size_t s = 0; s < q->n_sections; s++) {
		if (!nm->section[s])
			continue;
		sbuf_str(&b, "<li><a href=\"");
		esc_str(&b, nm->section[s]);
		sbuf_str(&b, "\">");
		esc_str(&b, q->sections[s].title);
		sbuf_str(&b, "</a></li>\n");
	}
	sbuf_str(&b, "</ul>\n");
	return page_finish(o, &b, &tmp, g, diags);
}

struct collect_site {
	char *dir; /* DIR/site */
	const collect_group *g;
	names nm;
};

void
collect_site_destroy(collect_site *site)
{
	if (site == NULL)
		return;
	names_free(&site->nm, site->g);
	free(site->dir);
	free(site);
}

collect_site *
collect_site_create(const char *site_dir, const collect_group *g)
{
	collect_site *site = calloc(1, sizeof(*site));

	if (site == NULL)
		return NULL;
	site->g = g;
	site->dir = strdup(site_dir);
	if (site->dir == NULL || !names_make(&site->nm, g)) {
		collect_site_destroy(site);
		return NULL;
	}
	return site;
}

bool
collect_site_index(collect_out *o, const collect_site *site,
		   diag_list *diags)
{
	return index_page(o, site->dir, site->g, &site->nm, diags);
}

bool
collect_site_section(collect_out *o, const collect_site *site, size_t s,
		     diag_list *diags)
{
	if (!site->nm.section[s])
		return true;
	return section_page(o, site->dir, site->g, &site->nm, s, diags);
}

bool
collect_site_countries(collect_out *o, const collect_site *site,
		       size_t from, size_t to, diag_list *diags)
{
	for (size_t k = from; k < to && k < site->g->n_plans; k++)
		if (!country_page(o, site->dir, site->g, &site->nm, k, diags))
			return false;
	return true;
}
