/* Line mode: the questionnaire asked as plain lines, one question after
 * another, for screen readers, dumb terminals and scripts (issue 4). */
#include "line.h"

#include <errno.h>
#include <libintl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "session.h"
#include "utext.h"
#include "validate.h"

#include "i18n.h"
#include "loadplan.h"

/* Longest input line; longer ones are refused and the rest of the line is
 * skipped, so hostile input cannot grow memory without bound. */
#define MAX_LINE (1024 * 1024)
/* Exit statuses, as the command line documents them. */
#define EXIT_PROBLEMS 1    /* also: interrupted by a signal */
#define EXIT_FILE 3        /* a file could not be read or written */
#define EXIT_LOCKED 4      /* open in another editor: changes lost */

/* Bytes asked of read(2) at a time. */
#define CHUNK (64 * 1024)
/* Longest text answer (the plan file itself may be 32 MiB). */
#define MAX_TEXT (8 * 1024 * 1024)
/* After a signal, at most this much input still waiting is taken in, so a
 * writer that never stops cannot keep the program from saving. */
#define DRAIN_MAX (4 * 1024 * 1024)

typedef enum {
	IN_LINE,     /* m->line holds a line */
	IN_EOF,      /* no more input (end, error, or a signal) */
	IN_TOO_LONG, /* a line over MAX_LINE was skipped */
} in_status;

/* What the question loop does next. */
typedef enum {
	ACT_NONE,     /* go on with this question */
	ACT_REPROMPT, /* ask this question again (short prompt) */
	ACT_AGAIN,    /* show this question again in full */
	ACT_NEXT,
	ACT_BACK,
	ACT_GOTO,     /* to m->target */
	ACT_END,      /* input ended: save and leave */
	ACT_EXIT,     /* leave with m->status */
} action;

typedef struct lm {
	const line_options *opt;
	FILE *out;
	int fd;
	bool in_tty;
	session *s;
	/* Input not yet consumed: buf[start..len). */
	char *buf;
	size_t start;
	size_t len;
	bool eof;        /* nothing more will come */
	bool discarding; /* skipping the rest of an over-long line */
	int sig;         /* the signal that ended the input, or 0 */
	size_t drained;
	char *line;      /* the last line read, NUL-terminated */
	size_t line_len;
	size_t line_cap;
	bool prompt_open; /* "> " printed, no newline after it yet */
	/* Question loop. */
	size_t cur;
	size_t target;
	int status;
} lm;

/* Output. Errors are ignored here: a closed output must not stop the
 * answers on the input from being saved. */
static void
say(lm *m, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Writes s[0..n) with every control character made visible: text from a
 * plan must never drive the terminal (or a screen reader) with escape
 * sequences. C0 controls and DEL print as ^X, C1 controls as <U+009B>. */
static void
put_visible(lm *m, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && c != 0xc2)) {
			fputc(c, m->out);
		} else if (c < 0x20 || c == 0x7f) {
			fputc('^', m->out);
			fputc(c == 0x7f ? '?' : c + '@', m->out);
		} else if (i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9f) {
			fprintf(m->out, "<U+%04X>", (unsigned char)s[i + 1]);
			i++;
		} else {
			fputc(c, m->out);
		}
	}
}

static void
say(lm *m, const char *fmt, ...)
{
	va_list ap;
	char small[512];
	char *buf = small;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof small) {
		buf = malloc((size_t)n + 1);
		if (buf == NULL)
			return;
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	put_visible(m, buf, (size_t)n);
	fputc('\n', m->out);
	if (buf != small)
		free(buf);
}

static void
prompt(lm *m)
{
	fputs("> ", m->out);
	fflush(m->out);
	m->prompt_open = true;
}

/* Input. read(2) on the descriptor, never stdio: stdio retries after EINTR
 * and would keep a signal from being seen. */

static void
take_signal(lm *m)
{
	if (m->sig == 0 && session_signal != 0)
		m->sig = session_signal;
}

