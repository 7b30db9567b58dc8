/* The form's screen: window layout for the current size and item, and the
 * drawing of outline, item pane, message and status lines. Only what is
 * marked dirty is redrawn, then one doupdate: ncurses' diff keeps the bytes
 * sent per keystroke small (doc/DESIGN.md, "Bytes per keystroke"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itype.h"
#include "tui_int.h"

static void
del(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

void
tui_free_windows(tui *t)
{
	del(&t->w_out);
	del(&t->w_head);
	del(&t->w_rest);
	del(&t->w_count);
	del(&t->w_msg);
	del(&t->w_status);
	for (size_t i = 0; i < 2; i++) {
		del(&t->fields[i].win);
		del(&t->fields[i].label);
	}
}

static size_t
wrapped_count(const char *s, int width)
{
	utext_line *l = NULL;
	size_t n = 0;
	if (!s || !s[0] || width < 1)
		return 0;
	if (!tui_wrap(s, (size_t)width, &l, &n))
		n = 1;
	free(l);
	return n;
}

static bool
has_editor(const tui *t)
{
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->fields[i].ed)
			return true;
	return false;
}

/* Header text: "Prevention 6" or the section title for unnumbered items. */
static void
header_text(const tui *t, char *buf, size_t size)
{
	const qn_item *it = &t->q->items[t->cur];
	const char *sec = i18n_section_title(t->q, it->section);
	if (it->number[0])
		snprintf(buf, size, "%s %s", sec, it->number);
	else
		snprintf(buf, size, "%s", sec);
}

static bool
title_shown(const tui *t)
{
	char h[256];
	header_text(t, h, sizeof h);
	return strcmp(h, i18n_item_title(t->q, t->cur)) != 0;
}

/* Rows of the head (header, title, guidance, blank) chosen by tui_layout,
 * kept for drawing. */
static int head_title_rows, head_guid_rows, head_guid_total;

