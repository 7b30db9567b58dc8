/* matrix.csv: a row per country, a column per item (the country item
 * itself is the first column, "country"). A cell is
 * "answered:N" (N = the answer's length in characters), "missing" (the
 * question applies but has no answer) or "n/a" (its condition does not
 * hold). RFC 4180 quoting, UTF-8, formula-looking text neutralised in
 * both variants; for spreadsheets (--excel) a byte-order mark and CRLF
 * line ends. */
#include "collect_int.h"

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

static bool
matrix(const collect_run *r, size_t group, void *state, size_t piece,
       collect_out *o, diag_list *diags)
{
	const collect_gview *v = &r->views[group];
	const collect_group *g = v->g;
	bool excel = r->opt->excel;
	sbuf b = SBUF_INIT;
	const char *eol = excel ? "\r\n" : "\n";
	const qn *q = g->qn;
	bool ok;

	if (!collect_out_begin(o, v->dir, "matrix.csv", &b, diags))
		return false;
	if (excel)
		sbuf_str(&b, "\xEF\xBB\xBF");
	/* Column names are ids, not translated: scripts read them. */
	sbuf_str(&b, "country");
	for (size_t i = 0; i < q->n_items; i++) {
		/* The country item is the first column already. */
		if ((long)i == q->country_item)
			continue;
		sbuf_char(&b, ',');
		field(&b, q->items[i].id);
	}
	sbuf_str(&b, eol);
	for (size_t k = 0; k < g->n_plans; k++) {
		const collect_plan *cp = g->plans[k];

		field(&b, cp->country);
		for (size_t i = 0; i < q->n_items; i++) {
			if ((long)i == q->country_item)
				continue;
			sbuf_char(&b, ',');
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
	sbuf_finish(&b);
	return ok;
}

const collect_output collect_output_matrix = {
	.name = "matrix.csv",
	.per_group = true,
	.piece = matrix,
};
