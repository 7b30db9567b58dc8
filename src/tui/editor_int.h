/* Internals of the editor widget shared by its files: editor.c (the
 * text, editing keys, undo and kills), editor_wrap.c (the wrap cache and
 * visual lines) and editor_draw.c (drawing, scrolling, mouse). Not for
 * use outside the widget. */
#ifndef AP_EDITOR_INT_H
#define AP_EDITOR_INT_H

#include <stdint.h>
#include <wchar.h>

#include "editor.h"
#include "history.h"
#include "killring.h"
#include "utext.h"
#include "utext_break.h"

/* Logical lines wrapped recently. A keystroke wraps only the logical lines
 * it looks at (the cursor's and the visible ones), and of those only as
 * far as it looks; an edit keeps the visual lines before it and shifts the
 * logical lines after it, so what did not change is not wrapped again. */
typedef struct wrap_entry {
	size_t ls, le;        /* the logical line: bytes [ls, le) */
	size_t width;         /* wrap width it was made for */
	utext_line *lines;    /* visual lines known so far, relative to ls */
	size_t n, cap;
	size_t next_start;    /* where the next unknown line starts */
	bool done;            /* all lines are known */
	unsigned long used;   /* for least-recently-used replacement */
	bool valid;
} wrap_entry;

/* One visual line, copied out of the cache (entries may be replaced). */
typedef struct visline {
	size_t ls, le;     /* its logical line */
	size_t k;          /* index among its visual lines */
	bool last;         /* the last of them */
	size_t start, end; /* its bytes, without break spaces */
	size_t next;       /* start of the following visual line, or le */
} visline;

struct editor {
	char *buf;         /* always NUL-terminated */
	size_t len, cap;
	size_t cur;        /* cursor: byte offset on a cluster boundary */
	size_t nclusters;  /* characters as people count them (grapheme
			    * clusters), kept up to date */
	size_t limit;
	bool single_line;
	bool refused;      /* the last key or insert was (partly) refused */
	size_t goal;       /* column kept by Up/Down; SIZE_MAX: none */
	size_t top;        /* first byte of the first visual line shown */
	int rows, cols;    /* size of the window drawn last (0: never) */
	wrap_entry *cache;
	size_t n_cache;
	unsigned long tick;
	utext_line *scratch; /* utext_wrap's output, realloc'd by it */
	/* Undo history and kill ring (both borrowed, may be NULL). */
	hist *hist;
	int field;
	killring *kr;
	int last_cmd;      /* LC_*: what the key just handled did */
	int prev_cmd;      /* LC_*: what the key before it did */
	size_t yank_a, yank_b, yank_back; /* the text yanked last */
};

/* What the key before did, for joining kills and cycling yanks. */
enum {
	LC_NONE,
	LC_KILL_FWD,  /* a kill forwards (Ctrl-K, Esc d) */
	LC_KILL_BACK, /* a kill backwards (Ctrl-U, Ctrl-W, Esc Backspace) */
	LC_YANK,      /* Ctrl-Y or Esc y */
};

#define NO_GOAL SIZE_MAX
#define ctrl_key(c) ((c) & 0x1f)
#define DEFAULT_ROWS 10

/* --- editor_wrap.c --- */

/* wcwidth() of cp (remembered for the BMP), and the width of a code
 * point as the editor draws it (control characters as "^X", a tab as one
 * cell). */
int
ed_cwidth(uint32_t cp);
int
ed_width(uint32_t cp);
/* The end of the cluster at p, and its width. */
size_t
ed_cluster(const editor *e, size_t p, size_t *width);
/* The emoji joiner and the variation selectors, never drawn. */
bool
ed_not_drawn(uint32_t cp);
size_t
ed_page_rows(const editor *e);
/* The logical line (between newlines) holding p: [*ls, *le). */
void
ed_line_bounds(const editor *e, size_t p, size_t *ls, size_t *le);
void
ed_cache_clear(editor *e);
bool
ed_cache_fit(editor *e, size_t rows);
/* Bytes [a, b) became ins[0..n): the cache follows. */
void
ed_cache_edit(editor *e, size_t a, size_t b, const char *ins, size_t n);
/* Visual lines: the one showing p, the next and the one before. */
bool
ed_vl_at(editor *e, size_t p, visline *v);
bool
ed_vl_next(editor *e, const visline *v, visline *out);
bool
ed_vl_prev(editor *e, const visline *v, visline *out);
bool
ed_vl_same(const visline *a, const visline *b);
/* First and last cursor positions on v, the column of p on v, and the
 * position nearest to a column. */
size_t
ed_vl_first(const visline *v);
size_t
ed_vl_last(const editor *e, const visline *v);
size_t
ed_vl_col(const editor *e, const visline *v, size_t p);
size_t
ed_vl_pos_at(const editor *e, const visline *v, size_t goal);
/* Moves the cursor n visual lines (keeping the goal column); returns how
 * many it moved. */
size_t
ed_move_lines(editor *e, long n);
/* PgUp (dir -1) and PgDn (1), by `rows` lines: the view moves with the
 * cursor. */
void
ed_page(editor *e, int dir, size_t rows);

#endif
