/* The form's main loop: keys mapped to actions (keys.c's table) and
 * handed to the widgets (the choices pane in choice.c, the editor, the
 * outline and search in find.c), pastes, reopening where the official
 * stopped. The loop calls the screens and actions; none calls it. */
#include <stdlib.h>
#include <string.h>

#include "itype.h"
#include "resume.h"
#include "tui_int.h"

static void
refused_message(tui *t, tui_field *f)
{
	size_t lim = editor_limit(f->ed);
	if (lim)
		tui_message(t, true,
			    _("The answer is limited to %zu characters; the "
			      "rest was not taken."),
			    lim);
	else
		tui_message(t, true, "%s", _("out of memory"));
	t->dirty |= D_COUNT;
}

static bool
is_edit_key(wint_t ch, bool is_key)
{
	if (is_key)
		return ch == KEY_BACKSPACE || ch == KEY_DC || ch == KEY_ENTER;
	return ch >= 0x20 || ch == '\n' || ch == '\t' || ch == CTRL('H') ||
	       ch == CTRL('K') || ch == CTRL('U') || ch == CTRL('W') ||
	       ch == CTRL('D') || ch == CTRL('Y');
}

static void
pane_key(tui *t, wint_t ch, bool is_key)
{
	if (t->ffocus >= t->n_fields)
		return;
	tui_field *f = &t->fields[t->ffocus];
	if (f->kind == FIELD_CHOICE) {
		if (!t->too_small)
			tui_choice_key(t, f, ch, is_key);
		return;
	}
	if (is_edit_key(ch, is_key) && tui_refuse_read_only(t))
		return;
	editor_result r = editor_key(f->ed, ch, is_key);
	if (editor_refused(f->ed))
		refused_message(t, f);
	if (r == EDITOR_CHANGED) {
		tui_editor_changed(t, f);
		t->dirty |= D_FIELD;
	} else if (r == EDITOR_HANDLED) {
		t->dirty |= D_FIELD;
	} else if (!is_key && ch == '\n') {
		/* Enter in a one-line answer moves on. */
		tui_next_field(t, 1);
	}
	if (r == EDITOR_CHANGED && t->s->read_only) {
		/* Should not happen (edit keys are refused): undo. */
		const plan_answer *a = &t->s->plan->answers[t->cur];
		if (editor_set_text(f->ed, f->kind == FIELD_VALUE ?
						   a->value :
						   a->explanation))
			f->changed = false;
	}
}

/* --- actions --- */

static void
act_quit(tui *t)
{
	tui_commit(t);
	if (!t->s->read_only && t->s->dirty && !session_save(t->s)) {
		t->dirty |= D_STATUS;
		char *a = tui_prompt(
			t, _("Not saved! Quit anyway and lose the changes? "
			     "(yes/no) "),
			"", NULL);
		bool quit = a && (a[0] == 'y' || a[0] == 'Y');
		free(a);
		if (!quit)
			return;
		tui_exit(t, 3);
	}
	tui_exit(t, 0);
}

