/* Reading a passphrase for the command line: from the terminal with echo
 * off (the prompt and the reading on /dev/tty, so that redirected input
 * and output do not matter), or one line from a descriptor given with
 * --passphrase-fd N, for scripts. Never from the command line or the
 * environment, where other users and logs can see it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

static volatile sig_atomic_t pass_signal;

static void
on_signal(int sig)
{
	pass_signal = sig;
}

/* Reads one line from fd into p (without its "\n" or "\r\n"). Byte by
 * byte, so that nothing after the line is taken from a shared
 * descriptor. 1 on success, 0 when it is too long, -1 on errors (errno)
 * or at a signal (pass_signal). */
static int
read_line(int fd, sig_pass *p, bool stop_at_signal)
{
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR && !(stop_at_signal && pass_signal))
			continue;
		if (r < 0)
			return -1;
		if (r == 0 || c == '\n')
			break;
		if (p->len > SIG_PASS_MAX) {
			continue; /* the rest of a line too long */
		}
		p->s[p->len++] = c;
	}
	if (p->len > SIG_PASS_MAX)
		return 0;
	if (p->len > 0 && p->s[p->len - 1] == '\r')
		p->len--;
	p->s[p->len] = '\0';
	return 1;
}

/* The terminal without echo; the old modes and handlers put back before
 * returning, and a signal that came meanwhile raised again. */
static int
read_tty(const char *prompt, sig_pass *p)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa, old[4];
	struct termios saved, quiet;
	int fd, r, err;

	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -2;
	if (tcgetattr(fd, &saved) != 0) {
		close(fd);
		return -2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: read returns EINTR */
	sigemptyset(&sa.sa_mask);
	pass_signal = 0;
	for (size_t i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* Nothing to do: the read says what happens next. */
	}
	r = read_line(fd, p, true);
	err = errno;
	tcsetattr(fd, TCSAFLUSH, &saved);
	/* The Enter typed was not shown. */
	if (write(fd, "\n", 1) < 0) {
		/* As above. */
	}
	close(fd);
	for (size_t i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (pass_signal != 0) {
		sig_pass_clear(p);
		raise(pass_signal);
		return -1;
	}
	errno = err;
	return r;
}

bool
cli_read_pass(int fd, const char *prompt, sig_pass *p)
{
	int r;

	sig_pass_clear(p);
	if (fd >= 0) {
		r = read_line(fd, p, false);
	} else {
		r = read_tty(prompt, p);
		if (r == -2) {
			fprintf(stderr, "actionplan: %s\n",
				_("no terminal to ask for the passphrase: use "
				  "--passphrase-fd N to give it on a file "
				  "descriptor"));
			return false;
		}
	}
	if (r < 0) {
		fprintf(stderr, _("actionplan: cannot read the passphrase: "
				  "%s\n"),
			strerror(errno));
		sig_pass_clear(p);
		return false;
	}
	if (r == 0) {
		fprintf(stderr,
			_("actionplan: the passphrase is longer than %d "
			  "bytes\n"),
			SIG_PASS_MAX);
		sig_pass_clear(p);
		return false;
	}
	return true;
}
