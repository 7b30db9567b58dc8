/* The shipped ARIAT questionnaire loads cleanly and has the shape of the
 * original: 6 plan details, the introduction, then 9, 11, 4, 7 and 5
 * numbered questions. Skips (77) while the file does not exist yet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qn.h"
#include "../unit_check.h"

int
main(void)
{
	const char *src = getenv("AP_SOURCE_ROOT");
	static const struct {
		const char *id;
		size_t n;
		bool numbered;
	} want[] = {
		{"details", 6, false},   {"introduction", 1, false},
		{"prevention", 9, true}, {"protection", 11, true},
		{"reintegration", 4, true}, {"prosecution", 7, true},
		{"summary", 5, true},
	};
	char path[4096];
	diag_list dl = DIAG_LIST_INIT;
	qn *q;
	size_t i, j;

	snprintf(path, sizeof(path), "%s/questionnaires/ariat-2000.yaml",
		 src ? src : ".");
	if (access(path, F_OK) != 0) {
		printf("SKIP: %s does not exist\n", path);
		return 77;
	}
	q = qn_load(path, &dl);
	for (i = 0; i < dl.n; i++) {
		char *s = diag_format(&dl.v[i]);

		printf("%s\n", s);
		free(s);
	}
	CHECK(q != NULL && dl.n == 0);
	if (q == NULL)
		return 1;
	CHECK(strcmp(q->id, "ariat-2000") == 0);
	CHECK(q->version == 1);
	CHECK(q->n_sections == sizeof(want) / sizeof(want[0]));
	for (i = 0; i < q->n_sections && i < sizeof(want) / sizeof(want[0]);
	     i++) {
		const qn_section *s = &q->sections[i];

		CHECK_MSG(strcmp(s->id, want[i].id) == 0 &&
				  s->n_items == want[i].n,
			  "section %zu: want %s with %zu items, got %s with "
			  "%zu", i, want[i].id, want[i].n, s->id, s->n_items);
		if (strcmp(s->id, want[i].id) != 0 || s->n_items != want[i].n)
			continue;
		CHECK(s->details == (i == 0));
		for (j = 0; j < s->n_items; j++) {
			const qn_item *it = &q->items[s->first + j];
			char num[32];

			snprintf(num, sizeof(num), "%zu", j + 1);
			CHECK_MSG(!want[i].numbered ||
					  strcmp(it->number, num) == 0,
				  "%s: number \"%s\", want \"%s\"", it->id,
				  it->number, num);
			CHECK_MSG(want[i].numbered || it->number[0] == '\0',
				  "%s: numbered \"%s\"", it->id, it->number);
			CHECK(it->section == i);
		}
	}
	CHECK(q->country_item >= 0 && q->date_item >= 0 &&
	      q->language_item >= 0);
	CHECK(q->date_item >= 0 && q->items[q->date_item].type == QN_DATE &&
	      q->items[q->date_item].month_precision);
	CHECK(qn_find_ref(q, "P6") == qn_item_index(q, "prevention.6"));
	CHECK(q->items[qn_item_index(q, "prevention.6")].type == QN_YESNO);
	CHECK(qn_find_ref(q, "prot 11") == qn_item_index(q, "protection.11"));
	qn_destroy(q);
	diag_list_free(&dl);
	return unit_result();
}
