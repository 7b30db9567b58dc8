/* Line mode's answers: a text read up to a line holding '.' (only empty
 * lines keep the answer), and one-line answers parsed by type (yes/no,
 * a choice, a list of choices with every separator people use, and a
 * refusal that names the wrong part). */
#include "line_int.h"

#include <errno.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "country.h"
#include "i18n.h"
#include "utext.h"

/* Sets the value (or explanation) of item i; false when it could not be
 * stored (then said). */
static bool
store_text(lm *m, size_t i, const char *text, bool explanation)
{
	bool ok = explanation ? plan_set_explanation(m->s->plan, i, text)
			      : plan_set_value(m->s->plan, i, text);

	if (!ok) {
		lm_say(m, _("The answer could not be stored (out of memory or "
			 "not UTF-8)."));
		return false;
	}
	session_changed(m->s);
	lm_autosave(m);
	return true;
}

typedef struct textbuf {
	char *s;
	size_t len;
	size_t cap;
	size_t n_lines;
	bool full;
} textbuf;

static bool
textbuf_add(textbuf *t, const char *line, size_t n)
{
	size_t need = t->len + n + 2;

	if (need > MAX_TEXT) {
		t->full = true;
		return false;
	}
	if (need > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		char *s;

		while (cap < need)
			cap *= 2;
		s = realloc(t->s, cap);
		if (s == NULL)
			return false;
		t->s = s;
		t->cap = cap;
	}
	if (t->n_lines > 0)
		t->s[t->len++] = '\n';
	memcpy(t->s + t->len, line, n);
	t->len += n;
	t->s[t->len] = '\0';
	t->n_lines++;
	return true;
}

/* True when what was typed is only empty (or blank) lines: that keeps
 * the answer, as the prompt says; only :clear removes it. */
static bool
textbuf_blank(const textbuf *t)
{
	for (size_t k = 0; k < t->len; k++)
		if (t->s[k] != ' ' && t->s[k] != '\t' && t->s[k] != '\n')
			return false;
	return true;
}

/* Stores what was typed, unless it is nothing or only empty lines (then
 * the answer is kept, and said to be when lines were typed). */
static bool
store_typed(lm *m, size_t i, const textbuf *t, bool explanation)
{
	if (t->n_lines == 0)
		return false;
	if (textbuf_blank(t)) {
		lm_say(m, _("Only empty lines: the answer is kept as it was "
			 "(:clear removes it)."));
		return false;
	}
	return store_text(m, i, t->s, explanation);
}

/* Reads a text answer for item i (its value, or its explanation) up to a
 * line holding '.'. What was typed is stored before a navigation command
 * runs, and at the end of input, so nothing typed is lost; nothing but
 * empty lines keeps the answer. *changed is set when the answer was
 * replaced. */
action
lm_read_text(lm *m, size_t i, bool explanation, bool *changed)
{
	textbuf t = {NULL, 0, 0, 0, false};
	action act = ACT_NONE;

	*changed = false;
	lm_prompt(m);
	for (;;) {
		in_status st = lm_read_line(m);
		const char *arg;
		const char *l;
		command cmd;

		if (st == IN_TOO_LONG)
			continue;
		if (st == IN_EOF) {
			if (store_typed(m, i, &t, explanation))
				*changed = true;
			act = ACT_END;
			break;
		}
		if (!lm_line_usable(m))
			continue;
		l = m->line;
		if (strcmp(l, ".") == 0) {
			if (store_typed(m, i, &t, explanation))
				*changed = true;
			break;
		}
		cmd = lm_parse_command(l, &arg);
		if (cmd == CMD_HELP || cmd == CMD_SHOW ||
		    cmd == CMD_PROBLEMS) {
			lm_run_command(m, i, cmd, arg);
			lm_say(m, _("Go on typing the answer; end it with a line "
				 "holding a single '.'."));
			continue;
		}
		if (cmd == CMD_SAVE && t.n_lines > 0 && !textbuf_blank(&t)) {
			/* Keep typing afterwards: what follows is added. */
			if (store_text(m, i, t.s, explanation))
				*changed = true;
			lm_run_command(m, i, cmd, arg);
			continue;
		}
		if (cmd == CMD_CLEAR) {
			t.len = 0;
			t.n_lines = 0;
			t.full = false;
			act = lm_run_command(m, i, cmd, arg);
			break;
		}
		if (cmd != CMD_NONE && cmd != CMD_UNKNOWN) {
			if (store_typed(m, i, &t, explanation))
				*changed = true;
			act = lm_run_command(m, i, cmd, arg);
			break;
		}
		/* Escapes: ".." stands for ".", "::" at the start for ":". */
		if (l[0] == '.' && strspn(l, ".") == m->line_len)
			l++;
		else if (l[0] == ':' && l[1] == ':')
			l++;
		if (!t.full && !textbuf_add(&t, l, strlen(l))) {
			if (t.full)
				lm_say(m, _("The answer is longer than %d bytes; "
					 "the rest of it is ignored."),
				    MAX_TEXT);
			else
				lm_say(m, _("Out of memory: that line was "
					 "ignored."));
		}
	}
	free(t.s);
	return act;
}

