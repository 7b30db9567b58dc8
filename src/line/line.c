/* Line mode: the questionnaire asked as plain lines, one question after
 * another, for screen readers, dumb terminals and scripts (issue 4). */
#include "line_int.h"

#include <errno.h>
#include <libintl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "session.h"
#include "utext.h"
#include "validate.h"

#include "i18n.h"
#include "itype.h"
#include "loadplan.h"
#include "revision.h"

/* Words. */

const char *
lm_skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Copy of s without leading and trailing blanks (malloc'd). */
char *
lm_trimmed(const char *s)
{
	const char *e;
	char *r;

	s = lm_skip_space(s);
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	r = malloc((size_t)(e - s) + 1);
	if (r != NULL) {
		memcpy(r, s, (size_t)(e - s));
		r[e - s] = '\0';
	}
	return r;
}

/* "Protection 3", or the title of an unnumbered item: how problems name
 * an item. */
void
lm_say_problem(lm *m, size_t item, const char *message)
{
	char label[256];

	loadplan_item_label(m->s->qn, item, label, sizeof label);
	lm_say(m, "%s: %s", label, message);
}

static size_t
say_val_problems(lm *m, const val_list *vl)
{
	for (size_t i = 0; i < vl->n; i++)
		lm_say_problem(m, vl->v[i].item, vl->v[i].message);
	return vl->n;
}

static void
say_diags(lm *m, const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		lm_say(m, "%s", s != NULL ? s : d->v[i].message);
		free(s);
	}
	if (diag_lost(d) > 0)
		lm_say(m, "%s", _("out of memory"));
}

static bool
diag_has_errno(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == DIAG_ERROR && d->v[i].sys_errno != 0)
			return true;
	return diag_lost(d) > 0;
}

