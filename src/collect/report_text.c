/* report.txt: for each section and item, every country's answer one after
 * the other, wrapped like the text export; then a completeness table and
 * the resubmissions that were replaced. */
#include "collect_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utext.h"
#include "validate.h"

/* Widest country column of the completeness table; longer names are cut.
 * It narrows down to the least when the other columns need the room. */
#define COUNTRY_COLUMN_MAX 32
#define COUNTRY_COLUMN_MIN 10

/* Bytes of the report written before its way to disk is started. */
#define REPORT_KICK (4u << 20)

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
item_block(export_layout *l, const collect_lang *lg, const collect_group *g,
	   size_t item, sbuf *tmp)
{
	const qn_item *it = &g->qn->items[item];
	bool numbered = it->number && it->number[0];
	sbuf *b = l->out;

	sbuf_reset(tmp);
	export_item_head(tmp, lg->cat, g->qn, item, numbered);
	if (numbered) {
		collect_paragraphs(l, sbuf_cstr(tmp));
	} else {
		char *label = collect_one_line(sbuf_cstr(tmp));

		/* Never another text for lack of memory: the report fails. */
		if (label == NULL)
			sbuf_fail(b, ENOMEM);
		collect_paragraphs(l, label ? label : it->title);
		free(label);
	}
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];

		sbuf_str(b, "\n-- ");
		sbuf_str(b, collect_country_name(lg, cp));
		sbuf_str(b, " --\n");
		if (!plan_item_shown(cp->plan, item)) {
			sbuf_str(b, collect_tr(lg, N_("(not applicable)")));
			sbuf_char(b, '\n');
			continue;
		}
		if (!plan_answered(cp->plan, item)) {
			sbuf_str(b, collect_tr(lg, N_("(not answered)")));
			sbuf_char(b, '\n');
			continue;
		}
		collect_answer_paragraphs(l, lg->cat, cp->plan, item);
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
completeness(export_layout *l, const collect_lang *lg, const collect_group *g)
{
	sbuf *b = l->out;
	const char *h_country = collect_tr(lg, N_("Country")),
		   *h_rev = collect_tr(lg, N_("Revision")),
		   *h_req = collect_tr(lg, N_("Required")),
		   *h_opt = collect_tr(lg, N_("Optional")),
		   *h_chars = collect_tr(lg, N_("Characters"));
	size_t wc = dwidth(h_country), wr = dwidth(h_rev), wq = dwidth(h_req),
	       wo = dwidth(h_opt), wn = dwidth(h_chars);
	char num[4][64];
	tally *t = malloc((g->n_plans ? g->n_plans : 1) * sizeof(*t));

	if (t == NULL) {
		sbuf_fail(b, ENOMEM);
		return;
	}
	banner(l, collect_tr(lg, N_("COMPLETENESS")));
	collect_paragraphs(l, collect_tr(lg, N_("Required and optional "
						"questions answered (of those "
						"that apply), and the length "
						"of all answers in "
						"characters.")));
	sbuf_char(b, '\n');
	/* Counted once; the widths of the numbers make the columns line up
	 * whatever the header words are in the reader's language. */
	for (size_t k = 0; k < g->n_plans; k++) {
		count(g->plans[k]->plan, &t[k]);
		wc = max_size(wc, dwidth(collect_country_name(lg, g->plans[k])));
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
	/* The whole table within the report's width: the country column
	 * gives way (down to COUNTRY_COLUMN_MIN), names are cut. */
	if (wc + wr + wq + wo + wn + 8 > COLLECT_WIDTH) {
		size_t rest = wr + wq + wo + wn + 8;

		wc = rest + COUNTRY_COLUMN_MIN < COLLECT_WIDTH
			     ? COLLECT_WIDTH - rest
			     : COUNTRY_COLUMN_MIN;
	}
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

		cell(b, collect_country_name(lg, cp), wc, false);
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

/* Each country's signature, as collect found it. */
static void
signatures(export_layout *l, const collect_lang *lg, const collect_group *g,
	   sbuf *tmp)
{
	banner(l, collect_tr(lg, N_("SIGNATURES")));
	collect_paragraphs(l, collect_tr(lg, N_("The signature beside each "
						"plan (PLAN.yaml.minisig), "
						"checked with the trusted "
						"keys collect was given "
						"(--keys). submissions.yaml "
						"gives the SHA-256 of every "
						"file received.")));
	sbuf_char(l->out, '\n');
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];
		const char *status = collect_sig_text(lg, cp->sig.status);

		sbuf_reset(tmp);
		if (cp->sig.key_id[0])
			sbuf_printf(tmp, collect_tr(lg, N_("%s: %s, key %s")),
				    collect_country_name(lg, cp), status,
				    cp->sig.key_id);
		else
			sbuf_printf(tmp, "%s: %s", collect_country_name(lg, cp),
				    status);
		collect_paragraphs(l, sbuf_cstr(tmp));
	}
}