void
tui_layout(tui *t)
{
	tui_free_windows(t);
	getmaxyx(stdscr, t->rows, t->cols);
	t->too_small = t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS;
	t->dirty = D_ALL;
	if (t->too_small)
		return;
	t->w_msg = newwin(1, t->cols, t->rows - 2, 0);
	t->w_status = newwin(1, t->cols, t->rows - 1, 0);
	if (!t->q)
		return;
	t->show_outline = t->cols >= TUI_OUTLINE_COLS;
	int ph = t->rows - 2;

	int px = 0;
	if (t->show_outline) {
		t->out_w = t->cols * 3 / 10;
		if (t->out_w > 40)
			t->out_w = 40;
		t->w_out = newwin(ph, t->out_w, 0, 0);
		px = t->out_w + 1;
	} else if (t->focus == FOCUS_OUTLINE) {
		/* Narrow: the outline takes the pane's place while in use. */
		t->out_w = t->cols;
		t->w_out = newwin(ph, t->cols, 0, 0);
		return;
	} else {
		t->out_w = 0;
	}
	int pw = t->cols - px;
	const qn_item *it = &t->q->items[t->cur];

	/* Rows the fields need at least, and want. */
	int fmin = 0;
	int count_rows = has_editor(t) ? 1 : 0;
	for (size_t i = 0; i < t->n_fields; i++) {
		tui_field *f = &t->fields[i];
		if (f->kind == FIELD_CHOICE) {
			int n = (int)tui_n_options(it);
			fmin += n < 3 ? n : 3;
		} else if (f->kind == FIELD_EXPLAIN) {
			fmin += 1 + 2;
		} else if (itype_of(it)->input == ITYPE_TEXT) {
			fmin += 3;
		} else {
			fmin += 1;
		}
	}
	int budget = ph - 1 - count_rows;
	int title_n = title_shown(t) ?
			      (int)wrapped_count(i18n_item_title(t->q, t->cur), pw) :
			      0;
	int title_rows = title_n;
	if (title_rows > budget - fmin)
		title_rows = budget - fmin > 1 ? budget - fmin : 1;
	if (title_n == 0)
		title_rows = 0;
	budget -= title_rows;
	head_guid_total =
		(int)wrapped_count(i18n_item_guidance(t->q, t->cur), pw);
	int guid_rows = t->show_guidance ? head_guid_total : 0;
	if (guid_rows > budget - fmin - 1)
		guid_rows = budget - fmin - 1 > 0 ? budget - fmin - 1 : 0;
	budget -= guid_rows;
	int blank = budget - fmin >= 1 ? 1 : 0;
	budget -= blank;
	head_title_rows = title_rows;
	head_guid_rows = guid_rows;

	int y = 0;
	int head_h = 1 + title_rows + guid_rows + blank;
	t->w_head = newwin(head_h, pw, y, px);
	y += head_h;

	/* The fields, top to bottom; the last editor gets what is left. */
	for (size_t i = 0; i < t->n_fields; i++) {
		tui_field *f = &t->fields[i];
		int h;
		bool last = i + 1 == t->n_fields;
		if (budget < 1)
			budget = 1;
		if (f->kind == FIELD_CHOICE) {
			int n = (int)tui_n_options(it);
			int room = budget - (last ? 0 : 3);
			h = n < room ? n : (room > 1 ? room : 1);
		} else if (f->kind == FIELD_EXPLAIN) {
			f->label = newwin(1, pw, y, px);
			y++;
			budget--;
			h = budget > 1 ? budget : 1;
		} else if (itype_of(it)->input == ITYPE_TEXT) {
			h = budget;
		} else if (it->type == QN_LINE) {
			h = budget < 2 ? budget : 2;
		} else {
			h = 1;
		}
		if (h < 1)
			h = 1;
		if (y + h > ph - count_rows)
			h = ph - count_rows - y > 0 ? ph - count_rows - y : 1;
		f->win = newwin(h, pw, y, px);
		y += h;
		budget -= h;
	}
	if (count_rows) {
		t->w_count = newwin(1, pw, y, px);
		y++;
	}
	if (y < ph)
		t->w_rest = newwin(ph - y, pw, y, px);
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->fields[i].win)
			keypad(t->fields[i].win, FALSE);
}

/* --- outline --- */

typedef struct orow {
	long item;    /* -1: a section heading */
	size_t sec;
} orow;

static size_t
outline_rows(const tui *t, orow *rows)
{
	size_t n = 0;
	for (size_t s = 0; s < t->q->n_sections; s++) {
		const qn_section *sec = &t->q->sections[s];
		rows[n].item = -1;
		rows[n].sec = s;
		n++;
		for (size_t i = sec->first; i < sec->first + sec->n_items;
		     i++) {
			if (!t->st[i].shown && !t->show_na && i != t->cur)
				continue;
			if (t->only_changed && !t->st[i].changed &&
			    i != t->cur)
				continue;
			rows[n].item = (long)i;
			rows[n].sec = s;
			n++;
		}
	}
	return n;
}

static const char *
mark_of(const tui *t, size_t i)
{
	if (!t->st[i].shown)
		return "-";
	if (t->st[i].problem)
		return "!";
	/* Carried over (U+21BA) before answered: it is still to review. */
	if (t->st[i].carried)
		return t->utf8 ? "\xe2\x86\xba" : "~";
	/* Marked as not applying (U+2205), with a reason. */
	if (t->st[i].na)
		return t->utf8 ? "\xe2\x88\x85" : "/";
	if (t->st[i].answered)
		return t->utf8 ? "\xe2\x9c\x93" : "*";
	return " ";
}

