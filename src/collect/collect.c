/* The collection: searching folders for plan files, loading each with the
 * safe loader, sorting out what cannot be taken, and keeping the latest
 * submission of each country, one group per questionnaire version. */
#include "collect_int.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "planio.h"
#include "qncache.h"
#include "store.h"
#include "validate.h"
#include "ydoc.h"

struct collect_set {
	qn_cache *qns;          /* each questionnaire looked up once */
	collect_group **all;    /* a group per questionnaire found */
	size_t n_all;
	size_t cap_all;
	collect_group **groups; /* after collect_finish: with plans, ordered */
	size_t n_groups;
	collect_rejected *rejected;
	size_t n_rejected;
	size_t cap_rejected;
	size_t n_files;
	size_t n_ignored;
	size_t n_replaced;
	bool io_error;
	bool oom;
	bool have_skip;
	dev_t skip_dev;
	ino_t skip_ino;
	/* Files found and not loaded yet: collect_finish loads them. */
	char **pending;
	size_t n_pending;
	size_t cap_pending;
	unsigned jobs;
	/* Guards qns and all while files are loaded on several threads. */
	pthread_mutex_t qn_lock;
	/* The text of every plan loaded: all of it is kept to the end. */
	arena *text;
};

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

static void
plan_free(collect_plan *cp)
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
	free(cp);
}

static void
group_free(collect_group *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n_plans; i++)
		plan_free(g->plans[i]);
	free(g->plans);
	free(g->slots);
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
	for (size_t i = 0; i < s->n_rejected; i++) {
		free(s->rejected[i].path);
		free(s->rejected[i].reason);
	}
	free(s->rejected);
	for (size_t i = 0; i < s->n_pending; i++)
		free(s->pending[i]);
	free(s->pending);
	pthread_mutex_destroy(&s->qn_lock);
	/* After the groups: their plans' questionnaires and text are in
	 * these. */
	qn_cache_destroy(s->qns);
	arena_destroy(s->text);
	free(s);
}

void
collect_skip_dir(collect_set *s, const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		s->have_skip = true;
		s->skip_dev = st.st_dev;
		s->skip_ino = st.st_ino;
	}
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