/* "(revision 3, 1 March 2000)": a submission as the report names it. */
static void
revision_date(sbuf *b, const collect_lang *lg, const char *fmt,
	      const char *path, unsigned long revision, const char *modified)
{
	char *shown = collect_show_dup(path);
	sbuf date = SBUF_INIT;

	collect_date(&date, lg, modified, false);
	sbuf_printf(b, fmt, shown ? shown : "?", revision, sbuf_cstr(&date));
	if (date.failed || !shown)
		sbuf_fail(b, ENOMEM);
	sbuf_free(&date);
	free(shown);
}

static void
resubmissions(export_layout *l, const collect_lang *lg, const collect_group *g,
	      sbuf *tmp)
{
	sbuf *b = l->out;
	bool any = false;

	for (size_t k = 0; k < g->n_plans && !any; k++)
		any = g->plans[k]->n_replaced > 0;
	if (!any)
		return;
	banner(l, collect_tr(lg, N_("RESUBMISSIONS")));
	collect_paragraphs(l, collect_tr(lg, N_("The latest submission of "
						"each country is reported: "
						"the highest revision, then "
						"the latest modification.")));
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];

		if (cp->n_replaced == 0)
			continue;
		sbuf_char(b, '\n');
		sbuf_str(b, collect_country_name(lg, cp));
		sbuf_char(b, '\n');
		sbuf_reset(tmp);
		revision_date(tmp, lg,
			      collect_tr(lg, N_("* kept %s (revision %lu, %s)")),
			      cp->path, cp->plan->revision, cp->plan->modified);
		collect_paragraphs(l, sbuf_cstr(tmp));
		for (size_t i = 0; i < cp->n_replaced; i++) {
			const collect_replaced *r = &cp->replaced[i];

			sbuf_reset(tmp);
			revision_date(tmp, lg,
				      collect_tr(lg, N_("* replaced %s "
							"(revision %lu, %s)")),
				      r->path, r->revision, r->modified);
			collect_paragraphs(l, sbuf_cstr(tmp));
		}
	}
}

/* Rows of the countries' table: the name cell, then the status wrapped
 * in the rest of the width, its lines after the first under the first. */
static void
status_rows(sbuf *b, const collect_lang *lg, const collect_set *s,
	    bool expected, size_t wc, sbuf *tmp)
{
	sbuf wrapped = SBUF_INIT;
	export_layout w;

	export_layout_init(&w, &wrapped, COLLECT_WIDTH - wc - 2);
	for (size_t i = 0; i < collect_n_countries(s); i++) {
		const country_state *c = collect_country_at(s, i);
		const char *line;

		if (collect_roster(s) && c->expected != expected)
			continue;
		sbuf_reset(tmp);
		collect_status_country(tmp, lg, c);
		cell(b, sbuf_cstr(tmp), wc, false);
		sbuf_str(b, "  ");
		sbuf_reset(tmp);
		collect_status_text(tmp, lg, c);
		sbuf_reset(&wrapped);
		collect_paragraphs(&w, sbuf_cstr(tmp));
		line = sbuf_cstr(&wrapped);
		for (bool first = true; *line; first = false) {
			size_t n = strcspn(line, "\n");

			if (!first)
				for (size_t k = 0; k < wc + 2; k++)
					sbuf_char(b, ' ');
			sbuf_add(b, line, n);
			sbuf_char(b, '\n');
			line += n + (line[n] == '\n');
		}
	}
	if (wrapped.failed)
		sbuf_fail(b, wrapped.err);
	export_layout_free(&w);
	sbuf_free(&wrapped);
}

