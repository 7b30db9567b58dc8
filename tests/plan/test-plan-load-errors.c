/* Proves that the plan loader refuses every kind of broken plan file and
 * reports each problem, all of them, with line:col and the item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "planio.h"
#include "ptest.h"

#define HDR "format: actionplan-plan/1\n" \
	    "questionnaire:\n" \
	    "  id: plan-test\n" \
	    "  version: 3\n"

typedef struct bad_case {
	const char *yaml;
	const char *want; /* every problem, formatted, one per line */
} bad_case;

static const bad_case bad[] = {
	{HDR "colour: red\n",
	 "t.yaml:5:1: error: unknown key \"colour\"\n"},
	{HDR "answers:\n  prevention.99: \"x\"\n",
	 "t.yaml:6:3: error: unknown item \"prevention.99\"\n"},
	{HDR "answers:\n  country: \"Thailand\"\n",
	 "t.yaml:6:3: error: item \"country\" belongs under details, not "
	 "under answers [item country]\n"},
	{HDR "details:\n  intro: |\n    x\n",
	 "t.yaml:6:3: error: item \"intro\" belongs under answers, not "
	 "under details [item intro]\n"},
	{HDR "answers:\n  intro: [a, b]\n",
	 "t.yaml:6:10: error: expected a text, found a list [item intro]\n"},
	{HDR "answers:\n  note:\n    value: x\n",
	 "t.yaml:7:5: error: expected a text, found a mapping [item note]\n"},
	{HDR "details:\n  date: {y: 2000}\n",
	 "t.yaml:6:9: error: expected a text, found a mapping [item date]\n"},
	{HDR "answers:\n  level: medium\n",
	 "t.yaml:6:10: error: unknown choice \"medium\" (expected one of: "
	 "low, high) [item level]\n"},
	{HDR "answers:\n  level:\n    value: Low\n",
	 "t.yaml:7:12: error: unknown choice \"Low\" (expected one of: "
	 "low, high) [item level]\n"},
	{HDR "answers:\n  law: maybe\n",
	 "t.yaml:6:8: error: expected \"yes\" or \"no\", found \"maybe\" "
	 "[item law]\n"},
	{HDR "answers:\n  law: true\n",
	 "t.yaml:6:8: error: expected \"yes\" or \"no\", found \"true\" "
	 "[item law]\n"},
	{HDR "answers:\n  law:\n    value: \"Yes\"\n",
	 "t.yaml:7:12: error: expected \"yes\" or \"no\", found \"Yes\" "
	 "[item law]\n"},
	{HDR "answers:\n  law: [\"yes\"]\n",
	 "t.yaml:6:8: error: expected a text or a mapping with value and "
	 "explanation, found a list [item law]\n"},
	{HDR "answers:\n  law:\n    value: \"yes\"\n    explanation: [x]\n",
	 "t.yaml:8:18: error: explanation: expected a text, found a list "
	 "[item law]\n"},
	{HDR "answers:\n  law:\n    valeu: \"yes\"\n",
	 "t.yaml:7:5: error: unknown key \"valeu\" (expected value or "
	 "explanation) [item law]\n"},
	{HDR "answers:\n  areas:\n    value: [a]\n    explanation: x\n",
	 "t.yaml:8:5: error: this item takes no explanation [item areas]\n"},
	{HDR "answers:\n  areas: a\n",
	 "t.yaml:6:10: error: expected a list, found a text [item areas]\n"},
	{HDR "answers:\n  areas: {a: true}\n",
	 "t.yaml:6:11: error: unknown key \"a\" (expected value) "
	 "[item areas]\n"},
	{HDR "answers:\n  areas: [a, b, a]\n",
	 "t.yaml:6:17: error: duplicate choice \"a\" [item areas]\n"},
	{HDR "answers:\n  areas: [a, d, \"\"]\n",
	 "t.yaml:6:14: error: unknown choice \"d\" (expected one of: a, b, c) "
	 "[item areas]\n"
	 "t.yaml:6:17: error: unknown choice \"\" (expected one of: a, b, c) "
	 "[item areas]\n"},
	{HDR "answers:\n  areas: [[a], ~]\n",
	 "t.yaml:6:11: error: expected a choice id, found a list "
	 "[item areas]\n"
	 "t.yaml:6:16: error: expected a choice id, found nothing "
	 "[item areas]\n"},
	{HDR "answers:\n  summary:\n    value: x\n",
	 "t.yaml:7:12: error: expected a list, found a text "
	 "[item summary]\n"},
	{HDR "answers: [intro]\n",
	 "t.yaml:5:10: error: answers: expected a mapping of item ids to "
	 "answers, found a list\n"},
	{HDR "details: text\n",
	 "t.yaml:5:10: error: details: expected a mapping of item ids to "
	 "answers, found a text\n"},
	/* The questionnaire must be this one: then nothing else is read. */
	{"format: actionplan-plan/1\nquestionnaire:\n  id: ariat-2000\n"
	 "  version: 2\nanswers:\n  nothing.here: x\n",
	 "t.yaml:3:3: error: this plan is for questionnaire ariat-2000 "
	 "version 2; loaded plan-test version 3\n"},
	{"format: actionplan-plan/1\nquestionnaire: {id: plan-test, "
	 "version: 1}\n",
	 "t.yaml:2:16: error: this plan is for questionnaire plan-test "
	 "version 1; loaded plan-test version 3\n"},
	{"format: actionplan-plan/1\nquestionnaire: {id: \"a b\\n\", "
	 "version: 1}\n",
	 "t.yaml:2:16: error: this plan is for questionnaire \"a b<U+000A>\" "
	 "version 1; loaded plan-test version 3\n"},
	{"format: actionplan-plan/1\nquestionnaire: {id: plan-test}\n",
	 "t.yaml:2:16: error: questionnaire: missing \"version\"\n"},
	{"format: actionplan-plan/1\nquestionnaire: {id: plan-test, "
	 "version: 0, extra: 1}\n",
	 "t.yaml:2:44: error: questionnaire: unknown key \"extra\"\n"
	 "t.yaml:2:41: error: questionnaire: version: expected a whole "
	 "number of 1 or more\n"},
	{"format: actionplan-plan/1\nquestionnaire: {id: [x], version: 3}\n",
	 "t.yaml:2:21: error: questionnaire: id: expected a text\n"},
	{"format: actionplan-plan/1\nquestionnaire: plan-test\n",
	 "t.yaml:2:16: error: questionnaire: expected a mapping with id and "
	 "version, found a text\n"},
	{"format: actionplan-plan/1\n",
	 "t.yaml:1:1: error: missing \"questionnaire\" (its id and "
	 "version)\n"},
	/* Format: newer, foreign, missing. */
	{"format: actionplan-plan/3\nquestionnaire: {id: x, version: 9}\n"
	 "whatever: 1\n",
	 "t.yaml:1:9: error: this plan needs a newer version of actionplan "
	 "(format 3)\n"},
	{"format: actionplan-questionnaire/1\nid: plan-test\n",
	 "t.yaml:1:9: error: not a plan file: format is "
	 "\"actionplan-questionnaire/1\", expected actionplan-plan/2\n"},
	{"format: actionplan-plan/01x\n",
	 "t.yaml:1:9: error: not a plan file: format is "
	 "\"actionplan-plan/01x\", expected actionplan-plan/2\n"},
	{"questionnaire: {id: plan-test, version: 3}\n",
	 "t.yaml:1:1: error: missing \"format\" (expected "
	 "actionplan-plan/2)\n"},
	{"- format\n",
	 "t.yaml:1:1: error: not a plan file: expected a mapping, found a "
	 "list\n"},
	{"just text\n",
	 "t.yaml:1:1: error: not a plan file: expected a mapping, found a "
	 "text\n"},
	/* Status, revision, timestamps. */
	{HDR "status: done\n",
	 "t.yaml:5:9: error: status: expected \"draft\" or \"final\", found "
	 "\"done\"\n"},
	{HDR "status: ~\n",
	 "t.yaml:5:9: error: status: expected \"draft\" or \"final\", found "
	 "\"~\"\n"},
	{HDR "revision: -1\n",
	 "t.yaml:5:11: error: revision: expected a whole number of 0 or "
	 "more, found \"-1\"\n"},
	{HDR "revision: 1.5\n",
	 "t.yaml:5:11: error: revision: expected a whole number of 0 or "
	 "more, found \"1.5\"\n"},
	{HDR "revision: 99999999999999999999999\n",
	 "t.yaml:5:11: error: revision: expected a whole number of 0 or "
	 "more, found \"99999999999999999999999\"\n"},
	{HDR "revision: [1]\n",
	 "t.yaml:5:11: error: revision: expected a whole number of 0 or "
	 "more, found a list\n"},
	{HDR "created: yesterday\nmodified: 2000-01-01T00:00:00+01:00\n",
	 "t.yaml:5:10: error: created: expected a time like "
	 "2000-01-31T00:00:00Z, found another text\n"
	 "t.yaml:6:11: error: modified: expected a time like "
	 "2000-01-31T00:00:00Z, found another text\n"},
	/* A long, odd string in a message is cut and escaped, in the one
	 * notation of harmless text. */
	{HDR "answers:\n  law: \"\\tabcdefghijklmnopqrstuvwxyzabcdefghijklmnop"
	 "qrstuvwxyzabcdefghijklmnopqrstuvwxyz\"\n",
	 "t.yaml:6:8: error: expected \"yes\" or \"no\", found \"<U+0009>abcdefghij"
	 "klmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefg\xe2\x80\xa6\" "
	 "[item law]\n"},
	/* Everything wrong at once: all of it is reported. */
	{HDR "status: done\nrevision: x\ncolour: red\ndetails:\n"
	 "  country: [x]\n  intro: y\nanswers:\n  law: maybe\n"
	 "  areas: [a, a]\n  nope: 1\n  level:\n    value: mid\n"
	 "    explanation: {}\n",
	 "t.yaml:5:9: error: status: expected \"draft\" or \"final\", found "
	 "\"done\"\n"
	 "t.yaml:6:11: error: revision: expected a whole number of 0 or "
	 "more, found \"x\"\n"
	 "t.yaml:7:1: error: unknown key \"colour\"\n"
	 "t.yaml:9:12: error: expected a text, found a list [item country]\n"
	 "t.yaml:10:3: error: item \"intro\" belongs under answers, not "
	 "under details [item intro]\n"
	 "t.yaml:12:8: error: expected \"yes\" or \"no\", found \"maybe\" "
	 "[item law]\n"
	 "t.yaml:13:14: error: duplicate choice \"a\" [item areas]\n"
	 "t.yaml:14:3: error: unknown item \"nope\"\n"
	 "t.yaml:16:12: error: unknown choice \"mid\" (expected one of: "
	 "low, high) [item level]\n"
	 "t.yaml:17:18: error: explanation: expected a text, found a mapping "
	 "[item level]\n"},
};

