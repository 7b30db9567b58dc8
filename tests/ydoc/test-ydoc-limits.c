/* Hostile inputs generated at run time (too big to commit): deep nesting,
 * huge files, many nodes, many keys, FIFOs and folders are refused quickly
 * with the right message, and text that only looks deep is accepted. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ydoc.h"
#include "../unit_check.h"

static char tmpdir[4096];

/* Text of the first problem without the file name, or "ok". */
static char *
first_problem(yd_node *root, diag_list *dl, const char *name)
{
	char *s, *r;
	size_t n = strlen(name);

	if (root != NULL && dl->n == 0)
		return strdup("ok");
	if (root != NULL)
		return strdup("tree AND problems");
	if (dl->n == 0)
		return strdup("no tree, no problem");
	s = diag_format(&dl->v[0]);
	if (strncmp(s, name, n) == 0) {
		r = strdup(s + n + (s[n] == ':' ? 1 : 0) +
			   (s[n + 1] == ' ' ? 1 : 0));
		free(s);
		return r;
	}
	return s;
}

/* The first problem got (freed here) must be want. */
static void
expect_problem(const char *what, char *got, const char *want)
{
	CHECK_MSG(strcmp(got, want) == 0, "%s:\n  want %s\n  got  %s", what,
		  want, got);
	if (strcmp(got, want) == 0)
		printf("ok   %s: %s\n", what, got);
	free(got);
}

static void
expect_buf(const char *what, const char *data, size_t len,
	   const yd_limits *lim, const char *want)
{
	diag_list dl = DIAG_LIST_INIT;
	yd_node *root = yd_parse_buffer("buf", data, len, lim, &dl);

	expect_problem(what, first_problem(root, &dl, "buf"), want);
	yd_free(root);
	diag_list_free(&dl);
}

static void
expect_file(const char *what, const char *path, const yd_limits *lim,
	    const char *want)
{
	diag_list dl = DIAG_LIST_INIT;
	yd_node *root = yd_parse_file(path, lim, &dl);

	expect_problem(what, first_problem(root, &dl, path), want);
	yd_free(root);
	diag_list_free(&dl);
}

static char *
repeat(const char *head, const char *unit, size_t times, const char *tail,
       size_t *len)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	size_t n = hl + ul * times + tl, i;
	char *s = malloc(n + 1), *p = s;

	memcpy(p, head, hl);
	p += hl;
	for (i = 0; i < times; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl);
	s[n] = '\0';
	*len = n;
	return s;
}

/* Brackets that are text, not nesting: 100,000 units of unit between head
 * and tail, each a valid, shallow document. */
