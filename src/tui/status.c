/* The form's bottom lines and the "terminal too small" notice: the
 * message line and the status line cut with a mark and a hint at the key
 * that shows them in full (a failed save's cause never silently cut), and
 * a notice that wraps so that the size needed stays readable. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

/* Draws s in at most maxw columns; when it does not fit, cut with a mark
 * and followed by the key that shows it whole ("... (F9)"). */
static int
draw_or_hint(tui *t, WINDOW *w, int y, int x, const char *s, int maxw)
{
	char hint[64];
	int hw;

	if (tui_text_width(s, strlen(s)) <= (size_t)maxw)
		return tui_draw_text(w, y, x, s, strlen(s), maxw);
	snprintf(hint, sizeof hint, " (%s)", tui_key_hint(ACT_MESSAGE));
	hw = (int)tui_text_width(hint, strlen(hint));
	if (hw + 4 > maxw)
		return tui_draw_cut(t, w, y, x, s, strlen(s), maxw);
	hw = tui_draw_cut(t, w, y, x, s, strlen(s), maxw - hw);
	return hw + tui_draw_text(w, y, x + hw, hint, strlen(hint), maxw - hw);
}

void
tui_draw_msg(tui *t)
{
	WINDOW *w = t->w_msg;

	werase(w);
	if (t->msg[0]) {
		wattrset(w, t->msg_error ? tui_attr_error(t) : A_NORMAL);
		draw_or_hint(t, w, 0, 0, t->msg, t->cols);
		wattrset(w, A_NORMAL);
	}
}

/* The middle of the status line: read-only, a failed save, or when it
 * saved. True for the first two, which are shown as errors. */
static bool
status_mid(const tui *t, char *mid, size_t size)
{
	if (t->ro_msg) {
		snprintf(mid, size, "%s", t->ro_msg);
		return true;
	}
	if (t->s->save_error) {
		snprintf(mid, size, _("not saved: %s"), t->s->save_error);
		return true;
	}
	if (t->s->saved_at[0])
		snprintf(mid, size, _("saved %s"), t->s->saved_at);
	else
		snprintf(mid, size, "%s", t->s->dirty ? _("not saved yet") : "");
	return false;
}

void
tui_draw_status(tui *t)
{
	WINDOW *w = t->w_status;
	char left[128], mid[4200], right[128];
	size_t answered = 0, required = 0;
	int width = t->cols, x, rw, room;
	bool err;

	validate_progress(t->s->plan, &answered, &required);
	snprintf(left, sizeof left, _("%zu/%zu required answered"), answered,
		 required);
	err = status_mid(t, mid, sizeof mid);
	snprintf(right, sizeof right, "%s %s  %s %s", tui_key_hint(ACT_HELP),
		 _("help"), tui_key_hint(ACT_FINISH), _("finish"));

	wbkgdset(w, ' ' | tui_attr_status(t));
	werase(w);
	wattrset(w, tui_attr_status(t));
	x = tui_draw_text(w, 0, 0, " ", 1, width);
	x += tui_draw_cut(t, w, 0, x, left, strlen(left), width - x);
	rw = (int)tui_text_width(right, strlen(right));
	/* The keys on the right give way to the middle part (a failed
	 * save's cause, or whether the plan is saved) when both do not fit:
	 * F1 is in the help, the state of the plan is nowhere else. */
	room = width - x - 3;
	if (x + 3 + (int)tui_text_width(mid, strlen(mid)) + 3 + rw < width)
		room -= 3 + rw;
	if (mid[0] && room > 0) {
		x += tui_draw_text(w, 0, x, " | ", 3, width - x);
		if (err)
			wattron(w, A_BOLD | A_UNDERLINE);
		x += err ? draw_or_hint(t, w, 0, x, mid, room) :
			   tui_draw_cut(t, w, 0, x, mid, strlen(mid), room);
		wattrset(w, tui_attr_status(t));
	}
	if (x + 3 + rw < width) {
		tui_draw_text(w, 0, x, " | ", 3, width - x);
		tui_draw_text(w, 0, width - rw - 1, right, strlen(right), rw);
	}
	wattrset(w, A_NORMAL);
}

void
tui_draw_too_small(tui *t)
{
	char buf[256], num[32];
	utext_line *l = NULL;
	size_t n = 0, i;
	bool whole = false;
	int y, x;

	snprintf(buf, sizeof buf, _("terminal too small: %dx%d needed"),
		 TUI_MIN_COLS, TUI_MIN_ROWS);
	snprintf(num, sizeof num, "%dx%d", TUI_MIN_COLS, TUI_MIN_ROWS);
	werase(stdscr);
	/* Wrapped to the width; when it needs more rows than there are, or
	 * the size itself would be cut, the size alone. */
	if (t->cols > 0 && tui_wrap(buf, (size_t)t->cols, &l, &n) &&
	    n <= (size_t)t->rows) {
		for (i = 0; i < n; i++)
			if (l[i].end - l[i].start >= strlen(num) &&
			    memmem(buf + l[i].start, l[i].end - l[i].start, num,
				   strlen(num)))
				whole = true;
	}
	if (whole) {
		y = (t->rows - (int)n) / 2;
		for (i = 0; i < n; i++) {
			int lw = (int)tui_text_width(buf + l[i].start,
						     l[i].end - l[i].start);

			x = lw < t->cols ? (t->cols - lw) / 2 : 0;
			tui_draw_text(stdscr, y + (int)i, x, buf + l[i].start,
				      l[i].end - l[i].start, t->cols);
		}
	} else {
		int nw = (int)strlen(num);

		x = nw < t->cols ? (t->cols - nw) / 2 : 0;
		tui_draw_text(stdscr, t->rows / 2, x, num, strlen(num),
			      t->cols);
	}
	free(l);
	wnoutrefresh(stdscr);
}

void
tui_message(tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	t->dirty |= D_MSG;
}

void
tui_clear_message(tui *t)
{
	if (t->msg[0]) {
		t->msg[0] = '\0';
		t->dirty |= D_MSG;
	}
}
