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

/* Why bytes are not strict UTF-8. */
typedef enum utext_error {
	UTEXT_OK,
	UTEXT_OVERLONG,     /* 0xC0, 0xC1, or a longer form than needed */
	UTEXT_CONTINUATION, /* a continuation byte where a character starts */
	UTEXT_BAD_BYTE,     /* 0xF5..0xFF: never in UTF-8 */
	UTEXT_TRUNCATED,    /* a sequence cut short (or *pos at the end) */
	UTEXT_SURROGATE,    /* U+D800..U+DFFF */
	UTEXT_TOO_LARGE,    /* past U+10FFFF */
} utext_error;

/* Decodes the code point at s[*pos] strictly, as utext_valid checks it.
 * On UTEXT_OK, *cp is the code point and *pos is past it. Otherwise *pos
 * is unchanged and *cp is the value decoded for an overlong form, a
 * surrogate or a value past U+10FFFF, else the first byte. NUL is
 * decoded like any ASCII byte. */
utext_error
utext_decode(const char *s, size_t len, size_t *pos, uint32_t *cp);

/* Decodes one code point at s[*pos] (s should be valid UTF-8) and advances
 * *pos. Returns 0 at len (and for a NUL byte). Whatever utext_decode
 * refuses gives U+FFFD and advances one byte, so a caller's mistake never
 * reads out of bounds. */
uint32_t
utext_next(const char *s, size_t len, size_t *pos);

/* Length of the run of printable ASCII (0x20..0x7E) at the start of s:
 * text that takes one column a byte and that nothing has to escape. */
size_t
utext_plain_run(const char *s, size_t len);

/* Length of the run of printable text at the start of s: printable ASCII
 * and valid UTF-8 characters other than the C1 controls (U+0080..U+009F)
 * and the line and paragraph separators U+2028 and U+2029. That is text
 * that can be shown as it is (no tab, no control). */
size_t
utext_printable_run(const char *s, size_t len);

/* True when all of s is printable ASCII (utext_plain_run(s, len) == len). */
bool
utext_plain_ascii(const char *s, size_t len);

/* Writes cp as UTF-8 into out and returns its length (1 to 4); 0 for a
 * surrogate or a value past U+10FFFF, which have no UTF-8 form. */
size_t
utext_encode(uint32_t cp, char out[4]);

/* Number of code points of valid UTF-8: the bytes that do not continue a
 * sequence (that is also the count of invalid input, never more than
 * len). */
size_t
utext_count(const char *s, size_t len);

/* Room for utext_excerpt: about 100 bytes of text, "..." and the NUL. */
#define UTEXT_EXCERPT_SIZE 104

/* Someone's text as a message shows it: at most about 100 bytes, cut at a
 * character boundary and followed by "..." when longer, control
 * characters as '?', so that one hostile value can neither flood nor
 * garble a report. Written into buf, which is returned. */
const char *
utext_excerpt(char buf[UTEXT_EXCERPT_SIZE], const char *s);

/* Offset of the end of the character cluster starting at pos (pos < len);
 * returns len at the end. A cluster never spans a '\n'. */
size_t
utext_cluster_end(const char *s, size_t len, size_t pos);

/* Offset of the start of the cluster that ends at pos (pos > 0); when pos
 * is inside a cluster, the start of that cluster. Backs up to a point where
 * a boundary is certain and walks forward: usually a few characters, at
 * worst the line. */
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

/* Width of the cluster s[pos..end): the sum of its code points' widths.
 * That is what ncurses advances the cursor by (wcswidth), and it never
 * under-counts a cluster that carries a spacing mark (Thai "ทำ", Devanagari
 * vowel signs), where "the widest code point" would. Emoji sequences
 * joined by ZWJ or with a skin tone may then count more than a terminal
 * draws: the safe side for wrapping. With utext_width_default only, a
 * cluster whose 1-wide base is followed by U+FE0F (emoji presentation,
 * "❤️") counts one more, as terminals draw it two cells wide; a regional-
 * indicator flag counts 1 + 1 = 2. Negative widths count 1. */
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
 * columns: breaks after spaces, and between two wide (CJK) clusters
 * (except before CJK closing punctuation such as "。" or after an opening
 * one such as "《"), never inside a cluster; a word longer than the width
 * is cut at a cluster boundary. Spaces (U+0020) at a break are dropped
 * from both lines; other spaces are kept: indentation at the start of the
 * paragraph when it leaves room for text, and spaces at its end when they
 * fit. Lines are written to *lines (realloc'd, may be NULL at first; the
 * caller frees it; *n_lines set). Returns false only when out of memory
 * (*n_lines is then 0 and *lines still the caller's to free). An empty
 * paragraph gives one empty line. A '\n' in s, although not expected, is
 * a hard break. A cluster wider than `width` gets a line of its own. A
 * width < 1 counts as 1. Time is linear in len. */
bool
utext_wrap(const char *s, size_t len, size_t width, utext_width_fn w,
	   utext_line **lines, size_t *n_lines);

/* ---- Words (issue 12) ----
 * For the form's word motions and deletions. A word is a unit of a run
 * of letters, marks and digits: a run of a script written with spaces is
 * one word, a wide (CJK) cluster is one, and Thai and Lao runs are cut
 * into syllable-like units (until the dictionary breaking of line
 * wrapping gives real words). Positions are byte offsets on cluster
 * boundaries; a newline is not a word character.
 *
 * utext_word_next: the end of the word at or after pos (skipping what is
 * not a word first); len when there is none. utext_word_prev: the start
 * of the word before pos (skipping what is not a word first); 0 when
 * there is none. */
size_t
utext_word_next(const char *s, size_t len, size_t pos);
size_t
utext_word_prev(const char *s, size_t len, size_t pos);

#endif
