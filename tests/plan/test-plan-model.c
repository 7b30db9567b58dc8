/* Proves the plan model's rules: setters normalise line ends and refuse
 * bad UTF-8, multi answers keep questionnaire order, conditions (also
 * chained) decide what is shown, SOURCE_DATE_EPOCH fixes the clock, and
 * clone/equal compare answers, status and revision only; a plan's text
 * may live in an arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan.h"
#include "ptest.h"

static const qn *q;

static size_t
item(const char *id)
{
	return (size_t)ptest_item(q, id);
}

static void
clock_rules(void)
{
	char out[32], want[32];
	static const char *const invalid[] = {
		"", "abc", "-5", "12x", " 12", "99999999999999999999999",
		"1e9", "+5",
	};
	plan *p;

	/* The test environment sets 946684800. */
	plan_now(out);
	CHECK_MSG(strcmp(out, "2000-01-01T00:00:00Z") == 0, "now %s", out);
	p = plan_create(q);
	CHECK_MSG(strcmp(p->created, "2000-01-01T00:00:00Z") == 0 &&
	      strcmp(p->modified, p->created) == 0, "create times");
	CHECK_MSG(p->status == PLAN_DRAFT && p->revision == 0, "new draft");

	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	plan_touch(p, -1);
	CHECK_MSG(strcmp(p->modified, "1970-01-02T00:00:00Z") == 0 &&
	      strcmp(p->created, "2000-01-01T00:00:00Z") == 0,
	      "touch keeps created: %s %s", p->created, p->modified);
	plan_touch(p, 1234567890);
	CHECK_MSG(strcmp(p->modified, "2009-02-13T23:31:30Z") == 0, "touch t %s",
	      p->modified);
	p->created[0] = '\0';
	plan_touch(p, 0);
	CHECK_MSG(strcmp(p->created, "1970-01-01T00:00:00Z") == 0 &&
	      strcmp(p->modified, p->created) == 0, "touch fills created");

	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		time_t before, after;
		struct tm tm;
		char lo[32], hi[32];

		setenv("SOURCE_DATE_EPOCH", invalid[i], 1);
		before = time(NULL);
		plan_now(out);
		after = time(NULL);
		gmtime_r(&before, &tm);
		strftime(lo, sizeof(lo), "%Y-%m-%dT%H:%M:%SZ", &tm);
		gmtime_r(&after, &tm);
		strftime(hi, sizeof(hi), "%Y-%m-%dT%H:%M:%SZ", &tm);
		CHECK_MSG(strcmp(out, lo) >= 0 && strcmp(out, hi) <= 0,
		      "SOURCE_DATE_EPOCH=\"%s\" is ignored: %s", invalid[i],
		      out);
	}
	unsetenv("SOURCE_DATE_EPOCH");
	plan_now(out);
	CHECK_MSG(strlen(out) == 20 && out[19] == 'Z', "real now %s", out);
	setenv("SOURCE_DATE_EPOCH", "946684800", 1);
	snprintf(want, sizeof(want), "%s", "2000-01-01T00:00:00Z");
	plan_now(out);
	CHECK_MSG(strcmp(out, want) == 0, "restored");
	plan_destroy(p);
}

