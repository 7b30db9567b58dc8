/* Text helpers of the collector: showing file names and answers safely,
 * country keys and slugs, and answers laid out as the text export lays
 * them out. */
#include "collect_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utext.h"

/* Tab stops and bullet indent, as in the text export. */
#define TAB_STOP 4
#define BULLET_INDENT 2

void
collect_show_bytes(collect_buf *b, const char *s)
{
	size_t len = strlen(s), pos = 0;

	while (pos < len) {
		unsigned char c = (unsigned char)s[pos];
		size_t next = pos, bad;
		uint32_t cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f || c == '\\')
				collect_buf_printf(b, c == '\\' ? "\\\\"
								: "\\x%02X",
						   c);
			else
				collect_buf_char(b, (char)c);
			pos++;
			continue;
		}
		/* One multi-byte character, if it is valid. */
		next = pos + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2);
		if (c < 0xc2 || c > 0xf4 || next > len ||
		    !utext_valid(s + pos, next - pos, &bad)) {
			collect_buf_printf(b, "\\x%02X", c);
			pos++;
			continue;
		}
		{
			size_t q = pos;

			cp = utext_next(s, next, &q);
		}
		if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
			for (size_t k = pos; k < next; k++)
				collect_buf_printf(b, "\\x%02X",
						   (unsigned char)s[k]);
		} else {
			collect_buf_add(b, s + pos, next - pos);
		}
		pos = next;
	}
}

char *
collect_show_dup(const char *s)
{
	collect_buf b = COLLECT_BUF_INIT;

	collect_show_bytes(&b, s);
	collect_buf_char(&b, '\0'); /* an empty name still gets a buffer */
	if (b.failed) {
		collect_buf_finish(&b);
		return NULL;
	}
	return b.s;
}

/* Display width of what b holds from offset from: the column a tab
 * starts at. Only asked for at tabs, which are rare, so the usual text is
 * copied without measuring every character. */
static size_t
out_width(const collect_buf *b, size_t from)
{
	size_t pos = from > b->len ? b->len : from, col = 0;

	while (pos < b->len)
		col += (size_t)utext_width_default(utext_next(b->s, b->len, &pos));
	return col;
}

