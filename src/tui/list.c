/* What the full-screen lists share (the pager and the chooser; the picker
 * uses the windows): the page and its hint line, the title, and the key
 * reader's events that are not keys (a resize rebuilds the windows, ticks
 * and pastes are not for a list, keys typed while the terminal is too
 * small are dropped). Each list draws its own rows and reads its own key
 * table (keys.c). */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

void
tui_screen_windows(tui *t, const char *hint, WINDOW **w, WINDOW **h)
{
	*w = newwin(t->rows - 1, t->cols, 0, 0);
	*h = newwin(1, t->cols, t->rows - 1, 0);
	wbkgdset(*h, ' ' | tui_attr_status(t));
	werase(*h);
	wattrset(*h, tui_attr_status(t));
	tui_draw_cut(t, *h, 0, 1, hint, strlen(hint), t->cols - 2);
	wattrset(*h, A_NORMAL);
	wnoutrefresh(*h);
}

void
tui_screen_begin(tui *t, tui_screen *sc, const char *hint, bool cursor)
{
	*sc = (tui_screen){NULL, NULL, hint, 1, curs_set(cursor ? 1 : 0)};
	t->in_list++;
}

bool
tui_screen_ready(tui *t, tui_screen *sc)
{
	if (t->too_small) {
		tui_draw_too_small(t);
		doupdate();
		return false;
	}
	if (sc->w == NULL)
		tui_screen_windows(t, sc->hint, &sc->w, &sc->h);
	sc->page = t->rows - 3 > 1 ? t->rows - 3 : 1;
	return true;
}

void
tui_screen_title(tui *t, WINDOW *w, const char *title)
{
	werase(w);
	wattrset(w, A_BOLD);
	tui_draw_cut(t, w, 0, 1, title, strlen(title), t->cols - 2);
	wattrset(w, A_NORMAL);
}

void
tui_screen_show(tui_screen *sc)
{
	wnoutrefresh(sc->w);
	doupdate();
}

static void
drop_windows(tui_screen *sc)
{
	if (sc->w)
		delwin(sc->w);
	if (sc->h)
		delwin(sc->h);
	sc->w = sc->h = NULL;
}

tui_keykind
tui_screen_key(tui *t, tui_screen *sc, wint_t *ch)
{
	tui_keykind k = tui_get_key(t, ch);

	if (k == TK_RESIZE)
		drop_windows(sc);
	else if (k == TK_TICK || k == TK_PASTE)
		tui_drop_paste(t);
	/* Too small is inert, as in the form: a key typed unseen does
	 * nothing. */
	else if (t->too_small)
		k = TK_TICK;
	return k;
}

void
tui_screen_end(tui *t, tui_screen *sc)
{
	drop_windows(sc);
	if (sc->cursor != ERR)
		curs_set(sc->cursor);
	t->in_list--;
	t->dirty = D_ALL;
}

bool
tui_list_move(tui_screen_action a, size_t page, size_t last, size_t *pos)
{
	switch (a) {
	case SA_UP:
		*pos = *pos > 0 ? *pos - 1 : 0;
		return true;
	case SA_DOWN:
		*pos = *pos < last ? *pos + 1 : last;
		return true;
	case SA_PAGE_UP:
		*pos = *pos > page ? *pos - page : 0;
		return true;
	case SA_PAGE_DOWN:
		*pos = *pos + page < last ? *pos + page : last;
		return true;
	case SA_FIRST:
		*pos = 0;
		return true;
	case SA_LAST:
		*pos = last;
		return true;
	default:
		return false;
	}
}
