/* A scratch folder for a C unit test: made under $TMPDIR (or /tmp), paths
 * in it, removed at the end when every check passed (kept to look at
 * otherwise). Header only, beside unit_check.h. */
#ifndef AP_TEST_UNIT_TMP_H
#define AP_TEST_UNIT_TMP_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char unit_dir[256];

/* Makes the folder, its name starting with prefix; false (said on
 * stderr) when it cannot. */
static inline bool
unit_tmp_make(const char *prefix)
{
	const char *base = getenv("TMPDIR");

	snprintf(unit_dir, sizeof unit_dir, "%s/%s-XXXXXX",
		 base && base[0] ? base : "/tmp", prefix);
	if (mkdtemp(unit_dir) == NULL) {
		perror("mkdtemp");
		return false;
	}
	return true;
}

/* unit_dir/name, in one of eight buffers (a call may hold a few). */
static inline char *
unit_path(const char *name)
{
	static char buf[8][512];
	static int k;

	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%s/%s", unit_dir, name);
	return buf[k];
}

/* Removes path and, when it is a folder (not a link to one), what is in
 * it. */
static inline void
unit_tmp_remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		char sub[4096];
		int n;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (n > 0 && (size_t)n < sizeof sub)
			unit_tmp_remove_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* Removes the folder and what is in it, unless a check failed. */
static inline void
unit_tmp_remove(int failed)
{
	if (failed)
		fprintf(stderr, "kept %s\n", unit_dir);
	else if (unit_dir[0])
		unit_tmp_remove_tree(unit_dir);
}

#endif
