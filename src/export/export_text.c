/* Exports of a plan: the plain text laid out like the ARIAT country action
 * plans of 2000 (title, headings, "N. Title:" and paragraphs), in the plan's
 * language, and YAML. */
#include "export.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itype.h"
#include "planio.h"
#include "utext_show.h"

#define DEFAULT_WIDTH 72
/* Tab stops every 4 columns, counted from the start of the answer's line
 * before wrapping: keeps simple tab-aligned lists readable without eating
 * much of the 72 columns, and does not depend on where a line wraps. */
#define TAB_STOP 4
/* A bullet's continuation lines are indented by the marker's width. */
#define BULLET_INDENT 2

/* The text export's own words are in the plan's language, looked up in a
 * catalog read from the .mo file (i18n_cat_get), not through gettext: the
 * same plan gives the same bytes under any locale. They are marked with
 * NC_ under this context. */
#define XCTX "text export"

/* What export_sanitize makes of the character at s[*pos] that the
 * harmless-text rule does not show as it is (a tab excepted): appended to
 * b (when b is not NULL); returns its width. */
static size_t
shown_char(sbuf *b, const char *s, size_t len, size_t *pos, bool one_line)
{
	size_t start = *pos;
	char esc[UTEXT_ESCAPE_SIZE];
	uint32_t cp;

	if (utext_decode(s, len, pos, &cp) != UTEXT_OK) {
		/* Plans are strict UTF-8; anything else is replaced. */
		*pos = start + 1;
		if (b)
			sbuf_str(b, "\xef\xbf\xbd");
		return 1;
	}
	if (cp == '\n') {
		if (b)
			sbuf_char(b, one_line ? ' ' : '\n');
		return 1;
	}
	if (b)
		sbuf_add(b, esc, utext_escape(cp, esc));
	return utext_escape_width(cp);
}

/* Display width of what export_sanitize makes of s[from..to), which holds
 * no tab ('\n' only in one-line mode, where it becomes a space). Only
 * asked for at a tab, which is rare: the usual text is copied without
 * measuring every character. */
static size_t
span_width(const char *s, size_t from, size_t to)
{
	size_t pos = from, col = 0, run;

	while (pos < to) {
		run = utext_shown_run(s + pos, to - pos, 0);
		col += utext_width(s + pos, run, utext_width_default);
		pos += run;
		if (pos < to)
			col += shown_char(NULL, s, to, &pos, true);
	}
	return col;
}

/* The text's harmless form (utext_show.h): newlines kept (or spaces in
 * one-line mode), tabs expanded to the next tab stop. */
void
export_sanitize(sbuf *b, const char *s, size_t len, bool one_line)
{
	/* col is the output's width from the line's start up to the input
	 * offset col_at. */
	size_t pos = 0, run, start, col = 0, col_at = 0;

	while (pos < len) {
		/* Runs of text shown as it is, most of any answer, go as
		 * they are. */
		run = utext_shown_run(s + pos, len - pos, 0);
		if (run > 0) {
			sbuf_add(b, s + pos, run);
			pos += run;
			continue;
		}
		if (s[pos] == '\t') {
			col += span_width(s, col_at, pos);
			do {
				sbuf_char(b, ' ');
				col++;
			} while (col % TAB_STOP != 0);
			col_at = ++pos;
			continue;
		}
		start = pos;
		shown_char(b, s, len, &pos, one_line);
		if (s[start] == '\n' && !one_line) {
			col = 0;
			col_at = pos;
		}
	}
}

void
export_one_line(sbuf *b, const char *s, size_t len)
{
	sbuf t = SBUF_INIT;
	bool space = false, any = false;

	export_sanitize(&t, s, len, true);
	for (size_t k = 0; k < t.len; k++) {
		if (t.s[k] == ' ') {
			space = true;
			continue;
		}
		if (space && any)
			sbuf_char(b, ' ');
		space = false;
		any = true;
		sbuf_char(b, t.s[k]);
	}
	if (t.failed)
		sbuf_fail(b, t.err);
	sbuf_free(&t);
}

static bool
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

void
export_layout_init(export_layout *l, sbuf *out, size_t width)
{
	memset(l, 0, sizeof(*l));
	l->out = out;
	l->width = width ? width : DEFAULT_WIDTH;
}

void
export_layout_reset(export_layout *l)
{
	l->started = false;
	l->blank = false;
}

void
export_layout_free(export_layout *l)
{
	if (l == NULL)
		return;
	free(l->lines);
	l->lines = NULL;
	l->n_lines = 0;
	sbuf_free(&l->tmp);
}

