/* Runs every tests/ydoc/cases/NAME.yaml through yd_parse_file and compares
 * the first problem (or, for "ok", a dump of the tree) with NAME.expect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ydoc.h"
#include "../case_files.h"


static void
put_str(FILE *out, const char *s, size_t len)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", out);
		else if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7F)
			fprintf(out, "\\x%02X", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void
dump(FILE *out, const yd_node *n, int indent)
{
	size_t i;

	fprintf(out, "%*s", indent * 2, "");
	switch (n->kind) {
	case YD_SCALAR:
		fprintf(out, "scalar %lu:%lu %s ", n->line, n->col,
			n->plain ? "plain" : "quoted");
		put_str(out, n->str, n->len);
		fputc('\n', out);
		break;
	case YD_SEQ:
		fprintf(out, "seq %lu:%lu n=%zu\n", n->line, n->col, n->n);
		for (i = 0; i < n->n; i++)
			dump(out, n->items[i], indent + 1);
		break;
	case YD_MAP:
		fprintf(out, "map %lu:%lu n=%zu\n", n->line, n->col, n->n);
		for (i = 0; i < n->n; i++) {
			fprintf(out, "%*skey %lu:%lu ", (indent + 1) * 2, "",
				n->keys[i]->line, n->keys[i]->col);
			put_str(out, n->keys[i]->str, n->keys[i]->len);
			fputc('\n', out);
			dump(out, n->items[i], indent + 2);
		}
		break;
	}
}

static void
run_case(const char *dir, const char *file)
{
	char path[4096], expect_path[4096];
	char *expect, *got = NULL, *nl;
	size_t elen, glen = 0;
	diag_list dl = DIAG_LIST_INIT;
	yd_node *root;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	case_expect_path(expect_path, sizeof(expect_path), dir, file);
	expect = case_slurp(expect_path, &elen);
	CHECK_MSG(expect != NULL, "%s: no %s", file, expect_path);
	if (expect == NULL)
		return;
	root = yd_parse_file(path, NULL, &dl);
	if (strncmp(expect, "ok\n", 3) == 0) {
		FILE *m;
		char *first = dl.n ? diag_format(&dl.v[0]) : NULL;

		CHECK_MSG(root != NULL && dl.n == 0, "%s: expected ok, got %s",
			  file, first ? first : "no tree");
		free(first);
		if (root == NULL || dl.n != 0)
			goto out;
		m = open_memstream(&got, &glen);
		dump(m, root, 0);
		fclose(m);
		CHECK_MSG(strcmp(got, expect + 3) == 0,
			  "%s: tree differs; got:\n%s", file, got);
	} else {
		char *want;
		size_t plen = strlen(path);
		/* "L:C: warning: ...": accepted, with that warning first. */
		bool warning = strstr(expect, ": warning: ") != NULL;

		nl = strchr(expect, '\n');
		if (nl != NULL)
			*nl = '\0';
		CHECK_MSG(!warning || (root != NULL && dl.n > 0 &&
					dl.n_errors == 0),
			  "%s: expected the warning \"%s\", got %s", file,
			  expect, root ? "none" : "an error");
		if (warning && (root == NULL || dl.n == 0 || dl.n_errors != 0))
			goto out;
		CHECK_MSG(warning || (root == NULL && dl.n > 0 &&
				       dl.n_errors > 0),
			  "%s: expected \"%s\", it was accepted", file, expect);
		if (!warning && (root != NULL || dl.n == 0 || dl.n_errors == 0))
			goto out;
		got = diag_format(&dl.v[0]);
		/* "PATH:L:C: error: ..." or "PATH: error: ..." */
		want = malloc(plen + 2 + strlen(expect) + 1);
		if (want == NULL)
			abort();
		sprintf(want, "%s%s%s", path,
			strncmp(expect, "error:", 6) == 0 ? ": " : ":",
			expect);
		CHECK_MSG(strcmp(got, want) == 0, "%s:\n  want %s\n  got  %s",
			  file, want, got);
		if (strcmp(got, want) == 0)
			printf("ok   %s: %s\n", file, expect);
		free(want);
	}
out:
	free(got);
	free(expect);
	yd_free(root);
	diag_list_free(&dl);
}

int
main(int argc, char **argv)
{
	return case_run_all(argc > 1 ? argv[1] : "cases", run_case);
}