static void
draw_outline(tui *t)
{
	WINDOW *w = t->w_out;
	int h, width;
	orow *rows;
	size_t n, sel_row = 0;
	int cursor_y = 0;
	getmaxyx(w, h, width);
	rows = malloc((t->q->n_sections + t->q->n_items) * sizeof *rows);
	werase(w);
	if (!rows)
		return;
	n = outline_rows(t, rows);
	size_t want = t->focus == FOCUS_OUTLINE ? t->osel : t->cur;
	for (size_t r = 0; r < n; r++)
		if (rows[r].item == (long)want)
			sel_row = r;
	/* Keep the selection visible with a few rows of context around it
	 * (and its section heading), never scrolling past the end. */
	size_t margin = (size_t)h / 6 < 3 ? (size_t)h / 6 : 3;
	if (t->otop_free) {
		/* The wheel moved the view: it stays where it was put. */
	} else if (sel_row < t->otop + margin) {
		size_t want_top = sel_row > margin ? sel_row - margin : 0;
		if (want_top > 0 && rows[want_top].item >= 0 &&
		    rows[want_top - 1].item < 0)
			want_top--;
		t->otop = want_top;
	}
	if (!t->otop_free && sel_row + margin + 1 > t->otop + (size_t)h)
		t->otop = sel_row + margin + 1 - (size_t)h;
	if (n > (size_t)h && t->otop > n - (size_t)h)
		t->otop = n - (size_t)h;
	if (n <= (size_t)h)
		t->otop = 0;
	int tw = t->show_outline ? width - 1 : width;
	/* Which item each row shows, for the mouse. */
	long *oi = realloc(t->orow, (size_t)(h > 0 ? h : 1) * sizeof *oi);
	if (oi) {
		t->orow = oi;
		t->n_orow = (size_t)h;
		for (int y = 0; y < h; y++)
			oi[y] = t->otop + (size_t)y < n ?
					rows[t->otop + (size_t)y].item :
					-1;
	}
	for (int y = 0; y < h && t->otop + (size_t)y < n; y++) {
		const orow *r = &rows[t->otop + (size_t)y];
		if (r->item < 0) {
			wattrset(w, A_BOLD);
			const char *st = i18n_section_title(t->q, r->sec);
			tui_draw_cut(t, w, y, 0, st, strlen(st), tw);
			wattrset(w, A_NORMAL);
			continue;
		}
		size_t i = (size_t)r->item;
		const qn_item *it = &t->q->items[i];
		attr_t a = A_NORMAL;
		if (i == t->cur)
			a |= t->focus == FOCUS_OUTLINE ? A_BOLD : A_REVERSE;
		if (t->focus == FOCUS_OUTLINE && i == t->osel)
			a |= A_REVERSE;
		const char *m = mark_of(t, i);
		attr_t ma = m[0] == '!' ? tui_attr_error(t) :
			    m[0] == '-' || t->st[i].na ? tui_attr_dim(t) :
			    t->st[i].carried ? tui_attr_status(t) :
					  tui_attr_ok(t);
		wattrset(w, ma);
		tui_draw_text(w, y, 0, m, strlen(m), 1);
		wattrset(w, a);
		char label[64];
		if (it->number[0])
			snprintf(label, sizeof label, " %2s ", it->number);
		else
			snprintf(label, sizeof label, " ");
		int x = 1 + tui_draw_text(w, y, 1, label, strlen(label),
					  tw - 1);
		const char *title = i18n_item_title(t->q, i);
		x += tui_draw_cut(t, w, y, x, title, strlen(title), tw - x);
		/* The highlight spans the row. */
		if (a & A_REVERSE)
			for (; x < tw; x++)
				mvwaddch(w, y, x, ' ');
		wattrset(w, A_NORMAL);
		if (i == want)
			cursor_y = y;
	}
	if (t->show_outline && t->utf8) {
		/* U+2502 itself: some terminals' line-drawing sets are
		 * not what terminfo says (and tmux stores them as 'x'). */
		cchar_t vl;
		wchar_t wv[2] = {0x2502, 0};
		setcchar(&vl, wv, A_NORMAL, 0, NULL);
		mvwvline_set(w, 0, width - 1, &vl, h);
	} else if (t->show_outline) {
		mvwvline(w, 0, width - 1, ACS_VLINE, h);
	}
	wmove(w, cursor_y, 0);
	free(rows);
}

