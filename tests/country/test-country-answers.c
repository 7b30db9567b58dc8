/* Country answers in plan files: {code, name} read and written back the
 * same; an older plan's free-text name taken as its country in any of the
 * four languages; a name that is no country kept as free text with a
 * warning naming the closest; unknown codes and a code that contradicts
 * its name refused at the line; without iso-codes (ACTIONPLAN_ISO_3166
 * pointing nowhere) countries are free text, and that is said once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "country.h"
#include "itype.h"
#include "planio.h"
#include "../unit_check.h"

static const char qn_text[] =
	"format: actionplan-questionnaire/1\n"
	"id: c\n"
	"version: 1\n"
	"title: C\n"
	"language: en\n"
	"roles:\n"
	"  country: country\n"
	"sections:\n"
	"  - id: d\n"
	"    title: D\n"
	"    details: true\n"
	"    items:\n"
	"      - id: country\n"
	"        title: Country\n"
	"        type: country\n";

static const char head[] =
	"format: actionplan-plan/1\n"
	"questionnaire: {id: c, version: 1}\n"
	"status: draft\n"
	"revision: 0\n"
	"details:\n"
	"  country: ";

/* Loads a plan whose country answer is the YAML `answer`; returns the
 * value kept (malloc'd, or NULL when refused) and the problems. */
static char *
load(const qn *q, const char *answer, diag_list *d, char **saved)
{
	char buf[512];
	plan *p;
	char *v = NULL;

	snprintf(buf, sizeof(buf), "%s%s\n", head, answer);
	p = planio_load_buffer("p.yaml", buf, strlen(buf), q, d);
	if (p == NULL)
		return NULL;
	if (p->answers[0].value)
		v = strdup(p->answers[0].value);
	if (saved) {
		size_t len;
		diag_list sd = DIAG_LIST_INIT;

		*saved = planio_serialize(p, &len, &sd);
		diag_list_free(&sd);
	}
	plan_destroy(p);
	return v;
}

static void
with_iso_codes(const qn *q)
{
	static const char *const as_thailand[] = {
		"Thailand", "\"  THAILAND \"", "ไทย", "Thái Lan", "泰国",
		"\"Tha\xcc\x81i Lan\"", "{code: THA, name: Thailand}",
		"{code: THA}", "{code: THA, name: ไทย}",
	};
	diag_list d = DIAG_LIST_INIT;
	char *v, *saved = NULL;

	for (size_t i = 0; i < sizeof(as_thailand) / sizeof(*as_thailand);
	     i++) {
		v = load(q, as_thailand[i], &d, NULL);
		CHECK_MSG(v && strcmp(v, "THA") == 0 && d.n == 0, "%s -> %s",
			  as_thailand[i], v ? v : "(refused)");
		free(v);
		diag_list_free(&d);
	}
	/* Written back as code and English name, read back the same. */
	v = load(q, "ไทย", &d, &saved);
	CHECK(saved && strstr(saved, "country:\n    code: \"THA\"\n    "
					 "name: \"Thailand\"\n"));
	free(v);
	free(saved);
	/* The reference plan's name is the United States' official one. */
	v = load(q, "\"United States of America\"", &d, NULL);
	CHECK(v && strcmp(v, "USA") == 0);
	free(v);
	CHECK_STR(itype_country_name("USA", "en"), "United States");
	CHECK_STR(itype_country_name("VNM", "vi"), "Việt Nam");
	CHECK_STR(itype_country_name("Atlantis", "th"), "Atlantis");

	/* Free text: kept, with a warning naming the closest country. */
	v = load(q, "Thailnd", &d, &saved);
	CHECK(v && strcmp(v, "Thailnd") == 0);
	CHECK(d.n == 1 && d.v[0].severity == DIAG_WARNING &&
	      d.v[0].line == 6 && strstr(d.v[0].message, "Thailand (THA)"));
	CHECK(saved && strstr(saved, "  country: \"Thailnd\"\n"));
	free(v);
	free(saved);
	diag_list_free(&d);

	/* Refused, pointing at the part that is wrong. */
	CHECK(load(q, "{code: XYZ, name: Thailand}", &d, NULL) == NULL);
	CHECK(d.n >= 1 && d.v[0].line == 6 && d.v[0].col == 19);
	diag_list_free(&d);
	CHECK(load(q, "{code: THA, name: Viet Nam}", &d, NULL) == NULL);
	CHECK(d.n >= 1 && strstr(d.v[0].message, "two different"));
	diag_list_free(&d);
	CHECK(load(q, "{code: tha}", &d, NULL) == NULL);
	diag_list_free(&d);
	CHECK(load(q, "{code: THA, flag: x}", &d, NULL) == NULL);
	diag_list_free(&d);
	CHECK(load(q, "[THA]", &d, NULL) == NULL);
	diag_list_free(&d);

	/* File names: the code, or a slug, or a hash for other scripts. */
	{
		char a[48], b[48];

		itype_country_stem("THA", a, sizeof(a));
		CHECK_STR(a, "tha");
		itype_country_stem("Vie\xcc\xa3\xcc\x82t Nam", a, sizeof(a));
		CHECK_STR(a, "viet-nam");
		itype_country_stem("ประเทศสมมุติ", a, sizeof(a));
		itype_country_stem("另一个国家", b, sizeof(b));
		CHECK(strncmp(a, "country-", 8) == 0 && strlen(a) == 16);
		CHECK(strncmp(b, "country-", 8) == 0 && strcmp(a, b) != 0);
	}
}

int
main(int argc, char **argv)
{
	diag_list d = DIAG_LIST_INIT;
	qn *q;

	if (argc > 1 && strcmp(argv[1], "--without") == 0)
		setenv("ACTIONPLAN_ISO_3166", "/nonexistent/iso_3166-1.json", 1);
	else if (access(COUNTRY_JSON, R_OK) != 0)
		return 77;
	q = qn_load_buffer("q.yaml", qn_text, sizeof(qn_text) - 1, &d);
	CHECK(q != NULL && d.n == 0);
	if (q == NULL)
		return unit_result();
	if (argc > 1) {
		/* Said once, then free text everywhere. */
		char *v;

		CHECK(country_db_default(&d) == NULL && d.n == 1);
		CHECK(country_db_default(&d) == NULL && d.n == 1);
		diag_list_free(&d);
		v = load(q, "Thailand", &d, NULL);
		CHECK(v && strcmp(v, "Thailand") == 0 && d.n == 0);
		free(v);
		v = load(q, "{code: THA, name: Thailand}", &d, NULL);
		CHECK(v && strcmp(v, "Thailand") == 0 && d.n == 0);
		free(v);
		CHECK_STR(itype_country_name("THA", "th"), "THA");
	} else {
		with_iso_codes(q);
	}
	qn_destroy(q);
	diag_list_free(&d);
	return unit_result();
}