#define N_BAD (sizeof(bad) / sizeof(bad[0]))

/* Files that load, and what they hold. */
static void
good_files(const qn *q)
{
	diag_list d = DIAG_LIST_INIT;
	const char *yaml =
		HDR
		"status: final\n"
		"revision: 7\n"
		"created: \"2001-02-03T04:05:06Z\"\n"
		"modified: 2002-03-04T05:06:07Z\n"
		"details:\n"
		"  country: Thailand\n"
		"  date: 2000-01\n"
		"  language: ~\n"
		"  contact: \"\"\n"
		"answers:\n"
		"  intro: |\n"
		"    First\r\n"
		"\r\n"
		"    Second\n"
		"  law: yes\n"
		"  law.name: \"a\\rb\"\n"
		"  level:\n"
		"    explanation: only this\n"
		"  areas: [c, a]\n"
		"  summary:\n"
		"    value: [z, \"yes\"]\n"
		"    explanation: null\n"
		"  start:\n"
		"  note: null\n";
	plan *p = planio_load_buffer("good.yaml", yaml, strlen(yaml), q, &d);
	char *s = ptest_diags(&d);

	CHECK_MSG(p != NULL && d.n == 0, "good file refused:\n%s", s);
	free(s);
	if (p != NULL) {
		const plan_answer *a = p->answers;

		CHECK_MSG(p->status == PLAN_FINAL && p->revision == 7, "header");
		CHECK_MSG(strcmp(p->created, "2001-02-03T04:05:06Z") == 0 &&
		      strcmp(p->modified, "2002-03-04T05:06:07Z") == 0,
		      "times %s %s", p->created, p->modified);
		CHECK_MSG(strcmp(plan_country(p), "Thailand") == 0, "country");
		CHECK_MSG(strcmp(a[ptest_item(q, "date")].value, "2000-01") == 0,
		      "date");
		CHECK_MSG(!plan_answered(p, (size_t)ptest_item(q, "language")),
		      "null is unanswered");
		CHECK_MSG(!plan_answered(p, (size_t)ptest_item(q, "contact")),
		      "\"\" is unanswered");
		CHECK_MSG(strcmp(a[ptest_item(q, "intro")].value,
			     "First\n\nSecond\n") == 0,
		      "CRLF in a block: %s", a[ptest_item(q, "intro")].value);
		CHECK_MSG(strcmp(a[ptest_item(q, "law")].value, "yes") == 0 &&
		      a[ptest_item(q, "law")].explanation == NULL,
		      "plain yes for an explain item");
		CHECK_MSG(strcmp(a[ptest_item(q, "law.name")].value, "a\nb") == 0,
		      "escaped CR becomes LF");
		CHECK_MSG(a[ptest_item(q, "level")].value == NULL &&
		      strcmp(a[ptest_item(q, "level")].explanation,
			     "only this") == 0,
		      "explanation without value");
		CHECK_MSG(a[ptest_item(q, "areas")].n_values == 2 &&
		      strcmp(a[ptest_item(q, "areas")].values[0], "a") == 0 &&
		      strcmp(a[ptest_item(q, "areas")].values[1], "c") == 0,
		      "multi in questionnaire order");
		CHECK_MSG(a[ptest_item(q, "summary")].n_values == 2 &&
		      strcmp(a[ptest_item(q, "summary")].values[0], "yes") ==
			      0 &&
		      a[ptest_item(q, "summary")].explanation == NULL,
		      "multi under value");
		CHECK_MSG(!plan_answered(p, (size_t)ptest_item(q, "start")),
		      "empty value is unanswered");
	}
	plan_destroy(p);
	diag_list_free(&d);
}

