/* placeholder: `actionplan collect` is being written (issue 6). */
#include "cli.h"

int
cli_collect(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(_("collect is not available yet"));
}
