/* Proves the marks of plan format 2: "does not apply" with a reason, answers
 * carried over and not reviewed, and a new revision's base. Changing an
 * answer clears its carried-over mark and keeping it as it is does not;
 * an answer replaces "does not apply" and the reverse; a plan with marks
 * is written as format 2 (golden bytes) and reads back the same, one
 * without stays format 1; a format-1 file with marks, and every broken
 * mark, is refused at its line; a new revision is numbered once; and
 * validation reports marks as the issue says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "planio.h"
#include "ptest.h"
#include "validate.h"

static const qn *q;

static size_t
item(const char *id)
{
	return (size_t)ptest_item(q, id);
}

/* A final revision 4 with a few answers, like last year's plan. */
static plan *
last_year(void)
{
	plan *p = plan_create(q);

	CHECK(plan_set_value(p, item("country"), "Thailand"));
	CHECK(plan_set_value(p, item("date"), "1999-03"));
	CHECK(plan_set_value(p, item("language"), "th"));
	CHECK(plan_set_value(p, item("intro"), "Last year's words."));
	CHECK(plan_set_value(p, item("law"), "yes"));
	CHECK(plan_set_explanation(p, item("law"), "The 1997 act."));
	CHECK(plan_set_value(p, item("law.name"), "Act of 1997"));
	p->status = PLAN_FINAL;
	p->revision = 4;
	return p;
}

static void
setters_and_marks(void)
{
	plan *p = last_year();
	size_t intro = item("intro"), law = item("law"), note = item("note");
	const char *v[] = {"a"};

	/* Marks only go on answers. */
	CHECK(!plan_mark_carried(p, note, 4));
	CHECK(plan_mark_carried(p, intro, 4));
	CHECK(plan_mark_carried(p, law, 4));
	CHECK(plan_n_carried(p) == 2);
	/* The same text again is no change: still to review. */
	CHECK(plan_set_value(p, intro, "Last year's words."));
	CHECK(p->answers[intro].carried);
	/* CRLF normalised to the same text is no change either. */
	CHECK(plan_set_explanation(p, law, "The 1997 act."));
	CHECK(p->answers[law].carried);
	CHECK(plan_set_value(p, intro, "This year's words."));
	CHECK(!p->answers[intro].carried);
	CHECK(plan_set_explanation(p, law, "The 1997 act, amended."));
	CHECK(!p->answers[law].carried);
	CHECK(plan_mark_carried(p, law, 4));
	plan_keep(p, law);
	CHECK(!p->answers[law].carried && plan_n_carried(p) == 0);
	CHECK(plan_mark_carried(p, intro, 3) && plan_mark_carried(p, law, 3));
	CHECK(plan_keep_all(p) == 2 && plan_n_carried(p) == 0);

	/* A multi answer: the same ids in another order is no change. */
	CHECK(plan_set_values(p, item("areas"), v, 1));
	CHECK(plan_mark_carried(p, item("areas"), 4));
	CHECK(plan_set_values(p, item("areas"), v, 1));
	CHECK(p->answers[item("areas")].carried);

	/* "Does not apply" replaces the answer, and an answer it. */
	CHECK(!plan_set_not_applicable(p, note, "no"));
	CHECK(plan_mark_carried(p, law, 4));
	CHECK(plan_set_not_applicable(p, law, "No law is planned."));
	CHECK(p->answers[law].value == NULL &&
	      p->answers[law].explanation == NULL && !p->answers[law].carried);
	CHECK(plan_answered(p, law));
	/* An empty value does not take the mark away (a front end commits
	 * an empty field); a value does. */
	CHECK(plan_set_value(p, law, NULL));
	CHECK(p->answers[law].na_reason != NULL);
	CHECK(plan_set_value(p, law, "no"));
	CHECK(p->answers[law].na_reason == NULL);
	CHECK(plan_set_not_applicable(p, law, "None."));
	CHECK(plan_set_not_applicable(p, law, NULL));
	CHECK(!plan_answered(p, law));
	CHECK(plan_set_not_applicable(p, law, "None."));
	plan_clear_answer(p, law);
	CHECK(!plan_answered(p, law));
	CHECK(!plan_set_not_applicable(p, law, "bad \xff utf-8"));
	plan_destroy(p);
}

