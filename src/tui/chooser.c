/* The chooser: a full-screen list to choose one line from (the drafts on
 * the start screen, questionnaires, the problems to go to), each line on a
 * row of its own, cut with a mark; its keys are the chooser's table in
 * keys.c, and the caller may add letters of its own. */
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

/* Draws the lines from row top, the chosen one reversed; the cursor goes
 * to it. */
static void
draw_choices(tui *t, WINDOW *w, const char *title, char *const *lines,
	     size_t n, size_t sel, size_t top, int page)
{
	int cy = 2, width = t->cols - 2;

	tui_screen_title(t, w, title);
	for (int y = 0; y < page && top + (size_t)y < n; y++) {
		size_t i = top + (size_t)y;
		int x;

		wattrset(w, i == sel ? A_REVERSE : A_NORMAL);
		x = tui_draw_cut(t, w, 2 + y, 1, lines[i], strlen(lines[i]),
				 width);
		if (i == sel) {
			for (x += 1; x < t->cols - 1; x++)
				mvwaddch(w, 2 + y, x, ' ');
			cy = 2 + y;
		}
		wattrset(w, A_NORMAL);
	}
	wmove(w, cy, 0);
}

long
tui_choose(tui *t, const char *title, char *const *lines, size_t n,
	   size_t initial, const char *hint, const char *keys,
	   wint_t *key_out)
{
	tui_screen sc;
	size_t sel = initial < n ? initial : 0, top = 0;
	long result = -1;

	tui_screen_begin(t, &sc, hint, true);
	for (;;) {
		wint_t ch;
		tui_keykind k;
		tui_screen_action a;

		if (tui_screen_ready(t, &sc)) {
			if (sel < top)
				top = sel;
			if (sel >= top + (size_t)sc.page)
				top = sel - (size_t)sc.page + 1;
			draw_choices(t, sc.w, title, lines, n, sel, top,
				     sc.page);
			tui_screen_show(&sc);
		}
		k = tui_screen_key(t, &sc, &ch);
		if (k != TK_KEY && k != TK_CHAR)
			continue;
		/* The caller's letters first: they may be j or k. */
		if (k == TK_CHAR && keys && ch < 128 && ch > 0 &&
		    strchr(keys, (int)ch)) {
			if (key_out)
				*key_out = ch;
			result = (long)sel;
			break;
		}
		a = tui_keyset_action(TUI_KEYS_CHOOSER, ch, k == TK_KEY);
		if (a == SA_CHOOSE) {
			if (n)
				result = (long)sel;
			break;
		}
		if (a == SA_CANCEL || a == SA_CLOSE)
			break;
		tui_list_move(a, (size_t)sc.page, n ? n - 1 : 0, &sel);
	}
	tui_screen_end(t, &sc);
	return result;
}
