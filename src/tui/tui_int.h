/* Internals shared by the form's files: the form's state (struct tui),
 * the key codes and actions, and each file's functions, listed from the
 * bottom of the form's modules to the top. */
#ifndef AP_TUI_INT_H
#define AP_TUI_INT_H

#include <curses.h>
#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "editor.h"
#include "history.h"
#include "killring.h"
#include "session.h"
#include "tui.h"
#include "utext.h"
#include "validate.h"

/* The program's strings and the questionnaire's own text go through
 * gettext in the "actionplan" domain (intl.h, i18n.h). */
#include "i18n.h"
#include "loadplan.h"

#undef CTRL
#define CTRL(c) ((c) & 0x1f)

/* Key codes we ask ncurses to return for the bracketed paste markers. They
 * sit far above KEY_MAX, where ncurses' own extended keys never reach. */
#define TUI_KEY_PASTE_BEGIN 0x4000
#define TUI_KEY_PASTE_END 0x4001
/* Ctrl-Left and Ctrl-Right, whatever the terminal sends for them (see
 * term.c's define_word_keys). */
#define TUI_KEY_CTRL_LEFT 0x4002
#define TUI_KEY_CTRL_RIGHT 0x4003

/* Smallest usable screen, and the width from which the outline is shown. */
#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 12
#define TUI_OUTLINE_COLS 80

/* Limits on what comes in from the terminal or from $EDITOR. */
#define TUI_PASTE_MAX (8u << 20)
#define TUI_EDIT_FILE_MAX (32u << 20)

/* Input that arrives at once without the terminal's paste markers (each
 * character already waiting when the one before it is read) is a paste
 * when it holds a tab or a line break followed by more text and at least
 * TUI_BURST_MIN other characters, or when it is TUI_BURST_PASTE
 * characters long: nobody types that fast. Tabs and line breaks at its
 * end stay keys (Enter typed right after a reference), and a shorter
 * burst is handed out as keys (TUI_KEYQ_MAX: with what was read past
 * its end). */
#define TUI_BURST_MIN 4
#define TUI_BURST_PASTE 16
#define TUI_KEYQ_MAX 96

/* What tui_get_key returned. */
typedef enum {
	TK_CHAR,   /* a character (ch) */
	TK_KEY,    /* a KEY_* code (ch) */
	TK_PASTE,  /* bracketed paste: text in t->paste, paste_len bytes */
	TK_TICK,   /* a second passed without input */
	TK_RESIZE, /* the screen was rebuilt: redraw what you show */
} tui_keykind;

/* Semantic actions the key table maps to. */
typedef enum {
	ACT_NONE,
	ACT_NEXT_ITEM,
	ACT_PREV_ITEM,
	ACT_NEXT_FIELD,
	ACT_PREV_FIELD,
	ACT_TOGGLE_FOCUS,
	ACT_GOTO,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_GUIDANCE,
	ACT_HELP,
	ACT_EXT_EDITOR,
	ACT_SAVE,
	ACT_FINISH,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_SHOW_NA,
	ACT_UNDO,
	ACT_REDO,
	ACT_WORD_LEFT,
	ACT_WORD_RIGHT,
	ACT_KILL_WORD_BACK,
	ACT_KILL_WORD_FWD,
	ACT_YANK_POP,
	ACT_MESSAGE,  /* the last message (a failed save's cause) in full */
	ACT_KEEP,     /* a carried-over answer kept as it is */
	ACT_DIFF,     /* the item against the last finished revision */
	ACT_CHANGED,  /* the outline: only items changed since then */
	ACT_NOT_APPLICABLE, /* "does not apply", with a reason */
	ACT_PREFIX_X, /* Ctrl-X: the next key completes the command */
	ACT_COUNT
} tui_action;

/* Where a binding applies. */
enum {
	KW_ANY = 0,
	KW_OUTLINE = 1, /* only with the focus in the outline */
};

/* Prefixes of two-key bindings. */
enum {
	KP_NONE = 0,
	KP_ESC = 1,
	KP_CTRLX = 2,
	KP_CSI = 3, /* inside an escape sequence ncurses did not know */
	KP_SS3 = 4,
};

