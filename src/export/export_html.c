/* The HTML export: one self-contained document to print and send, laid out
 * like the published plans (title, details, sections with headings, items
 * with their numbers and titles, answers as paragraphs), with its styles
 * inline, a print stylesheet, no script and nothing fetched. The text
 * comes from the same pieces as the text export, in the plan's language. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "itype.h"

/* The words are the text export's (its catalog context). */
#define XCTX "text export"

/* Screen: a column of text. Print: no paper size is forced, so that A4
 * and Letter both take it; margins that fit both; page numbers in the
 * margin box where the browser has them (Chromium 131 on); a heading is
 * never left alone at a page's foot (break-after: avoid keeps it with
 * the paragraph after it), nor a line of a paragraph (orphans, widows). */
static const char css[] =
	"html{font-family:\"Noto Serif\",\"DejaVu Serif\",\"Liberation Serif\","
	"serif;line-height:1.5;color:#000;background:#fff}\n"
	":lang(th){font-family:\"Norasi\",\"Garuda\",\"Loma\","
	"\"Noto Serif Thai\",serif}\n"
	":lang(zh){font-family:\"Noto Serif CJK SC\",\"WenQuanYi Micro Hei\","
	"serif}\n"
	"body{max-width:42em;margin:2em auto;padding:0 1em}\n"
	"h1{font-size:1.5em;text-align:center;margin:0 0 1em}\n"
	"h2{font-size:1.2em;margin:1.8em 0 .6em}\n"
	"h3{font-size:1em;margin:1.2em 0 .4em}\n"
	"h1,h2,h3{break-after:avoid;page-break-after:avoid;"
	"break-inside:avoid;page-break-inside:avoid}\n"
	"p,li{orphans:3;widows:3}\n"
	"p{margin:0 0 .7em}\n"
	".en{display:block;font-weight:normal;font-size:.85em;color:#333}\n"
	".draft{border:2px solid #000;padding:.3em;text-align:center;"
	"font-weight:bold}\n"
	"dl{display:grid;grid-template-columns:max-content auto;"
	"gap:.2em 1em;margin:0 0 1.5em}\n"
	"dt{font-weight:bold}dd{margin:0}\n"
	".na,.none{font-style:italic}\n"
	"@page{margin:20mm 18mm;"
	"@bottom-center{content:counter(page) \" / \" counter(pages);"
	"font-size:9pt}}\n"
	"@media print{body{max-width:none;margin:0;padding:0}}\n";

/* Text from a plan or a catalog: made harmless as the text export makes
 * it (control characters as "<U+001B>"), then escaped for element
 * content and quoted attributes. */
static void
esc(sbuf *b, sbuf *tmp, const char *s, size_t len)
{
	sbuf_reset(tmp);
	export_sanitize(tmp, s, len, false);
	for (size_t i = 0; i < tmp->len; i++) {
		char c = tmp->s[i];

		if (c == '&')
			sbuf_str(b, "&amp;");
		else if (c == '<')
			sbuf_str(b, "&lt;");
		else if (c == '>')
			sbuf_str(b, "&gt;");
		else if (c == '"')
			sbuf_str(b, "&quot;");
		else if (c == '\'')
			sbuf_str(b, "&#39;");
		else
			sbuf_char(b, c);
	}
	if (tmp->failed)
		sbuf_fail(b, tmp->err);
}

typedef struct html {
	sbuf b;
	sbuf tmp;      /* for esc */
	sbuf part;     /* a title or value being put together */
	const plan *p;
	const i18n_cat *cat; /* the plan's language; NULL: English */
	bool bilingual;
} html;

static void
put(html *h, const char *s)
{
	esc(&h->b, &h->tmp, s, strlen(s));
}

/* In a bilingual export, the English original under a translated title,
 * inside the heading (so that it keeps with it). */
static void
english(html *h, const char *translated, const char *en)
{
	if (!h->bilingual || h->cat == NULL || en == NULL || en[0] == '\0' ||
	    strcmp(translated, en) == 0)
		return;
	sbuf_str(&h->b, "<span class=\"en\" lang=\"en\">[");
	put(h, en);
	sbuf_str(&h->b, "]</span>");
}

/* A block of text: paragraphs split at blank lines, single line breaks
 * kept, lines starting with "* " or "- " as a list. */
