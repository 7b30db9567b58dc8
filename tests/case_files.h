/* Test programs that check one input file at a time: every NAME.yaml of a
 * folder, in name order, against NAME.expect beside it. Header only, for
 * tests/qn/test-qn-cases.c and tests/ydoc/test-ydoc-cases.c. */
#ifndef AP_TEST_CASE_FILES_H
#define AP_TEST_CASE_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_check.h"

/* A folder with fewer cases than this is taken for a wrong path. */
#define CASE_MIN 10

/* The whole file, NUL-terminated (its length in *len unless len is NULL),
 * or NULL when it cannot be opened. */
static char *
case_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* dir/NAME.expect for the case file NAME.yaml, into buf. */
static void
case_expect_path(char *buf, size_t size, const char *dir, const char *file)
{
	snprintf(buf, size, "%s/%.*s.expect", dir,
		 (int)(strlen(file) - strlen(".yaml")), file);
}

static int
case_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Calls run(dir, NAME.yaml) for every case of dir in name order, then
 * prints the count. Returns main's exit status: failure when a check
 * failed (unit_check.h's count, which run adds to) or there are too few
 * cases. */
static int
case_run_all(const char *dir, void (*run)(const char *dir, const char *file))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i, l;

	if (d == NULL) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0) {
			names = realloc(names, (n + 1) * sizeof(*names));
			if (names == NULL ||
			    (names[n++] = strdup(e->d_name)) == NULL)
				abort();
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), case_by_name);
	for (i = 0; i < n; i++) {
		run(dir, names[i]);
		free(names[i]);
	}
	free(names);
	if (n < CASE_MIN) {
		printf("FAIL: only %zu cases in %s\n", n, dir);
		return 1;
	}
	printf("%zu cases\n", n);
	return unit_result();
}

#endif
