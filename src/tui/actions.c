/* The form's editing commands over its fields: undo and redo of an item
 * (its texts and its choice, from the history kept for the whole session),
 * the word and kill commands of the focused text, and handing a text to
 * $EDITOR as one step of the history. */
#include <stdlib.h>
#include <string.h>

#include "itype.h"
#include "tui_int.h"

/* The focused field when it is a text, else NULL. */
static tui_field *
focused_text(tui *t)
{
	if (t->focus != FOCUS_PANE || t->ffocus >= t->n_fields)
		return NULL;
	return t->fields[t->ffocus].ed ? &t->fields[t->ffocus] : NULL;
}

/* hist_apply_fn for the current item: field is an index into t->fields. */
static bool
apply(void *ctx, int field, size_t pos, const char *from, size_t from_len,
      const char *to, size_t to_len, size_t cursor)
{
	tui *t = ctx;
	tui_field *f;
	char *now;
	size_t len;
	bool same;

	if (field < 0 || (size_t)field >= t->n_fields)
		return false;
	f = &t->fields[field];
	if (f->ed) {
		if (!editor_apply(f->ed, pos, from, from_len, to, to_len,
				  cursor))
			return false;
		tui_editor_changed(t, f);
		t->dirty |= D_FIELD | D_COUNT;
		return true;
	}
	/* A choice: the whole of it, as tui_choice_state writes it. */
	now = tui_choice_state(t, &len);
	same = now && pos == 0 && len == from_len &&
	       (len == 0 || !memcmp(now, from, len));
	free(now);
	return same && tui_choice_restore(t, to, to_len);
}

void
tui_act_undo(tui *t, bool redo)
{
	hist *h = hist_of(t->hist, t->cur);
	int field;

	if (t->focus == FOCUS_OUTLINE)
		return;
	if (tui_refuse_read_only(t))
		return;
	field = redo ? hist_redo(h, apply, t) : hist_undo(h, apply, t);
	if (field == -1) {
		tui_message(t, false, "%s",
			    redo ? _("Nothing to redo in this answer.") :
				   _("Nothing to undo in this answer."));
		return;
	}
	if (field == -2) {
		tui_message(t, true, "%s",
			    _("The answer was changed in another way; its "
			      "undo history was cleared."));
		return;
	}
	/* The change is shown where it happened. */
	if ((size_t)field != t->ffocus) {
		t->ffocus = (size_t)field;
		t->dirty |= D_FIELDS | D_COUNT;
	}
	t->dirty |= D_FIELD;
}

void
tui_act_editor(tui *t, editor_cmd cmd)
{
	tui_field *f = focused_text(t);
	editor_result r;

	if (!f)
		return;
	if (cmd != EDCMD_WORD_LEFT && cmd != EDCMD_WORD_RIGHT &&
	    tui_refuse_read_only(t))
		return;
	r = editor_command(f->ed, cmd);
	if (r == EDITOR_CHANGED)
		tui_editor_changed(t, f);
	t->dirty |= D_FIELD;
}

void
tui_act_ext_editor(tui *t)
{
	tui_field *f = focused_text(t);
	if (!f)
		for (size_t i = 0; !f && i < t->n_fields; i++)
			if (t->fields[i].ed)
				f = &t->fields[i];
	if (!f) {
		tui_message(t, true, "%s",
			    _("This item has no text to edit."));
		return;
	}
	if (tui_refuse_read_only(t))
		return;
	size_t len;
	const char *text = editor_text(f->ed, &len);
	char *nt = tui_external_edit(t, text, len,
				     f->kind == FIELD_VALUE &&
					     itype_of(&t->q->items[t->cur])
							     ->input != ITYPE_TEXT);
	if (nt) {
		editor_result r = editor_replace_all(f->ed, nt, strlen(nt));
		if (editor_refused(f->ed)) {
			tui_message(t, true, "%s",
				    _("out of memory: the answer was kept"));
		} else if (r == EDITOR_CHANGED) {
			tui_editor_changed(t, f);
			tui_save(t);
			t->dirty |= D_COUNT;
		}
	}
	free(nt);
	t->ffocus = (size_t)(f - t->fields);
	t->focus = FOCUS_PANE;
	tui_layout(t);
	clearok(curscr, TRUE);
}
