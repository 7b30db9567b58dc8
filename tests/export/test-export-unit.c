/* Unit tests of the text export on a questionnaire built in memory (no
 * files): the layout, escapes of control characters, tabs, titles, dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static int failures;

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
			failures++;                                       \
		}                                                         \
	} while (0)

static void
check_text(const char *file, int line, const char *got, const char *want)
{
	if (!got || strcmp(got, want) != 0) {
		fprintf(stderr, "%s:%d: output differs\n--- got\n%s--- want\n"
			"%s---\n", file, line, got ? got : "(NULL)\n", want);
		failures++;
	}
}
#define CHECK_TEXT(got, want) check_text(__FILE__, __LINE__, (got), (want))

static qn_choice areas[] = {
	{"prevention", "Prevention"},
	{"protection", "Protection"},
	{"prosecution", "Prosecution"},
};

static char *no_values[] = {"no"};

#define ITEM(id_, num, title_, type_, sec)                                \
	{.id = id_, .number = num, .title = title_, .guidance = "",       \
	 .type = type_, .explain_label = "Explanation", .when_item = -1,  \
	 .section = sec}

static qn_item items[] = {
	ITEM("country", "", "Country", QN_LINE, 0),
	ITEM("date", "", "Month and year of the plan", QN_DATE, 0),
	ITEM("agency", "", "Ministry or agency", QN_LINE, 0),
	ITEM("email", "", "Contact e-mail", QN_EMAIL, 0),
	ITEM("introduction", "", "Introduction", QN_TEXT, 1),
	ITEM("p.1", "1", "National anti-trafficking action plan", QN_TEXT, 2),
	ITEM("p.2", "2", "Compulsory education until the age of 16",
	     QN_YESNO, 2),
	ITEM("p.3", "3", "Which area matters most?", QN_CHOICE, 2),
	ITEM("p.4", "4", "Areas covered", QN_MULTI, 2),
	ITEM("p.5", "5", "Date of the last review", QN_DATE, 2),
	ITEM("p.6", "6", "Is there a law", QN_YESNO, 2),
	ITEM("p.7", "7", "If not, what is planned", QN_TEXT, 2),
	ITEM("s.1", "1", "Anything else", QN_TEXT, 3),
};

#define N_ITEMS (sizeof(items) / sizeof(items[0]))

static qn_section sections[] = {
	{.id = "details", .title = "Plan details", .heading = "",
	 .details = true, .first = 0, .n_items = 4},
	{.id = "introduction", .title = "Introduction",
	 .heading = "INTRODUCTION", .first = 4, .n_items = 1},
	{.id = "prevention", .title = "Prevention", .heading = "PREVENTION",
	 .first = 5, .n_items = 7},
	{.id = "summary", .title = "Summary", .heading = "SUMMARY",
	 .first = 12, .n_items = 1},
};

static qn questionnaire = {
	.path = "memory", .id = "unit", .version = 1, .title = "Unit",
	.language = "en",
	.plan_title = "Country Action Plan of {country} ({date})",
	.country_item = 0, .date_item = 1, .language_item = -1,
	.sections = sections, .n_sections = 4,
	.items = items, .n_items = N_ITEMS,
};

static void
setup(void)
{
	items[1].month_precision = true;
	items[7].choices = areas;
	items[7].n_choices = 3;
	items[7].explain = true;
	items[8].choices = areas;
	items[8].n_choices = 3;
	items[11].when_item = 10;
	items[11].when_values = no_values;
	items[11].n_when_values = 1;
}

static char *
export(const plan *p, bool draft, size_t width)
{
	export_options opt = {.draft = draft, .width = width};
	diag_list diags = DIAG_LIST_INIT;
	size_t len = 0;
	char *s = export_text(p, &opt, &len, &diags);

	CHECK(s != NULL);
	CHECK(!s || strlen(s) == len);
	CHECK(diags.n == 0);
	diag_list_finish(&diags);
	return s;
}

static void
test_layout(void)
{
	plan *p = plan_create(&questionnaire);
	const char *areas_chosen[] = {"prevention", "prosecution"};
	const char *want;
	char *s;

	CHECK(p != NULL);
	if (!p)
		return;
	CHECK(plan_set_value(p, 0, "Thailand"));
	CHECK(plan_set_value(p, 1, "2000-01"));
	CHECK(plan_set_value(p, 2, "Ministry of Social Development"));
	CHECK(plan_set_value(p, 4,
		"\n\nThe first paragraph of the introduction is long enough "
		"to be wrapped at the width.\n\n\n"
		"Second paragraph,\nwith a line break kept.   \n\n"));
	CHECK(plan_set_value(p, 5,
		"Three things:\n"
		"* a bullet long enough to wrap onto a second line, indented\n"
		"- another bullet\n"
		"*not a bullet"));
	CHECK(plan_set_value(p, 6, "yes"));
	CHECK(plan_set_value(p, 7, "protection"));
	CHECK(plan_set_explanation(p, 7, "Because victims come first."));
	CHECK(plan_set_values(p, 8, areas_chosen, 2));
	CHECK(plan_set_value(p, 9, "2000-02-29"));
	CHECK(plan_set_value(p, 10, "yes"));
	/* Hidden (p.6 is "yes"): kept in the plan, left out of the text. */
	CHECK(plan_set_value(p, 11, "Hidden answer"));

	s = export(p, false, 40);
	CHECK_TEXT(s,
		"Country Action Plan of Thailand (January\n"
		"2000)\n"
		"\n"
		"Country: Thailand\n"
		"Month and year of the plan: January 2000\n"
		"Ministry or agency: Ministry of Social\n"
		"Development\n"
		"\n"
		"INTRODUCTION\n"
		"\n"
		"The first paragraph of the introduction\n"
		"is long enough to be wrapped at the\n"
		"width.\n"
		"\n"
		"Second paragraph,\n"
		"with a line break kept.\n"
		"\n"
		"PREVENTION\n"
		"\n"
		"1. National anti-trafficking action\n"
		"plan:\n"
		"\n"
		"Three things:\n"
		"* a bullet long enough to wrap onto a\n"
		"  second line, indented\n"
		"- another bullet\n"
		"*not a bullet\n"
		"\n"
		"2. Compulsory education until the age of\n"
		"16: Yes\n"
		"\n"
		"3. Which area matters most? Protection\n"
		"\n"
		"Because victims come first.\n"
		"\n"
		"4. Areas covered: Prevention,\n"
		"Prosecution\n"
		"\n"
		"5. Date of the last review: 29 February\n"
		"2000\n"
		"\n"
		"6. Is there a law: Yes\n");
	free(s);

	/* Draft: marked, and every shown item appears, answered or not. */
	s = export(p, true, 0);
	want = "DRAFT - not a final plan\n\n"
	       "Country Action Plan of Thailand (January 2000)\n\n";
	CHECK(s && strncmp(s, want, strlen(want)) == 0);
	CHECK(s && strstr(s, "\n\nSUMMARY\n\n1. Anything else:\n\n"
			     "(no answer)\n") != NULL);
	CHECK(s && strstr(s, "Hidden") == NULL);
	CHECK(s && strstr(s, "Contact e-mail") == NULL);
	free(s);

	/* p.6 "no" shows p.7; unanswered in a draft. */
	CHECK(plan_set_value(p, 10, "no"));
	CHECK(plan_set_value(p, 11, NULL));
	CHECK(plan_set_value(p, 6, NULL));
	s = export(p, true, 0);
	CHECK(s && strstr(s, "\n\n2. Compulsory education until the age of "
			     "16: (no answer)\n\n") != NULL);
	CHECK(s && strstr(s, "\n\n7. If not, what is planned:\n\n"
			     "(no answer)\n\nSUMMARY") != NULL);
	free(s);
	s = export(p, false, 0);
	CHECK(s && strstr(s, "no answer") == NULL);
	CHECK(s && strstr(s, "SUMMARY") == NULL);
	CHECK(s && strstr(s, "\n2. ") == NULL);
	free(s);
	plan_destroy(p);
}