static void
paragraphs(html *h, const char *text)
{
	const char *line = text;
	bool in_p = false, in_list = false;

	for (;;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);
		size_t k = strspn(line, " \t");
		bool blank = k >= n;
		bool bullet = !blank && n >= 2 &&
			      (line[0] == '*' || line[0] == '-') && line[1] == ' ';

		if ((blank || bullet) && in_p) {
			sbuf_str(&h->b, "</p>\n");
			in_p = false;
		}
		if (!bullet && !blank && in_list) {
			sbuf_str(&h->b, "</ul>\n");
			in_list = false;
		}
		if (bullet) {
			sbuf_str(&h->b, in_list ? "<li>" : "<ul>\n<li>");
			in_list = true;
			esc(&h->b, &h->tmp, line + 2, n - 2);
			sbuf_str(&h->b, "</li>\n");
		} else if (!blank) {
			sbuf_str(&h->b, in_p ? "<br>\n" : "<p>");
			in_p = true;
			esc(&h->b, &h->tmp, line, n);
		}
		if (nl == NULL) {
			/* Close what is open, then stop. */
			if (in_p)
				sbuf_str(&h->b, "</p>\n");
			if (in_list)
				sbuf_str(&h->b, "</ul>\n");
			break;
		}
		line = nl + 1;
	}
}

/* The item's title for a heading: "6. Title", the text export's head
 * without the colon it puts before a value. */
static void
item_title(html *h, size_t item, const i18n_cat *cat, sbuf *out)
{
	static const char *const colons[] = {":", "\xef\xbc\x9a", NULL};

	sbuf_reset(out);
	export_item_head(out, cat, h->p->qn, item, true);
	for (size_t k = 0; colons[k] != NULL; k++) {
		size_t n = strlen(colons[k]);

		if (out->len >= n &&
		    memcmp(out->s + out->len - n, colons[k], n) == 0) {
			out->len -= n;
			out->s[out->len] = '\0';
			break;
		}
	}
}

static void
item(html *h, size_t i, bool draft)
{
	const qn_item *it = &h->p->qn->items[i];
	const plan_answer *a = &h->p->answers[i];
	sbuf en = SBUF_INIT;

	/* An unnumbered text (an introduction) is just its paragraphs, as
	 * in the printed plans. */
	if (it->number[0] != '\0' || itype_of(it)->input != ITYPE_TEXT ||
	    a->na_reason != NULL || !plan_answered(h->p, i)) {
		item_title(h, i, h->cat, &h->part);
		sbuf_str(&h->b, "<h3>");
		put(h, sbuf_cstr(&h->part));
		if (h->bilingual && h->cat != NULL) {
			item_title(h, i, NULL, &en);
			english(h, sbuf_cstr(&h->part), sbuf_cstr(&en));
		}
		sbuf_str(&h->b, "</h3>\n");
	}
	sbuf_reset(&h->part);
	if (a->na_reason != NULL) {
		export_not_applicable(&h->part, h->cat, a->na_reason);
		sbuf_str(&h->b, "<p class=\"na\">");
		put(h, sbuf_cstr(&h->part));
		sbuf_str(&h->b, "</p>\n");
	} else if (itype_of(it)->input == ITYPE_TEXT && a->value != NULL) {
		paragraphs(h, a->value);
	} else if (export_value(&h->part, h->cat, h->p, i, false)) {
		paragraphs(h, sbuf_cstr(&h->part));
	} else if (draft) {
		sbuf_str(&h->b, "<p class=\"none\">");
		put(h, i18n_cat_get(h->cat, XCTX,
				    NC_("text export", "(no answer)")));
		sbuf_str(&h->b, "</p>\n");
	}
	if (it->explain && a->explanation != NULL && a->explanation[0])
		paragraphs(h, a->explanation);
	if (en.failed)
		sbuf_fail(&h->b, en.err);
	sbuf_free(&en);
}

/* A details section: its heading, then "Label" and value pairs. */
static void
details(html *h, size_t s)
{
	const qn *q = h->p->qn;
	const qn_section *sec = &q->sections[s];
	bool open = false;

	for (size_t i = sec->first; i < sec->first + sec->n_items; i++) {
		const char *title = i18n_cat_qn(h->cat, q, I18N_ITEM_TITLE, i,
						0);

		if (!plan_item_shown(h->p, i))
			continue;
		sbuf_reset(&h->part);
		if (!export_value(&h->part, h->cat, h->p, i, false))
			continue;
		if (!open)
			sbuf_str(&h->b, "<dl>\n");
		open = true;
		sbuf_str(&h->b, "<dt>");
		put(h, title);
		english(h, title, q->items[i].title);
		sbuf_str(&h->b, "</dt><dd>");
		put(h, sbuf_cstr(&h->part));
		sbuf_str(&h->b, "</dd>\n");
	}
	if (open)
		sbuf_str(&h->b, "</dl>\n");
}