static char *
format(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

static char *
format(const char *fmt, ...)
{
	va_list ap;
	char *raw;

	va_start(ap, fmt);
	raw = vformat(fmt, ap);
	va_end(ap);
	return raw;
}

/* Records a rejection of path for a reason (made by format; taken; NULL
 * when memory ran out). */
static void
record(collect_set *s, const char *path, char *raw)
{
	sbuf b = SBUF_INIT;
	char *shown = collect_show_dup(path), *reason = NULL;
	collect_rejected *v;

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
	s->rejected[s->n_rejected].path = shown;
	s->rejected[s->n_rejected].reason = reason;
	s->n_rejected++;
	return;
oom:
	s->oom = true;
	free(shown);
	free(reason);
	sbuf_finish(&b);
}

/* Records a rejection; reason is a printf format (already translated). */
static void
reject(collect_set *s, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void
reject(collect_set *s, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(s, path, vformat(fmt, ap));
	va_end(ap);
}

/* "LINE:COL: message [item ID]" of a problem in the file itself, or the
 * whole formatted problem when it is about another file. */
static char *
problem_text(const char *path, const diag *d)
{
	sbuf b = SBUF_INIT;

	if (d->file && strcmp(d->file, path) != 0) {
		char *f = diag_format(d);

		sbuf_str(&b, f ? f : d->message);
		free(f);
	} else {
		if (d->line > 0)
			sbuf_printf(&b, "%lu:%lu: ", d->line, d->col);
		sbuf_str(&b, d->message);
		if (d->item)
			sbuf_printf(&b, " [item %s]", d->item);
	}
	return sbuf_take(&b, NULL);
}

static size_t
n_errors(const diag_list *d)
{
	return d->n_errors ? d->n_errors : d->n;
}

/* Why path is rejected: a category and the first problem of diags. */
static char *
diags_reason(const char *path, const char *category, const diag_list *diags)
{
	const diag *first = NULL;
	char *text, *why;
	size_t more;

	for (size_t i = 0; i < diags->n && !first; i++)
		if (diags->v[i].severity == DIAG_ERROR)
			first = &diags->v[i];
	if (first == NULL && diags->n > 0)
		first = &diags->v[0];
	if (first == NULL)
		return strdup(category);
	text = problem_text(path, first);
	more = n_errors(diags) > 1 ? n_errors(diags) - 1 : 0;
	if (more > 0)
		why = format(dngettext(COLLECT_DOMAIN,
				       "%s: %s (and %zu more problem)",
				       "%s: %s (and %zu more problems)", more),
			     category, text ? text : first->message, more);
	else
		why = format("%s: %s", category,
			     text ? text : first->message);
	free(text);
	return why;
}

static bool
has_errno(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sys_errno)
			return true;
	return false;
}

/* The group of questionnaire id/version, made when the first plan asks
 * for it; NULL when the questionnaire is not available, *missing then
 * saying why (malloc'd, or NULL). Safe on any thread. False when memory
 * ran out. */
static bool
find_group(collect_set *s, const char *id, long version,
	   collect_group **group, char **missing)
{
	diag_list d = DIAG_LIST_INIT;
	const qn *q;
	bool ok = true;

	*group = NULL;
	*missing = NULL;
	pthread_mutex_lock(&s->qn_lock);
	q = qn_cache_find(s->qns, id, version, &d);
	if (q == NULL) {
		ok = !diag_out_of_memory(&d);
		if (ok && d.n > 0)
			ok = (*missing = problem_text("", &d.v[0])) != NULL;
		goto out;
	}
	for (size_t i = 0; i < s->n_all && *group == NULL; i++)
		if (s->all[i]->qn == q)
			*group = s->all[i];
	if (*group == NULL) {
		collect_group **v = grow_array(s->all, &s->cap_all, s->n_all,
					       sizeof(*v), 4);
		collect_group *g = v ? calloc(1, sizeof(*g)) : NULL;

		if (v)
			s->all = v;
		if (g == NULL) {
			ok = false;
			goto out;
		}
		g->qn = q;
		s->all[s->n_all++] = g;
		*group = g;
	}
out:
	pthread_mutex_unlock(&s->qn_lock);
	diag_list_finish(&d);
	return ok;
}

/* FNV-1a: the country index of a group. */
static size_t
hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

static size_t *
slot_of(collect_group *g, const char *key)
{
	size_t mask = g->n_slots - 1, i = hash(key) & mask;

	/* Slots hold index + 1; 0 is empty. */
	while (g->slots[i] && strcmp(g->plans[g->slots[i] - 1]->key, key))
		i = (i + 1) & mask;
	return &g->slots[i];
}

static bool
grow_index(collect_group *g)
{
	size_t n = g->n_slots ? g->n_slots * 2 : 64;
	size_t *old = g->slots, old_n = g->n_slots;

	g->slots = calloc(n, sizeof(*g->slots));
	if (g->slots == NULL) {
		g->slots = old;
		return false;
	}
	g->n_slots = n;
	for (size_t i = 0; i < old_n; i++)
		if (old[i])
			*slot_of(g, g->plans[old[i] - 1]->key) = old[i];
	free(old);
	return true;
}

/* True when a should be kept over b: higher revision, then later
 * modification, then the first path. */
static bool
newer(const collect_plan *a, const collect_plan *b)
{
	int c;

	if (a->plan->revision != b->plan->revision)
		return a->plan->revision > b->plan->revision;
	c = strcmp(a->plan->modified, b->plan->modified);
	if (c != 0)
		return c > 0;
	return strcmp(a->path, b->path) < 0;
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

/* Moves loser (and what it replaced) into winner's list of replaced
 * submissions, and frees the loser. */
static bool
absorb(collect_plan *winner, collect_plan *loser)
{
	size_t n = winner->n_replaced + 1 + loser->n_replaced;
	collect_replaced *v = realloc(winner->replaced, n * sizeof(*v));

	if (v == NULL)
		return false;
	winner->replaced = v;
	v[winner->n_replaced].path = loser->path;
	v[winner->n_replaced].revision = loser->plan->revision;
	memcpy(v[winner->n_replaced].modified, loser->plan->modified,
	       sizeof(v->modified));
	loser->path = NULL;
	winner->n_replaced++;
	for (size_t i = 0; i < loser->n_replaced; i++)
		v[winner->n_replaced++] = loser->replaced[i];
	loser->n_replaced = 0;
	qsort(v, winner->n_replaced, sizeof(*v), cmp_replaced);
	plan_free(loser);
	return true;
}

/* Adds an accepted plan to its group, replacing or being replaced by an
 * earlier submission of the same country. Takes cp. */
static void
accept(collect_set *s, collect_group *g, collect_plan *cp)
{
	collect_plan **v;
	size_t *slot;

	if (g->n_slots == 0 || (g->n_plans + 1) * 2 > g->n_slots) {
		if (!grow_index(g))
			goto oom;
	}
	slot = slot_of(g, cp->key);
	if (*slot) {
		collect_plan *old = g->plans[*slot - 1];

		s->n_replaced++;
		if (newer(cp, old)) {
			if (!absorb(cp, old)) {
				g->plans[*slot - 1] = cp; /* old is lost */
				plan_free(old);
				goto oom;
			}
			g->plans[*slot - 1] = cp;
		} else if (!absorb(old, cp)) {
			plan_free(cp);
			goto oom;
		}
		return;
	}
	v = grow_array(g->plans, &g->cap_plans, g->n_plans, sizeof(*v), 16);
	if (v == NULL) {
		plan_free(cp);
		goto oom;
	}
	g->plans = v;
	g->plans[g->n_plans++] = cp;
	*slot = g->n_plans;
	return;
oom:
	s->oom = true;
}

/* What the document says it is, from its format key alone. */
static const char *
doc_format(const yd_node *root)
{
	const yd_node *f = yd_map_get(root, "format");

	return f && f->kind == YD_SCALAR ? f->str : NULL;
}

/* What loading one file came to: a plan to accept into its group, or why
 * the file is not taken. */
typedef struct loaded {
	collect_plan *cp;
	collect_group *group;
	char *reason; /* made by format: not yet made printable */
	bool oom;
} loaded;

/* Loads one candidate file. Touches nothing of s but its questionnaires
 * (under their lock): files are loaded on several threads at once. */
static void
load_one(collect_set *s, const char *path, loaded *r)
{
	diag_list d = DIAG_LIST_INIT;
	val_list problems = VAL_LIST_INIT;
	planio_header h = {0};
	yd_node *root = NULL;
	plan *p = NULL;
	collect_plan *cp = NULL;
	collect_group *group = NULL;
	const char *fmt;
	char *missing = NULL;

	root = yd_parse_file(path, NULL, &d);
	/* A file that could not be read for lack of memory is not broken:
	 * the whole collection fails instead of leaving it out. */
	if (root == NULL && diag_out_of_memory(&d))
		goto oom;
	if (root == NULL) {
		r->reason = diags_reason(path,
					 has_errno(&d) ? _("cannot be read")
						       : _("broken"),
					 &d);
		goto out;
	}
	fmt = doc_format(root);
	if (root->kind != YD_MAP || fmt == NULL ||
	    strncmp(fmt, "actionplan-plan/", 16) != 0) {
		if (fmt && strncmp(fmt, "actionplan-questionnaire/", 25) == 0)
			r->reason = strdup(_("not a plan: a questionnaire"));
		else
			r->reason = strdup(_("not a plan file"));
		goto out;
	}
	if (!planio_read_header(path, root, &h, &d)) {
		if (diag_out_of_memory(&d))
			goto oom;
		r->reason = diags_reason(path, _("broken"), &d);
		goto out;
	}
	if (h.status != PLAN_FINAL) {
		r->reason = format(_("a draft (revision %lu), not a final plan"),
				   h.revision);
		goto out;
	}
	if (!find_group(s, h.qn_id, h.qn_version, &group, &missing))
		goto oom;
	if (group == NULL) {
		r->reason = format(
			_("questionnaire %s version %ld is not available: %s"),
			h.qn_id, h.qn_version, missing ? missing : _("not found"));
		goto out;
	}
	p = planio_from_tree_in(path, root, group->qn, s->text, &d);
	if (p == NULL) {
		if (diag_out_of_memory(&d))
			goto oom;
		r->reason = diags_reason(path, _("broken"), &d);
		goto out;
	}
	/* The tree is not needed any more: free it before the next file. */
	yd_free(root);
	root = NULL;
	if (validate_plan(p, true, &problems) > 0) {
		sbuf label = SBUF_INIT;

		if (problems.n > 0) {
			collect_item_label(&label, p->qn, problems.v[0].item);
			r->reason = format(
				dngettext(COLLECT_DOMAIN,
					  "not complete: %s: %s (%zu problem)",
					  "not complete: %s: %s (%zu problems)",
					  problems.n),
				sbuf_cstr(&label), problems.v[0].message,
				problems.n);
		} else {
			r->reason = strdup(_("not complete"));
		}
		sbuf_finish(&label);
		goto out;
	}
	cp = calloc(1, sizeof(*cp));
	if (cp == NULL)
		goto oom;
	cp->plan = p;
	p = NULL;
	cp->path = strdup(path);
	cp->country = collect_one_line(plan_country(cp->plan));
	/* Without a country role every plan stands alone: key it by its
	 * file. */
	cp->key = cp->plan->qn->country_item >= 0
			  ? collect_fold(plan_country(cp->plan))
			  : collect_fold(path);
	if (!cp->path || !cp->country || !cp->key)
		goto oom;
	r->cp = cp;
	r->group = group;
	cp = NULL;
	goto out;
oom:
	r->oom = true;
out:
	free(missing);
	plan_free(cp);
	plan_destroy(p);
	yd_free(root);
	planio_header_finish(&h);
	val_list_finish(&problems);
	diag_list_finish(&d);
}

/* The pending files being loaded, and what became of each. */
typedef struct load_run {
	collect_set *s;
	loaded *out;
} load_run;

static void
load_at(void *ctx, size_t i)
{
	load_run *lr = ctx;

	load_one(lr->s, lr->s->pending[i], &lr->out[i]);
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
	loaded *out = calloc(s->n_pending ? s->n_pending : 1, sizeof(*out));
	load_run lr = {s, out};

	if (out == NULL) {
		s->oom = true;
		return;
	}
	collect_parallel(s->n_pending, s->jobs, load_at, &lr);
	for (size_t i = 0; i < s->n_pending; i++) {
		if (out[i].oom) {
			s->oom = true;
			free(out[i].reason);
		} else if (out[i].cp) {
			accept(s, out[i].group, out[i].cp);
		} else {
			record(s, s->pending[i], out[i].reason);
		}
		free(s->pending[i]);
		s->pending[i] = NULL;
	}
	free(out);
	s->n_pending = 0;
}

/* A file to load (by collect_finish). */
static void
enqueue(collect_set *s, const char *path)
{
	char **v;

	s->n_files++;
	v = grow_array(s->pending, &s->cap_pending, s->n_pending, sizeof(*v),
		       64);
	if (v == NULL)
		goto oom;
	s->pending = v;
	s->pending[s->n_pending] = strdup(path);
	if (s->pending[s->n_pending] == NULL)
		goto oom;
	s->n_pending++;
	return;
oom:
	s->oom = true;
}

static bool
yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcasecmp(name + n - 4, ".yml") == 0);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(collect_set *s, const char *dir, size_t depth);

/* One entry found in a folder. */
static void
visit(collect_set *s, const char *path, const char *name, size_t depth)
{
	struct stat st, target;

	if (lstat(path, &st) != 0) {
		reject(s, path, _("cannot be read"));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (s->have_skip && st.st_dev == s->skip_dev &&
		    st.st_ino == s->skip_ino)
			return;
		if (depth + 1 > COLLECT_MAX_DEPTH) {
			reject(s, path,
			       _("folder not searched: more than %d levels deep"),
			       COLLECT_MAX_DEPTH);
			return;
		}
		walk(s, path, depth + 1);
		return;
	}
	bool link_ok = S_ISLNK(st.st_mode) && stat(path, &target) == 0;

	if (link_ok && S_ISDIR(target.st_mode)) {
		reject(s, path, "%s",
		       _("symbolic link to a folder, not followed"));
		return;
	}
	if (!yaml_name(name)) {
		s->n_ignored++;
		return;
	}
	/* A link that cannot be followed is tried all the same: loading
	 * then says why (a loop, a missing target). */
	if ((!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) ||
	    (link_ok && !S_ISREG(target.st_mode))) {
		s->n_files++;
		reject(s, path, "%s", _("not a regular file"));
		return;
	}
	enqueue(s, path);
}

/* Searches a folder, entries in byte order of their names so that every
 * run sees the files in the same order. */
static void
walk(collect_set *s, const char *dir, size_t depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		if (errno == ENOMEM)
			s->oom = true;
		else
			reject(s, dir, _("folder cannot be read"));
		return;
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		char **v;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		v = grow_array(names, &cap, n, sizeof(*v), 32);
		if (v == NULL)
			goto oom;
		names = v;
		names[n] = strdup(e->d_name);
		if (names[n] == NULL)
			goto oom;
		n++;
	}
	if (errno != 0)
		reject(s, dir, _("folder cannot be read"));
	closedir(d);
	d = NULL;
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *path = store_join(dir, names[i]);

		if (path == NULL)
			goto oom;
		visit(s, path, names[i], depth);
		free(path);
	}
	goto out;
oom:
	s->oom = true;
out:
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool
collect_add_path(collect_set *s, const char *path)
{
	struct stat st;

	/* A PATH given is followed even when it is a symbolic link: the
	 * user named it. */
	if (stat(path, &st) != 0) {
		reject(s, path, _("cannot be read"));
		s->io_error = true;
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		if (s->have_skip && st.st_dev == s->skip_dev &&
		    st.st_ino == s->skip_ino)
			return true;
		walk(s, path, 0);
	} else if (S_ISREG(st.st_mode)) {
		enqueue(s, path);
	} else {
		s->n_files++;
		reject(s, path, "%s", _("not a regular file"));
	}
	return true;
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

void
collect_finish(collect_set *s)
{
	size_t n = 0;

	load_pending(s);
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
		free(g->slots);
		g->slots = NULL;
		g->n_slots = 0;
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
