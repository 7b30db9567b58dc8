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
	const char *name; /* shown in help and hints; never translated;
			   * NULL: another code for a key named already */
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
	{KP_CTRLX, 'f', false, KW_ANY, ACT_FINISH, "Ctrl-X f"},
	{KP_NONE, KEY_F(12), true, KW_ANY, ACT_QUIT, "F12"},
	{KP_NONE, CTRL('Q'), false, KW_ANY, ACT_QUIT, "Ctrl-Q"},
	{KP_CTRLX, CTRL('C'), false, KW_ANY, ACT_QUIT, "Ctrl-X Ctrl-C"},
	{KP_ESC, 'q', false, KW_ANY, ACT_QUIT, "Esc q"},
	{KP_NONE, CTRL('L'), false, KW_ANY, ACT_REDRAW, "Ctrl-L"},
	{KP_NONE, 'a', false, KW_OUTLINE, ACT_SHOW_NA, "a (outline)"},
	{KP_ESC, 'a', false, KW_ANY, ACT_SHOW_NA, "Esc a"},
	/* Ctrl-_ is also what most terminals send for Ctrl-/. */
	{KP_NONE, CTRL('_'), false, KW_ANY, ACT_UNDO, "Ctrl-_"},
	{KP_ESC, 'u', false, KW_ANY, ACT_UNDO, "Esc u"},
	{KP_ESC, 'r', false, KW_ANY, ACT_REDO, "Esc r"},
	{KP_NONE, TUI_KEY_CTRL_LEFT, true, KW_ANY, ACT_WORD_LEFT, "Ctrl-Left"},
	{KP_ESC, 'b', false, KW_ANY, ACT_WORD_LEFT, "Esc b"},
	{KP_NONE, TUI_KEY_CTRL_RIGHT, true, KW_ANY, ACT_WORD_RIGHT,
	 "Ctrl-Right"},
	{KP_ESC, 'f', false, KW_ANY, ACT_WORD_RIGHT, "Esc f"},
	{KP_ESC, 127, false, KW_ANY, ACT_KILL_WORD_BACK, "Esc Backspace"},
	{KP_ESC, CTRL('H'), false, KW_ANY, ACT_KILL_WORD_BACK, NULL},
	{KP_ESC, KEY_BACKSPACE, true, KW_ANY, ACT_KILL_WORD_BACK, NULL},
	{KP_ESC, 'd', false, KW_ANY, ACT_KILL_WORD_FWD, "Esc d"},
	{KP_ESC, 'y', false, KW_ANY, ACT_YANK_POP, "Esc y"},
	{KP_NONE, KEY_F(9), true, KW_ANY, ACT_MESSAGE, "F9"},
	{KP_ESC, 'm', false, KW_ANY, ACT_MESSAGE, "Esc m"},
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
	[ACT_UNDO] = N_("undo the last change of this item's answer (typing "
			"a word at a time)"),
	[ACT_REDO] = N_("redo what was undone"),
	[ACT_WORD_LEFT] = N_("in a text: to the start of the word before"),
	[ACT_WORD_RIGHT] = N_("in a text: to the end of the word after"),
	[ACT_KILL_WORD_BACK] = N_("in a text: cut the word before the "
				  "cursor"),
	[ACT_KILL_WORD_FWD] = N_("in a text: cut the word after the cursor"),
	[ACT_YANK_POP] = N_("right after Ctrl-Y: paste the cut before it "
			    "instead"),
	[ACT_MESSAGE] = N_("show the last message in full (why a save "
			   "failed)"),
};

/* Keys handled by the widgets themselves, listed after the table: the
 * keys (never translated) and what they do; a heading has no keys. */