static void
say_text_lines(lm *m, const char *text)
{
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (n > 0) {
			fputs("  ", m->out);
			lm_put_visible(m, p, n);
		}
		fputc('\n', m->out);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* A stored value as the reader reads it: an option's label in the
 * language of messages, or the value itself (free text, or an id the
 * loader kept). */
static const char *
value_label(const qn *q, size_t item, const char *v)
{
	const qn_item *it = &q->items[item];
	long k = itype_option_index(it, v);

	return k >= 0 ? itype_of(it)->option_label(q, item, (size_t)k) : v;
}

static void
say_answer(lm *m, size_t i)
{
	const qn_item *it = &m->s->qn->items[i];
	const plan_answer *a = &m->s->plan->answers[i];

	if (itype_is_many(it)) {
		if (a->n_values == 0) {
			lm_say(m, _("Current answer: none"));
		} else {
			fputs(_("Current answer: "), m->out);
			for (size_t k = 0; k < a->n_values; k++) {
				const char *l = value_label(m->s->qn, i,
							    a->values[k]);

				fputs(k > 0 ? ", " : "", m->out);
				lm_put_visible(m, l, strlen(l));
			}
			fputc('\n', m->out);
		}
	} else if (a->value == NULL) {
		lm_say(m, _("Current answer: none"));
	} else if (itype_of(it)->input == ITYPE_TEXT) {
		lm_say(m, _("Current answer:"));
		say_text_lines(m, a->value);
	} else {
		lm_say(m, _("Current answer: %s"),
		       value_label(m->s->qn, i, a->value));
	}
	if (it->explain) {
		if (a->explanation == NULL) {
			lm_say(m, _("%s: none"),
			    i18n_item_explain_label(m->s->qn, i));
		} else {
			lm_say(m, "%s:", i18n_item_explain_label(m->s->qn, i));
			say_text_lines(m, a->explanation);
		}
	}
	lm_say_marks(m, i);
}

static void
say_item(lm *m, size_t i)
{
	const qn *q = m->s->qn;
	const qn_item *it = &q->items[i];

	lm_say(m, "%s", "");
	lm_say(m, _("Section: %s"), i18n_section_title(q, it->section));
	if (it->number[0] != '\0')
		lm_say(m, "%s. %s", it->number, i18n_item_title(q, i));
	else
		lm_say(m, "%s", i18n_item_title(q, i));
	if (it->guidance[0] != '\0')
		lm_say(m, _("Guidance: %s"), i18n_item_guidance(q, i));
	say_answer(m, i);
}

static void
say_text_instructions(lm *m)
{
	lm_say(m, _("Type the answer; end with a line holding a single '.'. "
		 "An empty answer keeps the current one."));
}

static void
say_value_instructions(lm *m, size_t i)
{
	const qn_item *it = &m->s->qn->items[i];
	const itype *ty = itype_of(it);
	size_t n = lm_n_options(it);

	if (ty->input == ITYPE_TEXT || ty->line_hint == NULL) {
		say_text_instructions(m);
		return;
	}
	/* A short list is read out; a long one (countries) is typed by
	 * name. */
	if (n <= LM_SHORT_LIST)
		for (size_t k = 0; k < n; k++)
			lm_say(m, "%zu. %s", k + 1,
			       ty->option_label(m->s->qn, i, k));
	lm_say(m, "%s", ty->line_hint(it));
}

/* Saving. */

/* What the session must tell (a conflict copy, a recovered copy). */
static void
say_notice(lm *m)
{
	char *n = session_take_notice(m->s);

	if (n != NULL)
		lm_say(m, "%s", n);
	free(n);
}

/* Where saves go: the plan, or its conflict copy. */
static const char *
save_target(const lm *m)
{
	return m->s->conflict_path != NULL ? m->s->conflict_path : m->s->path;
}

/* Read-only: why, in words; or, for another editor, what it means here. */
static void
say_read_only(lm *m, bool ending)
{
	if (!m->s->held_elsewhere && m->s->ro_reason != NULL)
		lm_say(m, "%s", m->s->ro_reason);
	else if (ending)
		lm_say(m, _("Changes not saved: the plan is open in another "
			 "editor."));
	else
		lm_say(m, _("This plan is open in another editor: nothing "
			 "can be saved."));
}

void
lm_autosave(lm *m)
{
	if (m->s->read_only)
		return;
	if (!session_save(m->s))
		lm_say(m, _("Could not save the draft: %s"),
		    m->s->save_error != NULL ? m->s->save_error : "?");
	say_notice(m);
}

static bool
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Leaves at the end of input or after a signal: everything is saved
 * first. */
static int
leave_at_end(lm *m)
{
	bool had_changes = m->s->dirty;

	lm_take_signal(m); /* a hang-up may have shown as EIO first */

	if (m->s->read_only) {
		if (had_changes) {
			say_read_only(m, true);
			return m->s->held_elsewhere ? EXIT_LOCKED : EXIT_FILE;
		}
		lm_say(m, m->sig != 0 ? _("Interrupted.") : _("End of input."));
		return m->sig != 0 ? EXIT_PROBLEMS : 0;
	}
	if (!session_save(m->s)) {
		lm_say(m, _("Could not save the draft: %s"),
		    m->s->save_error != NULL ? m->s->save_error : "?");
		return EXIT_FILE;
	}
	say_notice(m);
	if (!file_exists(save_target(m))) {
		lm_say(m, m->sig != 0 ? _("Interrupted: nothing to save.")
				   : _("End of input: nothing to save."));
		return m->sig != 0 ? EXIT_PROBLEMS : 0;
	}
	if (m->sig != 0) {
		lm_say(m, _("Interrupted: draft saved to %s."), save_target(m));
		return EXIT_PROBLEMS;
	}
	lm_say(m, _("End of input: draft saved to %s."), save_target(m));
	return 0;
}

/* Commands. */


static const struct {
	const char *name;
	command cmd;
} commands[] = {
	{"back", CMD_BACK},       {"next", CMD_NEXT},
	{"skip", CMD_NEXT},       {"goto", CMD_GOTO},
	{"show", CMD_SHOW},       {"problems", CMD_PROBLEMS},
	{"clear", CMD_CLEAR},     {"save", CMD_SAVE},
	{"finish", CMD_FINISH},   {"quit", CMD_QUIT},
	{"help", CMD_HELP},       {"keep", CMD_KEEP},
	{"na", CMD_NA},
};

/* The command on line, if it is one; *arg points at its argument. A line
 * starting with "::" is never a command (it stands for a ':'). In a text
 * answer a command must start the line: an indented ":show" is text. */
command
lm_parse_command(const char *line, const char **arg)
{
	const char *p = line;
	size_t n = 0;

	*arg = "";
	if (p[0] != ':' || p[1] == ':')
		return CMD_NONE;
	p++;
	while (p[n] != '\0' && p[n] != ' ' && p[n] != '\t')
		n++;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strlen(commands[i].name) == n &&
		    strncasecmp(p, commands[i].name, n) == 0) {
			*arg = lm_skip_space(p + n);
			return commands[i].cmd;
		}
	}
	return CMD_UNKNOWN;
}