void
export_blank(export_layout *l)
{
	l->blank = true;
}

/* Adds one output line (prefix + text), without trailing spaces. */
static void
out_line(export_layout *l, const char *prefix, const char *s, size_t len)
{
	size_t plen = strlen(prefix);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		while (plen > 0 && prefix[plen - 1] == ' ')
			plen--;
	if (l->blank && l->started)
		sbuf_char(l->out, '\n');
	l->blank = false;
	l->started = true;
	sbuf_add(l->out, prefix, plen);
	sbuf_add(l->out, s, len);
	sbuf_char(l->out, '\n');
}

/* Wraps s to width and writes its lines, the first after first, the
 * others after rest. */
static void
out_wrap(export_layout *l, const char *first, const char *rest,
	 const char *s, size_t len, size_t width)
{
	if (!utext_wrap(s, len, width, utext_width_default, &l->lines,
			&l->n_lines)) {
		sbuf_fail(l->out, ENOMEM);
		return;
	}
	for (size_t i = 0; i < l->n_lines; i++)
		out_line(l, i == 0 ? first : rest, s + l->lines[i].start,
			 l->lines[i].end - l->lines[i].start);
}

void
export_wrapped(export_layout *l, const char *s, size_t len)
{
	const char *first = "", *rest = "";
	char marker[BULLET_INDENT + 1];
	size_t width = l->width;

	if (len >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ') {
		marker[0] = s[0];
		marker[1] = ' ';
		marker[2] = '\0';
		first = marker;
		rest = "  ";
		s += 2;
		len -= 2;
		width = width > BULLET_INDENT + 1 ? width - BULLET_INDENT : 1;
	}
	out_wrap(l, first, rest, s, len, width);
}

/* Paragraphs (runs of lines separated by blank lines) with one blank line
 * between them; inside a paragraph each line is kept as a line of its own
 * and wrapped. Sanitized a line at a time (tab stops count from the
 * line's start anyway), and only the lines that need it. */
void
export_paragraphs(export_layout *l, const char *text, size_t len)
{
	size_t pos = 0, end, n;
	const char *s, *nl;

	while (pos < len) {
		nl = memchr(text + pos, '\n', len - pos);
		end = nl ? (size_t)(nl - text) : len;
		s = text + pos;
		n = end - pos;
		pos = end + 1;
		if (utext_shown_run(s, n, UTEXT_KEEP_NEWLINE) != n) {
			sbuf_reset(&l->tmp);
			export_sanitize(&l->tmp, s, n, false);
			if (l->tmp.failed) {
				sbuf_fail(l->out, l->tmp.err);
				return;
			}
			s = sbuf_cstr(&l->tmp);
			n = l->tmp.len;
		}
		if (is_blank(s, n))
			export_blank(l);
		else
			export_wrapped(l, s, n);
	}
}

/* Writes raw (unsanitized) text as one wrapped paragraph. */
static void
out_raw_line(export_layout *l, const char *s, size_t len)
{
	sbuf_reset(&l->tmp);
	export_sanitize(&l->tmp, s, len, true);
	if (l->tmp.failed)
		sbuf_fail(l->out, l->tmp.err);
	else
		export_wrapped(l, sbuf_cstr(&l->tmp), l->tmp.len);
}

/* The text export's state: the layout, and whose words it uses. */
typedef struct out {
	sbuf b;
	export_layout l;
	const qn *q;
	const i18n_cat *cat; /* the plan's language; NULL: English */
	bool bilingual;
} out;

void
export_not_applicable(sbuf *b, const i18n_cat *cat, const char *reason)
{
	/* TRANSLATORS: an item marked as not applying, in the exports; keep
	 * {reason}, the official's own words. */
	const char *t = i18n_cat_get(cat, XCTX,
				     NC_("text export",
					 "Does not apply: {reason}"));
	const char *at = strstr(t, "{reason}");

	if (at == NULL) {
		/* A catalog without the placeholder still shows the words. */
		sbuf_printf(b, "%s %s", t, reason);
		return;
	}
	sbuf_add(b, t, (size_t)(at - t));
	sbuf_str(b, reason);
	sbuf_str(b, at + strlen("{reason}"));
}

bool
export_value(sbuf *b, const i18n_cat *cat, const plan *p, size_t item,
	     bool month_year)
{
	const qn_item *it = &p->qn->items[item];
	const plan_answer *a = &p->answers[item];
	const itype *ty = itype_of(it);

	if (a->na_reason != NULL) {
		export_not_applicable(b, cat, a->na_reason);
		return true;
	}
	if (itype_is_many(it) ? a->n_values == 0 : !a->value || !a->value[0])
		return false;
	if (ty->format)
		ty->format(b, cat, p->qn, item, a, month_year);
	else
		sbuf_str(b, a->value);
	return true;
}