static bool
word_is(const char *w, const char *a, const char *b)
{
	return strcasecmp(w, a) == 0 || (b != NULL && strcasecmp(w, b) == 0);
}

/* The choice of item i named by w (number, id, or label in English or in
 * the language of messages), or -1. */
static long
find_choice(const qn *q, size_t i, const char *w)
{
	const qn_item *it = &q->items[i];
	char *end;
	unsigned long n;

	if (*w >= '0' && *w <= '9') {
		errno = 0;
		n = strtoul(w, &end, 10);
		if (*end == '\0' && errno == 0 && n >= 1 && n <= it->n_choices)
			return (long)n - 1;
	}
	for (size_t k = 0; k < it->n_choices; k++)
		if (strcasecmp(w, it->choices[k].id) == 0 ||
		    strcasecmp(w, it->choices[k].label) == 0 ||
		    strcasecmp(w, i18n_choice_label(q, i, k)) == 0)
			return (long)k;
	return -1;
}

/* Says that part is not one of item i's choices, naming it: "'7' is not
 * one of the choices 1–5". */
static void
say_not_a_choice(lm *m, size_t i, const char *part)
{
	char buf[UTEXT_EXCERPT_SIZE + 128];
	char ex[UTEXT_EXCERPT_SIZE];

	snprintf(buf, sizeof buf, _("'%s' is not one of the choices 1–%zu"),
		 utext_excerpt(ex, part), m->s->qn->items[i].n_choices);
	lm_say_problem(m, i, buf);
}

/* Marks in sel the choices named in the piece p (a whole label, or words
 * separated by spaces). False, the word that names no choice said, when
 * there is one. */
static bool
select_piece(lm *m, size_t i, char *p, bool *sel)
{
	long k = find_choice(m->s->qn, i, p);
	char *save = NULL;

	if (k >= 0) {
		sel[k] = true;
		return true;
	}
	for (char *w = strtok_r(p, " \t", &save); w != NULL;
	     w = strtok_r(NULL, " \t", &save)) {
		k = find_choice(m->s->qn, i, w);
		if (k < 0) {
			say_not_a_choice(m, i, w);
			return false;
		}
		sel[k] = true;
	}
	return true;
}

/* A list of choices with every separator people use made a comma:
 * ",", "，", "、", ";", "；" (and the ideographic space a space). Returns
 * a malloc'd copy. */
static char *
commas(const char *v)
{
	static const struct {
		const char *from, *to;
	} seps[] = {
		{"\xef\xbc\x8c", ","}, /* ， */
		{"\xe3\x80\x81", ","}, /* 、 */
		{"\xef\xbc\x9b", ","}, /* ； */
		{";", ","},
		{"\xe3\x80\x80", " "}, /* ideographic space */
	};
	size_t n = strlen(v), o = 0, k;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (size_t p = 0; p < n;) {
		for (k = 0; k < sizeof seps / sizeof seps[0]; k++)
			if (!strncmp(v + p, seps[k].from, strlen(seps[k].from)))
				break;
		if (k < sizeof seps / sizeof seps[0]) {
			out[o++] = seps[k].to[0];
			p += strlen(seps[k].from);
		} else {
			out[o++] = v[p++];
		}
	}
	out[o] = '\0';
	return out;
}

