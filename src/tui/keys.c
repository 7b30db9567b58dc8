/* The key tables, one per screen: the form's bindings, the outline's,
 * the choices pane's, the pager's, the chooser's, the picker's, the
 * prompt's and the start screen's (the text widget's is in editor.c).
 * Keys map to actions (as in dialog), and the help screen is generated
 * from the same tables, so that it always lists every key of every
 * screen. */
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
	/* Esc d is the diff (below), as vt100 has no F7; Esc Delete cuts
	 * the word after the cursor. */
	{KP_ESC, KEY_DC, true, KW_ANY, ACT_KILL_WORD_FWD, "Esc Delete"},
	{KP_ESC, 'y', false, KW_ANY, ACT_YANK_POP, "Esc y"},
	{KP_NONE, KEY_F(9), true, KW_ANY, ACT_MESSAGE, "F9"},
	{KP_ESC, 'm', false, KW_ANY, ACT_MESSAGE, "Esc m"},
	{KP_ESC, 'k', false, KW_ANY, ACT_KEEP, "Esc k"},
	{KP_NONE, 'k', false, KW_OUTLINE, ACT_KEEP, "k (outline)"},
	{KP_NONE, KEY_F(7), true, KW_ANY, ACT_DIFF, "F7"},
	{KP_ESC, 'd', false, KW_ANY, ACT_DIFF, "Esc d"},
	{KP_NONE, 'c', false, KW_OUTLINE, ACT_CHANGED, "c (outline)"},
	{KP_ESC, 'c', false, KW_ANY, ACT_CHANGED, "Esc c"},
	{KP_NONE, KEY_F(8), true, KW_ANY, ACT_NOT_APPLICABLE, "F8"},
	{KP_ESC, '-', false, KW_ANY, ACT_NOT_APPLICABLE, "Esc -"},
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
	[ACT_KEEP] = N_("keep a carried-over answer as it is"),
	[ACT_DIFF] = N_("what changed since the last final revision"),
	[ACT_CHANGED] = N_("outline: only items changed since then"),
	[ACT_NOT_APPLICABLE] = N_("does not apply, with a reason"),
};

/* A line of the help not made from a table: keys (never translated) and
 * what they do; a heading has no keys. */
typedef struct help_pair {
	const char *keys;
	const char *what;
} help_pair;

/* After the text widget's own keys (editor.c's table): what is not a
 * key. */
static const help_pair text_more[] = {
	{"Paste", N_("pasted text goes in as it is, in one piece")},
	{"Mouse", N_("click to place the cursor; the wheel scrolls")},
};

/* Said last, after the keys of the lists. */
static const char *const closing_help[] = {
	N_("Answers are saved about a second after you stop typing, when you "
	   "move to another item, on Ctrl-S, and when the form ends. The "
	   "form reopens where you left it."),
	N_("Without a mouse, or with NO_MOUSE=1, the keyboard alone does "
	   "everything."),
};

/* A key of a full-screen list. */
typedef struct list_key {
	wint_t ch;
	bool is_key;         /* ch is a KEY_* code */
	tui_screen_action act;
	const char *name;    /* as in bindings: NULL for another code */
} list_key;

static const list_key pager_keys[] = {
	{KEY_UP, true, SA_UP, "Up"},
	{KEY_DOWN, true, SA_DOWN, "Down"},
	{KEY_PPAGE, true, SA_PAGE_UP, "PgUp"},
	{KEY_NPAGE, true, SA_PAGE_DOWN, "PgDn"},
	{' ', false, SA_PAGE_DOWN, "Space"},
	{KEY_HOME, true, SA_FIRST, "Home"},
	{KEY_END, true, SA_LAST, "End"},
	{'\n', false, SA_CLOSE, "Enter"},
	{KEY_ENTER, true, SA_CLOSE, NULL},
	{27, false, SA_CLOSE, "Esc"},
	{'q', false, SA_CLOSE, "q"},
	{KEY_F(12), true, SA_CLOSE, "F12"},
	/* Also the keys that opened a text (F1 the help, F9 a message, F10
	 * what finishing said) and the form's ways out: unlisted, so that
	 * the help's line of keys fits a narrow terminal. */
	{KEY_F(1), true, SA_CLOSE, NULL},
	{KEY_F(9), true, SA_CLOSE, NULL},
	{KEY_F(10), true, SA_CLOSE, NULL},
	{CTRL('Q'), false, SA_CLOSE, NULL},
	{CTRL('G'), false, SA_CLOSE, NULL},
};