static void
header_only(void)
{
	diag_list d = DIAG_LIST_INIT;
	const char *yaml = "format: actionplan-plan/1\n"
			   "questionnaire: {id: other-qn, version: 12}\n"
			   "status: final\nrevision: 2\n"
			   "modified: \"2002-03-04T05:06:07Z\"\n"
			   "details: {country: Viet Nam, x: 1}\n"
			   "answers: {anything: [1]}\n";
	yd_node *root = yd_parse_buffer("h.yaml", yaml, strlen(yaml), NULL,
					&d);
	planio_header h;

	CHECK_MSG(root != NULL, "parse");
	CHECK_MSG(planio_read_header("h.yaml", root, &h, &d), "header");
	CHECK_MSG(h.format == 1 && strcmp(h.qn_id, "other-qn") == 0 &&
	      h.qn_version == 12 && h.status == PLAN_FINAL &&
	      h.revision == 2 && strcmp(h.country, "Viet Nam") == 0 &&
	      strcmp(h.modified, "2002-03-04T05:06:07Z") == 0,
	      "header fields");
	planio_header_free(&h);
	planio_header_free(&h);
	yd_free(root);

	yaml = "format: actionplan-plan/3\n";
	root = yd_parse_buffer("h.yaml", yaml, strlen(yaml), NULL, &d);
	CHECK_MSG(!planio_read_header("h.yaml", root, &h, &d), "newer header");
	CHECK_MSG(d.n == 1 && strstr(d.v[0].message, "(format 3)") != NULL,
	      "newer format named");
	CHECK_MSG(h.qn_id == NULL, "header left empty");
	yd_free(root);
	diag_list_free(&d);
}

