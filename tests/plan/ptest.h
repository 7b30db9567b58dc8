/* Small helpers shared by the plan tests: the test questionnaire and
 * problems as text. The checks and main's exit status (unit_result) are
 * tests/unit_check.h's, included here. */
#ifndef AP_PTEST_H
#define AP_PTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit_check.h"
#include "diag.h"
#include "qn.h"

/* All problems, one formatted line each ("" when none). Caller frees. */
static inline char *
ptest_diags(const diag_list *d)
{
	size_t len = 0;
	char *s = malloc(1);

	if (s == NULL)
		abort();
	s[0] = '\0';
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);
		size_t n;

		if (line == NULL)
			abort();
		n = strlen(line);
		s = realloc(s, len + n + 2);
		if (s == NULL)
			abort();
		memcpy(s + len, line, n);
		s[len + n] = '\n';
		s[len + n + 1] = '\0';
		len += n + 1;
		free(line);
	}
	return s;
}

static inline const char *
ptest_source_root(void)
{
	const char *root = getenv("AP_SOURCE_ROOT");

	return root != NULL ? root : ".";
}

/* The questionnaire every plan test uses; exits when it does not load. */
static inline qn *
ptest_load_qn(void)
{
	diag_list d = DIAG_LIST_INIT;
	char path[4096];
	qn *q;

	snprintf(path, sizeof(path), "%s/tests/plan/test-qn.yaml",
		 ptest_source_root());
	q = qn_load(path, &d);
	if (q == NULL) {
		char *s = ptest_diags(&d);

		fprintf(stderr, "cannot load %s:\n%s", path, s);
		free(s);
		exit(1);
	}
	diag_list_free(&d);
	return q;
}

static inline long
ptest_item(const qn *q, const char *id)
{
	long i = qn_item_index(q, id);

	if (i < 0) {
		fprintf(stderr, "test questionnaire has no item %s\n", id);
		exit(1);
	}
	return i;
}

#endif