static void
setter_rules(void)
{
	static const char *const bad_utf8[] = {
		"\xc0\xaf",         /* overlong '/' */
		"\xe0\x80\xaf",     /* overlong */
		"\xed\xa0\x80",     /* surrogate */
		"\xf4\x90\x80\x80", /* past U+10FFFF */
		"\xe4\xb8",         /* truncated */
		"ok\xff",
		"\x80",
	};
	plan *p = plan_create(q);
	size_t intro = item("intro"), law = item("law"), areas = item("areas");
	const char *three[] = {"c", "zz", "a", "c", NULL, "", "b", "zy"};

	CHECK_MSG(plan_set_value(p, intro, "a\r\nb\rc\n\r\n"), "crlf");
	CHECK_MSG(strcmp(p->answers[intro].value, "a\nb\nc\n\n") == 0,
	      "normalised: %s", p->answers[intro].value);
	for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		CHECK_MSG(!plan_set_value(p, intro, bad_utf8[i]), "bad %zu", i);
		CHECK_MSG(strcmp(p->answers[intro].value, "a\nb\nc\n\n") == 0,
		      "unchanged after bad %zu", i);
		CHECK_MSG(!plan_set_explanation(p, law, bad_utf8[i]), "bad e %zu",
		      i);
	}
	CHECK_MSG(plan_answered(p, intro), "answered");
	CHECK_MSG(plan_set_value(p, intro, ""), "empty clears");
	CHECK_MSG(p->answers[intro].value == NULL && !plan_answered(p, intro),
	      "cleared");
	CHECK_MSG(plan_set_value(p, intro, "x") && plan_set_value(p, intro, NULL) &&
	      p->answers[intro].value == NULL, "NULL clears");

	CHECK_MSG(!plan_set_value(p, areas, "a"), "value on multi");
	CHECK_MSG(!plan_set_explanation(p, intro, "x"), "explanation, no explain");
	CHECK_MSG(!plan_set_values(p, intro, three, 1), "values on text");
	CHECK_MSG(!plan_set_value(p, q->n_items, "x"), "out of range");
	CHECK_MSG(!plan_set_explanation(p, q->n_items, "x"), "out of range e");
	CHECK_MSG(!plan_set_values(p, q->n_items, three, 1), "out of range v");
	CHECK_MSG(!plan_answered(p, q->n_items), "out of range answered");

	CHECK_MSG(plan_set_values(p, areas, three, 8), "values");
	CHECK_MSG(p->answers[areas].n_values == 5 &&
	      strcmp(p->answers[areas].values[0], "a") == 0 &&
	      strcmp(p->answers[areas].values[1], "b") == 0 &&
	      strcmp(p->answers[areas].values[2], "c") == 0 &&
	      strcmp(p->answers[areas].values[3], "zz") == 0 &&
	      strcmp(p->answers[areas].values[4], "zy") == 0,
	      "questionnaire order, unknown last, no duplicates");
	three[0] = "\xc0\xaf";
	CHECK_MSG(!plan_set_values(p, areas, three, 1), "bad UTF-8 in values");
	CHECK_MSG(p->answers[areas].n_values == 5, "values unchanged");
	CHECK_MSG(plan_set_values(p, areas, NULL, 0) &&
	      p->answers[areas].n_values == 0 &&
	      p->answers[areas].values == NULL && !plan_answered(p, areas),
	      "no values clears");

	CHECK_MSG(plan_set_explanation(p, law, "why") && plan_answered(p, law),
	      "explanation alone answers");
	plan_clear_answer(p, law);
	CHECK_MSG(!plan_answered(p, law) && p->answers[law].explanation == NULL,
	      "clear");
	plan_clear_answer(p, q->n_items);
	plan_destroy(p);
	plan_destroy(NULL);
}

static void
condition_rules(void)
{
	plan *p = plan_create(q);
	size_t law = item("law"), name = item("law.name"),
	       kind = item("law.kind"), year = item("law.year"), level = item("level"),
	       high = item("level.high"), areas = item("areas"),
	       b = item("areas.b");
	const char *ab[] = {"a", "b"}, *ac[] = {"a", "c"};

	CHECK_MSG(plan_item_shown(p, law), "no condition");
	CHECK_MSG(!plan_item_shown(p, name), "unanswered hides");
	CHECK_MSG(!plan_item_shown(p, q->n_items), "out of range");
	plan_set_value(p, law, "no");
	CHECK_MSG(!plan_item_shown(p, name), "no hides");
	plan_set_value(p, law, "yes");
	CHECK_MSG(plan_item_shown(p, name), "yes shows");
	plan_set_value(p, kind, "act");
	CHECK_MSG(plan_item_shown(p, year), "in: act");
	plan_set_value(p, kind, "code");
	CHECK_MSG(plan_item_shown(p, year), "in: code");
	plan_set_value(p, kind, "other");
	CHECK_MSG(!plan_item_shown(p, year), "in: no match");
	plan_set_value(p, kind, "act");
	plan_set_value(p, law, "no");
	CHECK_MSG(!plan_item_shown(p, year), "hidden when its condition's item is");
	plan_set_explanation(p, law, "yes");
	CHECK_MSG(!plan_item_shown(p, name), "explanation does not count");

	plan_set_value(p, level, "high");
	CHECK_MSG(plan_item_shown(p, high), "explain choice value");
	plan_set_value(p, level, "low");
	plan_set_explanation(p, level, "high");
	CHECK_MSG(!plan_item_shown(p, high), "explain choice explanation ignored");

	plan_set_values(p, areas, ab, 2);
	CHECK_MSG(plan_item_shown(p, b), "multi: any selected");
	plan_set_values(p, areas, ac, 2);
	CHECK_MSG(!plan_item_shown(p, b), "multi: none selected");
	plan_destroy(p);
}