static const list_key chooser_keys[] = {
	{KEY_UP, true, SA_UP, "Up"},
	{'k', false, SA_UP, "k"},
	{CTRL('P'), false, SA_UP, "Ctrl-P"},
	{KEY_DOWN, true, SA_DOWN, "Down"},
	{'j', false, SA_DOWN, "j"},
	{CTRL('N'), false, SA_DOWN, "Ctrl-N"},
	{KEY_PPAGE, true, SA_PAGE_UP, "PgUp"},
	{KEY_NPAGE, true, SA_PAGE_DOWN, "PgDn"},
	{KEY_HOME, true, SA_FIRST, "Home"},
	{KEY_END, true, SA_LAST, "End"},
	{'\n', false, SA_CHOOSE, "Enter"},
	{KEY_ENTER, true, SA_CHOOSE, NULL},
	{27, false, SA_CANCEL, "Esc"},
	{KEY_F(12), true, SA_CANCEL, "F12"},
	{CTRL('Q'), false, SA_CANCEL, "Ctrl-Q"},
	{CTRL('G'), false, SA_CANCEL, "Ctrl-G"},
};

/* The marks of the outline, said after the keys. */
static const help_pair marks_help[] = {
	{NULL, N_("Marks in the outline:")},
	{"\xe2\x9c\x93 (*)", N_("answered")},
	{"!", N_("has a problem (shown when you leave the item)")},
	{"-", N_("does not apply (listed with a or Esc a)")},
	{"\xe2\x86\xba (~)", N_("carried over, not reviewed (Esc k keeps "
				"it)")},
	{"\xe2\x88\x85 (/)", N_("marked as not applying, with a reason")},
	{"", N_("blank: not answered yet")},
};

/* The outline, with the focus in it (the form's bindings marked
 * "(outline)" work there too and are read first, so no letter of theirs
 * may be here: k keeps a carried-over answer, which is why the outline
 * has no j and k as the chooser has). */
static const list_key outline_keys[] = {
	{KEY_UP, true, SA_UP, "Up"},
	{KEY_DOWN, true, SA_DOWN, "Down"},
	{KEY_PPAGE, true, SA_PAGE_UP, "PgUp"},
	{KEY_NPAGE, true, SA_PAGE_DOWN, "PgDn"},
	{KEY_HOME, true, SA_FIRST, "Home"},
	{KEY_END, true, SA_LAST, "End"},
	{'\n', false, SA_OPEN, "Enter"},
	{' ', false, SA_OPEN, "Space"},
};

static const help_pair outline_more[] = {
	{"Esc", N_("back to the answer")},
	{"Mouse", N_("click an item to open it; the wheel scrolls")},
};

/* The choices pane of an item (yes/no, choice, multi). Digits and
 * letters are typed, not bound: choice_typed below. */
static const list_key choice_keys[] = {
	{KEY_UP, true, SA_UP, "Up"},
	{KEY_DOWN, true, SA_DOWN, "Down"},
	{KEY_HOME, true, SA_FIRST, "Home"},
	{KEY_PPAGE, true, SA_FIRST, "PgUp"},
	{KEY_END, true, SA_LAST, "End"},
	{KEY_NPAGE, true, SA_LAST, "PgDn"},
	{' ', false, SA_TICK, "Space"},
	{'\n', false, SA_CHOOSE_ON, "Enter"},
	{KEY_DC, true, SA_CLEAR, "Delete"},
	{KEY_BACKSPACE, true, SA_CLEAR, "Backspace"},
	{127, false, SA_CLEAR, NULL},
	{CTRL('H'), false, SA_CLEAR, NULL},
};

/* What typing does in the choices pane, and the mouse. */
static const help_pair choice_typed[] = {
	{"1 to 9", N_("choose by number")},
	{"y, n", N_("yes, no")},
	{"Mouse", N_("click a choice to choose it")},
};

/* The picker: letters typed narrow the list, so only keys that cannot be
 * typed move (no j and k). */
