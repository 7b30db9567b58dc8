/* answers.xlsx (libxlsxwriter): a first sheet with every country's status,
 * then a sheet per section, a row per country and a column per item
 * holding the answers, for coordinators who compare plans in
 * spreadsheets. Text is always written as text (never a formula, never a
 * number guessed from it), yes/no and choices as words in the outputs'
 * language, dates as dates; an answer longer than a cell holds is cut
 * there with a note, and listed in rejected.txt's warnings. The same
 * plans give the same bytes (the document's time is the newest plan's). */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "itype.h"
#include "loadplan.h"
#include "store.h"
#include "utext_show.h"

/* What a cell holds at most, in UTF-16 code units (what Excel counts as
 * characters: a character beyond U+FFFF is two). */
#define CELL_MAX 32767u

/* Column widths, in characters of the default font. */
#define WIDTH_COUNTRY 28
#define WIDTH_TEXT 60
#define WIDTH_SHORT 16
#define WIDTH_LINE 32

/* UTF-16 code units of s[0..len) (valid UTF-8). */
static size_t
utf16_units(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* The byte length of the longest start of s[0..len) that ends on a
 * character cluster's boundary and holds at most max UTF-16 units. */
static size_t
cut_point(const char *s, size_t len, size_t max)
{
	size_t pos = 0, units = 0;

	while (pos < len) {
		size_t end = utext_cluster_end(s, len, pos);
		size_t u = utf16_units(s + pos, end - pos);

		if (units + u > max)
			break;
		units += u;
		pos = end;
	}
	return pos;
}

/* Whether t[i..] starts "_xHHHH_" (n: bytes in t). */
static bool
escape_like(const char *t, size_t n, size_t i)
{
	return i + 6 < n && t[i + 1] == 'x' &&
	       strspn(t + i + 2, "0123456789abcdefABCDEF") >= 4 &&
	       t[i + 6] == '_';
}

/* Text as a cell holds it: the harmless-text rule (tab and newline kept),
 * and "_xHHHH_", which spreadsheets read as an escaped character, written
 * so that it reads as itself ("_x005F_" is the underscore). Shown straight
 * into b: most text has no "_x" to redo, and this runs over every byte
 * of the workbook (a byte-at-a-time copy measured 8% of its time). */
static void
cell_escape(sbuf *b, const char *s, size_t len)
{
	size_t at = b->len, i;
	const char *u;
	char *t;

	utext_show(b, s, len, UTEXT_KEEP_TAB | UTEXT_KEEP_NEWLINE);
	if (b->failed)
		return;
	for (i = at; (u = memchr(sbuf_cstr(b) + i, '_', b->len - i)); i++) {
		i = (size_t)(u - sbuf_cstr(b));
		if (escape_like(sbuf_cstr(b), b->len, i))
			break;
	}
	if (u == NULL)
		return;
	/* Rare: redone from a copy, with the underscores written out. */
	t = malloc(b->len - at + 1);
	if (t == NULL) {
		sbuf_fail(b, ENOMEM);
		return;
	}
	len = b->len - at;
	memcpy(t, sbuf_cstr(b) + at, len + 1);
	b->len = at;
	for (i = 0; i < len; i++) {
		if (t[i] == '_' && escape_like(t, len, i))
			sbuf_str(b, "_x005F");
		sbuf_char(b, t[i]);
	}
	free(t);
}

/* Plan k's answer to item i as its cell's text, into out (reset first;
 * raw is room for the text before it is escaped, reused from cell to
 * cell); *whole set to the answer's length in UTF-16 units when it had
 * to be cut (0 when not). */
static void
cell_text(const collect_run *r, const collect_gview *v, size_t k, size_t i,
	  sbuf *raw, sbuf *out, size_t *whole)
{
	const plan *p = v->g->plans[k]->plan;
	sbuf note = SBUF_INIT;
	size_t units, keep;

	sbuf_reset(out);
	sbuf_reset(raw);
	*whole = 0;
	collect_answer_plain(raw, r->lang.cat, p, i);
	cell_escape(out, sbuf_cstr(raw), raw->len);
	if (raw->failed)
		sbuf_fail(out, raw->err);
	/* A cheap test first: UTF-8 never has fewer bytes than units. */
	if (out->len <= CELL_MAX ||
	    (units = utf16_units(sbuf_cstr(out), out->len)) <= CELL_MAX)
		return;
	*whole = units;
	sbuf_str(&note, "\n\n");
	sbuf_printf(&note,
		    collect_tr(&r->lang,
			       N_("[Cut here: the answer has %zu characters, "
				  "more than a cell holds. The whole answer is "
				  "in plans/%s.yaml and in answers.sqlite.]")),
		    units, v->slug[k]);
	keep = cut_point(sbuf_cstr(out), out->len,
			 CELL_MAX - utf16_units(sbuf_cstr(&note), note.len));
	out->len = keep;
	sbuf_add(out, sbuf_cstr(&note), note.len);
	if (note.failed)
		sbuf_fail(out, note.err);
	sbuf_free(&note);
}

/* Whether an answer may need cutting: an upper bound of its cell's
 * length (every byte shown as "<U+XXXX>", and the words of a yes/no or a
 * choice) is over the limit. */
static bool
may_be_long(const plan *p, size_t i)
{
	const plan_answer *a = &p->answers[i];
	size_t n = (a->value ? strlen(a->value) : 0) +
		   (a->explanation ? strlen(a->explanation) : 0) +
		   (a->na_reason ? strlen(a->na_reason) : 0);

	for (size_t c = 0; c < a->n_values; c++)
		n += 64;
	return n * 8 + 4096 > CELL_MAX;
}

bool
collect_workbook_scan(collect_run *r, diag_list *diags)
{
	sbuf cell = SBUF_INIT, raw = SBUF_INIT;
	char label[256];
	bool ok = true;

	for (size_t g = 0; g < collect_n_groups(r->s); g++) {
		const collect_gview *v = &r->views[g];
		const qn *q = v->g->qn;

		for (size_t k = 0; k < v->g->n_plans; k++) {
			const collect_plan *cp = v->g->plans[k];

			for (size_t i = 0; i < q->n_items; i++) {
				size_t whole;

				if ((long)i == q->country_item ||
				    collect_state(v, k, i) != COLLECT_ANSWERED ||
				    !may_be_long(cp->plan, i))
					continue;
				cell_text(r, v, k, i, &raw, &cell, &whole);
				if (whole == 0)
					continue;
				loadplan_item_label(q, i, label,
						    sizeof(label));
				sbuf_printf(&r->warnings,
					    _("%s: answers.xlsx: %s [item %s] "
					      "has %zu characters, more than a "
					      "cell holds (%u): cut there, with "
					      "a note\n"),
					    cp->path, label,
					    q->items[i].id, whole, CELL_MAX);
				/* Said on the terminal too, as rejections
				 * are. */
				diag_add(diags, DIAG_WARNING, cp->path, 0, 0,
					 q->items[i].id,
					 _("answers.xlsx: %s has %zu characters, "
					   "more than a cell holds (%u): cut "
					   "there, with a note"),
					 label, whole, CELL_MAX);
			}
		}
	}
	if (cell.failed || raw.failed || r->warnings.failed) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		ok = false;
	}
	sbuf_free(&cell);
	sbuf_free(&raw);
	return ok;
}

