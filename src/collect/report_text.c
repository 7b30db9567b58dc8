/* report.txt: for each section and item, every country's answer one after
 * the other, wrapped like the text export; then a completeness table and
 * the resubmissions that were replaced. */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utext.h"
#include "validate.h"

/* Widest country column of the completeness table; longer names are cut. */
#define COUNTRY_COLUMN_MAX 32

static void
rule(sbuf *b, char c)
{
	char line[COLLECT_WIDTH + 1];

	memset(line, c, COLLECT_WIDTH);
	line[COLLECT_WIDTH] = '\n';
	sbuf_add(b, line, sizeof(line));
}

/* A heading between two rules of '='. */
static void
banner(export_layout *l, const char *text)
{
	sbuf_char(l->out, '\n');
	rule(l->out, '=');
	collect_paragraphs(l, text);
	rule(l->out, '=');
	sbuf_char(l->out, '\n');
}

static const char *
country_name(const collect_plan *p)
{
	return p->country[0] ? p->country : _("(no country)");
}

/* Appends s padded with spaces to width columns (display width), cut at a
 * cluster boundary with "..." when wider. */
static void
cell(sbuf *b, const char *s, size_t width, bool right)
{
	size_t len = strlen(s), w = utext_width(s, len, utext_width_default);

	if (w > width) {
		size_t pos = 0, col = 0, end;

		while (pos < len) {
			end = utext_cluster_end(s, len, pos);
			col += (size_t)utext_cluster_width(s, pos, end,
							   utext_width_default);
			if (col + 3 > width)
				break;
			pos = end;
		}
		len = pos;
		w = utext_width(s, len, utext_width_default);
		sbuf_add(b, s, len);
		sbuf_str(b, "...");
		w += 3;
		for (; w < width; w++)
			sbuf_char(b, ' ');
		return;
	}
	if (right)
		for (size_t i = w; i < width; i++)
			sbuf_char(b, ' ');
	sbuf_add(b, s, len);
	if (!right)
		for (size_t i = w; i < width; i++)
			sbuf_char(b, ' ');
}

static size_t
max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

static size_t
dwidth(const char *s)
{
	return utext_width(s, strlen(s), utext_width_default);
}

/* Each country's answer to one item. */
static void
item_block(export_layout *l, const collect_group *g, size_t item, sbuf *tmp)
{
	const qn_item *it = &g->qn->items[item];
	bool numbered = it->number && it->number[0];
	sbuf *b = l->out;

	sbuf_reset(tmp);
	export_item_head(tmp, NULL, g->qn, item, numbered);
	if (numbered) {
		collect_paragraphs(l, sbuf_cstr(tmp));
	} else {
		char *label = collect_one_line(sbuf_cstr(tmp));

		collect_paragraphs(l, label ? label : it->title);
		free(label);
	}
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];

		sbuf_str(b, "\n-- ");
		sbuf_str(b, country_name(cp));
		sbuf_str(b, " --\n");
		if (!plan_item_shown(cp->plan, item)) {
			sbuf_str(b, _("(not applicable)"));
			sbuf_char(b, '\n');
			continue;
		}
		if (!plan_answered(cp->plan, item)) {
			sbuf_str(b, _("(not answered)"));
			sbuf_char(b, '\n');
			continue;
		}
		collect_answer_paragraphs(l, cp->plan, item);
	}
}

typedef struct tally {
	size_t req_answered, required, opt_answered, optional, chars;
} tally;

static void
count(const plan *p, tally *t)
{
	memset(t, 0, sizeof(*t));
	validate_progress(p, &t->req_answered, &t->required);
	for (size_t i = 0; i < p->qn->n_items; i++) {
		if (!plan_item_shown(p, i))
			continue;
		if (plan_answered(p, i))
			t->chars += collect_answer_chars(p, i);
		if (p->qn->items[i].required)
			continue;
		t->optional++;
		if (plan_answered(p, i))
			t->opt_answered++;
	}
}

