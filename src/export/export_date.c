/* Dates as people read them ("March 2000", "มีนาคม พ.ศ. 2543"): in the
 * plan's language for the exports, in the language of messages for the
 * form. The stored value stays "YYYY-MM" or "YYYY-MM-DD" (Gregorian). */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The Buddhist era (พุทธศักราช) runs 543 years ahead of the Common Era;
 * Thailand dates its official documents by it. */
#define BUDDHIST_ERA_OFFSET 543

static const char *const months[12] = {
	NC_("month", "January"), NC_("month", "February"),
	NC_("month", "March"), NC_("month", "April"), NC_("month", "May"),
	NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December"),
};

/* Dates are templates: {month} is the month's name, {year}, {year_be} and
 * {day} numbers. Templates rather than printf formats, since they come
 * from a file, and a translation picks its era by the placeholder it
 * keeps. (xgettext needs the contexts written out in NC_.) */
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

/* Parses "YYYY-MM" or "YYYY-MM-DD" strictly (day checked against the
 * month, leap years included). *day is 0 for "YYYY-MM". */
static bool
parse_date(const char *s, int *year, int *month, int *day)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	size_t n = s ? strlen(s) : 0;
	int i;

	if (n != 7 && n != 10)
		return false;
	for (i = 0; i < (int)n; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
		(s[3] - '0');
	*month = (s[5] - '0') * 10 + (s[6] - '0');
	*day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 0;
	if (*month < 1 || *month > 12)
		return false;
	if (n == 10) {
		bool leap = (*year % 4 == 0 && *year % 100 != 0) ||
			    *year % 400 == 0;

		if (*day < 1 || *day > mdays[*month - 1] ||
		    (*month == 2 && *day == 29 && !leap))
			return false;
	}
	return true;
}

/* English month names whatever the locale: the questionnaire and the
 * reference plans are in English, and the export must not change with
 * the machine it runs on. */
char *
export_month_year(const char *date)
{
	int y, m, d;
	char buf[32];

	if (!parse_date(date, &y, &m, &d))
		return NULL;
	snprintf(buf, sizeof(buf), "%s %04d", months[m - 1], y);
	return strdup(buf);
}

/* One date, its words looked up in cat (ui false) or through gettext in
 * the language of messages (ui true). */
static bool
format_date(sbuf *b, const i18n_cat *cat, bool ui, const char *value,
	    bool month_year)
{
	int y, m, d;
	const char *tpl, *month;
	bool short_form;

	if (!parse_date(value, &y, &m, &d))
		return false;
	short_form = d == 0 || month_year;
	tpl = short_form ? month_year_template() : day_month_year_template();
	if (ui) {
		tpl = i18n_pgettext_expr(short_form ? MONTH_YEAR_CTX :
						      DAY_MONTH_YEAR_CTX,
					 tpl);
		month = i18n_pgettext_expr("month", months[m - 1]);
	} else {
		tpl = i18n_cat_get(cat, short_form ? MONTH_YEAR_CTX :
						     DAY_MONTH_YEAR_CTX,
				   tpl);
		month = i18n_cat_get(cat, "month", months[m - 1]);
	}
	fill_date(b, tpl, month, short_form ? 0 : d, y);
	return true;
}

bool
export_date(sbuf *b, const i18n_cat *cat, const char *value,
	    bool month_year)
{
	return format_date(b, cat, false, value, month_year);
}

bool
export_date_ui(sbuf *b, const char *value)
{
	return format_date(b, NULL, true, value, false);
}
