/* `actionplan export FILE --format yaml|text|html [-o OUT] [--draft]
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
	diag_list_free(&diags);
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
		{"sign", no_argument, NULL, 'S'},
		{"secret-key", required_argument, NULL, 's'},
		{"passphrase-fd", required_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *format = NULL, *out = NULL, *key = NULL;
	bool draft = false, bilingual = false, sign = false;
	int pass_fd = -1;
	sig_seckey *k = NULL;
	int c, status = CLI_OK;
	diag_list diags = DIAG_LIST_INIT;
	val_list problems = VAL_LIST_INIT;
	yd_node *root = NULL;
	qn *q = NULL;
	plan *p = NULL;
	char *buf = NULL;
	size_t len = 0;

	while ((c = getopt_long(argc, argv, "f:o:s:h", opts, NULL)) != -1) {
		if (cli_sign_option(c, optarg, &key, &pass_fd, &status)) {
			if (status != CLI_OK)
				return status;
			continue;
		}
		switch (c) {
		case 'S': sign = true; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'd': draft = true; break;
		case 'b': bilingual = true; break;
		case 'h':
			printf("%s", _("Usage: actionplan export FILE -f yaml|text|html [-o OUT] [--draft] [--bilingual]\n"
				       "The text and HTML exports are in the plan's language (its language item);\n"
				       "with --bilingual each translated title and heading is followed by the\n"
				       "English one. The HTML export is one file to print (a browser prints it to\n"
				       "PDF).\n"));
			printf("%s", _("       actionplan export FILE -f yaml -o OUT --sign [-s SECRET-KEY] [--passphrase-fd N]\n"
				       "also writes OUT.minisig, the signature of OUT.\n"));
			return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(_("export takes one plan FILE"));
	if (!format || (strcmp(format, "yaml") && strcmp(format, "text") &&
			strcmp(format, "html")))
		return cli_usage_error(_("--format must be yaml, text or html"));
	if (bilingual && !strcmp(format, "yaml"))
		return cli_usage_error(
			_("--bilingual is only for --format text and html"));
	if ((sign || key || pass_fd >= 0) && (!sign || !out || draft ||
					      strcmp(format, "yaml")))
		return cli_usage_error(_("--sign is for a final plan exported "
					 "with --format yaml -o OUT"));

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
	/* The passphrase before anything is written: a wrong one leaves
	 * both files as they were. */
	if (sign && (status = cli_load_secret(key, pass_fd, &k)) != CLI_OK)
		goto out;
	if (!strcmp(format, "text")) {
		export_options eo = {.draft = problems.n > 0 || draft,
				     .width = 0,
				     .bilingual = bilingual};
		buf = export_text(p, &eo, &len, &diags);
	} else if (!strcmp(format, "html")) {
		export_options eo = {.draft = problems.n > 0 || draft,
				     .bilingual = bilingual};
		buf = export_html(p, &eo, &len, &diags);
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
	if (sign) {
		status = cli_write_signed(out, buf, len, k);
	} else if (out) {
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
	sig_seckey_destroy(k);
	free(buf);
	val_list_free(&problems);
	plan_destroy(p);
	qn_destroy(q);
	yd_free(root);
	diag_list_free(&diags);
	return status;
}
