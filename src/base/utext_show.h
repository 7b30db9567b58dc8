/* Harmless text: the one rule, in one place, for showing someone's text to
 * a person or a program. Every output applies it (the form and the line
 * mode, check's, diff's and collect's messages, the text export,
 * report.txt, matrix.csv, submissions.yaml, the site); plan files keep
 * what the official typed.
 *
 * What cannot be shown as it is, is shown in one notation, "<U+XXXX>"
 * (the code point in upper-case hexadecimal, at least four digits):
 *   - C0 controls (U+0000..U+001F), DEL and the C1 controls
 *     (U+0080..U+009F): they steer terminals ("<U+001B>" for ESC);
 *     tab and newline only where the output says it keeps them;
 *   - the bidirectional controls (Unicode's Bidi_Control: U+061C,
 *     U+200E, U+200F, U+202A..U+202E, U+2066..U+2069): they reorder
 *     what follows, so "exe.jpg" can read as "gpj.exe";
 *   - the line and paragraph separators U+2028 and U+2029;
 *   - noncharacters (U+FDD0..U+FDEF and the last two code points of
 *     every plane, U+FFFE, U+FFFF, U+1FFFE...).
 * Bytes that are not UTF-8 (only file names can hold them: plans are
 * strict UTF-8) are shown as "<0xFF>". */
#ifndef AP_UTEXT_SHOW_H
#define AP_UTEXT_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

/* Which of tab and newline an output keeps as they are (0: neither). */
enum {
	UTEXT_KEEP_TAB = 1,
	UTEXT_KEEP_NEWLINE = 2,
};

/* True when cp is shown in the notation (tab and newline included: the
 * callers that keep them test for them first). */
bool
utext_escaped(uint32_t cp);

/* True for the bidirectional controls listed above (check warns about
 * them). */
bool
utext_bidi_control(uint32_t cp);

/* Room for one notation and its NUL: "<U+10FFFF>". */
#define UTEXT_ESCAPE_SIZE 11

/* Writes the notation of cp into buf (NUL-terminated) and returns its
 * length, which is also its width in columns: 8 in the Basic
 * Multilingual Plane, 9 or 10 beyond. */
size_t
utext_escape(uint32_t cp, char buf[UTEXT_ESCAPE_SIZE]);

/* Width (and length) of the notation of cp. */
size_t
utext_escape_width(uint32_t cp);

/* Length of the run at the start of s[0..len) that is shown as it is:
 * valid UTF-8 with nothing the rule escapes (tab and newline allowed when
 * keep says so). */
size_t
utext_shown_run(const char *s, size_t len, unsigned keep);

/* Appends s[0..len) to b as the rule shows it. */
void
utext_show(sbuf *b, const char *s, size_t len, unsigned keep);

/* The same into a new malloc'd string (NULL when out of memory). */
char *
utext_show_dup(const char *s, size_t len, unsigned keep);

#endif
