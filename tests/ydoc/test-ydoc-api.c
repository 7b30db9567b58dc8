/* The small helpers around the tree and the problem list: yd_map_get,
 * yd_is_null, yd_kind_name, diag_format, diag_add_errno, diag_list_move. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ydoc.h"
#include "../unit_check.h"

/* CHECK_STR on a string to free. */
static void
check_owned(const char *file, int line, char *got, const char *want)
{
	check_str(file, line, got, want);
	free(got);
}
#define CHECK_OWNED(got, want) check_owned(__FILE__, __LINE__, (got), (want))

int
main(void)
{
	static const char doc[] =
		"a: x\n"
		"e:\n"
		"t: ~\n"
		"n1: null\n"
		"n2: Null\n"
		"n3: NULL\n"
		"q: \"null\"\n"
		"s: 'null'\n"
		"nu: nULL\n"
		"l: [1]\n"
		"m: {k: v}\n";
	diag_list dl = DIAG_LIST_INIT, other = DIAG_LIST_INIT;
	yd_node *root = yd_parse_buffer("doc", doc, sizeof(doc) - 1, NULL,
					&dl);
	diag d;

	CHECK(root != NULL && dl.n == 0);
	if (root == NULL)
		return 1;
	CHECK(root->kind == YD_MAP && root->n == 11);
	CHECK(strcmp(yd_map_get(root, "a")->str, "x") == 0);
	CHECK(yd_map_get(root, "zz") == NULL);
	CHECK(yd_map_get(yd_map_get(root, "a"), "a") == NULL);
	CHECK(yd_map_get(NULL, "a") == NULL);
	CHECK(yd_is_null(yd_map_get(root, "e")));
	CHECK(yd_is_null(yd_map_get(root, "t")));
	CHECK(yd_is_null(yd_map_get(root, "n1")));
	CHECK(yd_is_null(yd_map_get(root, "n2")));
	CHECK(yd_is_null(yd_map_get(root, "n3")));
	CHECK(!yd_is_null(yd_map_get(root, "q")));
	CHECK(!yd_is_null(yd_map_get(root, "s")));
	CHECK(!yd_is_null(yd_map_get(root, "nu")));
	CHECK(!yd_is_null(yd_map_get(root, "l")));
	CHECK(!yd_is_null(NULL));
	CHECK(strcmp(yd_kind_name(yd_map_get(root, "a")), "a text") == 0);
	CHECK(strcmp(yd_kind_name(yd_map_get(root, "l")), "a list") == 0);
	CHECK(strcmp(yd_kind_name(yd_map_get(root, "m")), "a mapping") == 0);
	CHECK(yd_map_get(root, "m")->line == 11 &&
	      yd_map_get(root, "m")->col == 4);
	yd_free(root);
	yd_free(NULL);
	CHECK(yd_parse_buffer("nothing", NULL, 0, NULL, &dl) == NULL);
	CHECK(dl.n == 1 && strcmp(dl.v[0].message, "the file is empty") == 0);
	diag_list_clear(&dl);

	/* diag_format leaves out what is unknown. */
	memset(&d, 0, sizeof(d));
	d.severity = DIAG_ERROR;
	d.message = "boom";
	CHECK_OWNED(diag_format(&d), "error: boom");
	d.file = "f.yaml";
	CHECK_OWNED(diag_format(&d), "f.yaml: error: boom");
	d.line = 3;
	d.col = 7;
	CHECK_OWNED(diag_format(&d), "f.yaml:3:7: error: boom");
	d.item = "prevention.6";
	CHECK_OWNED(diag_format(&d),
		  "f.yaml:3:7: error: boom [item prevention.6]");
	d.severity = DIAG_WARNING;
	d.file = NULL;
	CHECK_OWNED(diag_format(&d),
		  "3:7: warning: boom [item prevention.6]");

	/* Entries own copies of their strings. */
	{
		char file[] = "x.yaml", item[] = "id";

		diag_add(&dl, DIAG_WARNING, file, 1, 2, item, "n=%d", 5);
		file[0] = item[0] = '?';
	}
	diag_add_errno(&dl, "y.yaml", ENOENT, "cannot open %s", "it");
	CHECK(dl.n == 2 && dl.n_errors == 1);
	CHECK_OWNED(diag_format(&dl.v[0]),
		  "x.yaml:1:2: warning: n=5 [item id]");
	CHECK_OWNED(diag_format(&dl.v[1]),
		  "y.yaml: error: cannot open it: No such file or directory");
	CHECK(dl.v[1].sys_errno == ENOENT);

	diag_add(&other, DIAG_ERROR, NULL, 0, 0, NULL, "third");
	diag_list_move(&dl, &other);
	CHECK(dl.n == 3 && dl.n_errors == 2);
	CHECK(other.n == 0 && other.n_errors == 0 && other.v == NULL);
	CHECK_OWNED(diag_format(&dl.v[2]), "error: third");
	diag_list_clear(&dl);
	CHECK(dl.n == 0 && dl.n_errors == 0);
	diag_add(&dl, DIAG_ERROR, "a", 0, 0, NULL, "again");
	CHECK(dl.n == 1 && dl.n_errors == 1);
	diag_list_free(&dl);
	diag_list_free(&other);
	diag_list_free(&dl);

	/* Many entries: the list grows. */
	{
		int i;

		for (i = 0; i < 1000; i++)
			diag_add(&dl, DIAG_ERROR, "f", (unsigned long)i + 1, 1,
				 NULL, "p%d", i);
		CHECK(dl.n == 1000 && dl.n_errors == 1000);
		CHECK_OWNED(diag_format(&dl.v[999]),
			  "f:1000:1: error: p999");
		diag_list_free(&dl);
	}

	return unit_result();
}