typedef enum {
	FIELD_CHOICE,  /* yes/no, choice (radio) or multi (checkboxes) */
	FIELD_VALUE,   /* editor for text, line, date, e-mail */
	FIELD_EXPLAIN, /* editor for the explanation of an explain item */
} tui_field_kind;

typedef struct tui_field {
	tui_field_kind kind;
	editor *ed;        /* FIELD_VALUE, FIELD_EXPLAIN */
	bool changed;      /* editor text differs from the plan's */
	size_t sel;        /* FIELD_CHOICE: highlighted option */
	size_t top;        /* FIELD_CHOICE: first option shown */
	WINDOW *win;
	WINDOW *label;     /* FIELD_EXPLAIN: line with the label */
} tui_field;

/* Per item, what the outline shows. */
typedef struct tui_itemstate {
	bool shown;        /* condition holds */
	bool answered;
	bool carried;      /* carried over, not reviewed */
	bool na;           /* marked "does not apply" */
	bool changed;      /* differs from the last finished revision (as
			    * of the last ACT_CHANGED) */
	char *problem;     /* first problem of validate_item(draft), or NULL */
	size_t cur_value;  /* editor cursors, kept while moving around */
	size_t cur_explain;
} tui_itemstate;

typedef enum {
	FOCUS_PANE,
	FOCUS_OUTLINE,
} tui_focus;

/* Earlier answers of a prompt, for Up and Down (newest last). */
#define TUI_PROMPT_HIST 32
typedef struct tui_prompt_hist {
	char *v[TUI_PROMPT_HIST];
	size_t n;
} tui_prompt_hist;

typedef struct tui {
	/* The plan (NULL while on the start screen). */
	session *s;
	const qn *q;
	tui_itemstate *st;
	const char *export_dir;

	/* Terminal. */
	bool utf8;           /* locale codeset is UTF-8 */
	bool color;
	bool paste_mode;     /* bracketed paste enabled */
	int rows, cols;
	bool too_small;
	bool show_outline;   /* wide enough for the outline beside the pane */

	/* Windows, rebuilt by tui_layout. */
	WINDOW *w_out;
	WINDOW *w_head;
	WINDOW *w_rest;
	WINDOW *w_count;
	WINDOW *w_msg;
	WINDOW *w_status;
	int out_w;           /* outline width, 0 when hidden */

	/* Current item and its fields. */
	size_t cur;
	tui_field fields[2];
	size_t n_fields;
	size_t ffocus;       /* index into fields */
	tui_focus focus;
	size_t osel;         /* outline selection (an item index) */
	size_t otop;         /* first outline row shown */
	bool show_guidance;
	bool show_na;        /* outline lists items that do not apply */
	bool only_changed;   /* outline lists items changed since the last
			      * finished revision (st[].changed) */

	/* Redraw flags. */
	unsigned dirty;

	/* Messages. */
	char msg[512];
	bool msg_error;
	char *ro_msg;        /* read-only notice, or NULL */

	/* Search, and the earlier answers of the search and go-to prompts. */
	char *last_search;
	tui_prompt_hist search_hist;
	tui_prompt_hist goto_hist;

	/* Undo history of every item, and the kill ring (also for the
	 * prompts). */
	hist_store *hist;
	killring *kr;

	/* The outline as last drawn: the item on each row (-1: a heading),
	 * for the mouse; otop_free: the wheel moved the view, which then
	 * no longer follows the selection until a key moves it. */
	long *orow;
	size_t n_orow;
	bool otop_free;
	bool mouse;          /* mouse reporting asked for */

	/* Autosave. */
	struct timespec dirty_since; /* first unsaved change */
	bool pending;                /* unsaved keystrokes (in editors) */
	bool count_stale;            /* the count line waits for a tick */

	/* A paste collected by tui_get_key: its text (control characters
	 * other than tab and line breaks already left out, CR LF and CR
	 * made LF) and how many were left out. */
	char *paste;
	size_t paste_len;
	size_t paste_dropped;
	bool paste_burst;   /* a burst without the terminal's markers */
	bool paste_pending; /* t->paste is still to be handed out */

	/* Keys read ahead by a burst that was not a paste, handed out
	 * first by tui_get_key. */
	struct {
		wint_t ch;
		bool is_key;
	} keyq[TUI_KEYQ_MAX];
	size_t keyq_n, keyq_pos;

	/* Two-key bindings. */
	int prefix;

	/* A full-screen list is up: the form below is not drawn. A prompt
	 * is up: the message line is its. */
	int in_list;
	int in_prompt;
} tui;

