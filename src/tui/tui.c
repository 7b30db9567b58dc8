/* The interactive form: terminal setup and restore (every exit path, a
 * crash included), the key reader with signals, hang-ups and autosave,
 * saving, and starting the form (its main loop is in form.c). */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "planio.h"
#include "resume.h"
#include "revision.h"
#include "tui_int.h"

tui *tui_current;

/* Terminal modes from before curses, for the crash handler. */
static struct termios saved_tio;
static volatile sig_atomic_t have_tio;
static volatile sig_atomic_t curses_on;
static bool atexit_done;

/* Bracketed paste and every mouse reporting mode off, the main screen
 * back, attributes reset, the cursor shown. */
static const char crash_reset[] =
	"\033[?2004l\033[?1000l\033[?1002l\033[?1003l\033[?1006l"
	"\033[?1015l\033[?1049l\033[0m\033[?25h\r\n";

/* SIGSEGV and friends: only async-signal-safe calls, then die as before. */
static void
crash_handler(int sig)
{
	if (curses_on) {
		ssize_t r = write(STDOUT_FILENO, crash_reset,
				  sizeof crash_reset - 1);
		(void)r;
		if (have_tio)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	}
	raise(sig);
}

static void
install_crash_handlers(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = crash_handler;
	sigemptyset(&sa.sa_mask);
	/* Back to the default at once, so raise() in the handler kills. */
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

void
tui_paste_mode(tui *t, bool on)
{
	const char *term = getenv("TERM");
	if (!curses_on)
		return;
	/* The Linux console and real VT100s do not know the mode. */
	if (on && (!term || !strncmp(term, "linux", 5) ||
		   !strncmp(term, "vt", 2) || !strncmp(term, "cons", 4)))
		return;
	if (on == t->paste_mode)
		return;
	/* putp writes through stdio, not through ncurses' own output
	 * buffer: without the flush the mode is only switched on when the
	 * program ends, and pastes arrive as keys. */
	putp(on ? "\033[?2004h" : "\033[?2004l");
	fflush(stdout);
	t->paste_mode = on;
}

static void
restore_terminal(void)
{
	if (!curses_on)
		return;
	if (tui_current)
		tui_paste_mode(tui_current, false);
	endwin();
	curses_on = 0;
}

/* Codes ncurses gives for Ctrl-Left and Ctrl-Right (from terminfo's
 * kLFT5/kRIT5 or the sequences xterm, rxvt and others send); 0: none. */
static int word_key_codes[2][4];

/* Ctrl-Left and Ctrl-Right: whatever the terminal sends becomes
 * TUI_KEY_CTRL_LEFT and TUI_KEY_CTRL_RIGHT (tui_get_key). A sequence
 * terminfo already names keeps its code, remembered here; one it does
 * not know is defined. */
static void
define_word_keys(void)
{
	static const char *const seqs[2][3] = {
		{"\033[1;5D", "\033Od", "\033[5D"},
		{"\033[1;5C", "\033Oc", "\033[5C"},
	};
	static const char *const caps[2] = {"kLFT5", "kRIT5"};
	const char *cap;
	int code;

	for (int d = 0; d < 2; d++) {
		size_t n = 0;

		cap = tigetstr(caps[d]);
		if (cap && cap != (char *)-1 && (code = key_defined(cap)) > 0)
			word_key_codes[d][n++] = code;
		for (int i = 0; i < 3 && n < 4; i++) {
			code = key_defined(seqs[d][i]);
			if (code > 0)
				word_key_codes[d][n++] = code;
			else if (code == 0)
				define_key(seqs[d][i], d ? TUI_KEY_CTRL_RIGHT :
							   TUI_KEY_CTRL_LEFT);
		}
	}
}

static wint_t
word_key(wint_t ch)
{
	for (int d = 0; d < 2; d++)
		for (int i = 0; i < 4 && word_key_codes[d][i]; i++)
			if ((int)ch == word_key_codes[d][i])
				return d ? TUI_KEY_CTRL_RIGHT :
					   TUI_KEY_CTRL_LEFT;
	return ch;
}

static bool
start_curses(tui *t)
{
	const char *nc = getenv("NO_COLOR");
	struct termios tio;
	SCREEN *scr;

	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_tio = 1;
	install_crash_handlers();
	tui_jobctl_install();
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, _("actionplan: cannot use the terminal '%s'\n"),
			getenv("TERM") ? getenv("TERM") : "");
		return false;
	}
	set_term(scr);
	curses_on = 1;
	if (!atexit_done) {
		atexit(restore_terminal);
		atexit_done = true;
	}
	/* cbreak, not raw: Ctrl-Z still suspends. */
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	wtimeout(stdscr, 1000);
	/* Flow control off, so Ctrl-S never freezes the form; Ctrl-O and
	 * Ctrl-V reach us too. def_prog_mode keeps this over endwin. */
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= (tcflag_t) ~(IXON | IXOFF);
#ifdef VDISCARD
		tio.c_cc[VDISCARD] = _POSIX_VDISABLE;