/* A file with very many wrong answers: the list is cut, not endless. */
static void
too_many(const qn *q)
{
	diag_list d = DIAG_LIST_INIT;
	size_t cap = 64 + 300 * 32, len;
	char *yaml = malloc(cap);
	plan *p;

	len = (size_t)snprintf(yaml, cap, "%s", HDR "answers:\n");
	for (int i = 0; i < 300; i++)
		len += (size_t)snprintf(yaml + len, cap - len,
					"  nope.%d: x\n", i);
	p = planio_load_buffer("t.yaml", yaml, len, q, &d);
	CHECK_MSG(p == NULL && d.n == 201 && d.n_errors == 201, "%zu problems",
	      d.n);
	CHECK_MSG(d.n == 201 && strcmp(d.v[199].message,
				   "unknown item \"nope.199\"") == 0 &&
	      strcmp(d.v[200].message,
		     "too many problems; the rest are not listed") == 0 &&
	      d.v[200].line == 206, "the cut is said");
	free(yaml);
	diag_list_free(&d);
}

int
main(void)
{
	qn *q = ptest_load_qn();

	for (size_t i = 0; i < N_BAD; i++) {
		diag_list d = DIAG_LIST_INIT;
		plan *p = planio_load_buffer("t.yaml", bad[i].yaml,
					     strlen(bad[i].yaml), q, &d);
		char *got = ptest_diags(&d);

		CHECK_MSG(p == NULL, "case %zu loaded", i);
		CHECK_MSG(strcmp(got, bad[i].want) == 0,
		      "case %zu:\n--- input\n%s--- want\n%s--- got\n%s", i,
		      bad[i].yaml, bad[i].want, got);
		CHECK_MSG(d.n_errors == d.n, "case %zu: all are errors", i);
		free(got);
		plan_destroy(p);
		diag_list_free(&d);
	}
	good_files(q);
	header_only();
	too_many(q);
	qn_destroy(q);
	return unit_result();
}
