/* Moving through the plan: entering and leaving items (their fields made
 * and destroyed, where the cursor was kept, the answer committed,
 * validated and saved on the way out), the next item or field, the focus
 * between outline and item. The actions (actions.c, choice.c, find.c,
 * mouse.c, review.c) move through these; form.c maps keys to both. */
#include <stdlib.h>
#include <string.h>

#include "itype.h"
#include "tui_int.h"

static void
destroy_fields(tui *t)
{
	for (size_t i = 0; i < 2; i++) {
		editor_destroy(t->fields[i].ed);
		t->fields[i].ed = NULL;
		t->fields[i].changed = false;
	}
	t->n_fields = 0;
}

static editor *
make_editor(tui *t, const char *text, const qn_item *it, bool single,
	    size_t cursor, int field)
{
	editor *e = editor_create(text, it->max_length, single);
	if (!e) {
		tui_message(t, true, "%s", _("out of memory"));
		return NULL;
	}
	editor_set_history(e, hist_of(t->hist, t->cur), field);
	editor_set_killring(e, t->kr);
	size_t len = text ? strlen(text) : 0;
	/* SIZE_MAX: never visited, the editor's own place (the end). */
	if (cursor != SIZE_MAX)
		editor_set_cursor(e, cursor <= len ? cursor : len);
	return e;
}

void
tui_enter_item(tui *t, size_t i)
{
	const qn_item *it = &t->q->items[i];
	const plan_answer *a = &t->s->plan->answers[i];
	destroy_fields(t);
	t->cur = i;
	t->osel = i;
	t->ffocus = 0;
	memset(t->fields, 0, sizeof t->fields);
	switch (itype_of(it)->input) {
	case ITYPE_ONE:
	case ITYPE_MANY: {
		tui_field *f = &t->fields[t->n_fields++];
		f->kind = FIELD_CHOICE;
		f->sel = 0;
		if (itype_is_many(it)) {
			/* The first option chosen. */
			for (size_t j = 0; j < a->n_values; j++) {
				long k = itype_option_index(it, a->values[j]);

				if (k >= 0 && (j == 0 || (size_t)k < f->sel))
					f->sel = (size_t)k;
			}
		} else if (itype_option_index(it, a->value) >= 0) {
			f->sel = (size_t)itype_option_index(it, a->value);
		}
		if (it->explain) {
			tui_field *x = &t->fields[t->n_fields];
			x->kind = FIELD_EXPLAIN;
			x->ed = make_editor(t, a->explanation, it, false,
					    t->st[i].cur_explain,
					    (int)t->n_fields);
			if (x->ed)
				t->n_fields++;
		}
		break;
	}
	case ITYPE_TEXT:
	case ITYPE_LINE: {
		tui_field *f = &t->fields[t->n_fields];
		f->kind = FIELD_VALUE;
		f->ed = make_editor(t, a->value, it,
				    itype_of(it)->input != ITYPE_TEXT,
				    t->st[i].cur_value, (int)t->n_fields);
		if (f->ed)
			t->n_fields++;
		break;
	}
	}
	t->count_stale = false;
}

void
tui_reenter_item(tui *t)
{
	tui_enter_item(t, t->cur);
	tui_layout(t);
}

static void
leave_item(tui *t, bool announce)
{
	char name[256];
	tui_commit(t);
	for (size_t k = 0; k < t->n_fields; k++) {
		tui_field *f = &t->fields[k];
		if (f->kind == FIELD_VALUE)
			t->st[t->cur].cur_value = editor_cursor(f->ed);
		else if (f->kind == FIELD_EXPLAIN)
			t->st[t->cur].cur_explain = editor_cursor(f->ed);
	}
	hist_break(hist_of(t->hist, t->cur));
	tui_validate_one(t, t->cur);
	if (announce && t->st[t->cur].problem && t->st[t->cur].shown) {
		tui_item_name(t, t->cur, name, sizeof name);
		tui_message(t, true, "%s: %s", name, t->st[t->cur].problem);
	}
	t->dirty |= D_OUTLINE | D_STATUS;
	/* Autosave after every change of item. */
	tui_save(t);
}

/* Entering an item marked as not applying says why. */
static void
say_not_applicable(tui *t, size_t i)
{
	const char *r = t->s->plan->answers[i].na_reason;

	if (r != NULL)
		tui_message(t, false, _("Does not apply: %s"), r);
}

void
tui_goto_item(tui *t, size_t i)
{
	if (i >= t->q->n_items)
		return;
	t->otop_free = false;
	tui_clear_message(t);
	if (i != t->cur) {
		leave_item(t, true);
		tui_enter_item(t, i);
	}
	if (!t->msg[0] && t->st[i].problem) {
		char name[256];
		tui_item_name(t, i, name, sizeof name);
		tui_message(t, true, "%s: %s", name, t->st[i].problem);
	}
	if (!t->msg[0])
		say_not_applicable(t, i);
	tui_layout(t);
}

void
tui_move_item(tui *t, int dir)
{
	size_t n = t->q->n_items;
	long i = (long)t->cur;
	for (;;) {
		i += dir;
		if (i < 0 || (size_t)i >= n)
			break;
		if (t->st[i].shown)
			break;
	}
	if (i < 0) {
		tui_message(t, false, "%s", _("This is the first item."));
		return;
	}
	if ((size_t)i >= n) {
		leave_item(t, true);
		if (!t->msg[0])
			tui_message(t, false,
				    _("This is the last item: %s finishes "
				      "the plan."),
				    tui_key_hint(ACT_FINISH));
		return;
	}
	tui_goto_item(t, (size_t)i);
	t->focus = FOCUS_PANE;
	if (dir < 0 && t->n_fields)
		t->ffocus = 0;
}

void
tui_set_focus(tui *t, tui_focus f)
{
	if (t->focus == f)
		return;
	t->focus = f;
	t->osel = t->cur;
	if (!t->show_outline)
		tui_layout(t);
	t->dirty |= D_OUTLINE | D_FIELDS | D_COUNT;
}

void
tui_editor_changed(tui *t, tui_field *f)
{
	tui_note_unsaved(t);
	f->changed = true;
	t->pending = true;
	size_t lim = editor_limit(f->ed);
	/* The count is redrawn when typing stops, unless the limit is near:
	 * every byte counts on a slow link. */
	if (lim && editor_count(f->ed) + lim / 10 + 10 >= lim)
		t->dirty |= D_COUNT;
	else
		t->count_stale = true;
}

/* Tab: the next field of the item, then the next item. */
void
tui_next_field(tui *t, int dir)
{
	if (t->focus == FOCUS_OUTLINE) {
		tui_set_focus(t, FOCUS_PANE);
		return;
	}
	long nf = (long)t->ffocus + dir;
	if (nf < 0) {
		size_t before = t->cur;
		tui_move_item(t, -1);
		if (t->cur != before && t->n_fields)
			t->ffocus = t->n_fields - 1;
		t->dirty |= D_FIELDS | D_COUNT;
		return;
	}
	if ((size_t)nf >= t->n_fields) {
		tui_move_item(t, 1);
		return;
	}
	t->ffocus = (size_t)nf;
	t->dirty |= D_FIELDS | D_COUNT;
}