/* TODO: share with export_text (its static sanitize()). */
void
collect_sanitize(collect_buf *b, const char *s, size_t len, bool one_line)
{
	size_t pos = 0, run, line_out = b->len, col;
	uint32_t cp;
	char esc[16];

	while (pos < len) {
		/* Plain ASCII runs are copied as they are: most answers. */
		run = pos;
		while (run < len && (unsigned char)s[run] >= 0x20 &&
		       (unsigned char)s[run] < 0x7f)
			run++;
		if (run > pos) {
			collect_buf_add(b, s + pos, run - pos);
			pos = run;
			continue;
		}
		run = pos;
		cp = utext_next(s, len, &pos);
		if (cp >= 0xa0 && cp != 0x2028 && cp != 0x2029) {
			/* Valid (plans are checked): copied as it is. */
			collect_buf_add(b, s + run, pos - run);
		} else if (cp == '\n') {
			collect_buf_char(b, one_line ? ' ' : '\n');
			if (!one_line)
				line_out = b->len;
		} else if (cp == '\t') {
			col = out_width(b, line_out);
			do {
				collect_buf_char(b, ' ');
				col++;
			} while (col % TAB_STOP != 0);
		} else if (cp < 0x20 || cp == 0x7f) {
			esc[0] = '^';
			esc[1] = (char)(cp == 0x7f ? '?' : cp + 0x40);
			collect_buf_add(b, esc, 2);
		} else if ((cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
			   cp == 0x2029) {
			snprintf(esc, sizeof(esc), "<U+%04X>", (unsigned)cp);
			collect_buf_str(b, esc);
		} else {
			collect_buf_cp(b, cp);
		}
	}
}

char *
collect_one_line(const char *s)
{
	collect_buf t = COLLECT_BUF_INIT, b = COLLECT_BUF_INIT;
	bool space = false;

	collect_sanitize(&t, s ? s : "", s ? strlen(s) : 0, true);
	for (size_t k = 0; k < t.len; k++) {
		if (t.s[k] == ' ') {
			space = true;
			continue;
		}
		if (space && b.len > 0)
			collect_buf_char(&b, ' ');
		space = false;
		collect_buf_char(&b, t.s[k]);
	}
	collect_buf_add(&b, "", 0);
	if (!b.s && !b.failed) {
		b.s = malloc(1);
		if (b.s)
			b.s[0] = '\0';
		else
			b.failed = true;
	}
	if (t.failed || b.failed) {
		collect_buf_finish(&b);
		b.s = NULL;
	}
	collect_buf_finish(&t);
	return b.s;
}

char *
collect_fold(const char *s)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	char *key;

	n = utf8proc_map((const utf8proc_uint8_t *)(s ? s : ""), 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
				 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	/* Spaces (any kind, after NFKC mostly U+0020) collapsed. */
	key = collect_one_line((const char *)folded);
	free(folded);
	return key;
}

void
collect_slug(const char *s, char *out, size_t size)
{
	utf8proc_uint8_t *plain = NULL;
	const char *p;
	size_t n = 0;
	bool dash = false;

	if (size == 0)
		return;
	/* Accents off first, so "Việt Nam" gives "viet-nam". */
	if (s && utf8proc_map((const utf8proc_uint8_t *)s, 0, &plain,
			      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
				      UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
				      UTF8PROC_STRIPMARK) >= 0)
		p = (const char *)plain;
	else
		p = s;
	for (; p && *p && n + 1 < size && n < 60; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n > 0) {
				if (n + 2 >= size || n + 1 >= 60)
					break;
				out[n++] = '-';
			}
			dash = false;
			out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	free(plain);
}

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* "YYYY-MM" or "YYYY-MM-DD" (the loader and validation checked the rest);
 * *day is 0 for the first. */
static bool
parse_date(const char *s, int *year, int *month, int *day)
{
	size_t n = strlen(s);

	if (n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	*year = atoi(s);
	*month = (s[5] - '0') * 10 + (s[6] - '0');
	*day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
	return *month >= 1 && *month <= 12 && *day <= 31;
}

static const char *
choice_label(const qn_item *it, const char *id)
{
	const char *label = qn_choice_label(it, id);

	return label ? label : id;
}

/* TODO: share with export_text (its static format_value()). */
bool
collect_value_text(collect_buf *b, const qn_item *it, const plan_answer *a)
{
	int y, m, d;

	if (it->type == QN_MULTI) {
		for (size_t i = 0; i < a->n_values; i++) {
			if (i)
				collect_buf_str(b, ", ");
			collect_buf_str(b, choice_label(it, a->values[i]));
		}
		return a->n_values > 0;
	}
	if (!a->value || !a->value[0])
		return false;
	switch (it->type) {
	case QN_YESNO:
		/* English as in the text export: the plan's language is
		 * the questionnaire's, not the reader's locale. */
		if (strcmp(a->value, "yes") == 0)
			collect_buf_str(b, "Yes");
		else if (strcmp(a->value, "no") == 0)
			collect_buf_str(b, "No");
		else
			collect_buf_str(b, a->value);
		break;
	case QN_CHOICE:
		collect_buf_str(b, choice_label(it, a->value));
		break;
	case QN_DATE:
		if (!parse_date(a->value, &y, &m, &d))
			collect_buf_str(b, a->value);
		else if (d == 0)
			collect_buf_printf(b, "%s %04d", months[m - 1], y);
		else
			collect_buf_printf(b, "%d %s %04d", d, months[m - 1], y);
		break;
	default:
		collect_buf_str(b, a->value);
		break;
	}
	return true;
}

/* TODO: share with export_text (its static format_head()). */
void
collect_item_head(collect_buf *b, const qn_item *it, bool numbered)
{
	size_t n, t;

	if (numbered && it->number && it->number[0]) {
		n = strlen(it->number);
		collect_buf_str(b, it->number);
		if (it->number[n - 1] != '.' && it->number[n - 1] != ')')
			collect_buf_char(b, '.');
		collect_buf_char(b, ' ');
	}
	collect_buf_str(b, it->title);
	t = strlen(it->title);
	while (t > 0 && it->title[t - 1] == ' ')
		t--;
	if (t == 0 || (it->title[t - 1] != '?' && it->title[t - 1] != ':' &&
		       it->title[t - 1] != '.'))
		collect_buf_char(b, ':');
}

void
collect_item_label(collect_buf *b, const qn *q, size_t item)
{
	const qn_item *it = &q->items[item];

	if (it->number && it->number[0])
		collect_buf_printf(b, "%s %s", q->sections[it->section].title,
				   it->number);
	else
		collect_buf_str(b, it->title);
}

static bool
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

/* Appends one output line without its trailing spaces. */
static void
put_line(collect_buf *b, const char *prefix, const char *s, size_t len)
{
	size_t plen = strlen(prefix);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		while (plen > 0 && prefix[plen - 1] == ' ')
			plen--;
	collect_buf_add(b, prefix, plen);
	collect_buf_add(b, s, len);
	collect_buf_char(b, '\n');
}

static bool
push_line(utext_line **lines, size_t *n, size_t *cap, size_t start,
	  size_t end, size_t width)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		utext_line *v = realloc(*lines, c * sizeof(*v));

		if (v == NULL)
			return false;
		*lines = v;
		*cap = c;
	}
	(*lines)[*n].start = start;
	(*lines)[*n].end = end;
	(*lines)[*n].width = width;
	(*n)++;
	return true;
}

/* utext_wrap for printable ASCII (0x20..0x7e) only, where every byte is a
 * cluster of width 1: the same lines, without asking utf8proc about every
 * character, which made wrapping most of a large collection's time. The
 * steps mirror utext_wrap's, words taken whole when they fit. */