/* --- the item pane --- */

static void
draw_wrapped(tui *t, WINDOW *w, int y, int rows, const char *s, int width,
	     bool ellipsis)
{
	utext_line *l = NULL;
	size_t n = 0;
	if (!tui_wrap(s, (size_t)width, &l, &n))
		return;
	for (int r = 0; r < rows && (size_t)r < n; r++) {
		size_t end = l[r].end;
		/* The last row shown of a longer text: cut, with a mark. */
		if (ellipsis && r == rows - 1 && (size_t)rows < n)
			end = strlen(s);
		tui_draw_cut(t, w, y + r, 0, s + l[r].start, end - l[r].start,
			     width);
	}
	free(l);
}

/* The current item's marks after its header: carried over (from which
 * revision), or "does not apply" with the reason. Returns the columns. */
static int
draw_marks(tui *t, WINDOW *w, int x, int width)
{
	const plan_answer *a = &t->s->plan->answers[t->cur];
	char buf[1024];
	int used = 0;

	if (a->na_reason && x < width) {
		snprintf(buf, sizeof buf, "  (%s: %s)", _("does not apply"),
			 a->na_reason);
		used += tui_draw_cut(t, w, 0, x, buf, strlen(buf), width - x);
	}
	if (a->carried && x + used < width) {
		wattrset(w, tui_attr_status(t));
		snprintf(buf, sizeof buf, "  ");
		used += tui_draw_text(w, 0, x + used, buf, 2, width - x - used);
		snprintf(buf, sizeof buf, _("carried over (revision %lu): %s "
					    "keeps it"),
			 a->carried_from, tui_key_hint(ACT_KEEP));
		used += tui_draw_cut(t, w, 0, x + used, buf, strlen(buf),
				     width - x - used);
		wattrset(w, tui_attr_dim(t));
	}
	return used;
}

static void
draw_head(tui *t)
{
	WINDOW *w = t->w_head;
	int h, width;
	char buf[256];
	getmaxyx(w, h, width);
	werase(w);
	header_text(t, buf, sizeof buf);
	wattrset(w, A_BOLD);
	int x = tui_draw_cut(t, w, 0, 0, buf, strlen(buf), width);
	wattrset(w, tui_attr_dim(t));
	if (t->q->items[t->cur].required && x + 12 < width) {
		snprintf(buf, sizeof buf, "  (%s)", _("required"));
		x += tui_draw_cut(t, w, 0, x, buf, strlen(buf), width - x);
	}
	if (!t->st[t->cur].shown) {
		snprintf(buf, sizeof buf, "  (%s)", _("does not apply"));
		x += tui_draw_cut(t, w, 0, x, buf, strlen(buf), width - x);
	}
	x += draw_marks(t, w, x, width);
	wattrset(w, A_BOLD);
	if (head_title_rows > 0)
		draw_wrapped(t, w, 1, head_title_rows,
			     i18n_item_title(t->q, t->cur), width, true);
	wattrset(w, tui_attr_dim(t));
	if (head_guid_rows > 0)
		draw_wrapped(t, w, 1 + head_title_rows, head_guid_rows,
			     i18n_item_guidance(t->q, t->cur), width, true);
	wattrset(w, A_NORMAL);
	(void)h;
	if (t->w_rest)
		werase(t->w_rest);
}

static const char *
choice_id(const qn_item *it, size_t k)
{
	return itype_of(it)->option_id(it, k);
}

static const char *
choice_label(const tui *t, const qn_item *it, size_t k)
{
	return itype_of(it)->option_label(t->q, t->cur, k);
}

static bool
choice_selected(const tui *t, const qn_item *it, size_t k)
{
	const plan_answer *a = &t->s->plan->answers[t->cur];
	const char *id = choice_id(it, k);
	if (itype_is_many(it)) {
		for (size_t j = 0; j < a->n_values; j++)
			if (!strcmp(a->values[j], id))
				return true;
		return false;
	}
	return a->value && !strcmp(a->value, id);
}

