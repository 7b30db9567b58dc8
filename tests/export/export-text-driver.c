/* Test driver: loads a questionnaire and a plan and writes the text (or
 * YAML, or HTML) export to standard output, for the golden-file tests.
 * Usage: export-text-driver [--draft] [--width N] [--yaml|--html] QN PLAN */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "planio.h"
#include "qn.h"

static void
print_diags(const diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *s = diag_format(&diags->v[i]);

		fprintf(stderr, "%s\n", s ? s : "(out of memory)");
		free(s);
	}
}

int
main(int argc, char **argv)
{
	export_options opt = {.draft = false, .width = 0};
	diag_list diags = DIAG_LIST_INIT;
	bool yaml = false, html = false;
	qn *q = NULL;
	plan *p = NULL;
	char *buf = NULL;
	size_t len = 0;
	int i, status = 1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--draft") == 0)
			opt.draft = true;
		else if (strcmp(argv[i], "--yaml") == 0)
			yaml = true;
		else if (strcmp(argv[i], "--html") == 0)
			html = true;
		else if (strcmp(argv[i], "--width") == 0 && i + 1 < argc)
			opt.width = strtoul(argv[++i], NULL, 10);
		else
			goto usage;
	}
	if (argc - i != 2)
		goto usage;
	q = qn_load(argv[i], &diags);
	if (!q)
		goto out;
	p = planio_load(argv[i + 1], q, &diags);
	if (!p)
		goto out;
	buf = yaml   ? export_yaml(p, &len, &diags)
	      : html ? export_html(p, &opt, &len, &diags)
		     : export_text(p, &opt, &len, &diags);
	if (!buf)
		goto out;
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0)
		goto out;
	status = 0;
out:
	print_diags(&diags);
	free(buf);
	plan_destroy(p);
	qn_destroy(q);
	diag_list_free(&diags);
	return status;
usage:
	fprintf(stderr, "usage: export-text-driver [--draft] [--width N] "
		"[--yaml|--html] QN PLAN\n");
	return 2;
}