static void
test_title(void)
{
	plan *p = plan_create(&questionnaire);
	char *s;

	if (!p)
		abort();
	/* No answers: the placeholders and the empty parentheses go. */
	s = export(p, false, 0);
	CHECK_TEXT(s, "Country Action Plan of\n");
	free(s);
	/* Tab stops count from the start of the printed line. */
	CHECK(plan_set_value(p, 0, "Viet\tNam\nSouth"));
	s = export(p, false, 0);
	CHECK_TEXT(s, "Country Action Plan of Viet Nam South\n\n"
		      "Country: Viet   Nam South\n");
	free(s);
	plan_destroy(p);
}

static void
test_escapes(void)
{
	plan *p = plan_create(&questionnaire);
	char *s;

	if (!p)
		abort();
	CHECK(plan_set_value(p, 0, "X"));
	CHECK(plan_set_value(p, 4, "bell\a esc\x1b[31mred del\x7f c1\xc2\x85"
				   " ls\xe2\x80\xa8 end\n"
				   "\tone\ttwo\n"
				   "ab\tc\n"
				   "cr\rx"));
	s = export(p, false, 0);
	CHECK_TEXT(s, "Country Action Plan of X\n\n"
		      "Country: X\n\n"
		      "INTRODUCTION\n\n"
		      "bell^G esc^[[31mred del^? c1<U+0085> ls<U+2028> end\n"
		      "    one two\n"
		      "ab  c\n"
		      "cr\n"
		      "x\n");
	free(s);
	plan_destroy(p);
}

static void
test_month_year(void)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{"2000-01", "January 2000"},
		{"2000-12", "December 2000"},
		{"1999-06-30", "June 1999"},
		{"2000-02-29", "February 2000"},
		{"1900-02-29", NULL},
		{"2001-04-31", NULL},
		{"2000-13", NULL},
		{"2000-00", NULL},
		{"2000-1", NULL},
		{"20000-01", NULL},
		{"2000/01", NULL},
		{"2000-01-", NULL},
		{"", NULL},
		{"January", NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = export_month_year(cases[i].in);

		if (cases[i].out ? !s || strcmp(s, cases[i].out) != 0 : !!s) {
			fprintf(stderr, "export_month_year(\"%s\") = %s\n",
				cases[i].in, s ? s : "NULL");
			failures++;
		}
		free(s);
	}
	CHECK(export_month_year(NULL) == NULL);
}

int
main(void)
{
	setup();
	test_layout();
	test_title();
	test_escapes();
	test_month_year();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
