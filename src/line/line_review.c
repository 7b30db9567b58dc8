/* Line mode's review of a new revision and "does not apply": the marks said
 * with each answer, :keep, :na REASON, and the one explicit question that
 * accepts every answer still carried over when the plan is finished. */
#include "line_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "revision.h"
#include "validate.h"

void
lm_say_marks(lm *m, size_t i)
{
	const plan_answer *a = &m->s->plan->answers[i];

	if (a->na_reason != NULL) {
		fputs(_("Does not apply: "), m->out);
		lm_put_visible(m, a->na_reason, strlen(a->na_reason));
		fputc('\n', m->out);
	}
	if (a->carried)
		lm_say(m, _("Carried over from revision %lu, not reviewed: "
			    "type :keep to keep it as it is, or a new answer."),
		       a->carried_from);
}

void
lm_say_review_start(lm *m)
{
	const plan *p = m->s->plan;
	size_t n = plan_n_carried(p);

	if (p->has_base)
		lm_say(m, _("A new revision (%lu) of the final plan of revision "
			    "%lu."), p->revision, p->base_revision);
	if (n > 0)
		lm_say(m, ngettext("%zu answer was carried over and is not "
				   "reviewed yet: change it, or type :keep to "
				   "keep it as it is.",
				   "%zu answers were carried over and are not "
				   "reviewed yet: change each, or type :keep to "
				   "keep one as it is.", n),
		       n);
}

action
lm_keep(lm *m, size_t i)
{
	if (i >= m->s->qn->n_items || !revision_keep(m->s, i)) {
		lm_say(m, _("This answer is not marked as carried over."));
		return ACT_REPROMPT;
	}
	lm_say(m, _("Kept as it is."));
	if (!m->s->read_only && !session_save(m->s))
		lm_say(m, _("Could not save the draft: %s"),
		       m->s->save_error != NULL ? m->s->save_error : "?");
	return ACT_NEXT;
}

action
lm_not_applicable(lm *m, size_t i, const char *reason)
{
	if (i >= m->s->qn->n_items) {
		lm_say(m, _("There is no question here to mark."));
		return ACT_REPROMPT;
	}
	if (!m->s->qn->items[i].allow_na) {
		lm_say(m, _("This question must be answered: the questionnaire "
			    "does not let it be marked as not applying."));
		return ACT_REPROMPT;
	}
	if (*reason == '\0') {
		lm_say(m, _("Say why on the same line, for example :na There is "
			    "no such program."));
		return ACT_REPROMPT;
	}
	if (!plan_set_not_applicable(m->s->plan, i, reason)) {
		lm_say(m, _("The answer could not be stored (out of memory or "
			    "not UTF-8)."));
		return ACT_REPROMPT;
	}
	session_changed(m->s);
	lm_say(m, _("Marked as not applying."));
	if (!m->s->read_only && !session_save(m->s))
		lm_say(m, _("Could not save the draft: %s"),
		       m->s->save_error != NULL ? m->s->save_error : "?");
	return ACT_NEXT;
}

bool
lm_accept_carried(lm *m, const val_list *vl)
{
	size_t n = vl->n;

	if (!validate_only_carried(vl))
		return false;
	lm_say(m, ngettext("%zu answer was carried over from an earlier "
			   "revision and not reviewed:",
			   "%zu answers were carried over from an earlier "
			   "revision and not reviewed:", n),
	       n);
	for (size_t k = 0; k < n; k++) {
		char label[256];

		loadplan_item_label(m->s->qn, vl->v[k].item, label,
				    sizeof(label));
		lm_say(m, "  %s: %s", label, vl->v[k].message);
	}
	lm_say(m, ngettext("Keep it as it is and make the plan final? Type yes "
			   "to keep it; anything else goes back.",
			   "Keep them all as they are and make the plan final? "
			   "Type yes to keep them; anything else goes back.",
			   n));
	lm_prompt(m);
	if (lm_read_line(m) != IN_LINE || !lm_line_usable(m))
		return false;
	if (strcasecmp(m->line, "yes") != 0 && strcasecmp(m->line, _("yes")) != 0)
		return false;
	return revision_keep_all(m->s) > 0;
}