/* After a signal: take in what is already waiting, without blocking. */
static void
drain_once(lm *m, size_t room)
{
	struct pollfd pfd = {m->fd, POLLIN, 0};
	ssize_t n;

	if (m->drained >= DRAIN_MAX || poll(&pfd, 1, 0) <= 0 ||
	    (pfd.revents & (POLLIN | POLLHUP)) == 0) {
		m->eof = true;
		return;
	}
	n = read(m->fd, m->buf + m->len, room);
	if (n <= 0) {
		m->eof = true;
		return;
	}
	m->len += (size_t)n;
	m->drained += (size_t)n;
}

static void
fill(lm *m)
{
	sigset_t block, old;
	fd_set rd;
	size_t room;
	ssize_t n;
	int r;

	if (m->start > 0) {
		memmove(m->buf, m->buf + m->start, m->len - m->start);
		m->len -= m->start;
		m->start = 0;
	}
	room = MAX_LINE + CHUNK - m->len;
	if (room > CHUNK)
		room = CHUNK;
	take_signal(m);
	if (m->sig != 0) {
		drain_once(m, room);
		return;
	}
	/* Signals blocked from the check of the flag until pselect unblocks
	 * them atomically: a signal cannot slip in between and leave the
	 * read waiting. */
	sigemptyset(&block);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (session_signal != 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return;
	}
	if (m->fd < FD_SETSIZE) {
		FD_ZERO(&rd);
		FD_SET(m->fd, &rd);
		r = pselect(m->fd + 1, &rd, NULL, NULL, NULL, &old);
	} else {
		r = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r < 0) {
		if (errno != EINTR)
			m->eof = true;
		return;
	}
	n = read(m->fd, m->buf + m->len, room);
	if (n > 0)
		m->len += (size_t)n;
	else if (n == 0 || (errno != EINTR && errno != EAGAIN))
		m->eof = true; /* also EIO from a terminal that hung up */
}

static bool
take(lm *m, const char *b, size_t n)
{
	if (n > 0 && b[n - 1] == '\r')
		n--;
	if (n + 1 > m->line_cap) {
		char *l = realloc(m->line, n + 1);

		if (l == NULL)
			return false;
		m->line = l;
		m->line_cap = n + 1;
	}
	memcpy(m->line, b, n);
	m->line[n] = '\0';
	m->line_len = n;
	return true;
}

static in_status
read_line_raw(lm *m)
{
	for (;;) {
		char *b = m->buf + m->start;
		size_t avail = m->len - m->start;
		char *nl = memchr(b, '\n', avail);

		if (nl != NULL) {
			size_t n = (size_t)(nl - b);

			m->start += n + 1;
			if (m->discarding || n > MAX_LINE) {
				m->discarding = false;
				return IN_TOO_LONG;
			}
			return take(m, b, n) ? IN_LINE : IN_TOO_LONG;
		}
		if (m->discarding || avail > MAX_LINE) {
			m->discarding = true;
			m->start = m->len = 0;
			avail = 0;
		}
		if (m->eof) {
			if (m->discarding) {
				m->discarding = false;
				return IN_TOO_LONG;
			}
			if (avail > 0) {
				m->start = m->len;
				return take(m, b, avail) ? IN_LINE : IN_TOO_LONG;
			}
			return IN_EOF;
		}
		fill(m);
	}
}

static in_status
read_line(lm *m)
{
	in_status st;

	fflush(m->out);
	st = read_line_raw(m);
	/* Input from a script is not echoed: end the prompt's line so that
	 * what follows starts on a line of its own. */
	if (m->prompt_open && !m->in_tty)
		fputc('\n', m->out);
	m->prompt_open = false;
	if (st == IN_TOO_LONG)
		say(m, _("That line is longer than %d bytes and was ignored."),
		    MAX_LINE);
	return st;
}

