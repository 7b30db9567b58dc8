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

/* Widest country column of the completeness table; longer names are cut. */
#define COUNTRY_COLUMN_MAX 32

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

		/* Never another text for lack of memory: the report fails. */
		if (label == NULL)
			sbuf_fail(b, ENOMEM);
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

/* The head of the report: title, the countries, where the other groups
 * and the rejected files are. */
static void
head(export_layout *l, const collect_group *g, const collect_set *s,
     sbuf *tmp)
{
	const qn *q = g->qn;
	sbuf *b = l->out;

	sbuf_printf(tmp, _("%s (%s, version %ld): comparative report"),
		    q->title, q->id, q->version);
	collect_paragraphs(l, sbuf_cstr(tmp));
	sbuf_char(b, '\n');
	sbuf_reset(tmp);
	sbuf_printf(tmp,
		    dngettext(COLLECT_DOMAIN, "%zu country: ",
			      "%zu countries: ", g->n_plans),
		    g->n_plans);
	for (size_t k = 0; k < g->n_plans; k++)
		sbuf_printf(tmp, "%s%s", k ? ", " : "",
			    country_name(g->plans[k]));
	sbuf_char(tmp, '.');
	collect_paragraphs(l, sbuf_cstr(tmp));
	if (g != collect_group_at(s, 0))
		return;
	for (size_t i = 1; i < collect_n_groups(s); i++) {
		const collect_group *other = collect_group_at(s, i);

		sbuf_reset(tmp);
		sbuf_char(b, '\n');
		sbuf_printf(tmp,
			    _("Plans of %s version %ld are reported "
			      "apart, in %s/."),
			    other->qn->id, other->qn->version, other->subdir);
		collect_paragraphs(l, sbuf_cstr(tmp));
	}
	if (collect_n_rejected(s) > 0) {
		sbuf_char(b, '\n');
		sbuf_reset(tmp);
		sbuf_printf(tmp,
			    dngettext(COLLECT_DOMAIN,
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
section_banner(export_layout *l, const qn_section *se)
{
	char *title;

	if (se->heading && se->heading[0]) {
		banner(l, se->heading);
		return;
	}
	title = collect_one_line(se->title);
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

struct collect_report {
	const collect_group *g;
	const collect_set *s;
	collect_out *out; /* holds the one file, report.txt */
	piece *pieces;
	size_t n_pieces;
	sbuf file; /* drains into the report's temporary file */
	/* Pieces are made in any order, and written in theirs: a piece
	 * done early waits in done[] until those before it are written. */
	pthread_mutex_t lock;
	sbuf *done;
	bool *ready;
	size_t next;
	size_t unkicked; /* bytes written since the last collect_out_kick */
};

void
collect_report_destroy(collect_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; r->done && i < r->n_pieces; i++)
		sbuf_finish(&r->done[i]);
	free(r->done);
	free(r->ready);
	free(r->pieces);
	pthread_mutex_destroy(&r->lock);
	sbuf_finish(&r->file);
	collect_out_destroy(r->out);
	free(r);
}

collect_report *
collect_report_create(const char *dir, const collect_group *g,
		      const collect_set *s, diag_list *diags)
{
	const qn *q = g->qn;
	collect_report *r = calloc(1, sizeof(*r));
	size_t n = 2;

	if (r == NULL || pthread_mutex_init(&r->lock, NULL) != 0) {
		free(r);
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return NULL;
	}
	r->g = g;
	r->s = s;
	r->file = (sbuf)SBUF_INIT;
	for (size_t sec = 0; sec < q->n_sections; sec++)
		n += q->sections[sec].n_items ? q->sections[sec].n_items : 1;
	r->pieces = calloc(n, sizeof(*r->pieces));
	r->done = calloc(n, sizeof(*r->done));
	r->ready = calloc(n, sizeof(*r->ready));
	r->out = collect_out_create();
	if (!r->pieces || !r->done || !r->ready || !r->out) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		goto fail;
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
	if (!collect_out_begin(r->out, dir, "report.txt", &r->file, diags))
		goto fail;
	return r;
fail:
	collect_report_destroy(r);
	return NULL;
}

size_t
collect_report_n_pieces(const collect_report *r)
{
	return r->n_pieces;
}

bool
collect_report_piece(collect_report *r, size_t k)
{
	const piece *pc = &r->pieces[k];
	const qn *q = r->g->qn;
	sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	export_layout l;
	bool ok;

	export_layout_init(&l, &b, COLLECT_WIDTH);
	switch (pc->kind) {
	case PIECE_HEAD:
		head(&l, r->g, r->s, &tmp);
		break;
	case PIECE_SECTION:
		section_banner(&l, &q->sections[pc->section]);
		break;
	case PIECE_ITEM:
		if (pc->item == q->sections[pc->section].first) {
			section_banner(&l, &q->sections[pc->section]);
		} else {
			sbuf_char(&b, '\n');
			rule(&b, '-');
			sbuf_char(&b, '\n');
		}
		item_block(&l, r->g, pc->item, &tmp);
		break;
	case PIECE_TAIL:
		completeness(&l, r->g);
		resubmissions(&l, r->g, &tmp);
		break;
	}
	if (tmp.failed)
		sbuf_fail(&b, tmp.err);
	sbuf_finish(&tmp);
	export_layout_finish(&l);
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
		sbuf_finish(d);
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
	return ok;
}

bool
collect_report_finish(collect_out *o, collect_report *r, diag_list *diags)
{
	bool ok;

	/* A piece not made means the run stopped early, for a reason
	 * another job gives (unless it was this file's own). */
	if (r->next < r->n_pieces && !r->file.failed) {
		collect_report_destroy(r);
		return false;
	}
	ok = collect_out_end(r->out, &r->file, diags);
	if (ok && collect_out_adopt(o, r->out)) {
		r->out = NULL;
	} else if (ok) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		ok = false;
	}
	collect_report_destroy(r);
	return ok;
}
