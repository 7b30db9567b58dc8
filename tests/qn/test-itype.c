/* The item type table: every type is found by its name and reports what
 * it takes; options, values and formatting behave per type. */
#include <stdlib.h>
#include <string.h>

#include "itype.h"
#include "../unit_check.h"

static void
names_and_flags(void)
{
	static const struct {
		const char *name;
		itype_input input;
		bool choices, explain, precision, pattern;
	} want[] = {
		{"text", ITYPE_TEXT, false, false, false, true},
		{"line", ITYPE_LINE, false, false, false, true},
		{"yesno", ITYPE_ONE, false, true, false, false},
		{"choice", ITYPE_ONE, true, true, false, false},
		{"multi", ITYPE_MANY, true, true, false, false},
		{"date", ITYPE_LINE, false, false, true, false},
		{"email", ITYPE_LINE, false, false, false, true},
		{"country", ITYPE_ONE, false, false, false, false},
	};
	qn_type t;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const itype *ty = itype_by_name(want[i].name, &t);

		CHECK_MSG(ty != NULL, "%s", want[i].name);
		if (!ty)
			continue;
		CHECK(itype_get(t) == ty);
		CHECK(strcmp(qn_type_name(t), want[i].name) == 0);
		CHECK_MSG(ty->input == want[i].input &&
				  ty->choices == want[i].choices &&
				  ty->explain == want[i].explain &&
				  ty->precision == want[i].precision &&
				  ty->pattern == want[i].pattern,
			  "%s", want[i].name);
		/* Option types have all of the option functions. */
		CHECK((ty->input == ITYPE_ONE || ty->input == ITYPE_MANY) ==
		      (ty->n_options && ty->option_id && ty->option_label));
		CHECK(strstr(itype_names(), want[i].name) != NULL);
	}
	CHECK(itype_by_name("country-code", &t) == NULL);
	CHECK(itype_by_name("", &t) == NULL);
	CHECK_STR(itype_names(),
		  "text, line, yesno, choice, multi, date, email, country");
}

static void
options_and_values(void)
{
	qn_choice ch[] = {{"a", "A"}, {"b", "B"}};
	qn_item yn = {.type = QN_YESNO};
	qn_item multi = {.type = QN_MULTI, .choices = ch, .n_choices = 2};
	qn_item line = {.type = QN_LINE};
	char *vals[] = {"b"};

	CHECK(itype_option_index(&yn, "yes") == 0);
	CHECK(itype_option_index(&yn, "no") == 1);
	CHECK(itype_option_index(&yn, "maybe") == -1);
	CHECK(itype_option_index(&multi, "b") == 1);
	CHECK(itype_option_index(&multi, NULL) == -1);
	CHECK(itype_option_index(&line, "a") == -1);
	CHECK(itype_is_many(&multi) && !itype_is_many(&yn));
	CHECK(!itype_has_value(&line, &(plan_answer){.value = " \t\n"}));
	CHECK(itype_has_value(&line, &(plan_answer){.value = " x"}));
	CHECK(!itype_has_value(&multi, &(plan_answer){.value = "a"}));
	CHECK(itype_has_value(&multi,
			      &(plan_answer){.values = vals, .n_values = 1}));
	CHECK(itype_blank(NULL) && itype_blank("") && !itype_blank("."));
}

static void
dates(void)
{
	int y, m, d;

	CHECK(itype_date_parse("2000-02-29", 0, &y, &m, &d) && d == 29);
	CHECK(!itype_date_parse("1900-02-29", 0, &y, &m, &d));
	CHECK(!itype_date_parse("2000-02-29", 1, &y, &m, &d));
	CHECK(itype_date_parse("2000-02", 1, &y, &m, &d) && m == 2 && d == 0);
	CHECK(!itype_date_parse("2000-02", 0, &y, &m, &d));
	CHECK(itype_date_parse("2000-02", -1, &y, &m, &d));
	CHECK(!itype_date_parse("0000-01", -1, &y, &m, &d));
	CHECK(!itype_date_parse(NULL, -1, &y, &m, &d));
}

int
main(void)
{
	names_and_flags();
	options_and_values();
	dates();
	return unit_result();
}