static void
say_help(lm *m)
{
	lm_say(m, _("Commands, each on a line of its own:"));
	lm_say(m, _("  :back         go to the previous question"));
	lm_say(m, _("  :next, :skip  go to the next question, leaving this "
		 "answer as it is"));
	lm_say(m, _("  :goto ITEM    go to a question, for example :goto P6 or "
		 ":goto intro"));
	lm_say(m, _("  :show         show the whole plan so far"));
	lm_say(m, _("  :problems     list what must still be answered or "
		 "corrected"));
	lm_say(m, _("  :clear        remove the answer to this question (an "
		 "empty answer keeps it)"));
	lm_say(m, _("  :keep         keep an answer carried over from the last "
		 "revision as it is"));
	lm_say(m, _("  :na REASON    the question does not apply, for this "
		 "reason (where the questionnaire allows it)"));
	lm_say(m, _("  :save         save the draft now (it is also saved after "
		 "every answer)"));
	lm_say(m, _("  :finish       check the plan, make it final and write "
		 "the exports"));
	lm_say(m, _("  :quit         save the draft and stop"));
	lm_say(m, _("  :help         show this list"));
	lm_say(m, _("In a text answer a line holding a single '.' ends the "
		 "answer; type '..' for a line holding '.'. Start a line with "
		 "'::' to type an answer that begins with ':'."));
}

static void
show_plan(lm *m)
{
	diag_list d = DIAG_LIST_INIT;
	export_options eo = {.draft = true};
	size_t len = 0;
	char *text = export_text(m->s->plan, &eo, &len, &d);

	if (text == NULL) {
		say_diags(m, &d);
	} else {
		fwrite(text, 1, len, m->out);
		if (len > 0 && text[len - 1] != '\n')
			fputc('\n', m->out);
	}
	free(text);
	diag_list_free(&d);
}

static void
list_problems(lm *m)
{
	val_list vl = VAL_LIST_INIT;

	if (validate_plan(m->s->plan, true, &vl) == 0) {
		lm_say(m, _("No problems: the plan can be made final with "
			 ":finish."));
	} else {
		lm_say(m, _("Problems:"));
		say_val_problems(m, &vl);
	}
	val_list_free(&vl);
}

static action
finish(lm *m)
{
	val_list vl = VAL_LIST_INIT;
	diag_list d = DIAG_LIST_INIT;
	char *ypath = NULL, *tpath = NULL;
	action act = ACT_REPROMPT;

	if (m->s->read_only) {
		if (!m->s->held_elsewhere && m->s->ro_reason != NULL)
			lm_say(m, "%s", m->s->ro_reason);
		else
			lm_say(m, _("This plan is open in another editor: it "
				 "cannot be made final here."));
		return ACT_REPROMPT;
	}
	if (session_make_final(m->s, m->opt->export_dir, &vl, &ypath, &tpath,
			   &d)) {
		say_notice(m);
		lm_say(m, _("The plan is final (revision %lu) and saved to %s."),
		    m->s->plan->revision, save_target(m));
		lm_say(m, _("Exports written: %s and %s."), ypath, tpath);
		lm_offer_sign(m, ypath);
		m->status = 0;
		act = ACT_EXIT;
	} else if (lm_accept_carried(m, &vl)) {
		act = finish(m);
	} else if (vl.n > 0) {
		/* Answers only carried over were listed with the question. */
		if (!validate_only_carried(&vl)) {
			lm_say(m, _("The plan cannot be made final yet:"));
			say_val_problems(m, &vl);
		}
		lm_say(m, _("Type :goto and the item to go to it, for example "
			 ":goto P6."));
	} else {
		say_notice(m);
		lm_say(m, _("The plan could not be made final:"));
		say_diags(m, &d);
	}
	free(ypath);
	free(tpath);
	val_list_free(&vl);
	diag_list_free(&d);
	return act;
}

static void
clear_item(lm *m, size_t i)
{
	if (!plan_answered(m->s->plan, i)) {
		lm_say(m, _("This question has no answer to remove."));
		return;
	}
	plan_clear_answer(m->s->plan, i);
	session_changed(m->s);
	lm_say(m, _("Answer removed."));
	lm_autosave(m);
}

