/* Drawing the editor: each visual line cell by cell with the widths the
 * cursor math uses, the view scrolled to the cursor; and the mouse (a
 * click places the cursor, the wheel scrolls). */
#include <stdlib.h>
#include <string.h>

#include "editor_int.h"
#include "utext_show.h"

/* Writes one cell (a spacing code point with its marks) if it fits. */
static bool
put_cell(WINDOW *win, int width, size_t *col, const wchar_t *wch,
	 attr_t attr, int cw)
{
	cchar_t cc;

	if (*col + (size_t)cw > (size_t)width)
		return false;
	if (setcchar(&cc, wch, attr, 0, NULL) == OK)
		wadd_wch(win, &cc);
	*col += (size_t)cw;
	return true;
}

/* Draws one cluster from the current position; false when the line is
 * full. Cells follow ed_width exactly, so columns match the cursor math. */
static bool
draw_cluster(const editor *e, WINDOW *win, int width, size_t *col,
	     size_t a, size_t b)
{
	wchar_t cell[CCHARW_MAX + 1];
	size_t q = a, nw = 0;
	int cw = 0, w;
	uint32_t cp;

	while (q < b) {
		cp = utext_next(e->buf, b, &q);
		w = utext_escaped(cp) ? -1 : ed_cwidth(cp);
		if (w < 0) {
			wchar_t esc[2] = {0, 0};
			char note[UTEXT_ESCAPE_SIZE];
			size_t k, nn;

			if (nw > 0 && !put_cell(win, width, col, cell, 0, cw))
				return false;
			nw = 0;
			if (cp == '\t') {
				esc[0] = L' ';
				if (!put_cell(win, width, col, esc, 0, 1))
					return false;
			} else if (utext_escaped(cp)) {
				/* The notation, "<U+001B>", in reverse. */
				nn = utext_escape(cp, note);
				if (*col + nn > (size_t)width)
					return false;
				for (k = 0; k < nn; k++) {
					esc[0] = (wchar_t)note[k];
					put_cell(win, width, col, esc,
						 A_REVERSE, 1);
				}
			} else {
				esc[0] = 0xfffd;
				if (!put_cell(win, width, col, esc, A_REVERSE,
					      1))
					return false;
			}
			continue;
		}
		if (w == 0) {
			/* A mark joins the cell before it; ncurses keeps
			 * CCHARW_MAX - 1 of them, so do we. */
			if (nw > 0 && nw < CCHARW_MAX && !ed_not_drawn(cp)) {
				cell[nw++] = (wchar_t)cp;
				cell[nw] = 0;
			}
			continue;
		}
		if (nw > 0 && !put_cell(win, width, col, cell, 0, cw))
			return false;
		cell[0] = (wchar_t)cp;
		cell[1] = 0;
		nw = 1;
		cw = w > 2 ? 2 : w;
	}
	if (nw > 0 && !put_cell(win, width, col, cell, 0, cw))
		return false;
	return true;
}

static void
draw_line(const editor *e, WINDOW *win, int row, int width, const visline *v)
{
	size_t col = 0, p = v->start, ce, cw;
	wchar_t ascii[2] = {0, 0};

	wmove(win, row, 0);
	while (p < v->end) {
		ce = ed_cluster(e, p, &cw);
		if (ce == p + 1 && (unsigned char)e->buf[p] >= 0x20 &&
		    (unsigned char)e->buf[p] < 0x7f) {
			ascii[0] = (wchar_t)e->buf[p];
			if (!put_cell(win, width, &col, ascii, 0, 1))
				break;
		} else if (!draw_cluster(e, win, width, &col, p, ce)) {
			break;
		}
		p = ce;
	}
	/* After the last column ncurses has moved to the next row, or not
	 * at all on the last one: clearing then would hit a drawn cell. */
	if (col < (size_t)width) {
		wmove(win, row, (int)col);
		wclrtoeol(win);
	}
}

/* Puts the first shown line where the cursor's line is visible, and pulls
 * it back when the window could show more of the text above. */
static bool
scroll_to_cursor(editor *e, size_t rows, visline *top, visline *cursor)
{
	visline v, w;
	size_t i, shown;

	if (!ed_vl_at(e, e->top, top) || !ed_vl_at(e, e->cur, cursor))
		return false;
	if (e->cur < top->start && !ed_vl_same(top, cursor)) {
		*top = *cursor;
	} else {
		v = *cursor;
		for (i = 0; i + 1 < rows && !ed_vl_same(&v, top); i++) {
			if (!ed_vl_prev(e, &v, &w))
				break;
			v = w;
		}
		if (!ed_vl_same(&v, top))
			*top = v;
	}
	v = *top;
	for (shown = 1; shown < rows && ed_vl_next(e, &v, &w); shown++)
		v = w;
	for (; shown < rows && ed_vl_prev(e, top, &w); shown++)
		*top = w;
	e->top = top->start;
	return true;
}

void
editor_draw(editor *e, WINDOW *win)
{
	int rows, cols, row, crow = 0;
	size_t ccol;
	visline top, cur, v, w;

	if (!win)
		return;
	getmaxyx(win, rows, cols);
	if (rows <= 0 || cols <= 0)
		return;
	if (cols != e->cols)
		ed_cache_clear(e);
	e->rows = rows;
	e->cols = cols;
	if (!ed_cache_fit(e, (size_t)rows) ||
	    !scroll_to_cursor(e, (size_t)rows, &top, &cur)) {
		werase(win);
		return;
	}
	v = top;
	for (row = 0; row < rows; row++) {
		draw_line(e, win, row, cols, &v);
		if (ed_vl_same(&v, &cur))
			crow = row;
		if (!ed_vl_next(e, &v, &w))
			break;
		v = w;
	}
	if (row + 1 < rows) {
		wmove(win, row + 1, 0);
		wclrtobot(win);
	}
	ccol = ed_vl_col(e, &cur, e->cur);
	if (ccol >= (size_t)cols) {
		/* Before the space a full line was broken at: shown after
		 * the last character, at the start of the next row. */
		if (crow + 1 < rows) {
			crow++;
			ccol = 0;
		} else {
			ccol = (size_t)cols - 1;
		}
	}
	wmove(win, crow, (int)ccol);
}

void
editor_click(editor *e, int row, int col)
{
	visline v, w;

	if (row < 0 || col < 0 || !ed_vl_at(e, e->top, &v))
		return;
	while (row-- > 0 && ed_vl_next(e, &v, &w))
		v = w;
	e->cur = ed_vl_pos_at(e, &v, (size_t)col);
	e->goal = NO_GOAL;
	e->last_cmd = LC_NONE;
	hist_break(e->hist);
}

void
editor_scroll(editor *e, long n)
{
	if (n == 0)
		return;
	ed_page(e, n > 0 ? 1 : -1, (size_t)(n > 0 ? n : -n));
	e->last_cmd = LC_NONE;
	hist_break(e->hist);
}