static const struct {
	const char *keys;
	const char *what;
} widget_help[] = {
	{NULL, N_("In a text answer:")},
	{"Arrows, Home, End, PgUp, PgDn", N_("move")},
	{"Ctrl-Left, Ctrl-Right, Esc b, Esc f", N_("move by word")},
	{"Ctrl-A, Ctrl-E", N_("start, end of the line")},
	{"Ctrl-K, Ctrl-U", N_("cut to the end, to the start of the line")},
	{"Ctrl-W, Esc Backspace, Esc d", N_("cut the word before, after the "
					   "cursor")},
	{"Ctrl-Y", N_("paste what was cut last (in any answer)")},
	{"Esc y", N_("right after Ctrl-Y: what was cut before it instead")},
	{"Ctrl-_, Ctrl-/, Esc u, Esc r", N_("undo, redo (each answer keeps "
					   "its history while the form is "
					   "open)")},
	{"Backspace, Delete", N_("delete one character")},
	{"Enter", N_("new line (next item in a one-line answer)")},
	{"Paste", N_("pasted text goes in as it is, in one piece")},
	{"Mouse", N_("click to place the cursor; the wheel scrolls")},
	{"", ""},
	{NULL, N_("In a choice:")},
	{"Up, Down", N_("move")},
	{"Space", N_("choose; tick or untick in a list")},
	{"Enter", N_("choose and go on")},
	{"1 to 9", N_("choose by number")},
	{"y, n", N_("yes, no")},
	{"Delete, Backspace", N_("clear the answer")},
	{"Mouse", N_("click a choice to choose it")},
	{"", ""},
	{NULL, N_("In the outline:")},
	{"Up, Down, PgUp, PgDn, Home, End", N_("move")},
	{"Enter", N_("open the item")},
	{"Esc", N_("back to the answer")},
	{"Mouse", N_("click an item to open it; the wheel scrolls")},
	{"", ""},
	{NULL, N_("Marks in the outline:")},
	{"\xe2\x9c\x93 (*)", N_("answered")},
	{"!", N_("has a problem (shown when you leave the item)")},
	{"-", N_("does not apply (listed with a or Esc a)")},
	{"", N_("blank: not answered yet")},
	{"", ""},
	{NULL, N_("Answers are saved about a second after you stop typing, "
		  "when you move to another item, on Ctrl-S, and when the form "
		  "ends. The form reopens where you left it.")},
	{NULL, N_("Without a mouse, or with NO_MOUSE=1, the keyboard alone "
		  "does everything.")},
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
		if (b->act != a || !b->name)
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

/* "  keys\twhat": a line of the help in two columns (list.c lays it
 * out for the width). */
static char *
help_line(const char *keys, const char *what)
{
	size_t n = strlen(keys) + strlen(what) + 4;
	char *line = malloc(n);

	if (line)
		snprintf(line, n, "  %s\t%s", keys, what);
	return line;
}

char **
tui_help_lines(size_t *n_out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;

	push_line(&v, &n, &cap, strdup(_("Keys of the form:")));
	push_line(&v, &n, &cap, strdup(""));
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[200] = "";
		size_t kl = 0;
		if (!action_help[a])
			continue;
		for (size_t i = 0; i < sizeof bindings / sizeof bindings[0];
		     i++) {
			if (bindings[i].act != (tui_action)a ||
			    !bindings[i].name)
				continue;
			int k = snprintf(keys + kl, sizeof keys - kl, "%s%s",
					 kl ? ", " : "", bindings[i].name);
			if (k < 0 || (size_t)k >= sizeof keys - kl)
				break;
			kl += (size_t)k;
		}
		push_line(&v, &n, &cap, help_line(keys, _(action_help[a])));
	}
	push_line(&v, &n, &cap, strdup(""));
	for (size_t i = 0; i < sizeof widget_help / sizeof widget_help[0];
	     i++) {
		const char *what = widget_help[i].what[0] ?
					   _(widget_help[i].what) :
					   "";
		if (!widget_help[i].keys)
			push_line(&v, &n, &cap, strdup(what));
		else if (!widget_help[i].keys[0] && !what[0])
			push_line(&v, &n, &cap, strdup(""));
		else
			push_line(&v, &n, &cap,
				  help_line(widget_help[i].keys, what));
	}
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
