/* Line mode's input and output: lines read with read(2) into a bounded
 * buffer (over-long lines skipped, signals seen at once, what is already
 * waiting taken in after a hang-up), and output with every control
 * character made visible. */
#include "line_int.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include "i18n.h"
#include "utext.h"
#include "utext_show.h"

/* Writes s[0..n) as the one harmless-text rule shows it (utext_show.h):
 * text from a plan must never drive the terminal (or a screen reader)
 * with escape sequences, nor reorder what follows; tab and newline are
 * kept. */
void
lm_put_visible(lm *m, const char *s, size_t n)
{
	size_t run;
	char *shown;

	run = utext_shown_run(s, n, UTEXT_KEEP_TAB | UTEXT_KEEP_NEWLINE);
	fwrite(s, 1, run, m->out);
	if (run == n)
		return;
	shown = utext_show_dup(s + run, n - run,
			       UTEXT_KEEP_TAB | UTEXT_KEEP_NEWLINE);
	if (shown) {
		fputs(shown, m->out);
		free(shown);
	}
}

void
lm_say(lm *m, const char *fmt, ...)
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
	lm_put_visible(m, buf, (size_t)n);
	fputc('\n', m->out);
	if (buf != small)
		free(buf);
}

void
lm_prompt(lm *m)
{
	fputs("> ", m->out);
	fflush(m->out);
	m->prompt_open = true;
}

/* Input. read(2) on the descriptor, never stdio: stdio retries after EINTR
 * and would keep a signal from being seen. */

void
lm_take_signal(lm *m)
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
	lm_take_signal(m);
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

		if (l == NULL) {
			m->line_lost = true;
			return false;
		}
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

in_status
lm_read_line(lm *m)
{
	in_status st;

	fflush(m->out);
	st = read_line_raw(m);
	/* Input from a script is not echoed: end the prompt's line so that
	 * what follows starts on a line of its own. */
	if (m->prompt_open && !m->in_tty)
		fputc('\n', m->out);
	m->prompt_open = false;
	if (st == IN_TOO_LONG && m->line_lost)
		lm_say(m, _("Out of memory: that line was ignored."));
	else if (st == IN_TOO_LONG)
		lm_say(m, _("That line is longer than %d bytes and was ignored."),
		    MAX_LINE);
	m->line_lost = false;
	return st;
}

/* A line that can be an answer: UTF-8 and no NUL. */
bool
lm_line_usable(lm *m)
{
	if (memchr(m->line, '\0', m->line_len) != NULL ||
	    !utext_valid(m->line, m->line_len, NULL)) {
		lm_say(m, _("That line is not valid UTF-8 text and was ignored."));
		return false;
	}
	return true;
}
