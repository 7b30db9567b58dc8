/* Loads every tests/qn/cases/NAME.yaml and compares ALL problems reported
 * (without the file name) with NAME.expect; "ok" cases compare a dump of
 * the loaded model instead, defaults included. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qn.h"
#include "../case_files.h"


static void
dump(FILE *o, const qn *q)
{
	size_t i, j;

	fprintf(o, "id=%s version=%ld title=%s language=%s\n", q->id,
		q->version, q->title, q->language);
	fprintf(o, "plan_title=%s\n", q->plan_title);
	fprintf(o, "roles country=%ld date=%ld language=%ld\n",
		q->country_item, q->date_item, q->language_item);
	for (i = 0; i < q->n_sections; i++) {
		const qn_section *s = &q->sections[i];

		fprintf(o, "section %s title=%s heading=%s details=%d "
			   "first=%zu n=%zu keys=",
			s->id, s->title, s->heading, s->details, s->first,
			s->n_items);
		for (j = 0; j < s->n_keys; j++)
			fprintf(o, "%s%s", j ? "," : "", s->keys[j]);
		fputc('\n', o);
	}
	for (i = 0; i < q->n_items; i++) {
		const qn_item *it = &q->items[i];

		fprintf(o, "item %s at %lu:%lu section=%zu number=%s type=%s "
			   "required=%d\n",
			it->id, it->line, it->col, it->section, it->number,
			qn_type_name(it->type), it->required);
		fprintf(o, "  title=%s\n  guidance=%s\n", it->title,
			it->guidance);
		fprintf(o, "  explain=%d explain_label=%s month=%d "
			   "max_length=%zu pattern=%s\n",
			it->explain, it->explain_label, it->month_precision,
			it->max_length, it->pattern ? it->pattern : "(none)");
		for (j = 0; j < it->n_choices; j++)
			fprintf(o, "  choice %s = %s\n", it->choices[j].id,
				it->choices[j].label);
		fprintf(o, "  msg required=%s | max_length=%s | choice=%s | "
			   "pattern=%s\n",
			it->msg_required, it->msg_max_length, it->msg_choice,
			it->msg_pattern);
		if (it->when_item >= 0) {
			fprintf(o, "  when %s in", q->items[it->when_item].id);
			for (j = 0; j < it->n_when_values; j++)
				fprintf(o, " %s", it->when_values[j]);
			fputc('\n', o);
		}
	}
}

static void
run_case(const char *dir, const char *file)
{
	char path[4096], epath[4096];
	char *expect, *got = NULL;
	size_t glen = 0, i, plen;
	diag_list dl = DIAG_LIST_INIT;
	FILE *m;
	qn *q;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	case_expect_path(epath, sizeof(epath), dir, file);
	expect = case_slurp(epath, NULL);
	CHECK_MSG(expect != NULL, "%s: no %s", file, epath);
	if (expect == NULL)
		return;
	q = qn_load(path, &dl);
	plen = strlen(path);
	m = open_memstream(&got, &glen);
	if (q != NULL && dl.n == 0) {
		fputs("ok\n", m);
		dump(m, q);
	}
	if (q != NULL && dl.n != 0)
		fputs("loaded although there are problems:\n", m);
	if (q == NULL && dl.n_errors == 0)
		fputs("refused without a problem\n", m);
	for (i = 0; i < dl.n; i++) {
		char *s = diag_format(&dl.v[i]);

		/* Every problem names the file. */
		if (strncmp(s, path, plen) != 0 || s[plen] != ':')
			fprintf(m, "NO FILE NAME: %s\n", s);
		else
			fprintf(m, "%s\n", s + plen + (s[plen + 1] == ' ' ?
							      2 : 1));
		free(s);
	}
	fclose(m);
	CHECK_MSG(strcmp(got, expect) == 0, "%s:\n--- want\n%s--- got\n%s",
		  file, expect, got);
	if (strcmp(got, expect) == 0)
		printf("ok   %s\n", file);
	free(got);
	free(expect);
	qn_destroy(q);
	diag_list_free(&dl);
}

int
main(int argc, char **argv)
{
	return case_run_all(argc > 1 ? argv[1] : "cases", run_case);
}
