/* The plan behind the form: the editors' text committed into it, each
 * item's state for the outline (shown, answered, its first problem),
 * saving and the one way out of the program (saved first, rescued when it
 * cannot be, the terminal put back, where the form was left remembered).
 * Below the screens: they call these, never the other way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planio.h"
#include "resume.h"
#include "tui_int.h"

double
tui_elapsed(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	       (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* Notes the first unsaved change, for "within 2 seconds". */
void
tui_note_unsaved(tui *t)
{
	if (!t->pending && !(t->s && t->s->dirty))
		clock_gettime(CLOCK_MONOTONIC, &t->dirty_since);
}

static void
set_problem(tui *t, size_t i, const char *msg)
{
	free(t->st[i].problem);
	t->st[i].problem = msg ? strdup(msg) : NULL;
}

void
tui_validate_one(tui *t, size_t i)
{
	val_list vl = VAL_LIST_INIT;
	validate_item(t->s->plan, i, false, &vl);
	set_problem(t, i, vl.n ? vl.v[0].message : NULL);
	val_list_free(&vl);
}

void
tui_refresh_states(tui *t)
{
	bool changed = false;
	for (size_t i = 0; i < t->q->n_items; i++) {
		const plan_answer *a = &t->s->plan->answers[i];
		bool shown = plan_item_shown(t->s->plan, i);
		bool answered = plan_answered(t->s->plan, i);
		if (shown != t->st[i].shown || answered != t->st[i].answered ||
		    a->carried != t->st[i].carried ||
		    (a->na_reason != NULL) != t->st[i].na)
			changed = true;
		t->st[i].shown = shown;
		t->st[i].answered = answered;
		t->st[i].carried = a->carried;
		t->st[i].na = a->na_reason != NULL;
	}
	if (changed)
		t->dirty |= D_OUTLINE | D_STATUS | D_HEAD;
}

void
tui_commit(tui *t)
{
	bool any = false;
	if (!t->s)
		return;
	for (size_t i = 0; i < t->n_fields; i++) {
		tui_field *f = &t->fields[i];
		size_t len;
		if (!f->ed || !f->changed)
			continue;
		if (t->s->read_only) {
			f->changed = false;
			continue;
		}
		const char *text = editor_text(f->ed, &len);
		char *copy = malloc(len + 1);
		bool ok = false;
		if (copy) {
			memcpy(copy, text, len);
			copy[len] = '\0';
			ok = f->kind == FIELD_VALUE ?
				     plan_set_value(t->s->plan, t->cur, copy) :
				     plan_set_explanation(t->s->plan, t->cur,
							  copy);
			free(copy);
		}
		if (!ok) {
			tui_message(t, true, "%s",
				    _("the answer could not be stored (out of "
				      "memory or not UTF-8); it stays on the "
				      "screen"));
			continue;
		}
		f->changed = false;
		session_changed(t->s);
		any = true;
	}
	t->pending = false;
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->fields[i].changed)
			t->pending = true;
	if (any)
		tui_refresh_states(t);
}

void
tui_save(tui *t)
{
	if (!t->s)
		return;
	tui_commit(t);
	clock_gettime(CLOCK_MONOTONIC, &t->dirty_since);
	if (!t->s->dirty || t->s->read_only)
		return;
	session_save(t->s);
	t->dirty |= D_STATUS;
}

/* The plan could not be saved where it belongs and the program must end:
 * a copy beside it, in $HOME or in /tmp keeps the text. */
static char *
rescue(tui *t)
{
	const char *home = getenv("HOME");
	const char *base = strrchr(t->s->path, '/');
	char *dir = strdup(t->s->path);
	const char *dirs[3];
	char *out = NULL;
	if (dir) {
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		else
			strcpy(dir, ".");
	}
	dirs[0] = dir;
	dirs[1] = home && home[0] == '/' ? home : NULL;
	dirs[2] = "/tmp";
	base = base ? base + 1 : t->s->path;
	for (size_t i = 0; i < 3 && !out; i++) {
		char path[4096];
		diag_list d = DIAG_LIST_INIT;
		if (!dirs[i])
			continue;
		snprintf(path, sizeof path, "%s/%s.rescued-%ld.yaml", dirs[i],
			 base, (long)getpid());
		if (planio_save(t->s->plan, path, &d))
			out = strdup(path);
		diag_list_free(&d);
	}
	free(dir);
	return out;
}

/* Records where the form is, after the last save (tui_exit). */
static void
remember_where_left(tui *t)
{
	resume_pos pos = {NULL, 0, 0};
	diag_list d = DIAG_LIST_INIT;

	if (!t->st || t->s->read_only || t->s->dirty ||
	    t->cur >= t->q->n_items)
		return;
	pos.item = t->q->items[t->cur].id;
	pos.field = (int)t->ffocus;
	if (t->ffocus < t->n_fields && t->fields[t->ffocus].ed)
		pos.cursor = editor_cursor(t->fields[t->ffocus].ed);
	resume_save(t->s->path, &pos, &d);
	diag_list_free(&d);
}

_Noreturn void
tui_exit(tui *t, int status)
{
	bool saved = true;
	char *rescued = NULL;
	/* Save before touching the terminal: it may be gone. */
	if (t && t->s) {
		tui_commit(t);
		if (!t->s->read_only && t->s->dirty)
			saved = session_save(t->s);
		if (!saved)
			rescued = rescue(t);
		else if (t->q)
			remember_where_left(t);
	}
	tui_restore_terminal();
	if (t && t->s) {
		if (!saved)
			fprintf(stderr, _("actionplan: %s was not saved: %s\n"),
				t->s->path,
				t->s->save_error ? t->s->save_error : "");
		if (rescued)
			fprintf(stderr, _("actionplan: the answers were saved "
					  "to %s instead\n"),
				rescued);
		free(rescued);
		/* Said on the screen already, but the screen is gone now. */
		if (t->s->conflict_path)
			fprintf(stderr, _("actionplan: %s was changed by "
					  "another program; your answers are "
					  "in %s\n"),
				t->s->path, t->s->conflict_path);
		session_close(t->s);
		t->s = NULL;
	}
	exit(saved ? status : 3);
}

bool
tui_refuse_read_only(tui *t)
{
	if (!t->s->read_only)
		return false;
	tui_message(t, true, "%s", t->ro_msg ? t->ro_msg : _("read-only"));
	return true;
}
