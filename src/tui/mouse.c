/* The mouse in the form: a click on an outline row opens its item, in a
 * text places the cursor, on a choice chooses it; the wheel scrolls the
 * outline or the text under the pointer. The keyboard does all of it as
 * well: NO_MOUSE=1, or a terminal without a mouse, changes nothing else.
 * ncurses switches reporting off in endwin (every exit but a crash; the
 * crash handler's reset string does it then). */
#include <stdlib.h>

#include "tui_int.h"

/* Lines the wheel moves at a time. */
#define WHEEL_LINES 3

void
tui_mouse_start(tui *t)
{
	const char *no = getenv("NO_MOUSE");
	mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;

	t->mouse = false;
	if (no && no[0] && !(no[0] == '0' && !no[1]))
		return;
	/* Presses are reported at once, not held back to tell a click
	 * from a double click. */
	mouseinterval(0);
	t->mouse = mousemask(want, NULL) != 0;
}

/* The wheel over the outline: the view moves, the selection stays. */
static void
outline_wheel(tui *t, int dir)
{
	if (dir < 0)
		t->otop = t->otop > WHEEL_LINES ? t->otop - WHEEL_LINES : 0;
	else
		t->otop += WHEEL_LINES;
	t->otop_free = true;
	t->dirty |= D_OUTLINE;
}

static void
outline_click(tui *t, int y)
{
	long item;

	if (y < 0 || (size_t)y >= t->n_orow)
		return;
	item = t->orow[y];
	if (item < 0)
		return;
	t->focus = FOCUS_PANE;
	tui_goto_item(t, (size_t)item);
	tui_layout(t);
}

/* A press in field f at (y, x) of its window, or the wheel over it. */
static void
field_event(tui *t, size_t k, int y, int x, int wheel)
{
	tui_field *f = &t->fields[k];

	if (f->kind == FIELD_CHOICE) {
		if (wheel)
			return;
		t->ffocus = k;
		t->focus = FOCUS_PANE;
		y -= tui_choice_head_rows(t, getmaxy(f->win));
		if (y >= 0)
			tui_choice_pick(t, f, f->top + (size_t)y);
		t->dirty |= D_FIELDS | D_COUNT;
		return;
	}
	if (wheel) {
		editor_scroll(f->ed, wheel * WHEEL_LINES);
	} else {
		editor_click(f->ed, y, x);
		if (t->ffocus != k || t->focus != FOCUS_PANE)
			t->dirty |= D_FIELDS | D_COUNT | D_OUTLINE;
		t->ffocus = k;
		t->focus = FOCUS_PANE;
	}
	t->dirty |= D_FIELD;
}

void
tui_mouse_event(tui *t)
{
	MEVENT ev;
	int wheel = 0, y, x;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		wheel = -1;
	else if (ev.bstate & BUTTON5_PRESSED)
		wheel = 1;
	else if (!(ev.bstate & BUTTON1_PRESSED))
		return;
	if (t->w_out && wenclose(t->w_out, ev.y, ev.x)) {
		y = ev.y;
		x = ev.x;
		wmouse_trafo(t->w_out, &y, &x, FALSE);
		if (wheel)
			outline_wheel(t, wheel);
		else
			outline_click(t, y);
		return;
	}
	if (!t->show_outline && t->focus == FOCUS_OUTLINE)
		return;
	for (size_t k = 0; k < t->n_fields; k++) {
		WINDOW *w = t->fields[k].win;

		if (!w || !wenclose(w, ev.y, ev.x))
			continue;
		y = ev.y;
		x = ev.x;
		wmouse_trafo(w, &y, &x, FALSE);
		field_event(t, k, y, x, wheel);
		return;
	}
}