/* True when s (of length t) ends with this UTF-8 sequence. */
static bool
ends_with(const char *s, size_t t, const char *end)
{
	size_t n = strlen(end);

	return t >= n && memcmp(s + t - n, end, n) == 0;
}

/* "6. " for a numbered item: the number, with a period added unless it
 * ends in one already. */
static void
format_number(sbuf *b, const qn_item *it)
{
	size_t n = strlen(it->number);

	sbuf_str(b, it->number);
	if (it->number[n - 1] != '.' && it->number[n - 1] != ')')
		sbuf_char(b, '.');
	sbuf_char(b, ' ');
}

void
export_item_head(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
		 bool numbered)
{
	const qn_item *it = &q->items[item];
	const char *title = i18n_cat_qn(cat, q, I18N_ITEM_TITLE, item, 0);
	size_t t;

	if (numbered && it->number && it->number[0])
		format_number(b, it);
	sbuf_str(b, title);
	t = strlen(title);
	while (t > 0 && title[t - 1] == ' ')
		t--;
	if (t == 0 || (title[t - 1] != '?' && title[t - 1] != ':' &&
		       title[t - 1] != '.' && !ends_with(title, t, "\uff1f") &&
		       !ends_with(title, t, "\uff1a") &&
		       !ends_with(title, t, "\u3002")))
		/* TRANSLATORS: after an item's title in the text export
		 * ("Country: Thailand"); Chinese uses a full-width colon. */
		sbuf_str(b, i18n_cat_get(cat, XCTX, NC_("text export", ":")));
}

/* The space between "Title:" and the value; none after full-width
 * punctuation ("国家：泰国"), which carries its own space. */
static void
space_before_value(sbuf *b)
{
	const unsigned char *end = (const unsigned char *)b->s + b->len;

	/* U+3000..U+303F and U+FF01..U+FF5E are E3 80 80..E3 80 BF and
	 * EF BC 81..EF BD 9E in UTF-8. */
	if (b->len >= 3 && ((end[-3] == 0xe3 && end[-2] == 0x80) ||
			    (end[-3] == 0xef && (end[-2] == 0xbc ||
						 end[-2] == 0xbd))))
		return;
	sbuf_char(b, ' ');
}

/* In a bilingual export, the English original of a translated title or
 * heading, in brackets on the lines after it, indented to the title's
 * text. Nothing when the text is not translated. */
static void
out_english(out *o, size_t indent, const char *translated,
	    const char *english)
{
	sbuf t = SBUF_INIT;
	char pad[16];
	size_t width;

	if (!o->bilingual || !o->cat || !english || !english[0] ||
	    !strcmp(translated, english))
		return;
	if (indent > sizeof(pad) - 1)
		indent = sizeof(pad) - 1;
	memset(pad, ' ', indent);
	pad[indent] = '\0';
	sbuf_char(&t, '[');
	export_sanitize(&t, english, strlen(english), true);
	sbuf_char(&t, ']');
	width = o->l.width > indent + 1 ? o->l.width - indent : 1;
	if (t.failed)
		sbuf_fail(&o->b, t.err);
	else
		out_wrap(&o->l, pad, pad, t.s, t.len, width);
	sbuf_free(&t);
}

/* The English title of an item under its translated head. */
static void
out_item_english(out *o, size_t item, bool numbered)
{
	const qn_item *it = &o->q->items[item];
	sbuf num = SBUF_INIT;

	if (!o->bilingual || !o->cat)
		return;
	if (numbered && it->number[0])
		format_number(&num, it);
	out_english(o, num.len,
		    i18n_cat_qn(o->cat, o->q, I18N_ITEM_TITLE, item, 0),
		    it->title);
	if (num.failed)
		sbuf_fail(&o->b, num.err);
	sbuf_free(&num);
}

static bool
item_printed(const plan *p, size_t i, bool draft)
{
	return plan_item_shown(p, i) && (draft || plan_answered(p, i));
}

static void
out_text(out *o, const char *text)
{
	export_paragraphs(&o->l, text, strlen(text));
}

