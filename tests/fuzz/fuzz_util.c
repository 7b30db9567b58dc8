/* Helpers shared by the fuzz targets (see fuzz.h): the questionnaire they
 * load plans against, and the checks on text the engine hands out. */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utext.h"

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: property broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

const qn *
fuzz_ariat(void)
{
	static qn *q;
	diag_list diags = DIAG_LIST_INIT;
	const char *root = getenv("AP_SOURCE_ROOT");
	char path[4096];

	if (q != NULL)
		return q;
	snprintf(path, sizeof(path), "%s/questionnaires/ariat-2000.yaml",
		 root != NULL && root[0] != '\0' ? root : AP_FUZZ_SOURCE_ROOT);
	q = qn_load(path, &diags);
	if (q == NULL) {
		for (size_t i = 0; i < diags.n; i++)
			fprintf(stderr, "%s\n", diags.v[i].message);
		fuzz_fail("cannot load the questionnaire %s", path);
	}
	diag_list_free(&diags);
	return q;
}

bool
fuzz_text_inert(const char *s, size_t len, const char *allowed, size_t *bad)
{
	size_t pos = 0;

	if (!utext_valid(s, len, bad))
		return false;
	while (pos < len) {
		size_t start = pos;
		uint32_t c = utext_next(s, len, &pos);

		/* utext_next gives 0 for a NUL byte without advancing past
		 * the end; a NUL is a control character too. */
		if (pos == start)
			pos++;
		if ((c < 0x20 && (c == 0 || strchr(allowed, (int)c) == NULL)) ||
		    c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			*bad = start;
			return false;
		}
	}
	return true;
}

void
fuzz_check_diags(const diag_list *diags, const char *where)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *line = diag_format(&diags->v[i]);
		size_t bad = 0;

		if (line == NULL)
			fuzz_fail("%s: diag_format gave NULL", where);
		if (!fuzz_text_inert(line, strlen(line), "", &bad))
			fuzz_fail("%s: a message holds a control character or "
				  "invalid UTF-8 at byte %zu: %s", where, bad,
				  line);
		free(line);
	}
}