/* A line that can be an answer: UTF-8 and no NUL. */
static bool
line_usable(lm *m)
{
	if (memchr(m->line, '\0', m->line_len) != NULL ||
	    !utext_valid(m->line, m->line_len, NULL)) {
		say(m, _("That line is not valid UTF-8 text and was ignored."));
		return false;
	}
	return true;
}

/* Words. */

static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Copy of s without leading and trailing blanks (malloc'd). */
static char *
trimmed(const char *s)
{
	const char *e;
	char *r;

	s = skip_space(s);
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
static void
say_problem(lm *m, size_t item, const char *message)
{
	char label[256];

	loadplan_item_label(m->s->qn, item, label, sizeof label);
	say(m, "%s: %s", label, message);
}

static size_t
say_val_problems(lm *m, const val_list *vl)
{
	for (size_t i = 0; i < vl->n; i++)
		say_problem(m, vl->v[i].item, vl->v[i].message);
	return vl->n;
}

static void
say_diags(lm *m, const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		say(m, "%s", s != NULL ? s : d->v[i].message);
		free(s);
	}
}

static bool
diag_has_errno(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == DIAG_ERROR && d->v[i].sys_errno != 0)
			return true;
	return false;
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
			put_visible(m, p, n);
		}
		fputc('\n', m->out);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static const char *
yesno_label(const char *v)
{
	if (strcmp(v, "yes") == 0)
		return _("Yes");
	if (strcmp(v, "no") == 0)
		return _("No");
	return v;
}

/* A choice's label in the language of messages (its id if unknown). */
static const char *
choice_label(const qn *q, size_t item, const char *id)
{
	const char *l = i18n_choice_label_id(q, item, id);

	return l != NULL ? l : id;
}

static void
say_answer(lm *m, size_t i)
{
	const qn_item *it = &m->s->qn->items[i];
	const plan_answer *a = &m->s->plan->answers[i];

	if (it->type == QN_MULTI) {
		if (a->n_values == 0) {
			say(m, _("Current answer: none"));
		} else {
			fputs(_("Current answer: "), m->out);
			for (size_t k = 0; k < a->n_values; k++) {
				const char *l = choice_label(m->s->qn, i,
							     a->values[k]);

				fputs(k > 0 ? ", " : "", m->out);
				put_visible(m, l, strlen(l));
			}
			fputc('\n', m->out);
		}
	} else if (a->value == NULL) {
		say(m, _("Current answer: none"));
	} else if (it->type == QN_TEXT) {
		say(m, _("Current answer:"));
		say_text_lines(m, a->value);
	} else if (it->type == QN_YESNO) {
		say(m, _("Current answer: %s"), yesno_label(a->value));
	} else if (it->type == QN_CHOICE) {
		say(m, _("Current answer: %s"), choice_label(m->s->qn, i, a->value));
	} else {
		say(m, _("Current answer: %s"), a->value);
	}
	if (it->explain) {
		if (a->explanation == NULL) {
			say(m, _("%s: none"),
			    i18n_item_explain_label(m->s->qn, i));
		} else {
			say(m, "%s:", i18n_item_explain_label(m->s->qn, i));
			say_text_lines(m, a->explanation);
		}
	}
}

static void
say_item(lm *m, size_t i)
{
	const qn *q = m->s->qn;
	const qn_item *it = &q->items[i];

	say(m, "%s", "");
	say(m, _("Section: %s"), i18n_section_title(q, it->section));
	if (it->number[0] != '\0')
		say(m, "%s. %s", it->number, i18n_item_title(q, i));
	else
		say(m, "%s", i18n_item_title(q, i));
	if (it->guidance[0] != '\0')
		say(m, _("Guidance: %s"), i18n_item_guidance(q, i));
	say_answer(m, i);
}

static void
say_text_instructions(lm *m)
{
	say(m, _("Type the answer; end with a line holding a single '.'. "
		 "An empty answer keeps the current one."));
}

