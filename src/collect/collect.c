/* The collection: loading each plan file found (collect_find.c) with the
 * safe loader, sorting out what cannot be taken, and keeping the latest
 * submission of each country, one group per questionnaire version. */
#include "collect_set.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "itype.h"
#include "loadplan.h"
#include "planio.h"
#include "qncache.h"
#include "store.h"
#include "validate.h"
#include "ydoc.h"

collect_set *
collect_create(const char *const *qn_dirs)
{
	collect_set *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->text = arena_create();
	s->qns = qn_cache_create(qn_dirs);
	if (s->text == NULL || s->qns == NULL ||
	    pthread_mutex_init(&s->qn_lock, NULL) != 0) {
		qn_cache_destroy(s->qns);
		arena_destroy(s->text);
		free(s);
		return NULL;
	}
	s->jobs = collect_default_jobs();
	return s;
}

void
collect_set_jobs(collect_set *s, unsigned jobs)
{
	s->jobs = jobs == 0 ? collect_default_jobs()
	    : jobs > COLLECT_MAX_JOBS ? COLLECT_MAX_JOBS
				      : jobs;
}

void
collect_plan_free(collect_plan *cp)
{
	if (cp == NULL)
		return;
	free(cp->path);
	plan_destroy(cp->plan);
	free(cp->country);
	free(cp->key);
	for (size_t i = 0; i < cp->n_replaced; i++)
		free(cp->replaced[i].path);
	free(cp->replaced);
	for (size_t i = 0; i < cp->n_conflicts; i++)
		free(cp->conflicts[i].path);
	free(cp->conflicts);
	free(cp);
}

static void
group_free(collect_group *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n_plans; i++)
		collect_plan_free(g->plans[i]);
	free(g->plans);
	strindex_free(&g->index);
	free(g->subdir);
	free(g);
}

void
collect_destroy(collect_set *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_all; i++)
		group_free(s->all[i]);
	free(s->all);
	free(s->groups);
	collect_statuses_free(s);
	for (size_t i = 0; i < s->n_rejected; i++) {
		free(s->rejected[i].path);
		free(s->rejected[i].reason);
		free(s->rejected[i].key);
		free(s->rejected[i].country);
	}
	free(s->rejected);
	for (size_t i = 0; i < s->n_pending; i++)
		free(s->pending[i]);
	free(s->pending);
	free(s->seen);
	pthread_mutex_destroy(&s->qn_lock);
	/* After the groups: their plans' questionnaires and text are in
	 * these. */
	qn_cache_destroy(s->qns);
	arena_destroy(s->text);
	free(s);
}

void
collect_set_keys(collect_set *s, const sig_ring *ring, bool require)
{
	s->ring = ring;
	s->require_signatures = require;
}
/* A printf format (already translated) filled in, malloc'd; NULL when out
 * of memory. */
static char *
vformat(const char *fmt, va_list ap)
{
	va_list again;
	char *raw;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	raw = n < 0 ? NULL : malloc((size_t)n + 1);
	if (raw)
		vsnprintf(raw, (size_t)n + 1, fmt, again);
	va_end(again);
	return raw;
}

char *
collect_format(const char *fmt, ...)
{
	va_list ap;
	char *raw;

	va_start(ap, fmt);
	raw = vformat(fmt, ap);
	va_end(ap);
	return raw;
}

void
collect_set_roster(collect_set *s, const roster *r)
{
	s->roster = r;
}

const roster *
collect_roster(const collect_set *s)
{
	return s->roster;
}

/* Records a rejection of path for a reason (made by format; taken; NULL
 * when memory ran out), from the country who says (NULL: unknown; its
 * country is taken). */
static void
record(collect_set *s, const char *path, char *raw, collect_who *who)
{
	sbuf b = SBUF_INIT;
	char *shown = collect_show_dup(path), *reason = NULL;
	collect_rejected *v, *rj;
	collect_who none = {0};

