/* `actionplan collect PATH... -o DIR [--expect FILE] [--excel] [--jobs N]
 * [--lang LANG] [--since OLD_DIR] [--keys DIR [--require-signatures]]`:
 * every country's final plan into one comparative report, and what each
 * country expected sent (the work is in src/collect). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "collect.h"
#include "country.h"
#include "session.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: actionplan collect PATH... -o DIR [--expect FILE] [--excel]\n"
		"                          [--jobs N] [--lang LANG] [--since OLD_DIR]\n"
		"Collect the final plans found in PATH (files, and folders searched\n"
		"recursively for *.yaml and *.yml) into DIR:\n"
		"  site/             a static HTML site: a page per question with every\n"
		"                    country's answer side by side, a page per section\n"
		"                    and per country, a completeness grid\n"
		"  report.txt        every country's answer to each question, then a\n"
		"                    completeness table\n"
		"  changes.txt       what changed since the collection DIR held before (or\n"
		"                    OLD_DIR): new countries, new revisions with a word\n"
		"                    diff, withdrawn plans, newly rejected files\n"
		"  answers.xlsx      a workbook: every country's status, then a sheet per\n"
		"                    section with every country's answers\n"
		"  answers.sqlite    a database of the countries, plans, questions and\n"
		"                    answers, with a full-text index (see README.md)\n"
		"  matrix.csv        a row per country, a column per question: answered:N\n"
		"                    (N characters), missing, or n/a\n"
		"  submissions.yaml  every plan taken, the resubmissions it replaced, and\n"
		"                    every file rejected\n"
		"  plans/            a copy of each plan taken\n"
		"  rejected.txt      every file not taken, and why\n"
		"Of several submissions of one country the highest revision is kept (then\n"
		"the latest modified). Plans of another questionnaire version are\n"
		"reported apart, in DIR/ID-vVERSION/. DIR is replaced as a whole: the new\n"
		"outputs are written beside it and swapped in once complete, so DIR must\n"
		"be new, empty, or an earlier output of collect.\n"),
	      f);
	fputs("\n", f);
	fputs(_("Every output opens with what each country sent: a final plan\n"
		"(revision, date), only a draft, rejected files (why), or, for a country\n"
		"expected, nothing.\n"),
	      f);
	fputs("\n", f);
	fputs(_("  -o, --output DIR   where to write (created when missing)\n"
		"  -e, --expect FILE  the countries expected, one a line: a code (THA, TH)\n"
		"                     or a name in English, Thai, Vietnamese or Chinese;\n"
		"                     # starts a comment; the outputs name those that sent\n"
		"                     nothing, and the countries not on the list\n"
		"      --excel        matrix.csv for spreadsheets: byte-order mark, CRLF\n"
		"  -j, --jobs N       threads to use, 1 to 16 (default: one per processor)\n"
		"      --lang LANG    language of the outputs: en, th, vi or zh-CN (default:\n"
		"                     the language of messages); answers keep their own\n"
		"      --since OLD_DIR  compare with the collection in OLD_DIR instead of\n"
		"                     what DIR held before\n"
		"  -h, --help         show this help and exit\n"),
	      f);
	fputs("\n", f);
	fputs(_("Exit status: 0 every file was taken; 1 some files were rejected; 2 wrong\n"
		"usage; 3 a PATH or DIR could not be read or written.\n"),
	      f);
	fputs("\n", f);
	fputs(_("Signatures (PLAN.yaml.minisig beside each plan; submissions.yaml records\n"
		"every file's SHA-256, size, signature status and key id):\n"
		"      --keys DIR     check every signature with the trusted public keys in\n"
		"                     DIR, named by country (THA.pub, Thailand.pub); a bad\n"
		"                     signature, or one by a key trusted for another country,\n"
		"                     rejects the plan; a good signature is kept over an\n"
		"                     unsigned resubmission\n"
		"      --require-signatures  with --keys: reject plans without a signature\n"),
	      f);
}

/* 1..16, or 0 when text is not such a number. */
static unsigned
parse_jobs(const char *text)
{
	unsigned n = 0;

	if (!*text)
		return 0;
	for (; *text; text++) {
		if (*text < '0' || *text > '9' || n > 16)
			return 0;
		n = n * 10 + (unsigned)(*text - '0');
	}
	return n <= 16 ? n : 0;
}

