/* qn beyond single files: size caps (generated inputs), qn_find over
 * folders, qn_find_ref's ways of naming an item, and the small lookups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qn.h"
#include "../unit_check.h"

static const char head[] =
	"format: actionplan-questionnaire/1\n"
	"id: gen\n"
	"version: 1\n"
	"title: Generated\n"
	"language: en\n"
	"sections:\n"
	"  - id: s\n"
	"    title: S\n"
	"    items:\n";

/* The problems as text, one a line, without the file name "buf". */
static char *
problems(const diag_list *dl)
{
	char *out = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&out, &len);

	for (i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->v[i]);

		fprintf(m, "%s\n", s);
		free(s);
	}
	fclose(m);
	return out;
}

static void
expect_load(const char *what, const char *text, size_t len, const char *want)
{
	diag_list dl = DIAG_LIST_INIT;
	qn *q = qn_load_buffer("buf", text, len, &dl);
	char *got = problems(&dl);
	int before = failures;

	CHECK_MSG(q == NULL || want[0] == '\0', "%s: loaded, want %s", what,
		  want);
	CHECK_MSG(strcmp(got, want) == 0, "%s:\n--- want\n%s--- got\n%s", what,
		  want, got);
	if (failures == before)
		printf("ok   %s\n", what);
	free(got);
	qn_destroy(q);
	diag_list_free(&dl);
}

static char *
items_doc(size_t n, size_t *len)
{
	char *out = NULL;
	FILE *m = open_memstream(&out, len);
	size_t i;

	fputs(head, m);
	for (i = 0; i < n; i++)
		fprintf(m, "      - {id: i%zu, title: T, type: line}\n", i);
	fclose(m);
	return out;
}

static void
test_caps(void)
{
	size_t len;
	char *doc, *big;
	char *out = NULL;
	size_t olen;
	FILE *m;

	doc = items_doc(10000, &len);
	expect_load("10,000 items", doc, len, "");
	free(doc);
	doc = items_doc(10001, &len);
	expect_load("10,001 items", doc, len,
		    "buf:7:3: error: more than 10000 items\n");
	free(doc);

	big = malloc(65537 + 1);
	memset(big, 'x', 65537);
	big[65537] = '\0';
	m = open_memstream(&out, &olen);
	fprintf(m, "%s      - id: a\n        title: %s\n        type: line\n"
		   "      - id: b\n        title: %.65536s\n        type: line\n"
		   "      - id: c\n        title: C\n        type: line\n"
		   "        pattern: \"%.1025s\"\n",
		head, big, big, big);
	fclose(m);
	expect_load("a title over 64 KiB, one at 64 KiB, a long pattern", out,
		    olen,
		    "buf:11:16: error: \"title\" is longer than 65536 bytes "
		    "[item a]\n"
		    "buf:19:18: error: the pattern is longer than 1024 bytes "
		    "[item c]\n");
	free(out);
	free(big);
}

