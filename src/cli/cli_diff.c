/* placeholder: `actionplan diff` is being written (issue 6). */
#include "cli.h"

int
cli_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(_("diff is not available yet"));
}