/* The trusted keys of --keys DIR into ring; the exit status. */
static int
load_keys(const char *keys, sig_ring *ring, diag_list *diags)
{
	if (sig_init(diags) && sig_ring_load_dir(ring, keys, diags))
		return CLI_OK;
	cli_print_diags(diags);
	fprintf(stderr, _("actionplan: the trusted keys in %s cannot be "
			  "used; nothing was collected\n"),
		keys);
	return cli_diags_io(diags) ? CLI_IO : CLI_PROBLEMS;
}

/* The roster of --expect FILE into *out; its problems said; the exit
 * status. */
static int
load_roster(const char *expect, roster **out, diag_list *diags)
{
	*out = roster_load(expect, diags);
	cli_print_diags(diags);
	if (*out == NULL) {
		fprintf(stderr, _("actionplan: the roster %s cannot be used; "
				  "nothing was collected\n"),
			expect);
		return cli_diags_io(diags) ? CLI_IO : CLI_USAGE;
	}
	diag_list_clear(diags);
	return CLI_OK;
}

/* The one line that says what the collection came to: plans taken,
 * other versions, resubmissions replaced, files rejected, expected
 * countries without a final plan, files skipped. */
static void
say_summary(const collect_set *s, const char *dir, const collect_counts *n,
	    const roster *expected)
{
	fprintf(stderr,
		dngettext("actionplan", "actionplan: %zu plan collected into %s",
			 "actionplan: %zu plans collected into %s", n->accepted),
		n->accepted, dir);
	for (size_t i = 1; i < collect_n_groups(s); i++) {
		const collect_group *g = collect_group_at(s, i);

		fprintf(stderr, _(" (%zu of %s version %ld in %s/%s)"),
			g->n_plans, g->qn->id, g->qn->version, dir, g->subdir);
	}
	if (n->replaced)
		fprintf(stderr,
			dngettext("actionplan", "; %zu resubmission replaced",
				 "; %zu resubmissions replaced", n->replaced),
			n->replaced);
	if (n->rejected)
		fprintf(stderr,
			dngettext("actionplan", "; %zu file rejected (see %s/rejected.txt)",
				 "; %zu files rejected (see %s/rejected.txt)",
				 n->rejected),
			n->rejected, dir);
	if (expected) {
		size_t missing = 0;

		for (size_t i = 0; i < collect_n_countries(s); i++) {
			const country_state *cs = collect_country_at(s, i);

			missing += cs->expected && cs->status != STATUS_FINAL;
		}
		fprintf(stderr,
			dngettext("actionplan",
				  "; %zu of %zu countries expected has no final plan",
				  "; %zu of %zu countries expected have no final plan",
				  missing),
			missing, expected->n);
	}
	if (n->ignored)
		fprintf(stderr,
			dngettext("actionplan", "; %zu other file skipped",
				 "; %zu other files skipped", n->ignored),
			n->ignored);
	fputc('\n', stderr);
}

/* Said once: without iso-codes countries are free text. But not for want
 * of memory: the outputs would pass for the whole (false). */
static bool
countries_ready(const char *dir, diag_list *diags)
{
	if (country_db_default(diags) != NULL)
		return true;
	cli_print_diags(diags);
	if (diag_out_of_memory(diags)) {
		fprintf(stderr, _("actionplan: out of memory: nothing was "
				  "written to %s\n"),
			dir);
		return false;
	}
	fprintf(stderr, "actionplan: %s\n",
		_("iso-codes is missing or broken: countries are compared as "
		  "free text (install iso-codes)"));
	return true;
}

/* The command, from its options to its exit status. It stays one function
 * a little over 120 lines: after the options each step is one call, in
 * the order a coordinator reads what is said (keys, countries, roster,
 * loading, writing, the summary), and the cleanup path is one. */
