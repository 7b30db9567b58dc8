/* Unit tests of the text export on a questionnaire built in memory (no
 * files): the layout, escapes of control characters, tabs, titles, dates. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "itype.h"
#include "../unit_check.h"

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
	diag_list_free(&diags);
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
	CHECK_STR(s,
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
	CHECK_STR(s, "Country Action Plan of\n");
	free(s);
	/* Tab stops count from the start of the printed line. */
	CHECK(plan_set_value(p, 0, "Viet\tNam\nSouth"));
	s = export(p, false, 0);
	CHECK_STR(s, "Country Action Plan of Viet Nam South\n\n"
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
	CHECK_STR(s, "Country Action Plan of X\n\n"
		      "Country: X\n\n"
		      "INTRODUCTION\n\n"
		      "bell<U+0007> esc<U+001B>[31mred del<U+007F> c1<U+0085> "
		      "ls<U+2028> end\n"
		      "    one two\n"
		      "ab  c\n"
		      "cr\n"
		      "x\n");
	free(s);
	plan_destroy(p);
}

/* "January 2000" from "2000-01" or "2000-01-31", as the date type formats
 * it with no catalog (English); NULL when it is not a valid date. */
static char *
month_year(const char *date)
{
	plan_answer a = {.value = (char *)date};
	sbuf b = SBUF_INIT;
	int y, m, d;

	if (!itype_date_parse(date, -1, &y, &m, &d))
		return NULL;
	itype_date.format(&b, NULL, NULL, 0, &a, true);
	return sbuf_take(&b, NULL);
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
		char *s = month_year(cases[i].in);

		CHECK_MSG(cases[i].out ? s && strcmp(s, cases[i].out) == 0 : !s,
			  "month_year(\"%s\") = %s", cases[i].in,
			  s ? s : "NULL");
		free(s);
	}
	CHECK(month_year(NULL) == NULL);
}

/* The pieces export.h shares with the collector, and sbuf under them. */
static char *
sanitized(const char *in, bool one_line)
{
	sbuf b = SBUF_INIT;

	export_sanitize(&b, in, strlen(in), one_line);
	return sbuf_take(&b, NULL);
}

static void
paragraphs(export_layout *l, const char *text)
{
	export_paragraphs(l, text, strlen(text));
}

static void
test_pieces(void)
{
	static const struct {
		const char *in;
		bool one_line;
		const char *out;
	} cases[] = {
		{"a\tb", false, "a   b"},
		/* Tab stops count display columns, escapes included. */
		{"ไทย\tx", false, "ไทย x"},
		{"中\tx", false, "中  x"},
		{"\x1b[1m\tx", false, "<U+001B>[1m x"},
		{"\xc2\x85\tx", false, "<U+0085>    x"},
		{"ab\n\tx", false, "ab\n    x"},
		{"a\nb\tc", true, "a b c"},
		{"bad \xff byte", false, "bad \xef\xbf\xbd byte"},
		{"\xe2\x80\xa8\x7f", false, "<U+2028><U+007F>"},
		/* Bidirectional controls and noncharacters too (issue 14). */
		{"a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xd8\x9c", false,
		 "a<U+202E>b<U+2066>c<U+061C>"},
		{"\xef\xbf\xbe\xf0\x9f\xbf\xbf\xef\xb7\x90", false,
		 "<U+FFFE><U+1FFFF><U+FDD0>"},
	};
	export_layout l;
	sbuf b = SBUF_INIT;
	char *s, big[600];
	plan *p = plan_create(&questionnaire);
	FILE *f;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = sanitized(cases[i].in, cases[i].one_line);
		CHECK_STR(s, cases[i].out);
		free(s);
	}

	/* Blank lines only between lines, collapsed; reset starts anew. */
	export_layout_init(&l, &b, 20);
	export_blank(&l);
	paragraphs(&l, "\n \t\nfirst\n\n\n* second, long enough");
	export_blank(&l);
	paragraphs(&l, "third");
	export_layout_reset(&l);
	paragraphs(&l, "\n\nfourth\n\n");
	CHECK_STR(sbuf_cstr(&b), "first\n\n* second, long\n  enough\n\n"
				 "third\nfourth\n");
	export_layout_free(&l);
	sbuf_reset(&b);

	export_one_line(&b, "  a \t b\n c  ", strlen("  a \t b\n c  "));
	CHECK_STR(sbuf_cstr(&b), "a b c");
	sbuf_reset(&b);

	if (p) {
		CHECK(plan_set_value(p, 1, "2000-01"));
		CHECK(plan_set_value(p, 6, "no"));
		CHECK(plan_set_value(p, 9, "2000-02-29"));
		CHECK(!export_value(&b, NULL, p, 3, false) && b.len == 0);
		CHECK(export_value(&b, NULL, p, 1, false));
		sbuf_char(&b, '|');
		CHECK(export_value(&b, NULL, p, 6, false));
		sbuf_char(&b, '|');
		CHECK(export_value(&b, NULL, p, 9, false));
		sbuf_char(&b, '|');
		CHECK(export_value(&b, NULL, p, 9, true));
		CHECK_STR(sbuf_cstr(&b), "January 2000|No|29 February 2000|"
					 "February 2000");
		sbuf_reset(&b);
		export_item_head(&b, NULL, &questionnaire, 6, true);
		sbuf_char(&b, '|');
		export_item_head(&b, NULL, &questionnaire, 7, true);
		sbuf_char(&b, '|');
		export_item_head(&b, NULL, &questionnaire, 7, false);
		CHECK_STR(sbuf_cstr(&b),
			  "2. Compulsory education until the age of 16:|"
			  "3. Which area matters most?|"
			  "Which area matters most?");
		sbuf_reset(&b);
		plan_destroy(p);
	}

	/* sbuf: printf past its stack buffer, take, failure, draining. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sbuf_printf(&b, "<%s>", big);
	CHECK(b.len == sizeof(big) + 1 && b.s[0] == '<' &&
	      b.s[b.len - 1] == '>');
	sbuf_free(&b);
	s = sbuf_take(&b, NULL);
	CHECK_STR(s, "");
	free(s);
	sbuf_fail(&b, 0);
	sbuf_fail(&b, EIO);
	sbuf_str(&b, "ignored");
	CHECK(b.failed && b.err == ENOMEM && b.len == 0);
	CHECK(sbuf_take(&b, NULL) == NULL && !b.failed);
	f = tmpfile();
	CHECK(f != NULL);
	if (f) {
		char back[8] = "";

		sbuf_str(&b, "kept");
		sbuf_drain_to(&b, fileno(f));
		sbuf_str(&b, " all");
		sbuf_flush(&b);
		CHECK(b.len == 0 && b.total == 8 && !b.failed);
		rewind(f);
		CHECK(fread(back, 1, sizeof(back), f) == 8 &&
		      memcmp(back, "kept all", 8) == 0);
		fclose(f);
	}
	sbuf_free(&b);
	sbuf_free(NULL);
}

int
main(void)
{
	setup();
	test_layout();
	test_title();
	test_escapes();
	test_month_year();
	test_pieces();
	return unit_result();
}
