/* Where text may be split, decided in one place: line break opportunities
 * by Unicode's line breaking algorithm (UAX #14, from ICU) with Thai
 * words from libthai's dictionary, and words by Unicode's word boundaries
 * (UAX #29, from ICU, whose dictionaries find Chinese, Japanese, Lao,
 * Khmer and Myanmar words) with Thai words from libthai. The wrapper
 * (utext_wrap: the text export, the form's answers, outline and help, the
 * line mode, collect's report), the form's word motions and deletions and
 * diff's words all ask here.
 *
 * Tailoring of UAX #14 (tests/utext/test-breaks.c lists each case):
 *   - Thai (class SA: U+0E01..U+0E3A, U+0E40..U+0E4E): the edges of a run
 *     of Thai follow the algorithm with the run read as letters (class AL,
 *     its marks CM: rule LB1's default); inside the run a line may break
 *     between libthai's words and nowhere else. A run longer than
 *     UTEXT_THAI_SEGMENT code points is segmented in pieces of at least
 *     that many, each cut before a preposed vowel (U+0E40..U+0E44, a
 *     syllable boundary): libthai's time grows faster than the length,
 *     and text with no space for that long is not prose. Without libthai's
 *     dictionary (package libthai-data), ICU's own Thai dictionary.
 *   - Lao, Khmer and Myanmar (also SA): ICU's dictionaries.
 *   - ICU's defaults where they differ from the test file of UAX #14: a
 *     hyphen at the start of the text or after a space stays with the
 *     letter after it ("-5", "-e"), and ICU reads "a.2" and ",0" as
 *     parts of numbers (no break after the "." or ",").
 *   - Mandatory breaks other than '\n' (U+2028, U+2029, U+0085, VT, FF,
 *     CR) count as opportunities only: outputs show those characters as
 *     "<U+2028>" (utext_show.h), a paragraph ends only at '\n'.
 *
 * Breaks are computed with the text around the part asked about (back to
 * a letter, or to the start of a Thai run), so asking about a part gives
 * what asking about the whole paragraph gives; only runs of more than
 * UTEXT_BREAK_CONTEXT code points without a letter (spaces, digits,
 * symbols) are read from a window of that length.
 *
 * Thread-safe: each thread has its own ICU iterators and libthai breaker
 * (a ThBrk must not be shared), made on first use and freed when the
 * thread ends. */
#ifndef AP_UTEXT_BREAK_H
#define AP_UTEXT_BREAK_H

#include <stdbool.h>
#include <stddef.h>

#define UTEXT_THAI_SEGMENT 512
#define UTEXT_BREAK_CONTEXT 256

/* What utext_line_breaks says about the place before a byte. */
enum {
	UTEXT_BREAK_NONE = 0,    /* no break (also inside a code point) */
	UTEXT_BREAK_ALLOWED = 1, /* a line may break here */
	UTEXT_BREAK_MUST = 2,    /* a line ends here: after a '\n' */
};

/* Line break opportunities of the paragraph s[0..len) at the bytes from
 * to `to` (from <= to <= len): brk[i] tells about the place before byte
 * from + i, for i in [0, to - from]. The place before the first byte is
 * never a break; the end of the text is UTEXT_BREAK_MUST. An opportunity
 * may fall inside a grapheme cluster (UAX #14 and UAX #29 differ there):
 * a wrapper only takes those at cluster boundaries. False when out of
 * memory (brk is then all UTEXT_BREAK_NONE). */
bool
utext_line_breaks(const char *s, size_t len, size_t from, size_t to,
		  unsigned char *brk);

/* A piece of text between two word boundaries. */
typedef struct utext_word {
	size_t start, end; /* bytes [start, end) */
	bool word;         /* letters, digits, an ideograph word, kana or a
			      Thai word; false for spaces, punctuation and
			      symbols */
} utext_word;

/* The pieces between the word boundaries of s[0..len) that overlap
 * [from, to) (all of them for 0, len), in order, written to *words
 * (realloc'd, may be NULL at first; the caller frees it; *n set). Pieces
 * tile the text: each starts where the one before ends. False when out of
 * memory (*n is then 0). */
bool
utext_words(const char *s, size_t len, size_t from, size_t to,
	    utext_word **words, size_t *n);

/* The piece of utext_words that holds byte pos (pos < len). False when
 * pos >= len or out of memory. The form's word motions are made of it:
 * the word after pos ends at the first piece with word == true at or
 * after pos; the one before starts at the last such piece before pos. */
bool
utext_word_at(const char *s, size_t len, size_t pos, utext_word *w);

/* Words for the form's word motions and deletions (Ctrl-W, Esc b/f),
 * the same words as utext_words gives: positions are byte offsets on
 * cluster boundaries; a newline, spaces and punctuation are not words.
 * utext_word_next: the end of the word at or after pos (skipping what is
 * not a word first); len when there is none. utext_word_prev: the start
 * of the word before pos (skipping what is not a word first); 0 when
 * there is none. */
size_t
utext_word_next(const char *s, size_t len, size_t pos);
size_t
utext_word_prev(const char *s, size_t len, size_t pos);

/* Frees this thread's breakers now rather than when the thread ends (the
 * main thread's never end before exit). */
void
utext_break_release(void);

#endif