int
cli_collect(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"expect", required_argument, NULL, 'e'},
		{"excel", no_argument, NULL, 'x'},
		{"jobs", required_argument, NULL, 'j'},
		{"lang", required_argument, NULL, 'l'},
		{"since", required_argument, NULL, 's'},
		{"keys", required_argument, NULL, 'k'},
		{"require-signatures", no_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	collect_options co = {.excel = false, .lang = NULL, .since = NULL};
	const char *dir = NULL, *keys = NULL, *expect = NULL;
	roster *expected = NULL;
	bool require = false;
	sig_ring ring = SIG_RING_INIT;
	collect_set *s = NULL;
	collect_counts n;
	diag_list diags = DIAG_LIST_INIT;
	struct stat st;
	int c, status = CLI_OK;
	unsigned jobs = 0;

	while ((c = getopt_long(argc, argv, "o:e:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'e': expect = optarg; break;
		case 'x': co.excel = true; break;
		case 'k': keys = optarg; break;
		case 'r': require = true; break;
		case 'j':
			jobs = parse_jobs(optarg);
			if (jobs == 0)
				return cli_usage_error(
					_("--jobs needs a number from 1 to 16"));
			break;
		case 'l': co.lang = optarg; break;
		case 's': co.since = optarg; break;
		case 'h': usage(stdout); return CLI_OK;
		default: return cli_usage_error(NULL);
		}
	}
	if (optind == argc)
		return cli_usage_error(_("collect needs at least one PATH"));
	if (!dir || !*dir)
		return cli_usage_error(_("collect needs -o DIR"));
	if (co.lang) {
		char norm[32];

		if (!i18n_normalize_lang(co.lang, norm, sizeof(norm)))
			return cli_usage_error(
				_("--lang takes a language code such as th, vi, zh-CN or en"));
	}
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("actionplan: %s exists and is not a folder\n"),
			dir);
		return CLI_IO;
	}
	if (require && !keys)
		return cli_usage_error(_("--require-signatures needs --keys DIR"));
	if (keys && (status = load_keys(keys, &ring, &diags)) != CLI_OK)
		goto out;

	if (!countries_ready(dir, &diags)) {
		status = CLI_IO;
		goto out;
	}
	diag_list_clear(&diags);
	if (expect && (status = load_roster(expect, &expected, &diags)) !=
			      CLI_OK)
		goto out;

	s = collect_create(session_qn_dirs());
	if (s == NULL) {
		fprintf(stderr, "actionplan: %s\n", strerror(ENOMEM));
		status = CLI_IO;
		goto out;
	}
	collect_skip_dir(s, dir);
	if (keys)
		collect_set_keys(s, &ring, require);
	if (expected)
		collect_set_roster(s, expected);
	if (jobs)
		collect_set_jobs(s, jobs);
	for (int i = optind; i < argc; i++)
		collect_add_path(s, argv[i]);
	collect_load_all(s);
	collect_get_counts(s, &n);
	if (collect_out_of_memory(s)) {
		/* A report missing what could not be loaded would pass for
		 * the whole: nothing is written. */
		fprintf(stderr, _("actionplan: out of memory: nothing was "
				  "written to %s\n"), dir);
		status = CLI_IO;
		goto out;
	}

	for (size_t i = 0; i < collect_n_rejected(s); i++) {
		const collect_rejected *r = collect_rejected_at(s, i);

		fprintf(stderr, "actionplan: %s: %s\n", r->path, r->reason);
	}
	if (!collect_write(s, dir, &co, &diags)) {
		cli_print_diags(&diags);
		status = CLI_IO;
		goto out;
	}
	cli_print_diags(&diags);
	say_summary(s, dir, &n, expected);
	if (collect_io_error(s))
		status = CLI_IO;
	else if (n.rejected)
		status = CLI_PROBLEMS;
out:
	collect_destroy(s);
	roster_destroy(expected);
	sig_ring_free(&ring);
	diag_list_free(&diags);
	return status;
}
