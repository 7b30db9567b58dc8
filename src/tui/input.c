/* The key reader every loop of the form reads through (tui_get_key): it
 * takes signals and a terminal that is gone (save and go), Ctrl-Z and
 * SIGCONT, autosaves, hands out keys a burst read ahead, collects pastes
 * (paste.c) and rebuilds the windows on a resize. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui_int.h"

/* A hang-up makes reads fail at once, forever: never spin on it. */
static bool
terminal_gone(tui *t, int err, const struct timespec *before)
{
	static unsigned fast;
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	if (err != 0 && err != EINTR && err != EAGAIN)
		return true;
	if (tui_elapsed(before) > 0.5) {
		fast = 0;
		return false;
	}
	if (poll(&p, 1, 0) == 1 &&
	    (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	if (!isatty(STDIN_FILENO))
		return true;
	(void)t;
	return ++fast > 50;
}

static void
on_signal(tui *t)
{
	/* SIGHUP, SIGTERM and SIGINT all mean "save and go": tui_exit saves
	 * before it touches the terminal, which may be gone. */
	tui_exit(t, 0);
}

static void
autosave_check(tui *t, bool tick)
{
	static struct timespec last_try;
	if (!t->s || t->s->read_only)
		return;
	if (!t->pending && !t->s->dirty)
		return;
	/* A failing disk is retried once a second, not on every key. */
	if (t->s->save_error && tui_elapsed(&last_try) < 1.0)
		return;
	if (tick || tui_elapsed(&t->dirty_since) >= 2.0) {
		clock_gettime(CLOCK_MONOTONIC, &last_try);
		tui_save(t);
	}
}

/* A key read ahead by a burst, as tui_get_key returns it. */
static tui_keykind
queued_key(tui *t, wint_t *ch)
{
	bool is_key = t->keyq[t->keyq_pos].is_key;

	*ch = t->keyq[t->keyq_pos++].ch;
	if (t->keyq_pos >= t->keyq_n)
		t->keyq_n = t->keyq_pos = 0;
	if (!is_key && *ch == '\r')
		*ch = '\n';
	return is_key ? TK_KEY : TK_CHAR;
}

/* Ctrl-Z: what was typed is saved first (a suspended form may never be
 * resumed: its terminal closed, its job killed), then the job stops; on
 * return the screen is drawn anew. */
static void
suspend(tui *t)
{
	tui_save(t);
	tui_paste_mode(t, false);
	endwin();
	tui_jobctl_stop();
}

/* Something the session must tell (a conflict copy, a recovered copy). */
static void
show_notice(tui *t)
{
	char *n = session_take_notice(t->s);
	if (n) {
		tui_message(t, true, "%s", n);
		free(n);
	}
}

tui_keykind
tui_get_key(tui *t, wint_t *ch)
{
	if (t->paste_pending) {
		t->paste_pending = false;
		return TK_PASTE;
	}
	if (t->keyq_pos < t->keyq_n)
		return queued_key(t, ch);
	for (;;) {
		struct timespec before;
		if (session_signal)
			on_signal(t);
		unsigned job = tui_jobctl_take();
		if (job & TUI_JOB_STOP)
			suspend(t);
		if (job & (TUI_JOB_STOP | TUI_JOB_CONT)) {
			tui_paste_mode(t, true);
			tui_layout(t);
			clearok(curscr, TRUE);
		}
		if (t->s && t->s->notice)
			show_notice(t);
		autosave_check(t, false);
		if (t->in_prompt)
			t->dirty &= ~(unsigned)D_MSG;
		if (t->dirty && !t->in_list)
			tui_render(t);
		clock_gettime(CLOCK_MONOTONIC, &before);
		errno = 0;
		int r = wget_wch(stdscr, ch);
		int err = errno;
		if (session_signal)
			on_signal(t);
		if (r == ERR) {
			if (err == EINTR)
				continue;
			if (terminal_gone(t, err, &before))
				tui_exit(t, 0);
			autosave_check(t, true);
			return TK_TICK;
		}
		if (r == KEY_CODE_YES) {
			if (*ch == KEY_RESIZE) {
				tui_layout(t);
				clearok(curscr, TRUE);
				return TK_RESIZE;
			}
			if (*ch == TUI_KEY_PASTE_BEGIN) {
				if (tui_collect_paste(t))
					return TK_PASTE;
				continue;
			}
			if (*ch == TUI_KEY_PASTE_END)
				continue;
			if (*ch == KEY_ENTER) {
				*ch = '\n';
				return TK_CHAR;
			}
			*ch = tui_word_key(*ch);
			return TK_KEY;
		}
		if (*ch == '\r')
			*ch = '\n';
		/* Text that arrives with more behind it may be a paste the
		 * terminal did not mark (paste.c). */
		if (*ch >= 0x20 && *ch != 0x7f && t->prefix == KP_NONE &&
		    tui_input_waiting(0)) {
			if (tui_collect_burst(t, *ch))
				return TK_PASTE;
			return queued_key(t, ch);
		}
		return TK_CHAR;
	}
}