/* Runs a command given at question i (i == n_items: after the last). */
action
lm_run_command(lm *m, size_t i, command cmd, const char *arg)
{
	const qn *q = m->s->qn;
	char *ref;
	long t;

	switch (cmd) {
	case CMD_NONE:
		return ACT_NONE;
	case CMD_UNKNOWN:
		lm_say(m, _("Unknown command. Type :help for the list; start the "
			 "line with '::' for an answer that begins with ':'."));
		return ACT_REPROMPT;
	case CMD_BACK:
		return ACT_BACK;
	case CMD_NEXT:
		if (i >= q->n_items) {
			lm_say(m, _("There are no more questions."));
			return ACT_REPROMPT;
		}
		return ACT_NEXT;
	case CMD_GOTO:
		if (*arg == '\0') {
			lm_say(m, _("Say which question, for example :goto P6."));
			return ACT_REPROMPT;
		}
		ref = lm_trimmed(arg);
		t = ref != NULL ? qn_find_ref(q, ref) : -1;
		if (ref == NULL) {
			lm_say(m, _("Out of memory."));
		} else if (t < 0) {
			lm_say(m, _("There is no question %s. Questions are named "
				 "like P6, prev 6 or prevention.6."), arg);
		} else if (!plan_item_shown(m->s->plan, (size_t)t)) {
			lm_say(m, _("Question %s is not asked because of an "
				 "earlier answer."), arg);
			t = -1;
		}
		free(ref);
		if (t < 0)
			return ACT_REPROMPT;
		m->target = (size_t)t;
		return ACT_GOTO;
	case CMD_SHOW:
		show_plan(m);
		return ACT_AGAIN;
	case CMD_PROBLEMS:
		list_problems(m);
		return ACT_REPROMPT;
	case CMD_CLEAR:
		if (i >= q->n_items) {
			lm_say(m, _("There is no question here to clear."));
			return ACT_REPROMPT;
		}
		clear_item(m, i);
		return ACT_REPROMPT;
	case CMD_SAVE:
		if (m->s->read_only) {
			say_read_only(m, false);
		} else if (session_save(m->s)) {
			say_notice(m);
			if (file_exists(save_target(m)))
				lm_say(m, _("Draft saved to %s."),
				    save_target(m));
			else
				lm_say(m, _("Nothing to save yet."));
		} else {
			lm_say(m, _("Could not save the draft: %s"),
			    m->s->save_error != NULL ? m->s->save_error : "?");
		}
		return ACT_REPROMPT;
	case CMD_FINISH:
		return finish(m);
	case CMD_QUIT:
		if (m->s->read_only) {
			m->status = !m->s->dirty ? 0
				    : m->s->held_elsewhere ? EXIT_LOCKED
							   : EXIT_FILE;
			if (m->s->dirty)
				say_read_only(m, true);
			return ACT_EXIT;
		}
		if (!session_save(m->s)) {
			lm_say(m, _("Could not save the draft: %s"),
			    m->s->save_error != NULL ? m->s->save_error : "?");
			m->status = EXIT_FILE;
		} else {
			say_notice(m);
			if (file_exists(save_target(m)))
				lm_say(m, _("Draft saved to %s."),
				    save_target(m));
			m->status = 0;
		}
		return ACT_EXIT;
	case CMD_HELP:
		say_help(m);
		return ACT_REPROMPT;
	case CMD_KEEP:
		return lm_keep(m, i);
	case CMD_NA:
		return lm_not_applicable(m, i, arg);
	}
	return ACT_NONE;
}

/* Prompts and reads a reply: IN_LINE with the command it is (CMD_NONE
 * for an answer) in *cmd and its argument in *arg; IN_EOF at the end;
 * IN_TOO_LONG for a line not to be used (too long or not UTF-8, said
 * already): ask again. */
static in_status
read_reply(lm *m, command *cmd, const char **arg)
{
	in_status st;

	lm_prompt(m);
	st = lm_read_line(m);
	if (st != IN_LINE)
		return st;
	if (!lm_line_usable(m))
		return IN_TOO_LONG;
	*cmd = lm_parse_command(lm_skip_space(m->line), arg);
	return IN_LINE;
}

/* Asks the value of item i until it is given, kept, or a command leaves
 * the question. */
