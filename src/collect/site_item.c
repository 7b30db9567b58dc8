/* The site's page per item: the question and its guidance, the previous
 * and next item, the totals of a yes/no or choice item with plain CSS
 * bars and who answered what, then every country's answer side by side
 * (a block each, in the order of the plans), cut into parts when the
 * answers are many. Also how an answer is shown, everywhere on the
 * site. */
#include "site.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itype.h"

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
				collect_html_esc(b, text + pos + 2,
						 end - pos - 2);
				sbuf_str(b, "</li>\n");
			} else {
				if (open == LIST)
					sbuf_str(b, "</ul>\n");
				if (open == PARA)
					sbuf_str(b, "<br>\n");
				else
					sbuf_str(b, "<p>");
				open = PARA;
				collect_html_esc(b, text + pos, end - pos);
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

static void
lang_attr(sbuf *b, const char *lang)
{
	if (!lang)
		return;
	sbuf_str(b, " lang=\"");
	collect_html_str(b, lang);
	sbuf_char(b, '"');
}

void
site_answer(sbuf *b, const site *st, size_t k, size_t item, sbuf *tmp)
{
	const plan *p = st->v->g->plans[k]->plan;
	const qn_item *it = &st->q->items[item];
	const plan_answer *a = &p->answers[item];
	unsigned state = collect_state(st->v, k, item);
	const char *lang = st->v->lang[k];

	if (state != COLLECT_ANSWERED) {
		sbuf_str(b, "<p class=\"none\">");
		collect_html_str(b, site_state_word(st, state));
		if (a->na_reason) {
			/* Marked so by the official, with the reason in the
			 * country's words. */
			sbuf_str(b, ": <span dir=\"auto\"");
			lang_attr(b, lang);
			sbuf_str(b, ">");
			collect_html_str(b, a->na_reason);
			sbuf_str(b, "</span>");
		}
		sbuf_str(b, "</p>\n");
		return;
	}
	if (!itype_of(it)->format && !itype_is_many(it)) {
		/* The country's own words, in its language. */
		sbuf_str(b, "<div dir=\"auto\"");
		lang_attr(b, lang);
		sbuf_str(b, ">\n");
		if (a->value && a->value[0])
			text_html(b, a->value);
		sbuf_str(b, "</div>\n");
	} else {
		/* Yes, no, choices and dates: the site's words. */
		sbuf_reset(tmp);
		if (export_value(tmp, st->lg->cat, p, item, false)) {
			sbuf_str(b, "<p><strong>");
			collect_html_esc(b, tmp->s, tmp->len);
			sbuf_str(b, "</strong></p>\n");
		}
	}
	if (it->explain && a->explanation && a->explanation[0]) {
		sbuf_str(b, "<div dir=\"auto\"");
		lang_attr(b, lang);
		sbuf_str(b, ">\n");
		text_html(b, a->explanation);
		sbuf_str(b, "</div>\n");
	}
}

/* Most options an item's totals list: a questionnaire's yes/no and
 * choices, not a type whose options are a long list of its own (the
 * countries of ISO 3166-1). */
#define TALLY_MAX_OPTIONS 64

/* The options an item's totals count (its type's: yes and no, or its
 * choices); false for types without options. */
static bool
choices(const site *st, size_t item, size_t *n)
{
	const itype *ty = itype_of(&st->q->items[item]);

	*n = ty->n_options ? ty->n_options(&st->q->items[item]) : 0;
	return *n > 0 && *n <= TALLY_MAX_OPTIONS;
}

/* Option c's words in the site's language, escaped: the words an answer
 * of that one option shows. */
static void
choice_word(sbuf *b, const site *st, size_t item, size_t c, sbuf *tmp)
{
	const qn_item *it = &st->q->items[item];
	const itype *ty = itype_of(it);
	const char *id = ty->option_id(it, c);
	plan_answer one = {0};

	one.value = (char *)id;
	one.values = (char **)&id;
	one.n_values = 1;
	sbuf_reset(tmp);
	if (ty->format)
		ty->format(tmp, st->lg->cat, st->q, item, &one, false);
	else
		sbuf_str(tmp, id);
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
}

static bool
chose(const site *st, size_t k, size_t item, size_t c)
{
	const qn_item *it = &st->q->items[item];
	const plan_answer *a = &st->v->g->plans[k]->plan->answers[item];
	const char *id = itype_of(it)->option_id(it, c);

	if (collect_state(st->v, k, item) != COLLECT_ANSWERED)
		return false;
	if (!itype_is_many(it))
		return a->value && strcmp(a->value, id) == 0;
	for (size_t i = 0; i < a->n_values; i++)
		if (strcmp(a->values[i], id) == 0)
			return true;
	return false;
}

void
site_tally(sbuf *b, const site *st, size_t item, bool who, sbuf *tmp)
{
	const collect_gview *v = st->v;
	size_t n_choices, answered = 0;

	if (!choices(st, item, &n_choices))
		return;
	for (size_t k = 0; k < v->g->n_plans; k++)
		answered += collect_state(v, k, item) == COLLECT_ANSWERED;
	sbuf_str(b, "<table class=\"tally\">\n");
	for (size_t c = 0; c < n_choices; c++) {
		size_t count = 0;
		bool first = true;

		for (size_t k = 0; k < v->g->n_plans; k++)
			count += chose(st, k, item, c);
		sbuf_str(b, "<tr><th>");
		choice_word(b, st, item, c, tmp);
		sbuf_printf(b, "</th><td>%zu</td><td>", count);
		site_bar(b, count, answered);
		sbuf_str(b, "</td>");
		if (who) {
			sbuf_str(b, "<td>");
			for (size_t k = 0; k < v->g->n_plans; k++) {
				if (!chose(st, k, item, c))
					continue;
				if (!first)
					sbuf_str(b, ", ");
				first = false;
				sbuf_str(b, "<a href=\"");
				site_item_href(b, st, item,
					       v->part[k * st->q->n_items + item]);
				sbuf_char(b, '#');
				sbuf_str(b, v->slug[k]);
				sbuf_str(b, "\">");
				site_country(b, st, k);
				sbuf_str(b, "</a>");
			}
			sbuf_str(b, "</td>");
		}
		sbuf_str(b, "</tr>\n");
	}
	sbuf_str(b, "</table>\n");
}

/* The item before (step -1) or after (+1) item on the site, or -1. */
static long
neighbour(const site *st, size_t item, int step)
{
	long i = (long)item + step;

	while (i >= 0 && (size_t)i < st->q->n_items && !st->item[i])
		i += step;
	return i >= 0 && (size_t)i < st->q->n_items ? i : -1;
}

static void
pager(sbuf *b, const site *st, size_t item, sbuf *tmp)
{
	long prev = neighbour(st, item, -1), next = neighbour(st, item, 1);
	size_t sec = st->q->items[item].section;

	sbuf_str(b, "<nav class=\"pager\">");
	if (prev >= 0) {
		sbuf_str(b, "<a rel=\"prev\" href=\"");
		site_item_href(b, st, (size_t)prev, 0);
		sbuf_str(b, "\">\xe2\x86\x90 ");
		sbuf_reset(tmp);
		collect_item_label(tmp, st->lg, st->q, (size_t)prev);
		collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
		sbuf_str(b, "</a>");
	} else {
		sbuf_str(b, "<span></span>");
	}
	sbuf_printf(b, "<a href=\"%s.html\">", st->section[sec]);
	collect_html_str(b, i18n_cat_qn(st->lg->cat, st->q, I18N_SECTION_TITLE,
					sec, 0));
	sbuf_str(b, "</a>");
	if (next >= 0) {
		sbuf_str(b, "<a rel=\"next\" href=\"");
		site_item_href(b, st, (size_t)next, 0);
		sbuf_str(b, "\">");
		sbuf_reset(tmp);
		collect_item_label(tmp, st->lg, st->q, (size_t)next);
		collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
		sbuf_str(b, " \xe2\x86\x92</a>");
	} else {
		sbuf_str(b, "<span></span>");
	}
	sbuf_str(b, "</nav>\n");
}

/* "Part 2 of 3: 1 2 3", linked, when an item's answers take several
 * pages. */
static void
parts(sbuf *b, const site *st, size_t item, size_t part, sbuf *tmp)
{
	size_t n = st->v->n_parts[item];

	if (n < 2)
		return;
	sbuf_reset(tmp);
	sbuf_printf(tmp, collect_tr(st->lg, N_("Part %zu of %zu:")),
		       part + 1, n);
	sbuf_str(b, "<p>");
	collect_html_esc(b, sbuf_cstr(tmp), tmp->len);
	for (size_t p = 0; p < n; p++) {
		if (p == part) {
			sbuf_printf(b, " <strong>%zu</strong>", p + 1);
			continue;
		}
		sbuf_str(b, " <a href=\"");
		site_item_href(b, st, item, p);
		sbuf_printf(b, "\">%zu</a>", p + 1);
	}
	sbuf_str(b, "</p>\n");
}

bool
site_item_page(collect_out *o, const site *st, size_t item, size_t part,
	       diag_list *diags)
{
	const collect_gview *v = st->v;
	const qn *q = st->q;
	const char *guidance =
		i18n_cat_qn(st->lg->cat, q, I18N_ITEM_GUIDANCE, item, 0);
	sbuf b = SBUF_INIT, tmp = SBUF_INIT, name = SBUF_INIT,
	     title = SBUF_INIT;

	site_item_href(&name, st, item, part);
	if (name.failed ||
	    !collect_out_begin(o, v->site_dir, sbuf_cstr(&name), &b, diags)) {
		sbuf_free(&name);
		return false;
	}
	export_item_head(&title, st->lg->cat, q, item, true);
	site_page_start(&b, st, sbuf_cstr(&title), sbuf_cstr(&name));
	sbuf_free(&name);
	if (title.failed)
		sbuf_fail(&b, title.err);
	sbuf_free(&title);
	pager(&b, st, item, &tmp);
	if (guidance && guidance[0]) {
		sbuf_str(&b, "<div class=\"guide\">\n");
		text_html(&b, guidance);
		sbuf_str(&b, "</div>\n");
	}
	/* Who answered what once, on the first part: the others have
	 * the counts. */
	site_tally(&b, st, item, part == 0, &tmp);
	parts(&b, st, item, part, &tmp);
	sbuf_str(&b, "<div class=\"answers\">\n");
	for (size_t k = 0; k < v->g->n_plans; k++) {
		if (v->part[k * q->n_items + item] != part)
			continue;
		/* Not sbuf_printf: a block per country and item. */
		sbuf_str(&b, "<section class=\"answer\" id=\"");
		sbuf_str(&b, v->slug[k]);
		sbuf_str(&b, "\">\n<h3><a href=\"country-");
		sbuf_str(&b, v->slug[k]);
		sbuf_str(&b, ".html#");
		collect_html_str(&b, q->items[item].id);
		sbuf_str(&b, "\">");
		site_country(&b, st, k);
		sbuf_str(&b, "</a></h3>\n");
		site_answer(&b, st, k, item, &tmp);
		sbuf_str(&b, "</section>\n");
	}
	sbuf_str(&b, "</div>\n");
	parts(&b, st, item, part, &tmp);
	return site_page_end(o, &b, &tmp, st, diags);
}