static void
say_value_instructions(lm *m, size_t i)
{
	const qn_item *it = &m->s->qn->items[i];

	switch (it->type) {
	case QN_TEXT:
		say_text_instructions(m);
		break;
	case QN_LINE:
		say(m, _("Type the answer on one line. An empty line keeps the "
			 "current answer."));
		break;
	case QN_DATE:
		if (it->month_precision)
			say(m, _("Type the month as YYYY-MM, for example "
				 "2000-01. An empty line keeps the current "
				 "answer."));
		else
			say(m, _("Type the date as YYYY-MM-DD, for example "
				 "2000-01-31. An empty line keeps the current "
				 "answer."));
		break;
	case QN_EMAIL:
		say(m, _("Type the e-mail address. An empty line keeps the "
			 "current answer."));
		break;
	case QN_YESNO:
		say(m, "1. %s  2. %s", _("Yes"), _("No"));
		say(m, _("Type 1 or yes, 2 or no. An empty line keeps the "
			 "current answer."));
		break;
	case QN_CHOICE:
	case QN_MULTI:
		for (size_t k = 0; k < it->n_choices; k++)
			say(m, "%zu. %s", k + 1,
			    i18n_choice_label(m->s->qn, i, k));
		if (it->type == QN_CHOICE)
			say(m, _("Type the number or the name of one choice. "
				 "An empty line keeps the current answer."));
		else
			say(m, _("Type the numbers or names of every choice "
				 "that applies, separated by commas or spaces. "
				 "An empty line keeps the current answer."));
		break;
	}
}

/* Saving. */

static void
autosave(lm *m)
{
	if (m->s->read_only)
		return;
	if (!session_save(m->s))
		say(m, _("Could not save the draft: %s"),
		    m->s->save_error != NULL ? m->s->save_error : "?");
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

	take_signal(m); /* a hang-up may have shown as EIO first */

	if (m->s->read_only) {
		if (had_changes) {
			say(m, _("Changes not saved: the plan is open in "
				 "another editor."));
			return EXIT_LOCKED;
		}
		say(m, m->sig != 0 ? _("Interrupted.") : _("End of input."));
		return m->sig != 0 ? EXIT_PROBLEMS : 0;
	}
	if (!session_save(m->s)) {
		say(m, _("Could not save the draft: %s"),
		    m->s->save_error != NULL ? m->s->save_error : "?");
		return EXIT_FILE;
	}
	if (!file_exists(m->s->path)) {
		say(m, m->sig != 0 ? _("Interrupted: nothing to save.")
				   : _("End of input: nothing to save."));
		return m->sig != 0 ? EXIT_PROBLEMS : 0;
	}
	if (m->sig != 0) {
		say(m, _("Interrupted: draft saved to %s."), m->s->path);
		return EXIT_PROBLEMS;
	}
	say(m, _("End of input: draft saved to %s."), m->s->path);
	return 0;
}

/* Commands. */

typedef enum {
	CMD_NONE,
	CMD_UNKNOWN,
	CMD_BACK,
	CMD_NEXT,
	CMD_GOTO,
	CMD_SHOW,
	CMD_PROBLEMS,
	CMD_CLEAR,
	CMD_SAVE,
	CMD_FINISH,
	CMD_QUIT,
	CMD_HELP,
} command;

static const struct {
	const char *name;
	command cmd;
} commands[] = {
	{"back", CMD_BACK},       {"next", CMD_NEXT},
	{"skip", CMD_NEXT},       {"goto", CMD_GOTO},
	{"show", CMD_SHOW},       {"problems", CMD_PROBLEMS},
	{"clear", CMD_CLEAR},     {"save", CMD_SAVE},
	{"finish", CMD_FINISH},   {"quit", CMD_QUIT},
	{"help", CMD_HELP},
};

/* The command on line, if it is one; *arg points at its argument. A line
 * starting with "::" is never a command (it stands for a ':'). In a text
 * answer a command must start the line: an indented ":show" is text. */
static command
parse_command(const char *line, const char **arg)
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
			*arg = skip_space(p + n);
			return commands[i].cmd;
		}
	}
	return CMD_UNKNOWN;
}

