/* UTF-8 text: strict validation, character clusters, display width and
 * wrapping. Shared by the text export and the form's editor, so both break
 * lines the same way. Clusters come from utf8proc (Unicode grapheme
 * clusters); widths from a caller-chosen function. */
#ifndef AP_UTEXT_H
#define AP_UTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is strict UTF-8: no overlongs, no surrogates, nothing
 * past U+10FFFF, no truncated sequence. NUL bytes are allowed here (callers
 * that forbid them check separately). On false, *bad (if not NULL) is the
 * offset of the first bad byte. */
bool
utext_valid(const char *s, size_t len, size_t *bad);

/* Decodes one code point at s[*pos] (s must be valid UTF-8) and advances
 * *pos. Returns 0 at len. */
uint32_t
utext_next(const char *s, size_t len, size_t *pos);

/* Number of code points. */
size_t
utext_count(const char *s, size_t len);

/* Offset of the end of the character cluster starting at pos (pos < len);
 * returns len at the end. A cluster never spans a '\n'. */
size_t
utext_cluster_end(const char *s, size_t len, size_t pos);

/* Offset of the start of the cluster that ends at pos (pos > 0). */
size_t
utext_cluster_start(const char *s, size_t len, size_t pos);

/* Display width of one code point: 0 for combining marks and other
 * zero-width characters, 2 for wide East Asian characters and emoji
 * presentation, 1 otherwise; control characters count 1 (front ends show
 * them as visible escapes). */
typedef int (*utext_width_fn)(uint32_t cp);

/* The engine's default: utf8proc's widths, independent of the locale, so
 * exports are the same on every machine. */
int
utext_width_default(uint32_t cp);

/* Width of the cluster s[pos..end): the width of its widest code point
 * (a cluster is drawn in one cell group). */
int
utext_cluster_width(const char *s, size_t pos, size_t end, utext_width_fn w);

/* Width of a whole string without newlines. */
size_t
utext_width(const char *s, size_t len, utext_width_fn w);

/* One visual line produced by wrapping: bytes [start, end) of the input,
 * without the break's space or the '\n'. */
typedef struct utext_line {
	size_t start;
	size_t end;
	size_t width;
} utext_line;

/* Wraps one paragraph s[0..len) (no '\n' in it) to at most `width`
 * columns: breaks after spaces, and between two wide (CJK) clusters, never
 * inside a cluster; a word longer than the width is cut at a cluster
 * boundary. Spaces at a break are dropped from both lines; other spaces are
 * kept. Lines are written to *lines (realloc'd; *n_lines set). Returns
 * false only when out of memory. An empty paragraph gives one empty line. */
bool
utext_wrap(const char *s, size_t len, size_t width, utext_width_fn w,
	   utext_line **lines, size_t *n_lines);

#endif