/* The formats of the workbook's cells. */
typedef struct formats {
	lxw_format *head, *text, *day, *month, *stamp;
} formats;

typedef struct book {
	const collect_run *r;
	const collect_gview *v;
	lxw_workbook *wb;
	formats f;
	sbuf tmp, cell;
	lxw_error err;
} book;

static void
put_string(book *bk, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	   const char *s, lxw_format *f)
{
	lxw_error e;

	/* An empty string is no cell at all. */
	if (s == NULL || s[0] == '\0')
		return;
	e = worksheet_write_string(ws, row, col, s, f);
	if (e != LXW_NO_ERROR && bk->err == LXW_NO_ERROR)
		bk->err = e;
}

/* Someone's text (a name, a file, a reason) as a cell: escaped. */
static void
put_text(book *bk, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	 const char *s, lxw_format *f)
{
	sbuf_reset(&bk->tmp);
	if (s)
		cell_escape(&bk->tmp, s, strlen(s));
	put_string(bk, ws, row, col, sbuf_cstr(&bk->tmp), f);
}

/* A timestamp "2000-03-01T08:00:00Z" or a date "2000-03-01" / "2000-03"
 * as a date cell; false when it is none of them. */
static bool
put_date(book *bk, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	 const char *s)
{
	lxw_datetime dt = {0};
	int y, m, d, hh = 0, mm = 0, ss = 0;
	char day[11];
	lxw_format *f;

	if (s == NULL || strlen(s) < 7)
		return false;
	snprintf(day, sizeof(day), "%.10s", s);
	if (!itype_date_parse(day, -1, &y, &m, &d))
		return false;
	f = d == 0 ? bk->f.month : bk->f.day;
	if (strlen(s) == 20 && s[10] == 'T' &&
	    sscanf(s + 11, "%2d:%2d:%2dZ", &hh, &mm, &ss) == 3)
		f = bk->f.stamp;
	dt = (lxw_datetime){y, m, d ? d : 1, hh, mm, ss};
	if (worksheet_write_datetime(ws, row, col, &dt, f) != LXW_NO_ERROR)
		return false;
	return true;
}