static void
do_action(tui *t, tui_action a)
{
	if (a != ACT_SAVE && a != ACT_MESSAGE)
		tui_clear_message(t);
	switch (a) {
	case ACT_NEXT_ITEM:
		tui_move_item(t, 1);
		break;
	case ACT_PREV_ITEM:
		tui_move_item(t, -1);
		break;
	case ACT_NEXT_FIELD:
		tui_next_field(t, 1);
		break;
	case ACT_PREV_FIELD:
		tui_next_field(t, -1);
		break;
	case ACT_TOGGLE_FOCUS:
		tui_set_focus(t, t->focus == FOCUS_PANE ? FOCUS_OUTLINE :
						      FOCUS_PANE);
		break;
	case ACT_GOTO:
		tui_act_goto(t);
		break;
	case ACT_SEARCH:
		tui_act_search(t);
		break;
	case ACT_SEARCH_NEXT:
		if (t->last_search)
			tui_search_next(t);
		else
			tui_act_search(t);
		break;
	case ACT_GUIDANCE:
		t->show_guidance = !t->show_guidance;
		tui_layout(t);
		break;
	case ACT_HELP:
		tui_help(t);
		tui_layout(t);
		break;
	case ACT_EXT_EDITOR:
		tui_act_ext_editor(t);
		break;
	case ACT_SAVE:
		tui_save(t);
		if (t->s->read_only)
			tui_refuse_read_only(t);
		else if (!t->s->save_error)
			tui_message(t, false, "%s", _("Saved."));
		break;
	case ACT_FINISH:
		tui_make_final(t);
		tui_layout(t);
		break;
	case ACT_QUIT:
		act_quit(t);
		break;
	case ACT_REDRAW:
		tui_layout(t);
		clearok(curscr, TRUE);
		break;
	case ACT_UNDO:
	case ACT_REDO:
		tui_act_undo(t, a == ACT_REDO);
		break;
	case ACT_WORD_LEFT:
		tui_act_editor(t, EDCMD_WORD_LEFT);
		break;
	case ACT_WORD_RIGHT:
		tui_act_editor(t, EDCMD_WORD_RIGHT);
		break;
	case ACT_KILL_WORD_BACK:
		tui_act_editor(t, EDCMD_KILL_WORD_BACK);
		break;
	case ACT_KILL_WORD_FWD:
		tui_act_editor(t, EDCMD_KILL_WORD_FWD);
		break;
	case ACT_YANK_POP:
		tui_act_editor(t, EDCMD_YANK_POP);
		break;
	case ACT_MESSAGE:
		tui_show_message(t);
		tui_layout(t);
		break;
	case ACT_KEEP:
		tui_act_keep(t);
		break;
	case ACT_DIFF:
		tui_act_diff(t);
		break;
	case ACT_CHANGED:
		tui_act_changed(t);
		break;
	case ACT_NOT_APPLICABLE:
		tui_act_not_applicable(t);
		break;
	case ACT_SHOW_NA:
		t->show_na = !t->show_na;
		t->dirty |= D_OUTLINE;
		tui_message(t, false, "%s",
			    t->show_na ? _("The outline lists items that do "
					   "not apply (marked -).") :
					 _("Items that do not apply are "
					   "hidden."));
		break;
	default:
		break;
	}
}

static void
handle_key(tui *t, wint_t ch, bool is_key)
{
	int prefix = t->prefix;
	bool in_outline = t->focus == FOCUS_OUTLINE;
	t->prefix = KP_NONE;
	/* A key the terminal sends but terminfo does not name (TERM set
	 * wrong, say): swallow the whole sequence, never type it. */
	if (prefix == KP_CSI) {
		if (!is_key && ch >= 0x20 && ch < 0x40)
			t->prefix = KP_CSI;
		else
			tui_message(t, true, "%s",
				    _("unknown key (is TERM right?)"));
		return;
	}
	if (prefix == KP_SS3) {
		tui_message(t, true, "%s", _("unknown key (is TERM right?)"));
		return;
	}
	if (prefix == KP_ESC && !is_key && (ch == '[' || ch == 'O')) {
		t->prefix = ch == '[' ? KP_CSI : KP_SS3;
		return;
	}
	if (!is_key && ch == 27) {
		if (prefix == KP_ESC) {
			if (in_outline)
				tui_set_focus(t, FOCUS_PANE);
			return;
		}
		t->prefix = KP_ESC;
		return;
	}
	if (prefix == KP_CTRLX)
		tui_clear_message(t);
	if (is_key && ch == KEY_MOUSE) {
		if (!t->too_small)
			tui_mouse_event(t);
		return;
	}
	tui_action a = tui_key_action(prefix, ch, is_key, in_outline);
	/* Too small to show the form: only what cannot change the plan
	 * behind the notice (a resize, Ctrl-L, save, quit). */
	if (t->too_small && a != ACT_QUIT && a != ACT_SAVE &&
	    a != ACT_REDRAW && a != ACT_PREFIX_X)
		return;
	if (a == ACT_NONE && prefix == KP_CTRLX)
		return;
	if (a == ACT_NONE && prefix == KP_ESC && in_outline) {
		/* Esc leaves the outline; the key goes on to the answer. */
		tui_set_focus(t, FOCUS_PANE);
		in_outline = false;
		a = tui_key_action(KP_NONE, ch, is_key, false);
	}
	if (a == ACT_PREFIX_X) {
		t->prefix = KP_CTRLX;
		tui_message(t, false, "%s", "Ctrl-X-");
		return;
	}
	if (a != ACT_NONE) {
		do_action(t, a);
		return;
	}
	if (in_outline)
		tui_outline_key(t, ch, is_key);
	else
		pane_key(t, ch, is_key);
}

