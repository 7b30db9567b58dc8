/* Small helpers shared by the command-line commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int
cli_usage_error(const char *msg)
{
	if (msg)
		fprintf(stderr, "actionplan: %s\n", msg);
	fputs(_("Try 'actionplan --help' for more information.\n"), stderr);
	return CLI_USAGE;
}

void
cli_print_diags(const diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *line = diag_format(&diags->v[i]);
		fprintf(stderr, "%s\n", line ? line : diags->v[i].message);
		free(line);
	}
	if (diag_lost(diags) > 0)
		fprintf(stderr, "actionplan: %s\n", _("out of memory"));
}

bool
cli_diags_io(const diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++)
		if (diags->v[i].sys_errno)
			return true;
	return diag_lost(diags) > 0;
}

bool
cli_terminal_usable(void)
{
	const char *term = getenv("TERM");

	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term &&
	       *term && strcmp(term, "dumb") != 0;
}

const char *
cli_localedir(void)
{
	/* Tests point this at the build tree's compiled catalogs. */
	const char *dir = getenv("ACTIONPLAN_LOCALEDIR");
	struct stat st;

	if (dir && *dir)
		return dir;
	/* Present only on the machine that built the program: run from its
	 * build tree, it speaks every language without installing, as it
	 * finds the questionnaires there. */
	if (stat(AP_BUILD_LOCALEDIR, &st) == 0 && S_ISDIR(st.st_mode))
		return AP_BUILD_LOCALEDIR;
	return AP_LOCALEDIR;
}
