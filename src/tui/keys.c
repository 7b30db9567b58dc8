/* The form's key table: keys map to actions (as in dialog), and the help
 * screen is generated from the same table so it always lists every key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "tui_int.h"

typedef struct binding {
	int prefix;      /* KP_* */
	wint_t ch;
	bool is_key;     /* ch is a KEY_* code */
	int where;       /* KW_* */
	tui_action act;
	const char *name; /* shown in help and hints; never translated */
} binding;

/* Every action has a Ctrl- or Esc- key, because vt100 has no F-keys past F4
 * and some terminals swallow F-keys. */
static const binding bindings[] = {
	{KP_NONE, CTRL('N'), false, KW_ANY, ACT_NEXT_ITEM, "Ctrl-N"},
	{KP_ESC, KEY_DOWN, true, KW_ANY, ACT_NEXT_ITEM, "Esc Down"},
	{KP_NONE, CTRL('P'), false, KW_ANY, ACT_PREV_ITEM, "Ctrl-P"},
	{KP_ESC, KEY_UP, true, KW_ANY, ACT_PREV_ITEM, "Esc Up"},
	{KP_NONE, '\t', false, KW_ANY, ACT_NEXT_FIELD, "Tab"},
	{KP_NONE, KEY_BTAB, true, KW_ANY, ACT_PREV_FIELD, "Shift-Tab"},
	{KP_ESC, '\t', false, KW_ANY, ACT_PREV_FIELD, "Esc Tab"},
	{KP_NONE, KEY_F(6), true, KW_ANY, ACT_TOGGLE_FOCUS, "F6"},
	{KP_NONE, CTRL('O'), false, KW_ANY, ACT_TOGGLE_FOCUS, "Ctrl-O"},
	{KP_NONE, CTRL('G'), false, KW_ANY, ACT_GOTO, "Ctrl-G"},
	{KP_ESC, 'g', false, KW_ANY, ACT_GOTO, "Esc g"},
	{KP_NONE, ':', false, KW_OUTLINE, ACT_GOTO, ": (outline)"},
	{KP_NONE, CTRL('F'), false, KW_ANY, ACT_SEARCH, "Ctrl-F"},
	{KP_NONE, '/', false, KW_OUTLINE, ACT_SEARCH, "/ (outline)"},
	{KP_NONE, KEY_F(3), true, KW_ANY, ACT_SEARCH_NEXT, "F3"},
	{KP_ESC, 'n', false, KW_ANY, ACT_SEARCH_NEXT, "Esc n"},
	{KP_NONE, 'n', false, KW_OUTLINE, ACT_SEARCH_NEXT, "n (outline)"},
	{KP_NONE, KEY_F(2), true, KW_ANY, ACT_GUIDANCE, "F2"},
	{KP_NONE, CTRL('T'), false, KW_ANY, ACT_GUIDANCE, "Ctrl-T"},
	{KP_NONE, KEY_F(1), true, KW_ANY, ACT_HELP, "F1"},
	{KP_ESC, 'h', false, KW_ANY, ACT_HELP, "Esc h"},
	{KP_ESC, '?', false, KW_ANY, ACT_HELP, "Esc ?"},
	{KP_NONE, '?', false, KW_OUTLINE, ACT_HELP, "? (outline)"},
	{KP_NONE, KEY_F(4), true, KW_ANY, ACT_EXT_EDITOR, "F4"},
	{KP_CTRLX, 'e', false, KW_ANY, ACT_EXT_EDITOR, "Ctrl-X e"},
	{KP_CTRLX, CTRL('E'), false, KW_ANY, ACT_EXT_EDITOR, "Ctrl-X Ctrl-E"},
	{KP_NONE, CTRL('S'), false, KW_ANY, ACT_SAVE, "Ctrl-S"},
	{KP_CTRLX, 's', false, KW_ANY, ACT_SAVE, "Ctrl-X s"},
	{KP_CTRLX, CTRL('S'), false, KW_ANY, ACT_SAVE, "Ctrl-X Ctrl-S"},
	{KP_NONE, KEY_F(10), true, KW_ANY, ACT_FINISH, "F10"},
	{KP_ESC, 'f', false, KW_ANY, ACT_FINISH, "Esc f"},
	{KP_CTRLX, 'f', false, KW_ANY, ACT_FINISH, "Ctrl-X f"},
	{KP_NONE, KEY_F(12), true, KW_ANY, ACT_QUIT, "F12"},
	{KP_NONE, CTRL('Q'), false, KW_ANY, ACT_QUIT, "Ctrl-Q"},
	{KP_CTRLX, CTRL('C'), false, KW_ANY, ACT_QUIT, "Ctrl-X Ctrl-C"},
	{KP_ESC, 'q', false, KW_ANY, ACT_QUIT, "Esc q"},
	{KP_NONE, CTRL('L'), false, KW_ANY, ACT_REDRAW, "Ctrl-L"},
	{KP_NONE, 'a', false, KW_OUTLINE, ACT_SHOW_NA, "a (outline)"},
	{KP_ESC, 'a', false, KW_ANY, ACT_SHOW_NA, "Esc a"},
	{KP_NONE, CTRL('X'), false, KW_ANY, ACT_PREFIX_X, "Ctrl-X"},
};

