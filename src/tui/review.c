/* The form's review of a new revision (issue 20): keeping a carried-over
 * answer as it is (Esc k), the current item's word diff against the last
 * finished revision (F7, Esc d; the notation of `actionplan diff`), the
 * outline filtered to the items changed since then, "does not apply"
 * with a reason (F8, Esc -), the one question that keeps every answer
 * still carried over when finishing, and the offer to carry a draft over
 * to a newer version of its questionnaire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate.h"
#include "revision.h"
#include "tui_int.h"
#include "wdiff.h"

/* Yes, in English or in the language of messages. */
static bool
said_yes(const char *a)
{
	return a && (a[0] == 'y' || a[0] == 'Y' || !strcmp(a, _("yes")));
}

/* The item the keys act on: the outline's selection there, else the
 * current item. */
static size_t
target(const tui *t)
{
	return t->focus == FOCUS_OUTLINE ? t->osel : t->cur;
}

void
tui_review_start(tui *t)
{
	size_t n = plan_n_carried(t->s->plan);

	if (n == 0 || t->msg[0])
		return;
	tui_message(t, false,
		    dngettext(I18N_DOMAIN,
			      "%zu answer was carried over: review it (%s "
			      "keeps it as it is).",
			      "%zu answers were carried over: review each "
			      "(%s keeps one as it is).", n),
		    n, tui_key_hint(ACT_KEEP));
}

void
tui_act_keep(tui *t)
{
	size_t i = target(t);
	unsigned long from = t->s->plan->answers[i].carried_from;
	char name[256];

	if (tui_refuse_read_only(t))
		return;
	tui_commit(t);
	tui_item_name(t, i, name, sizeof name);
	if (!revision_keep(t->s, i)) {
		tui_message(t, false, _("%s is not marked as carried over."),
			    name);
		return;
	}
	tui_refresh_states(t);
	tui_save(t);
	tui_message(t, false, _("%s: kept as it is (carried over from "
				"revision %lu)."), name, from);
	t->dirty |= D_OUTLINE | D_HEAD;
}

/* The last finished revision, or NULL with the reason on the message
 * line. *file names it (malloc'd). */
static plan *
last_final(tui *t, char **file)
{
	diag_list d = DIAG_LIST_INIT;
	plan *base;

	tui_commit(t);
	base = revision_last_final(t->s, t->export_dir, file, &d);
	if (base == NULL && d.n > 0)
		tui_message(t, true, "%s", d.v[0].message);
	else if (base == NULL)
		tui_message(t, true, "%s",
			    _("No finished revision of this plan was found to "
			      "compare with (not the file it was started from, "
			      "nor an export in its folder)."));
	diag_list_free(&d);
	return base;
}

/* A copy of p with only item i answered (and the country, which names
 * the plans in the diff's first lines), for a diff of that item. */
static plan *
only_item(const plan *p, size_t i)
{
	plan *c = plan_clone(p);

	if (c == NULL)
		return NULL;
	for (size_t k = 0; k < c->qn->n_items; k++)
		if (k != i && (long)k != c->qn->country_item)
			plan_clear_answer(c, k);
	return c;
}

/* text as lines for a list (malloc'd, in *v; their number returned). */
static size_t
split_lines(const char *text, char ***v)
{
	size_t n = 0, cap = 0;
	const char *p = text;

	*v = NULL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char **g;

		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			g = realloc(*v, cap * sizeof **v);
			if (!g)
				break;
			*v = g;
		}
		(*v)[n] = strndup(p, len);
		if (!(*v)[n])
			break;
		n++;
		p += len + (nl ? 1 : 0);
	}
	return n;
}

void
tui_act_diff(tui *t)
{
	size_t i = target(t);
	char *file = NULL, *text = NULL, **lines = NULL;
	plan *base = last_final(t, &file), *a = NULL, *b = NULL;
	diag_list d = DIAG_LIST_INIT;
	wdiff_counts c;
	char name[256], title[512];
	size_t n = 0, len;

	if (base == NULL)
		goto out;
	tui_item_name(t, i, name, sizeof name);
	a = only_item(base, i);
	b = only_item(t->s->plan, i);
	if (a && b)
		text = wdiff_plans(a, file, b, t->s->path, &c, &len, &d);
	if (text == NULL) {
		tui_message(t, true, "%s",
			    d.n ? d.v[0].message : _("out of memory"));
		goto out;
	}
	if (c.added + c.removed + c.changed == 0) {
		tui_message(t, false,
			    _("%s has not changed since revision %lu."), name,
			    base->revision);
		goto out;
	}
	n = split_lines(text, &lines);
	snprintf(title, sizeof title,
		 _("%s since revision %lu: [-deleted-] {+inserted+}"), name,
		 base->revision);
	tui_pager(t, title, lines, n, _("Enter, Esc: back"));
	tui_layout(t);
out:
	tui_free_lines(lines, n);
	plan_destroy(a);
	plan_destroy(b);
	plan_destroy(base);
	free(file);
	free(text);
	diag_list_free(&d);
}