static const char golden[] =
	"format: \"actionplan-plan/2\"\n"
	"questionnaire:\n"
	"  id: \"plan-test\"\n"
	"  version: 3\n"
	"status: \"draft\"\n"
	"revision: 5\n"
	"based_on:\n"
	"  revision: 4\n"
	"  file: \"/plans/thailand-1999.yaml\"\n"
	"created: \"2000-01-01T00:00:00Z\"\n"
	"modified: \"2000-01-01T00:00:00Z\"\n"
	"details:\n"
	"  country: \"Thailand\"\n"
	"  date: \"2000-01\"\n"
	"  language: \"th\"\n"
	"answers:\n"
	"  intro: |-\n"
	"    Last year's words.\n"
	"  law.name: \"Act of 1997\"\n"
	"not_applicable:\n"
	"  law: \"No law is planned: \\\"none\\\".\"\n"
	"carried_over:\n"
	"  intro: 4\n"
	"  law: 4\n"
	"  law.name: 4\n";

static void
next_revision_and_files(void)
{
	diag_list d = DIAG_LIST_INIT;
	plan *old = last_year(), *p, *back;
	size_t len;
	char *bytes;

	p = plan_next_revision(old, "/plans/thailand-1999.yaml");
	CHECK(p != NULL);
	CHECK(p->status == PLAN_DRAFT && p->revision == 5 && p->has_base &&
	      p->base_revision == 4);
	/* Today (SOURCE_DATE_EPOCH is 2000-01-01), the month precision. */
	CHECK_STR(p->answers[item("date")].value, "2000-01");
	CHECK(!p->answers[item("country")].carried &&
	      !p->answers[item("language")].carried &&
	      !p->answers[item("date")].carried);
	CHECK(p->answers[item("intro")].carried &&
	      p->answers[item("intro")].carried_from == 4);
	CHECK(plan_n_carried(p) == 3);
	/* A "does not apply" carried over keeps its mark too. */
	CHECK(plan_set_not_applicable(p, item("law"),
				      "No law is planned: \"none\"."));
	CHECK(plan_mark_carried(p, item("law"), 4));

	bytes = planio_serialize(p, &len, &d);
	CHECK_STR(bytes, golden);
	back = planio_load_buffer("m.yaml", bytes, len, q, &d);
	CHECK_MSG(back != NULL && plan_equal_answers(p, back),
		  "reads back: %s", d.n ? d.v[0].message : "");
	CHECK_STR(back ? back->base_file : NULL, "/plans/thailand-1999.yaml");
	plan_destroy(back);
	free(bytes);

	/* Made final: the number it has, the base forgotten. */
	plan_keep_all(p);
	CHECK(plan_make_final(p));
	CHECK(p->revision == 5 && !p->has_base && p->base_file == NULL);
	/* Edited again and made final: the next one. */
	p->status = PLAN_DRAFT;
	CHECK(plan_make_final(p) && p->revision == 6);

	/* Without marks the format stays 1, for older readers. */
	CHECK(plan_set_not_applicable(p, item("law"), NULL));
	bytes = planio_serialize(p, &len, &d);
	CHECK(bytes != NULL &&
	      strncmp(bytes, "format: \"actionplan-plan/1\"\n", 28) == 0);
	free(bytes);
	plan_destroy(p);
	plan_destroy(old);
	diag_list_free(&d);
}

#define HDR2 "format: actionplan-plan/2\n" \
	"questionnaire: {id: plan-test, version: 3}\n"
#define HDR1 "format: actionplan-plan/1\n" \
	"questionnaire: {id: plan-test, version: 3}\n"

static const struct {
	const char *in;
	const char *want;
} bad[] = {
	{HDR1 "answers: {intro: x}\ncarried_over: {intro: 1}\n",
	 "t.yaml:4:15: error: carried_over needs format actionplan-plan/2 "
	 "(this file says format 1)\n"},
	{HDR1 "not_applicable: {intro: x}\n",
	 "t.yaml:3:17: error: not_applicable needs format actionplan-plan/2 "
	 "(this file says format 1)\n"},
	{HDR2 "not_applicable: {note: x}\n",
	 "t.yaml:3:18: error: not_applicable: the questionnaire does not "
	 "allow this item to be marked as not applying [item note]\n"},
	{HDR2 "answers: {intro: x}\nnot_applicable: {intro: y}\n",
	 "t.yaml:4:18: error: not_applicable: the item has an answer; it "
	 "cannot also be marked as not applying [item intro]\n"},
	{HDR2 "not_applicable: {intro: ''}\n",
	 "t.yaml:3:25: error: not_applicable: expected the reason why the "
	 "item does not apply [item intro]\n"},
	{HDR2 "not_applicable: {nothing: x}\n",
	 "t.yaml:3:18: error: not_applicable: unknown item \"nothing\"\n"},
	{HDR2 "not_applicable: [intro]\n",
	 "t.yaml:3:17: error: not_applicable: expected a mapping of item ids, "
	 "found a list\n"},
	{HDR2 "carried_over: {intro: 4}\n",
	 "t.yaml:3:16: error: carried_over: the item has no answer [item intro]\n"},
	{HDR2 "answers: {intro: x}\ncarried_over: {intro: four}\n",
	 "t.yaml:4:23: error: carried_over: expected the revision the answer "
	 "was carried over from [item intro]\n"},
	{HDR2 "status: final\nrevision: 5\nbased_on: {revision: 4}\n",
	 "t.yaml:5:11: error: based_on: only a draft is based on an earlier "
	 "revision; a final plan has none\n"},
	{HDR2 "revision: 7\nbased_on: {revision: 4}\n",
	 "t.yaml:4:11: error: based_on: a new revision of revision 4 is "
	 "revision 5, not 7\n"},
	{HDR2 "revision: 5\nbased_on: {revision: 4, by: me}\n",
	 "t.yaml:4:25: error: based_on: unknown key \"by\"\n"},
	{HDR2 "revision: 5\nbased_on: {file: x}\n",
	 "t.yaml:4:11: error: based_on: revision: expected a whole number of "
	 "0 or more\n"},
};

