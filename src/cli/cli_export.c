/* `actionplan export FILE --format yaml|text [-o OUT] [--draft]
 * [--bilingual]`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "loadplan.h"
#include "planio.h"
#include "session.h"
#include "store.h"
#include "validate.h"

/* Lists what keeps the plan from being complete, as check does. */
static void
report_incomplete(const char *path, const yd_node *root, const plan *p,
		  const val_list *problems)
{
	diag_list diags = DIAG_LIST_INIT;

	for (size_t i = 0; i < problems->n; i++) {
		size_t item = problems->v[i].item;
		unsigned long line, col;
		char label[256];

		loadplan_mark(root, p->qn, item, &line, &col);
		loadplan_item_label(p->qn, item, label, sizeof label);
		diag_add(&diags, DIAG_ERROR, path, line, col,
			 p->qn->items[item].id, "%s: %s", label,
			 problems->v[i].message);
	}
	cli_print_diags(&diags);
	diag_list_finish(&diags);
	fprintf(stderr,
		ngettext("actionplan: %s is not complete (%zu problem); "
			 "use --draft to export it anyway\n",
			 "actionplan: %s is not complete (%zu problems); "
			 "use --draft to export it anyway\n",
			 problems->n),
		path, problems->n);
}

static bool
write_all(FILE *f, const char *buf, size_t len)
{
	return fwrite(buf, 1, len, f) == len && fflush(f) == 0;
}

int
cli_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"draft", no_argument, NULL, 'd'},
		{"bilingual", no_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *format = NULL, *out = NULL;
	bool draft = false, bilingual = false;
	int c, status = CLI_OK;
	diag_list diags = DIAG_LIST_INIT;
	val_list problems = VAL_LIST_INIT;
	yd_node *root = NULL;
	qn *q = NULL;
	plan *p = NULL;
	char *buf = NULL;
	size_t len = 0;

	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'd': draft = true; break;
		case 'b': bilingual = true; break;
		case 'h':
			printf("%s", _("Usage: actionplan export FILE -f yaml|text [-o OUT] [--draft] [--bilingual]\n"
				       "The text export is in the plan's language (its language item); with\n"
				       "--bilingual each translated title and heading is followed by the English one.\n"));
			return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(_("export takes one plan FILE"));
	if (!format || (strcmp(format, "yaml") && strcmp(format, "text")))
		return cli_usage_error(_("--format must be yaml or text"));
	if (bilingual && strcmp(format, "text"))
		return cli_usage_error(_("--bilingual is only for --format text"));

	const char *path = argv[optind];
	p = loadplan(path, session_qn_dirs(), &q, &root, &diags);
	if (!p) {
		status = cli_diags_io(&diags) ? CLI_IO : CLI_PROBLEMS;
		goto out;
	}
	if (validate_plan(p, true, &problems) > 0 && !draft) {
		report_incomplete(path, root, p, &problems);
		status = CLI_PROBLEMS;
		goto out;
	}
	if (!strcmp(format, "text")) {
		export_options eo = {.draft = problems.n > 0 || draft,
				     .width = 0,
				     .bilingual = bilingual};
		buf = export_text(p, &eo, &len, &diags);
	} else if (problems.n > 0) {
		/* An incomplete plan stays a draft in YAML. */
		buf = planio_serialize(p, &len, &diags);
	} else {
		buf = export_yaml(p, &len, &diags);
	}
	if (!buf) {
		status = CLI_IO;
		goto out;
	}
	if (out) {
		/* OUT may be a plan open in an editor: never past its lock,
		 * never into a folder other users can change. */
		if (!store_write_locked(out, buf, len, &diags))
			status = store_lock_busy(&diags) ? CLI_LOCKED : CLI_IO;
	} else if (!write_all(stdout, buf, len)) {
		perror("actionplan: standard output");
		status = CLI_IO;
	}
out:
	cli_print_diags(&diags);
	free(buf);
	val_list_finish(&problems);
	plan_destroy(p);
	qn_destroy(q);
	yd_free(root);
	diag_list_finish(&diags);
	return status;
}
