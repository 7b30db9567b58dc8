/* Item type "date": "YYYY-MM-DD", or "YYYY-MM" with precision: month;
 * exported as "31 January 2000" or "January 2000" in the plan's language.
 * Dates in the export are templates: {month} is the month's name, {year}
 * and {day} numbers; templates rather than printf formats, since they come
 * from a translation. */
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

/* xgettext needs the contexts written out in NC_. */
#define MONTH_YEAR_CTX "text export: month and year"
#define DAY_MONTH_YEAR_CTX "text export: day, month and year"

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
		} else if (!strncmp(tpl, "{day}", 5)) {
			snprintf(num, sizeof(num), "%d", day);
			sbuf_str(b, num);
			tpl += 5;
		} else {
			sbuf_char(b, *tpl++);
		}
	}
}

static void
format(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
       const plan_answer *a, bool month_year)
{
	int y, m, d;

	if (!itype_date_parse(a->value, -1, &y, &m, &d))
		sbuf_str(b, a->value);
	else if (d == 0 || month_year)
		fill_date(b,
			  i18n_cat_get(cat, MONTH_YEAR_CTX,
				       NC_("text export: month and year",
					   /* TRANSLATORS: "January 2000":
					    * keep {month} and {year}. */
					   "{month} {year}")),
			  i18n_cat_get(cat, "month", months[m - 1]), 0, y);
	else
		fill_date(b,
			  i18n_cat_get(cat, DAY_MONTH_YEAR_CTX,
				       NC_("text export: day, month and year",
					   /* TRANSLATORS: "31 January 2000":
					    * keep {day}, {month} and {year}. */
					   "{day} {month} {year}")),
			  i18n_cat_get(cat, "month", months[m - 1]), d, y);
}

const itype itype_date = {
	.name = "date",
	.input = ITYPE_LINE,
	.precision = true,
	.problem = problem,
	.format = format,
};
