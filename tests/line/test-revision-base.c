/* Tests of the last finished revision a draft is compared with
 * (revision_last_final, src/app/revision.c): the file the new revision
 * was started from while it is there; else, in the folder, the final plan
 * of the same questionnaire and country with the highest revision below
 * the draft's (ties by name, so readdir's order does not matter), never
 * the draft itself, another country's or a draft; a plan of an older
 * version of the questionnaire, carried over in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit_check.h"
#include "../unit_tmp.h"
#include "revision.h"

/* A final plan of ariat-2000 (version 1, or 2 when v2) in tmp/name. */
static void
final_plan(const char *name, const char *country, unsigned long rev,
	   const char *intro, int version, const char *status)
{
	FILE *f = fopen(unit_path(name), "w");

	if (f == NULL) {
		perror(name);
		exit(2);
	}
	fprintf(f,
		"format: actionplan-plan/1\n"
		"questionnaire: {id: ariat-2000, version: %d}\n"
		"status: %s\nrevision: %lu\n"
		"details: {country: \"%s\", language: en}\n"
		"answers:\n  introduction: \"%s\"\n  protection.2: \"Hotline.\"\n",
		version, status, rev, country, intro);
	fclose(f);
}

static const char *
intro_of(const plan *p)
{
	long i = qn_item_index(p->qn, "introduction");

	return i >= 0 ? p->answers[i].value : NULL;
}

int
main(void)
{
	diag_list d = DIAG_LIST_INIT;
	session *s;
	plan *last;
	char *file = NULL, qdirs[1024];

	if (!unit_tmp_make("revbase"))
		return 2;
	snprintf(qdirs, sizeof(qdirs), "%s/questionnaires:%s/tests/migrate",
		 AP_SOURCE_ROOT, AP_SOURCE_ROOT);
	setenv("ACTIONPLAN_QUESTIONNAIRES", qdirs, 1);

	final_plan("a-2025.yaml", "Thailand", 4, "Year 2025.", 1, "final");
	final_plan("b-2024.yaml", "Thailand", 3, "Year 2024.", 1, "final");
	final_plan("c-other.yaml", "Viet Nam", 9, "Other country.", 1,
		   "final");
	final_plan("d-draft.yaml", "Thailand", 4, "A draft.", 1, "draft");
	s = revision_open(unit_path("new.yaml"), unit_path("a-2025.yaml"), &d);
	CHECK(s != NULL && s->plan->revision == 5);
	if (s == NULL)
		return unit_result();

	/* The file it was started from. */
	last = revision_last_final(s, NULL, &file, &d);
	CHECK(last != NULL && file != NULL &&
	      strstr(file, "a-2025.yaml") != NULL);
	CHECK_STR(last ? intro_of(last) : NULL, "Year 2025.");
	CHECK(last != NULL && last->revision == 4 && last->qn->version == 1);
	plan_destroy(last);
	free(file);

	/* Gone: the folder's highest final revision of the same country,
	 * below the draft's. */
	unlink(unit_path("a-2025.yaml"));
	final_plan("e-2026.yaml", "Thailand", 5, "Too new.", 1, "final");
	final_plan("f-2025.yaml", "Thailand", 4, "Export of 2025.", 1,
		   "final");
	final_plan("g-2025.yaml", "Thailand", 4, "Second copy.", 1, "final");
	last = revision_last_final(s, NULL, &file, &d);
	CHECK_STR(last ? intro_of(last) : NULL, "Export of 2025.");
	CHECK(file != NULL && strstr(file, "f-2025.yaml") != NULL);
	plan_destroy(last);
	free(file);

	/* Another folder (the export folder). */
	last = revision_last_final(s, AP_SOURCE_ROOT "/tests", &file, &d);
	CHECK(last == NULL && file == NULL && d.n == 0);

	/* The draft carried over to version 2: last year's plan of version
	 * 1 is carried over too, in memory, to be compared. */
	unlink(unit_path("e-2026.yaml"));
	unlink(unit_path("f-2025.yaml"));
	unlink(unit_path("g-2025.yaml"));
	final_plan("h-2025.yaml", "Thailand", 4, "Version 1 words.", 1,
		   "final");
	session_close(s);
	s = NULL;
	{
		qn *q2 = qn_find((const char *const[]){AP_SOURCE_ROOT
						       "/tests/migrate",
						       NULL},
				 "ariat-2000", 2, &d);
		plan *p2 = q2 ? plan_create(q2) : NULL;
		long c = q2 ? qn_item_index(q2, "country") : -1;

		CHECK(p2 != NULL && c >= 0);
		if (p2 != NULL) {
			/* As the front ends store it: the code (the files'
			 * free-text "Thailand" is read as THA). */
			plan_set_value(p2, (size_t)c, "THA");
			p2->revision = 5;
			CHECK(plan_set_base(p2, 4, NULL));
			s = session_open(unit_path("v2.yaml"), "ariat-2000",
					 &d);
		}
		if (s != NULL) {
			plan_destroy(s->plan);
			qn_destroy(s->qn);
			s->qn = q2;
			s->plan = p2;
			q2 = NULL;
			p2 = NULL;
		}
		plan_destroy(p2);
		qn_destroy(q2);
	}
	last = s ? revision_last_final(s, NULL, &file, &d) : NULL;
	CHECK(last != NULL && last->qn->version == 2);
	CHECK_STR(last ? intro_of(last) : NULL, "Version 1 words.");
	if (last != NULL) {
		long h = qn_item_index(last->qn, "protection.hotlines");

		CHECK(h >= 0 && last->answers[h].value != NULL &&
		      strcmp(last->answers[h].value, "Hotline.") == 0);
	}
	plan_destroy(last);
	free(file);
	session_close(s);
	diag_list_free(&d);
	unit_tmp_remove(failures);
	return unit_result();
}