static action
ask_value(lm *m, size_t i, bool *changed)
{
	const qn_item *it = &m->s->qn->items[i];

	*changed = false;
	if (itype_of(it)->input == ITYPE_TEXT) {
		say_value_instructions(m, i);
		return lm_read_text(m, i, false, changed);
	}
	for (;;) {
		in_status st;
		const char *arg;
		const char *l;
		command cmd;
		char *v;
		bool ok;

		say_value_instructions(m, i);
		st = read_reply(m, &cmd, &arg);
		if (st == IN_EOF)
			return ACT_END;
		if (st != IN_LINE)
			continue;
		if (cmd != CMD_NONE) {
			action act = lm_run_command(m, i, cmd, arg);

			if (act == ACT_REPROMPT)
				continue;
			return act;
		}
		l = lm_skip_space(m->line);
		if (l[0] == ':' && l[1] == ':')
			l++;
		v = lm_trimmed(l);
		if (v == NULL) {
			lm_say(m, _("Out of memory."));
			continue;
		}
		if (*v == '\0') {
			free(v);
			if (plan_answered(m->s->plan, i))
				lm_say(m, _("The answer is kept as it was "
					 "(:clear removes it)."));
			return ACT_NONE;
		}
		ok = lm_store_line_answer(m, i, v);
		free(v);
		if (ok) {
			*changed = true;
			return ACT_NONE;
		}
	}
}

static action
ask_explanation(lm *m, size_t i, bool *changed)
{
	lm_say(m, "%s:", i18n_item_explain_label(m->s->qn, i));
	say_text_instructions(m);
	return lm_read_text(m, i, true, changed);
}

/* Asks question i; problems of a changed answer are said at once (all
 * but a missing required answer, which waits for :problems and :finish)
 * and the question is asked again. */
static action
ask_item(lm *m, size_t i)
{
	const qn_item *it = &m->s->qn->items[i];

	say_item(m, i);
	for (;;) {
		val_list vl = VAL_LIST_INIT;
		bool changed = false, changed_expl = false;
		size_t n;
		action act = ask_value(m, i, &changed);

		if (act == ACT_REPROMPT)
			continue;
		if (act != ACT_NONE)
			return act;
		if (it->explain) {
			do
				act = ask_explanation(m, i, &changed_expl);
			while (act == ACT_REPROMPT);
			if (act != ACT_NONE)
				return act;
		}
		if (!changed && !changed_expl)
			return ACT_NEXT;
		n = validate_item(m->s->plan, i, false, &vl);
		say_val_problems(m, &vl);
		val_list_free(&vl);
		if (n == 0)
			return ACT_NEXT;
		lm_say(m, _("Type a new answer, or an empty answer to keep this "
			 "one."));
	}
}

/* After the last question: only commands. */
static action
ask_at_end(lm *m)
{
	size_t answered = 0, required = 0;
	size_t n = m->s->qn->n_items;

	validate_progress(m->s->plan, &answered, &required);
	lm_say(m, "%s", "");
	lm_say(m, _("That was the last question. %zu of %zu required answers "
		 "are given."), answered, required);
	for (;;) {
		const char *arg;
		command cmd;
		in_status st;
		action act;

		lm_say(m, _("Type :finish to make the plan final, :problems to "
			 "list what is missing, :back or :goto to change an "
			 "answer, or :quit to stop."));
		st = read_reply(m, &cmd, &arg);
		if (st == IN_EOF)
			return ACT_END;
		if (st != IN_LINE)
			continue;
		if (cmd == CMD_NONE) {
			if (*lm_skip_space(m->line) != '\0')
				lm_say(m, _("There are no more questions; type a "
					 "command (:help lists them)."));
			continue;
		}
		act = lm_run_command(m, n, cmd, arg);
		if (act != ACT_REPROMPT && act != ACT_AGAIN)
			return act;
	}
}

static size_t
first_shown(lm *m, size_t from)
{
	size_t n = m->s->qn->n_items;

	while (from < n && !plan_item_shown(m->s->plan, from))
		from++;
	return from;
}

/* The shown question before i, or i itself when there is none. */
static size_t
prev_shown(lm *m, size_t i)
{
	for (size_t k = i; k > 0; k--)
		if (plan_item_shown(m->s->plan, k - 1))
			return k - 1;
	return i;
}

static size_t
start_item(lm *m, bool preloaded)
{
	const plan *p = m->s->plan;
	bool any = false;

	for (size_t i = 0; i < p->qn->n_items; i++)
		any = any || plan_answered(p, i);
	if (preloaded || !any)
		return first_shown(m, 0);
	/* Resuming a draft: carry on where answers stop. */
	for (size_t i = 0; i < p->qn->n_items; i++)
		if (plan_item_shown(p, i) && !plan_answered(p, i))
			return i;
	return first_shown(m, 0);
}

