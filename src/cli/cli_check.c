/* `actionplan check FILE...`: every problem of plan and questionnaire files
 * as FILE:LINE:COL lines; final plans must also be complete. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "loadplan.h"
#include "qn.h"
#include "session.h"
#include "validate.h"
#include "ydoc.h"

/* Problems of a loaded plan, placed at its answers' marks. A final plan
 * must be complete (errors); a draft's wrong answers are warnings. */
static void
add_validation(const char *path, const yd_node *root, const plan *p,
	       diag_list *diags)
{
	bool final = p->status == PLAN_FINAL;
	val_list problems = VAL_LIST_INIT;
	size_t n_problems;

	validate_plan(p, final, &problems);
	/* A draft's missing answers wait; answers carried over and not
	 * reviewed are worth a warning at once (a final plan has them
	 * among its errors already). */
	if (!final)
		validate_carried(p, &problems);
	n_problems = problems.n;

	/* Bidirectional controls are only warned about, even in a final
	 * plan: the official may have meant them. */
	validate_warnings(p, &problems);
	for (size_t i = 0; i < problems.n; i++) {
		size_t item = problems.v[i].item;
		unsigned long line, col;
		char label[256];

		loadplan_mark(root, p->qn, item, &line, &col);
		loadplan_item_label(p->qn, item, label, sizeof label);
		diag_add(diags, final && i < n_problems ? DIAG_ERROR
							 : DIAG_WARNING,
			 path, line, col, p->qn->items[item].id, "%s: %s",
			 label, problems.v[i].message);
	}
	val_list_free(&problems);
}

static bool
is_questionnaire(const yd_node *root)
{
	const yd_node *format = yd_map_get(root, "format");

	return format && format->kind == YD_SCALAR &&
	       !strncmp(format->str, "actionplan-questionnaire/",
			strlen("actionplan-questionnaire/"));
}

/* A questionnaire's migrate_from against the version it names, found in
 * the questionnaire's own folder or the usual ones (a warning when that
 * version is not there). */
static void
check_migration(const char *path, const qn *q, diag_list *diags)
{
	const char *const *dirs = session_qn_dirs();
	const char *search[64];
	char *own = strdup(path), *slash;
	size_t n = 0;
	qn *old;
	diag_list found = DIAG_LIST_INIT;

	if (q->migrate_from.from == 0 || own == NULL)
		goto out;
	slash = strrchr(own, '/');
	if (slash != NULL)
		*slash = '\0';
	search[n++] = slash != NULL ? own : ".";
	for (size_t i = 0; dirs[i] != NULL && n < 63; i++)
		search[n++] = dirs[i];
	search[n] = NULL;
	old = qn_find(search, q->id, q->migrate_from.from, &found);
	if (old == NULL)
		diag_add(diags, DIAG_WARNING, path, q->migrate_from.line,
			 q->migrate_from.col, NULL,
			 _("migrate_from: version %ld of %s is not installed, so "
			   "the items it names cannot be checked"),
			 q->migrate_from.from, q->id);
	else
		qn_migration_check(q, old, diags);
	qn_destroy(old);
out:
	diag_list_free(&found);
	free(own);
}

/* Checks one file; returns the exit status it deserves. Questionnaires
 * named by plans come from cache. */
static int
check_one(const char *path, qn_cache *cache)
{
	diag_list diags = DIAG_LIST_INIT;
	yd_node *root = yd_parse_file(path, NULL, &diags);
	qn *q = NULL;
	plan *p = NULL;
	int status = CLI_OK;

	if (!root)
		goto out;
	if (is_questionnaire(root)) {
		/* Parsed twice: questionnaires are small, and qn_load keeps
		 * the one place that knows their format. */
		q = qn_load(path, &diags);
		if (q)
			check_migration(path, q, &diags);
		goto out;
	}
	p = loadplan_tree_cached(path, root, cache, &diags);
	if (p)
		add_validation(path, root, p, &diags);
out:
	cli_print_diags(&diags);
	if (diags.n_errors)
		status = cli_diags_io(&diags) ? CLI_IO : CLI_PROBLEMS;
	plan_destroy(p);
	qn_destroy(q);
	yd_free(root);
	diag_list_free(&diags);
	return status;
}

int
cli_check(int argc, char **argv)
{
	int status = CLI_OK;
	qn_cache *cache;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("%s", _("Usage: actionplan check FILE...\n"
			       "Checks plan and questionnaire files; exits 0 when every file is a\n"
			       "well-formed plan (or questionnaire) and every final plan is complete.\n"));
		return CLI_OK;
	}
	if (argc < 2)
		return cli_usage_error(_("check needs at least one FILE"));
	cache = qn_cache_create(session_qn_dirs());
	if (cache == NULL) {
		fprintf(stderr, "actionplan: %s\n", strerror(ENOMEM));
		return CLI_IO;
	}
	for (int i = 1; i < argc; i++) {
		int s = check_one(argv[i], cache);

		/* The worst status wins: I/O trouble over problems. */
		if (s > status)
			status = s;
	}
	qn_cache_destroy(cache);
	return status;
}