static void
say_help(lm *m)
{
	say(m, _("Commands, each on a line of its own:"));
	say(m, _("  :back         go to the previous question"));
	say(m, _("  :next, :skip  go to the next question, leaving this "
		 "answer as it is"));
	say(m, _("  :goto ITEM    go to a question, for example :goto P6 or "
		 ":goto intro"));
	say(m, _("  :show         show the whole plan so far"));
	say(m, _("  :problems     list what must still be answered or "
		 "corrected"));
	say(m, _("  :clear        remove the answer to this question"));
	say(m, _("  :save         save the draft now (it is also saved after "
		 "every answer)"));
	say(m, _("  :finish       check the plan, make it final and write "
		 "the exports"));
	say(m, _("  :quit         save the draft and stop"));
	say(m, _("  :help         show this list"));
	say(m, _("In a text answer a line holding a single '.' ends the "
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
	diag_list_finish(&d);
}

static void
list_problems(lm *m)
{
	val_list vl = VAL_LIST_INIT;

	if (validate_plan(m->s->plan, true, &vl) == 0) {
		say(m, _("No problems: the plan can be made final with "
			 ":finish."));
	} else {
		say(m, _("Problems:"));
		say_val_problems(m, &vl);
	}
	val_list_finish(&vl);
}

static action
finish(lm *m)
{
	val_list vl = VAL_LIST_INIT;
	diag_list d = DIAG_LIST_INIT;
	char *ypath = NULL, *tpath = NULL;
	action act = ACT_REPROMPT;

	if (m->s->read_only) {
		say(m, _("This plan is open in another editor: it cannot be "
			 "made final here."));
		return ACT_REPROMPT;
	}
	if (session_finish(m->s, m->opt->export_dir, &vl, &ypath, &tpath,
			   &d)) {
		say(m, _("The plan is final (revision %lu) and saved to %s."),
		    m->s->plan->revision, m->s->path);
		say(m, _("Exports written: %s and %s."), ypath, tpath);
		m->status = 0;
		act = ACT_EXIT;
	} else if (vl.n > 0) {
		say(m, _("The plan cannot be made final yet:"));
		say_val_problems(m, &vl);
		say(m, _("Type :goto and the item to go to it, for example "
			 ":goto P6."));
	} else {
		say(m, _("The plan could not be made final:"));
		say_diags(m, &d);
	}
	free(ypath);
	free(tpath);
	val_list_finish(&vl);
	diag_list_finish(&d);
	return act;
}

static void
clear_item(lm *m, size_t i)
{
	if (!plan_answered(m->s->plan, i)) {
		say(m, _("This question has no answer to remove."));
		return;
	}
	plan_clear_answer(m->s->plan, i);
	session_changed(m->s);
	say(m, _("Answer removed."));
	autosave(m);
}

/* Runs a command given at question i (i == n_items: after the last). */
static action
run_command(lm *m, size_t i, command cmd, const char *arg)
{
	const qn *q = m->s->qn;
	char *ref;
	long t;

	switch (cmd) {
	case CMD_NONE:
		return ACT_NONE;
	case CMD_UNKNOWN:
		say(m, _("Unknown command. Type :help for the list; start the "
			 "line with '::' for an answer that begins with ':'."));
		return ACT_REPROMPT;
	case CMD_BACK:
		return ACT_BACK;
	case CMD_NEXT:
		if (i >= q->n_items) {
			say(m, _("There are no more questions."));
			return ACT_REPROMPT;
		}
		return ACT_NEXT;
	case CMD_GOTO:
		if (*arg == '\0') {
			say(m, _("Say which question, for example :goto P6."));
			return ACT_REPROMPT;
		}
		ref = trimmed(arg);
		t = ref != NULL ? qn_find_ref(q, ref) : -1;
		if (t < 0) {
			say(m, _("There is no question %s. Questions are named "
				 "like P6, prev 6 or prevention.6."), arg);
		} else if (!plan_item_shown(m->s->plan, (size_t)t)) {
			say(m, _("Question %s is not asked because of an "
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
			say(m, _("There is no question here to clear."));
			return ACT_REPROMPT;
		}
		clear_item(m, i);
		return ACT_REPROMPT;
	case CMD_SAVE:
		if (m->s->read_only) {
			say(m, _("This plan is open in another editor: nothing "
				 "can be saved."));
		} else if (session_save(m->s)) {
			if (file_exists(m->s->path))
				say(m, _("Draft saved to %s."), m->s->path);
			else
				say(m, _("Nothing to save yet."));
		} else {
			say(m, _("Could not save the draft: %s"),
			    m->s->save_error != NULL ? m->s->save_error : "?");
		}
		return ACT_REPROMPT;
	case CMD_FINISH:
		return finish(m);
	case CMD_QUIT:
		if (m->s->read_only) {
			m->status = m->s->dirty ? EXIT_LOCKED : 0;
			if (m->s->dirty)
				say(m, _("Changes not saved: the plan is open "
					 "in another editor."));
			return ACT_EXIT;
		}
		if (!session_save(m->s)) {
			say(m, _("Could not save the draft: %s"),
			    m->s->save_error != NULL ? m->s->save_error : "?");
			m->status = EXIT_FILE;
		} else {
			if (file_exists(m->s->path))
				say(m, _("Draft saved to %s."), m->s->path);
			m->status = 0;
		}
		return ACT_EXIT;
	case CMD_HELP:
		say_help(m);
		return ACT_REPROMPT;
	}
	return ACT_NONE;
}

/* Answers. */

/* Sets the value (or explanation) of item i; false when it could not be
 * stored (then said). */
static bool
store_text(lm *m, size_t i, const char *text, bool explanation)
{
	bool ok = explanation ? plan_set_explanation(m->s->plan, i, text)
			      : plan_set_value(m->s->plan, i, text);

	if (!ok) {
		say(m, _("The answer could not be stored (out of memory or "
			 "not UTF-8)."));
		return false;
	}
	session_changed(m->s);
	autosave(m);
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

/* Reads a text answer for item i (its value, or its explanation) up to a
 * line holding '.'. What was typed is stored before a navigation command
 * runs, and at the end of input, so nothing typed is lost. *changed is set
 * when the answer was replaced. */
static action
read_text(lm *m, size_t i, bool explanation, bool *changed)
{
	textbuf t = {NULL, 0, 0, 0, false};
	action act = ACT_NONE;

	*changed = false;
	prompt(m);
	for (;;) {
		in_status st = read_line(m);
		const char *arg;
		const char *l;
		command cmd;

		if (st == IN_TOO_LONG)
			continue;
		if (st == IN_EOF) {
			if (t.n_lines > 0 &&
			    store_text(m, i, t.s, explanation))
				*changed = true;
			act = ACT_END;
			break;
		}
		if (!line_usable(m))
			continue;
		l = m->line;
		if (strcmp(l, ".") == 0) {
			if (t.n_lines > 0 &&
			    store_text(m, i, t.s, explanation))
				*changed = true;
			break;
		}
		cmd = parse_command(l, &arg);
		if (cmd == CMD_HELP || cmd == CMD_SHOW ||
		    cmd == CMD_PROBLEMS) {
			run_command(m, i, cmd, arg);
			say(m, _("Go on typing the answer; end it with a line "
				 "holding a single '.'."));
			continue;
		}
		if (cmd == CMD_SAVE && t.n_lines > 0) {
			/* Keep typing afterwards: what follows is added. */
			if (store_text(m, i, t.s, explanation))
				*changed = true;
			run_command(m, i, cmd, arg);
			continue;
		}
		if (cmd == CMD_CLEAR) {
			t.len = 0;
			t.n_lines = 0;
			t.full = false;
			act = run_command(m, i, cmd, arg);
			break;
		}
		if (cmd != CMD_NONE && cmd != CMD_UNKNOWN) {
			if (t.n_lines > 0 &&
			    store_text(m, i, t.s, explanation))
				*changed = true;
			act = run_command(m, i, cmd, arg);
			break;
		}
		/* Escapes: ".." stands for ".", "::" at the start for ":". */
		if (l[0] == '.' && strspn(l, ".") == m->line_len)
			l++;
		else if (l[0] == ':' && l[1] == ':')
			l++;
		if (!t.full && !textbuf_add(&t, l, strlen(l))) {
			if (t.full)
				say(m, _("The answer is longer than %d bytes; "
					 "the rest of it is ignored."),
				    MAX_TEXT);
			else
				say(m, _("Out of memory: that line was "
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

/* Marks in sel the choices named in the piece p (a whole label, or words
 * separated by spaces). False when a word names no choice. */
static bool
select_piece(const qn *q, size_t i, char *p, bool *sel)
{
	long k = find_choice(q, i, p);
	char *save = NULL;

	if (k >= 0) {
		sel[k] = true;
		return true;
	}
	for (char *w = strtok_r(p, " \t", &save); w != NULL;
	     w = strtok_r(NULL, " \t", &save)) {
		k = find_choice(q, i, w);
		if (k < 0)
			return false;
		sel[k] = true;
	}
	return true;
}

/* Parses and stores a one-line answer v (trimmed, not empty) to item i.
 * False when it is not a possible answer (the problem was said). */
static bool
store_line_answer(lm *m, size_t i, const char *v)
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
		say_problem(m, i, _("type 1 or yes, 2 or no"));
		return false;
	case QN_CHOICE: {
		long k = find_choice(m->s->qn, i, v);

		if (k < 0) {
			say_problem(m, i, i18n_item_message(m->s->qn, i, I18N_ITEM_MSG_CHOICE));
			return false;
		}
		return store_text(m, i, it->choices[k].id, false);
	}
	case QN_MULTI: {
		bool *sel = calloc(it->n_choices + 1, sizeof(*sel));
		const char **vals = calloc(it->n_choices + 1, sizeof(*vals));
		char *copy = strdup(v);
		char *save = NULL;
		size_t n = 0;

		if (sel == NULL || vals == NULL || copy == NULL) {
			say(m, _("Out of memory."));
			goto multi_out;
		}
		for (char *p = strtok_r(copy, ",", &save); p != NULL;
		     p = strtok_r(NULL, ",", &save)) {
			char *piece = trimmed(p);
			bool good = piece != NULL && (*piece == '\0' ||
					select_piece(m->s->qn, i, piece, sel));

			free(piece);
			if (!good) {
				say_problem(m, i, i18n_item_message(m->s->qn, i, I18N_ITEM_MSG_CHOICE));
				goto multi_out;
			}
		}
		for (size_t k = 0; k < it->n_choices; k++)
			if (sel[k])
				vals[n++] = it->choices[k].id;
		if (n == 0) {
			say_problem(m, i, i18n_item_message(m->s->qn, i, I18N_ITEM_MSG_CHOICE));
			goto multi_out;
		}
		if (!plan_set_values(m->s->plan, i, vals, n)) {
			say(m, _("Out of memory."));
			goto multi_out;
		}
		session_changed(m->s);
		autosave(m);
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

/* Asks the value of item i until it is given, kept, or a command leaves
 * the question. */
static action
ask_value(lm *m, size_t i, bool *changed)
{
	const qn_item *it = &m->s->qn->items[i];

	*changed = false;
	if (it->type == QN_TEXT) {
		say_value_instructions(m, i);
		return read_text(m, i, false, changed);
	}
	for (;;) {
		in_status st;
		const char *arg;
		const char *l;
		command cmd;
		char *v;
		bool ok;

		say_value_instructions(m, i);
		prompt(m);
		st = read_line(m);
		if (st == IN_EOF)
			return ACT_END;
		if (st == IN_TOO_LONG || !line_usable(m))
			continue;
		cmd = parse_command(skip_space(m->line), &arg);
		if (cmd != CMD_NONE) {
			action act = run_command(m, i, cmd, arg);

			if (act == ACT_REPROMPT)
				continue;
			return act;
		}
		l = skip_space(m->line);
		if (l[0] == ':' && l[1] == ':')
			l++;
		v = trimmed(l);
		if (v == NULL) {
			say(m, _("Out of memory."));
			continue;
		}
		if (*v == '\0') {
			free(v);
			return ACT_NONE; /* kept */
		}
		ok = store_line_answer(m, i, v);
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
	say(m, "%s:", i18n_item_explain_label(m->s->qn, i));
	say_text_instructions(m);
	return read_text(m, i, true, changed);
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
		val_list_finish(&vl);
		if (n == 0)
			return ACT_NEXT;
		say(m, _("Type a new answer, or an empty answer to keep this "
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
	say(m, "%s", "");
	say(m, _("That was the last question. %zu of %zu required answers "
		 "are given."), answered, required);
	for (;;) {
		const char *arg;
		command cmd;
		in_status st;
		action act;

		say(m, _("Type :finish to make the plan final, :problems to "
			 "list what is missing, :back or :goto to change an "
			 "answer, or :quit to stop."));
		prompt(m);
		st = read_line(m);
		if (st == IN_EOF)
			return ACT_END;
		if (st == IN_TOO_LONG || !line_usable(m))
			continue;
		cmd = parse_command(skip_space(m->line), &arg);
		if (cmd == CMD_NONE) {
			if (*skip_space(m->line) != '\0')
				say(m, _("There are no more questions; type a "
					 "command (:help lists them)."));
			continue;
		}
		act = run_command(m, n, cmd, arg);
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
				say(m, _("This is the first question."));
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

	say(m, "%s: %s", s->qn->title, s->path);
	if (is_new)
		say(m, _("A new plan; it is saved after the first answer."));
	else if (s->plan->status == PLAN_FINAL)
		say(m, _("A final plan (revision %lu); changing an answer "
			 "makes it a draft again."), s->plan->revision);
	else
		say(m, _("A draft."));
	if (s->read_only)
		say(m, _("This plan is open in another editor: you can read "
			 "it, but nothing you type will be saved."));
	else
		say(m, _("Every answer is saved as soon as it is given."));
	say(m, _("Type :help on a line of its own for the commands."));
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
	is_new = !file_exists(opt->path);
	m.s = session_open(opt->path, opt->qn_id, &d);
	say_diags(&m, &d);
	if (m.s == NULL) {
		status = diag_has_errno(&d) ? EXIT_FILE : EXIT_PROBLEMS;
		goto out;
	}
	diag_list_clear(&d);
	say_start(&m, is_new);
	if (m.s->plan->n_unknown > 0)
		say(&m, _("Warning: %zu answers in the file belong to no "
			  "question of the questionnaire; they will be "
			  "dropped when the plan is saved."),
		    m.s->plan->n_unknown);

	if (opt->answers_path != NULL) {
		size_t copied = 0, kept = 0;

		if (!session_preload(m.s, opt->answers_path, &copied, &kept,
				     &d)) {
			say_diags(&m, &d);
			say(&m, _("The answers in %s could not be used."),
			    opt->answers_path);
			status = diag_has_errno(&d) ? EXIT_FILE : EXIT_PROBLEMS;
			goto out;
		}
		say_diags(&m, &d);
		say(&m, _("Preloaded %zu answers from %s; %zu questions "
			  "already answered kept their answers."),
		    copied, opt->answers_path, kept);
		preloaded = true;
		autosave(&m);
	}
	status = loop(&m, start_item(&m, preloaded));
out:
	fflush(out);
	session_close(m.s);
	diag_list_finish(&d);
	free(m.buf);
	free(m.line);
	return status;
}