bool
collect_wrap_ascii(const char *s, size_t len, size_t width,
		   utext_line **lines, size_t *cap, size_t *n_lines)
{
	size_t n = 0, line_start = 0, col = 0, pos = 0;
	size_t brk_end = 0, brk_col = 0, brk_resume = 0, brk_col_resume = 0;
	bool have_brk = false, only_indent = false;

	*n_lines = 0;
	if (width < 1)
		width = 1;
	while (pos < len) {
		size_t wend;

		if (s[pos] == ' ') {
			size_t run = pos, sw;

			while (run < len && s[run] == ' ')
				run++;
			sw = run - pos;
			if (pos == line_start) {
				if (sw >= width) {
					line_start = run;
				} else {
					col = sw;
					only_indent = true;
				}
				pos = run;
				continue;
			}
			if (col + sw > width) {
				if (!push_line(lines, &n, cap, line_start, pos,
					       col))
					return false;
				line_start = run;
				col = 0;
				have_brk = false;
			} else {
				have_brk = true;
				brk_end = pos;
				brk_col = col;
				brk_resume = run;
				col += sw;
				brk_col_resume = col;
			}
			pos = run;
			continue;
		}
		wend = pos;
		while (wend < len && s[wend] != ' ')
			wend++;
		while (pos < wend) {
			size_t take = 1;

			if (pos > line_start && col + 1 > width) {
				if (only_indent) {
					line_start = pos;
					col = 0;
					only_indent = false;
					continue;
				}
				if (have_brk) {
					if (!push_line(lines, &n, cap,
						       line_start, brk_end,
						       brk_col))
						return false;
					line_start = brk_resume;
					col -= brk_col_resume;
				} else {
					if (!push_line(lines, &n, cap,
						       line_start, pos, col))
						return false;
					line_start = pos;
					col = 0;
				}
				have_brk = false;
				continue;
			}
			if (col + 1 <= width) {
				take = width - col;
				if (take > wend - pos)
					take = wend - pos;
			}
			col += take;
			pos += take;
			only_indent = false;
		}
	}
	if (line_start < len || n == 0)
		if (!push_line(lines, &n, cap, line_start, len, col))
			return false;
	*n_lines = n;
	return true;
}

static bool
printable_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return false;
	return true;
}

/* TODO: share with export_text (its static out_paragraphs() and
 * out_wrapped()). */
void
collect_paragraphs(collect_buf *b, const char *text, size_t width)
{
	collect_buf t = COLLECT_BUF_INIT;
	utext_line *lines = NULL, *alines = NULL, *use;
	size_t n_lines = 0, a_cap = 0, pos = 0, end;
	bool blank = false, any = false;

	collect_sanitize(&t, text, strlen(text), false);
	while (!t.failed && t.s && pos < t.len) {
		const char *nl = memchr(t.s + pos, '\n', t.len - pos);
		const char *s = t.s + pos, *first = "", *rest = "";
		char marker[BULLET_INDENT + 1];
		size_t len, w = width;

		end = nl ? (size_t)(nl - t.s) : t.len;
		len = end - pos;
		pos = end + 1;
		if (is_blank(s, len)) {
			blank = any;
			continue;
		}
		if (blank)
			collect_buf_char(b, '\n');
		blank = false;
		any = true;
		if (len >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ') {
			marker[0] = s[0];
			marker[1] = ' ';
			marker[2] = '\0';
			first = marker;
			rest = "  ";
			s += 2;
			len -= 2;
			w = w > BULLET_INDENT + 1 ? w - BULLET_INDENT : 1;
		}
		/* utext_wrap keeps its array's capacity implicit: the two
		 * wrappers keep arrays of their own. */
		if (printable_ascii(s, len)) {
			use = NULL;
			if (collect_wrap_ascii(s, len, w, &alines, &a_cap,
					       &n_lines))
				use = alines;
		} else {
			use = utext_wrap(s, len, w, utext_width_default, &lines,
					 &n_lines) ? lines : NULL;
		}
		if (use == NULL) {
			b->failed = true;
			break;
		}
		for (size_t i = 0; i < n_lines; i++)
			put_line(b, i == 0 ? first : rest, s + use[i].start,
				 use[i].end - use[i].start);
	}
	if (t.failed)
		b->failed = true;
	free(lines);
	free(alines);
	collect_buf_finish(&t);
}

void
collect_answer_plain(collect_buf *b, const plan *p, size_t item)
{
	const qn_item *it = &p->qn->items[item];
	const plan_answer *a = &p->answers[item];
	bool value = collect_value_text(b, it, a);

	if (it->explain && a->explanation && a->explanation[0]) {
		if (value)
			collect_buf_str(b, "\n\n");
		collect_buf_str(b, a->explanation);
	}
}

/* Code points of valid UTF-8 (plans are checked strictly on loading): the
 * bytes that do not continue a sequence. */
static size_t
count_cp(const char *s)
{
	size_t n = 0, len = s ? strlen(s) : 0;

	/* A counted loop, which compilers vectorize. */
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

size_t
collect_answer_chars(const plan *p, size_t item)
{
	const plan_answer *a = &p->answers[item];
	size_t n = count_cp(a->value) + count_cp(a->explanation);

	for (size_t i = 0; i < a->n_values; i++)
		n += count_cp(a->values[i]);
	return n;
}
