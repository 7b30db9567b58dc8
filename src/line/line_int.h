/* Private parts shared by line mode's files: line.c (the questions and
 * commands) and line_io.c (bounded line input with signals, and output
 * that never passes control characters through). Not for use outside
 * src/line. */
#ifndef AP_LINE_INT_H
#define AP_LINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "line.h"
#include "loadplan.h"
#include "session.h"
#include "validate.h"

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
	IN_TOO_LONG, /* a line over MAX_LINE was skipped (or, line_lost,
		      * one there was no memory for) */
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
	bool line_lost;  /* the last line was dropped: no memory for it */
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

/* A command typed on a line of its own. */
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
	CMD_KEEP,
	CMD_NA,
} command;

/* --- line.c --- */

/* s without the blanks at its start. */
const char *
lm_skip_space(const char *s);
/* A copy of s without leading and trailing blanks (malloc'd). */
char *
lm_trimmed(const char *s);
/* "Protection 3: message". */
void
lm_say_problem(lm *m, size_t item, const char *message);
/* Saves the draft, saying so when it fails. */
void
lm_autosave(lm *m);
/* The command on line, if it is one; *arg points at its argument. */
command
lm_parse_command(const char *line, const char **arg);
/* Runs a command at item i (n_items: after the last question). */
action
lm_run_command(lm *m, size_t i, command cmd, const char *arg);

/* --- line_answer.c --- */

/* Reads a text answer for item i (its value, or its explanation) up to a
 * line holding '.'; *changed when the answer was replaced. */
action
lm_read_text(lm *m, size_t i, bool explanation, bool *changed);
/* Parses and stores a one-line answer v (trimmed, not empty) to item i.
 * False when it is not a possible answer (the problem was said). */
bool
lm_store_line_answer(lm *m, size_t i, const char *v);

/* --- line_io.c --- */

/* One line of output (printf format), control characters made visible.
 * Errors are ignored here: a closed output must not stop the answers on
 * the input from being saved. */
void
lm_say(lm *m, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Writes s[0..n) with every control character made visible: text from a
 * plan must never drive the terminal (or a screen reader) with escape
 * sequences. C0 controls and DEL print as ^X, C1 controls as <U+009B>. */
void
lm_put_visible(lm *m, const char *s, size_t n);
/* "> ", flushed. */
void
lm_prompt(lm *m);
/* Notes a signal that arrived (SIGHUP, SIGTERM, SIGINT) in m->sig. */
void
lm_take_signal(lm *m);
/* The next line into m->line (a line over MAX_LINE is skipped and said). */
in_status
lm_read_line(lm *m);
/* A line that can be an answer: UTF-8 and no NUL; else said, false. */
bool
lm_line_usable(lm *m);

/* --- line_sign.c --- */

/* After :finish: when the official has a key, asks whether to sign the
 * YAML export yaml (and the passphrase, echo off on a terminal) and
 * writes yaml.minisig. Nothing when there is no key. */
void
lm_offer_sign(lm *m, const char *yaml);

/* Lists longer than this are typed by name, not read out by number (a
 * country among 249). */
#define LM_SHORT_LIST 20

/* How many options item it's type offers (0 for types without, and for
 * countries when iso-codes is missing). */
size_t
lm_n_options(const qn_item *it);

/* --- line_review.c --- */

/* The marks of item i's answer: "Does not apply: REASON", carried over. */
void
lm_say_marks(lm *m, size_t i);
/* At the start: a new revision, and how many answers await review. */
void
lm_say_review_start(lm *m);
/* :keep at item i: its carried-over answer stays as it is. */
action
lm_keep(lm *m, size_t i);
/* :na REASON at item i: it does not apply, for that reason. */
action
lm_not_applicable(lm *m, size_t i, const char *reason);
/* When every problem of vl is an answer carried over and not reviewed:
 * lists them and asks whether to keep them all; true when the official
 * typed yes and the marks are gone. */
bool
lm_accept_carried(lm *m, const val_list *vl);

#endif