static void
draw_choice(tui *t, tui_field *f, bool focused)
{
	WINDOW *w = f->win;
	const qn_item *it = &t->q->items[t->cur];
	size_t n = tui_n_options(it);
	int h, width, cy = 0;
	const plan_answer *ans = &t->s->plan->answers[t->cur];
	int row0 = 0;
	getmaxyx(w, h, width);
	werase(w);
	if (tui_choice_head_rows(t, h) > 0) {
		/* An answer none of the options is (a country kept as free
		 * text from an older plan): shown above the list, which
		 * replaces it once an option is picked. */
		const char *lab = _("Not in the list: ");
		int x;

		wattrset(w, tui_attr_dim(t));
		x = tui_draw_cut(t, w, 0, 0, lab, strlen(lab), width);
		wattrset(w, A_NORMAL);
		tui_draw_cut(t, w, 0, x, ans->value, strlen(ans->value),
			     width - x);
		row0 = 1;
		h--;
	}
	if (f->sel >= n)
		f->sel = 0;
	if (f->sel < f->top)
		f->top = f->sel;
	if (f->sel >= f->top + (size_t)h)
		f->top = f->sel - (size_t)h + 1;
	for (int r = 0; r < h && f->top + (size_t)r < n; r++) {
		size_t k = f->top + (size_t)r;
		int y = r + row0;
		bool on = choice_selected(t, it, k);
		const char *box;
		if (itype_is_many(it))
			box = on ? "[x] " : "[ ] ";
		else if (t->utf8)
			box = on ? "(\xe2\x80\xa2) " : "( ) ";
		else
			box = on ? "(*) " : "( ) ";
		attr_t a = focused && k == f->sel ? A_REVERSE : A_NORMAL;
		wattrset(w, a);
		int x = tui_draw_text(w, y, 0, box, strlen(box), width);
		const char *lab = choice_label(t, it, k);
		x += tui_draw_cut(t, w, y, x, lab, strlen(lab), width - x);
		wattrset(w, A_NORMAL);
		if (k == f->sel)
			cy = y;
	}
	wmove(w, cy, 1);
}

static void
draw_fields(tui *t, bool only_focused)
{
	for (size_t i = 0; i < t->n_fields; i++) {
		tui_field *f = &t->fields[i];
		bool focused = t->focus == FOCUS_PANE && i == t->ffocus;
		if (only_focused && !focused)
			continue;
		if (!f->win)
			continue;
		if (f->label && !only_focused) {
			werase(f->label);
			wattrset(f->label, A_BOLD);
			const char *lab = i18n_item_explain_label(t->q, t->cur);
			int lw = getmaxx(f->label) - 1;
			int x = tui_draw_cut(t, f->label, 0, 0, lab,
					     strlen(lab), lw);
			tui_draw_text(f->label, 0, x, ":", 1, 1);
			wattrset(f->label, A_NORMAL);
			wnoutrefresh(f->label);
		}
		if (f->kind == FIELD_CHOICE)
			draw_choice(t, f, focused);
		else
			editor_draw(f->ed, f->win);
		wnoutrefresh(f->win);
	}
}

static tui_field *
count_field(tui *t)
{
	if (t->ffocus < t->n_fields && t->fields[t->ffocus].ed)
		return &t->fields[t->ffocus];
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->fields[i].ed)
			return &t->fields[i];
	return NULL;
}

/* Under a date: the date typed, as read in the language of messages (in
 * Thai in the Buddhist era, "มีนาคม พ.ศ. 2543", while the answer stays
 * 2000-03: a year typed in the wrong era shows at once), then the format
 * to type; the date alone when both do not fit width. */
