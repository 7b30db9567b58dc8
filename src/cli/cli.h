/* Shared parts of the command-line front end: exit codes, messages, and the
 * commands that need no terminal (check, export). */
#ifndef AP_CLI_H
#define AP_CLI_H

#include <stdbool.h>

#include "diag.h"
#include "i18n.h"

enum {
	CLI_OK = 0,
	CLI_PROBLEMS = 1,
	CLI_USAGE = 2,
	CLI_IO = 3,
	CLI_LOCKED = 4,
};

/* Prints "actionplan: MSG" (when msg is not NULL) and a pointer to --help on
 * stderr; returns CLI_USAGE. */
int
cli_usage_error(const char *msg);

/* Prints every problem of the list on stderr, one line each. */
void
cli_print_diags(const diag_list *diags);

/* True when the list holds a problem caused by a system call (I/O). */
bool
cli_diags_io(const diag_list *diags);

/* True when both standard input and output are terminals and TERM is set
 * and not "dumb". */
bool
cli_terminal_usable(void);

const char *
cli_localedir(void);

int
cli_check(int argc, char **argv);
int
cli_export(int argc, char **argv);
/* Coordinator commands (cli_collect.c, cli_diff.c). */
int
cli_collect(int argc, char **argv);
int
cli_diff(int argc, char **argv);
/* `migrate` (cli_migrate.c). */
int
cli_migrate(int argc, char **argv);

#endif
