/* The checks of a YAML file's text before libyaml reads it: strict UTF-8
 * and the characters libyaml's reader refuses, each with its line and
 * column; and a bound on flow nesting, whose cost in libyaml grows with
 * the square of its depth. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utext.h"
#include "ydoc_int.h"

typedef yd_pos pos;

/* The characters libyaml's reader accepts (YAML 1.1 printable), NUL and
 * U+FEFF aside (checked apart, for their own messages). */
static bool
yaml_printable(uint32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D ||
	       (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
	       (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
	       (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* What is wrong where yd_check_text stops: a printf format taking the
 * code point (or byte) as an unsigned int, or none. */
const char *
yd_text_problem(utext_error e, uint32_t cp)
{
	switch (e) {
	case UTEXT_OK:
		break;
	case UTEXT_OVERLONG:
		return N_("invalid UTF-8: overlong encoding");
	case UTEXT_CONTINUATION:
		return N_("invalid UTF-8: unexpected continuation byte 0x%02X");
	case UTEXT_BAD_BYTE:
		return N_("invalid UTF-8: byte 0x%02X cannot occur in UTF-8");
	case UTEXT_TRUNCATED:
		return N_("invalid UTF-8: truncated sequence");
	case UTEXT_SURROGATE:
		return N_("invalid UTF-8: surrogate U+%04X");
	case UTEXT_TOO_LARGE:
		return N_("invalid UTF-8: code point beyond U+10FFFF");
	}
	if (cp == 0)
		return N_("NUL bytes are not allowed");
	if (cp == 0xFEFF)
		return N_("a byte order mark (U+FEFF) is only allowed at the "
			  "start of the file");
	if (cp == 0xFFFE || cp == 0xFFFF)
		return N_("U+%04X is not a character (a noncharacter) and is not "
			  "allowed");
	return N_("control character U+%04X is not allowed");
}

/* Offset of the first character at or after i that is not surely fine for
 * yd_check_text (or len): runs of printable ASCII, tabs and line ends, and
 * the two- and three-byte characters of most languages, decoded here
 * without a call. Whatever it stops at, yd_check_text decodes and judges
 * the slow way, so this decides nothing but speed. */
static size_t
skip_fine(const unsigned char *d, size_t len, size_t i)
{
	unsigned char c;

	while (i < len) {
		c = d[i];
		if (c >= 0x20 && c < 0x7f) {
			i += utext_plain_run((const char *)d + i, len - i);
		} else if (c == '\n' || c == '\r' || c == '\t') {
			i++;
		} else if (c >= 0xc2 && c <= 0xdf) {
			/* U+0080..U+07FF: the C1 controls (C2 80..9F) but
			 * NEL (C2 85) are not printable. */
			if (len - i < 2 || (d[i + 1] & 0xc0) != 0x80 ||
			    (c == 0xc2 && d[i + 1] < 0xa0 && d[i + 1] != 0x85))
				return i;
			i += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			/* U+0800..U+FFFF less the surrogates, U+FEFF and the
			 * two non-characters at the end, told from the bytes:
			 * E0 80..9F would be overlong, ED A0..BF a surrogate,
			 * EF BB BF is U+FEFF, EF BF BE and EF BF BF the
			 * non-characters. */
			unsigned char b1, b2;

			if (len - i < 3)
				return i;
			b1 = d[i + 1];
			b2 = d[i + 2];
			if ((b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80 ||
			    (c == 0xe0 && b1 < 0xa0) ||
			    (c == 0xed && b1 >= 0xa0) ||
			    (c == 0xef && ((b1 == 0xbb && b2 == 0xbf) ||
					   (b1 == 0xbf && b2 >= 0xbe))))
				return i;
			i += 3;
		} else {
			return i;
		}
	}
	return i;
}

/* Strict UTF-8 check of the whole input, plus the characters libyaml's
 * reader refuses (so that those are reported with a line and column too).
 * Returns true when the input is fine. The place of a problem is counted
 * only once one is found. */
bool
yd_check_text(const char *name, const char *data, size_t len, diag_list *diags)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t i = 0, start;
	utext_error e = UTEXT_OK;
	uint32_t cp = 0;
	pos at;

	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		i = 3;
	while (i < len) {
		i = skip_fine(d, len, i);
		if (i == len)
			break;
		/* Four-byte characters, and every problem. */
		start = i;
		e = utext_decode(data, len, &i, &cp);
		if (e != UTEXT_OK || cp == 0 || cp == 0xFEFF ||
		    !yaml_printable(cp)) {
			i = start;
			goto bad;
		}
	}
	return true;
bad:
	at = yd_pos_of_offset(data, len, i);
	/* Each message takes the code point or byte, or ignores it. */
	diag_add(diags, DIAG_ERROR, name, at.line, at.col, NULL,
		 _(yd_text_problem(e, cp)), (unsigned)cp);
	return false;
}

/* Offset of the next line break (LF or CR) at or after i, or len. */
static size_t
line_end(const unsigned char *d, size_t len, size_t i)
{
	const unsigned char *lf = memchr(d + i, '\n', len - i);
	size_t end = lf ? (size_t)(lf - d) : len;
	const unsigned char *cr = memchr(d + i, '\r', end - i);

	return cr ? (size_t)(cr - d) : end;
}

/* Cheap look at flow nesting before libyaml sees the bytes: its scanner
 * costs time quadratic in the depth of [[[[ ... Only brackets that surely
 * open a flow collection are counted: in flow context every unquoted '['
 * or '{'; in block context one that starts a node (at a line's start,
 * after "key: ", "- " or "? "). Quoted scalars, comments and the lines of
 * block scalars are skipped, so ordinary text does not trip it; the exact
 * depth check is done on the events anyway. */
bool
yd_prescan_flow(const char *name, const char *data, size_t len,
	     size_t max_depth, diag_list *diags)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t i = 0, depth = 0;
	/* May a node (and so a quoted scalar or a collection) start here? */
	bool node_start = true;
	/* In a block scalar (| or >): its lines are indented more than
	 * block_indent, or blank. */
	bool in_block_scalar = false;
	size_t block_indent = 0, line_indent = 0;
	bool at_indent = true;
	pos at;

	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		i = 3;
	while (i < len) {
		unsigned char c = d[i];

		if (c == '\n' || c == '\r') {
			i++;
			line_indent = 0;
			at_indent = true;
			node_start = true;
			continue;
		}
		if (at_indent && c == ' ') {
			line_indent++;
			i++;
			continue;
		}
		if (at_indent) {
			at_indent = false;
			if (in_block_scalar) {
				if (line_indent > block_indent) {
					i = line_end(d, len, i);
					continue;
				}
				in_block_scalar = false;
			}
		}
		if (c == '#' && (i == 0 || d[i - 1] == ' ' ||
				 d[i - 1] == '\t' || d[i - 1] == '\n' ||
				 d[i - 1] == '\r')) {
			i = line_end(d, len, i);
			continue;
		}
		if ((c == '"' || c == '\'') && node_start) {
			/* A quoted scalar: skip to its end (across lines). */
			size_t j = i + 1;

			while (j < len) {
				if (c == '"' && d[j] == '\\' && j + 1 < len) {
					j += 2;
					continue;
				}
				if (d[j] == c) {
					if (c == '\'' && j + 1 < len &&
					    d[j + 1] == '\'') {
						j += 2;
						continue;
					}
					break;
				}
				j++;
			}
			i = j < len ? j + 1 : len;
			node_start = false;
			continue;
		}
		if (depth > 0) {
			if (c == '[' || c == '{') {
				if (++depth > max_depth)
					goto too_deep;
				node_start = true;
			} else if (c == ']' || c == '}') {
				depth--;
				node_start = false;
			} else if (c == ',' || c == ':' || c == '?') {
				node_start = true;
			} else if (c != ' ' && c != '\t') {
				node_start = false;
			}
		} else if (node_start && (c == '[' || c == '{')) {
			if (++depth > max_depth)
				goto too_deep;
			node_start = true;
		} else if (node_start && (c == '|' || c == '>')) {
			in_block_scalar = true;
			block_indent = line_indent;
			node_start = false;
		} else if ((c == '-' || c == '?' || c == ':') &&
			   (i + 1 >= len || d[i + 1] == ' ' ||
			    d[i + 1] == '\t' || d[i + 1] == '\n' ||
			    d[i + 1] == '\r')) {
			node_start = true;
		} else if (c != ' ' && c != '\t') {
			node_start = false;
		}
		i++;
	}
	return true;
too_deep:
	at = yd_pos_of_offset(data, len, i);
	diag_add(diags, DIAG_ERROR, name, at.line, at.col, NULL,
		 _("nesting deeper than %zu levels"), max_depth);
	return false;
}
