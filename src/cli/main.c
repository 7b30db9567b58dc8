/* actionplan's command line: parses arguments and hands each command to the
 * engine or to a front end (form, line mode). Exit codes are in usage(). */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "line.h"
#include "tui.h"

/* The help comes in parts, so a change in one leaves the translations of
 * the others valid. Option names and commands stay as they are. */
static void
usage(FILE *f)
{
	fputs(_("Usage: actionplan [--lang LANG] [COMMAND] [OPTION]... [FILE]...\n"
		"Fill in, check and export country action plans (ARIAT 2000 questionnaire).\n"),
	      f);
	fputs("\n", f);
	fputs(_("Commands:\n"
		"  (none)                   open the form's start screen: drafts to resume, new plan\n"
		"  fill FILE                open or create the plan FILE in the form\n"
		"  check FILE...            check plan (or questionnaire) files\n"
		"  export FILE --format yaml|text|html [-o OUT] [--draft] [--bilingual]\n"
		"                           export a plan (to standard output without -o)\n"
		"  collect PATH... -o DIR   merge exported plans into a comparative report\n"
		"  diff OLD NEW             show what changed between two revisions of a plan\n"
		"  migrate PLAN [--to VERSION] [-o OUT]\n"
		"                           carry a plan over to a newer questionnaire version\n"),
	      f);
	fputs("\n", f);
	fputs(_("Options of fill:\n"
		"  --plain                  line mode: plain questions and answers, for screen\n"
		"                           readers and scripts (automatic when TERM=dumb or\n"
		"                           standard input or output is not a terminal)\n"
		"  --answers FILE           preload answers from another plan or partial plan\n"
		"  --from OLD               start FILE as the next revision of the final plan\n"
		"                           OLD: its answers carried over, each to review\n"
		"  -q, --questionnaire ID   questionnaire of a new plan (default: ariat-2000)\n"
		"  -o, --output DIR         where finishing writes the YAML and text exports\n"
		"                           (default: beside the plan), named by the\n"
		"                           country's code: tha-2026-12.txt\n"),
	      f);
	fputs("\n", f);
	fputs(_("Options of export:\n"
		"  -f, --format FORMAT      yaml (the plan file, marked final), text, or html\n"
		"                           (one file to print; a browser prints it to PDF)\n"
		"  -o, --output OUT         write to OUT (atomically) instead of standard output\n"
		"      --draft              export an incomplete plan, marked as a draft\n"
		"      --bilingual          text, html: the English under each translated\n"
		"                           title and heading (the text is in the plan's language)\n"),
	      f);
	fputs("\n", f);
	fputs(_("Options of collect and diff:\n"
		"  -o, --output DIR         collect into DIR, which is replaced as a whole\n"
		"  -e, --expect FILE        collect: the countries expected (codes or names,\n"
		"                           one a line); outputs say what each one sent\n"		"      --excel              matrix.csv for spreadsheets (byte-order mark, CRLF)\n"
		"  -j, --jobs N             threads to use, 1 to 16 (default: one per processor)\n"
		"      --lang LANG          language of collect's outputs (default: of messages)\n"
		"      --since OLD_DIR      compare with the collection in OLD_DIR (changes.txt)\n"
		"      --html               diff: an HTML page instead of text\n"),
	      f);
	fputs("\n", f);
	fputs(_("Signed plans (minisign signatures: PLAN.yaml.minisig beside the plan):\n"
		"  key new [--no-passphrase] [--passphrase-fd N]\n"
		"                           make your key pair in $XDG_CONFIG_HOME/actionplan\n"
		"                           (~/.config/actionplan); the passphrase is asked on\n"
		"                           the terminal, or read from descriptor N\n"
		"  key show                 print your public key, to hand to your coordinator\n"
		"  sign PLAN.yaml [-s FILE] sign a final plan (-s: a minisign secret key)\n"
		"  verify PLAN.yaml [--key PUB | --keys DIR]\n"
		"                           check a signature; DIR holds trusted public keys\n"
		"                           named by country (THA.pub, Thailand.pub)\n"
		"  export ... -f yaml -o OUT --sign   also write OUT.minisig\n"
		"  collect ... --keys DIR [--require-signatures]\n"
		"                           refuse plans whose signature is bad or untrusted\n"),
	      f);
	fputs("\n", f);
	fputs(_("      --lang LANG          language of messages and of the form: th, vi, zh-CN,\n"
		"                           en... (overrides LANGUAGE, LC_ALL, LC_MESSAGES, LANG)\n"
		"  -h, --help               show this help and exit\n"
		"  -V, --version            show the version and exit\n"),
	      f);
	fputs("\n", f);
	fputs(_("Environment: ACTIONPLAN_QUESTIONNAIRES (folders of questionnaires, colon-\n"
		"separated), XDG_DATA_HOME (drafts go to $XDG_DATA_HOME/actionplan/drafts),\n"
		"XDG_STATE_HOME (where the form was left in each plan, kept in\n"
		"$XDG_STATE_HOME/actionplan), EDITOR/VISUAL, NO_COLOR, NO_MOUSE=1 (the form\n"
		"leaves the mouse to the terminal), SOURCE_DATE_EPOCH (fixes timestamps),\n"
		"LANGUAGE, LC_ALL, LC_MESSAGES, LANG (language of messages).\n"),
	      f);
	fputs("\n", f);
	fputs(_("In the form: F1 lists every key. Ctrl-_ and Esc u undo, Esc r redoes;\n"
		"Ctrl-K, Ctrl-U, Ctrl-W cut and Ctrl-Y pastes back; Ctrl-Left/Right and\n"
		"Esc b/f move by word; F10 or Ctrl-X f finishes; F9 shows a message in full.\n"),
	      f);
	fputs("\n", f);
	fputs(_("Exit status: 0 success; 1 problems found (a broken file, an incomplete final\n"
		"plan, an incomplete plan to export); 2 wrong usage; 3 a file could not be\n"
		"read or written; 4 the plan is open in another editor.\n"),
	      f);
	fputs(_("Signing: 1 also for a bad signature or a wrong passphrase; verify: 5 the\n"
		"plan is not signed, 6 it is signed by a key not trusted for its country.\n"),
	      f);
}