static void
date_hint(const editor *ed, bool month, int width, char *buf, size_t size)
{
	char value[16];
	size_t len, date_len = 0;
	const char *s = editor_text(ed, &len);
	sbuf d = SBUF_INIT;

	if (len < sizeof value) {
		memcpy(value, s, len);
		value[len] = '\0';
		if (itype_date_words_ui(&d, value)) {
			date_len = d.len;
			sbuf_str(&d, "   ");
		}
	}
	sbuf_printf(&d, _("format: %s"),
		    month ? _("YYYY-MM") : _("YYYY-MM-DD"));
	if (date_len && tui_text_width(sbuf_cstr(&d), d.len) > (size_t)width)
		snprintf(buf, size, "%.*s", (int)date_len, sbuf_cstr(&d));
	else
		snprintf(buf, size, "%s", sbuf_cstr(&d));
	sbuf_free(&d);
}

static void
draw_count(tui *t)
{
	WINDOW *w = t->w_count;
	tui_field *f = count_field(t);
	const qn_item *it = &t->q->items[t->cur];
	char buf[256];
	werase(w);
	if (!f)
		return;
	if (f->kind == FIELD_VALUE && it->type == QN_DATE) {
		date_hint(f->ed, it->month_precision, getmaxx(w), buf,
			  sizeof buf);
		wattrset(w, tui_attr_dim(t));
	} else {
		size_t c = editor_count(f->ed), lim = editor_limit(f->ed);
		if (lim)
			snprintf(buf, sizeof buf, _("%zu / %zu characters"), c,
				 lim);
		else
			snprintf(buf, sizeof buf, _("%zu characters"), c);
		wattrset(w, lim && c > lim ? tui_attr_error(t) :
					     tui_attr_dim(t));
	}
	int width = getmaxx(w);
	size_t bw = tui_text_width(buf, strlen(buf));
	int x = (int)bw < width ? width - (int)bw : 0;
	tui_draw_cut(t, w, 0, x, buf, strlen(buf), width - x);
	wattrset(w, A_NORMAL);
}

void
tui_render(tui *t)
{
	unsigned d = t->dirty;
	t->dirty = 0;
	if (t->too_small) {
		if (d)
			tui_draw_too_small(t);
		doupdate();
		return;
	}
	if (!t->q) {
		doupdate();
		return;
	}
	if (d & D_SCREEN) {
		/* Blank what no window covers (after an overlay). */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	bool pane = t->show_outline || t->focus == FOCUS_PANE;
	if ((d & D_OUTLINE) && t->w_out) {
		draw_outline(t);
		wnoutrefresh(t->w_out);
	}
	if (pane && (d & D_HEAD) && t->w_head) {
		draw_head(t);
		wnoutrefresh(t->w_head);
		if (t->w_rest)
			wnoutrefresh(t->w_rest);
	}
	if (pane && (d & (D_FIELDS | D_HEAD)))
		draw_fields(t, false);
	else if (pane && (d & D_FIELD))
		draw_fields(t, true);
	if (pane && (d & D_COUNT) && t->w_count) {
		draw_count(t);
		wnoutrefresh(t->w_count);
	}
	if ((d & D_MSG) && t->w_msg) {
		tui_draw_msg(t);
		wnoutrefresh(t->w_msg);
	}
	if ((d & D_STATUS) && t->w_status) {
		tui_draw_status(t);
		wnoutrefresh(t->w_status);
	}
	/* The cursor goes where the last refreshed window has it. */
	if (t->focus == FOCUS_OUTLINE && t->w_out)
		wnoutrefresh(t->w_out);
	else if (t->ffocus < t->n_fields && t->fields[t->ffocus].win)
		wnoutrefresh(t->fields[t->ffocus].win);
	doupdate();
}

size_t
tui_n_options(const qn_item *it)
{
	const itype *ty = itype_of(it);

	return ty->n_options ? ty->n_options(it) : 0;
}

int
tui_choice_head_rows(const tui *t, int h)
{
	const qn_item *it = &t->q->items[t->cur];
	const plan_answer *a = &t->s->plan->answers[t->cur];

	return h > 1 && !itype_is_many(it) && a->value &&
	       itype_option_index(it, a->value) < 0;
}