/* What each country sent: with a roster, every country expected, then
 * those not on it; else every country seen. The report opens with it. */
static void
status_table(export_layout *l, const collect_lang *lg, const collect_set *s,
	     sbuf *tmp)
{
	sbuf *b = l->out;
	const char *h_country = collect_tr(lg, N_("Country")),
		   *h_status = collect_tr(lg, N_("Status"));
	size_t wc = dwidth(h_country), others = 0;

	banner(l, collect_roster(s) ? collect_tr(lg, N_("COUNTRIES EXPECTED"))
				    : collect_tr(lg, N_("COUNTRIES")));
	sbuf_reset(tmp);
	collect_status_summary(tmp, lg, s);
	collect_paragraphs(l, sbuf_cstr(tmp));
	sbuf_char(b, '\n');
	for (size_t i = 0; i < collect_n_countries(s); i++) {
		const country_state *c = collect_country_at(s, i);

		others += collect_roster(s) && !c->expected;
		sbuf_reset(tmp);
		collect_status_country(tmp, lg, c);
		wc = max_size(wc, dwidth(sbuf_cstr(tmp)));
	}
	if (wc > COUNTRY_COLUMN_MAX)
		wc = COUNTRY_COLUMN_MAX;
	cell(b, h_country, wc, false);
	sbuf_str(b, "  ");
	sbuf_str(b, h_status);
	sbuf_char(b, '\n');
	status_rows(b, lg, s, true, wc, tmp);
	if (others == 0)
		return;
	sbuf_char(b, '\n');
	export_layout_reset(l);
	collect_paragraphs(l, collect_tr(lg, N_("Received from countries not "
						"on the roster:")));
	sbuf_char(b, '\n');
	status_rows(b, lg, s, false, wc, tmp);
}

/* The head of the report: title, the countries, where the other groups
 * and the rejected files are. */
static void
head(export_layout *l, const collect_lang *lg, const collect_group *g,
     const collect_set *s, sbuf *tmp)
{
	const qn *q = g->qn;
	sbuf *b = l->out;

	sbuf_printf(tmp, collect_tr(lg, N_("%s (%s, version %ld): "
					      "comparative report")),
		       i18n_cat_qn(lg->cat, q, I18N_QN_TITLE, 0, 0), q->id,
		       q->version);
	collect_paragraphs(l, sbuf_cstr(tmp));
	if (g == collect_group_at(s, 0)) {
		status_table(l, lg, s, tmp);
		export_layout_reset(l);
		rule(b, '=');
	}
	sbuf_char(b, '\n');
	sbuf_reset(tmp);
	sbuf_printf(tmp,
		       collect_ntr(lg, "%zu country: ", "%zu countries: ",
				   g->n_plans),
		       g->n_plans);
	for (size_t k = 0; k < g->n_plans; k++)
		sbuf_printf(tmp, "%s%s", k ? ", " : "",
			    collect_country_name(lg, g->plans[k]));
	sbuf_char(tmp, '.');
	collect_paragraphs(l, sbuf_cstr(tmp));
	if (g != collect_group_at(s, 0))
		return;
	for (size_t i = 1; i < collect_n_groups(s); i++) {
		const collect_group *other = collect_group_at(s, i);

		sbuf_reset(tmp);
		sbuf_char(b, '\n');
		sbuf_printf(tmp,
			       collect_tr(lg, N_("Plans of %s version %ld are "
						 "reported apart, in %s/.")),
			       other->qn->id, other->qn->version,
			       other->subdir);
		collect_paragraphs(l, sbuf_cstr(tmp));
	}
	if (collect_n_rejected(s) > 0) {
		sbuf_char(b, '\n');
		sbuf_reset(tmp);
		sbuf_printf(tmp,
			       collect_ntr(lg,
					   "%zu file was not taken: see "
					   "rejected.txt.",
					   "%zu files were not taken: see "
					   "rejected.txt.",
					   collect_n_rejected(s)),
			       collect_n_rejected(s));
		collect_paragraphs(l, sbuf_cstr(tmp));
	}
}

