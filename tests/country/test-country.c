/* Countries from iso-codes: codes, names typed in the four languages (any
 * case, composed or decomposed accents, stray spaces), the reader's
 * language, filtering as one types, "did you mean", and a missing or
 * broken list. Skipped (77) when iso-codes is not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "country.h"
#include "../unit_check.h"

static const country *
one(const country_db *db, const char *text)
{
	const country *c[4];
	size_t n = country_match(db, text, c, 4);

	return n == 1 ? c[0] : NULL;
}

static void
matching(const country_db *db)
{
	static const char *const tha[] = {
		"THA", "tha", "th", "Thailand", "  thailand ", "THAILAND",
		"Kingdom of Thailand", "ไทย", "Thái Lan", "泰国",
		"Tha\xcc\x81i Lan", /* decomposed: a + U+0301 */
		"ราชอาณาจักรไทย",
	};
	static const char *const vnm[] = {
		"Viet Nam", "Vietnam", "VIỆT NAM", " Việt Nam",
		"Vie\xcc\xa3\xcc\x82t Nam", /* e + dot below + circumflex */
		"越南", "เวียดนาม", "VN", "vnm",
	};

	for (size_t i = 0; i < sizeof(tha) / sizeof(tha[0]); i++) {
		const country *c = one(db, tha[i]);

		CHECK_MSG(c && strcmp(c->alpha3, "THA") == 0, "'%s'", tha[i]);
	}
	for (size_t i = 0; i < sizeof(vnm) / sizeof(vnm[0]); i++) {
		const country *c = one(db, vnm[i]);

		CHECK_MSG(c && strcmp(c->alpha3, "VNM") == 0, "'%s'", vnm[i]);
	}
	CHECK(one(db, "Atlantis") == NULL);
	CHECK(one(db, "") == NULL);
	CHECK(one(db, "Thai") == NULL); /* a word of a name is not a name */
	CHECK(country_by_code(db, "usa") &&
	      strcmp(country_by_code(db, "usa")->name, "United States") == 0);
	CHECK(country_by_code(db, "U") == NULL);
	CHECK(country_by_code(db, "TH\xe0") == NULL);
	CHECK(country_count(db) >= 240);
}

static void
names(const country_db *db)
{
	const country *th = country_by_code(db, "THA");
	const country *vn = country_by_code(db, "VNM");

	CHECK_STR(country_name(db, th, "th"), "ไทย");
	CHECK_STR(country_name(db, th, "vi"), "Thái Lan");
	CHECK_STR(country_name(db, th, "zh-CN"), "泰国");
	CHECK_STR(country_name(db, th, "zh_CN.UTF-8"), "泰国");
	CHECK_STR(country_name(db, th, "en"), "Thailand");
	CHECK_STR(country_name(db, th, "fr"), "Thailand");
	CHECK_STR(country_name(db, th, "thx"), "Thailand");
	CHECK_STR(country_name(db, vn, "vi"), "Việt Nam");
	CHECK_STR(country_name(db, NULL, "vi"), "");
}

static void
filtering(const country_db *db)
{
	const country *c[300];
	size_t n;

	/* A code typed comes first; names containing it follow. */
	n = country_filter(db, "th", c, 300);
	CHECK(n > 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_filter(db, "tha", c, 300);
	CHECK(n >= 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_filter(db, "ไทย", c, 300);
	CHECK(n >= 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_filter(db, "Thái", c, 300);
	CHECK(n >= 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_filter(db, "thai", c, 300); /* accents need not be typed */
	CHECK(n >= 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_filter(db, "泰", c, 300);
	CHECK(n >= 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_filter(db, "", c, 300);
	CHECK(n == country_count(db));
	CHECK(country_filter(db, "zzzzqq", c, 300) == 0);
	/* max bounds what is written, not what is counted. */
	CHECK(country_filter(db, "", c, 2) == country_count(db));
}

static void
closest(const country_db *db)
{
	const country *c[3];
	size_t n = country_closest(db, "Thailnd", c, 3);

	CHECK(n >= 1 && strcmp(c[0]->alpha3, "THA") == 0);
	n = country_closest(db, "Viet Namm", c, 3);
	CHECK(n >= 1 && strcmp(c[0]->alpha3, "VNM") == 0);
	CHECK(country_closest(db, "Qwertyuiopasdf", c, 3) == 0);
}

static void
broken(void)
{
	diag_list d = DIAG_LIST_INIT;
	char path[] = "/tmp/ap-country-XXXXXX";
	int fd = mkstemp(path);
	static const char bad[] = "{\"3166-1\": [{\"alpha_2\": \"X\"}]}";

	CHECK(country_db_load("/nonexistent/iso.json", "/nonexistent", &d) ==
	      NULL);
	CHECK(d.n == 1);
	diag_list_free(&d);
	CHECK(fd >= 0 && write(fd, bad, sizeof(bad) - 1) == sizeof(bad) - 1);
	close(fd);
	CHECK(country_db_load(path, "/nonexistent", &d) == NULL);
	CHECK(d.n == 1 && d.v[0].line == 1);
	diag_list_free(&d);
	unlink(path);
}

int
main(void)
{
	diag_list d = DIAG_LIST_INIT;
	country_db *db;

	if (access(COUNTRY_JSON, R_OK) != 0) {
		fprintf(stderr, "iso-codes is not installed: skipped\n");
		return 77;
	}
	db = country_db_load(COUNTRY_JSON, COUNTRY_LOCALEDIR, &d);
	CHECK(db != NULL && d.n == 0);
	if (db) {
		matching(db);
		names(db);
		filtering(db);
		closest(db);
	}
	broken();
	country_db_destroy(db);
	diag_list_free(&d);
	return unit_result();
}