static void
load_errors(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		diag_list d = DIAG_LIST_INIT;
		plan *p = planio_load_buffer("t.yaml", bad[i].in,
					     strlen(bad[i].in), q, &d);
		char *got = ptest_diags(&d);

		CHECK_MSG(p == NULL && strcmp(got, bad[i].want) == 0,
			  "case %zu:\n--- input\n%s--- want\n%s--- got\n%s",
			  i, bad[i].in, bad[i].want, got);
		free(got);
		plan_destroy(p);
		diag_list_free(&d);
	}
}

static void
validation(void)
{
	plan *p = last_year(), *n;
	val_list vl = VAL_LIST_INIT;
	size_t intro = item("intro"), law = item("law");
	char reason[VALIDATE_NA_MAX + 2];

	n = plan_next_revision(p, NULL);
	/* Carried over: a problem of a complete plan, not of a draft. */
	CHECK(validate_item(n, intro, false, &vl) == 0);
	CHECK(validate_item(n, intro, true, &vl) == 1);
	CHECK_STR(vl.n ? vl.v[0].message : NULL,
		  "carried over from revision 4, not reviewed");
	CHECK(vl.n == 1 && vl.v[0].carried);
	val_list_free(&vl);
	CHECK(validate_carried(n, &vl) == 3 && validate_only_carried(&vl));
	val_list_free(&vl);
	/* Hidden items' marks do not count. */
	CHECK(plan_set_value(n, law, "no"));
	CHECK(validate_carried(n, &vl) == 1);
	val_list_free(&vl);
	plan_keep_all(n);
	CHECK(validate_carried(n, &vl) == 0 && !validate_only_carried(&vl));

	/* A required item that does not apply, with a reason: complete. */
	CHECK(plan_set_not_applicable(n, intro, "Nothing to introduce."));
	CHECK(validate_item(n, intro, true, &vl) == 0);
	CHECK(plan_set_not_applicable(n, intro, "Two\nlines."));
	CHECK(validate_item(n, intro, true, &vl) == 1);
	CHECK_STR(vl.n ? vl.v[0].message : NULL,
		  "the reason why the item does not apply must be one line");
	val_list_free(&vl);
	CHECK(plan_set_not_applicable(n, intro, " \t "));
	CHECK(validate_item(n, intro, true, &vl) == 1);
	CHECK_STR(vl.n ? vl.v[0].message : NULL,
		  "say why the item does not apply");
	val_list_free(&vl);
	memset(reason, 'x', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	CHECK(plan_set_not_applicable(n, intro, reason));
	CHECK(validate_item(n, intro, true, &vl) == 1);
	CHECK_STR(vl.n ? vl.v[0].message : NULL,
		  "the reason why the item does not apply may have at most "
		  "500 characters");
	val_list_free(&vl);
	reason[VALIDATE_NA_MAX] = '\0';
	CHECK(plan_set_not_applicable(n, intro, reason));
	CHECK(validate_item(n, intro, true, &vl) == 0);
	{
		size_t done = 0, all = 0, before;

		validate_progress(n, &done, &all);
		before = done;
		plan_set_not_applicable(n, intro, NULL);
		validate_progress(n, &done, &all);
		CHECK(done + 1 == before);
	}
	val_list_free(&vl);
	plan_destroy(n);
	plan_destroy(p);
}

int
main(void)
{
	qn *loaded = ptest_load_qn();

	q = loaded;
	setters_and_marks();
	next_revision_and_files();
	load_errors();
	validation();
	qn_destroy(loaded);
	return unit_result();
}