void
tui_act_changed(tui *t)
{
	char *file = NULL;
	plan *base;
	size_t n = 0;

	if (t->only_changed) {
		t->only_changed = false;
		t->dirty |= D_OUTLINE;
		tui_message(t, false, "%s", _("The outline lists every item."));
		return;
	}
	base = last_final(t, &file);
	if (base == NULL)
		return;
	for (size_t i = 0; i < t->q->n_items; i++) {
		t->st[i].changed = !plan_answer_equal(&base->answers[i],
						      &t->s->plan->answers[i]);
		n += t->st[i].changed && t->st[i].shown;
	}
	t->only_changed = true;
	t->dirty |= D_OUTLINE;
	tui_message(t, false,
		    dngettext(I18N_DOMAIN,
			      "The outline lists the %zu item changed since "
			      "revision %lu (%s again: every item).",
			      "The outline lists the %zu items changed since "
			      "revision %lu (%s again: every item).", n),
		    n, base->revision, tui_key_hint(ACT_CHANGED));
	plan_destroy(base);
	free(file);
}

void
tui_act_not_applicable(tui *t)
{
	size_t i = t->cur;
	const plan_answer *a = &t->s->plan->answers[i];
	char *reason = NULL, *ok = NULL;

	if (tui_refuse_read_only(t))
		return;
	tui_commit(t);
	if (!t->q->items[i].allow_na) {
		tui_message(t, true, "%s",
			    _("This item must be answered: the questionnaire "
			      "does not let it be marked as not applying."));
		return;
	}
	reason = tui_prompt(t, _("Does not apply, because: "),
			    a->na_reason ? a->na_reason : "", NULL);
	if (reason == NULL)
		goto out;
	if (reason[0] == '\0' && a->na_reason == NULL)
		goto out;
	if (reason[0] != '\0' && a->na_reason == NULL &&
	    plan_answered(t->s->plan, i)) {
		ok = tui_prompt(t, _("This replaces the answer. Mark the item "
				     "as not applying? (yes/no) "), "", NULL);
		if (!said_yes(ok))
			goto out;
	}
	if (!plan_set_not_applicable(t->s->plan, i, reason)) {
		tui_message(t, true, "%s",
			    _("the answer could not be stored (out of memory "
			      "or not UTF-8); it stays on the screen"));
		goto out;
	}
	session_changed(t->s);
	tui_reenter_item(t);
	tui_refresh_states(t);
	tui_validate_one(t, i);
	tui_save(t);
	tui_message(t, false, "%s",
		    reason[0] ? _("Marked as not applying.")
			      : _("The item applies again: answer it."));
out:
	free(reason);
	free(ok);
	t->dirty |= D_ALL;
}

bool
tui_accept_carried(tui *t, const val_list *vl)
{
	char q[512];
	char *a;
	bool yes;

	if (!validate_only_carried(vl))
		return false;
	snprintf(q, sizeof q,
		 dngettext(I18N_DOMAIN,
			   "%zu answer carried over, not reviewed: keep it as "
			   "it is? (yes/no) ",
			   "%zu answers carried over, not reviewed: keep them "
			   "all as they are? (yes/no) ", vl->n),
		 vl->n);
	a = tui_prompt(t, q, "", NULL);
	yes = said_yes(a);
	free(a);
	if (!yes)
		return false;
	revision_keep_all(t->s);
	tui_refresh_states(t);
	return true;
}

void
tui_offer_migration(tui *t)
{
	diag_list d = DIAG_LIST_INIT;
	migrate_result r;
	session *s;
	long newest;
	char q[512];
	char *a;

	if (t->s->read_only || t->s->plan->status != PLAN_DRAFT)
		return;
	newest = migrate_newest(t->s->qn);
	if (newest == 0)
		return;
	snprintf(q, sizeof q,
		 _("Version %ld is installed: carry this draft over to it "
		   "(a new file)? (yes/no) "), newest);
	tui_layout(t);
	a = tui_prompt(t, q, "", NULL);
	if (!said_yes(a)) {
		free(a);
		return;
	}
	free(a);
	session_save(t->s);
	if (!migrate_file(t->s->path, newest, NULL, &r, &d)) {
		char *m = d.n ? diag_format(&d.v[0]) : NULL;

		tui_message(t, true, "%s", m ? m : _("out of memory"));
		free(m);
		goto out;
	}
	s = session_open(r.out, NULL, &d);
	if (s == NULL) {
		tui_message(t, true, _("Carried over to %s, which could not "
				       "be opened."), r.out);
		migrate_result_free(&r);
		goto out;
	}
	session_close(t->s);
	t->s = s;
	if (r.dropped)
		tui_message(t, false,
			    _("Carried over to %s (version %ld): %zu answers "
			      "to review; what has no place is in %s."),
			    r.out, r.to, r.n_carried, r.dropped);
	else
		tui_message(t, false,
			    _("Carried over to %s (version %ld): %zu answers "
			      "to review."), r.out, r.to, r.n_carried);
	migrate_result_free(&r);
out:
	diag_list_free(&d);
}