static void
completeness(export_layout *l, const collect_group *g)
{
	sbuf *b = l->out;
	const char *h_country = _("Country"), *h_rev = _("Revision"),
		   *h_req = _("Required"), *h_opt = _("Optional"),
		   *h_chars = _("Characters");
	size_t wc = dwidth(h_country), wr = dwidth(h_rev), wq = dwidth(h_req),
	       wo = dwidth(h_opt), wn = dwidth(h_chars);
	char num[4][64];
	tally *t = malloc((g->n_plans ? g->n_plans : 1) * sizeof(*t));

	if (t == NULL) {
		sbuf_fail(b, ENOMEM);
		return;
	}
	banner(l, _("COMPLETENESS"));
	collect_paragraphs(l, _("Required and optional questions answered "
				"(of those that apply), and the length of "
				"all answers in characters."));
	sbuf_char(b, '\n');
	/* Counted once; the widths of the numbers make the columns line up
	 * whatever the header words are in the reader's language. */
	for (size_t k = 0; k < g->n_plans; k++) {
		count(g->plans[k]->plan, &t[k]);
		wc = max_size(wc, dwidth(country_name(g->plans[k])));
		snprintf(num[0], sizeof(num[0]), "%lu",
			 g->plans[k]->plan->revision);
		snprintf(num[1], sizeof(num[1]), "%zu/%zu", t[k].req_answered,
			 t[k].required);
		snprintf(num[2], sizeof(num[2]), "%zu/%zu", t[k].opt_answered,
			 t[k].optional);
		snprintf(num[3], sizeof(num[3]), "%zu", t[k].chars);
		wr = max_size(wr, strlen(num[0]));
		wq = max_size(wq, strlen(num[1]));
		wo = max_size(wo, strlen(num[2]));
		wn = max_size(wn, strlen(num[3]));
	}
	if (wc > COUNTRY_COLUMN_MAX)
		wc = COUNTRY_COLUMN_MAX;
	cell(b, h_country, wc, false);
	sbuf_str(b, "  ");
	cell(b, h_rev, wr, true);
	sbuf_str(b, "  ");
	cell(b, h_req, wq, true);
	sbuf_str(b, "  ");
	cell(b, h_opt, wo, true);
	sbuf_str(b, "  ");
	cell(b, h_chars, wn, true);
	sbuf_char(b, '\n');
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];

		cell(b, country_name(cp), wc, false);
		sbuf_str(b, "  ");
		snprintf(num[0], sizeof(num[0]), "%lu", cp->plan->revision);
		cell(b, num[0], wr, true);
		sbuf_str(b, "  ");
		snprintf(num[1], sizeof(num[1]), "%zu/%zu", t[k].req_answered,
			 t[k].required);
		cell(b, num[1], wq, true);
		sbuf_str(b, "  ");
		snprintf(num[2], sizeof(num[2]), "%zu/%zu", t[k].opt_answered,
			 t[k].optional);
		cell(b, num[2], wo, true);
		sbuf_str(b, "  ");
		snprintf(num[3], sizeof(num[3]), "%zu", t[k].chars);
		cell(b, num[3], wn, true);
		sbuf_char(b, '\n');
	}
	free(t);
}