/* A country typed by name (any of the four languages) or code: stored by
 * its code; several matches or none are listed, and nothing is stored.
 * Without iso-codes, the text is kept as it is. */
static bool
store_country(lm *m, size_t i, const char *v)
{
	const country_db *db = country_db_default(NULL);
	const country *c[8];
	const char *lang = i18n_ui_language();
	size_t n;

	if (db == NULL)
		return store_text(m, i, v, false);
	n = country_match(db, v, c, 8);
	if (n == 1)
		return store_text(m, i, c[0]->alpha3, false);
	if (n == 0)
		n = country_filter(db, v, c, 8);
	if (n == 0) {
		n = country_closest(db, v, c, 8);
		lm_say_problem(m, i, n ? _("no country has that name; did you "
					   "mean one of these?")
				       : _("no country has that name"));
	} else {
		lm_say_problem(m, i, _("several countries match; type one of "
				       "these codes or names:"));
	}
	for (size_t k = 0; k < n && k < 8; k++)
		lm_say(m, "  %s  %s", c[k]->alpha3,
		       country_name(db, c[k], lang));
	if (n > 8)
		lm_say(m, _("  ... and %zu more"), n - 8);
	return false;
}

/* Parses and stores a one-line answer v (lm_trimmed, not empty) to item i.
 * False when it is not a possible answer (the problem was said). */
bool
lm_store_line_answer(lm *m, size_t i, const char *v)
{
	const qn_item *it = &m->s->qn->items[i];
	bool ok = false;

	switch (it->type) {
	case QN_YESNO:
		if (word_is(v, "1", NULL) || word_is(v, "yes", "y") ||
		    word_is(v, _("yes"), _("y")))
			return store_text(m, i, "yes", false);
		if (word_is(v, "2", NULL) || word_is(v, "no", "n") ||
		    word_is(v, _("no"), _("n")))
			return store_text(m, i, "no", false);
		lm_say_problem(m, i, _("type 1 or yes, 2 or no"));
		return false;
	case QN_CHOICE: {
		long k = find_choice(m->s->qn, i, v);

		if (k < 0) {
			say_not_a_choice(m, i, v);
			return false;
		}
		return store_text(m, i, it->choices[k].id, false);
	}
	case QN_MULTI: {
		bool *sel = calloc(it->n_choices + 1, sizeof(*sel));
		const char **vals = calloc(it->n_choices + 1, sizeof(*vals));
		char *copy = commas(v);
		char *save = NULL;
		size_t n = 0;

		if (sel == NULL || vals == NULL || copy == NULL) {
			lm_say(m, _("Out of memory."));
			goto multi_out;
		}
		for (char *p = strtok_r(copy, ",", &save); p != NULL;
		     p = strtok_r(NULL, ",", &save)) {
			char *piece = lm_trimmed(p);
			bool good = piece != NULL && (*piece == '\0' ||
					select_piece(m, i, piece, sel));

			free(piece);
			if (!good)
				goto multi_out;
		}
		for (size_t k = 0; k < it->n_choices; k++)
			if (sel[k])
				vals[n++] = it->choices[k].id;
		if (n == 0) {
			lm_say_problem(m, i, i18n_item_message(m->s->qn, i, I18N_ITEM_MSG_CHOICE));
			goto multi_out;
		}
		if (!plan_set_values(m->s->plan, i, vals, n)) {
			lm_say(m, _("Out of memory."));
			goto multi_out;
		}
		session_changed(m->s);
		lm_autosave(m);
		ok = true;
multi_out:
		free(sel);
		free(vals);
		free(copy);
		return ok;
	}
	case QN_COUNTRY:
		return store_country(m, i, v);
	default:
		return store_text(m, i, v, false);
	}
}

