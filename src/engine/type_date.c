/* Item type "date": "YYYY-MM-DD", or "YYYY-MM" with precision: month,
 * always Gregorian in plan files; read by people as "31 January 2000" or
 * "January 2000" in the plan's language (exports) or the language of
 * messages (the form), Thai in the Buddhist era ("มีนาคม พ.ศ. 2543").
 * Dates are templates: {month} is the month's name, {year}, {year_be} and
 * {day} numbers. Templates rather than printf formats, since they come
 * from a translation, and a translation picks its era by the placeholder
 * it keeps. */
#include "itype.h"

#include <stdio.h>
#include <string.h>

#include "intl.h"

static const char *const months[12] = {
	NC_("month", "January"), NC_("month", "February"),
	NC_("month", "March"), NC_("month", "April"), NC_("month", "May"),
	NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December"),
};

/* The Buddhist era (พุทธศักราช) runs 543 years ahead of the Common Era;
 * Thailand dates its official documents by it. */
#define BUDDHIST_ERA_OFFSET 543

/* xgettext needs the contexts written out in NC_. */
#define MONTH_YEAR_CTX "text export: month and year"
#define DAY_MONTH_YEAR_CTX "text export: day, month and year"

static const char *
month_year_template(void)
{
	return NC_("text export: month and year",
		   /* TRANSLATORS: "January 2000": keep {month} and {year},
		    * or write {year_be} for the Buddhist era (the year plus
		    * 543), as Thai official documents date. */
		   "{month} {year}");
}

static const char *
day_month_year_template(void)
{
	return NC_("text export: day, month and year",
		   /* TRANSLATORS: "31 January 2000": keep {day}, {month}
		    * and {year} ({year_be}: the Buddhist era, as above). */
		   "{day} {month} {year}");
}

bool
itype_date_parse(const char *s, int month, int *year, int *mon, int *day)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	size_t n = s ? strlen(s) : 0;
	int y, m, d;

	if ((n != 7 && n != 10) || (month == 1 && n != 7) ||
	    (month == 0 && n != 10))
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
	if (y < 1 || m < 1 || m > 12)
		return false;
	if (n == 10) {
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
			return false;
	}
	*year = y;
	*mon = m;
	*day = d;
	return true;
}

static const char *
problem(const qn *q, size_t item, const plan_answer *a)
{
	bool month = q->items[item].month_precision;
	int y, m, d;

	if (itype_date_parse(a->value, month, &y, &m, &d))
		return NULL;
	return month ? _("expected a month like 2000-01")
		     : _("expected a date like 2000-01-31");
}

/* Fills a date template; a placeholder a translation lost is just left
 * out, an unknown one copied as it is. */
static void
fill_date(sbuf *b, const char *tpl, const char *month, int day, int year)
{
	char num[16];

	while (*tpl) {
		if (!strncmp(tpl, "{month}", 7)) {
			sbuf_str(b, month);
			tpl += 7;
		} else if (!strncmp(tpl, "{year}", 6)) {
			snprintf(num, sizeof(num), "%04d", year);
			sbuf_str(b, num);
			tpl += 6;
		} else if (!strncmp(tpl, "{year_be}", 9)) {
			snprintf(num, sizeof(num), "%d",
				 year + BUDDHIST_ERA_OFFSET);
			sbuf_str(b, num);
			tpl += 9;
		} else if (!strncmp(tpl, "{day}", 5)) {
			snprintf(num, sizeof(num), "%d", day);
			sbuf_str(b, num);
			tpl += 5;
		} else {
			sbuf_char(b, *tpl++);
		}
	}
}

/* One date, its words looked up in cat (ui false) or through gettext in
 * the language of messages (ui true). */
static bool
words(sbuf *b, const i18n_cat *cat, bool ui, const char *value,
      bool month_year)
{
	int y, m, d;
	const char *tpl, *month;
	bool short_form;

	if (!itype_date_parse(value, -1, &y, &m, &d))
		return false;
	short_form = d == 0 || month_year;
	tpl = short_form ? month_year_template() : day_month_year_template();
	if (ui) {
		tpl = i18n_pgettext_expr(short_form ? MONTH_YEAR_CTX
						    : DAY_MONTH_YEAR_CTX,
					 tpl);
		month = i18n_pgettext_expr("month", months[m - 1]);
	} else {
		tpl = i18n_cat_get(cat, short_form ? MONTH_YEAR_CTX
						   : DAY_MONTH_YEAR_CTX,
				   tpl);
		month = i18n_cat_get(cat, "month", months[m - 1]);
	}
	fill_date(b, tpl, month, short_form ? 0 : d, y);
	return true;
}

bool
itype_date_words(sbuf *b, const i18n_cat *cat, const char *value,
		 bool month_year)
{
	return words(b, cat, false, value, month_year);
}

bool
itype_date_words_ui(sbuf *b, const char *value)
{
	return words(b, NULL, true, value, false);
}

static void
format(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
       const plan_answer *a, bool month_year)
{
	if (!words(b, cat, false, a->value, month_year))
		sbuf_str(b, a->value);
}

static const char *
line_hint(const qn_item *it)
{
	if (it->month_precision)
		return _("Type the month as YYYY-MM, for example 2000-01. An "
			 "empty line keeps the current answer.");
	return _("Type the date as YYYY-MM-DD, for example 2000-01-31. An "
		 "empty line keeps the current answer.");
}

const itype itype_date = {
	.name = "date",
	.input = ITYPE_LINE,
	.precision = true,
	.problem = problem,
	.format = format,
	.line_hint = line_hint,
};
