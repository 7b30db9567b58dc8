/* matrix.csv: a row per country, a column per item (the country item
 * itself is the first column, "country": the name in the outputs'
 * language; then its ISO code, its status (roster.h's ids) and, with a
 * roster, whether it is expected). In the main group's matrix, a country
 * without a final plan (only a draft, rejected files, or nothing) has a
 * row of empty cells. A cell is
 * "answered:N" (N = the answer's length in characters), "missing" (the
 * question applies but has no answer) or "n/a" (its condition does not
 * hold). RFC 4180 quoting, UTF-8, formula-looking text neutralised in
 * both variants; for spreadsheets (--excel) a byte-order mark and CRLF
 * line ends. */
#include "collect_int.h"

#include <stdint.h>
#include <string.h>

static void
field(sbuf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	/* A spreadsheet would run "=..." as a formula: a leading apostrophe
	 * makes it text (OWASP's advice for CSV injection). Without --excel
	 * too: a file without a byte-order mark is still opened by
	 * spreadsheets, and one made for scripts reaches people as well. */
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL) {
		quote = true;
		sbuf_str(b, "\"'");
	} else if (quote) {
		sbuf_char(b, '"');
	}
	if (quote) {
		for (; *s; s++) {
			if (*s == '"')
				sbuf_char(b, '"');
			sbuf_char(b, *s);
		}
		sbuf_char(b, '"');
	} else {
		sbuf_str(b, s);
	}
}

/* The first columns of a country's row: name, code, status, expected. */
static void
row_head(sbuf *b, const collect_run *r, const country_state *c,
	 const char *name)
{
	field(b, name);
	sbuf_char(b, ',');
	sbuf_str(b, c->code);
	sbuf_char(b, ',');
	sbuf_str(b, country_status_id(c->plan ? STATUS_FINAL : c->status));
	if (collect_roster(r->s))
		sbuf_str(b, c->expected ? ",yes" : ",no");
}

/* The matrix of group v (NULL: no plan was taken; a row for each
 * country, without questions) into dir. */
static bool
write_matrix(const collect_run *r, const char *dir, const collect_gview *v,
	     size_t group, collect_out *o, diag_list *diags)
{
	const collect_group *g = v ? v->g : NULL;
	const qn *q = g ? g->qn : NULL;
	size_t n_items = q ? q->n_items : 0;
	bool excel = r->opt->excel;
	sbuf b = SBUF_INIT;
	const char *eol = excel ? "\r\n" : "\n";
	bool ok;

	if (!collect_out_begin(o, dir, "matrix.csv", &b, diags))
		return false;
	if (excel)
		sbuf_str(&b, "\xEF\xBB\xBF");
	/* Column names are ids, not translated: scripts read them. */
	sbuf_str(&b, "country,code,status");
	if (collect_roster(r->s))
		sbuf_str(&b, ",expected");
	for (size_t i = 0; i < n_items; i++) {
		/* The country item is the first column already. */
		if ((long)i == q->country_item)
			continue;
		sbuf_char(&b, ',');
		field(&b, q->items[i].id);
	}
	sbuf_str(&b, eol);
	for (size_t c = 0; c < collect_n_countries(r->s); c++) {
		const country_state *st = collect_country_at(r->s, c);
		size_t k = v ? v->plan_of[c] : SIZE_MAX;
		const collect_plan *cp = g && k < g->n_plans ? g->plans[k]
							     : NULL;

		/* Countries without a final plan: empty cells, in the main
		 * group's matrix. */
		if (cp == NULL && (group != 0 || st->status == STATUS_FINAL))
			continue;
		row_head(&b, r, st,
			 cp ? collect_country_name(&r->lang, cp)
			    : collect_country_label(st->code, st->shown,
						    r->lang.code));
		for (size_t i = 0; i < n_items; i++) {
			if ((long)i == q->country_item)
				continue;
			sbuf_char(&b, ',');
			if (cp == NULL)
				continue;
			if (collect_state(v, k, i) == COLLECT_NA)
				sbuf_str(&b, "n/a");
			else if (collect_state(v, k, i) == COLLECT_MISSING)
				sbuf_str(&b, "missing");
			else
				sbuf_printf(&b, "answered:%zu",
					    collect_answer_chars(cp->plan, i));
		}
		sbuf_str(&b, eol);
	}
	ok = collect_out_end(o, &b, diags);
	sbuf_free(&b);
	return ok;
}

static bool
matrix(const collect_run *r, size_t group, void *state, size_t piece,
       collect_out *o, diag_list *diags)
{
	return write_matrix(r, r->views[group].dir, &r->views[group], group, o,
			    diags);
}

const collect_output collect_output_matrix = {
	.name = "matrix.csv",
	.per_group = true,
	.piece = matrix,
};

/* No plan taken at all, but countries sent files (or are expected): a
 * row for each, without questions. */
static bool
matrix_none(const collect_run *r, size_t group, void *state, size_t piece,
	    collect_out *o, diag_list *diags)
{
	if (collect_n_groups(r->s) > 0 || collect_n_countries(r->s) == 0)
		return true;
	return write_matrix(r, r->root, NULL, 0, o, diags);
}

const collect_output collect_output_matrix_none = {
	.name = "matrix.csv",
	.piece = matrix_none,
};