static void
section(html *h, size_t s, bool draft)
{
	const qn *q = h->p->qn;
	const qn_section *sec = &q->sections[s];
	const char *heading = i18n_cat_qn(h->cat, q, I18N_SECTION_HEADING, s,
					  0);
	bool any = false;

	for (size_t i = sec->first; i < sec->first + sec->n_items; i++)
		any = any || (plan_item_shown(h->p, i) &&
			      (draft || plan_answered(h->p, i)));
	if (!any)
		return;
	sbuf_str(&h->b, "<section>\n");
	if (heading != NULL && heading[0] != '\0') {
		sbuf_str(&h->b, "<h2>");
		put(h, heading);
		english(h, heading, sec->heading);
		sbuf_str(&h->b, "</h2>\n");
	}
	for (size_t i = sec->first; i < sec->first + sec->n_items; i++)
		if (plan_item_shown(h->p, i) && (draft || plan_answered(h->p, i)))
			item(h, i, draft);
	sbuf_str(&h->b, "</section>\n");
}

/* The plan's language as a lang attribute: a language code (letters,
 * digits and '-', as the questionnaire's pattern asks), else the
 * questionnaire's language. */
static const char *
lang_of(const plan *p)
{
	const char *v = p->qn->language_item >= 0
				? p->answers[p->qn->language_item].value
				: NULL;

	if (v == NULL || v[0] == '\0' || strlen(v) > 35 ||
	    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789-") != strlen(v))
		return p->qn->language;
	return v;
}

char *
export_html(const plan *p, const export_options *opt, size_t *len,
	    diag_list *diags)
{
	html h = {.b = SBUF_INIT, .tmp = SBUF_INIT, .part = SBUF_INIT};
	bool draft = opt && opt->draft;
	i18n_cat *cat = NULL;
	sbuf en = SBUF_INIT;
	char *result = NULL;
	const qn *q;

	if (!p || !p->qn) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("HTML export: no plan"));
		return NULL;
	}
	q = p->qn;
	if (q->language_item >= 0)
		cat = i18n_cat_open(i18n_localedir(),
				    p->answers[q->language_item].value, diags);
	h.p = p;
	h.cat = cat;
	h.bilingual = opt && opt->bilingual;
	export_title(&h.part, p, cat);
	sbuf_str(&h.b, "<!DOCTYPE html>\n<html lang=\"");
	put(&h, lang_of(p));
	/* Nothing is fetched and nothing runs, whatever a plan holds. */
	sbuf_str(&h.b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" "
		       "content=\"default-src 'none'; style-src "
		       "'unsafe-inline'\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n<title>");
	put(&h, sbuf_cstr(&h.part));
	sbuf_str(&h.b, "</title>\n<style>\n");
	sbuf_str(&h.b, css);
	sbuf_str(&h.b, "</style>\n</head>\n<body>\n<header>\n");
	if (draft) {
		sbuf_str(&h.b, "<p class=\"draft\">");
		put(&h, i18n_cat_get(cat, XCTX,
				     NC_("text export",
					 "DRAFT - not a final plan")));
		sbuf_str(&h.b, "</p>\n");
	}
	sbuf_str(&h.b, "<h1>");
	put(&h, sbuf_cstr(&h.part));
	if (h.bilingual && cat != NULL) {
		export_title(&en, p, NULL);
		english(&h, sbuf_cstr(&h.part), sbuf_cstr(&en));
	}
	sbuf_str(&h.b, "</h1>\n</header>\n");
	/* Plan details right after the title, as in the text export. */
	for (size_t s = 0; s < q->n_sections; s++)
		if (q->sections[s].details)
			details(&h, s);
	for (size_t s = 0; s < q->n_sections; s++)
		if (!q->sections[s].details)
			section(&h, s, draft);
	sbuf_str(&h.b, "</body>\n</html>\n");
	if (h.part.failed || h.tmp.failed || en.failed)
		sbuf_fail(&h.b, ENOMEM);
	result = sbuf_take(&h.b, len);
	if (result == NULL)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("HTML export: out of memory"));
	sbuf_free(&h.b);
	sbuf_free(&h.tmp);
	sbuf_free(&h.part);
	sbuf_free(&en);
	i18n_cat_destroy(cat);
	return result;
}
