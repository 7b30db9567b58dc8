/* Carrying plans over to a newer version of their questionnaire
 * (`actionplan migrate PLAN --to VERSION`, and the form's offer): the
 * chain of versions in between, each declaring migrate_from; the new plan
 * and the list of answers that have no place in it, written beside it so
 * that no text is lost. The old file is never touched. No terminal I/O. */
#ifndef AP_MIGRATE_H
#define AP_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "qn.h"
#include "sbuf.h"

/* Most versions one migration goes through. */
#define MIGRATE_MAX_STEPS 64

/* p carried over, in memory, to version `to` of its questionnaire (found
 * in session_qn_dirs, as every version in between), step by step
 * (plan_migrate). The result's questionnaire is handed to *q_out (free it
 * after the plan). When dropped is not NULL, the answers without a place
 * are appended to it as text (migrate_file's list) and their number added
 * to *n_dropped. NULL, with the reason
 * in diags, when a version is missing or declares no way from the one
 * before, or when `to` is not newer than p's version. */
plan *
migrate_plan(const plan *p, long to, qn **q_out, sbuf *dropped,
	     size_t *n_dropped, diag_list *diags);

/* The newest installed version of q's questionnaire that plans of q's
 * version can be carried over to, or 0 when there is none newer. */
long
migrate_newest(const qn *q);

typedef struct migrate_result {
	char *out;        /* the new plan's file */
	char *dropped;    /* the list of answers without a place, or NULL */
	size_t n_dropped; /* answers (or parts) in that list */
	size_t n_carried; /* answers marked carried over for review */
	long from;        /* the versions */
	long to;
} migrate_result;

void
migrate_result_free(migrate_result *r);

/* Loads the plan in path, carries it over to version `to` (0: the newest
 * migrate_newest finds) and writes the new plan to out (NULL: beside
 * path, NAME-vVERSION.yaml) and, when answers have no place, their list
 * to the same name with ".dropped.txt" for ".yaml". out must not exist
 * and must not be path. What was written is in *r. False, with the
 * reason in diags and nothing written, otherwise. */
bool
migrate_file(const char *path, long to, const char *out, migrate_result *r,
	     diag_list *diags);

#endif