static const struct looks_deep {
	const char *what, *head, *unit, *tail;
} looks_deep[] = {
	{"brackets in a literal block", "text: |\n  ", "[{", "\nnext: 1\n"},
	{"brackets in a double-quoted string", "text: \"", "[{", "\"\n"},
	{"brackets in a single-quoted string", "text: 'it''s ", "[{", "'\n"},
	{"brackets in a plain string", "text: see ", "[", "\n"},
	{"brackets in a comment", "# ", "[", "\nk: v\n"},
	{"brackets in quoted items of a flow list", "l: [", "\"]\", '[', ",
	 "x]\n"},
};

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int
main(void)
{
	const char *t = getenv("TMPDIR");
	char path[8192];
	size_t len, i;
	char *s;
	yd_limits small = yd_default_limits;

	snprintf(tmpdir, sizeof(tmpdir), "%s/ydoc-XXXXXX", t ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}

	/* Deep flow nesting: libyaml alone would take minutes on 2 MB. */
	s = repeat("", "[", 100000, "", &len);
	snprintf(path, sizeof(path), "%s/deep-100000.yaml", tmpdir);
	write_file(path, s, len);
	free(s);
	expect_file("100,000 [ on one line", path, NULL,
		    "1:65: error: nesting deeper than 64 levels");
	s = repeat("", "[", 2 * 1024 * 1024, "", &len);
	snprintf(path, sizeof(path), "%s/deep-2mb.yaml", tmpdir);
	write_file(path, s, len);
	free(s);
	expect_file("2 MB of [", path, NULL,
		    "1:65: error: nesting deeper than 64 levels");
	s = repeat("a: ", "{a: ", 500000, "", &len);
	expect_buf("2 MB of {a: {a:", s, len, NULL,
		   "1:260: error: nesting deeper than 64 levels");
	free(s);
	s = repeat("", "[\n", 100000, "", &len);
	expect_buf("[ on 100,000 lines", s, len, NULL,
		   "65:1: error: nesting deeper than 64 levels");
	free(s);
	s = repeat("", "- ", 100000, "x\n", &len);
	expect_buf("100,000 block sequences on one line", s, len, NULL,
		   "1:129: error: nesting deeper than 64 levels");
	free(s);
	{
		/* Block mappings nested by indentation. */
		char *b = malloc(200 * 210 + 1), *p = b;

		for (i = 0; i < 200; i++)
			p += sprintf(p, "%*sk:\n", (int)i, "");
		expect_buf("200 block mappings", b, (size_t)(p - b), NULL,
			   "65:65: error: nesting deeper than 64 levels");
		free(b);
	}

	/* Exactly at the limit is fine; one more is not. */
	s = repeat("", "[", 64, "", &len);
	s = realloc(s, 129);
	memset(s + 64, ']', 64);
	expect_buf("64 levels", s, 128, NULL, "ok");
	free(s);
	s = repeat("", "[", 65, "", &len);
	s = realloc(s, 131);
	memset(s + 65, ']', 65);
	expect_buf("65 levels", s, 130, NULL,
		   "1:65: error: nesting deeper than 64 levels");
	free(s);
	small.max_depth = 3;
	expect_buf("depth 3 of 3", "a: {b: [c]}", 11, &small, "ok");
	expect_buf("depth 4 of 3", "a: {b: [[c]]}", 13, &small,
		   "1:9: error: nesting deeper than 3 levels");
	small.max_depth = 64;

	/* Text that only looks deep must not trip the quick pre-scan. */
	for (size_t k = 0; k < sizeof(looks_deep) / sizeof(looks_deep[0]);
	     k++) {
		const struct looks_deep *c = &looks_deep[k];

		s = repeat(c->head, c->unit, 100000, c->tail, &len);
		expect_buf(c->what, s, len, NULL, "ok");
		free(s);
	}

	/* Size: a 50 MB file is refused by its size, before reading (it is
	 * sparse, so making it costs nothing). */
	snprintf(path, sizeof(path), "%s/big.yaml", tmpdir);
	{
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fd < 0 || ftruncate(fd, 50L * 1024 * 1024) != 0) {
			perror(path);
			return 1;
		}
		close(fd);
	}
	expect_file("50 MB file", path, NULL,
		    "error: the file is larger than 33554432 bytes");
	small.max_bytes = 10;
	expect_buf("11 bytes over a 10 byte limit", "a: 12345678", 11,
		   &small, "error: the file is larger than 10 bytes");
	expect_buf("10 bytes within a 10 byte limit", "a: 123456", 9, &small,
		   "ok");
	small.max_bytes = yd_default_limits.max_bytes;

	/* Node count. */
	small.max_nodes = 5;
	expect_buf("5 nodes of 5", "a: [1, 2]", 9, &small, "ok");
	expect_buf("6 nodes of 5", "a: [1, 2, 3]", 12, &small,
		   "1:11: error: more than 5 nodes");
	small.max_nodes = yd_default_limits.max_nodes;

	/* A duplicate at the end of a mapping with 200,000 keys is found
	 * (and fast: keys are sorted, not compared pairwise). */
	{
		char *b = malloc(200001 * 20), *p = b;

		for (i = 0; i < 200000; i++)
			p += sprintf(p, "k%zu: v\n", i);
		p += sprintf(p, "k7: again\n");
		expect_buf("duplicate among 200,000 keys", b, (size_t)(p - b),
			   NULL,
			   "200001:1: error: duplicate key \"k7\" (first at "
			   "line 8)");
		free(b);
	}

	/* Not regular files. A FIFO must not block waiting for a writer. */
	snprintf(path, sizeof(path), "%s/fifo.yaml", tmpdir);
	if (mkfifo(path, 0600) != 0) {
		perror("mkfifo");
		return 1;
	}
	expect_file("FIFO", path, NULL, "error: is not a regular file");
	unlink(path);
	expect_file("folder", tmpdir, NULL, "error: is a folder, not a file");
	snprintf(path, sizeof(path), "%s/missing.yaml", tmpdir);
	expect_file("missing file", path, NULL,
		    "error: cannot open the file: No such file or directory");

	snprintf(path, sizeof(path), "%s/deep-100000.yaml", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/deep-2mb.yaml", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/big.yaml", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return unit_result();
}
