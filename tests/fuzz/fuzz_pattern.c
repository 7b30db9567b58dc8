/* Fuzz target: the questionnaire's item patterns (qn_pattern.c). The input
 * is a pattern, a newline, and a value: the pattern is refused with a
 * message that is inert text, or compiled; a compiled one matches a value
 * or not (never "cannot compile"), and a pattern that is only letters and
 * digits matches exactly itself. Slow patterns show as libFuzzer
 * timeouts: the loader's cost checks are meant to refuse them. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "qn_int.h"
#include "utext.h"

static bool
literal(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t plen = nl ? (size_t)(nl - (const char *)data) : size;
	char *pattern = NULL, *value = NULL;
	struct qn_regex *re = NULL;
	char msg[512] = "";
	size_t bad;

	/* Patterns and values come from YAML text: UTF-8 without NUL. */
	if (memchr(data, '\0', size) != NULL ||
	    !utext_valid((const char *)data, size, &bad))
		return 0;
	pattern = malloc(plen + 1);
	value = malloc(size - plen + 1);
	if (pattern == NULL || value == NULL)
		abort();
	memcpy(pattern, data, plen);
	pattern[plen] = '\0';
	if (nl != NULL) {
		memcpy(value, nl + 1, size - plen - 1);
		value[size - plen - 1] = '\0';
	} else {
		value[0] = '\0';
	}
	if (!qn_pattern_compile(pattern, &re, msg, sizeof(msg))) {
		if (re != NULL || msg[0] == '\0')
			fuzz_fail("a refused pattern without a message: %s",
				  pattern);
		if (!fuzz_text_inert(msg, strlen(msg), "", &bad))
			fuzz_fail("pattern message holds a control "
				  "character: %s", msg);
	} else {
		qn_item it;
		int r;

		memset(&it, 0, sizeof(it));
		it.pattern = pattern;
		it.pattern_re = re;
		r = qn_pattern_match(&it, value);
		if (r != 0 && r != 1)
			fuzz_fail("a compiled pattern could not match: %s",
				  pattern);
		if (literal(pattern) &&
		    r != (strcmp(pattern, value) == 0))
			fuzz_fail("the literal pattern %s matched %s: %d",
				  pattern, value, r);
		/* Compiled again by hand, as for an item made in code. */
		it.pattern_re = NULL;
		if (qn_pattern_match(&it, value) != r)
			fuzz_fail("the pattern matched otherwise uncompiled: "
				  "%s", pattern);
	}
	qn_regex_free(re);
	free(pattern);
	free(value);
	return 0;
}
