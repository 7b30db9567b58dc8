/* The site's page per country: its plan's details, then each section's
 * items with the country's answers, each heading linking to the item's
 * page where the other countries' answers stand beside it. */
#include "site.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The title of a country's page: "Thailand", or the questionnaire's plan
 * title filled in when it names items ("Country Action Plan of Thailand
 * (January 2000)"), in the site's language. */
static void
plan_title(sbuf *b, const site *st, size_t k)
{
	const collect_plan *cp = st->v->g->plans[k];
	const qn *q = st->q;
	const char *t = q->plan_title ? i18n_cat_qn(st->lg->cat, q,
						    I18N_QN_PLAN_TITLE, 0, 0)
				      : NULL;
	sbuf raw = SBUF_INIT;
	char *line;

	if (!t || !*t) {
		sbuf_str(b, collect_country_name(st->lg, cp));
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
		export_value(&raw, st->lg->cat, cp->plan, (size_t)idx, true);
		t = close + 1;
	}
	line = collect_one_line(sbuf_cstr(&raw));
	if (line == NULL || raw.failed)
		sbuf_fail(b, ENOMEM);
	sbuf_str(b, line ? line : collect_country_name(st->lg, cp));
	free(line);
	sbuf_free(&raw);
}

/* A term and its value; an answer (someone's text) with its own
 * direction. */
static void
detail(sbuf *b, const char *term, const char *value, size_t len,
       bool answer)
{
	sbuf_str(b, "<dt>");
	collect_html_str(b, term);
	sbuf_str(b, answer ? "</dt><dd dir=\"auto\">" : "</dt><dd>");
	collect_html_esc(b, value, len);
	sbuf_str(b, "</dd>\n");
}

bool
site_country_page(collect_out *o, const site *st, size_t k,
		  diag_list *diags)
{
	const collect_gview *v = st->v;
	const collect_plan *cp = v->g->plans[k];
	const qn *q = st->q;
	sbuf b = SBUF_INIT, tmp = SBUF_INIT, title = SBUF_INIT;
	char name[96];

	snprintf(name, sizeof(name), "country-%s.html", v->slug[k]);
	if (!collect_out_begin(o, v->site_dir, name, &b, diags))
		return false;
	plan_title(&title, st, k);
	site_page_start(&b, st, sbuf_cstr(&title), NULL);
	if (title.failed)
		sbuf_fail(&b, title.err);
	sbuf_free(&title);
	sbuf_str(&b, "<dl>\n");
	for (size_t s = 0; s < q->n_sections; s++) {
		const qn_section *se = &q->sections[s];

		if (!se->details)
			continue;
		for (size_t i = se->first; i < se->first + se->n_items; i++) {
			if (collect_state(v, k, i) != COLLECT_ANSWERED)
				continue;
			sbuf_reset(&tmp);
			collect_answer_plain(&tmp, st->lg->cat, cp->plan, i);
			detail(&b, i18n_cat_qn(st->lg->cat, q, I18N_ITEM_TITLE,
					       i, 0),
			       sbuf_cstr(&tmp), tmp.len, true);
		}
	}
	sbuf_reset(&tmp);
	sbuf_printf(&tmp, "%lu", cp->plan->revision);
	detail(&b, collect_tr(st->lg, N_("Revision")), sbuf_cstr(&tmp),
	       tmp.len, false);
	sbuf_reset(&tmp);
	collect_date(&tmp, st->lg, cp->plan->modified, false);
	detail(&b, collect_tr(st->lg, N_("Modified")), sbuf_cstr(&tmp),
	       tmp.len, false);
	sbuf_reset(&tmp);
	sbuf_str(&tmp, collect_sig_text(st->lg, cp->sig.status));
	if (cp->sig.key_id[0])
		sbuf_printf(&tmp, collect_tr(st->lg, N_(", key %s")),
			    cp->sig.key_id);
	detail(&b, collect_tr(st->lg, N_("Signature")), sbuf_cstr(&tmp),
	       tmp.len, false);
	detail(&b, "SHA-256", cp->sig.sha256, strlen(cp->sig.sha256), false);
	sbuf_str(&b, "</dl>\n");
	for (size_t s = 0; s < q->n_sections; s++) {
		const qn_section *se = &q->sections[s];

		if (se->details)
			continue;
		sbuf_printf(&b, "<section>\n<h2><a href=\"%s.html\">",
			    st->section[s]);
		collect_html_str(&b, i18n_cat_qn(st->lg->cat, q,
						 I18N_SECTION_TITLE, s, 0));
		sbuf_str(&b, "</a></h2>\n");
		for (size_t i = se->first; i < se->first + se->n_items; i++) {
			sbuf_str(&b, "<h3 id=\"");
			collect_html_str(&b, q->items[i].id);
			sbuf_str(&b, "\"><a href=\"");
			site_item_href(&b, st, i, v->part[k * q->n_items + i]);
			sbuf_char(&b, '#');
			sbuf_str(&b, v->slug[k]);
			sbuf_str(&b, "\">");
			site_item_title(&b, st, i, &tmp);
			sbuf_str(&b, "</a></h3>\n");
			site_answer(&b, st, k, i, &tmp);
		}
		sbuf_str(&b, "</section>\n");
	}
	return site_page_end(o, &b, &tmp, st, diags);
}