static const list_key picker_keys[] = {
	{KEY_UP, true, SA_UP, "Up"},
	{CTRL('P'), false, SA_UP, "Ctrl-P"},
	{KEY_DOWN, true, SA_DOWN, "Down"},
	{CTRL('N'), false, SA_DOWN, "Ctrl-N"},
	{KEY_PPAGE, true, SA_PAGE_UP, "PgUp"},
	{KEY_NPAGE, true, SA_PAGE_DOWN, "PgDn"},
	{KEY_HOME, true, SA_FIRST, "Home"},
	{KEY_END, true, SA_LAST, "End"},
	{'\n', false, SA_CHOOSE, "Enter"},
	{KEY_ENTER, true, SA_CHOOSE, NULL},
	{KEY_BACKSPACE, true, SA_FILTER_BACK, "Backspace"},
	{127, false, SA_FILTER_BACK, NULL},
	{CTRL('H'), false, SA_FILTER_BACK, NULL},
	{KEY_DC, true, SA_FILTER_BACK, NULL},
	{CTRL('U'), false, SA_FILTER_CLEAR, "Ctrl-U"},
	{27, false, SA_CANCEL, "Esc"},
	{KEY_F(12), true, SA_CANCEL, "F12"},
	{CTRL('Q'), false, SA_CANCEL, "Ctrl-Q"},
	{CTRL('G'), false, SA_CANCEL, "Ctrl-G"},
};

/* The prompt on the message line: the rest goes to its one-line text
 * area, which takes the keys of a text answer. */
static const list_key prompt_keys[] = {
	{'\n', false, SA_ACCEPT, "Enter"},
	{KEY_ENTER, true, SA_ACCEPT, NULL},
	{KEY_UP, true, SA_OLDER, "Up"},
	{KEY_DOWN, true, SA_NEWER, "Down"},
	{TUI_KEY_CTRL_LEFT, true, SA_WORD_LEFT, "Ctrl-Left"},
	{TUI_KEY_CTRL_RIGHT, true, SA_WORD_RIGHT, "Ctrl-Right"},
	{27, false, SA_CANCEL, "Esc"},
	{CTRL('G'), false, SA_CANCEL, "Ctrl-G"},
	{KEY_F(12), true, SA_CANCEL, "F12"},
};

/* The start screen: the chooser's keys and these letters. */
static const list_key start_keys[] = {
	{'n', false, SA_NEW_PLAN, "n"},
	{'q', false, SA_QUIT, "q"},
};

static const char *const list_help[SA_COUNT] = {
	[SA_UP] = N_("up one line"),
	[SA_DOWN] = N_("down one line"),
	[SA_PAGE_UP] = N_("up one page"),
	[SA_PAGE_DOWN] = N_("down one page"),
	[SA_FIRST] = N_("to the first line"),
	[SA_LAST] = N_("to the last line"),
	[SA_CHOOSE] = N_("choose the line"),
	[SA_CLOSE] = N_("close"),
	[SA_CANCEL] = N_("back without choosing"),
	[SA_FILTER_BACK] = N_("one character less of what was typed"),
	[SA_FILTER_CLEAR] = N_("clear what was typed"),
	[SA_ACCEPT] = N_("take what was typed"),
	[SA_OLDER] = N_("an earlier answer"),
	[SA_NEWER] = N_("a later answer"),
	[SA_WORD_LEFT] = N_("a word left"),
	[SA_WORD_RIGHT] = N_("a word right"),
	[SA_NEW_PLAN] = N_("start a new plan"),
	[SA_QUIT] = N_("quit"),
	[SA_TICK] = N_("choose; tick or untick in a list"),
	[SA_CHOOSE_ON] = N_("choose and go on"),
	[SA_CLEAR] = N_("clear the answer"),
	[SA_OPEN] = N_("open the item"),
};

static tui_screen_action
list_key_action(const list_key *t, size_t n, wint_t ch, bool is_key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].ch == ch && t[i].is_key == is_key)
			return t[i].act;
	return SA_NONE;
}

/* Each screen's table, and its heading in the help. */
static const struct keyset {
	const list_key *v;
	size_t n;
	const char *heading;
	const help_pair *extra; /* lines after the table's, or NULL */
	size_t n_extra;
} keysets[TUI_KEYSET_COUNT] = {
#define KEYSET(t) t, sizeof t / sizeof t[0]
	[TUI_KEYS_CHOICE] = {KEYSET(choice_keys), N_("In a choice:"),
			     KEYSET(choice_typed)},
	[TUI_KEYS_OUTLINE] = {KEYSET(outline_keys), N_("In the outline:"),
			      KEYSET(outline_more)},
	[TUI_KEYS_PAGER] = {KEYSET(pager_keys),
			    N_("In a text to read (this help):"), NULL, 0},
	[TUI_KEYS_CHOOSER] = {KEYSET(chooser_keys),
			      N_("In a list to choose from:"), NULL, 0},
	[TUI_KEYS_PICKER] = {KEYSET(picker_keys),
			     N_("In a long list (countries), typing narrows "
				"it:"),
			     NULL, 0},
	[TUI_KEYS_PROMPT] = {KEYSET(prompt_keys),
			     N_("In a question on the message line (go to, "
				"search), with the keys of a one-line answer:"),
			     NULL, 0},
	[TUI_KEYS_START] = {KEYSET(start_keys),
			    N_("On the start screen, with the keys of a list "
			       "to choose from:"),
			    NULL, 0},
#undef KEYSET
};