	if (raw) {
		/* Reasons quote plan text: keep them to one line. */
		collect_show_bytes(&b, raw);
		free(raw);
		reason = sbuf_take(&b, NULL);
	}
	v = grow_array(s->rejected, &s->cap_rejected, s->n_rejected,
		       sizeof(*v), 16);
	if (v == NULL)
		goto oom;
	s->rejected = v;
	if (reason == NULL || shown == NULL)
		goto oom;
	if (who == NULL)
		who = &none;
	rj = &s->rejected[s->n_rejected++];
	*rj = (collect_rejected){.path = shown, .reason = reason,
				 .country = who->country, .draft = who->draft,
				 .revision = who->revision};
	who->country = NULL;
	memcpy(rj->code, who->code, sizeof(rj->code));
	/* Keyed as plans are, so that it counts for its country. */
	if (rj->code[0])
		rj->key = strdup(rj->code);
	else if (rj->country)
		rj->key = collect_fold(rj->country);
	if ((rj->code[0] || rj->country) && rj->key == NULL)
		s->oom = true;
	return;
oom:
	s->oom = true;
	free(shown);
	free(reason);
	free(who ? who->country : NULL);
	if (who)
		who->country = NULL;
	sbuf_free(&b);
}

void
collect_reject(collect_set *s, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(s, path, vformat(fmt, ap), NULL);
	va_end(ap);
}

typedef enum order { NEWER, OLDER, COPY, CONFLICT } order;

static order
compare_plans(const collect_set *s, const collect_plan *a,
	      const collect_plan *b)
{
	int c;

	if (s->ring != NULL &&
	    collect_sig_rank(&a->sig) != collect_sig_rank(&b->sig))
		return collect_sig_rank(&a->sig) > collect_sig_rank(&b->sig)
			       ? NEWER
			       : OLDER;
	if (a->plan->revision != b->plan->revision)
		return a->plan->revision > b->plan->revision ? NEWER : OLDER;
	c = strcmp(a->plan->modified, b->plan->modified);
	if (c != 0)
		return c > 0 ? NEWER : OLDER;
	return plan_equal_answers(a->plan, b->plan) ? COPY : CONFLICT;
}

static int
cmp_replaced(const void *pa, const void *pb)
{
	const collect_replaced *a = pa, *b = pb;
	int c;

	if (a->revision != b->revision)
		return a->revision > b->revision ? -1 : 1;
	c = strcmp(b->modified, a->modified);
	return c ? c : strcmp(a->path, b->path);
}

/* cp as a submission set aside: its path (moved to r), revision, time
 * and what was received. */
static void
set_aside(collect_replaced *r, collect_plan *cp)
{
	r->path = cp->path;
	r->revision = cp->plan->revision;
	memcpy(r->modified, cp->plan->modified, sizeof(r->modified));
	r->sig = cp->sig;
	cp->path = NULL;
}

/* Moves loser (and what it replaced, and what it conflicted with) into
 * winner's list of replaced submissions, and frees the loser. */
static bool
absorb(collect_plan *winner, collect_plan *loser)
{
	size_t n = winner->n_replaced + 1 + loser->n_replaced +
		   loser->n_conflicts;
	collect_replaced *v = realloc(winner->replaced, n * sizeof(*v));

	if (v == NULL)
		return false;
	winner->replaced = v;
	for (size_t i = 0; i <= loser->n_conflicts; i++) {
		collect_replaced *r = &v[winner->n_replaced++];

		if (i == 0) {
			set_aside(r, loser);
		} else {
			*r = loser->conflicts[i - 1];
			loser->conflicts[i - 1].path = NULL;
		}
	}
	loser->n_conflicts = 0;
	for (size_t i = 0; i < loser->n_replaced; i++)
		v[winner->n_replaced++] = loser->replaced[i];
	loser->n_replaced = 0;
	qsort(v, winner->n_replaced, sizeof(*v), cmp_replaced);
	collect_plan_free(loser);
	return true;
}

/* Adds an accepted plan to its group, replacing or being replaced by an
 * earlier submission of the same country. Takes cp. */