/* One item of an ordinary section. */
static void
out_item(out *o, const plan *p, size_t i, bool draft)
{
	const qn_item *it = &p->qn->items[i];
	const plan_answer *a = &p->answers[i];
	const char *no_answer = i18n_cat_get(o->cat, XCTX,
					     NC_("text export", "(no answer)"));
	bool numbered = it->number && it->number[0];
	sbuf head = SBUF_INIT;

	if (itype_of(it)->input == ITYPE_TEXT && a->na_reason == NULL) {
		bool has = a->value && a->value[0];

		/* An unnumbered text (an introduction) is just its
		 * paragraphs, as in the printed plans. */
		if (!numbered && has) {
			out_text(o, a->value);
			goto out;
		}
		export_item_head(&head, o->cat, p->qn, i, true);
		if (!head.failed)
			out_raw_line(&o->l, sbuf_cstr(&head), head.len);
		out_item_english(o, i, true);
		export_blank(&o->l);
		out_text(o, has ? a->value : no_answer);
		goto out;
	}
	export_item_head(&head, o->cat, p->qn, i, true);
	space_before_value(&head);
	if (!export_value(&head, o->cat, p, i, false)) {
		if (draft)
			sbuf_str(&head, no_answer);
	}
	if (head.failed)
		goto out;
	out_raw_line(&o->l, head.s, head.len);
	out_item_english(o, i, true);
	if (it->explain && a->explanation && a->explanation[0]) {
		export_blank(&o->l);
		out_text(o, a->explanation);
	}
out:
	if (head.failed)
		sbuf_fail(&o->b, head.err);
	sbuf_free(&head);
}

/* A details section: "Label: value" lines in one block. */
static void
out_details(out *o, const plan *p, const qn_section *sec)
{
	for (size_t i = sec->first; i < sec->first + sec->n_items; i++) {
		sbuf line = SBUF_INIT;

		if (!plan_item_shown(p, i))
			continue;
		export_item_head(&line, o->cat, p->qn, i, false);
		space_before_value(&line);
		if (export_value(&line, o->cat, p, i, false)) {
			if (line.failed) {
				sbuf_fail(&o->b, line.err);
			} else {
				out_raw_line(&o->l, line.s, line.len);
				out_item_english(o, i, false);
			}
		}
		sbuf_free(&line);
	}
}

/* A section's heading (if it has one) and a blank line. */
static void
out_heading(out *o, size_t section)
{
	const char *en = o->q->sections[section].heading;
	const char *h = i18n_cat_qn(o->cat, o->q, I18N_SECTION_HEADING,
				    section, 0);

	if (!h || !h[0])
		return;
	out_raw_line(&o->l, h, strlen(h));
	out_english(o, 0, h, en);
	export_blank(&o->l);
}

static const qn_item *
find_item(const qn *q, const char *id, size_t len, size_t *index)
{
	for (size_t i = 0; i < q->n_items; i++) {
		if (strlen(q->items[i].id) == len &&
		    memcmp(q->items[i].id, id, len) == 0) {
			*index = i;
			return &q->items[i];
		}
	}
	return NULL;
}

/* The plan's title from the questionnaire's plan_title: each {ITEM-ID}
 * becomes that item's answer (dates as "January 2000"). An unanswered
 * item gives nothing, and parentheses left empty around it go too, so a
 * draft without a date reads "Country Action Plan of Thailand" rather
 * than "... Thailand ()". Unknown ids stay as written. Spaces are then
 * collapsed and trimmed. */
void
export_title(sbuf *b, const plan *p, const i18n_cat *cat)
{
	const qn *q = p->qn;
	const char *tpl = q->plan_title && q->plan_title[0]
				  ? i18n_cat_qn(cat, q, I18N_QN_PLAN_TITLE, 0, 0)
				  : i18n_cat_qn(cat, q, I18N_QN_TITLE, 0, 0);
	sbuf raw = SBUF_INIT;
	size_t i = 0, n, idx;

	if (!tpl)
		tpl = "";
	n = strlen(tpl);
	while (i < n) {
		const char *close;
		const qn_item *it;
		size_t before;

		if (tpl[i] != '{' ||
		    !(close = memchr(tpl + i, '}', n - i)) ||
		    !(it = find_item(q, tpl + i + 1,
				     (size_t)(close - tpl) - i - 1, &idx))) {
			sbuf_char(&raw, tpl[i]);
			i++;
			continue;
		}
		before = raw.len;
		export_value(&raw, cat, p, idx, true);
		i = (size_t)(close - tpl) + 1;
		if (raw.len == before && before > 0 &&
		    raw.s[before - 1] == '(' && i < n && tpl[i] == ')') {
			raw.len--;
			raw.s[raw.len] = '\0';
			i++;
		} else if (raw.len == before &&
			   ends_with(sbuf_cstr(&raw), before, "\uff08") &&
			   !strncmp(tpl + i, "\uff09", 3)) {
			/* The same with full-width parentheses (Chinese). */
			raw.len -= 3;
			raw.s[raw.len] = '\0';
			i += 3;
		}
	}
	/* Collapsed and trimmed (answers may hold tabs or line ends). */
	export_one_line(b, sbuf_cstr(&raw), raw.len);
	if (raw.failed)
		sbuf_fail(b, raw.err);
	sbuf_free(&raw);
}