static const char *const action_help[ACT_COUNT] = {
	[ACT_NEXT_ITEM] = N_("next item"),
	[ACT_PREV_ITEM] = N_("previous item"),
	[ACT_NEXT_FIELD] = N_("next field of the item (choice, explanation)"),
	[ACT_PREV_FIELD] = N_("previous field of the item"),
	[ACT_TOGGLE_FOCUS] = N_("switch between the outline and the answer"),
	[ACT_GOTO] = N_("go to an item by its number (P6, prot 3, D1)"),
	[ACT_SEARCH] = N_("search titles and answers"),
	[ACT_SEARCH_NEXT] = N_("next match of the last search"),
	[ACT_GUIDANCE] = N_("show or hide the guidance"),
	[ACT_HELP] = N_("this help"),
	[ACT_EXT_EDITOR] = N_("edit the answer in $VISUAL or $EDITOR"),
	[ACT_SAVE] = N_("save now (the form also saves by itself)"),
	[ACT_FINISH] = N_("finish: check everything, then export"),
	[ACT_QUIT] = N_("save and quit"),
	[ACT_REDRAW] = N_("redraw the screen"),
	[ACT_SHOW_NA] = N_("show or hide items that do not apply"),
};

/* Keys handled by the widgets themselves, listed after the table. */
static const char *const widget_help[] = {
	N_("In a text answer:"),
	N_("  Arrows, Home, End, PgUp, PgDn   move"),
	N_("  Ctrl-A, Ctrl-E                  start, end of the line"),
	N_("  Ctrl-K, Ctrl-U                  delete to the end, to the start"),
	N_("  Ctrl-W                          delete the word before the cursor"),
	N_("  Backspace, Delete               delete one character"),
	N_("  Enter                           new line (next item in a one-line"
	   " answer)"),
	N_("  Paste                           pasted text goes in as it is"),
	"",
	N_("In a choice:"),
	N_("  Up, Down                        move"),
	N_("  Space                           choose; tick or untick in a list"),
	N_("  Enter                           choose and go on"),
	N_("  1 to 9                          choose by number"),
	N_("  y, n                            yes, no"),
	N_("  Delete, Backspace               clear the answer"),
	"",
	N_("In the outline:"),
	N_("  Up, Down, PgUp, PgDn, Home, End move"),
	N_("  Enter                           open the item"),
	N_("  Esc                             back to the answer"),
	"",
	N_("Marks in the outline:"),
	N_("  \xe2\x9c\x93 (or *)  answered"),
	N_("  !         has a problem (shown when you leave the item)"),
	N_("  -         does not apply (listed with a or Esc a)"),
	N_("  blank     not answered yet"),
	"",
	N_("Answers are saved about a second after you stop typing, when"),
	N_("you move to another item, on Ctrl-S, and when the form ends."),
};

tui_action
tui_key_action(int prefix, wint_t ch, bool is_key, bool in_outline)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		const binding *b = &bindings[i];
		if (b->prefix != prefix || b->is_key != is_key)
			continue;
		if (b->where == KW_OUTLINE && !in_outline)
			continue;
		if (b->ch == ch)
			return b->act;
		/* Ctrl-X E and Esc F work as well as their lower case. */
		if (prefix != KP_NONE && !is_key && ch < 128 && ch >= 'A' &&
		    ch <= 'Z' && b->ch == ch - 'A' + 'a')
			return b->act;
	}
	return ACT_NONE;
}

const char *
tui_key_hint(tui_action a)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		const binding *b = &bindings[i];
		if (b->act != a)
			continue;
		/* Prefer a function key the terminal really has. */
		if (b->is_key && b->ch >= KEY_F(1) && b->ch <= KEY_F(12) &&
		    has_key((int)b->ch) != TRUE)
			continue;
		return b->name;
	}
	return "";
}

static bool
push_line(char ***v, size_t *n, size_t *cap, char *line)
{
	char **nv;

	if (!line)
		return false;
	nv = grow_array(*v, cap, *n, sizeof(*nv), 64);
	if (!nv) {
		free(line);
		return false;
	}
	*v = nv;
	(*v)[(*n)++] = line;
	return true;
}

char **
tui_help_lines(size_t *n_out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;

	push_line(&v, &n, &cap, strdup(_("Keys of the form:")));
	push_line(&v, &n, &cap, strdup(""));
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[160] = "";
		size_t kl = 0;
		if (!action_help[a])
			continue;
		for (size_t i = 0; i < sizeof bindings / sizeof bindings[0];
		     i++) {
			if (bindings[i].act != (tui_action)a)
				continue;
			int k = snprintf(keys + kl, sizeof keys - kl, "%s%s",
					 kl ? ", " : "", bindings[i].name);
			if (k < 0 || (size_t)k >= sizeof keys - kl)
				break;
			kl += (size_t)k;
		}
		const char *what = _(action_help[a]);
		char line[512];
		/* One line when it fits 78 columns, else keys then text. */
		if (kl < 32 && strlen(what) <= 44) {
			snprintf(line, sizeof line, "  %-32s%s", keys, what);
			push_line(&v, &n, &cap, strdup(line));
		} else {
			snprintf(line, sizeof line, "  %s", keys);
			push_line(&v, &n, &cap, strdup(line));
			snprintf(line, sizeof line, "  %-32s%s", "", what);
			push_line(&v, &n, &cap, strdup(line));
		}
	}
	push_line(&v, &n, &cap, strdup(""));
	for (size_t i = 0; i < sizeof widget_help / sizeof widget_help[0];
	     i++)
		push_line(&v, &n, &cap,
			  strdup(widget_help[i][0] ? _(widget_help[i]) : ""));
	*n_out = n;
	return v;
}

void
tui_free_lines(char **lines, size_t n)
{
	if (!lines)
		return;
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
