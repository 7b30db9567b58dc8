/* Test driver for the line mode: takes the same arguments as
 * `actionplan fill --plain` and calls line_run on stdin/stdout. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "line.h"

int
main(int argc, char **argv)
{
	line_options o = {NULL, NULL, NULL, NULL, NULL};

	setlocale(LC_ALL, "");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "fill") == 0 || strcmp(a, "--plain") == 0)
			continue;
		if (i + 1 < argc && strcmp(a, "--answers") == 0)
			o.answers_path = argv[++i];
		else if (i + 1 < argc && strcmp(a, "-o") == 0)
			o.export_dir = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--questionnaire") == 0)
			o.qn_id = argv[++i];
		else if (a[0] != '-' && o.path == NULL)
			o.path = a;
		else {
			fprintf(stderr, "usage: line-driver [fill --plain] "
				"[--answers F] [-o DIR] [--questionnaire ID] "
				"FILE\n");
			return 2;
		}
	}
	if (o.path == NULL) {
		fprintf(stderr, "line-driver: no plan file\n");
		return 2;
	}
	return line_run(&o, stdin, stdout);
}