static void
handle_paste(tui *t)
{
	tui_field *f = NULL;
	size_t newlines = 0;
	if (t->too_small) {
		tui_drop_paste(t);
		return;
	}
	if (t->focus == FOCUS_PANE && t->ffocus < t->n_fields)
		f = &t->fields[t->ffocus];
	if (!f || !f->ed) {
		tui_message(t, true, "%s",
			    _("Paste into a text answer: Tab goes to one."));
		tui_drop_paste(t);
		return;
	}
	if (tui_refuse_read_only(t)) {
		tui_drop_paste(t);
		return;
	}
	if (f->kind == FIELD_VALUE &&
	    itype_of(&t->q->items[t->cur])->input != ITYPE_TEXT)
		newlines = tui_paste_one_line(t, true);
	tui_paste_message(t, newlines);
	editor_result r = editor_insert(f->ed, t->paste, t->paste_len);
	if (editor_refused(f->ed))
		refused_message(t, f);
	if (r == EDITOR_CHANGED) {
		tui_editor_changed(t, f);
		t->dirty |= D_FIELD | D_COUNT;
	}
	tui_drop_paste(t);
}

static size_t
first_item(tui *t)
{
	for (size_t i = 0; i < t->q->n_items; i++)
		if (t->st[i].shown && !t->st[i].answered)
			return i;
	for (size_t i = 0; i < t->q->n_items; i++)
		if (t->st[i].shown)
			return i;
	return 0;
}

/* A draft reopens where it was closed on this machine (resume.c), when
 * the file is the one it was closed with and the item is still asked. */
static bool
resume_where_left(tui *t)
{
	resume_pos pos;
	long i;

	if (!resume_load(t->s->path, &pos))
		return false;
	i = qn_item_index(t->q, pos.item);
	if (i >= 0 && t->st[i].shown) {
		if (pos.field == 1)
			t->st[i].cur_explain = pos.cursor;
		else
			t->st[i].cur_value = pos.cursor;
		tui_enter_item(t, (size_t)i);
		if ((size_t)pos.field < t->n_fields)
			t->ffocus = (size_t)pos.field;
	}
	resume_pos_free(&pos);
	return i >= 0 && t->cur == (size_t)i;
}

_Noreturn void
tui_form_loop(tui *t, long start)
{
	t->st = calloc(t->q->n_items, sizeof *t->st);
	t->hist = hist_store_create(t->q->n_items, HIST_BUDGET);
	if (!t->st || !t->hist)
		tui_exit(t, 3);
	for (size_t i = 0; i < t->q->n_items; i++) {
		t->st[i].cur_value = t->st[i].cur_explain = SIZE_MAX;
		t->st[i].shown = plan_item_shown(t->s->plan, i);
		t->st[i].answered = plan_answered(t->s->plan, i);
		tui_validate_one(t, i);
	}
	tui_refresh_states(t);
	tui_review_start(t);
	t->show_guidance = true;
	if (start >= 0)
		tui_enter_item(t, (size_t)start);
	else if (!resume_where_left(t))
		tui_enter_item(t, first_item(t));
	tui_layout(t);
	for (;;) {
		wint_t ch;
		tui_keykind k = tui_get_key(t, &ch);
		switch (k) {
		case TK_TICK:
			if (t->count_stale) {
				t->count_stale = false;
				t->dirty |= D_COUNT;
			}
			break;
		case TK_RESIZE:
			break;
		case TK_PASTE:
			handle_paste(t);
			break;
		case TK_CHAR:
		case TK_KEY:
			handle_key(t, ch, k == TK_KEY);
			break;
		}
	}
}

