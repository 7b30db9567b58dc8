/* Running independent pieces of the collector's work (loading files,
 * writing pages) on several threads: each index is handed out once from a
 * shared counter, so faster threads simply take more. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "collect_int.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct run {
	void (*fn)(void *ctx, size_t i);
	void *ctx;
	size_t n;
	atomic_size_t next;
} run;

static void *
work(void *arg)
{
	run *r = arg;
	size_t i;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->n)
		r->fn(r->ctx, i);
	return NULL;
}

unsigned
collect_default_jobs(void)
{
	cpu_set_t set;
	long n = 0;

	/* The processors this process may run on (taskset, containers),
	 * not every processor of the machine. */
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 0)
		return 1;
	return n > COLLECT_MAX_JOBS ? COLLECT_MAX_JOBS : (unsigned)n;
}

void
collect_parallel(size_t n, unsigned jobs, void (*fn)(void *ctx, size_t i),
		 void *ctx)
{
	pthread_t tid[COLLECT_MAX_JOBS];
	unsigned started = 0;
	run r = {fn, ctx, n, 0};

	if (jobs > COLLECT_MAX_JOBS)
		jobs = COLLECT_MAX_JOBS;
	if (jobs > n)
		jobs = (unsigned)n;
	/* The calling thread is one of the jobs; a thread that cannot be
	 * started only means fewer hands. */
	while (started + 1 < jobs &&
	       pthread_create(&tid[started], NULL, work, &r) == 0)
		started++;
	work(&r);
	for (unsigned k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
}
