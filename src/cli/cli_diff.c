/* `actionplan diff OLD NEW [--html]`: what changed between two revisions of
 * a plan, item by item, with a word-level diff, as text or as an HTML page
 * (the work is in src/collect/wdiff*.c). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "loadplan.h"
#include "session.h"
#include "wdiff.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: actionplan diff OLD NEW [--html]\n"
		"Show what changed between two plans of one questionnaire, item by\n"
		"item: added, removed, or changed, with deleted words in [-...-] and\n"
		"inserted words in {+...+}. Paragraphs that did not change are shown\n"
		"as \"...\".\n"
		"\n"
		"  --html       an HTML page instead (deletions struck out, insertions\n"
		"               highlighted), to open in a browser\n"
		"  -h, --help   show this help and exit\n"
		"\n"
		"Exit status: 0 the answers are the same; 1 they differ; 2 wrong usage,\n"
		"a broken plan, or plans of different questionnaires; 3 a file could\n"
		"not be read.\n"),
	      f);
}

int
cli_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"html", no_argument, NULL, 'H'},
		{NULL, 0, NULL, 0},
	};
	bool html = false;
	diag_list diags = DIAG_LIST_INIT;
	qn *qa = NULL, *qb = NULL;
	plan *a = NULL, *b = NULL;
	wdiff_counts counts;
	char *text = NULL;
	size_t len = 0;
	int c, status = CLI_OK;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(stdout); return CLI_OK;
		case 'H': html = true; break;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc - 2)
		return cli_usage_error(_("diff takes two plan files, OLD and NEW"));
	a = loadplan(argv[optind], session_qn_dirs(), &qa, NULL, &diags);
	b = loadplan(argv[optind + 1], session_qn_dirs(), &qb, NULL, &diags);
	if (!a || !b) {
		/* Like diff(1), trouble is 2 (1 means "different"). */
		status = cli_diags_io(&diags) ? CLI_IO : CLI_USAGE;
		goto out;
	}
	text = (html ? wdiff_plans_html : wdiff_plans)(
		a, argv[optind], b, argv[optind + 1], &counts, &len, &diags);
	if (!text) {
		status = cli_diags_io(&diags) ? CLI_IO : CLI_USAGE;
		goto out;
	}
	/* Nothing to say when they are the same, but a page all the same. */
	if (counts.added + counts.removed + counts.changed == 0 && !html)
		goto out;
	if (counts.added + counts.removed + counts.changed > 0)
		status = CLI_PROBLEMS;
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		perror("actionplan: standard output");
		status = CLI_IO;
	}
out:
	cli_print_diags(&diags);
	free(text);
	plan_destroy(a);
	plan_destroy(b);
	qn_destroy(qa);
	qn_destroy(qb);
	diag_list_free(&diags);
	return status;
}