char *
export_text(const plan *p, const export_options *opt, size_t *len,
	    diag_list *diags)
{
	out o = {0};
	sbuf title = SBUF_INIT, english = SBUF_INIT;
	const qn *q;
	bool draft = opt && opt->draft;
	char *result = NULL;
	i18n_cat *cat = NULL;
	size_t s, i;

	export_layout_init(&o.l, &o.b, opt ? opt->width : 0);
	if (!p || !p->qn) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("text export: no plan"));
		goto out;
	}
	q = p->qn;
	/* The plan's language, not the reader's: the answers are in it. */
	if (q->language_item >= 0) {
		size_t errors = diags->n_errors;

		cat = i18n_cat_open(i18n_localedir(),
				    p->answers[q->language_item].value, diags);
		/* Out of memory: not quietly in English instead. */
		if (diags->n_errors > errors)
			goto out;
	}
	o.q = q;
	o.cat = cat;
	o.bilingual = opt && opt->bilingual;
	if (draft) {
		const char *mark = i18n_cat_get(cat, XCTX,
						NC_("text export",
						    /* TRANSLATORS: the first
						     * line of a draft. */
						    "DRAFT - not a final plan"));

		/* Sanitized: a catalog is a file from outside. */
		out_raw_line(&o.l, mark, strlen(mark));
		export_blank(&o.l);
	}
	export_title(&title, p, cat);
	if (title.failed)
		goto oom;
	/* The title is already sanitized (export_title). */
	export_wrapped(&o.l, sbuf_cstr(&title), title.len);
	if (o.bilingual && cat) {
		export_title(&english, p, NULL);
		if (english.failed)
			goto oom;
		out_english(&o, 0, sbuf_cstr(&title), sbuf_cstr(&english));
	}
	export_blank(&o.l);

	/* Plan details come right after the title, whatever their place in
	 * the questionnaire. */
	for (s = 0; s < q->n_sections; s++) {
		const qn_section *sec = &q->sections[s];
		bool any = false;

		if (!sec->details)
			continue;
		for (i = sec->first; i < sec->first + sec->n_items; i++)
			any = any || (plan_item_shown(p, i) &&
				      plan_answered(p, i));
		if (!any)
			continue;
		out_heading(&o, s);
		out_details(&o, p, sec);
		export_blank(&o.l);
	}
	for (s = 0; s < q->n_sections; s++) {
		const qn_section *sec = &q->sections[s];
		bool any = false;

		if (sec->details)
			continue;
		for (i = sec->first; i < sec->first + sec->n_items; i++)
			any = any || item_printed(p, i, draft);
		if (!any)
			continue;
		out_heading(&o, s);
		for (i = sec->first; i < sec->first + sec->n_items; i++) {
			if (!item_printed(p, i, draft))
				continue;
			out_item(&o, p, i, draft);
			export_blank(&o.l);
		}
	}
	if (o.b.len == 0)
		sbuf_char(&o.b, '\n');
	if (o.b.failed || !i18n_cat_complete(cat))
		goto oom;
	result = sbuf_take(&o.b, len);
	if (result == NULL)
		goto oom;
	goto out;
oom:
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
		 _("text export: out of memory"));
out:
	export_layout_free(&o.l);
	sbuf_free(&o.b);
	sbuf_free(&title);
	sbuf_free(&english);
	i18n_cat_destroy(cat);
	return result;
}

/* The plan as made final: hidden items' answers are dropped (they were
 * only kept so a draft could change its mind), and a draft becoming final
 * gets the next revision, as the plan file format says; a plan that is
 * already final keeps its revision, so exporting it twice gives the same
 * bytes. */
char *
export_yaml(const plan *p, size_t *len, diag_list *diags)
{
	plan *c = NULL;
	char *buf = NULL;

	if (!p || !p->qn) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("YAML export: no plan"));
		goto out;
	}
	c = plan_clone(p);
	if (!c) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("YAML export: out of memory"));
		goto out;
	}
	/* Wrapping to revision 0 would make this final plan look older
	 * than every earlier one: plan_make_final refuses. */
	if (!plan_make_final(c)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("YAML export: the revision number %lu cannot be "
			   "raised"), c->revision);
		goto out;
	}
	buf = planio_serialize(c, len, diags);
out:
	plan_destroy(c);
	return buf;
}
