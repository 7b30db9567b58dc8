/* The collection's own state, shared by the files that fill it:
 * collect.c (loading, groups, rejections) and collect_find.c (finding the
 * files). Not for use outside src/collect. */
#ifndef AP_COLLECT_SET_H
#define AP_COLLECT_SET_H

#include <pthread.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "arena.h"
#include "collect_int.h"
#include "qncache.h"

struct collect_set {
	qn_cache *qns;          /* each questionnaire looked up once */
	collect_group **all;    /* a group per questionnaire found */
	size_t n_all;
	size_t cap_all;
	collect_group **groups; /* after collect_load_all: with plans, ordered */
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
	/* Files found and not loaded yet: collect_load_all loads them. */
	char **pending;
	size_t n_pending;
	size_t cap_pending;
	/* The files found, by device and inode, so that a file reached
	 * twice (a link to it, a second hard link) is loaded once: index
	 * + 1 into pending, 0 empty; with whether that path was a link. */
	struct seen {
		dev_t dev;
		ino_t ino;
		size_t index;
		bool link;
	} *seen;
	size_t n_seen_slots;
	unsigned jobs;
	/* Guards qns and all while files are loaded on several threads. */
	pthread_mutex_t qn_lock;
	/* The text of every plan loaded: all of it is kept to the end. */
	arena *text;
	/* The roster (borrowed), or NULL; the status of every country. */
	const roster *roster;
	country_state *countries;
	size_t n_countries;
	/* Trusted keys (borrowed), or NULL: signatures not checked. */
	const sig_ring *ring;
	bool require_signatures;
};

/* Records a rejection of path (shown safely); reason is a printf format
 * (already translated). */
void
collect_reject(collect_set *s, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Who a rejected file is from (collect_rejected's key, country, code,
 * draft, revision): filled while the file is loaded. */
typedef struct collect_who {
	char code[4];
	char *country; /* shown, one line; NULL when unknown */
	bool draft;
	unsigned long revision;
	bool oom; /* memory ran out while telling */
} collect_who;

/* Who a file not taken is from: its country answer (q: its
 * questionnaire, or NULL), else its file name; or the plan it loaded
 * as. */
void
collect_who_from_tree(collect_who *w, const struct yd_node *root,
		      const qn *q, const char *path);
void
collect_who_from_plan(collect_who *w, const plan *p);

/* Makes the status of every country (roster.c's list) from the groups
 * and the rejected files; after they are sorted. */
void
collect_statuses_make(collect_set *s);
void
collect_statuses_free(collect_set *s);

/* A printf format (already translated) filled in, malloc'd; NULL when out
 * of memory. */
char *
collect_format(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Frees a plan of the collection and what it holds (NULL: nothing). */
void
collect_plan_free(collect_plan *cp);

/* What loading one file came to (collect_load.c): a plan to accept into
 * its group, or why the file is not taken. */
typedef struct collect_loaded {
	collect_plan *cp;
	collect_group *group;
	char *reason; /* made by collect_format: not yet made printable */
	collect_who who; /* the country of a file not taken */
	bool oom;
} collect_loaded;

/* Loads one candidate file into *r (zeroed by the caller). Touches
 * nothing of s but its questionnaires (under their lock): files are
 * loaded on several threads at once. */
void
collect_load_file(collect_set *s, const char *path, collect_loaded *r);

#endif
