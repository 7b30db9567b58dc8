/* Internals shared by the form's files (tui.c, choice.c, find.c, keys.c,
 * draw.c, dialogs.c, start.c): the form's state, the key reader and the
 * drawing helpers. */
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
#include "session.h"
#include "tui.h"
#include "utext.h"
#include "validate.h"

/* The program's strings and the questionnaire's own text go through
 * gettext in the "actionplan" domain (src/i18n). */
#include "i18n.h"
#include "loadplan.h"

#undef CTRL
#define CTRL(c) ((c) & 0x1f)

/* Key codes we ask ncurses to return for the bracketed paste markers. They
 * sit far above KEY_MAX, where ncurses' own extended keys never reach. */
#define TUI_KEY_PASTE_BEGIN 0x4000
#define TUI_KEY_PASTE_END 0x4001

/* Smallest usable screen, and the width from which the outline is shown. */
#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 12
#define TUI_OUTLINE_COLS 80

/* Limits on what comes in from the terminal or from $EDITOR. */
#define TUI_PASTE_MAX (8u << 20)
#define TUI_EDIT_FILE_MAX (32u << 20)

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
	char *problem;     /* first problem of validate_item(draft), or NULL */
	size_t cur_value;  /* editor cursors, kept while moving around */
	size_t cur_explain;
} tui_itemstate;

typedef enum {
	FOCUS_PANE,
	FOCUS_OUTLINE,
} tui_focus;

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

	/* Redraw flags. */
	unsigned dirty;

	/* Messages. */
	char msg[512];
	bool msg_error;
	char *ro_msg;        /* read-only notice, or NULL */

	/* Search. */
	char *last_search;

	/* Autosave. */
	struct timespec dirty_since; /* first unsaved change */
	bool pending;                /* unsaved keystrokes (in editors) */
	bool count_stale;            /* the count line waits for a tick */

	/* Bracketed paste collected by tui_get_key. */
	char *paste;
	size_t paste_len;

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

/* --- tui.c --- */

/* Reads one key (blocking, with a one-second tick). Handles signals and a
 * terminal that is gone by saving and exiting; collects bracketed paste;
 * rebuilds the windows on a resize; autosaves. */
tui_keykind
tui_get_key(tui *t, wint_t *ch);

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

/* Sets the message line (printf format). */
void
tui_message(tui *t, bool error, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Moves to item i (leaving the current one: commit, validate, save). */
void
tui_goto_item(tui *t, size_t i);

/* Bracketed paste on/off around leaving the screen. */
void
tui_paste_mode(tui *t, bool on);

/* Clears the message line. */
void
tui_clear_message(tui *t);

/* Notes the first unsaved change, for "saved within 2 seconds". */
void
tui_note_unsaved(tui *t);

/* Validates item i and keeps its first problem for the outline. */
void
tui_validate_one(tui *t, size_t i);

/* True, saying so on the message line, when the plan is read-only. */
bool
tui_refuse_read_only(tui *t);

/* Tab (dir 1) and Shift-Tab (-1): the next field of the item, then the
 * next item. */
void
tui_next_field(tui *t, int dir);

/* Recomputes the outline state of every item (conditions, marks). */
void
tui_refresh_states(tui *t);

/* --- choice.c --- */

/* A key in the choices pane (field f of the current item). */
void
tui_choice_key(tui *t, tui_field *f, wint_t ch, bool is_key);

/* --- find.c --- */

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

/* --- keys.c --- */

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

/* --- draw.c --- */

/* Width of a code point as ncurses draws it. */
int
tui_wcwidth(uint32_t cp);

/* Draws UTF-8 text s[0..len) at (y, x) using at most maxw columns; returns
 * the columns used. Control characters show as '?'. */
int
tui_draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int maxw);

/* Display width of UTF-8 text as tui_draw_text draws it. */
size_t
tui_text_width(const char *s, size_t len);

/* Wraps text (which may hold '\n') to width: returns the lines in *lines
 * as byte ranges of s (realloc'd), their count in *n. */
bool
tui_wrap(const char *s, size_t width, utext_line **lines, size_t *n);

/* Rebuilds every window for the screen size and current item. */
void
tui_layout(tui *t);
void
tui_free_windows(tui *t);

/* Draws what is dirty and updates the screen once. */
void
tui_render(tui *t);

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

/* --- dialogs.c --- */

/* A one-line prompt on the message line. Returns a malloc'd answer or NULL
 * when cancelled (Esc, Ctrl-G, Ctrl-C). */
char *
tui_prompt(tui *t, const char *label, const char *initial);

/* A full-screen list. selectable: returns the chosen index or -1 (Esc);
 * otherwise shows the lines until a key closes it and returns -1.
 * keys, when not NULL, are extra characters that close the list: the
 * one pressed is stored in *key_out. */
long
tui_list(tui *t, const char *title, char *const *lines, size_t n,
	 bool selectable, size_t initial, const char *hint, const char *keys,
	 wint_t *key_out);

/* Hands text to $VISUAL/$EDITOR; returns a malloc'd new text (length in
 * *len) or NULL (message already set) when unchanged or failed. */
char *
tui_external_edit(tui *t, const char *text, size_t len, bool single_line);

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

/* Finish: problems, export folder, session_finish, the paths written. */
void
tui_finish(tui *t);

/* Help screen. */
void
tui_help(tui *t);

/* --- start.c --- */

/* The start screen: returns a malloc'd path to open (and *qn_id, malloc'd
 * or NULL, and *country for a new plan), or NULL to quit. */
char *
tui_start_screen(tui *t, char **qn_id, char **country);

#endif
