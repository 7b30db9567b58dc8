/* `actionplan migrate PLAN --to VERSION [-o OUT]`: carries a plan over to a
 * newer version of its questionnaire (the work is in src/app/migrate.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "migrate.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: actionplan migrate PLAN [--to VERSION] [-o OUT]\n"
		"Carry a plan over to a newer version of its questionnaire, as that\n"
		"version's migrate_from says. Every answer carried over is marked for\n"
		"review; answers the new version has no place for are listed in\n"
		"OUT.dropped.txt, so that no text is lost. PLAN is not changed.\n"
		"\n"
		"  -t, --to VERSION   the version (default: the newest installed)\n"
		"  -o, --output OUT   the new plan (default: PLAN-vVERSION.yaml beside\n"
		"                     PLAN); it must not exist\n"
		"  -h, --help         show this help and exit\n"),
	      f);
}

int
cli_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	diag_list diags = DIAG_LIST_INIT;
	migrate_result r;
	const char *out = NULL;
	long to = 0;
	char *end;
	int c, status = CLI_OK;

	while ((c = getopt_long(argc, argv, "t:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			errno = 0;
			to = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    to < 1 || to > INT_MAX)
				return cli_usage_error(
					_("--to takes a version, a whole number "
					  "of 1 or more"));
			break;
		case 'o': out = optarg; break;
		case 'h': usage(stdout); return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(_("migrate takes one plan FILE"));
	if (!migrate_file(argv[optind], to, out, &r, &diags)) {
		status = cli_diags_io(&diags) ? CLI_IO : CLI_PROBLEMS;
		goto out;
	}
	printf(_("%s (version %ld) carried over to %s (version %ld): %zu "
		 "answers to review.\n"),
	       argv[optind], r.from, r.out, r.to, r.n_carried);
	if (r.dropped != NULL)
		printf(ngettext("%zu answer has no place in version %ld; it is "
				"listed in %s.\n",
				"%zu answers have no place in version %ld; they "
				"are listed in %s.\n",
				r.n_dropped),
		       r.n_dropped, r.to, r.dropped);
	migrate_result_free(&r);
out:
	cli_print_diags(&diags);
	diag_list_free(&diags);
	return status;
}
