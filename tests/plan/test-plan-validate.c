/* Proves each validation rule: types, dates, e-mail addresses, lengths in
 * code points with the questionnaire's message (never used as a format),
 * patterns on the whole value, required only for complete plans, hidden
 * items never checked, and the progress count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "ptest.h"
#include "validate.h"

static const qn *q;

static size_t
item(const char *id)
{
	return (size_t)ptest_item(q, id);
}

/* The problems of one item, joined with " | ". */
static char *
problems(const plan *p, const char *id, bool complete)
{
	val_list out = VAL_LIST_INIT;
	size_t n = validate_item(p, item(id), complete, &out);
	size_t len = 0;
	char *s = calloc(1, 1);

	CHECK_MSG(n == out.n, "%s: count %zu, listed %zu", id, n, out.n);
	for (size_t i = 0; i < out.n; i++) {
		size_t m = strlen(out.v[i].message);

		CHECK_MSG(out.v[i].item == item(id), "item index");
		s = realloc(s, len + m + 4);
		if (i > 0) {
			memcpy(s + len, " | ", 3);
			len += 3;
		}
		memcpy(s + len, out.v[i].message, m + 1);
		len += m;
	}
	val_list_free(&out);
	return s;
}

#define EXPECT(p, id, complete, want)                                         \
	do {                                                                  \
		char *got_ = problems(p, id, complete);                       \
		CHECK_MSG(strcmp(got_, want) == 0, "%s: want \"%s\", got \"%s\"", \
		      id, want, got_);                                        \
		free(got_);                                                   \
	} while (0)

typedef struct value_case {
	const char *id;
	const char *value;
	const char *want; /* "" when fine */
} value_case;

/* "ệ" decomposed (e, dot below, circumflex), twenty times. */
#define NFD_E "e\xcc\xa3\xcc\x82" ""
#define NFD_E5 NFD_E NFD_E NFD_E NFD_E NFD_E
#define NFD_E20 NFD_E5 NFD_E5 NFD_E5 NFD_E5

