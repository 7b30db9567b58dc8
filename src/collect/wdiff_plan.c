/* Two plans of one questionnaire compared item by item with the word diff:
 * the walk over the items, and `actionplan diff`'s reports built on it, as
 * text and as an HTML page. */
#include "wdiff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collect_int.h"
#include "itype.h"

static bool
str_eq(const char *a, const char *b)
{
	if (!a || !*a)
		return !b || !*b;
	return b && strcmp(a, b) == 0;
}

static bool
answers_equal(const plan_answer *a, const plan_answer *b)
{
	if (!str_eq(a->value, b->value) ||
	    !str_eq(a->explanation, b->explanation) ||
	    !str_eq(a->na_reason, b->na_reason) ||
	    a->n_values != b->n_values)
		return false;
	for (size_t i = 0; i < a->n_values; i++)
		if (strcmp(a->values[i], b->values[i]) != 0)
			return false;
	return true;
}

/* The answer as text for the diff, with nothing in it that could reach a
 * terminal as a control sequence. */
static void
answer_text(sbuf *out, sbuf *raw, const i18n_cat *cat, const plan *p,
	    size_t item)
{
	sbuf_reset(out);
	sbuf_reset(raw);
	collect_answer_plain(raw, cat, p, item);
	export_sanitize(out, sbuf_cstr(raw), raw->len, false);
	if (raw->failed)
		sbuf_fail(out, raw->err);
}

bool
wdiff_plan_items(const plan *old_plan, const plan *new_plan,
		 const i18n_cat *cat, wdiff_item_fn fn, void *ctx,
		 wdiff_counts *counts, diag_list *diags)
{
	const qn *qa = old_plan->qn, *qb = new_plan->qn;
	sbuf ta = SBUF_INIT, tb = SBUF_INIT, raw = SBUF_INIT;
	wdiff_counts c = {0, 0, 0};
	bool ok = true;

	if (strcmp(qa->id, qb->id) != 0 || qa->version != qb->version ||
	    qa->n_items != qb->n_items)
		return false;
	for (size_t i = 0; i < qa->n_items && ok; i++) {
		bool has_a = plan_answered(old_plan, i);
		bool has_b = plan_answered(new_plan, i);
		wdiff_what what;

		if (!has_a && !has_b)
			continue;
		if (has_a && has_b &&
		    answers_equal(&old_plan->answers[i], &new_plan->answers[i]))
			continue;
		if (!has_a) {
			what = WDIFF_ADDED;
			c.added++;
		} else if (!has_b) {
			what = WDIFF_REMOVED;
			c.removed++;
		} else {
			what = WDIFF_CHANGED;
			c.changed++;
		}
		answer_text(&ta, &raw, cat, old_plan, i);
		answer_text(&tb, &raw, cat, new_plan, i);
		if (ta.failed || tb.failed) {
			if (diags)
				diag_add_errno(diags, NULL, ENOMEM, "%s",
					       "actionplan");
			ok = false;
			break;
		}
		ok = fn(ctx, i, what, sbuf_cstr(&ta), sbuf_cstr(&tb));
	}
	sbuf_free(&raw);
	sbuf_free(&ta);
	sbuf_free(&tb);
	if (counts)
		*counts = c;
	return ok;
}

static const char *
what_word(wdiff_what what)
{
	return what == WDIFF_ADDED     ? _("added")
	       : what == WDIFF_REMOVED ? _("removed")
				       : _("changed");
}

/* A report in the making: where it goes, in which words. */
typedef struct report {
	sbuf *out;
	const collect_lang *lg;
	const plan *old_plan;
	const char *lang; /* of the answers, for HTML; may be NULL */
	bool html;
} report;

static bool
diff_into(sbuf *out, const char *a, const char *b, bool html)
{
	wdiff d;

	if (!wdiff_compute(&d, a, strlen(a), b, strlen(b))) {
		sbuf_fail(out, ENOMEM);
		return false;
	}
	if (html)
		wdiff_write_html(out, &d, true);
	else
		wdiff_write_text(out, &d, true);
	wdiff_free(&d);
	return !out->failed;
}

static bool
report_item(void *ctx, size_t item, wdiff_what what, const char *old_text,
	    const char *new_text)
{
	report *r = ctx;
	const qn *q = r->old_plan->qn;
	sbuf *out = r->out;

	if (!r->html) {
		sbuf_char(out, '\n');
		collect_item_label(out, r->lg, q, item);
		sbuf_printf(out, " (%s): %s\n", q->items[item].id,
			    what_word(what));
		if (!diff_into(out, old_text, new_text, false))
			return false;
		sbuf_char(out, '\n');
		return true;
	}
	sbuf_str(out, "<section>\n<h2>");
	{
		sbuf label = SBUF_INIT;

		collect_item_label(&label, r->lg, q, item);
		sbuf_printf(&label, " (%s): %s", q->items[item].id,
			    what_word(what));
		collect_html_esc(out, sbuf_cstr(&label), label.len);
		if (label.failed)
			sbuf_fail(out, label.err);
		sbuf_free(&label);
	}
	sbuf_str(out, "</h2>\n<div class=\"diff\" dir=\"auto\"");
	if (r->lang) {
		sbuf_str(out, " lang=\"");
		collect_html_str(out, r->lang);
		sbuf_char(out, '"');
	}
	sbuf_char(out, '>');
	if (!diff_into(out, old_text, new_text, true))
		return false;
	sbuf_str(out, "</div>\n</section>\n");
	return true;
}

