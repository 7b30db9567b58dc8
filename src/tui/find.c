/* Finding an item: the outline's own cursor, search in titles and answers
 * (folded: case and composition do not matter), and going to a reference
 * typed as people write it ("P6", "prot 3"). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tui_int.h"

static bool
outline_lists(const tui *t, size_t i)
{
	return t->st[i].shown || t->show_na || i == t->cur;
}

static void
outline_move(tui *t, long steps)
{
	long i = (long)t->osel;
	long dir = steps < 0 ? -1 : 1;
	long left = steps < 0 ? -steps : steps;
	long last = (long)i;
	while (left > 0) {
		i += dir;
		if (i < 0 || (size_t)i >= t->q->n_items)
			break;
		if (!outline_lists(t, (size_t)i))
			continue;
		last = i;
		left--;
	}
	t->osel = (size_t)last;
	t->dirty |= D_OUTLINE;
}

void
tui_outline_key(tui *t, wint_t ch, bool is_key)
{
	/* A key moves the view back to the selection (after the wheel). */
	t->otop_free = false;
	int page = t->w_out ? getmaxy(t->w_out) - 2 : 10;
	if (page < 1)
		page = 1;
	switch (tui_keyset_action(TUI_KEYS_OUTLINE, ch, is_key)) {
	case SA_UP:
		outline_move(t, -1);
		break;
	case SA_DOWN:
		outline_move(t, 1);
		break;
	case SA_PAGE_UP:
		outline_move(t, -page);
		break;
	case SA_PAGE_DOWN:
		outline_move(t, page);
		break;
	case SA_FIRST:
		outline_move(t, -(long)t->q->n_items);
		break;
	case SA_LAST:
		outline_move(t, (long)t->q->n_items);
		break;
	case SA_OPEN:
		t->focus = FOCUS_PANE;
		tui_goto_item(t, t->osel);
		tui_layout(t);
		break;
	default:
		break;
	}
}

static char *
fold(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
					  (utf8proc_ssize_t)len, &out,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE |
						  UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	return (char *)out;
}

static bool
folded_contains(const char *hay, const char *needle)
{
	if (!hay || !hay[0])
		return false;
	char *h = fold(hay, strlen(hay));
	bool found = h && strstr(h, needle) != NULL;
	free(h);
	return found;
}

void
tui_search_next(tui *t)
{
	char *needle;
	size_t n = t->q->n_items;
	if (!t->last_search || !t->last_search[0])
		return;
	needle = fold(t->last_search, strlen(t->last_search));
	if (!needle)
		return;
	tui_commit(t);
	for (size_t k = 1; k <= n; k++) {
		size_t i = (t->cur + k) % n;
		const qn_item *it = &t->q->items[i];
		const plan_answer *a = &t->s->plan->answers[i];
		if (!outline_lists(t, i))
			continue;
		bool in_title =
			folded_contains(i18n_item_title(t->q, i), needle) ||
			folded_contains(it->title, needle);
		bool in_value = folded_contains(a->value, needle);
		bool in_expl = folded_contains(a->explanation, needle);
		for (size_t j = 0; j < a->n_values && !in_value; j++)
			for (size_t c = 0; c < it->n_choices; c++)
				if (!strcmp(it->choices[c].id, a->values[j]))
					in_value = folded_contains(
						i18n_choice_label(t->q, i, c),
						needle);
		if (!in_title && !in_value && !in_expl)
			continue;
		char name[256];
		t->focus = FOCUS_PANE;
		tui_goto_item(t, i);
		tui_clear_message(t);
		/* Put the cursor on the match when it is there as typed. */
		for (size_t f = 0; f < t->n_fields; f++) {
			tui_field *fl = &t->fields[f];
			if (!fl->ed || !((fl->kind == FIELD_VALUE && in_value) ||
					 (fl->kind == FIELD_EXPLAIN && in_expl)))
				continue;
			size_t len;
			const char *txt = editor_text(fl->ed, &len);
			const char *m = strstr(txt, t->last_search);
			if (m)
				editor_set_cursor(fl->ed, (size_t)(m - txt));
			t->ffocus = f;
			break;
		}
		tui_item_name(t, i, name, sizeof name);
		tui_message(t, false, _("Found \"%s\" in %s%s"),
			    t->last_search, name,
			    (in_value || in_expl) ? _(" (answer)") : "");
		tui_layout(t);
		free(needle);
		return;
	}
	tui_message(t, true, _("\"%s\" was not found"), t->last_search);
	free(needle);
}

void
tui_act_goto(tui *t)
{
	char *ref = tui_prompt(t, _("Go to: "), "", &t->goto_hist);
	if (!ref)
		return;
	long i = ref[0] ? qn_find_ref(t->q, ref) : -1;
	if (i < 0) {
		if (ref[0])
			tui_message(t, true,
				    _("No item \"%s\": try P6, prot 3 or D1"),
				    ref);
	} else {
		t->focus = FOCUS_PANE;
		tui_goto_item(t, (size_t)i);
		if (!t->st[i].shown)
			tui_message(t, false, "%s",
				    _("This item does not apply to the plan "
				      "as answered so far."));
	}
	free(ref);
	tui_layout(t);
}

void
tui_act_search(tui *t)
{
	/* Empty, so that typing never adds to the last search; Up brings
	 * earlier ones back. */
	char *q = tui_prompt(t, _("Search: "), "", &t->search_hist);
	if (!q)
		return;
	if (!q[0]) {
		free(q);
		return;
	}
	free(t->last_search);
	t->last_search = q;
	tui_search_next(t);
}