static void
test_lookups(void)
{
	static const char doc[] =
		"format: actionplan-questionnaire/1\n"
		"id: look\n"
		"version: 2\n"
		"title: L\n"
		"language: en\n"
		"sections:\n"
		"  - id: details\n"
		"    title: Plan details\n"
		"    keys: [D]\n"
		"    items:\n"
		"      - {id: country, title: Country, type: line}\n"
		"      - {id: date, title: Date, type: date}\n"
		"  - id: prevention\n"
		"    title: Prevention\n"
		"    keys: [P, prev]\n"
		"    items:\n"
		"      - {id: prevention.1, number: \"1\", title: A, type: text}\n"
		"      - {id: prevention.6, number: \"6\", title: B, type: yesno}\n"
		"      - {id: prevention.10, number: \"10\", title: C, "
		"type: choice, choices: [{id: x, label: Ex}]}\n"
		"  - id: protection\n"
		"    title: Protection\n"
		"    keys: [Pr]\n"
		"    items:\n"
		"      - {id: protection.6, number: \"6\", title: D, type: text}\n";
	static const struct {
		const char *ref, *id;
	} refs[] = {
		{"P6", "prevention.6"},
		{"p6", "prevention.6"},
		{"p 6", "prevention.6"},
		{"prev 6", "prevention.6"},
		{"PREV 6", "prevention.6"},
		{"Prevention 6", "prevention.6"},
		{"prevention 6", "prevention.6"},
		{"prevention.6", "prevention.6"},
		{"Prevention.6", "prevention.6"},
		{"prev.6", "prevention.6"},
		{"  P10 ", "prevention.10"},
		{"Pr6", "protection.6"},
		{"protection 6", "protection.6"},
		{"D1", "country"},
		{"d 2", "date"},
		{"Plan details 2", "date"},
		{"country", "country"},
		{"prev", "prevention.1"},
		{"P7", NULL},
		{"D3", NULL},
		{"X6", NULL},
		{"6", NULL},
		{"", NULL},
		{"   ", NULL},
	};
	diag_list dl = DIAG_LIST_INIT;
	qn *q = qn_load_buffer("look", doc, sizeof(doc) - 1, &dl);
	size_t i;

	CHECK(q != NULL && dl.n == 0);
	if (q == NULL) {
		char *p = problems(&dl);

		printf("%s", p);
		free(p);
		diag_list_free(&dl);
		return;
	}
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		long r = qn_find_ref(q, refs[i].ref);
		const char *got = r >= 0 ? q->items[r].id : NULL;

		CHECK_MSG(got == NULL ? refs[i].id == NULL
				      : refs[i].id != NULL &&
						strcmp(got, refs[i].id) == 0,
			  "qn_find_ref(\"%s\"): want %s, got %s", refs[i].ref,
			  refs[i].id ? refs[i].id : "-1", got ? got : "-1");
	}
	CHECK(qn_item_index(q, "prevention.10") == 4);
	CHECK(qn_item_index(q, "protection.6") == 5);
	CHECK(qn_item_index(q, "Prevention.10") == -1);
	CHECK(qn_item_index(q, "nosuch") == -1);
	CHECK(strcmp(qn_choice_label(&q->items[4], "x"), "Ex") == 0);
	CHECK(qn_choice_label(&q->items[4], "y") == NULL);
	CHECK(qn_choice_label(&q->items[0], "x") == NULL);
	CHECK(q->country_item == -1 && q->date_item == -1);
	CHECK(strcmp(q->plan_title, "L") == 0); /* defaults to the title */
	CHECK(strcmp(q->path, "look") == 0);
	qn_destroy(q);
	qn_destroy(NULL);
	diag_list_free(&dl);

	CHECK(strcmp(qn_type_name(QN_TEXT), "text") == 0);
	CHECK(strcmp(qn_type_name(QN_LINE), "line") == 0);
	CHECK(strcmp(qn_type_name(QN_YESNO), "yesno") == 0);
	CHECK(strcmp(qn_type_name(QN_CHOICE), "choice") == 0);
	CHECK(strcmp(qn_type_name(QN_MULTI), "multi") == 0);
	CHECK(strcmp(qn_type_name(QN_DATE), "date") == 0);
	CHECK(strcmp(qn_type_name(QN_EMAIL), "email") == 0);
}

static void
write_q(const char *dir, const char *file, const char *id, int version,
	bool broken)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "w");
	fprintf(f,
		"format: actionplan-questionnaire/1\nid: %s\nversion: %d\n"
		"title: T\nlanguage: en\nsections:\n  - id: s\n    title: S\n"
		"    items:\n      - {id: a, title: A, type: %s}\n",
		id, version, broken ? "nosuch" : "line");
	fclose(f);
}

static void
expect_find(const char *what, const char *const *dirs, const char *id,
	    long version, const char *want_path, const char *want)
{
	diag_list dl = DIAG_LIST_INIT;
	qn *q = qn_find(dirs, id, version, &dl);
	char *got = problems(&dl);
	int before = failures;

	CHECK_MSG(want_path == NULL ||
			  (q != NULL && strcmp(q->path, want_path) == 0),
		  "%s: want %s, got %s\n%s", what, want_path,
		  q ? q->path : "nothing", got);
	CHECK_MSG(want_path != NULL || q == NULL, "%s: found %s", what,
		  q ? q->path : "nothing");
	CHECK_MSG(strcmp(got, want) == 0, "%s:\n--- want\n%s--- got\n%s", what,
		  want, got);
	CHECK_MSG(q == NULL || ((version <= 0 || q->version == version) &&
				strcmp(q->id, id) == 0),
		  "%s: wrong questionnaire", what);
	if (failures == before)
		printf("ok   %s\n", what);
	free(got);
	qn_destroy(q);
	diag_list_free(&dl);
}