static void
resubmissions(export_layout *l, const collect_group *g, sbuf *tmp)
{
	sbuf *b = l->out;
	bool any = false;

	for (size_t k = 0; k < g->n_plans && !any; k++)
		any = g->plans[k]->n_replaced > 0;
	if (!any)
		return;
	banner(l, _("RESUBMISSIONS"));
	collect_paragraphs(l, _("The latest submission of each country is "
				"reported: the highest revision, then the "
				"latest modification."));
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];
		char *shown;

		if (cp->n_replaced == 0)
			continue;
		sbuf_char(b, '\n');
		sbuf_str(b, country_name(cp));
		sbuf_char(b, '\n');
		shown = collect_show_dup(cp->path);
		sbuf_reset(tmp);
		sbuf_printf(tmp, _("* kept %s (revision %lu, %s)"),
			    shown ? shown : "?", cp->plan->revision,
			    cp->plan->modified);
		free(shown);
		collect_paragraphs(l, sbuf_cstr(tmp));
		for (size_t i = 0; i < cp->n_replaced; i++) {
			const collect_replaced *r = &cp->replaced[i];

			shown = collect_show_dup(r->path);
			sbuf_reset(tmp);
			sbuf_printf(tmp, _("* replaced %s (revision %lu, %s)"),
				    shown ? shown : "?", r->revision,
				    r->modified);
			free(shown);
			collect_paragraphs(l, sbuf_cstr(tmp));
		}
	}
}

bool
collect_write_report(collect_out *o, const char *dir, const collect_group *g,
		     const collect_set *s, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	export_layout l;
	const qn *q = g->qn;
	bool ok;

	if (!collect_out_begin(o, dir, "report.txt", &b, diags))
		return false;
	export_layout_init(&l, &b, COLLECT_WIDTH);
	sbuf_printf(&tmp, _("%s (%s, version %ld): comparative report"),
		    q->title, q->id, q->version);
	collect_paragraphs(&l, sbuf_cstr(&tmp));
	sbuf_char(&b, '\n');
	sbuf_reset(&tmp);
	sbuf_printf(&tmp,
		    dngettext(COLLECT_DOMAIN, "%zu country: ",
			      "%zu countries: ", g->n_plans),
		    g->n_plans);
	for (size_t k = 0; k < g->n_plans; k++)
		sbuf_printf(&tmp, "%s%s", k ? ", " : "",
			    country_name(g->plans[k]));
	sbuf_char(&tmp, '.');
	collect_paragraphs(&l, sbuf_cstr(&tmp));
	if (g == collect_group_at(s, 0)) {
		for (size_t i = 1; i < collect_n_groups(s); i++) {
			const collect_group *other = collect_group_at(s, i);

			sbuf_reset(&tmp);
			sbuf_char(&b, '\n');
			sbuf_printf(&tmp,
				    _("Plans of %s version %ld are reported "
				      "apart, in %s/."),
				    other->qn->id, other->qn->version,
				    other->subdir);
			collect_paragraphs(&l, sbuf_cstr(&tmp));
		}
		if (collect_n_rejected(s) > 0) {
			sbuf_char(&b, '\n');
			sbuf_reset(&tmp);
			sbuf_printf(&tmp,
				    dngettext(COLLECT_DOMAIN,
					      "%zu file was not taken: see "
					      "rejected.txt.",
					      "%zu files were not taken: see "
					      "rejected.txt.",
					      collect_n_rejected(s)),
				    collect_n_rejected(s));
			collect_paragraphs(&l, sbuf_cstr(&tmp));
		}
	}
	for (size_t sec = 0; sec < q->n_sections; sec++) {
		const qn_section *se = &q->sections[sec];
		char *title = NULL;

		if (se->heading && se->heading[0]) {
			banner(&l, se->heading);
		} else {
			/* No printed heading (plan details): the title. */
			title = collect_one_line(se->title);
			banner(&l, title ? title : se->id);
			free(title);
		}
		for (size_t i = se->first; i < se->first + se->n_items; i++) {
			if (i > se->first) {
				sbuf_char(&b, '\n');
				rule(&b, '-');
				sbuf_char(&b, '\n');
			}
			item_block(&l, g, i, &tmp);
		}
	}
	completeness(&l, g);
	resubmissions(&l, g, &tmp);
	if (tmp.failed)
		sbuf_fail(&b, tmp.err);
	sbuf_finish(&tmp);
	export_layout_finish(&l);
	ok = collect_out_end(o, &b, diags);
	sbuf_finish(&b);
	return ok;
}
