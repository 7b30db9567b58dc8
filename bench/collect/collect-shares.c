/* bench-collect's share of each output: collects PLANS into a new folder
 * OUT, once, with collect's own timings (collect_options.timings), and
 * prints each output's CPU time and its share of all the outputs' time,
 * then the workbook and the database together against the rest. Not a
 * test.
 *
 * Usage: collect-shares PLANS OUT [JOBS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "session.h"

static bool
is_data(const char *name)
{
	return strcmp(name, "answers.xlsx") == 0 ||
	       strcmp(name, "answers.sqlite") == 0;
}

int
main(int argc, char **argv)
{
	collect_timings t = {0};
	collect_options co = {.timings = &t};
	diag_list diags = DIAG_LIST_INIT;
	collect_set *s;
	double all = 0, data = 0;
	int status = 1;

	if (argc < 3) {
		fputs("usage: collect-shares PLANS OUT [JOBS]\n", stderr);
		return 2;
	}
	s = collect_create(session_qn_dirs());
	if (s == NULL)
		return 1;
	if (argc > 3)
		collect_set_jobs(s, (unsigned)atoi(argv[3]));
	collect_add_path(s, argv[1]);
	collect_load_all(s);
	if (!collect_write(s, argv[2], &co, &diags)) {
		for (size_t i = 0; i < diags.n; i++)
			fprintf(stderr, "collect-shares: %s\n",
				diags.v[i].message);
		goto out;
	}
	for (size_t i = 0; i < t.n; i++) {
		all += t.v[i].cpu_s;
		if (is_data(t.v[i].name))
			data += t.v[i].cpu_s;
	}
	for (size_t i = 0; i < t.n; i++)
		printf("%-18s %8.3f s CPU %6.1f%%\n", t.v[i].name,
		       t.v[i].cpu_s, all > 0 ? 100 * t.v[i].cpu_s / all : 0);
	printf("outputs %.3f s CPU: answers.xlsx + answers.sqlite %.3f s "
	       "(%.1f%%), the other outputs %.3f s (%.1f%%); before the "
	       "outputs %.3f s, sync and swap %.3f s (wall)\n",
	       all, data, all > 0 ? 100 * data / all : 0, all - data,
	       all > 0 ? 100 * (all - data) / all : 0, t.before_s, t.after_s);
	status = 0;
out:
	diag_list_free(&diags);
	collect_destroy(s);
	return status;
}
