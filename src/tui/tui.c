/* The form's entry (tui_run): the plan opened before the screen starts
 * (so problems print plainly) or chosen on the start screen, then the
 * form's main loop (form.c). The top of the form's modules: it calls the
 * screens, none calls it (src/tui/README.md draws the order). */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "revision.h"
#include "tui_int.h"

static char *
read_only_notice(const session *s)
{
	return strdup(s->ro_reason ? s->ro_reason : _("read-only"));
}

static void
print_diags(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		fprintf(stderr, "actionplan: %s\n", s ? s : d->v[i].message);
		free(s);
	}
	if (diag_lost(d) > 0)
		fprintf(stderr, "actionplan: %s\n", _("out of memory"));
}

static bool
diags_io(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sys_errno)
			return true;
	return diag_lost(d) > 0;
}

/* The lines of a problem list, for showing in a list on the screen. */
static char **
diag_lines(const diag_list *d, size_t *n)
{
	char **v = calloc(d->n + 1, sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		if (s)
			v[(*n)++] = s;
	}
	return v;
}

int
tui_run(const tui_options *opt)
{
	static tui t;
	diag_list d = DIAG_LIST_INIT;
	const char *cs = nl_langinfo(CODESET);
	long start = -1;

	memset(&t, 0, sizeof t);
	tui_current = &t;
	t.kr = kr_create();
	t.utf8 = cs && !strcmp(cs, "UTF-8");
	t.export_dir = opt->export_dir;
	session_install_signals();

	if (opt->path) {
		/* Open before the screen starts, so problems print plainly. */
		t.s = opt->from_path
			      ? revision_open(opt->path, opt->from_path, &d)
			      : session_open(opt->path, opt->qn_id, &d);
		if (!t.s) {
			print_diags(&d);
			int st = diags_io(&d) ? 3 : 1;
			diag_list_free(&d);
			return st;
		}
		if (t.s->read_only)
			t.ro_msg = read_only_notice(t.s);
		diag_list_clear(&d);
		if (opt->answers_path && t.s->read_only) {
			/* Preloading writes the plan: never past its lock. */
			fprintf(stderr, _("actionplan: cannot preload answers "
					  "into %s: %s\n"),
				opt->path, t.s->ro_reason ? t.s->ro_reason : "");
			int st = t.s->held_elsewhere ? 4 : 3;
			session_close(t.s);
			diag_list_free(&d);
			return st;
		}
		if (opt->answers_path) {
			if (!session_preload(t.s, opt->answers_path, NULL,
					     NULL, &d)) {
				int st = diags_io(&d) ? 3 : 1;
				print_diags(&d);
				session_close(t.s);
				diag_list_free(&d);
				return st;
			}
			diag_list_clear(&d);
			session_save(t.s);
		}
		if (!tui_start_curses(&t)) {
			session_close(t.s);
			return 3;
		}
		tui_mouse_start(&t);
	} else {
		if (!tui_start_curses(&t))
			return 3;
		tui_mouse_start(&t);
		for (;;) {
			char *qn_id = NULL, *country = NULL, *from = NULL;
			tui_layout(&t);
			char *path = tui_start_screen(&t, &qn_id, &country,
						      &from);
			if (!path)
				tui_exit(&t, 0);
			t.s = from ? revision_open(path, from, &d)
				   : session_open(path, qn_id, &d);
			free(from);
			if (t.s && country && t.s->qn->country_item >= 0 &&
			    !t.s->read_only) {
				plan_set_value(t.s->plan,
					       (size_t)t.s->qn->country_item,
					       country);
				session_changed(t.s);
				session_save(t.s);
				start = t.s->qn->country_item + 1 <
							(long)t.s->qn->n_items ?
						t.s->qn->country_item + 1 :
						-1;
			}
			free(path);
			free(qn_id);
			free(country);
			if (t.s) {
				if (t.s->read_only)
					t.ro_msg = read_only_notice(t.s);
				diag_list_clear(&d);
				break;
			}
			size_t n;
			char **lines = diag_lines(&d, &n);
			tui_layout(&t);
			tui_pager(&t, _("The plan could not be opened"),
				  lines, n, _("Enter: back"));
			tui_free_lines(lines, n);
			diag_list_clear(&d);
		}
	}
	/* No list of countries: said once, on the message line. */
	session_countries_notice(t.s->qn, &d);
	if (d.n > 0)
		tui_message(&t, true, "%s", d.v[0].message);
	diag_list_free(&d);
	/* A draft of an older questionnaire version: carry it over? */
	tui_offer_migration(&t);
	t.q = t.s->qn;
	tui_form_loop(&t, start);
}
