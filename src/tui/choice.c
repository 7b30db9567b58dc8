/* The choices pane of an item whose type takes one or several of a list
 * of options (itype.h: yes/no, choice, multi, country): the cursor moves
 * over the options, Space and Enter pick, digits pick directly and a
 * letter the next option whose id starts with it (y and n for yes and
 * no); in a long list, typing opens the picker instead. Delete clears;
 * every change goes straight into the plan and is a step of the item's
 * undo history. */
#include <stdlib.h>
#include <string.h>

#include "itype.h"
#include "tui_int.h"

static const char *
opt_id(const qn_item *it, size_t k)
{
	return itype_of(it)->option_id(it, k);
}

static void
choice_changed(tui *t)
{
	tui_note_unsaved(t);
	session_changed(t->s);
	tui_validate_one(t, t->cur);
	tui_refresh_states(t);
	t->dirty |= D_FIELDS | D_OUTLINE | D_STATUS;
}

/* The choice as the history keeps it: nothing chosen is "", one choice
 * "=ID", a list "*ID\nID\n..." (the order kept). */
char *
tui_choice_state(const tui *t, size_t *len)
{
	const qn_item *it = &t->q->items[t->cur];
	const plan_answer *a = &t->s->plan->answers[t->cur];
	size_t n = 2, o = 0;
	char *s;

	if (itype_is_many(it))
		for (size_t j = 0; j < a->n_values; j++)
			n += strlen(a->values[j]) + 1;
	else if (a->value)
		n += strlen(a->value);
	s = malloc(n);
	if (!s)
		return NULL;
	if (itype_is_many(it)) {
		s[o++] = '*';
		for (size_t j = 0; j < a->n_values; j++) {
			size_t l = strlen(a->values[j]);

			memcpy(s + o, a->values[j], l);
			o += l;
			s[o++] = '\n';
		}
	} else if (a->value) {
		s[o++] = '=';
		memcpy(s + o, a->value, strlen(a->value));
		o += strlen(a->value);
	}
	s[o] = '\0';
	*len = o;
	return s;
}

bool
tui_choice_restore(tui *t, const char *s, size_t len)
{
	const qn_item *it = &t->q->items[t->cur];
	char *copy = malloc(len + 1), *p, *nl;
	const char **v = NULL;
	size_t n = 0;
	bool ok = false;

	if (!copy)
		return false;
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (!itype_is_many(it)) {
		ok = len == 0 ? plan_set_value(t->s->plan, t->cur, NULL) :
		     copy[0] == '=' ?
				plan_set_value(t->s->plan, t->cur, copy + 1) :
				false;
		goto out;
	}
	if (copy[0] != '*')
		goto out;
	v = malloc((len + 1) * sizeof *v);
	if (!v)
		goto out;
	for (p = copy + 1; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		v[n++] = p;
	}
	ok = plan_set_values(t->s->plan, t->cur, v, n);
out:
	if (ok)
		choice_changed(t);
	free(v);
	free(copy);
	return ok;
}

/* Records the change of the choice from `before` (tui_choice_state) to
 * what it is now, as one step. */
static void
record_choice(tui *t, char *before, size_t before_len)
{
	size_t len;
	char *after = tui_choice_state(t, &len);

	if (before && after)
		hist_record(hist_of(t->hist, t->cur), HK_OTHER, 0, 0, before,
			    before_len, after, len, 0, 0);
	free(after);
}

static void
choice_set(tui *t, size_t k, bool toggle)
{
	const qn_item *it = &t->q->items[t->cur];
	const plan_answer *a = &t->s->plan->answers[t->cur];
	const char *id = opt_id(it, k);
	size_t before_len = 0;
	char *before;
	if (tui_refuse_read_only(t))
		return;
	if (!itype_is_many(it)) {
		if (a->value && !strcmp(a->value, id))
			return;
		before = tui_choice_state(t, &before_len);
		if (plan_set_value(t->s->plan, t->cur, id)) {
			choice_changed(t);
			record_choice(t, before, before_len);
		}
		free(before);
		return;
	}
	const char **v = malloc((a->n_values + 1) * sizeof *v);
	size_t n = 0;
	bool had = false;
	if (!v)
		return;
	for (size_t j = 0; j < a->n_values; j++) {
		if (!strcmp(a->values[j], id)) {
			had = true;
			if (toggle)
				continue;
		}
		v[n++] = a->values[j];
	}
	if (!had)
		v[n++] = id;
	/* plan_set_values copies before it frees the old list. */
	before = tui_choice_state(t, &before_len);
	if (plan_set_values(t->s->plan, t->cur, v, n)) {
		choice_changed(t);
		record_choice(t, before, before_len);
	}
	free(before);
	free(v);
}