static void
accept(collect_set *s, collect_group *g, collect_plan *cp)
{
	collect_plan **v;
	size_t at;

	if (strindex_get(&g->index, cp->key, &at)) {
		collect_plan *old = g->plans[at];
		order o = compare_plans(s, cp, old);

		if (o == CONFLICT) {
			/* Kept aside with the plan it conflicts with;
			 * collect_load_all rejects them all unless a newer
			 * submission replaces them first. */
			collect_replaced *c = realloc(
				old->conflicts,
				(old->n_conflicts + 1) * sizeof(*c));

			if (c == NULL) {
				collect_plan_free(cp);
				goto oom;
			}
			old->conflicts = c;
			set_aside(&old->conflicts[old->n_conflicts++], cp);
			collect_plan_free(cp);
			return;
		}
		s->n_replaced++;
		if (o == NEWER) {
			g->plans[at] = cp;
			/* The index borrows the kept plan's key. */
			(void)strindex_put(&g->index, cp->key, at);
			if (!absorb(cp, old)) {
				collect_plan_free(old); /* old is lost */
				goto oom;
			}
		} else if (!absorb(old, cp)) {
			collect_plan_free(cp);
			goto oom;
		}
		return;
	}
	v = grow_array(g->plans, &g->cap_plans, g->n_plans, sizeof(*v), 16);
	if (v == NULL) {
		collect_plan_free(cp);
		goto oom;
	}
	g->plans = v;
	if (!strindex_put(&g->index, cp->key, g->n_plans)) {
		collect_plan_free(cp);
		goto oom;
	}
	g->plans[g->n_plans++] = cp;
	return;
oom:
	s->oom = true;
}

/* What the document says it is, from its format key alone. */
/* The pending files being loaded, and what became of each. */
typedef struct load_run {
	collect_set *s;
	collect_loaded *out;
} load_run;

static void
load_at(void *ctx, size_t i)
{
	load_run *lr = ctx;

	collect_load_file(lr->s, lr->s->pending[i], &lr->out[i]);
}

/* Loads every pending file: all of them in one run over every thread (one
 * queue keeps each thread busy to the end; batches left threads waiting
 * for the slowest file of each), then accepts or rejects each in the order
 * the files were found, so that the outcome is the same on any number of
 * threads. A plan a resubmission replaces is freed then; its text stays in
 * s->text to the end (no more than the text of the files read). */
static void
load_pending(collect_set *s)
{
	collect_loaded *out = calloc(s->n_pending ? s->n_pending : 1, sizeof(*out));
	load_run lr = {s, out};

	if (out == NULL) {
		s->oom = true;
		return;
	}
	collect_parallel(s->n_pending, s->jobs, load_at, &lr);
	for (size_t i = 0; i < s->n_pending; i++) {
		if (out[i].oom || out[i].who.oom) {
			s->oom = true;
			free(out[i].reason);
		} else if (out[i].cp) {
			accept(s, out[i].group, out[i].cp);
		} else {
			record(s, s->pending[i], out[i].reason, &out[i].who);
		}
		free(out[i].who.country);
		free(s->pending[i]);
		s->pending[i] = NULL;
	}
	free(out);
	s->n_pending = 0;
}

static int
cmp_plans(const void *pa, const void *pb)
{
	const collect_plan *a = *(collect_plan *const *)pa;
	const collect_plan *b = *(collect_plan *const *)pb;
	int c = strcmp(a->key, b->key);

	if (c == 0)
		c = strcmp(a->country, b->country);
	return c ? c : strcmp(a->path, b->path);
}

static int
cmp_groups(const void *pa, const void *pb)
{
	const collect_group *a = *(collect_group *const *)pa;
	const collect_group *b = *(collect_group *const *)pb;

	if (a->n_plans != b->n_plans)
		return a->n_plans > b->n_plans ? -1 : 1;
	if (a->qn->version != b->qn->version)
		return a->qn->version > b->qn->version ? -1 : 1;
	return strcmp(a->qn->id, b->qn->id);
}

static int
cmp_rejected(const void *pa, const void *pb)
{
	const collect_rejected *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	return c ? c : strcmp(a->reason, b->reason);
}

/* Plans left in conflict (the same revision and time as another file of
 * their country, with other answers, and nothing newer): none of them is
 * the latest, so every one is rejected, saying which others it
 * conflicts with, and the country is left out of the comparison. */