/* A sheet's name: at most 31 characters (28 here, leaving room for a
 * number that tells two apart), none of []:*?/\, not starting or ending
 * with an apostrophe, and unique, ignoring ASCII case as Excel does,
 * among the n_taken names before it. */
#define SHEET_NAME_SIZE 128

static void
sheet_name(char *out, const char *want, char (*taken)[SHEET_NAME_SIZE],
	   size_t n_taken)
{
	char base[SHEET_NAME_SIZE];
	size_t n = 0, chars = 0, len = strlen(want), skip;

	for (size_t pos = 0; pos < len && chars < 28; chars++) {
		size_t at = pos;
		uint32_t cp = utext_next(want, len, &pos);

		if (cp == 0 || n + (pos - at) + 1 >= sizeof(base))
			break;
		if (cp < 0x80 && (cp < 0x20 || strchr("[]:*?/\\", (int)cp))) {
			base[n++] = ' ';
		} else {
			memcpy(base + n, want + at, pos - at);
			n += pos - at;
		}
	}
	base[n] = '\0';
	while (n > 0 && (base[n - 1] == ' ' || base[n - 1] == '\''))
		base[--n] = '\0';
	skip = strspn(base, " '");
	memmove(base, base + skip, n - skip + 1);
	if (base[0] == '\0')
		snprintf(base, sizeof(base), "%s", "-");
	snprintf(out, SHEET_NAME_SIZE, "%s", base);
	for (unsigned long k = 2;; k++) {
		bool clash = false;

		for (size_t t = 0; t < n_taken && !clash; t++)
			clash = strcasecmp(taken[t], out) == 0;
		if (!clash)
			return;
		snprintf(out, SHEET_NAME_SIZE, "%s %lu", base, k);
	}
}


