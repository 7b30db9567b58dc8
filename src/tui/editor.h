/* A multi-line UTF-8 text editor widget on ncursesw: the text is kept as
 * UTF-8 with real '\n'; the cursor moves and deletes by character cluster
 * and by word (utext_word_*); lines wrap by display width (utext_wrap),
 * never inside a cluster. Changes are recorded in an undo history and
 * kills go to a kill ring when the caller gives them. libform is not used
 * (it loses Thai marks and newlines: see doc/DESIGN.md). */
#ifndef AP_EDITOR_H
#define AP_EDITOR_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "history.h"
#include "killring.h"

typedef struct editor editor;

typedef enum {
	EDITOR_IGNORED,   /* key not for the editor: the caller handles it */
	EDITOR_HANDLED,   /* consumed; nothing changed in the text */
	EDITOR_CHANGED,   /* the text changed */
} editor_result;

/* A new editor holding a copy of text (NULL = empty; bytes that are not
 * UTF-8 become U+FFFD, nothing else is changed); the cursor is at the end.
 * max_chars = 0 for no limit (typing past the limit is refused, see
 * editor_refused; a longer text given here is kept as it is).
 * single_line: Enter is not taken (returns EDITOR_IGNORED). NULL when out of
 * memory. */
editor *
editor_create(const char *text, size_t max_chars, bool single_line);
void
editor_destroy(editor *e);

/* Where changes are recorded: history h (borrowed; NULL: none) as field
 * `field`; and the kill ring kills go to and yanks come from (borrowed;
 * NULL: kills only delete). */
void
editor_set_history(editor *e, hist *h, int field);
void
editor_set_killring(editor *e, killring *kr);

/* The text (owned by the editor, NUL-terminated, valid until the next
 * change); *len (if not NULL) is its length in bytes. */
const char *
editor_text(const editor *e, size_t *len);
/* Replaces the text as editor_create does (cursor at the end, scrolled to
 * the top), without recording it. False when out of memory: the old text
 * is kept. */
bool
editor_set_text(editor *e, const char *text);
/* Replaces the text with text[0..len) as one step of the history (an
 * external edit): only the part that differs is replaced, and the cursor
 * goes after it. EDITOR_HANDLED when nothing differed (or out of memory,
 * then editor_refused). */
editor_result
editor_replace_all(editor *e, const char *text, size_t len);

/* For undo and redo: replaces bytes [pos, pos + from_len), which must
 * hold from[0..from_len), with to[0..to_len), not recorded, and puts the
 * cursor at cursor. False (nothing changed) when the text there is not
 * `from` or memory ran out. */
bool
editor_apply(editor *e, size_t pos, const char *from, size_t from_len,
	     const char *to, size_t to_len, size_t cursor);

/* Handles one key from wget_wch: ch is the wide character or KEY_* code,
 * is_key tells which (true for KEY_CODE_YES). Keys: Left/Right (one
 * cluster), Up/Down (one visual line, keeping the column), Home/End (visual
 * line), PgUp/PgDn (a window height), Backspace (KEY_BACKSPACE, 127, ^H:
 * the cluster before), Delete (KEY_DC: the cluster after), Enter ('\n',
 * '\r', KEY_ENTER: a newline), Ctrl-A/E (start/end of the logical line),
 * Ctrl-K (kill to the end of the line, or join the next line at its end),
 * Ctrl-U (kill to the start of the line), Ctrl-W (the word before; at the
 * start of a line it joins the line to the previous one), Ctrl-Y (yank
 * the newest kill), printable text. Kills that follow each other join in
 * the kill ring (Ctrl-K after its text, Ctrl-U and Ctrl-W before it).
 * Everything else (Tab, Esc, other control characters, function keys,
 * KEY_RESIZE) gives EDITOR_IGNORED and changes nothing.
 * Typing is one step of the history a word at a time, Backspace and
 * Delete a run at a time, and every kill, yank or paste a step of its
 * own; a move ends the step that typing would join.
 * Bracketed paste: the caller passes pasted text with editor_insert. */
editor_result
editor_key(editor *e, wint_t ch, bool is_key);

/* The keys of editor_key, for a help screen: editor_n_keys() entries, each
 * a key's name (NULL: another code of the key before it) and what it does
 * (an untranslated msgid; keys with the same words share a line). */
size_t
editor_n_keys(void);
void
editor_key_help(size_t i, const char **name, const char **help);

/* Commands that have no key of their own in the widget (the form binds
 * them: Ctrl-Left/Right, Esc b/f, Esc Backspace, Esc Delete, Esc y). */
typedef enum {
	EDCMD_WORD_LEFT,      /* to the start of the word before */
	EDCMD_WORD_RIGHT,     /* to the end of the word after */
	EDCMD_KILL_WORD_BACK, /* kill the word before (as Ctrl-W) */
	EDCMD_KILL_WORD_FWD,  /* kill the word after (line break at the
			       * end of a line) */
	EDCMD_YANK,           /* as Ctrl-Y */
	EDCMD_YANK_POP,       /* right after a yank: the kill before it
			       * instead (round the ring) */
} editor_cmd;
editor_result
editor_command(editor *e, editor_cmd cmd);

/* Inserts UTF-8 text at the cursor as one step of the history (CRLF and
 * CR become LF, LF becomes a space in a single-line editor; other control
 * characters except tab are dropped; bytes that are not UTF-8 become
 * U+FFFD). Past the limit only the whole clusters that fit are inserted,
 * and editor_refused is true. */
editor_result
editor_insert(editor *e, const char *text, size_t len);

/* Draws into win (its whole area: each visual line, then wclrtoeol and
 * wclrtobot) and places win's cursor; scrolls so that the cursor's line is
 * visible, also after win was resized. Never refreshes: the caller uses
 * wnoutrefresh/doupdate, which sends only the cells that changed.
 * Widths are the C library's wcwidth() per code point, as ncurses counts;
 * control characters are shown as "^X" in reverse video (2 cells), a tab as
 * one blank cell, what the locale cannot print as a reverse U+FFFD;
 * U+200D and the variation selectors U+FE0E/U+FE0F are not drawn (the
 * text keeps them) so that terminals that join emoji do not disagree with
 * ncurses about columns. Up/Down and PgUp/PgDn use the size of the window
 * drawn last (80x10 before the first draw). */
void
editor_draw(editor *e, WINDOW *win);

/* Cursor (a byte offset, always on a cluster boundary) and scroll
 * position, kept over a resize. editor_set_cursor clamps to the text and
 * moves back to the start of the cluster the offset falls in. */
size_t
editor_cursor(const editor *e);
void
editor_set_cursor(editor *e, size_t byte_offset);

/* Number of characters as people count them (grapheme clusters: "ệ" is
 * one whether composed or not) and the limit (0 = none), counted the
 * same way. */
size_t
editor_count(const editor *e);
size_t
editor_limit(const editor *e);

/* True when the last editor_key, editor_command or editor_insert refused
 * text because of the limit (or for want of memory); reset by the next
 * call of any of them. */
bool
editor_refused(const editor *e);

/* The mouse, in the window drawn last: a click at (row, col) puts the
 * cursor on the nearest position of that row; the wheel scrolls the
 * view (and the cursor with it) by n visual lines (negative: up). */
void
editor_click(editor *e, int row, int col);
void
editor_scroll(editor *e, long n);

#endif