/* A section's banner: its printed heading, or its title when it has none
 * (plan details). */
static void
section_banner(export_layout *l, const collect_lang *lg, const qn *q,
	       size_t sec)
{
	const qn_section *se = &q->sections[sec];
	char *title;

	if (se->heading && se->heading[0]) {
		banner(l, i18n_cat_qn(lg->cat, q, I18N_SECTION_HEADING, sec, 0));
		return;
	}
	title = collect_one_line(
		i18n_cat_qn(lg->cat, q, I18N_SECTION_TITLE, sec, 0));
	if (title == NULL)
		sbuf_fail(l->out, ENOMEM);
	banner(l, title ? title : se->id);
	free(title);
}

/* One piece of the report: the head, an item (after its section's banner
 * when it is the section's first, else after a rule), a section without
 * items, or the tail (completeness, resubmissions). */
typedef struct piece {
	enum { PIECE_HEAD, PIECE_ITEM, PIECE_SECTION, PIECE_TAIL } kind;
	size_t section, item;
} piece;

typedef struct report {
	const collect_run *run;
	const collect_group *g;
	collect_out *out; /* holds the one file, report.txt */
	piece *pieces;
	size_t n_pieces;
	sbuf file; /* drains into report.txt */
	/* Pieces are made in any order, and written in theirs: a piece
	 * done early waits in done[] until those before it are written. */
	pthread_mutex_t lock;
	sbuf *done;
	bool *ready;
	size_t next;
	size_t unkicked; /* bytes written since the last collect_out_kick */
} report;

static void
report_free(void *state)
{
	report *r = state;

	if (r == NULL)
		return;
	for (size_t i = 0; r->done && i < r->n_pieces; i++)
		sbuf_free(&r->done[i]);
	free(r->done);
	free(r->ready);
	free(r->pieces);
	pthread_mutex_destroy(&r->lock);
	sbuf_free(&r->file);
	collect_out_destroy(r->out);
	free(r);
}

/* Begins report.txt and lists its pieces: the head, each item (or a
 * section without items), the tail. */
static bool
report_start(const collect_run *run, size_t group, void **state,
	     size_t *n_pieces, diag_list *diags)
{
	const collect_gview *v = &run->views[group];
	const qn *q = v->g->qn;
	report *r = calloc(1, sizeof(*r));
	size_t n = 2;

	if (r == NULL || pthread_mutex_init(&r->lock, NULL) != 0) {
		free(r);
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return false;
	}
	*state = r;
	r->run = run;
	r->g = v->g;
	r->file = (sbuf)SBUF_INIT;
	for (size_t sec = 0; sec < q->n_sections; sec++)
		n += q->sections[sec].n_items ? q->sections[sec].n_items : 1;
	r->pieces = calloc(n, sizeof(*r->pieces));
	r->done = calloc(n, sizeof(*r->done));
	r->ready = calloc(n, sizeof(*r->ready));
	r->out = collect_out_create();
	if (!r->pieces || !r->done || !r->ready || !r->out) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return false;
	}
	r->pieces[r->n_pieces++] = (piece){PIECE_HEAD, 0, 0};
	for (size_t sec = 0; sec < q->n_sections; sec++) {
		const qn_section *se = &q->sections[sec];

		if (se->n_items == 0)
			r->pieces[r->n_pieces++] = (piece){PIECE_SECTION, sec, 0};
		for (size_t i = se->first; i < se->first + se->n_items; i++)
			r->pieces[r->n_pieces++] = (piece){PIECE_ITEM, sec, i};
	}
	r->pieces[r->n_pieces++] = (piece){PIECE_TAIL, 0, 0};
	for (size_t i = 0; i < r->n_pieces; i++)
		r->done[i] = (sbuf)SBUF_INIT;
	*n_pieces = r->n_pieces;
	return collect_out_begin(r->out, v->dir, "report.txt", &r->file,
				 diags);
}