static bool
make_formats(book *bk)
{
	formats *f = &bk->f;

	f->head = workbook_add_format(bk->wb);
	f->text = workbook_add_format(bk->wb);
	f->day = workbook_add_format(bk->wb);
	f->month = workbook_add_format(bk->wb);
	f->stamp = workbook_add_format(bk->wb);
	if (!f->head || !f->text || !f->day || !f->month || !f->stamp)
		return false;
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(f->day, "yyyy-mm-dd");
	format_set_align(f->day, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(f->day, LXW_ALIGN_LEFT);
	format_set_num_format(f->month, "yyyy-mm");
	format_set_align(f->month, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(f->month, LXW_ALIGN_LEFT);
	format_set_num_format(f->stamp, "yyyy-mm-dd hh:mm");
	format_set_align(f->stamp, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(f->stamp, LXW_ALIGN_LEFT);
	return true;
}

/* The first sheet: every country of the collection, its status, revision,
 * time, questionnaire, file, the reason it was not taken and the
 * signature of the plan taken. */
static void
status_sheet(book *bk, lxw_worksheet *ws)
{
	const collect_run *r = bk->r;
	const collect_lang *lg = &r->lang;
	const char *heads[] = {
		collect_tr(lg, N_("Country")),
		collect_tr(lg, N_("Code")),
		collect_tr(lg, N_("Status")),
		collect_tr(lg, N_("Revision")),
		collect_tr(lg, N_("Modified")),
		collect_tr(lg, N_("Questionnaire")),
		collect_tr(lg, N_("File")),
		collect_tr(lg, N_("Why not taken")),
		collect_tr(lg, N_("Signature")),
	};
	const double widths[] = {WIDTH_COUNTRY, 8, WIDTH_SHORT, 10,
				 WIDTH_SHORT, WIDTH_SHORT, 40, WIDTH_TEXT,
				 WIDTH_LINE};

	for (lxw_col_t c = 0; c < sizeof(heads) / sizeof(heads[0]); c++) {
		put_string(bk, ws, 0, c, heads[c], bk->f.head);
		worksheet_set_column(ws, c, c, widths[c], NULL);
	}
	worksheet_freeze_panes(ws, 1, 1);
	for (size_t i = 0; i < r->status.n; i++) {
		const collect_status *st = &r->status.v[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		put_text(bk, ws, row, 0,
			 st->name[0] ? st->name
				     : collect_tr(lg, N_("(no country)")),
			 bk->f.text);
		put_string(bk, ws, row, 1, st->code, bk->f.text);
		put_string(bk, ws, row, 2, collect_status_word(lg, st->kind),
			   bk->f.text);
		if (st->kind != COLLECT_NOT_RECEIVED && st->path &&
		    worksheet_write_number(ws, row, 3, (double)st->revision,
					   NULL) != LXW_NO_ERROR &&
		    bk->err == LXW_NO_ERROR)
			bk->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		if (st->modified)
			put_date(bk, ws, row, 4, st->modified);
		if (st->plan) {
			const qn *q = r->views[st->group].g->qn;

			sbuf_reset(&bk->cell);
			sbuf_printf(&bk->cell, "%s v%ld", q->id, q->version);
			put_text(bk, ws, row, 5, sbuf_cstr(&bk->cell),
				 bk->f.text);
		}
		put_string(bk, ws, row, 6, st->path, bk->f.text);
		put_text(bk, ws, row, 7, st->reason, bk->f.text);
		/* The plan taken's signature, as report.txt says it. */
		if (st->plan) {
			const collect_sig *sig = &st->plan->sig;

			sbuf_reset(&bk->cell);
			sbuf_str(&bk->cell, collect_sig_text(lg, sig->status));
			if (sig->key_id[0])
				sbuf_printf(&bk->cell, " (%s)", sig->key_id);
			put_text(bk, ws, row, 8, sbuf_cstr(&bk->cell),
				 bk->f.text);
		}
	}
}

/* A column's width by its item's type: paragraphs wide, one-word answers
 * narrow. */
static double
item_width(const qn_item *it)
{
	switch (itype_of(it)->input) {
	case ITYPE_TEXT:
		return WIDTH_TEXT;
	case ITYPE_LINE:
		return it->type == QN_DATE ? WIDTH_SHORT : WIDTH_LINE;
	case ITYPE_ONE:
		return it->explain ? WIDTH_TEXT : WIDTH_SHORT;
	case ITYPE_MANY:
		break;
	}
	return it->explain ? WIDTH_TEXT : WIDTH_LINE;
}

/* Plan k's answer to item i into its cell. */
static void
answer_cell(book *bk, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
	    size_t k, size_t i)
{
	const collect_run *r = bk->r;
	const plan *p = bk->v->g->plans[k]->plan;
	const qn_item *it = &p->qn->items[i];
	const plan_answer *a = &p->answers[i];
	size_t whole;

	switch (collect_state(bk->v, k, i)) {
	case COLLECT_MISSING:
		return;
	case COLLECT_NA:
		if (a->na_reason == NULL) {
			put_string(bk, ws, row, col,
				   collect_tr(&r->lang, N_("not applicable")),
				   bk->f.text);
			return;
		}
		break;
	default:
		/* A date as a date, unless an explanation goes with it. */
		if (it->type == QN_DATE &&
		    !(a->explanation && a->explanation[0]) &&
		    put_date(bk, ws, row, col, a->value))
			return;
		break;
	}
	cell_text(r, bk->v, k, i, &bk->tmp, &bk->cell, &whole);
	put_string(bk, ws, row, col, sbuf_cstr(&bk->cell), bk->f.text);
}

/* Section s: a row per country, a column per item (the country item is
 * the first column already). */
static void
section_sheet(book *bk, lxw_worksheet *ws, size_t s)
{
	const collect_run *r = bk->r;
	const collect_group *g = bk->v->g;
	const qn *q = g->qn;
	const qn_section *sec = &q->sections[s];
	lxw_col_t col = 1;

	put_string(bk, ws, 0, 0, collect_tr(&r->lang, N_("Country")),
		   bk->f.head);
	worksheet_set_column(ws, 0, 0, WIDTH_COUNTRY, NULL);
	for (size_t i = sec->first; i < sec->first + sec->n_items; i++) {
		if ((long)i == q->country_item)
			continue;
		sbuf_reset(&bk->tmp);
		collect_item_label(&bk->tmp, &r->lang, q, i);
		if (q->items[i].number[0]) {
			sbuf_char(&bk->tmp, '\n');
			sbuf_str(&bk->tmp,
				 i18n_cat_qn(r->lang.cat, q, I18N_ITEM_TITLE,
					     i, 0));
		}
		sbuf_reset(&bk->cell);
		cell_escape(&bk->cell, sbuf_cstr(&bk->tmp), bk->tmp.len);
		put_string(bk, ws, 0, col, sbuf_cstr(&bk->cell), bk->f.head);
		worksheet_set_column(ws, col, col, item_width(&q->items[i]),
				     NULL);
		col++;
	}
	worksheet_freeze_panes(ws, 1, 1);
	for (size_t k = 0; k < g->n_plans; k++) {
		lxw_row_t row = (lxw_row_t)(k + 1);

		put_text(bk, ws, row, 0,
			 collect_country_name(&r->lang, g->plans[k]),
			 bk->f.text);
		col = 1;
		for (size_t i = sec->first; i < sec->first + sec->n_items;
		     i++) {
			if ((long)i == q->country_item)
				continue;
			answer_cell(bk, ws, row, col++, k, i);
		}
	}
}

/* The document's time: the newest plan's modification, so that the same
 * plans give the same bytes (libxlsxwriter writes the time it is given
 * into docProps/core.xml; its zip entries carry no clock time). */
static time_t
newest(const collect_group *g)
{
	const char *best = "";
	struct tm tm = {0};

	for (size_t k = 0; k < g->n_plans; k++)
		if (strcmp(g->plans[k]->plan->modified, best) > 0)
			best = g->plans[k]->plan->modified;
	if (sscanf(best, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 946684800; /* 2000-01-01 */
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static bool
workbook(const collect_run *r, size_t group, void *state, size_t piece,
	 collect_out *o, diag_list *diags)
{
	const collect_gview *v = &r->views[group];
	const qn *q = v->g->qn;
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE,
				     .tmpdir = v->dir};
	lxw_doc_properties props = {0};
	char (*names)[SHEET_NAME_SIZE] = NULL;
	book bk = {.r = r, .v = v, .tmp = SBUF_INIT, .cell = SBUF_INIT};
	char *path = store_join(v->dir, "answers.xlsx");
	lxw_worksheet *ws;
	lxw_error closed;
	bool ok = false;

	names = calloc(q->n_sections + 1, sizeof(*names));
	if (path == NULL || names == NULL) {
		bk.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		goto out;
	}
	bk.wb = workbook_new_opt(path, &opts);
	if (bk.wb == NULL) {
		bk.err = LXW_ERROR_CREATING_XLSX_FILE;
		goto out;
	}
	props.title = (char *)i18n_cat_qn(r->lang.cat, q, I18N_QN_TITLE, 0, 0);
	props.created = newest(v->g);
	workbook_set_properties(bk.wb, &props);
	if (!make_formats(&bk)) {
		bk.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		goto close;
	}
	sheet_name(names[0], collect_tr(&r->lang, N_("Status")), names, 0);
	ws = workbook_add_worksheet(bk.wb, names[0]);
	if (ws == NULL) {
		bk.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		goto close;
	}
	status_sheet(&bk, ws);
	for (size_t s = 0; s < q->n_sections && bk.err == LXW_NO_ERROR;
	     s++) {
		sheet_name(names[s + 1],
			   i18n_cat_qn(r->lang.cat, q, I18N_SECTION_TITLE, s,
				       0),
			   names, s + 1);
		ws = workbook_add_worksheet(bk.wb, names[s + 1]);
		if (ws == NULL) {
			bk.err = LXW_ERROR_SHEETNAME_ALREADY_USED;
			break;
		}
		section_sheet(&bk, ws, s);
	}
close:
	/* Always closed: it frees the workbook, and writes the file only
	 * now. */
	closed = workbook_close(bk.wb);
	if (bk.err == LXW_NO_ERROR)
		bk.err = closed;
	(void)o;
out:
	if (bk.tmp.failed || bk.cell.failed)
		diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s"),
			       path ? path : "answers.xlsx");
	else if (bk.err != LXW_NO_ERROR)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot write %s: %s"),
			 path ? path : "answers.xlsx", lxw_strerror(bk.err));
	else
		ok = true;
	free(names);
	free(path);
	sbuf_free(&bk.tmp);
	sbuf_free(&bk.cell);
	return ok;
}

const collect_output collect_output_workbook = {
	.name = "answers.xlsx",
	.per_group = true,
	.piece = workbook,
};