static int
loop(lm *m, size_t cur)
{
	size_t n = m->s->qn->n_items;

	for (;;) {
		action act;

		cur = first_shown(m, cur);
		if (cur >= n)
			act = ask_at_end(m);
		else
			act = ask_item(m, cur);
		switch (act) {
		case ACT_NONE:
		case ACT_NEXT:
			cur++;
			break;
		case ACT_REPROMPT:
		case ACT_AGAIN:
			break;
		case ACT_BACK:
			if (prev_shown(m, cur) == cur)
				lm_say(m, _("This is the first question."));
			cur = prev_shown(m, cur);
			break;
		case ACT_GOTO:
			cur = m->target;
			break;
		case ACT_END:
			return leave_at_end(m);
		case ACT_EXIT:
			return m->status;
		}
	}
}

static void
say_start(lm *m, bool is_new)
{
	const session *s = m->s;

	lm_say(m, "%s: %s", s->qn->title, s->path);
	if (is_new)
		lm_say(m, _("A new plan; it is saved after the first answer."));
	else if (s->plan->status == PLAN_FINAL)
		lm_say(m, _("A final plan (revision %lu); changing an answer "
			 "makes it a draft again."), s->plan->revision);
	else
		lm_say(m, _("A draft."));
	if (s->read_only && !s->held_elsewhere && s->ro_reason != NULL)
		lm_say(m, _("%s. You can read the plan, but nothing you type "
			 "will be saved."), s->ro_reason);
	else if (s->read_only)
		lm_say(m, _("This plan is open in another editor: you can read "
			 "it, but nothing you type will be saved."));
	else
		lm_say(m, _("Every answer is saved as soon as it is given."));
	lm_say(m, _("Type :help on a line of its own for the commands."));
}

int
line_run(const line_options *opt, FILE *in, FILE *out)
{
	lm m;
	diag_list d = DIAG_LIST_INIT;
	bool is_new, preloaded = false;
	int status = 1;

	memset(&m, 0, sizeof(m));
	m.opt = opt;
	m.out = out;
	m.fd = fileno(in);
	m.in_tty = isatty(m.fd) == 1;
	session_install_signals();

	m.buf = malloc(MAX_LINE + CHUNK);
	if (m.buf == NULL) {
		fprintf(out, "%s\n", _("Out of memory."));
		goto out;
	}
	is_new = !file_exists(opt->path) && opt->from_path == NULL;
	m.s = opt->from_path != NULL
		      ? revision_open(opt->path, opt->from_path, &d)
		      : session_open(opt->path, opt->qn_id, &d);
	if (m.s != NULL)
		session_countries_notice(m.s->qn, &d);
	say_diags(&m, &d);
	if (m.s == NULL) {
		status = diag_has_errno(&d) ? EXIT_FILE : EXIT_PROBLEMS;
		goto out;
	}
	diag_list_clear(&d);
	say_start(&m, is_new);
	say_notice(&m);
	lm_say_review_start(&m);
	if (m.s->plan->n_unknown > 0)
		lm_say(&m, _("Warning: %zu answers in the file belong to no "
			  "question of the questionnaire; they will be "
			  "dropped when the plan is saved."),
		    m.s->plan->n_unknown);

	if (opt->answers_path != NULL && m.s->read_only) {
		/* Preloading writes the plan: never past its lock. */
		lm_say(&m, _("The answers in %s cannot be preloaded: %s"),
		    opt->answers_path, m.s->ro_reason != NULL ?
		    m.s->ro_reason : "read-only");
		status = m.s->held_elsewhere ? EXIT_LOCKED : EXIT_FILE;
		goto out;
	}
	if (opt->answers_path != NULL) {
		size_t copied = 0, kept = 0;

		if (!session_preload(m.s, opt->answers_path, &copied, &kept,
				     &d)) {
			say_diags(&m, &d);
			lm_say(&m, _("The answers in %s could not be used."),
			    opt->answers_path);
			status = diag_has_errno(&d) ? EXIT_FILE : EXIT_PROBLEMS;
			goto out;
		}
		say_diags(&m, &d);
		lm_say(&m, _("Preloaded %zu answers from %s; %zu questions "
			  "already answered kept their answers."),
		    copied, opt->answers_path, kept);
		preloaded = true;
		lm_autosave(&m);
	}
	status = loop(&m, start_item(&m, preloaded));
out:
	fflush(out);
	session_close(m.s);
	diag_list_free(&d);
	free(m.buf);
	free(m.line);
	return status;
}
