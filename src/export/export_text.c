/* Exports of a plan: the plain text laid out like the ARIAT country action
 * plans of 2000 (title, headings, "N. Title:" and paragraphs), in the plan's
 * language, and YAML. */
#include "export.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "planio.h"

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

/* A growing byte buffer; the first failed allocation sets oom and every
 * later append is ignored, so callers check once at the end. */
typedef struct sbuf {
	char *s;
	size_t len;
	size_t cap;
	bool oom;
} sbuf;

static void
sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (n > SIZE_MAX - b->len - 1) {
		b->oom = true;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *v;

		while (cap < b->len + n + 1) {
			if (cap > SIZE_MAX / 2) {
				cap = b->len + n + 1;
				break;
			}
			cap *= 2;
		}
		v = realloc(b->s, cap);
		if (!v) {
			b->oom = true;
			return;
		}
		b->s = v;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_str(sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void
sb_char(sbuf *b, char c)
{
	sb_add(b, &c, 1);
}

static void
sb_cp(sbuf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	sb_add(b, u, n);
}

static void
sb_free(sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Copies text so that nothing invisible or terminal-controlling reaches
 * the output: C0 controls and DEL in caret notation ("^[" for ESC, as
 * `cat -v` shows them), C1 controls and the Unicode line and paragraph
 * separators (which some viewers take for line ends) as "<U+0085>". Bytes
 * that are not UTF-8 come out as U+FFFD. A tab goes to the next tab stop.
 * '\n' is kept, or becomes a space when one_line is set. */
static void
sanitize(sbuf *b, const char *s, size_t len, bool one_line)
{
	size_t pos = 0, col = 0;
	uint32_t cp;
	char esc[16];

	while (pos < len) {
		cp = utext_next(s, len, &pos);
		if (cp == '\n') {
			sb_char(b, one_line ? ' ' : '\n');
			col = one_line ? col + 1 : 0;
		} else if (cp == '\t') {
			do {
				sb_char(b, ' ');
				col++;
			} while (col % TAB_STOP != 0);
		} else if (cp < 0x20 || cp == 0x7f) {
			esc[0] = '^';
			esc[1] = (char)(cp == 0x7f ? '?' : cp + 0x40);
			sb_add(b, esc, 2);
			col += 2;
		} else if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
			   cp == 0x2029) {
			snprintf(esc, sizeof(esc), "<U+%04X>", (unsigned)cp);
			sb_str(b, esc);
			col += strlen(esc);
		} else {
			sb_cp(b, cp);
			col += (size_t)utext_width_default(cp);
		}
	}
}

static bool
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

/* The text being built: lines are added one by one; a blank line is only
 * written between two lines, never at the start or the end. */
typedef struct out {
	sbuf b;
	size_t width;
	bool blank_pending;
	utext_line *lines; /* reused by every wrap */
	size_t n_lines;
	const qn *q;
	const i18n_cat *cat; /* the plan's language; NULL: English */
	bool bilingual;
} out;

static void
out_blank(out *o)
{
	o->blank_pending = true;
}

/* Adds one output line (prefix + text), without trailing spaces. */
static void
out_line(out *o, const char *prefix, const char *s, size_t len)
{
	size_t plen = strlen(prefix);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		while (plen > 0 && prefix[plen - 1] == ' ')
			plen--;
	if (o->blank_pending && o->b.len > 0)
		sb_char(&o->b, '\n');
	o->blank_pending = false;
	sb_add(&o->b, prefix, plen);
	sb_add(&o->b, s, len);
	sb_char(&o->b, '\n');
}

/* Wraps one line of (sanitized) text. A line starting with "* " or "- "
 * is a bullet: its text is wrapped 2 columns narrower and the lines after
 * the first are indented by 2 (a hanging indent). */
static void
out_wrapped(out *o, const char *s, size_t len)
{
	const char *first = "", *rest = "";
	char marker[BULLET_INDENT + 1];
	size_t width = o->width, i;

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
	if (!utext_wrap(s, len, width, utext_width_default, &o->lines,
			&o->n_lines)) {
		o->b.oom = true;
		return;
	}
	for (i = 0; i < o->n_lines; i++)
		out_line(o, i == 0 ? first : rest, s + o->lines[i].start,
			 o->lines[i].end - o->lines[i].start);
}

/* Writes an answer's text: paragraphs (runs of lines separated by blank
 * lines) with one blank line between them; inside a paragraph each line
 * is kept as a line of its own and wrapped. */
static void
out_paragraphs(out *o, const char *text)
{
	sbuf t = {0};
	size_t pos = 0, end;

	sanitize(&t, text, strlen(text), false);
	if (t.oom) {
		o->b.oom = true;
		goto out;
	}
	while (t.s && pos < t.len) {
		const char *nl = memchr(t.s + pos, '\n', t.len - pos);

		end = nl ? (size_t)(nl - t.s) : t.len;
		if (is_blank(t.s + pos, end - pos))
			out_blank(o);
		else
			out_wrapped(o, t.s + pos, end - pos);
		pos = end + 1;
	}
out:
	sb_free(&t);
}

static const char *const months[12] = {
	NC_("month", "January"), NC_("month", "February"),
	NC_("month", "March"), NC_("month", "April"), NC_("month", "May"),
	NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December"),
};

/* Dates in the export are templates: {month} is the month's name, {year}
 * and {day} numbers. Templates rather than printf formats, since they come
 * from a file. (xgettext needs the contexts written out in NC_.) */
#define MONTH_YEAR_CTX "text export: month and year"
#define DAY_MONTH_YEAR_CTX "text export: day, month and year"

/* Fills a date template; a placeholder a translation lost is just left
 * out, an unknown one copied as it is. */
static void
fill_date(sbuf *b, const char *tpl, const char *month, int day, int year)
{
	char num[16];

	while (*tpl) {
		if (!strncmp(tpl, "{month}", 7)) {
			sb_str(b, month);
			tpl += 7;
		} else if (!strncmp(tpl, "{year}", 6)) {
			snprintf(num, sizeof(num), "%04d", year);
			sb_str(b, num);
			tpl += 6;
		} else if (!strncmp(tpl, "{day}", 5)) {
			snprintf(num, sizeof(num), "%d", day);
			sb_str(b, num);
			tpl += 5;
		} else {
			sb_char(b, *tpl++);
		}
	}
}

/* Parses "YYYY-MM" or "YYYY-MM-DD" strictly (day checked against the
 * month, leap years included). *day is 0 for "YYYY-MM". */
static bool
parse_date(const char *s, int *year, int *month, int *day)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	size_t n = s ? strlen(s) : 0;
	int i;

	if (n != 7 && n != 10)
		return false;
	for (i = 0; i < (int)n; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
		(s[3] - '0');
	*month = (s[5] - '0') * 10 + (s[6] - '0');
	*day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
	if (*month < 1 || *month > 12)
		return false;
	if (n == 10) {
		bool leap = (*year % 4 == 0 && *year % 100 != 0) ||
			    *year % 400 == 0;

		if (*day < 1 || *day > mdays[*month - 1] ||
		    (*month == 2 && *day == 29 && !leap))
			return false;
	}
	return true;
}

/* English month names whatever the locale: the questionnaire and the
 * reference plans are in English, and the export must not change with
 * the machine it runs on. */
char *
export_month_year(const char *date)
{
	int y, m, d;
	char buf[32];

	if (!parse_date(date, &y, &m, &d))
		return NULL;
	snprintf(buf, sizeof(buf), "%s %04d", months[m - 1], y);
	return strdup(buf);
}

static const char *
choice_label(const i18n_cat *cat, const qn *q, size_t item, const char *id)
{
	const qn_item *it = &q->items[item];

	for (size_t i = 0; i < it->n_choices; i++)
		if (strcmp(it->choices[i].id, id) == 0)
			return i18n_cat_qn(cat, q, I18N_ITEM_CHOICE, item, i);
	return id; /* the loader refuses unknown ids; show it rather than lose it */
}

/* The answer's value as printed ("Yes", a choice's label, "January 2000"),
 * in the catalog's language, appended to b unsanitized; false when there
 * is no value. In_title gives dates as month and year, the way plan
 * titles name them. */
static bool
format_value(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
	     const plan_answer *a, bool in_title)
{
	const qn_item *it = &q->items[item];
	int y, m, d;

	if (it->type == QN_MULTI) {
		if (a->n_values == 0)
			return false;
		for (size_t i = 0; i < a->n_values; i++) {
			if (i)
				/* TRANSLATORS: between the choices of an
				 * answer ("Prevention, Protection"). */
				sb_str(b, i18n_cat_get(cat, XCTX,
						       NC_("text export", ", ")));
			sb_str(b, choice_label(cat, q, item, a->values[i]));
		}
		return true;
	}
	if (!a->value || !a->value[0])
		return false;
	switch (it->type) {
	case QN_YESNO:
		if (strcmp(a->value, "yes") == 0)
			sb_str(b, i18n_cat_get(cat, XCTX,
					       NC_("text export", "Yes")));
		else if (strcmp(a->value, "no") == 0)
			sb_str(b, i18n_cat_get(cat, XCTX,
					       NC_("text export", "No")));
		else
			sb_str(b, a->value);
		break;
	case QN_CHOICE:
		sb_str(b, choice_label(cat, q, item, a->value));
		break;
	case QN_DATE:
		if (!parse_date(a->value, &y, &m, &d))
			sb_str(b, a->value);
		else if (d == 0 || in_title)
			fill_date(b,
				  i18n_cat_get(cat, MONTH_YEAR_CTX,
					       NC_("text export: month and year",
						   /* TRANSLATORS: "January
						    * 2000": keep {month}
						    * and {year}. */
						   "{month} {year}")),
				  i18n_cat_get(cat, "month", months[m - 1]), 0,
				  y);
		else
			fill_date(b,
				  i18n_cat_get(cat, DAY_MONTH_YEAR_CTX,
					       NC_("text export: day, month and "
						   "year",
						   /* TRANSLATORS: "31 January
						    * 2000": keep {day},
						    * {month} and {year}. */
						   "{day} {month} {year}")),
				  i18n_cat_get(cat, "month", months[m - 1]), d,
				  y);
		break;
	default:
		sb_str(b, a->value);
		break;
	}
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

	sb_str(b, it->number);
	if (it->number[n - 1] != '.' && it->number[n - 1] != ')')
		sb_char(b, '.');
	sb_char(b, ' ');
}

/* "6. Compulsory education until the age of 16:" — the number, the title
 * in the catalog's language, and a colon unless the title ends in '?',
 * ':' or '.' (or their full-width forms). */
static void
format_head(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
	    bool numbered)
{
	const qn_item *it = &q->items[item];
	const char *title = i18n_cat_qn(cat, q, I18N_ITEM_TITLE, item, 0);
	size_t t;

	if (numbered && it->number && it->number[0])
		format_number(b, it);
	sb_str(b, title);
	t = strlen(title);
	while (t > 0 && title[t - 1] == ' ')
		t--;
	if (t == 0 || (title[t - 1] != '?' && title[t - 1] != ':' &&
		       title[t - 1] != '.' && !ends_with(title, t, "\uff1f") &&
		       !ends_with(title, t, "\uff1a") &&
		       !ends_with(title, t, "\u3002")))
		/* TRANSLATORS: after an item's title in the text export
		 * ("Country: Thailand"); Chinese uses a full-width colon. */
		sb_str(b, i18n_cat_get(cat, XCTX, NC_("text export", ":")));
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
	sb_char(b, ' ');
}

/* Writes raw (unsanitized) text as one wrapped paragraph. */
static void
out_raw_line(out *o, const char *s, size_t len)
{
	sbuf t = {0};

	sanitize(&t, s, len, true);
	if (t.oom)
		o->b.oom = true;
	else
		out_wrapped(o, t.s ? t.s : "", t.len);
	sb_free(&t);
}

/* In a bilingual export, the English original of a translated title or
 * heading, in brackets on the lines after it, indented to the title's
 * text. Nothing when the text is not translated. */
static void
out_english(out *o, size_t indent, const char *translated,
	    const char *english)
{
	sbuf t = {0};
	char pad[16];
	size_t width;

	if (!o->bilingual || !o->cat || !english || !english[0] ||
	    !strcmp(translated, english))
		return;
	if (indent > sizeof(pad) - 1)
		indent = sizeof(pad) - 1;
	memset(pad, ' ', indent);
	pad[indent] = '\0';
	sb_char(&t, '[');
	sanitize(&t, english, strlen(english), true);
	sb_char(&t, ']');
	width = o->width > indent + 1 ? o->width - indent : 1;
	if (t.oom || !utext_wrap(t.s, t.len, width, utext_width_default,
				 &o->lines, &o->n_lines)) {
		o->b.oom = true;
		goto out;
	}
	for (size_t i = 0; i < o->n_lines; i++)
		out_line(o, pad, t.s + o->lines[i].start,
			 o->lines[i].end - o->lines[i].start);
out:
	sb_free(&t);
}

/* The English title of an item under its translated head. */
static void
out_item_english(out *o, size_t item, bool numbered)
{
	const qn_item *it = &o->q->items[item];
	sbuf num = {0};

	if (!o->bilingual || !o->cat)
		return;
	if (numbered && it->number[0])
		format_number(&num, it);
	out_english(o, num.len,
		    i18n_cat_qn(o->cat, o->q, I18N_ITEM_TITLE, item, 0),
		    it->title);
	if (num.oom)
		o->b.oom = true;
	sb_free(&num);
}

static bool
item_printed(const plan *p, size_t i, bool draft)
{
	return plan_item_shown(p, i) && (draft || plan_answered(p, i));
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
	sbuf head = {0};

	if (it->type == QN_TEXT) {
		bool has = a->value && a->value[0];

		/* An unnumbered text (an introduction) is just its
		 * paragraphs, as in the printed plans. */
		if (!numbered && has) {
			out_paragraphs(o, a->value);
			goto out;
		}
		format_head(&head, o->cat, p->qn, i, true);
		if (!head.oom)
			out_raw_line(o, head.s, head.len);
		out_item_english(o, i, true);
		out_blank(o);
		out_paragraphs(o, has ? a->value : no_answer);
		goto out;
	}
	format_head(&head, o->cat, p->qn, i, true);
	space_before_value(&head);
	if (!format_value(&head, o->cat, p->qn, i, a, false)) {
		if (draft)
			sb_str(&head, no_answer);
	}
	if (head.oom) {
		o->b.oom = true;
		goto out;
	}
	out_raw_line(o, head.s, head.len);
	out_item_english(o, i, true);
	if (it->explain && a->explanation && a->explanation[0]) {
		out_blank(o);
		out_paragraphs(o, a->explanation);
	}
out:
	if (head.oom)
		o->b.oom = true;
	sb_free(&head);
}

/* A details section: "Label: value" lines in one block. */
static void
out_details(out *o, const plan *p, const qn_section *sec)
{
	for (size_t i = sec->first; i < sec->first + sec->n_items; i++) {
		sbuf line = {0};

		if (!plan_item_shown(p, i))
			continue;
		format_head(&line, o->cat, p->qn, i, false);
		space_before_value(&line);
		if (format_value(&line, o->cat, p->qn, i, &p->answers[i],
				 false)) {
			if (line.oom) {
				o->b.oom = true;
			} else {
				out_raw_line(o, line.s, line.len);
				out_item_english(o, i, false);
			}
		}
		sb_free(&line);
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
	out_raw_line(o, h, strlen(h));
	out_english(o, 0, h, en);
	out_blank(o);
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
static void
format_title(sbuf *b, const plan *p, const i18n_cat *cat)
{
	const qn *q = p->qn;
	const char *tpl = q->plan_title && q->plan_title[0]
				  ? i18n_cat_qn(cat, q, I18N_QN_PLAN_TITLE, 0, 0)
				  : i18n_cat_qn(cat, q, I18N_QN_TITLE, 0, 0);
	sbuf raw = {0};
	size_t i = 0, n, k, idx;
	bool space = false;

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
			sb_char(&raw, tpl[i]);
			i++;
			continue;
		}
		before = raw.len;
		format_value(&raw, cat, q, idx, &p->answers[idx], true);
		i = (size_t)(close - tpl) + 1;
		if (raw.len == before && before > 0 &&
		    raw.s[before - 1] == '(' && i < n && tpl[i] == ')') {
			raw.len--;
			raw.s[raw.len] = '\0';
			i++;
		} else if (raw.len == before &&
			   ends_with(raw.s ? raw.s : "", before, "\uff08") &&
			   !strncmp(tpl + i, "\uff09", 3)) {
			/* The same with full-width parentheses (Chinese). */
			raw.len -= 3;
			raw.s[raw.len] = '\0';
			i += 3;
		}
	}
	if (raw.oom) {
		b->oom = true;
		goto out;
	}
	/* Collapse and trim on the sanitized text (answers may hold tabs or
	 * line ends). */
	{
		sbuf t = {0};

		sanitize(&t, raw.s ? raw.s : "", raw.len, true);
		for (k = 0; k < t.len; k++) {
			if (t.s[k] == ' ') {
				space = true;
				continue;
			}
			if (space && b->len > 0)
				sb_char(b, ' ');
			space = false;
			sb_char(b, t.s[k]);
		}
		if (t.oom)
			b->oom = true;
		sb_free(&t);
	}
out:
	sb_free(&raw);
}

char *
export_text(const plan *p, const export_options *opt, size_t *len,
	    diag_list *diags)
{
	out o = {0};
	sbuf title = {0}, english = {0};
	const qn *q;
	bool draft = opt && opt->draft;
	char *result = NULL;
	i18n_cat *cat = NULL;
	size_t s, i;

	if (!p || !p->qn) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("text export: no plan"));
		goto out;
	}
	q = p->qn;
	/* The plan's language, not the reader's: the answers are in it. */
	if (q->language_item >= 0)
		cat = i18n_cat_open(i18n_localedir(),
				    p->answers[q->language_item].value, diags);
	o.q = q;
	o.cat = cat;
	o.bilingual = opt && opt->bilingual;
	o.width = opt && opt->width ? opt->width : DEFAULT_WIDTH;
	if (draft) {
		const char *mark = i18n_cat_get(cat, XCTX,
						NC_("text export",
						    /* TRANSLATORS: the first
						     * line of a draft. */
						    "DRAFT - not a final plan"));

		/* Sanitized: a catalog is a file from outside. */
		out_raw_line(&o, mark, strlen(mark));
		out_blank(&o);
	}
	format_title(&title, p, cat);
	if (title.oom)
		goto oom;
	/* The title is already sanitized (format_title). */
	out_wrapped(&o, title.s ? title.s : "", title.len);
	if (o.bilingual && cat) {
		format_title(&english, p, NULL);
		if (english.oom)
			goto oom;
		out_english(&o, 0, title.s ? title.s : "",
			    english.s ? english.s : "");
	}
	out_blank(&o);

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
		out_blank(&o);
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
			out_blank(&o);
		}
	}
	if (o.b.oom)
		goto oom;
	if (o.b.len == 0)
		sb_char(&o.b, '\n');
	if (o.b.oom)
		goto oom;
	result = o.b.s;
	o.b.s = NULL;
	if (len)
		*len = o.b.len;
	goto out;
oom:
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
		 _("text export: out of memory"));
out:
	sb_free(&o.b);
	sb_free(&title);
	sb_free(&english);
	free(o.lines);
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
	/* Clear in reverse order: an item's visibility depends only on
	 * earlier items, which are still as the draft had them. */
	for (size_t i = c->qn->n_items; i-- > 0;)
		if (!plan_item_shown(c, i))
			plan_clear_answer(c, i);
	if (c->status != PLAN_FINAL) {
		/* Wrapping to revision 0 would make this final plan look
		 * older than every earlier one. */
		if (c->revision == ULONG_MAX) {
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
				 _("YAML export: the revision number %lu "
				   "cannot be raised"), c->revision);
			goto out;
		}
		c->status = PLAN_FINAL;
		c->revision++;
	}
	buf = planio_serialize(c, len, diags);
out:
	plan_destroy(c);
	return buf;
}