static void
reject_conflicts(collect_set *s, collect_group *g)
{
	size_t kept = 0;

	for (size_t k = 0; k < g->n_plans; k++) {
		collect_plan *cp = g->plans[k];

		if (cp->n_conflicts == 0) {
			g->plans[kept++] = cp;
			continue;
		}
		for (size_t i = 0; i <= cp->n_conflicts; i++) {
			const char *self = i ? cp->conflicts[i - 1].path
					     : cp->path;
			const char *other = i ? cp->path
					      : cp->conflicts[0].path;
			char *shown = collect_show_dup(other);
			collect_who who = {.country = strdup(cp->country)};

			if (who.country == NULL)
				s->oom = true;
			memcpy(who.code, cp->code, sizeof(who.code));
			record(s, self,
			       collect_format(
				       _("conflict: the same revision (%lu) "
					 "and time of modification (%s) as "
					 "%s, with other answers; neither is "
					 "taken until one is withdrawn or "
					 "revised"),
				       cp->plan->revision, cp->plan->modified,
				       shown ? shown : "?"),
			       &who);
			free(who.country);
			free(shown);
		}
		collect_plan_free(cp);
	}
	g->n_plans = kept;
}

void
collect_load_all(collect_set *s)
{
	size_t n = 0;

	load_pending(s);
	for (size_t i = 0; i < s->n_all; i++)
		reject_conflicts(s, s->all[i]);
	free(s->groups);
	s->groups = NULL;
	s->n_groups = 0;
	for (size_t i = 0; i < s->n_all; i++)
		if (s->all[i]->n_plans > 0)
			n++;
	if (n > 0) {
		s->groups = malloc(n * sizeof(*s->groups));
		if (s->groups == NULL) {
			s->oom = true;
			return;
		}
	}
	for (size_t i = 0; i < s->n_all; i++) {
		collect_group *g = s->all[i];

		if (g->n_plans == 0)
			continue;
		/* The index goes stale once sorted; it is no longer needed. */
		qsort(g->plans, g->n_plans, sizeof(*g->plans), cmp_plans);
		strindex_free(&g->index);
		s->groups[s->n_groups++] = g;
	}
	if (s->n_groups > 1)
		qsort(s->groups, s->n_groups, sizeof(*s->groups),
		      cmp_groups);
	for (size_t i = 0; i < s->n_groups; i++) {
		collect_group *g = s->groups[i];
		char slug[64], name[96];

		free(g->subdir);
		g->subdir = NULL;
		if (i == 0)
			continue;
		collect_slug(g->qn->id, slug, sizeof(slug));
		snprintf(name, sizeof(name), "%s-v%ld",
			 slug[0] ? slug : "questionnaire", g->qn->version);
		g->subdir = strdup(name);
		if (g->subdir == NULL)
			s->oom = true;
	}
	/* qsort must not see the NULL of an empty list. */
	if (s->n_rejected > 1)
		qsort(s->rejected, s->n_rejected, sizeof(*s->rejected),
		      cmp_rejected);
	collect_statuses_make(s);
}

size_t
collect_n_groups(const collect_set *s)
{
	return s->n_groups;
}

const collect_group *
collect_group_at(const collect_set *s, size_t i)
{
	return i < s->n_groups ? s->groups[i] : NULL;
}

size_t
collect_n_rejected(const collect_set *s)
{
	return s->n_rejected;
}

const collect_rejected *
collect_rejected_at(const collect_set *s, size_t i)
{
	return i < s->n_rejected ? &s->rejected[i] : NULL;
}

void
collect_get_counts(const collect_set *s, collect_counts *out)
{
	out->files = s->n_files;
	out->ignored = s->n_ignored;
	out->replaced = s->n_replaced;
	out->rejected = s->n_rejected;
	out->accepted = 0;
	for (size_t i = 0; i < s->n_groups; i++)
		out->accepted += s->groups[i]->n_plans;
}

bool
collect_io_error(const collect_set *s)
{
	return s->io_error || s->oom;
}

bool
collect_out_of_memory(const collect_set *s)
{
	return s->oom;
}

unsigned
collect_jobs(const collect_set *s)
{
	return s->jobs;
}

const qn *
collect_find_qn(const collect_set *s, const char *id, long version)
{
	/* The cache is shared state behind its lock, whatever the caller
	 * may touch of the rest. */
	collect_set *m = (collect_set *)s;
	diag_list d = DIAG_LIST_INIT;
	const qn *q;

	pthread_mutex_lock(&m->qn_lock);
	q = qn_cache_find(m->qns, id, version, &d);
	pthread_mutex_unlock(&m->qn_lock);
	diag_list_free(&d);
	return q;
}