static void
clone_rules(void)
{
	plan *p = plan_create(q), *c;
	const char *xs[] = {"x", "z"};

	plan_set_value(p, item("country"), "Lao PDR");
	plan_set_value(p, item("law"), "yes");
	plan_set_explanation(p, item("law"), "because");
	plan_set_values(p, item("summary"), xs, 2);
	CHECK_MSG(strcmp(plan_country(p), "Lao PDR") == 0, "country");
	c = plan_clone(p);
	CHECK_MSG(c != NULL && c->qn == p->qn, "clone");
	CHECK_MSG(plan_equal_answers(p, c), "clone equal");
	CHECK_MSG(c->answers[item("law")].explanation !=
	      p->answers[item("law")].explanation, "deep copy");
	plan_touch(c, 5);
	CHECK_MSG(plan_equal_answers(p, c), "timestamps ignored");
	c->revision = 1;
	CHECK_MSG(!plan_equal_answers(p, c), "revision counts");
	c->revision = 0;
	c->status = PLAN_FINAL;
	CHECK_MSG(!plan_equal_answers(p, c), "status counts");
	c->status = PLAN_DRAFT;
	plan_set_explanation(c, item("law"), "because!");
	CHECK_MSG(!plan_equal_answers(p, c), "explanation counts");
	plan_set_explanation(c, item("law"), "because");
	plan_set_values(c, item("summary"), xs, 1);
	CHECK_MSG(!plan_equal_answers(p, c), "values count");
	plan_set_values(c, item("summary"), xs, 2);
	CHECK_MSG(plan_equal_answers(p, c), "equal again");
	plan_set_value(c, item("country"), NULL);
	CHECK_MSG(!plan_equal_answers(p, c) && plan_country(c) == NULL,
	      "value counts");
	plan_destroy(c);
	plan_destroy(p);
}

/* A plan whose text is in an arena behaves as one whose text is not; its
 * clone owns its own text and outlives the arena. */
static void
arena_rules(void)
{
	arena *a = arena_create();
	plan *p, *c;
	const char *xs[] = {"x", "z"};

	CHECK_MSG(a != NULL, "arena");
	if (a == NULL)
		return;
	p = plan_create_in(q, a);
	CHECK_MSG(p != NULL && p->text == a, "plan in arena");
	if (p == NULL) {
		arena_destroy(a);
		return;
	}
	CHECK_MSG(plan_set_value(p, item("country"), "Lao\r\nPDR\r"),
		  "set");
	CHECK_MSG(strcmp(plan_country(p), "Lao\nPDR\n") == 0, "normalised");
	CHECK_MSG(!plan_set_value(p, item("country"), "bad \xff"),
		  "bad UTF-8 refused");
	CHECK_MSG(strcmp(plan_country(p), "Lao\nPDR\n") == 0, "unchanged");
	CHECK_MSG(plan_set_value(p, item("country"), "Viet Nam"), "replace");
	CHECK_MSG(strcmp(plan_country(p), "Viet Nam") == 0, "replaced");
	plan_set_value(p, item("law"), "yes");
	plan_set_explanation(p, item("law"), "because");
	CHECK_MSG(plan_set_values(p, item("summary"), xs, 2), "values");
	plan_set_values(p, item("summary"), xs, 1);
	CHECK_MSG(p->answers[item("summary")].n_values == 1, "values replaced");
	plan_set_explanation(p, item("law"), NULL);
	CHECK_MSG(p->answers[item("law")].explanation == NULL, "cleared");
	plan_set_explanation(p, item("law"), "because");
	c = plan_clone(p);
	CHECK_MSG(c != NULL && c->text == NULL, "clone outside the arena");
	plan_destroy(p);
	arena_destroy(a);
	/* The clone's strings are its own: reading them after the arena is
	 * gone would fault (or be reported by ASan). */
	if (c != NULL) {
		CHECK_MSG(strcmp(plan_country(c), "Viet Nam") == 0 &&
			  strcmp(c->answers[item("law")].explanation,
				 "because") == 0 &&
			  strcmp(c->answers[item("summary")].values[0], "x") ==
				  0,
			  "clone kept its text");
		plan_set_value(c, item("country"), "Thailand");
		CHECK_MSG(strcmp(plan_country(c), "Thailand") == 0,
			  "clone editable");
	}
	plan_destroy(c);
}

int
main(void)
{
	qn *qq = ptest_load_qn();

	q = qq;
	clock_rules();
	setter_rules();
	condition_rules();
	clone_rules();
	arena_rules();
	qn_destroy(qq);
	return unit_result();
}
