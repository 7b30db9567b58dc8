/* Shared parts of the command-line front end: exit codes, messages, and the
 * commands that need no terminal (check, export). */
#ifndef AP_CLI_H
#define AP_CLI_H

#include <stdbool.h>

#include "diag.h"
#include "i18n.h"
#include "sig.h"

enum {
	CLI_OK = 0,
	CLI_PROBLEMS = 1,
	CLI_USAGE = 2,
	CLI_IO = 3,
	CLI_LOCKED = 4,
	CLI_UNSIGNED = 5,  /* verify: the plan has no signature */
	CLI_UNTRUSTED = 6, /* verify: signed by a key not trusted for it */
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
/* Signed plans (cli_sign.c). */
int
cli_key(int argc, char **argv);
int
cli_sign(int argc, char **argv);
int
cli_verify(int argc, char **argv);

/* Loads the secret key at path (NULL: the user's own, in the keys'
 * folder) and, when it is encrypted, asks its passphrase (cli_read_pass)
 * and unlocks it. Problems are printed; returns the exit status (CLI_OK
 * with *out set). */
int
cli_load_secret(const char *path, int pass_fd, sig_seckey **out);

/* Writes buf to out and its signature to out.minisig (both atomically),
 * holding out's lock meanwhile; prints problems, returns the exit status. */
int
cli_write_signed(const char *out, const char *buf, size_t len,
		 const sig_seckey *k);

/* Handles the signing options of sign and export: 's' (-s FILE) and 'P'
 * (--passphrase-fd N). True when c was one of them; *status becomes
 * CLI_USAGE (printed) on a bad value. */
bool
cli_sign_option(int c, const char *arg, const char **key, int *pass_fd,
		int *status);

/* Reads a passphrase into p: one line from descriptor fd when fd >= 0,
 * else from the terminal (/dev/tty) with echo off after prompt. Never
 * echoes, never from the command line or the environment. False with the
 * reason printed (no terminal, too long, read error); a signal while
 * waiting puts the terminal back and is raised again. */
bool
cli_read_pass(int fd, const char *prompt, sig_pass *p);

#endif
