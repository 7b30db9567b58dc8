/* Writing a collection's outputs (collect_write): the folders first, then
 * the jobs; folders made for a run that fails are removed again. */
#include "collect_int.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "store.h"

/* The outputs are written as independent pieces ("jobs"), on several
 * threads, each into its own batch of temporary files; the batches are
 * then joined and committed together, in the order of the jobs. */
typedef enum job_kind {
	JOB_REPORT, /* a piece of it */
	JOB_SECTION,
	JOB_COUNTRIES,
	JOB_INDEX,
	JOB_MATRIX,
	JOB_SUBMISSIONS,
	JOB_REJECTED,
} job_kind;

typedef struct write_job {
	job_kind kind;
	size_t group;    /* index of the group (collect_group_at) */
	size_t from, to; /* JOB_REPORT: piece from; JOB_SECTION: from;
			  * JOB_COUNTRIES: plans from..to-1 */
	collect_out *out;
	diag_list diags;
	bool ok;
} write_job;

typedef struct write_ctx {
	const collect_set *s;
	const char *dir;
	bool excel;
	char **gdirs;          /* [n_groups] */
	collect_site **sites;  /* [n_groups] */
	collect_report **reports; /* [n_groups] */
	write_job *jobs;
	size_t n_jobs;
	atomic_bool failed;
	collect_flusher *flusher; /* or NULL */
} write_ctx;

static bool
run_job(const write_ctx *w, write_job *j)
{
	/* j->group means something only to the jobs of a group: with no
	 * plan at all there is no group, and only the last two jobs. */
	size_t k = j->group;

	switch (j->kind) {
	case JOB_REPORT:
		return collect_report_piece(w->reports[k], j->from);
	case JOB_SECTION:
		return collect_site_section(j->out, w->sites[k], j->from,
					    &j->diags);
	case JOB_COUNTRIES:
		return collect_site_countries(j->out, w->sites[k], j->from,
					      j->to, &j->diags);
	case JOB_INDEX:
		return collect_site_index(j->out, w->sites[k], &j->diags);
	case JOB_MATRIX:
		return collect_write_matrix(j->out, w->gdirs[k],
					    collect_group_at(w->s, k), w->excel,
					    &j->diags);
	case JOB_SUBMISSIONS:
		return collect_write_submissions(j->out, w->dir, w->s,
						 &j->diags);
	case JOB_REJECTED:
		return collect_write_rejected(j->out, w->dir, w->s, &j->diags);
	}
	return false;
}

static void
job_at(void *ctx, size_t i)
{
	write_ctx *w = ctx;
	write_job *j = &w->jobs[i];

	/* After a failure the rest is not written: it would be thrown
	 * away. */
	if (atomic_load(&w->failed))
		return;
	j->out = collect_out_create();
	if (j->out == NULL)
		diag_add_errno(&j->diags, NULL, ENOMEM, "%s", "actionplan");
	else
		j->ok = run_job(w, j);
	if (!j->ok)
		atomic_store(&w->failed, true);
	collect_flusher_done(w->flusher);
}

static bool
add_job(write_ctx *w, size_t *cap, job_kind kind, size_t group, size_t from,
	size_t to)
{
	write_job *v = grow_array(w->jobs, cap, w->n_jobs, sizeof(*v), 32);

	if (v == NULL)
		return false;
	w->jobs = v;
	w->jobs[w->n_jobs++] = (write_job){kind, group, from, to, NULL,
					   DIAG_LIST_INIT, false};
	return true;
}

/* Every job, the longest first so that no thread is left with a long one
 * at the end: the pieces of each report (in order, as they are written in
 * order), each section page, then the country pages in runs, then the
 * small files. */
static bool
plan_jobs(write_ctx *w, unsigned jobs)
{
	const collect_set *s = w->s;
	size_t cap = 0;
	bool ok = true;

	for (size_t i = 0; i < collect_n_groups(s); i++)
		for (size_t k = 0; k < collect_report_n_pieces(w->reports[i]);
		     k++)
			ok = ok && add_job(w, &cap, JOB_REPORT, i, k, 0);
	for (size_t i = 0; i < collect_n_groups(s); i++) {
		const collect_group *g = collect_group_at(s, i);

		for (size_t k = 0; k < g->qn->n_sections; k++)
			ok = ok && add_job(w, &cap, JOB_SECTION, i, k, 0);
	}
	for (size_t i = 0; i < collect_n_groups(s); i++) {
		size_t n = collect_group_at(s, i)->n_plans;
		/* Runs short enough to share out evenly, long enough to
		 * keep the batches few. */
		size_t run = n / (4 * (size_t)jobs) + 1;

		for (size_t k = 0; k < n; k += run)
			ok = ok && add_job(w, &cap, JOB_COUNTRIES, i, k,
					   k + run < n ? k + run : n);
	}
	for (size_t i = 0; i < collect_n_groups(s); i++)
		ok = ok && add_job(w, &cap, JOB_INDEX, i, 0, 0) &&
		     add_job(w, &cap, JOB_MATRIX, i, 0, 0);
	return ok && add_job(w, &cap, JOB_SUBMISSIONS, 0, 0, 0) &&
	       add_job(w, &cap, JOB_REJECTED, 0, 0, 0);
}

