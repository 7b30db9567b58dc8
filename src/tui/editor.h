/* A multi-line UTF-8 text editor widget on ncursesw: the text is kept as
 * UTF-8 with real '\n'; the cursor moves and deletes by character cluster;
 * lines wrap by display width (utext_wrap), never inside a cluster. libform
 * is not used (it loses Thai marks and newlines: see NOTES.md). */
#ifndef AP_EDITOR_H
#define AP_EDITOR_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct editor editor;

typedef enum {
	EDITOR_IGNORED,   /* key not for the editor: the caller handles it */
	EDITOR_HANDLED,   /* consumed; nothing changed in the text */
	EDITOR_CHANGED,   /* the text changed */
} editor_result;

/* A new editor holding a copy of text (NULL = empty); max_chars = 0 for no
 * limit (typing past the limit is refused, the count turns to an error).
 * single_line: Enter is not taken (returns EDITOR_IGNORED). NULL when out of
 * memory. */
editor *
editor_create(const char *text, size_t max_chars, bool single_line);
void
editor_destroy(editor *e);

/* The text (owned by the editor, valid until the next change). */
const char *
editor_text(const editor *e, size_t *len);
void
editor_set_text(editor *e, const char *text);

/* Handles one key from wget_wch: ch is the wide character or KEY_* code,
 * is_key tells which. Keys: arrows, Home/End, PgUp/PgDn, Backspace,
 * Delete, Enter (newline), Ctrl-A/E/K/U/W as in readline, printable text.
 * Bracketed paste: the caller passes pasted text with editor_insert. */
editor_result
editor_key(editor *e, wint_t ch, bool is_key);

/* Inserts UTF-8 text at the cursor (CRLF and CR become LF; other control
 * characters except tab are dropped). */
editor_result
editor_insert(editor *e, const char *text, size_t len);

/* Draws into win (its whole area) and places the cursor. Only touches
 * cells that need it: the caller uses wnoutrefresh/doupdate. */
void
editor_draw(editor *e, WINDOW *win);

/* Cursor and scroll position, kept over a resize. */
size_t
editor_cursor(const editor *e);
void
editor_set_cursor(editor *e, size_t byte_offset);

/* Number of characters (code points) and the limit (0 = none). */
size_t
editor_count(const editor *e);
size_t
editor_limit(const editor *e);

#endif