static int
cmd_fill(int argc, char **argv)
{
	static const struct option opts[] = {
		{"plain", no_argument, NULL, 'p'},
		{"answers", required_argument, NULL, 'a'},
		{"questionnaire", required_argument, NULL, 'q'},
		{"output", required_argument, NULL, 'o'},
		{"from", required_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool plain = false;
	const char *answers = NULL, *qn_id = NULL, *outdir = NULL;
	const char *from = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "a:q:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': plain = true; break;
		case 'a': answers = optarg; break;
		case 'q': qn_id = optarg; break;
		case 'o': outdir = optarg; break;
		case 'F': from = optarg; break;
		case 'h': usage(stdout); return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind != argc - 1 && !(optind == argc && !plain))
		return cli_usage_error(_("fill takes one plan FILE"));
	const char *path = optind < argc ? argv[optind] : NULL;
	if (from && !path)
		return cli_usage_error(_("--from needs the new plan FILE"));
	if (from && qn_id)
		return cli_usage_error(_("--from takes the questionnaire of the "
					 "plan it starts from; leave out -q"));
	if (!plain && !cli_terminal_usable())
		plain = true;
	if (plain) {
		if (!path)
			return cli_usage_error(_("line mode needs a plan FILE"));
		line_options lo = {path, qn_id, answers, outdir, from};
		return line_run(&lo, stdin, stdout);
	}
	tui_options to = {path, qn_id, answers, outdir, from};
	return tui_run(&to);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"lang", required_argument, NULL, 'l'},
		{NULL, 0, NULL, 0},
	};
	bool help = false, version = false;
	int c;

	/* setlocale, bindtextdomain (UTF-8 output) and the catalogs' folder
	 * for exports in a plan's language. */
	i18n_init(cli_localedir());
	textdomain(I18N_DOMAIN);

	/* Options before the command; '+' stops at the first non-option.
	 * --lang acts first, wherever it is, so "--help --lang th" helps in
	 * Thai. */
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			help = true;
			break;
		case 'V':
			version = true;
			break;
		case 'l':
			if (!i18n_set_ui_language(optarg))
				return cli_usage_error(
					_("--lang takes a language code such as th, vi, zh-CN or en"));
			break;
		default:
			return cli_usage_error(NULL);
		}
	}
	if (help) {
		usage(stdout);
		return CLI_OK;
	}
	if (version) {
		printf("actionplan %s\n", AP_VERSION);
		return CLI_OK;
	}
	if (optind == argc) {
		if (!cli_terminal_usable())
			return cli_usage_error(
				_("no terminal for the form: use 'actionplan fill --plain FILE'"));
		tui_options to = {NULL, NULL, NULL, NULL, NULL};
		return tui_run(&to);
	}

	const char *cmd = argv[optind];
	int sub_argc = argc - optind;
	char **sub_argv = argv + optind;
	optind = 0; /* each command parses its own options (0: glibc starts afresh) */
	if (!strcmp(cmd, "fill"))
		return cmd_fill(sub_argc, sub_argv);
	if (!strcmp(cmd, "check"))
		return cli_check(sub_argc, sub_argv);
	if (!strcmp(cmd, "export"))
		return cli_export(sub_argc, sub_argv);
	if (!strcmp(cmd, "collect"))
		return cli_collect(sub_argc, sub_argv);
	if (!strcmp(cmd, "diff"))
		return cli_diff(sub_argc, sub_argv);
	if (!strcmp(cmd, "key"))
		return cli_key(sub_argc, sub_argv);
	if (!strcmp(cmd, "sign"))
		return cli_sign(sub_argc, sub_argv);
	if (!strcmp(cmd, "verify"))
		return cli_verify(sub_argc, sub_argv);
	if (!strcmp(cmd, "migrate"))
		return cli_migrate(sub_argc, sub_argv);
	if (!strcmp(cmd, "help")) {
		usage(stdout);
		return CLI_OK;
	}
	fprintf(stderr, _("actionplan: unknown command '%s'\n"), cmd);
	return cli_usage_error(NULL);
}