static const value_case values[] = {
	/* Month precision. */
	{"date", "2000-01", ""},
	{"date", "1999-12", ""},
	{"date", "2000-13", "expected a month like 2000-01"},
	{"date", "2000-00", "expected a month like 2000-01"},
	{"date", "0000-01", "expected a month like 2000-01"},
	{"date", "2000-01-31", "expected a month like 2000-01"},
	{"date", "2000-1", "expected a month like 2000-01"},
	{"date", "January 2000", "expected a month like 2000-01"},
	{"date", "２０００-01", "expected a month like 2000-01"},
	/* Day precision: real calendar days. */
	{"start", "2000-01-31", ""},
	{"start", "2000-02-29", ""},
	{"start", "2004-02-29", ""},
	{"start", "1900-02-29", "expected a date like 2000-01-31"},
	{"start", "2001-02-29", "expected a date like 2000-01-31"},
	{"start", "2000-04-31", "expected a date like 2000-01-31"},
	{"start", "2000-01-00", "expected a date like 2000-01-31"},
	{"start", "2000-01-32", "expected a date like 2000-01-31"},
	{"start", "2000-01", "expected a date like 2000-01-31"},
	{"start", "2000-01-31 ", "expected a date like 2000-01-31"},
	{"start", "2000/01/31", "expected a date like 2000-01-31"},
	/* E-mail. */
	{"contact", "ana@example.org", ""},
	{"contact", "a.b+c-d_e@sub.example.co.th", ""},
	{"contact", "ana@xn--80ak6aa92e.com", ""},
	{"contact", "ana", "expected an e-mail address like name@example.org"},
	{"contact", "ana@", "expected an e-mail address like name@example.org"},
	{"contact", "@x.org", "expected an e-mail address like name@example.org"},
	{"contact", "a b@x.org",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@x.org ",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@x", "expected an e-mail address like name@example.org"},
	{"contact", "ana@x.1", "expected an e-mail address like name@example.org"},
	{"contact", "ana@x.o", "expected an e-mail address like name@example.org"},
	{"contact", "a..b@x.org",
	 "expected an e-mail address like name@example.org"},
	{"contact", ".a@x.org", "expected an e-mail address like name@example.org"},
	{"contact", "a.@x.org", "expected an e-mail address like name@example.org"},
	{"contact", "ana@-x.org",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@x-.org",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@x..org",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@@x.org",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@x_y.org",
	 "expected an e-mail address like name@example.org"},
	{"contact", "<ana@x.org>",
	 "expected an e-mail address like name@example.org"},
	{"contact", "ana@x.org\nbob@y.org",
	 "expected an e-mail address like name@example.org"},
	/* Pattern, anchored on the whole value. */
	{"language", "en", ""},
	{"language", "zh-CN", ""},
	{"language", "english", "use a language code such as en or zh-CN"},
	{"language", "xen", "use a language code such as en or zh-CN"},
	{"language", "en ", "use a language code such as en or zh-CN"},
	{"language", "en\nth", "use a language code such as en or zh-CN"},
	{"language", "zh-CNx", "use a language code such as en or zh-CN"},
	/* Length in characters as people count them (grapheme clusters):
	 * 20 allowed. A Thai consonant with its marks counts one ("ผู้ใหญ่"
	 * is four), decomposed Vietnamese counts as composed, a 4-byte emoji
	 * with its skin tone one. */
	{"country", "12345678901234567890", ""},
	{"country", "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", ""},
	{"country", "👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽", ""},
	{"country", "123456789012345678901",
	 "at most 20 characters, 100% sure"},
	{"country", "ผู้ใหญ่ผู้ใหญ่ผู้ใหญ่ผู้ใหญ่ผู้ใหญ่", ""},
	{"country", "ผู้ใหญ่ผู้ใหญ่ผู้ใหญ่ผู้ใหญ่ผู้ใหญ่ก",
	 "at most 20 characters, 100% sure"},
	{"country", NFD_E20, ""},
	{"country", "ệệệệệệệệệệệệệệệệệệệệệ",
	 "at most 20 characters, 100% sure"},
	/* yes/no and choices set past the loader's checks. */
	{"law", "yes", ""},
	{"law", "no", ""},
	{"law", "maybe", "expected yes or no"},
	{"level", "low", ""},
	{"level", "medium", "pick low or high"},
	/* Free text has no shape. */
	{"note", "anything\n\tat all", ""},
};

static void
value_rules(void)
{
	plan *p = plan_create(q);

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		plan *c = plan_clone(p);

		CHECK_MSG(plan_set_value(c, item(values[i].id), values[i].value),
		      "set %zu", i);
		EXPECT(c, values[i].id, false, values[i].want);
		plan_destroy(c);
	}
	plan_destroy(p);
}