enum {
	D_OUTLINE = 1u << 0,
	D_HEAD = 1u << 1,
	D_FIELDS = 1u << 2,
	D_COUNT = 1u << 3,
	D_MSG = 1u << 4,
	D_STATUS = 1u << 5,
	D_FIELD = 1u << 6, /* only the focused field (a keystroke) */
	D_SCREEN = 1u << 7, /* stdscr under the windows (after overlays) */
	D_ALL = 0xffu,
};

/* The one form (signal-safe exit paths need to reach it). */
extern tui *tui_current;

/* The declarations below go by file, from the bottom of the form's
 * modules to the top: a file calls only files above it in this list
 * (tests/tui/test_layers.py checks that none calls in a circle). */

/* --- paint.c: painting text: widths, cuts, wrapping, colours --- */

/* Width of a code point as ncurses draws it. */
int
tui_wcwidth(uint32_t cp);

/* Draws UTF-8 text s[0..len) at (y, x) using at most maxw columns; returns
 * the columns used. Control characters show as '?'. */
int
tui_draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int maxw);

/* tui_draw_text, but a text wider than maxw is cut with a mark: "…" in a
 * UTF-8 locale, "..." elsewhere. Every label the form cuts is cut so. */
int
tui_draw_cut(const tui *t, WINDOW *w, int y, int x, const char *s,
	     size_t len, int maxw);

/* Display width of UTF-8 text as tui_draw_text draws it. */
size_t
tui_text_width(const char *s, size_t len);

/* Wraps text (which may hold '\n') to width: returns the lines in *lines
 * as byte ranges of s (realloc'd), their count in *n. */
bool
tui_wrap(const char *s, size_t width, utext_line **lines, size_t *n);

/* "Prevention 6", "Country": the item's reference for people. */
void
tui_item_name(const tui *t, size_t i, char *buf, size_t size);

/* Attributes for roles. */
attr_t
tui_attr_status(const tui *t);
attr_t
tui_attr_error(const tui *t);
attr_t
tui_attr_dim(const tui *t);
attr_t
tui_attr_ok(const tui *t);

/* --- status.c: the message and status lines, "too small" --- */

