/* Folding text into comparison keys (see textfold.h), with utf8proc. */
#include "textfold.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

char *
textfold(const char *s, bool strip_marks)
{
	utf8proc_uint8_t *f = NULL;
	utf8proc_option_t opt = UTF8PROC_NULLTERM | UTF8PROC_STABLE |
				UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
				UTF8PROC_COMPOSE;
	char *out;
	size_t o = 0;
	bool space = false;

	if (strip_marks)
		opt |= UTF8PROC_STRIPMARK;
	if (utf8proc_map((const utf8proc_uint8_t *)(s ? s : ""), 0, &f, opt) <
	    0)
		return NULL;
	out = malloc(strlen((const char *)f) + 1);
	if (out == NULL)
		goto out;
	for (utf8proc_ssize_t i = 0, n; f[i] != '\0'; i += n) {
		utf8proc_int32_t cp;

		n = utf8proc_iterate(f + i, -1, &cp);
		if (n <= 0)
			break; /* utf8proc_map gave valid UTF-8 */
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ||
		    (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ||
		    cp == 0x2028 || cp == 0x2029) {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		memcpy(out + o, f + i, (size_t)n);
		o += (size_t)n;
	}
	out[o] = '\0';
out:
	free(f);
	return out;
}
