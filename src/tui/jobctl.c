/* Job control for the form: Ctrl-Z (SIGTSTP) and SIGCONT only set flags,
 * which the key reader takes (tui_jobctl_take) to save before it stops and
 * to redraw when it runs again. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "tui_int.h"

static volatile sig_atomic_t tstp_pending, cont_pending;

void
tui_jobctl_stop(void)
{
	struct sigaction dfl, old;
	sigset_t set, was;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, &was);
	raise(SIGTSTP); /* returns once SIGCONT came */
	sigprocmask(SIG_SETMASK, &was, NULL);
	sigaction(SIGTSTP, &old, NULL);
	cont_pending = 1;
}

static void
on_tstp(int sig)
{
	int saved = errno;
	(void)sig;
	/* Outside the form ($EDITOR runs, the screen is given back) the
	 * whole job stops at once, as it would without this handler. */
	if (isendwin())
		tui_jobctl_stop();
	else
		tstp_pending = 1;
	errno = saved;
}

static void
on_cont(int sig)
{
	(void)sig;
	cont_pending = 1;
}

void
tui_jobctl_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = on_cont;
	sigaction(SIGCONT, &sa, NULL);
}

unsigned
tui_jobctl_take(void)
{
	unsigned r = (tstp_pending ? TUI_JOB_STOP : 0) |
		     (cont_pending ? TUI_JOB_CONT : 0);

	tstp_pending = 0;
	cont_pending = 0;
	return r;
}