/* Sets the message line (printf format). */
void
tui_message(tui *t, bool error, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Clears the message line. */
void
tui_clear_message(tui *t);

/* The message line and the status line (a text cut there ends with the
 * key that shows it whole), and the "terminal too small" notice on
 * stdscr. */
void
tui_draw_msg(tui *t);
void
tui_draw_status(tui *t);
void
tui_draw_too_small(tui *t);

/* --- keys.c: the key tables and the help made from them --- */

/* What a key does on a screen other than the form: the pager, the
 * chooser, the picker, the prompt and the start screen each have their
 * table in keys.c, listed in the help. */
typedef enum tui_screen_action {
	SA_NONE,
	SA_UP,
	SA_DOWN,
	SA_PAGE_UP,
	SA_PAGE_DOWN,
	SA_FIRST,
	SA_LAST,
	SA_CHOOSE, /* the chooser: this line */
	SA_CLOSE,  /* the pager: done reading */
	SA_CANCEL, /* the chooser, the picker: back without choosing */
	SA_FILTER_BACK,  /* the picker: one character less typed */
	SA_FILTER_CLEAR, /* the picker: nothing typed */
	SA_ACCEPT,       /* the prompt: take what was typed */
	SA_OLDER,        /* the prompt: an earlier answer */
	SA_NEWER,        /* the prompt: a later answer */
	SA_WORD_LEFT,    /* the prompt: a word left, right */
	SA_WORD_RIGHT,
	SA_NEW_PLAN,     /* the start screen: a new plan */
	SA_QUIT,         /* the start screen: quit */
	SA_TICK,         /* a choice: choose, tick or untick */
	SA_CHOOSE_ON,    /* a choice: choose and go on */
	SA_CLEAR,        /* a choice: no answer */
	SA_OPEN,         /* the outline: open the item */
	SA_COUNT
} tui_screen_action;

/* The screens with a key table of their own, in the order the help lists
 * them. */
typedef enum tui_keyset {
	TUI_KEYS_CHOICE,
	TUI_KEYS_OUTLINE,
	TUI_KEYS_PAGER,
	TUI_KEYS_CHOOSER,
	TUI_KEYS_PICKER,
	TUI_KEYS_PROMPT,
	TUI_KEYS_START,
	TUI_KEYSET_COUNT
} tui_keyset;

/* What key ch does on screen s (SA_NONE: nothing of the table's). */
tui_screen_action
tui_keyset_action(tui_keyset s, wint_t ch, bool is_key);

/* The letters the start screen adds to the chooser's keys ("nq"). */
const char *
tui_start_letters(void);

/* Maps a key (with the pending prefix) to an action, ACT_NONE if unbound. */
tui_action
tui_key_action(int prefix, wint_t ch, bool is_key, bool in_outline);

/* Lines of the help screen (static storage after the first call is freed by
 * the caller with tui_free_lines). */
char **
tui_help_lines(size_t *n);
void
tui_free_lines(char **lines, size_t n);

/* Name of the first key bound to an action, for hints ("F10", "Esc f"). */
const char *
tui_key_hint(tui_action a);

/* --- term.c: the terminal: curses on and off --- */

/* Starts curses on the terminal (signals, flow control off, colours, the
 * paste and Ctrl-Left/Right keys); false, said on stderr, when it cannot. */
bool
tui_start_curses(tui *t);

/* Puts the terminal back (paste mode off, endwin); safe to call twice,
 * also from atexit. */
void
tui_restore_terminal(void);

/* Ctrl-Left and Ctrl-Right as the terminal sent them, made
 * TUI_KEY_CTRL_LEFT and TUI_KEY_CTRL_RIGHT; other keys as they are. */
wint_t
tui_word_key(wint_t ch);

/* Bracketed paste on/off around leaving the screen. */
void
tui_paste_mode(tui *t, bool on);

/* --- jobctl.c: Ctrl-Z and SIGCONT --- */

/* Job control (jobctl.c). Handlers for SIGTSTP and SIGCONT, installed
 * before newterm so that ncurses leaves SIGTSTP to them, without
 * SA_RESTART so that the key reader wakes up. Ctrl-Z in the form only sets
 * a flag; outside it (the screen given back, $EDITOR running) the job
 * stops at once, as it would without a handler. */
void
tui_jobctl_install(void);

enum { TUI_JOB_STOP = 1, TUI_JOB_CONT = 2 };

/* What came since the last call: TUI_JOB_STOP (Ctrl-Z: save, then
 * tui_jobctl_stop) and TUI_JOB_CONT (running again: redraw). */
unsigned
tui_jobctl_take(void);

/* Stops the job as SIGTSTP's default action would; returns once it runs
 * again (then TUI_JOB_CONT is pending). */
void
tui_jobctl_stop(void);

/* --- paste.c: pastes collected as text --- */

/* After the terminal's paste start marker: reads up to the end marker
 * (or a second of silence) into t->paste. False when out of memory. */
bool
tui_collect_paste(tui *t);

/* After a printable character ch with more input already waiting: reads
 * what arrived with it. True when that is a paste (in t->paste); false
 * when it is keys, queued in t->keyq (ch first). */
bool
tui_collect_burst(tui *t, wint_t ch);

/* True when more input is waiting on the terminal within ms
 * milliseconds (0: already there). */
bool
tui_input_waiting(int ms);

/* Frees t->paste. */
void
tui_drop_paste(tui *t);

/* In a prompt, a burst without the terminal's markers that holds a line
 * break was typed ahead (a reference, Enter, then an answer): returns the
 * text before the break (malloc'd, *n its length), the break being
 * Enter, and leaves the rest in t->paste, pending for tui_get_key. NULL
 * (t->paste unchanged) for any other paste. */
char *
tui_paste_split_line(tui *t, size_t *n);

/* The paste for a one-line answer or prompt: line breaks become spaces
 * (tabs too when tabs is false); returns how many line breaks. */
size_t
tui_paste_one_line(tui *t, bool tabs);

/* The message that says what a paste changed (line breaks made spaces,
 * control characters left out); nothing when it changed nothing. */
void
tui_paste_message(tui *t, size_t newlines);

/* --- state.c: the plan behind the form: commit, states, save, exit --- */

/* Seconds since *since (CLOCK_MONOTONIC). */
double
tui_elapsed(const struct timespec *since);

/* Saves the editors' text into the plan and the plan to disk (if dirty).
 * Shows a failed save in the status line. */
void
tui_save(tui *t);

/* Commits the editors' text into the plan (memory only). */
void
tui_commit(tui *t);

/* Ends the program: saves first, restores the terminal, exits. */
_Noreturn void
tui_exit(tui *t, int status);

/* Notes the first unsaved change, for "saved within 2 seconds". */
void
tui_note_unsaved(tui *t);

/* Validates item i and keeps its first problem for the outline. */
void
tui_validate_one(tui *t, size_t i);

/* True, saying so on the message line, when the plan is read-only. */
bool
tui_refuse_read_only(tui *t);

/* Recomputes the outline state of every item (conditions, marks). */
void
tui_refresh_states(tui *t);

/* --- draw.c: layout and drawing of the form --- */

/* Lists longer than this are picked with the picker, not scrolled. */
#define TUI_SHORT_LIST 20

/* How many options the item's type offers (0 for types without). */
size_t
tui_n_options(const qn_item *it);

/* Rows above the options of the current item's choice field of height h:
 * 1 when its answer is none of the options (a country kept as free text
 * from an older plan), which is shown there; else 0. */
int
tui_choice_head_rows(const tui *t, int h);

/* Rebuilds every window for the screen size and current item. */
void
tui_layout(tui *t);
void
tui_free_windows(tui *t);

/* Draws what is dirty and updates the screen once. */
void
tui_render(tui *t);

/* --- input.c: the key reader --- */

/* Reads one key (blocking, with a one-second tick). Handles signals and a
 * terminal that is gone by saving and exiting; collects bracketed paste;
 * rebuilds the windows on a resize; autosaves. */
tui_keykind
tui_get_key(tui *t, wint_t *ch);

/* --- nav.c: entering, leaving and moving between items and fields --- */

/* Moves to item i (leaving the current one: commit, validate, save). */
void
tui_goto_item(tui *t, size_t i);

/* Makes item i current with its fields (no commit, no save: the first
 * item, a reopened place); tui_goto_item is the move of the user. */
void
tui_enter_item(tui *t, size_t i);

/* The next (dir 1) or previous (-1) item that applies; at either end says
 * so. */
void
tui_move_item(tui *t, int dir);

/* The focus to the outline or to the item's fields. */
void
tui_set_focus(tui *t, tui_focus f);

/* Tab (dir 1) and Shift-Tab (-1): the next field of the item, then the
 * next item. */
void
tui_next_field(tui *t, int dir);

/* After a field's editor changed: unsaved, the count. */
void
tui_editor_changed(tui *t, tui_field *f);

/* The current item's fields made again from the plan (after a change of
 * the answer that did not come through them). */
void
tui_reenter_item(tui *t);

/* --- list.c: the full-screen lists' frame --- */

/* The windows of a full-screen list: *w above, *h the hint's line at the
 * bottom (drawn). The caller deletes both. */
void
tui_screen_windows(tui *t, const char *hint, WINDOW **w, WINDOW **h);

/* A full-screen list's frame (list.c): its windows, its hint, the page
 * height (rows for lines) and the cursor's state before it. */
typedef struct tui_screen {
	WINDOW *w, *h;
	const char *hint;
	int page;
	int cursor;
} tui_screen;

/* Begins a list (the form underneath stops drawing); cursor: shown. */
void
tui_screen_begin(tui *t, tui_screen *sc, const char *hint, bool cursor);
/* Makes the windows when they are missing and sets sc->page; false (the
 * "too small" notice shown) when there is no room to draw. */
bool
tui_screen_ready(tui *t, tui_screen *sc);
/* Clears the page and writes its title on the first row. */
void
tui_screen_title(tui *t, WINDOW *w, const char *title);
/* Puts the page on the terminal. */
void
tui_screen_show(tui_screen *sc);
/* The next event for the list: TK_KEY or TK_CHAR to act on; after
 * TK_RESIZE the windows are made again at the next tui_screen_ready;
 * ticks and pastes are dropped. */
tui_keykind
tui_screen_key(tui *t, tui_screen *sc, wint_t *ch);
/* Ends the list: windows freed, cursor back, the form redrawn whole. */
void
tui_screen_end(tui *t, tui_screen *sc);

/* Moves *pos, a position in [0, last] (the chooser's line, the pager's
 * top row), for a key of a list; false when a is not a move. */
bool
tui_list_move(tui_screen_action a, size_t page, size_t last, size_t *pos);

/* --- pager.c: a text to read --- */

/* A text to read, full screen (pager.c): the lines wrapped to the width
 * (a line "keys\tabout" in two columns), until a key of the pager's table
 * closes it. */
void
tui_pager(tui *t, const char *title, char *const *lines, size_t n,
	  const char *hint);

/* Help screen. */
void
tui_help(tui *t);

/* The last message and a failed save's cause, in full. */
void
tui_show_message(tui *t);

/* --- chooser.c: a list to choose a line from --- */

/* A list to choose one line from, full screen (chooser.c): returns the
 * chosen index, or -1 (Esc). keys, when not NULL, are letters that also
 * close it (read before the chooser's own keys): the one pressed goes to
 * *key_out and the line then under the cursor is returned. */
long
tui_choose(tui *t, const char *title, char *const *lines, size_t n,
	   size_t initial, const char *hint, const char *keys,
	   wint_t *key_out);

/* --- picker.c: a long list narrowed as one types --- */

/* A long list to pick one entry from, narrowed as the user types (a
 * country among 249). find fills ids with up to max entries matching the
 * filter (all for "") and returns how many match; label writes an entry's
 * line. */
typedef struct tui_picker {
	const char *title;
	const char *hint;
	size_t (*find)(void *ctx, const char *filter, const void **ids,
		       size_t max);
	void (*label)(void *ctx, const void *id, char *buf, size_t size);
	void *ctx;
} tui_picker;

/* Shows the picker, the filter starting as initial (NULL: empty): typing
 * and pasting narrow, Backspace widens, Up/Down/PgUp/PgDn move, Enter
 * picks, Esc goes back. The id picked, or NULL. */
const void *
tui_pick(tui *t, const tui_picker *p, const char *initial);

/* The picker over the options of item `item` of q (a choice of a long
 * list, such as a country): the type's own filter where it has one (a
 * country by its code or any of its names), else the labels. The option's
 * index, or -1 when the user went back. */
long
tui_pick_option(tui *t, const char *title, const qn *q, size_t item,
		const char *initial);

/* --- dialogs.c: the prompt and $EDITOR --- */

/* A one-line prompt on the message line, starting with initial. Returns
 * a malloc'd answer or NULL when cancelled (Esc, Ctrl-G, Ctrl-C). hist
 * (may be NULL): earlier answers, recalled with Up and Down; a new one
 * is added. */
char *
tui_prompt(tui *t, const char *label, const char *initial,
	   tui_prompt_hist *ph);

/* Frees a prompt's history. */
void
tui_prompt_hist_free(tui_prompt_hist *h);

/* Hands text to $VISUAL/$EDITOR; returns a malloc'd new text (length in
 * *len) or NULL (message already set) when unchanged or failed. */
char *
tui_external_edit(tui *t, const char *text, size_t len, bool single_line);

/* --- choice.c: the choices pane --- */

/* A key in the choices pane (field f of the current item). */
void
tui_choice_key(tui *t, tui_field *f, wint_t ch, bool is_key);

/* Option k of the choices pane clicked: chosen (ticked or unticked in a
 * list). */
void
tui_choice_pick(tui *t, tui_field *f, size_t k);

/* The current item's choice written out as the undo history keeps it
 * (malloc'd, *len its length), and set back from such a text (false:
 * not one, or out of memory). */
char *
tui_choice_state(const tui *t, size_t *len);
bool
tui_choice_restore(tui *t, const char *s, size_t len);

/* --- actions.c: undo, redo, word and kill commands, $EDITOR --- */

/* Undo (redo when redo) in the current item: its text fields and its
 * choice. */
void
tui_act_undo(tui *t, bool redo);

/* A word or kill command in the focused text field. */
void
tui_act_editor(tui *t, editor_cmd cmd);

/* F4: the focused text (or the item's first) in $VISUAL/$EDITOR; what
 * comes back is one step of the history. */
void
tui_act_ext_editor(tui *t);

/* --- find.c: the outline's cursor, search, go to --- */

/* A key in the outline: moves its cursor; Enter or Space goes there. */
void
tui_outline_key(tui *t, wint_t ch, bool is_key);
/* The next item, after the current one and round, whose title or answer
 * holds the last search. */
void
tui_search_next(tui *t);
/* Asks for a reference ("P6") and goes there. */
void
tui_act_goto(tui *t);
/* Asks for text to search, then tui_search_next. */
void
tui_act_search(tui *t);

/* --- mouse.c: clicks and the wheel --- */

/* Mouse reporting on (unless NO_MOUSE is set, or the terminal has no
 * mouse). */
void
tui_mouse_start(tui *t);

/* KEY_MOUSE: a click on an outline row opens the item, in an answer
 * places the cursor, on a choice chooses it; the wheel scrolls the
 * outline or the answer under the pointer. */
void
tui_mouse_event(tui *t);

/* --- review.c: a new revision's review --- */

/* On opening a plan with carried-over answers: says how many. */
void
tui_review_start(tui *t);
/* Esc k: the item's carried-over answer kept as it is. */
void
tui_act_keep(tui *t);
/* F7, Esc d: the item's word diff against the last finished revision. */
void
tui_act_diff(tui *t);
/* c in the outline, Esc c: only the items changed since then, or all. */
void
tui_act_changed(tui *t);
/* F8, Esc -: the item does not apply, for a reason asked (none: it
 * applies again). */
void
tui_act_not_applicable(tui *t);
/* Finishing with only carried-over answers left (vl): asks once whether
 * to keep them all; true when kept. */
bool
tui_accept_carried(tui *t, const val_list *vl);
/* Opening a draft of an older questionnaire version than the newest
 * installed that it can be carried over to: offers to, and opens the
 * new file when the official agrees. */
void
tui_offer_migration(tui *t);

/* --- sign.c: offering to sign --- */

/* After finishing: when the official has a key, asks whether to sign the
 * YAML export yaml (and the passphrase, never shown) and writes
 * yaml.minisig; the outcome goes to the message line. Nothing when there
 * is no key. */
void
tui_offer_sign(tui *t, const char *yaml);

/* --- finish.c: finishing the plan --- */

/* Finish: problems, export folder, session_make_final, the paths written. */
void
tui_make_final(tui *t);

/* --- start.c: the start screen --- */

/* The start screen: returns a malloc'd path to open (and *qn_id, malloc'd
 * or NULL, and *country for a new plan; *from, malloc'd, the final plan a
 * new revision starts from), or NULL to quit. */
char *
tui_start_screen(tui *t, char **qn_id, char **country, char **from);

/* --- form.c: the main loop --- */

/* The form on item start (or where the official stopped, or the first
 * unanswered item, when start is -1), until it exits. */
_Noreturn void
tui_form_loop(tui *t, long start);

#endif