tui_screen_action
tui_keyset_action(tui_keyset s, wint_t ch, bool is_key)
{
	return list_key_action(keysets[s].v, keysets[s].n, ch, is_key);
}

const char *
tui_start_letters(void)
{
	static char letters[sizeof start_keys / sizeof start_keys[0] + 1];

	for (size_t i = 0; i < sizeof start_keys / sizeof start_keys[0]; i++)
		letters[i] = (char)start_keys[i].ch;
	return letters;
}

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

/* A heading and a line per action of a list's table, its keys joined in
 * table order. */
static void
push_list_help(char ***v, size_t *n, size_t *cap, const char *heading,
	       const list_key *t, size_t nt)
{
	push_line(v, n, cap, strdup(""));
	push_line(v, n, cap, strdup(heading));
	for (int a = SA_NONE + 1; a < SA_COUNT; a++) {
		char keys[200] = "";
		size_t kl = 0;

		for (size_t i = 0; i < nt; i++) {
			int k;

			if (t[i].act != (tui_screen_action)a || !t[i].name)
				continue;
			k = snprintf(keys + kl, sizeof keys - kl, "%s%s",
				     kl ? ", " : "", t[i].name);
			if (k < 0 || (size_t)k >= sizeof keys - kl)
				break;
			kl += (size_t)k;
		}
		if (kl > 0)
			push_line(v, n, cap, help_line(keys, _(list_help[a])));
	}
}

/* Lines not made from a table: a heading, a blank line, keys and what
 * they do. */
static void
push_pairs(char ***v, size_t *n, size_t *cap, const help_pair *p, size_t np)
{
	for (size_t i = 0; i < np; i++) {
		const char *what = p[i].what[0] ? _(p[i].what) : "";

		if (!p[i].keys)
			push_line(v, n, cap, strdup(what));
		else if (!p[i].keys[0] && !what[0])
			push_line(v, n, cap, strdup(""));
		else
			push_line(v, n, cap, help_line(p[i].keys, what));
	}
}

/* The text widget's keys, from its own table (editor.c): the names of
 * keys that do the same joined on one line. */
static void
push_editor_help(char ***v, size_t *n, size_t *cap)
{
	size_t nk = editor_n_keys();

	push_line(v, n, cap, strdup(_("In a text answer:")));
	for (size_t i = 0; i < nk;) {
		char keys[200] = "";
		size_t kl = 0;
		const char *name, *help, *h2;

		editor_key_help(i, &name, &help);
		for (; i < nk; i++) {
			int w;

			editor_key_help(i, &name, &h2);
			if (!name)
				continue;
			if (strcmp(h2, help) != 0)
				break;
			w = snprintf(keys + kl, sizeof keys - kl, "%s%s",
				     kl ? ", " : "", name);
			if (w > 0 && (size_t)w < sizeof keys - kl)
				kl += (size_t)w;
		}
		push_line(v, n, cap, help_line(keys, _(help)));
	}
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
	push_editor_help(&v, &n, &cap);
	push_pairs(&v, &n, &cap, text_more,
		   sizeof text_more / sizeof text_more[0]);
	for (size_t s = 0; s < TUI_KEYSET_COUNT; s++) {
		push_list_help(&v, &n, &cap, _(keysets[s].heading),
			       keysets[s].v, keysets[s].n);
		push_pairs(&v, &n, &cap, keysets[s].extra, keysets[s].n_extra);
	}
	push_line(&v, &n, &cap, strdup(""));
	push_pairs(&v, &n, &cap, marks_help,
		   sizeof marks_help / sizeof marks_help[0]);
	push_line(&v, &n, &cap, strdup(""));
	for (size_t i = 0; i < sizeof closing_help / sizeof closing_help[0];
	     i++)
		push_line(&v, &n, &cap, strdup(_(closing_help[i])));
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