/* Folders made for the outputs, to be removed again when writing fails. */
typedef struct made_dirs {
	char *path[3]; /* dir, dir/site or dir/ID-vN, dir/ID-vN/site */
	size_t n;
} made_dirs;

/* dir/name (or dir when name is NULL), made with its parents when
 * missing. malloc'd, or NULL with the reason in diags. */
static char *
make_dir(const char *dir, const char *name, made_dirs *made,
	 diag_list *diags)
{
	char *path = name ? store_join(dir, name) : strdup(dir);
	struct stat st;

	if (path == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		return NULL;
	}
	if (stat(path, &st) == 0)
		return path;
	if (!store_mkdirs(path, 0755, diags)) {
		free(path);
		return NULL;
	}
	if (made->n < sizeof(made->path) / sizeof(made->path[0]))
		made->path[made->n++] = strdup(path);
	return path;
}

/* Removes the folders made, last first, when they are empty (never any
 * file in them: only folders this run made). */
static void
unmake_dirs(made_dirs *made, bool remove)
{
	while (made->n > 0) {
		char *path = made->path[--made->n];

		if (remove && path)
			rmdir(path);
		free(path);
	}
}

bool
collect_write(const collect_set *s, const char *dir,
	      const collect_options *opt, diag_list *diags)
{
	write_ctx w = {.s = s, .dir = dir, .excel = opt && opt->excel};
	collect_out *o = collect_out_create();
	size_t n_groups = collect_n_groups(s);
	made_dirs *made = calloc(n_groups + 1, sizeof(*made));
	bool ok = false;

	atomic_init(&w.failed, false);
	w.gdirs = calloc(n_groups + 1, sizeof(*w.gdirs));
	w.sites = calloc(n_groups + 1, sizeof(*w.sites));
	w.reports = calloc(n_groups + 1, sizeof(*w.reports));
	if (o == NULL || !made || !w.gdirs || !w.sites || !w.reports) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		goto out;
	}
	if (!store_mkdirs(dir, 0755, diags))
		goto out;
	/* What a killed run left behind goes before this run writes. */
	collect_out_clean(dir, diags);
	for (size_t i = 0; i < n_groups; i++) {
		const collect_group *g = collect_group_at(s, i);
		char *site_dir;

		made[i].n = 0;
		w.gdirs[i] = make_dir(dir, g->subdir, &made[i], diags);
		if (w.gdirs[i] == NULL)
			goto out;
		site_dir = make_dir(w.gdirs[i], "site", &made[i], diags);
		if (site_dir == NULL)
			goto out;
		w.sites[i] = collect_site_create(site_dir, g);
		free(site_dir);
		if (w.sites[i] == NULL) {
			diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
			goto out;
		}
		w.reports[i] = collect_report_create(w.gdirs[i], g, s, diags);
		if (w.reports[i] == NULL)
			goto out;
	}
	if (!plan_jobs(&w, collect_jobs(s))) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		goto out;
	}
	/* The sync's head start when four fifths of the jobs are done
	 * (measured: earlier ones slow the writing down more than they
	 * save at the end). */
	if (w.n_jobs * 4 / 5 > 0)
		w.flusher = collect_flusher_start(dir, w.n_jobs * 4 / 5);
	collect_parallel(w.n_jobs, collect_jobs(s), job_at, &w);
	collect_flusher_stop(w.flusher);
	w.flusher = NULL;
	ok = true;
	for (size_t i = 0; i < n_groups; i++) {
		if (!collect_report_finish(o, w.reports[i], diags))
			ok = false;
		w.reports[i] = NULL;
	}
	for (size_t i = 0; i < w.n_jobs; i++) {
		if (!w.jobs[i].ok) {
			diag_list_move(diags, &w.jobs[i].diags);
			ok = false;
		}
	}
	for (size_t i = 0; i < w.n_jobs && ok; i++) {
		write_job *j = &w.jobs[i];

		if (collect_out_adopt(o, j->out)) {
			j->out = NULL;
		} else {
			diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
			ok = false;
		}
	}
	ok = ok && collect_out_commit(o, diags);
out:
	for (size_t i = 0; i < w.n_jobs; i++) {
		collect_out_destroy(w.jobs[i].out);
		diag_list_finish(&w.jobs[i].diags);
	}
	collect_out_destroy(o);
	o = NULL;
	/* The temporary files are gone: folders made for nothing go too,
	 * the group's last. */
	for (size_t i = 0; i < n_groups; i++) {
		if (w.reports)
			collect_report_destroy(w.reports[i]);
		if (w.sites)
			collect_site_destroy(w.sites[i]);
		if (w.gdirs)
			free(w.gdirs[i]);
		if (made)
			unmake_dirs(&made[i], !ok);
	}
	free(made);
	free(w.jobs);
	free(w.reports);
	free(w.sites);
	free(w.gdirs);
	collect_out_destroy(o);
	return ok;
}
