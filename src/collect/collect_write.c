/* Writing a collection's outputs (collect_write): the staging folder, what
 * every output may read (the groups' views, the language, the changes),
 * then every output of the table (outputs.def) as jobs on all threads,
 * then the swap. */
#include "collect_int.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grow.h"

static const collect_output *const outputs[] = {
#define OUTPUT(name) &collect_output_##name,
#include "outputs.def"
#undef OUTPUT
};
#define N_OUTPUTS (sizeof(outputs) / sizeof(outputs[0]))

/* One output for one group (or for the collection): its state and its
 * pieces. */
typedef struct task {
	const collect_output *out;
	size_t group;
	void *state;
	size_t n_pieces;
	bool started;
} task;

/* One piece of a task: a job for any thread. */
typedef struct job {
	size_t task;
	size_t piece;
	collect_out *out;
	diag_list diags;
	bool ok;
	double cpu_s; /* the thread's CPU time for it */
} job;

/* The calling thread's CPU time, or the clock's, in seconds. */
static double
seconds(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct writer {
	collect_run run;
	task *tasks;
	size_t n_tasks, cap_tasks;
	job *jobs;
	size_t n_jobs, cap_jobs;
	atomic_bool failed;
	collect_flusher *flusher; /* or NULL */
} writer;

static void
job_at(void *ctx, size_t i)
{
	writer *w = ctx;
	job *j = &w->jobs[i];
	task *t = &w->tasks[j->task];

	/* After a failure the rest is not written: it would be thrown
	 * away. */
	if (atomic_load(&w->failed))
		return;
	j->cpu_s = seconds(CLOCK_THREAD_CPUTIME_ID);
	j->out = collect_out_create();
	if (j->out == NULL)
		diag_add_errno(&j->diags, NULL, ENOMEM, "%s", "actionplan");
	else
		j->ok = t->out->piece(&w->run, t->group, t->state, j->piece,
				      j->out, &j->diags);
	collect_out_destroy(j->out);
	j->out = NULL;
	j->cpu_s = seconds(CLOCK_THREAD_CPUTIME_ID) - j->cpu_s;
	/* A piece that fails without a word lost its text to a failed
	 * buffer (sbuf), that is to a lack of memory: said so, the run
	 * never ends in silence. */
	if (!j->ok && j->diags.n_errors == 0)
		diag_add_errno(&j->diags, NULL, ENOMEM, "%s", "actionplan");
	if (!j->ok)
		atomic_store(&w->failed, true);
	collect_flusher_done(w->flusher);
}

/* Starts every output (for each group when it is per group) and lists
 * its pieces as jobs, in the order of the table. */
static bool
plan_jobs(writer *w, diag_list *diags)
{
	size_t n_groups = collect_n_groups(w->run.s);

	for (size_t o = 0; o < N_OUTPUTS; o++) {
		size_t runs = outputs[o]->per_group ? n_groups : 1;

		for (size_t g = 0; g < runs; g++) {
			task *t = grow_array(w->tasks, &w->cap_tasks,
					     w->n_tasks, sizeof(*t), 16);

			if (t == NULL)
				goto oom;
			w->tasks = t;
			t = &w->tasks[w->n_tasks++];
			*t = (task){outputs[o], g, NULL, 1, false};
			if (outputs[o]->start &&
			    !outputs[o]->start(&w->run, g, &t->state,
					       &t->n_pieces, diags))
				return false;
			t->started = true;
		}
	}
	/* Pieces of each output in turn: the largest outputs are first in
	 * the table, so no thread is left with a long job at the end. */
	for (size_t k = 0; k < w->n_tasks; k++)
		for (size_t p = 0; p < w->tasks[k].n_pieces; p++) {
			job *j = grow_array(w->jobs, &w->cap_jobs, w->n_jobs,
					    sizeof(*j), 64);

			if (j == NULL)
				goto oom;
			w->jobs = j;
			w->jobs[w->n_jobs++] =
				(job){k, p, NULL, DIAG_LIST_INIT, false, 0};
		}
	return true;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
	return false;
}

static bool
run_jobs(writer *w, diag_list *diags)
{
	bool ok = true;

	/* The sync's head start when four fifths of the jobs are done
	 * (measured: earlier ones slow the writing down more than they
	 * save at the end). */
	if (w->n_jobs * 4 / 5 > 0)
		w->flusher = collect_flusher_start(w->run.root,
						   w->n_jobs * 4 / 5);
	collect_parallel(w->n_jobs, collect_jobs(w->run.s), job_at, w);
	collect_flusher_stop(w->flusher);
	w->flusher = NULL;
	for (size_t i = 0; i < w->n_jobs; i++) {
		if (!w->jobs[i].ok) {
			diag_list_move(diags, &w->jobs[i].diags);
			ok = false;
		}
	}
	for (size_t k = 0; k < w->n_tasks && ok; k++) {
		task *t = &w->tasks[k];

		if (t->out->end &&
		    !t->out->end(&w->run, t->group, t->state, diags))
			ok = false;
	}
	return ok;
}

/* Each output's CPU time, summed over its jobs, into t. */
static void
sum_timings(const writer *w, collect_timings *t)
{
	t->n = 0;
	for (size_t o = 0; o < N_OUTPUTS && o < COLLECT_MAX_TIMINGS; o++) {
		t->v[o].name = outputs[o]->name;
		t->v[o].cpu_s = 0;
		t->n++;
	}
	for (size_t i = 0; i < w->n_jobs; i++) {
		const collect_output *out = w->tasks[w->jobs[i].task].out;

		for (size_t o = 0; o < t->n; o++)
			if (outputs[o] == out)
				t->v[o].cpu_s += w->jobs[i].cpu_s;
	}
}

bool
collect_write(const collect_set *s, const char *dir,
	      const collect_options *opt, diag_list *diags)
{
	static const collect_options defaults = {false, NULL, NULL, NULL};
	double t0 = seconds(CLOCK_MONOTONIC);
	writer w = {.run = {.s = s, .opt = opt ? opt : &defaults,
			    .warnings = SBUF_INIT}};
	collect_stage *st = NULL;
	collect_changes *changes = NULL;
	bool ok = false;

	atomic_init(&w.failed, false);
	if (!collect_lang_open(&w.run.lang, w.run.opt->lang, diags))
		return false;
	st = collect_stage_begin(dir, diags);
	if (st == NULL)
		goto out;
	w.run.root = collect_stage_path(st);
	if (!collect_views_create(&w.run, diags))
		goto out;
	changes = collect_changes_create(
		s, w.run.opt->since ? w.run.opt->since
		   : collect_stage_had_output(st) ? collect_stage_dir(st)
						 : NULL,
		w.run.views, &w.run.lang, diags);
	if (changes == NULL)
		goto out;
	w.run.changes = changes;
	if (!collect_status_build(&w.run.status, s, &w.run.lang)) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", "actionplan");
		goto out;
	}
	if (!collect_workbook_scan(&w.run, diags))
		goto out;
	if (w.run.opt->timings)
		w.run.opt->timings->before_s = seconds(CLOCK_MONOTONIC) - t0;
	if (!plan_jobs(&w, diags) || !run_jobs(&w, diags))
		goto out;
	t0 = seconds(CLOCK_MONOTONIC);
	ok = collect_stage_commit(st, diags);
	if (w.run.opt->timings) {
		w.run.opt->timings->after_s = seconds(CLOCK_MONOTONIC) - t0;
		sum_timings(&w, w.run.opt->timings);
	}
out:
	for (size_t k = 0; k < w.n_tasks; k++)
		if (w.tasks[k].started && w.tasks[k].out->free)
			w.tasks[k].out->free(w.tasks[k].state);
	for (size_t i = 0; i < w.n_jobs; i++)
		diag_list_free(&w.jobs[i].diags);
	free(w.jobs);
	free(w.tasks);
	collect_changes_destroy(changes);
	collect_status_free(&w.run.status);
	sbuf_free(&w.run.warnings);
	collect_views_destroy(&w.run);
	/* An uncommitted staging folder goes; dir is as it was. */
	collect_stage_end(st);
	collect_lang_close(&w.run.lang);
	return ok;
}
