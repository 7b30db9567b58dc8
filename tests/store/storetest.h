/* Shared by the C tests of src/store: a scratch folder, checks that count,
 * and plain readers and writers of files that do not use the store. */
#ifndef AP_STORETEST_H
#define AP_STORETEST_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "diag.h"

extern int st_failures;
extern char st_scratch[4096];

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: check failed: %s\n",       \
				__FILE__, __LINE__, #cond);                \
			st_failures++;                                     \
		}                                                          \
	} while (0)

/* Makes the scratch folder (umask 022). */
void
st_begin(void);

/* Removes the scratch folder when every check passed; the exit status. */
int
st_end(void);

/* scratch/FMT, in one of eight rotating buffers. */
char *
at(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Reads a file with plain stdio, independent of the code under test. */
char *
slurp(const char *path, size_t *len);

bool
file_is(const char *path, const void *data, size_t len);

void
put_file(const char *path, const char *text, mode_t mode);

/* Dot files in a folder (each one named on stderr): temporary files left
 * behind, among others. */
int
count_dot_files(const char *dir);

const char *
last_message(const diag_list *dl);

/* Starts a child that takes the lock of path, tells us through a pipe, and
 * then waits to be killed. */
pid_t
spawn_holder(const char *path);

#endif
