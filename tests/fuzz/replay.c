/* Runs a fuzz target over files and folders of inputs without libFuzzer, so
 * that the checked-in corpus is an ordinary test in every build (gcc too).
 * Usage: fuzz-replay-TARGET [--figures FILE.json] PATH...  Folders are read
 * one level deep, in name order. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "store.h"

/* Larger inputs are not replayed: libFuzzer ran with -max_len=65536 and
 * the loaders refuse more than 32 MiB anyway. */
#define REPLAY_MAX_INPUT (4u << 20)

static size_t n_inputs, n_bytes;

static int
replay_file(const char *path)
{
	diag_list diags = DIAG_LIST_INIT;
	size_t len = 0;
	char *data = store_read_file(path, REPLAY_MAX_INPUT, &len, &diags);

	if (data == NULL) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		diag_list_free(&diags);
		return 1;
	}
	/* A copy of exactly len bytes, so that ASan sees reads past the
	 * end (store_read_file adds a NUL the target must not rely on). */
	{
		char *copy = malloc(len ? len : 1);

		if (copy == NULL) {
			free(data);
			return 1;
		}
		memcpy(copy, data, len);
		free(data);
		LLVMFuzzerTestOneInput((const uint8_t *)copy, len);
		free(copy);
	}
	n_inputs++;
	n_bytes += len;
	diag_list_free(&diags);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int bad = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	d = opendir(path);
	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **v;

			cap = cap ? cap * 2 : 64;
			v = realloc(names, cap * sizeof(*v));
			if (v == NULL) {
				bad = 1;
				break;
			}
			names = v;
		}
		names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (names[n] == NULL) {
			bad = 1;
			break;
		}
		sprintf(names[n], "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
			bad |= replay_file(names[i]);
		free(names[i]);
	}
	free(names);
	return bad;
}

int
main(int argc, char **argv)
{
	const char *figures = NULL;
	int bad = 0, i = 1;

	if (argc > 2 && strcmp(argv[1], "--figures") == 0) {
		figures = argv[2];
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: %s [--figures FILE] PATH...\n",
			argv[0]);
		return 2;
	}
	for (; i < argc; i++)
		bad |= replay_path(argv[i]);
	printf("replayed %zu inputs (%zu bytes)%s\n", n_inputs, n_bytes,
	       bad ? ", some unreadable" : "");
	if (n_inputs == 0)
		bad = 1;
	if (figures != NULL) {
		FILE *f = NULL;
		char *dir = strdup(figures), *slash;
		diag_list diags = DIAG_LIST_INIT;

		slash = dir ? strrchr(dir, '/') : NULL;
		if (slash != NULL) {
			*slash = '\0';
			store_mkdirs(dir, 0755, &diags);
		}
		free(dir);
		diag_list_free(&diags);
		f = fopen(figures, "w");

		if (f == NULL || fprintf(f, "{\"inputs_replayed\": %zu, "
				     "\"bytes_replayed\": %zu}\n",
				     n_inputs, n_bytes) < 0 || fclose(f) != 0)
			fprintf(stderr, "replay: cannot write %s\n", figures);
	}
	return bad;
}
