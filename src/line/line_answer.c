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

#include "i18n.h"
#include "itype.h"
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

size_t
lm_n_options(const qn_item *it)
{
	const itype *ty = itype_of(it);

	return ty->n_options ? ty->n_options(it) : 0;
}

/* The option of item i named by w (its number in a short list, its id,
 * or its label in English or in the language of messages), or -1. */
static long
find_choice(const qn *q, size_t i, const char *w)
{
	const qn_item *it = &q->items[i];
	const itype *ty = itype_of(it);
	size_t n = ty->n_options ? ty->n_options(it) : 0;
	char *end;
	unsigned long k;

	if (*w >= '0' && *w <= '9' && n <= LM_SHORT_LIST) {
		errno = 0;
		k = strtoul(w, &end, 10);
		if (*end == '\0' && errno == 0 && k >= 1 && k <= n)
			return (long)k - 1;
	}
	for (k = 0; k < n; k++)
		if (strcasecmp(w, ty->option_id(it, k)) == 0 ||
		    (it->choices && k < it->n_choices &&
		     strcasecmp(w, it->choices[k].label) == 0) ||
		    strcasecmp(w, ty->option_label(q, i, k)) == 0)
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
		 utext_excerpt(ex, part), lm_n_options(&m->s->qn->items[i]));
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

/* One option typed: the type's own matching where it has one (a country
 * by its code or any of its names; yes and no by their words and
 * letters), else number, id or label. Several matches, or partial ones in
 * a long list, are listed, and nothing is stored. */
static bool
store_option(lm *m, size_t i, const char *v)
{
	const qn_item *it = &m->s->qn->items[i];
	const itype *ty = itype_of(it);
	size_t opts[8], n = 0;
	long k = -1;

	if (ty->match) {
		n = ty->match(it, v, opts, 8);
		if (n == 1)
			k = (long)opts[0];
	} else {
		k = find_choice(m->s->qn, i, v);
	}
	if (k >= 0)
		return store_text(m, i, ty->option_id(it, (size_t)k), false);
	if (n == 0 && ty->filter)
		n = ty->filter(it, v, opts, 8);
	if (n == 0) {
		if (ty->no_match)
			lm_say_problem(m, i, _(ty->no_match));
		else
			say_not_a_choice(m, i, v);
		return false;
	}
	lm_say_problem(m, i, _("several match; type one of these:"));
	for (size_t j = 0; j < n && j < 8; j++)
		lm_say(m, "  %s", ty->option_label(m->s->qn, i, opts[j]));
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

	switch (itype_of(it)->input) {
	case ITYPE_ONE:
		/* No list to pick from (iso-codes missing): free text. */
		if (lm_n_options(it) == 0)
			return store_text(m, i, v, false);
		return store_option(m, i, v);
	case ITYPE_MANY: {
		size_t n_opts = lm_n_options(it);
		bool *sel = calloc(n_opts + 1, sizeof(*sel));
		const char **vals = calloc(n_opts + 1, sizeof(*vals));
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

			if (piece == NULL)
				lm_say(m, _("Out of memory."));
			free(piece);
			if (!good)
				goto multi_out;
		}
		for (size_t k = 0; k < n_opts; k++)
			if (sel[k])
				vals[n++] = itype_of(it)->option_id(it, k);
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
	default:
		return store_text(m, i, v, false);
	}
}

