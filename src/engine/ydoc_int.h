/* What ydoc.c and ydoc_escape.c share: places in the input, and the
 * surrogate pairs of double-quoted escapes that are read before libyaml
 * sees the text. */
#ifndef AP_YDOC_INT_H
#define AP_YDOC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "utext.h"

/* Line and column (1-based, counted in characters as libyaml does). */
typedef struct yd_pos {
	unsigned long line;
	unsigned long col;
} yd_pos;

/* The place of a byte offset (past a BOM at the start), and the byte
 * offset of a place (len when it is not in data). The input may not be
 * valid UTF-8: a sequence cut short at the end stops the count. */
yd_pos
yd_pos_of_offset(const char *data, size_t len, size_t off);
size_t
yd_offset_of_pos(const char *data, size_t len, unsigned long line,
		 unsigned long col);

/* U+0085 (NEL) in the file (data, BOM left out): a line break to YAML 1.1
 * readers (libyaml, PyYAML), an ordinary character to YAML 1.2 readers, so
 * the same file means two things. A warning in diags for each (at most
 * ten), at its line and column as libyaml counts them. */
void
yd_warn_nel(const char *name, const char *data, size_t len,
	    diag_list *diags);

/* Walks p from byte *at to byte `to` of data (line breaks as libyaml knows
 * them: LF, CR, CR LF, NEL, LS, PS); *at becomes to. Starting at {1, 1}
 * from 0 (or 3, past a BOM) gives the place of `to`. */
void
yd_pos_walk(yd_pos *p, const char *data, size_t len, size_t *at, size_t to);

/* A JSON-style surrogate pair in an escape, "\ud83d\udc69": libyaml
 * refuses each half, so the input libyaml reads has "\U0001F469" there,
 * two characters shorter. */
typedef struct yd_pair {
	size_t off;        /* of the backslash, in the input */
	yd_pos at;         /* its place in the input */
	uint32_t cp;       /* the character the pair encodes */
	bool in_quotes;    /* found inside a double-quoted scalar */
	bool applied;      /* replaced in the text libyaml reads, */
	size_t new_off;    /* at this offset */
	unsigned long new_col; /* and this column */
} yd_pair;

typedef struct yd_escapes {
	yd_pair *v;
	size_t n, cap;
	char *text; /* what libyaml reads: the input with the pairs replaced */
	size_t len;
} yd_escapes;

/* Finds every pair in data (an odd run of backslashes, then "u" and four
 * hex digits of a high surrogate, then the same with a low one) and
 * writes e->text with all of them replaced, or with those marked
 * in_quotes only when only_quoted. False when out of memory. */
bool
yd_escapes_find(const char *data, size_t len, yd_escapes *e);
bool
yd_escapes_apply(const char *data, size_t len, yd_escapes *e,
		 bool only_quoted);

/* The column in the input of a column of the text libyaml read. */
unsigned long
yd_escapes_col(const yd_escapes *e, unsigned long line, unsigned long col);

/* The byte offset in the input of an offset in the text libyaml read. */
size_t
yd_escapes_offset(const yd_escapes *e, size_t off);

void
yd_escapes_free(yd_escapes *e);

/* The first escape in the double-quoted scalar starting at byte `from` of
 * data that stands for one of the code points listed, cp[0..n): its
 * offset, or (size_t)-1. Escapes are \xXX, \uXXXX and \UXXXXXXXX. */
size_t
yd_escape_find_cp(const char *data, size_t len, size_t from,
		  const uint32_t *cp, size_t n);

/* Escapes judged as the characters written raw would be: when the value v
 * of the double-quoted scalar at (line, col) holds U+FEFF (allowed only as
 * a file's first character), U+FFFE or U+FFFF, says so in diags, at the
 * escape, with problem's message for the raw character, and returns true. */
bool
yd_refused_escape(const char *name, const char *data, size_t len,
		  unsigned long line, unsigned long col, const char *v,
		  size_t vlen, const char *(*problem)(utext_error, uint32_t),
		  diag_list *diags);

/* When the place (line, col) where libyaml found an invalid escape code
 * is in a "\uD800" escape (half of a surrogate pair without the other),
 * says so in diags, at the escape, and returns true. */
bool
yd_lone_surrogate(const char *name, const char *data, size_t len,
		  unsigned long line, unsigned long col, diag_list *diags);

/* The surrogate (U+D800..U+DFFF) a "\uXXXX" escape at data[off] (at the
 * backslash) stands for, or 0. */
uint32_t
yd_escape_surrogate(const char *data, size_t len, size_t off);

/* The message (N_-marked, a printf format with the code point or byte)
 * for what utext_decode found, or for a character libyaml refuses. */
const char *
yd_text_problem(utext_error e, uint32_t cp);

/* Strict UTF-8 check of the whole input, plus the characters libyaml's
 * reader refuses, each problem with its line and column in diags. True
 * when the input is fine. */
bool
yd_check_text(const char *name, const char *data, size_t len,
	      diag_list *diags);

/* False, with a problem at the place, when flow collections ([ {) nest
 * deeper than max_depth (libyaml's time grows with the square of it). */
bool
yd_prescan_flow(const char *name, const char *data, size_t len,
		size_t max_depth, diag_list *diags);

#endif
