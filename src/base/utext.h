/* UTF-8 text: strict validation, grapheme clusters, display widths and
 * wrapping. Shared by the text export, the form, the line mode and the
 * collector, so all of them measure and break lines the same way.
 * Clusters come from utf8proc (Unicode 15 grapheme clusters); where a line
 * may break, from utext_break.h; how text is made harmless, from
 * utext_show.h. */
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
 * character boundary and followed by "..." when longer, what the
 * harmless-text rule escapes in its notation ("<U+001B>", utext_show.h),
 * so that one hostile value can neither flood nor garble a report.
 * Written into buf, which is returned. */
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

/* Display widths, in terminal columns. One rule decides what a grapheme
 * cluster takes, utext_cluster_width with utext_width_default:
 *   - an emoji ZWJ sequence (U+200D joining pictographs in one cluster,
 *     "👩‍👩‍👧") or an emoji presentation sequence (a pictograph or a
 *     keycap base followed by U+FE0F, "❤️", "1️⃣"): 2, one emoji; 2 more
 *     for each skin tone in it ("👩🏽‍💻" 4), which tmux and glibc draw as an
 *     emoji of its own;
 *   - a regional indicator alone, not paired into a flag: 2;
 *   - otherwise the sum of its code points' widths (utext_width_default):
 *       East Asian Wide and Fullwidth: 2 (so are U+3248..U+324F and the
 *         Yijing hexagrams U+4DC0..U+4DFF, which Unicode 15 does not
 *         call wide but glibc and tmux draw so);
 *       Mn, Me, Cf and the Hangul medial and final jamo (U+1160..U+11FF,
 *         U+D7B0..U+D7FF): 0; except the Cf that are drawn, U+00AD SOFT
 *         HYPHEN and the prepended marks such as U+0600: 1;
 *       Mc (spacing marks: Devanagari "ि"): 1, or 2 when East Asian
 *         Wide (U+302E);
 *       what the harmless-text rule shows as "<U+XXXX>" (utext_show.h):
 *         the width of that notation, 8 (9 or 10 past U+FFFF); a tab 1
 *         (the export expands tabs before it measures, the form draws one
 *         blank cell), a newline 0;
 *       everything else 1, Ambiguous included: terminals outside the
 *         legacy East Asian modes draw Ambiguous characters narrow.
 * So a flag counts 1 + 1 = 2, Thai "น้ำ" 2, NFD Vietnamese as NFC, NFD
 * Hangul 2 a syllable, an emoji with a skin tone ("👍🏽") 2 + 2 = 4 as tmux
 * and glibc draw it (terminals that join the two draw 2: the safe side).
 * tests/utext/test_width_tmux.py compares the rule with tmux over a table
 * of clusters and lists where tmux 3.3a differs. */

/* Width of one code point; a front end that draws code point by code
 * point may pass its own (see utext_cluster_width). */
typedef int (*utext_width_fn)(uint32_t cp);

/* The rule's width of one code point, from utf8proc's Unicode 15 tables:
 * independent of the locale, so exports are the same on every machine. */
int
utext_width_default(uint32_t cp);

/* Width of the cluster s[pos..end) (several clusters: the sum of theirs).
 * With utext_width_default (or NULL), the rule above. With another w, the
 * sum of w over the code points, negative widths counting 1: what ncurses
 * advances the cursor by when the form passes wcwidth(), since the form
 * draws the parts of an emoji sequence side by side. */
int
utext_cluster_width(const char *s, size_t pos, size_t end, utext_width_fn w);

/* Width of a whole string, cluster by cluster (w as above). */
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
 * columns, cluster widths by w (utext_width_default or NULL for the
 * rule). Lines break only where utext_line_breaks allows (Unicode's line
 * breaking algorithm, Thai words by dictionary; utext_break.h) and at
 * cluster boundaries; a word wider than the line is cut at a cluster
 * boundary, a cluster wider than the line gets a line of its own. Spaces
 * (U+0020) at a break are dropped from both lines; other spaces are kept:
 * indentation at the start of the paragraph when it leaves room for text,
 * and spaces at its end when they fit. Lines are written to *lines
 * (realloc'd, may be NULL at first; the caller frees it; *n_lines set).
 * Returns false only when out of memory (*n_lines is then 0 and *lines
 * still the caller's to free). An empty paragraph gives one empty line. A
 * '\n' in s, although not expected, is a hard break. A width < 1 counts
 * as 1. Time is linear in len. */
bool
utext_wrap(const char *s, size_t len, size_t width, utext_width_fn w,
	   utext_line **lines, size_t *n_lines);

/* utext_wrap of a part s[0..len) of the paragraph para[0..para_len)
 * (para <= s, s + len <= para + para_len), as if a line started at s:
 * where lines may break is decided with the text around the part, so
 * wrapping a paragraph piece by piece from its line starts gives the lines
 * utext_wrap gives for the whole (the form wraps long answers this way).
 * Line offsets are relative to s. */
bool
utext_wrap_in(const char *s, size_t len, const char *para, size_t para_len,
	      size_t width, utext_width_fn w, utext_line **lines,
	      size_t *n_lines);

#endif