static void
other_rules(void)
{
	plan *p = plan_create(q);
	const qn_item *law = &q->items[item("law")];
	const char *bad_multi[] = {"a", "q"}, *ok_multi[] = {"b"},
		   *sum[] = {"x"};
	const char *msg;
	size_t answered, required;

	/* Required only when complete, with the item's message. */
	EXPECT(p, "country", false, "");
	EXPECT(p, "country", true, q->items[item("country")].msg_required);
	plan_set_value(p, item("intro"), " \n\t\n");
	EXPECT(p, "intro", true, q->items[item("intro")].msg_required);
	EXPECT(p, "intro", false, "");
	EXPECT(p, "note", true, "");

	/* Explanation without a value. */
	plan_set_explanation(p, item("law"), "because");
	EXPECT(p, "law", false, "");
	EXPECT(p, "law", true, "choose yes or no");
	plan_set_explanation(p, item("level"), "because");
	EXPECT(p, "level", true, "choose one of the choices");
	plan_set_explanation(p, item("summary"), "because");
	EXPECT(p, "summary", true, "choose one or more of the choices");
	plan_set_values(p, item("summary"), sum, 1);
	EXPECT(p, "summary", true, "");

	/* Explanation length, with the default message and its %zu. */
	plan_set_value(p, item("law"), "no");
	plan_set_explanation(p, item("law"),
			     "1234567890123456789012345678901");
	msg = strstr(law->msg_max_length, "%zu") != NULL ? "30" : NULL;
	{
		char *got = problems(p, "law", true);

		CHECK_MSG(strlen(got) > 0 && (msg == NULL || strstr(got, "30")),
		      "default max_length message formatted: %s", got);
		CHECK_MSG(strstr(got, "%zu") == NULL, "no %%zu left: %s", got);
		free(got);
	}
	plan_set_explanation(p, item("law"), "123456789012345678901234567890");
	EXPECT(p, "law", true, "");

	/* Hidden items: no problems at all, not even required. */
	EXPECT(p, "law.name", true, "");
	plan_set_value(p, item("law"), "yes");
	EXPECT(p, "law.name", true, q->items[item("law.name")].msg_required);
	plan_set_value(p, item("law.name"), "The Act");
	plan_set_value(p, item("law.kind"), "act");
	EXPECT(p, "law.year", true, "say the year");
	plan_set_value(p, item("law.year"), "19999");
	EXPECT(p, "law.year", false, "four digits please");
	plan_set_value(p, item("law.kind"), "other");
	EXPECT(p, "law.year", true, "");
	plan_set_value(p, item("areas.b"), "");
	plan_set_values(p, item("areas"), ok_multi, 1);
	EXPECT(p, "areas.b", true, q->items[item("areas.b")].msg_required);
	plan_set_values(p, item("areas"), bad_multi, 2);
	EXPECT(p, "areas", false, q->items[item("areas")].msg_choice);
	EXPECT(p, "areas.b", true, "");

	/* Progress: required, shown items. Shown required now: country,
	 * date, intro, law, law.name (law is yes); law.year hidden (name is
	 * other); areas.b hidden (no b). */
	validate_progress(p, &answered, &required);
	CHECK_MSG(required == 5 && answered == 2,
	      "progress %zu/%zu", answered, required);
	plan_set_value(p, item("country"), "Nepal");
	plan_set_value(p, item("date"), "2000-01");
	plan_set_value(p, item("intro"), "Text.");
	plan_set_values(p, item("areas"), ok_multi, 1);
	validate_progress(p, &answered, &required);
	CHECK_MSG(required == 6 && answered == 5, "progress %zu/%zu", answered,
	      required);
	plan_set_value(p, item("areas.b"), "About B.");
	validate_progress(p, &answered, &required);
	CHECK_MSG(required == 6 && answered == 6, "progress %zu/%zu", answered,
	      required);
	validate_progress(p, NULL, NULL);
	plan_clear_answer(p, item("level"));
	{
		val_list out = VAL_LIST_INIT;

		CHECK_MSG(validate_plan(p, true, &out) == 0 && out.n == 0,
		      "complete plan: %s", out.n ? out.v[0].message : "");
		plan_set_value(p, item("start"), "2000-02-30");
		plan_set_value(p, item("country"), NULL);
		CHECK_MSG(validate_plan(p, true, &out) == 2 && out.n == 2 &&
		      out.v[0].item == item("country") &&
		      out.v[1].item == item("start"),
		      "two problems in questionnaire order");
		val_list_free(&out);
		val_list_free(&out);
		val_list_free(NULL);
	}
	CHECK_MSG(validate_item(p, q->n_items, true, NULL) == 0, "out of range");
	plan_destroy(p);
}

/* A message that slipped past the loader with other conversions is still
 * only text: nothing but %zu and %% are touched. */
static void
hostile_message(qn *qq)
{
	qn_item *it = &qq->items[item("country")];
	char *saved = it->msg_max_length;
	plan *p = plan_create(q);

	it->msg_max_length = "%s%n%p %zu%% %zu %5zu %";
	plan_set_value(p, item("country"), "123456789012345678901");
	EXPECT(p, "country", false, "%s%n%p 20% 20 %5zu %");
	it->msg_max_length = saved;
	plan_destroy(p);
}

int
main(void)
{
	qn *qq = ptest_load_qn();

	q = qq;
	value_rules();
	other_rules();
	hostile_message(qq);
	qn_destroy(qq);
	return unit_result();
}