#endif
#ifdef VLNEXT
		tio.c_cc[VLNEXT] = _POSIX_VDISABLE;
#endif
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	t->color = false;
	if (!(nc && nc[0]) && has_colors()) {
		int bg = COLOR_BLACK;
		start_color();
		if (use_default_colors() == OK)
			bg = -1;
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_RED, (short)bg);
		init_pair(3, COLOR_CYAN, (short)bg);
		init_pair(4, COLOR_GREEN, (short)bg);
		t->color = true;
	}
	/* wget_wch(stdscr) refreshes stdscr while it is touched, which
	 * would blank the windows drawn over it: untouch it now. */
	wnoutrefresh(stdscr);
	define_key("\033[200~", TUI_KEY_PASTE_BEGIN);
	define_key("\033[201~", TUI_KEY_PASTE_END);
	define_word_keys();
	tui_paste_mode(t, true);
	tui_mouse_start(t);
	return true;
}

void
tui_message(tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	t->dirty |= D_MSG;
}

void
tui_clear_message(tui *t)
{
	if (t->msg[0]) {
		t->msg[0] = '\0';
		t->dirty |= D_MSG;
	}
}

static double
elapsed(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	       (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* Notes the first unsaved change, for "within 2 seconds". */
void
tui_note_unsaved(tui *t)
{
	if (!t->pending && !(t->s && t->s->dirty))
		clock_gettime(CLOCK_MONOTONIC, &t->dirty_since);
}

static void
set_problem(tui *t, size_t i, const char *msg)
{
	free(t->st[i].problem);
	t->st[i].problem = msg ? strdup(msg) : NULL;
}

void
tui_validate_one(tui *t, size_t i)
{
	val_list vl = VAL_LIST_INIT;
	validate_item(t->s->plan, i, false, &vl);
	set_problem(t, i, vl.n ? vl.v[0].message : NULL);
	val_list_free(&vl);
}

void
tui_refresh_states(tui *t)
{
	bool changed = false;
	for (size_t i = 0; i < t->q->n_items; i++) {
		const plan_answer *a = &t->s->plan->answers[i];
		bool shown = plan_item_shown(t->s->plan, i);
		bool answered = plan_answered(t->s->plan, i);
		if (shown != t->st[i].shown || answered != t->st[i].answered ||
		    a->carried != t->st[i].carried ||
		    (a->na_reason != NULL) != t->st[i].na)
			changed = true;
		t->st[i].shown = shown;
		t->st[i].answered = answered;
		t->st[i].carried = a->carried;
		t->st[i].na = a->na_reason != NULL;
	}
	if (changed)
		t->dirty |= D_OUTLINE | D_STATUS | D_HEAD;
}

void
tui_commit(tui *t)
{
	bool any = false;
	if (!t->s)
		return;
	for (size_t i = 0; i < t->n_fields; i++) {
		tui_field *f = &t->fields[i];
		size_t len;
		if (!f->ed || !f->changed)
			continue;
		if (t->s->read_only) {
			f->changed = false;
			continue;
		}
		const char *text = editor_text(f->ed, &len);
		char *copy = malloc(len + 1);
		bool ok = false;
		if (copy) {
			memcpy(copy, text, len);
			copy[len] = '\0';
			ok = f->kind == FIELD_VALUE ?
				     plan_set_value(t->s->plan, t->cur, copy) :
				     plan_set_explanation(t->s->plan, t->cur,
							  copy);
			free(copy);
		}
		if (!ok) {
			tui_message(t, true, "%s",
				    _("the answer could not be stored (out of "
				      "memory or not UTF-8); it stays on the "
				      "screen"));
			continue;
		}
		f->changed = false;
		session_changed(t->s);
		any = true;
	}
	t->pending = false;
	for (size_t i = 0; i < t->n_fields; i++)
		if (t->fields[i].changed)
			t->pending = true;
	if (any)
		tui_refresh_states(t);
}

void
tui_save(tui *t)
{
	if (!t->s)
		return;
	tui_commit(t);
	clock_gettime(CLOCK_MONOTONIC, &t->dirty_since);
	if (!t->s->dirty || t->s->read_only)
		return;
	session_save(t->s);
	t->dirty |= D_STATUS;
}

/* The plan could not be saved where it belongs and the program must end:
 * a copy beside it, in $HOME or in /tmp keeps the text. */
static char *
rescue(tui *t)
{
	const char *home = getenv("HOME");
	const char *base = strrchr(t->s->path, '/');
	char *dir = strdup(t->s->path);
	const char *dirs[3];
	char *out = NULL;
	if (dir) {
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		else
			strcpy(dir, ".");
	}
	dirs[0] = dir;
	dirs[1] = home && home[0] == '/' ? home : NULL;
	dirs[2] = "/tmp";
	base = base ? base + 1 : t->s->path;
	for (size_t i = 0; i < 3 && !out; i++) {
		char path[4096];
		diag_list d = DIAG_LIST_INIT;
		if (!dirs[i])
			continue;
		snprintf(path, sizeof path, "%s/%s.rescued-%ld.yaml", dirs[i],
			 base, (long)getpid());
		if (planio_save(t->s->plan, path, &d))
			out = strdup(path);
		diag_list_free(&d);
	}
	free(dir);
	return out;
}

/* Records where the form is, after the last save (tui_exit). */
static void
remember_where_left(tui *t)
{
	resume_pos pos = {NULL, 0, 0};
	diag_list d = DIAG_LIST_INIT;

	if (!t->st || t->s->read_only || t->s->dirty ||
	    t->cur >= t->q->n_items)
		return;
	pos.item = t->q->items[t->cur].id;
	pos.field = (int)t->ffocus;
	if (t->ffocus < t->n_fields && t->fields[t->ffocus].ed)
		pos.cursor = editor_cursor(t->fields[t->ffocus].ed);
	resume_save(t->s->path, &pos, &d);
	diag_list_free(&d);
}

_Noreturn void
tui_exit(tui *t, int status)
{
	bool saved = true;
	char *rescued = NULL;
	/* Save before touching the terminal: it may be gone. */
	if (t && t->s) {
		tui_commit(t);
		if (!t->s->read_only && t->s->dirty)
			saved = session_save(t->s);
		if (!saved)
			rescued = rescue(t);
		else if (t->q)
			remember_where_left(t);
	}
	restore_terminal();
	if (t && t->s) {
		if (!saved)
			fprintf(stderr, _("actionplan: %s was not saved: %s\n"),
				t->s->path,
				t->s->save_error ? t->s->save_error : "");
		if (rescued)
			fprintf(stderr, _("actionplan: the answers were saved "
					  "to %s instead\n"),
				rescued);
		free(rescued);
		/* Said on the screen already, but the screen is gone now. */
		if (t->s->conflict_path)
			fprintf(stderr, _("actionplan: %s was changed by "
					  "another program; your answers are "
					  "in %s\n"),
				t->s->path, t->s->conflict_path);
		session_close(t->s);
		t->s = NULL;
	}
	exit(saved ? status : 3);
}

/* A hang-up makes reads fail at once, forever: never spin on it. */
static bool
terminal_gone(tui *t, int err, const struct timespec *before)
{
	static unsigned fast;
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	if (err != 0 && err != EINTR && err != EAGAIN)
		return true;
	if (elapsed(before) > 0.5) {
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
	if (t->s->save_error && elapsed(&last_try) < 1.0)
		return;
	if (tick || elapsed(&t->dirty_since) >= 2.0) {
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
			*ch = word_key(*ch);
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

static char *
read_only_notice(const session *s)
{
	return strdup(s->ro_reason ? s->ro_reason : _("read-only"));
}

static void
print_diags(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		fprintf(stderr, "actionplan: %s\n", s ? s : d->v[i].message);
		free(s);
	}
	if (diag_lost(d) > 0)
		fprintf(stderr, "actionplan: %s\n", _("out of memory"));
}

static bool
diags_io(const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sys_errno)
			return true;
	return diag_lost(d) > 0;
}

/* The lines of a problem list, for showing in a list on the screen. */
static char **
diag_lines(const diag_list *d, size_t *n)
{
	char **v = calloc(d->n + 1, sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);
		if (s)
			v[(*n)++] = s;
	}
	return v;
}

int
tui_run(const tui_options *opt)
{
	static tui t;
	diag_list d = DIAG_LIST_INIT;
	const char *cs = nl_langinfo(CODESET);
	long start = -1;

	memset(&t, 0, sizeof t);
	tui_current = &t;
	t.kr = kr_create();
	t.utf8 = cs && !strcmp(cs, "UTF-8");
	t.export_dir = opt->export_dir;
	session_install_signals();

	if (opt->path) {
		/* Open before the screen starts, so problems print plainly. */
		t.s = opt->from_path
			      ? revision_open(opt->path, opt->from_path, &d)
			      : session_open(opt->path, opt->qn_id, &d);
		if (!t.s) {
			print_diags(&d);
			int st = diags_io(&d) ? 3 : 1;
			diag_list_free(&d);
			return st;
		}
		if (t.s->read_only)
			t.ro_msg = read_only_notice(t.s);
		diag_list_clear(&d);
		if (opt->answers_path && t.s->read_only) {
			/* Preloading writes the plan: never past its lock. */
			fprintf(stderr, _("actionplan: cannot preload answers "
					  "into %s: %s\n"),
				opt->path, t.s->ro_reason ? t.s->ro_reason : "");
			int st = t.s->held_elsewhere ? 4 : 3;
			session_close(t.s);
			diag_list_free(&d);
			return st;
		}
		if (opt->answers_path) {
			if (!session_preload(t.s, opt->answers_path, NULL,
					     NULL, &d)) {
				int st = diags_io(&d) ? 3 : 1;
				print_diags(&d);
				session_close(t.s);
				diag_list_free(&d);
				return st;
			}
			diag_list_clear(&d);
			session_save(t.s);
		}
		if (!start_curses(&t)) {
			session_close(t.s);
			return 3;
		}
	} else {
		if (!start_curses(&t))
			return 3;
		for (;;) {
			char *qn_id = NULL, *country = NULL, *from = NULL;
			tui_layout(&t);
			char *path = tui_start_screen(&t, &qn_id, &country,
						      &from);
			if (!path)
				tui_exit(&t, 0);
			t.s = from ? revision_open(path, from, &d)
				   : session_open(path, qn_id, &d);
			free(from);
			if (t.s && country && t.s->qn->country_item >= 0 &&
			    !t.s->read_only) {
				plan_set_value(t.s->plan,
					       (size_t)t.s->qn->country_item,
					       country);
				session_changed(t.s);
				session_save(t.s);
				start = t.s->qn->country_item + 1 <
							(long)t.s->qn->n_items ?
						t.s->qn->country_item + 1 :
						-1;
			}
			free(path);
			free(qn_id);
			free(country);
			if (t.s) {
				if (t.s->read_only)
					t.ro_msg = read_only_notice(t.s);
				diag_list_clear(&d);
				break;
			}
			size_t n;
			char **lines = diag_lines(&d, &n);
			tui_layout(&t);
			tui_pager(&t, _("The plan could not be opened"),
				  lines, n, _("Enter: back"));
			tui_free_lines(lines, n);
			diag_list_clear(&d);
		}
	}
	/* No list of countries: said once, on the message line. */
	session_countries_notice(t.s->qn, &d);
	if (d.n > 0)
		tui_message(&t, true, "%s", d.v[0].message);
	diag_list_free(&d);
	/* A draft of an older questionnaire version: carry it over? */
	tui_offer_migration(&t);
	t.q = t.s->qn;
	tui_form_loop(&t, start);
}
