/* Exports of a plan: the plain text laid out like the ARIAT country action
 * plans of 2000 (title, headings, "N. Title:" and paragraphs), and YAML. */
#include "export.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planio.h"

#define DEFAULT_WIDTH 72
/* Tab stops every 4 columns, counted from the start of the answer's line
 * before wrapping: keeps simple tab-aligned lists readable without eating
 * much of the 72 columns, and does not depend on where a line wraps. */
#define TAB_STOP 4
/* A bullet's continuation lines are indented by the marker's width. */
#define BULLET_INDENT 2

static const char draft_mark[] = "DRAFT - not a final plan";

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
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

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
choice_label(const qn_item *it, const char *id)
{
	for (size_t i = 0; i < it->n_choices; i++)
		if (strcmp(it->choices[i].id, id) == 0)
			return it->choices[i].label;
	return id; /* the loader refuses unknown ids; show it rather than lose it */
}

/* The answer's value as printed ("Yes", a choice's label, "January 2000"),
 * appended to b unsanitized; false when there is no value. In_title
 * gives dates as month and year, the way plan titles name them. */
static bool
format_value(sbuf *b, const qn_item *it, const plan_answer *a, bool in_title)
{
	int y, m, d;
	char buf[48];

	if (it->type == QN_MULTI) {
		if (a->n_values == 0)
			return false;
		for (size_t i = 0; i < a->n_values; i++) {
			if (i)
				sb_str(b, ", ");
			sb_str(b, choice_label(it, a->values[i]));
		}
		return true;
	}
	if (!a->value || !a->value[0])
		return false;
	switch (it->type) {
	case QN_YESNO:
		if (strcmp(a->value, "yes") == 0)
			sb_str(b, "Yes");
		else if (strcmp(a->value, "no") == 0)
			sb_str(b, "No");
		else
			sb_str(b, a->value);
		break;
	case QN_CHOICE:
		sb_str(b, choice_label(it, a->value));
		break;
	case QN_DATE:
		if (!parse_date(a->value, &y, &m, &d)) {
			sb_str(b, a->value);
		} else if (d == 0 || in_title) {
			snprintf(buf, sizeof(buf), "%s %04d", months[m - 1], y);
			sb_str(b, buf);
		} else {
			snprintf(buf, sizeof(buf), "%d %s %04d", d,
				 months[m - 1], y);
			sb_str(b, buf);
		}
		break;
	default:
		sb_str(b, a->value);
		break;
	}
	return true;
}

/* "6. Compulsory education until the age of 16:" — the number (a period
 * added unless it ends in one already), the title, and a colon unless the
 * title ends in '?', ':' or '.'. */
static void
format_head(sbuf *b, const qn_item *it, bool numbered)
{
	size_t n, t;

	if (numbered && it->number && it->number[0]) {
		n = strlen(it->number);
		sb_str(b, it->number);
		if (it->number[n - 1] != '.' && it->number[n - 1] != ')')
			sb_char(b, '.');
		sb_char(b, ' ');
	}
	sb_str(b, it->title);
	t = strlen(it->title);
	while (t > 0 && it->title[t - 1] == ' ')
		t--;
	if (t == 0 || (it->title[t - 1] != '?' && it->title[t - 1] != ':' &&
		       it->title[t - 1] != '.'))
		sb_char(b, ':');
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
	const char *no_answer = "(no answer)";
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
		format_head(&head, it, true);
		if (!head.oom)
			out_raw_line(o, head.s, head.len);
		out_blank(o);
		out_paragraphs(o, has ? a->value : no_answer);
		goto out;
	}
	format_head(&head, it, true);
	sb_char(&head, ' ');
	if (!format_value(&head, it, a, false)) {
		if (draft)
			sb_str(&head, no_answer);
	}
	if (head.oom) {
		o->b.oom = true;
		goto out;
	}
	out_raw_line(o, head.s, head.len);
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
		const qn_item *it = &p->qn->items[i];
		sbuf line = {0};

		if (!plan_item_shown(p, i))
			continue;
		format_head(&line, it, false);
		sb_char(&line, ' ');
		if (format_value(&line, it, &p->answers[i], false)) {
			if (line.oom)
				o->b.oom = true;
			else
				out_raw_line(o, line.s, line.len);
		}
		sb_free(&line);
	}
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
format_title(sbuf *b, const plan *p)
{
	const qn *q = p->qn;
	const char *tpl = q->plan_title && q->plan_title[0] ? q->plan_title
							     : q->title;
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
		format_value(&raw, it, &p->answers[idx], true);
		i = (size_t)(close - tpl) + 1;
		if (raw.len == before && before > 0 &&
		    raw.s[before - 1] == '(' && i < n && tpl[i] == ')') {
			raw.len--;
			raw.s[raw.len] = '\0';
			i++;
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
	sbuf title = {0};
	const qn *q;
	bool draft = opt && opt->draft;
	char *result = NULL;
	size_t s, i;

	if (!p || !p->qn) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 "text export: no plan");
		goto out;
	}
	q = p->qn;
	o.width = opt && opt->width ? opt->width : DEFAULT_WIDTH;
	if (draft) {
		out_wrapped(&o, draft_mark, strlen(draft_mark));
		out_blank(&o);
	}
	format_title(&title, p);
	if (title.oom)
		goto oom;
	/* The title is already sanitized (format_title). */
	out_wrapped(&o, title.s ? title.s : "", title.len);
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
		if (sec->heading && sec->heading[0]) {
			out_raw_line(&o, sec->heading, strlen(sec->heading));
			out_blank(&o);
		}
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
		if (sec->heading && sec->heading[0]) {
			out_raw_line(&o, sec->heading, strlen(sec->heading));
			out_blank(&o);
		}
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
		 "text export: out of memory");
out:
	sb_free(&o.b);
	sb_free(&title);
	free(o.lines);
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
			 "YAML export: no plan");
		goto out;
	}
	c = plan_clone(p);
	if (!c) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 "YAML export: out of memory");
		goto out;
	}
	/* Clear in reverse order: an item's visibility depends only on
	 * earlier items, which are still as the draft had them. */
	for (size_t i = c->qn->n_items; i-- > 0;)
		if (!plan_item_shown(c, i))
			plan_clear_answer(c, i);
	if (c->status != PLAN_FINAL) {
		c->status = PLAN_FINAL;
		c->revision++;
	}
	buf = planio_serialize(c, len, diags);
out:
	plan_destroy(c);
	return buf;
}
