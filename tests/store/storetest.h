/* Shared by the C tests of src/store: a scratch folder, their main, and
 * plain readers and writers of files that do not use the store. The checks
 * are tests/unit_check.h's (included here), counted per test file. */
#ifndef AP_STORETEST_H
#define AP_STORETEST_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "../unit_check.h"
#include "diag.h"

extern char st_scratch[4096];

/* Makes the scratch folder (umask 022). */
void
st_begin(void);

/* Removes the scratch folder when no check failed (failed: the test file's
 * count), or says where it is left. */
void
st_end(int failed);

/* scratch/FMT, in one of eight rotating buffers. */
char *
at(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* A test file's main: makes the scratch folder, runs the group named by
 * argv[1] (every group without one) and removes the folder when no check
 * failed. */
static inline int
st_main(int argc, char **argv, const unit_group *groups, size_t n)
{
	int ran;

	st_begin();
	ran = unit_run_groups(argc, argv, groups, n);
	st_end(failures);
	if (!ran)
		return 2;
	return unit_result();
}

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
 * then waits to be killed; *locked says whether it took the lock. */
pid_t
spawn_holder(const char *path, bool *locked);

#endif