static void
choice_clear(tui *t)
{
	const qn_item *it = &t->q->items[t->cur];
	size_t before_len = 0;
	char *before;
	if (tui_refuse_read_only(t))
		return;
	before = tui_choice_state(t, &before_len);
	bool ok = itype_is_many(it) ?
			  plan_set_values(t->s->plan, t->cur, NULL, 0) :
			  plan_set_value(t->s->plan, t->cur, NULL);
	if (ok) {
		choice_changed(t);
		if (before_len > 1)
			record_choice(t, before, before_len);
	}
	free(before);
}

void
tui_choice_pick(tui *t, tui_field *f, size_t k)
{
	const qn_item *it = &t->q->items[t->cur];
	size_t n = tui_n_options(it);

	if (k >= n)
		return;
	f->sel = k;
	choice_set(t, k, true);
	t->dirty |= D_FIELD;
}

/* Typed in the choices pane: a digit chooses by number, a letter moves to
 * the next option whose id starts with it (y and n for yes and no in
 * every language). False when ch is neither. */
static bool
choice_typed(tui *t, tui_field *f, const qn_item *it, size_t n, wint_t ch)
{
	if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < n) {
		f->sel = (size_t)(ch - '1');
		choice_set(t, f->sel, true);
		return true;
	}
	if (n > 0 && ch < 128 && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
		size_t k;

		for (k = 1; k <= n; k++) {
			const char *id = opt_id(it, (f->sel + k) % n);

			if ((id[0] | 0x20) == (int)(ch | 0x20))
				break;
		}
		if (k > n)
			return false;
		f->sel = (f->sel + k) % n;
		if (!itype_is_many(it))
			choice_set(t, f->sel, false);
		return true;
	}
	return false;
}

void
tui_choice_key(tui *t, tui_field *f, wint_t ch, bool is_key)
{
	const qn_item *it = &t->q->items[t->cur];
	size_t n = tui_n_options(it);
	tui_screen_action act = tui_keyset_action(TUI_KEYS_CHOICE, ch, is_key);

	if (!is_key && n > TUI_SHORT_LIST && ch >= 0x20 && act != SA_CLEAR) {
		/* A long list (a country): what is typed narrows it (Space
		 * opens it whole); not opened on a plan that cannot
		 * change. */
		char u[5] = {0};
		long k;

		if (tui_refuse_read_only(t))
			return;
		utext_encode((uint32_t)ch, u);
		k = tui_pick_option(t, i18n_item_title(t->q, t->cur), t->q,
				    t->cur, ch == ' ' ? NULL : u);
		if (k >= 0) {
			f->sel = (size_t)k;
			choice_set(t, f->sel, false);
		}
		t->dirty |= D_FIELD;
		return;
	}
	switch (act) {
	case SA_UP:
		if (f->sel > 0)
			f->sel--;
		break;
	case SA_DOWN:
		if (f->sel + 1 < n)
			f->sel++;
		else if (t->ffocus + 1 < t->n_fields)
			tui_next_field(t, 1);
		break;
	case SA_FIRST:
		f->sel = 0;
		break;
	case SA_LAST:
		f->sel = n ? n - 1 : 0;
		break;
	case SA_CLEAR:
		choice_clear(t);
		break;
	case SA_TICK:
		choice_set(t, f->sel, true);
		break;
	case SA_CHOOSE_ON:
		if (!itype_is_many(it))
			choice_set(t, f->sel, false);
		tui_next_field(t, 1);
		break;
	default:
		if (is_key || !choice_typed(t, f, it, n, ch))
			return;
		break;
	}
	t->dirty |= D_FIELD;
}
