/* Bench driver (not a test): wraps every line of a file (a paragraph) to
 * 72 columns with utext_wrap, several rounds, and prints the best time in
 * milliseconds and the number of lines made. Built against the current
 * utext and, by run-bench.py, against the utext of before issue 14 (same
 * call). Usage: wrap-driver FILE [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "utext.h"

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	size_t cap = 1 << 22, len, n, total = 0;
	char *buf = malloc(cap);
	utext_line *lines = NULL;
	double best = 1e9;

	if (f == NULL || buf == NULL) {
		fprintf(stderr, "usage: wrap-driver FILE [ROUNDS]\n");
		return 2;
	}
	len = fread(buf, 1, cap, f);
	fclose(f);
	for (int r = 0; r < rounds; r++) {
		double t0 = now();
		size_t pos = 0;

		total = 0;
		while (pos < len) {
			char *nl = memchr(buf + pos, '\n', len - pos);
			size_t end = nl ? (size_t)(nl - buf) : len;

			if (!utext_wrap(buf + pos, end - pos, 72,
					utext_width_default, &lines, &n))
				return 1;
			total += n;
			pos = end + 1;
		}
		if (now() - t0 < best)
			best = now() - t0;
	}
	printf("%.1f %zu\n", best * 1000, total);
	free(lines);
	free(buf);
	return 0;
}
