/* Finishing the plan (F10, Ctrl-X f): every problem listed (Enter goes to
 * it), answers still carried over kept in one question, the export folder
 * asked, the plan made final and exported, and the offer to sign the YAML
 * export. A flow over the screens (chooser, pager, prompt), called by the
 * main loop. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

static char *
dup_printf(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, fmt, a, b ? b : "");
	return s;
}

static bool
problems_list(tui *t, val_list *vl)
{
	char **lines = calloc(vl->n + 1, sizeof *lines);
	char title[256];
	size_t n = 0;
	if (!lines)
		return false;
	for (size_t i = 0; i < vl->n; i++) {
		char name[256];
		tui_item_name(t, vl->v[i].item, name, sizeof name);
		lines[n] = dup_printf("%s: %s", name, vl->v[i].message);
		if (lines[n])
			n++;
	}
	snprintf(title, sizeof title,
		 dngettext("actionplan", "%zu problem to fix before the plan is final",
			  "%zu problems to fix before the plan is final",
			  vl->n),
		 vl->n);
	long k = tui_choose(t, title, lines, n, 0,
			    _("Enter: go to the item   Esc: back"), NULL, NULL);
	if (k >= 0 && (size_t)k < vl->n) {
		t->focus = FOCUS_PANE;
		tui_goto_item(t, vl->v[k].item);
	}
	tui_free_lines(lines, n);
	return true;
}

void
tui_make_final(tui *t)
{
	val_list vl = VAL_LIST_INIT;
	diag_list d = DIAG_LIST_INIT;
	char *dir = NULL, *yaml = NULL, *text = NULL, *def = NULL;

	tui_commit(t);
	if (t->s->read_only) {
		tui_message(t, true, "%s", t->ro_msg ? t->ro_msg : "");
		return;
	}
	if (validate_plan(t->s->plan, true, &vl) > 0 &&
	    !tui_accept_carried(t, &vl)) {
		problems_list(t, &vl);
		goto out;
	}
	val_list_free(&vl);
	if (t->export_dir) {
		def = strdup(t->export_dir);
	} else {
		char *p = strdup(t->s->path);
		if (p)
			def = strdup(dirname(p));
		free(p);
	}
	tui_layout(t);
	tui_render(t);
	dir = tui_prompt(t, _("Everything is answered. Export to folder: "),
			 def ? def : ".", NULL);
	if (!dir)
		goto out;
	if (!session_make_final(t->s, dir[0] ? dir : NULL, &vl, &yaml, &text,
			    &d)) {
		if (vl.n) {
			problems_list(t, &vl);
		} else {
			size_t n = 0;
			char **lines = calloc(d.n + 1, sizeof *lines);
			for (size_t i = 0; lines && i < d.n; i++)
				if ((lines[n] = diag_format(&d.v[i])))
					n++;
			tui_pager(t, _("The plan could not be finished"),
				  lines, n, _("Enter: back"));
			tui_free_lines(lines, n);
		}
		goto out;
	}
	{
		char rev[64];
		snprintf(rev, sizeof rev, "%lu", t->s->plan->revision);
		char *lines[6] = {
			dup_printf(_("The plan is final (revision %s) and "
				     "saved.%s"),
				   rev, NULL),
			strdup(""),
			strdup(_("Written:")),
			dup_printf("  %s%s", yaml ? yaml : "", NULL),
			dup_printf("  %s%s", text ? text : "", NULL),
			strdup(""),
		};
		size_t n = 0;
		char *v[6];
		for (size_t i = 0; i < 6; i++)
			if (lines[i])
				v[n++] = lines[i];
		tui_pager(t, _("Finished"), v, n, _("Enter: back to the form"));
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		tui_message(t, false, _("Final plan written to %s"),
			    yaml ? yaml : "");
		tui_offer_sign(t, yaml);
	}
	tui_refresh_states(t);
out:
	free(def);
	free(dir);
	free(yaml);
	free(text);
	val_list_free(&vl);
	diag_list_free(&d);
	t->dirty = D_ALL;
}