static void
file_line(sbuf *b, const char *mark, const char *name, const plan *p)
{
	char code[4];
	bool oom = false;
	/* A country of ISO 3166-1 in the reader's language. */
	char *country = collect_country_code(plan_country(p), code, &oom)
				? strdup(collect_country_label(
					  code, NULL, i18n_ui_language()))
				: collect_one_line(plan_country(p));

	sbuf_str(b, mark);
	collect_show_bytes(b, name);
	sbuf_str(b, " (");
	if (country && country[0])
		sbuf_printf(b, "%s, ", country);
	sbuf_printf(b, _("revision %lu, %s, modified %s"), p->revision,
		    p->status == PLAN_FINAL ? _("final") : _("draft"),
		    p->modified[0] ? p->modified : "-");
	sbuf_char(b, ')');
	if (!country || oom)
		sbuf_fail(b, ENOMEM);
	free(country);
}

static char *
plans_report(const plan *old_plan, const char *old_name,
	     const plan *new_plan, const char *new_name, bool html,
	     wdiff_counts *counts, size_t *len, diag_list *diags)
{
	sbuf out = SBUF_INIT, line = SBUF_INIT;
	collect_lang lg;
	report r = {&out, &lg, old_plan, NULL, html};
	char *result = NULL;
	const qn *qa = old_plan->qn, *qb = new_plan->qn;
	bool ok;

	if (strcmp(qa->id, qb->id) != 0 || qa->version != qb->version ||
	    qa->n_items != qb->n_items) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("%s is a plan of questionnaire %s version %ld, %s "
			   "of %s version %ld: diff compares plans of one "
			   "questionnaire"),
			 old_name, qa->id, qa->version, new_name, qb->id,
			 qb->version);
		return NULL;
	}
	/* The labels in the language of messages, as the rest. */
	if (!collect_lang_open(&lg, NULL, NULL))
		lg.cat = NULL;
	r.lang = collect_plan_lang(new_plan);
	if (html) {
		sbuf title = SBUF_INIT;

		sbuf_str(&title, _("What changed"));
		collect_html_start(&out, lg.cat ? lg.code : "en",
				   sbuf_cstr(&title), NULL);
		sbuf_str(&out, "<main>\n<h1>");
		collect_html_esc(&out, sbuf_cstr(&title), title.len);
		sbuf_str(&out, "</h1>\n<p>");
		sbuf_free(&title);
		file_line(&line, "--- ", old_name, old_plan);
		sbuf_str(&line, "\n");
		file_line(&line, "+++ ", new_name, new_plan);
		collect_html_esc(&out, sbuf_cstr(&line), line.len);
		sbuf_str(&out, "</p>\n");
	} else {
		file_line(&out, "--- ", old_name, old_plan);
		sbuf_char(&out, '\n');
		file_line(&out, "+++ ", new_name, new_plan);
		sbuf_char(&out, '\n');
	}
	ok = wdiff_plan_items(old_plan, new_plan, lg.cat, report_item, &r,
			      counts, diags);
	if (html) {
		if (counts && counts->added + counts->removed +
				      counts->changed == 0) {
			sbuf_str(&out, "<p>");
			collect_html_str(&out, _("The answers are the same."));
			sbuf_str(&out, "</p>\n");
		}
		sbuf_str(&out, "</main>\n");
		collect_html_end(&out);
	}
	if (line.failed)
		sbuf_fail(&out, line.err);
	sbuf_free(&line);
	collect_lang_close(&lg);
	if (!ok) {
		/* report_item stops only when the word diff found no
		 * memory. */
		if (diags->n_errors == 0)
			diag_add_errno(diags, NULL, ENOMEM, "%s",
				       "actionplan");
		sbuf_free(&out);
		return NULL;
	}
	result = sbuf_take(&out, len);
	if (result == NULL)
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	return result;
}

char *
wdiff_plans(const plan *old_plan, const char *old_name,
	    const plan *new_plan, const char *new_name, wdiff_counts *counts,
	    size_t *len, diag_list *diags)
{
	return plans_report(old_plan, old_name, new_plan, new_name, false,
			    counts, len, diags);
}

char *
wdiff_plans_html(const plan *old_plan, const char *old_name,
		 const plan *new_plan, const char *new_name,
		 wdiff_counts *counts, size_t *len, diag_list *diags)
{
	return plans_report(old_plan, old_name, new_plan, new_name, true,
			    counts, len, diags);
}