static bool
report_piece(const collect_run *run, size_t group, void *state, size_t k,
	     collect_out *o, diag_list *diags)
{
	report *r = state;
	const piece *pc = &r->pieces[k];
	const qn *q = r->g->qn;
	const collect_lang *lg = &run->lang;
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	export_layout l;
	bool ok;

	export_layout_init(&l, &b, COLLECT_WIDTH);
	switch (pc->kind) {
	case PIECE_HEAD:
		head(&l, lg, r->g, run->s, &tmp);
		break;
	case PIECE_SECTION:
		section_banner(&l, lg, q, pc->section);
		break;
	case PIECE_ITEM:
		if (pc->item == q->sections[pc->section].first) {
			section_banner(&l, lg, q, pc->section);
		} else {
			sbuf_char(&b, '\n');
			rule(&b, '-');
			sbuf_char(&b, '\n');
		}
		item_block(&l, lg, r->g, pc->item, &tmp);
		break;
	case PIECE_TAIL:
		completeness(&l, lg, r->g);
		signatures(&l, lg, r->g, &tmp);
		resubmissions(&l, lg, r->g, &tmp);
		break;
	}
	if (tmp.failed)
		sbuf_fail(&b, tmp.err);
	sbuf_free(&tmp);
	export_layout_free(&l);
	pthread_mutex_lock(&r->lock);
	r->done[k] = b;
	r->ready[k] = true;
	/* Whoever completes the next piece writes it out, and those after
	 * it that are done. */
	while (r->next < r->n_pieces && r->ready[r->next]) {
		sbuf *d = &r->done[r->next];

		if (d->failed)
			sbuf_fail(&r->file, d->err);
		else
			sbuf_add(&r->file, d->s, d->len);
		r->unkicked += d->len;
		sbuf_free(d);
		r->next++;
	}
	/* The report is the largest file: on its way to disk as it grows,
	 * not all at the sync. */
	if (r->unkicked >= REPORT_KICK) {
		collect_out_kick(&r->file);
		r->unkicked = 0;
	}
	ok = !r->file.failed;
	pthread_mutex_unlock(&r->lock);
	if (!ok)
		diag_add_errno(diags, NULL, r->file.err ? r->file.err : EIO,
			       _("cannot write %s/%s"), r->run->views[group].dir,
			       "report.txt");
	return ok;
}

static bool
report_end(const collect_run *run, size_t group, void *state,
	      diag_list *diags)
{
	report *r = state;

	return collect_out_end(r->out, &r->file, diags);
}

const collect_output collect_output_report = {
	.name = "report.txt",
	.per_group = true,
	.start = report_start,
	.piece = report_piece,
	.end = report_end,
	.free = report_free,
};

/* No plan taken at all, but countries sent files (or are expected):
 * report.txt is what each of them sent. */
static bool
report_none(const collect_run *r, size_t group, void *state, size_t k,
	    collect_out *o, diag_list *diags)
{
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	export_layout l;
	bool ok;

	if (collect_n_groups(r->s) > 0 || collect_n_countries(r->s) == 0)
		return true;
	if (!collect_out_begin(o, r->root, "report.txt", &b, diags))
		return false;
	export_layout_init(&l, &b, COLLECT_WIDTH);
	collect_paragraphs(&l, collect_tr(&r->lang,
					  N_("No final plan was collected.")));
	status_table(&l, &r->lang, r->s, &tmp);
	export_layout_free(&l);
	if (tmp.failed)
		sbuf_fail(&b, tmp.err);
	sbuf_free(&tmp);
	ok = collect_out_end(o, &b, diags);
	sbuf_free(&b);
	return ok;
}

const collect_output collect_output_report_none = {
	.name = "report.txt",
	.piece = report_none,
};
