/* Fuzz target: the word diff (src/collect/wdiff.c). The input is two
 * texts separated by a NUL byte. Properties: deleting the {+...+} parts
 * and unwrapping the [-...-] ones gives the old text's words, the other
 * way round the new text's (spaces apart: common words keep the new
 * text's); the same two texts give no change at all; and the diff of two
 * plans with those answers is inert text that names the item. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "plan.h"
#include "utext.h"
#include "wdiff.h"

/* s without its blanks, and without the parts of the other side; in a
 * diff (marks) the escapes read back. */
static char *
side(const char *s, size_t len, bool old, bool marks)
{
	char *out = malloc(len + 1);
	size_t n = 0;
	int skip = 0;

	if (out == NULL)
		abort();
	for (size_t i = 0; i < len; i++) {
		/* A backslash before '\\', '-' or '+' stands for that
		 * character (wdiff.h), never a mark. */
		if (marks && i + 1 < len && s[i] == '\\' &&
		    (s[i + 1] == '\\' || s[i + 1] == '-' || s[i + 1] == '+')) {
			i++;
			if (!skip)
				out[n++] = s[i];
			continue;
		}
		if (marks && i + 1 < len) {
			const char *m = s + i;

			if ((m[0] == '[' && m[1] == '-') ||
			    (m[0] == '{' && m[1] == '+')) {
				skip = (m[0] == '[') == old ? 0 : 1;
				i++;
				continue;
			}
			if ((m[0] == '-' && m[1] == ']') ||
			    (m[0] == '+' && m[1] == '}')) {
				skip = 0;
				i++;
				continue;
			}
		}
		if (skip || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '\r' || s[i] == '\f' || s[i] == '\v')
			continue;
		out[n++] = s[i];
	}
	out[n] = '\0';
	return out;
}

static void
check_side(const char *text, const char *diff, size_t dlen, bool old)
{
	char *want = side(text, strlen(text), old, false);
	char *got = side(diff, dlen, old, true);

	if (strcmp(want, got) != 0)
		fuzz_fail("the %s text does not come back from the diff:\n"
			  "want %s\ngot  %s\ndiff %s", old ? "old" : "new",
			  want, got, diff);
	free(want);
	free(got);
}

static void
plans(const char *a, const char *b)
{
	const qn *q = fuzz_ariat();
	long item = qn_item_index(q, "introduction");
	plan *pa = plan_create(q), *pb = plan_create(q);
	diag_list diags = DIAG_LIST_INIT;
	wdiff_counts c;
	size_t len = 0, bad;
	char *text;

	if (pa == NULL || pb == NULL || item < 0)
		abort();
	/* Refused values (not UTF-8, CR) leave the item unanswered. */
	plan_set_value(pa, (size_t)item, a);
	plan_set_value(pb, (size_t)item, b);
	text = wdiff_plans(pa, "old.yaml", pb, "new.yaml", &c, &len, &diags);
	if (text == NULL)
		fuzz_fail("wdiff_plans failed on two plans of one "
			  "questionnaire");
	if (!fuzz_text_inert(text, len, "\n", &bad))
		fuzz_fail("the diff holds a control character at %zu:\n%s",
			  bad, text);
	if (c.added + c.removed + c.changed > 1)
		fuzz_fail("one item differs, %zu counted",
			  c.added + c.removed + c.changed);
	if (c.added + c.removed + c.changed == 1 &&
	    strstr(text, "(introduction):") == NULL)
		fuzz_fail("the changed item is not named:\n%s", text);
	free(text);
	plan_destroy(pa);
	plan_destroy(pb);
	diag_list_free(&diags);
}

static void
brackets_out(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '[' || *s == '{')
			*s = '(';
		else if (*s == ']' || *s == '}')
			*s = ')';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	size_t alen = nul ? (size_t)(nul - (const char *)data) : size;
	char *a, *b, *d;
	size_t dlen = 0, bad;

	/* Answers are UTF-8. */
	if (nul == NULL ||
	    !utext_valid((const char *)data, alen, &bad) ||
	    !utext_valid(nul + 1, size - alen - 1, &bad) ||
	    memchr(nul + 1, '\0', size - alen - 1) != NULL)
		return 0;
	a = strndup((const char *)data, alen);
	b = strndup(nul + 1, size - alen - 1);
	if (a == NULL || b == NULL)
		abort();
	/* Brackets in the texts would make the marks ambiguous to read
	 * back ("a[" before "-]"): they become parentheses. */
	brackets_out(a);
	brackets_out(b);
	d = wdiff_text(a, b, &dlen);
	if (d == NULL)
		fuzz_fail("wdiff_text failed");
	check_side(a, d, dlen, true);
	check_side(b, d, dlen, false);
	free(d);
	d = wdiff_text(a, a, &dlen);
	if (d == NULL || strstr(d, "[-") || strstr(d, "{+"))
		fuzz_fail("a text differs from itself: %s", d ? d : "(null)");
	free(d);
	plans(a, b);
	free(a);
	free(b);
	return 0;
}