static void
test_find(void)
{
	const char *t = getenv("TMPDIR");
	char root[1024], a[1100], b[1100], p[1200], want[8192];
	const char *dirs[4];

	snprintf(root, sizeof(root), "%s/qn-XXXXXX", t ? t : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(a, sizeof(a), "%s/a", root);
	snprintf(b, sizeof(b), "%s/b", root);
	mkdir(a, 0700);
	mkdir(b, 0700);
	write_q(a, "ariat-2000.yaml", "ariat-2000", 1, false);
	write_q(a, "other.yaml", "other", 1, false);
	/* Broken files that are not asked for stay quiet. */
	snprintf(p, sizeof(p), "%s/junk.yaml", a);
	{
		FILE *f = fopen(p, "w");

		fputs("a: [unclosed\n", f);
		fclose(f);
	}
	write_q(a, "broken-other.yaml", "other", 7, true);
	write_q(b, "new.yaml", "ariat-2000", 2, false);
	write_q(b, "zz.txt", "ariat-2000", 3, false); /* not *.yaml */
	write_q(b, ".hidden.yaml", "ariat-2000", 4, false);
	write_q(b, "broken.yaml", "ariat-2000", 5, true);

	dirs[0] = a;
	dirs[1] = b;
	dirs[2] = NULL;
	snprintf(p, sizeof(p), "%s/ariat-2000.yaml", a);
	expect_find("version 1 in the first folder", dirs, "ariat-2000", 1, p,
		    "");
	snprintf(p, sizeof(p), "%s/new.yaml", b);
	expect_find("version 2 in the second folder", dirs, "ariat-2000", 2,
		    p, "");
	snprintf(want, sizeof(want),
		 "error: no questionnaire ariat-2000 version 9 found (found "
		 "version 1 in %s/ariat-2000.yaml, version 5 in "
		 "%s/broken.yaml, version 2 in %s/new.yaml)\n",
		 a, b, b);
	expect_find("another version", dirs, "ariat-2000", 9, NULL, want);
	snprintf(want, sizeof(want),
		 "error: no questionnaire ariat-3000 found in %s, %s\n", a, b);
	expect_find("unknown id", dirs, "ariat-3000",
		    1, NULL, want);
	/* The file asked for is broken: its own problems are what help. */
	snprintf(want, sizeof(want),
		 "%s/broken.yaml:10:33: error: unknown type \"nosuch\" (one "
		 "of text, line, yesno, choice, multi, date, email, country) [item "
		 "a]\n",
		 b);
	expect_find("broken match", dirs, "ariat-2000", 5, NULL, want);
	/* Hidden files and other extensions are not looked at. */
	snprintf(want, sizeof(want),
		 "error: no questionnaire ariat-2000 version 4 found (found "
		 "version 1 in %s/ariat-2000.yaml, version 5 in "
		 "%s/broken.yaml, version 2 in %s/new.yaml)\n",
		 a, b, b);
	expect_find("hidden file", dirs, "ariat-2000", 4, NULL, want);
	/* Version 0: the highest there is; the first folder wins a tie. */
	write_q(a, "x1.yaml", "x", 1, false);
	write_q(a, "x3.yaml", "x", 3, false);
	write_q(b, "x3-again.yaml", "x", 3, false);
	write_q(b, "x2.yaml", "x", 2, false);
	snprintf(p, sizeof(p), "%s/x3.yaml", a);
	expect_find("latest version", dirs, "x", 0, p, "");
	snprintf(want, sizeof(want),
		 "error: no questionnaire y found in %s, %s\n", a, b);
	expect_find("latest of an unknown id", dirs, "y", 0, NULL, want);
	dirs[0] = root;
	snprintf(p, sizeof(p), "%s/nonexistent", root);
	dirs[1] = p;
	dirs[2] = NULL;
	snprintf(want, sizeof(want),
		 "error: no questionnaire ariat-2000 found in %s, %s\n", root,
		 p);
	expect_find("missing folder", dirs, "ariat-2000", 1, NULL, want);

	snprintf(p, sizeof(p), "rm -rf '%s'", root);
	if (system(p) != 0)
		printf("warning: could not remove %s\n", root);
}

int
main(void)
{
	test_caps();
	test_lookups();
	test_find();
	return unit_result();
}
