/* The one rule for harmless text (utext_show.h): what is escaped, and in
 * which notation. */
#include "utext_show.h"

#include <stdio.h>
#include <string.h>

#include "utext_int.h"

bool
utext_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

bool
utext_escaped(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return true;
	if (cp < 0x61c)
		return false;
	return utext_bidi_control(cp) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

size_t
utext_escape(uint32_t cp, char buf[UTEXT_ESCAPE_SIZE])
{
	int n = snprintf(buf, UTEXT_ESCAPE_SIZE, "<U+%04X>",
			 (unsigned)(cp & 0x1fffff));

	return n > 0 && n < UTEXT_ESCAPE_SIZE ? (size_t)n : 0;
}

size_t
utext_escape_width(uint32_t cp)
{
	return cp <= 0xffff ? 8 : cp <= 0xfffff ? 9 : 10;
}

/* Whether the character at s[pos] is shown as it is; its length in *n
 * (1 for a byte that is not UTF-8). */
static bool
shown(const char *s, size_t len, size_t pos, unsigned keep, size_t *n,
      uint32_t *cp)
{
	size_t p = pos;

	if (utext_decode(s, len, &p, cp) != UTEXT_OK) {
		*n = 1;
		*cp = (unsigned char)s[pos];
		return false;
	}
	*n = p - pos;
	if (*cp == '\t')
		return keep & UTEXT_KEEP_TAB;
	if (*cp == '\n')
		return keep & UTEXT_KEEP_NEWLINE;
	return !utext_escaped(*cp);
}

size_t
utext_shown_run(const char *s, size_t len, unsigned keep)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		/* Printable ASCII, most text, eight bytes at a time; then
		 * Thai and Chinese inline. */
		i += utext_plain_run(s + i, len - i);
		if (i == len)
			break;
		if (utext_three(u, len, i, &cp) && !utext_escaped(cp)) {
			i += 3;
			continue;
		}
		if (!shown(s, len, i, keep, &n, &cp))
			break;
		i += n;
	}
	return i;
}

void
utext_show(sbuf *b, const char *s, size_t len, unsigned keep)
{
	size_t pos = 0, run, n;
	uint32_t cp;
	char esc[UTEXT_ESCAPE_SIZE];

	while (pos < len) {
		run = utext_shown_run(s + pos, len - pos, keep);
		sbuf_add(b, s + pos, run);
		pos += run;
		if (pos == len)
			break;
		/* The run stopped: cp is escaped, or a bad byte. */
		shown(s, len, pos, keep, &n, &cp);
		if (n == 1 && cp >= 0x80) {
			snprintf(esc, sizeof(esc), "<0x%02X>",
				 (unsigned)(cp & 0xff));
			sbuf_str(b, esc);
		} else {
			sbuf_add(b, esc, utext_escape(cp, esc));
		}
		pos += n;
	}
}

char *
utext_show_dup(const char *s, size_t len, unsigned keep)
{
	sbuf b = SBUF_INIT;

	utext_show(&b, s, len, keep);
	return sbuf_take(&b, NULL);
}
