/* The interactive form: terminal setup and restore (every exit path, a
 * crash included), the key reader with signals, hang-ups and autosave, and
 * the main loop that moves between items and hands keys to the widgets
 * (the choices pane in choice.c, the outline and search in find.c). */
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
#include "tui_int.h"

tui *tui_current;

/* Terminal modes from before curses, for the crash handler. */
static struct termios saved_tio;
static volatile sig_atomic_t have_tio;
static volatile sig_atomic_t curses_on;
static bool atexit_done;

static const char crash_reset[] = "\033[?2004l\033[?1049l\033[0m\033[?25h\r\n";

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
	putp(on ? "\033[?2004h" : "\033[?2004l");
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
	tui_paste_mode(t, true);
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
	val_list_finish(&vl);
}

void
tui_refresh_states(tui *t)
{
	bool changed = false;
	for (size_t i = 0; i < t->q->n_items; i++) {
		bool shown = plan_item_shown(t->s->plan, i);
		bool answered = plan_answered(t->s->plan, i);
		if (shown != t->st[i].shown || answered != t->st[i].answered)
			changed = true;
		t->st[i].shown = shown;
		t->st[i].answered = answered;
	}
	if (changed)
		t->dirty |= D_OUTLINE | D_STATUS;
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
		diag_list_finish(&d);
	}
	free(dir);
	return out;
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

/* Everything up to the end marker (or a second of silence: the marker was
 * lost) becomes one paste. */
static void
collect_paste(tui *t)
{
	size_t cap = 4096;
	bool truncated = false;
	free(t->paste);
	t->paste_len = 0;
	t->paste = malloc(cap);
	if (!t->paste)
		return;
	for (;;) {
		wint_t c;
		errno = 0;
		int r = wget_wch(stdscr, &c);
		if (session_signal)
			break;
		if (r == ERR && errno == EINTR)
			continue;
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			if (c == TUI_KEY_PASTE_END)
				break;
			if (c == KEY_RESIZE) {
				tui_layout(t);
				clearok(curscr, TRUE);
				continue;
			}
			if (c != KEY_ENTER)
				continue;
			c = '\n';
		}
		if (c == '\r')
			c = '\n';
		char u[4];
		size_t n = utext_encode((uint32_t)c, u);
		if (t->paste_len + n > TUI_PASTE_MAX) {
			truncated = true;
			continue;
		}
		if (t->paste_len + n + 1 > cap) {
			char *g = realloc(t->paste, cap * 2);
			if (!g) {
				truncated = true;
				continue;
			}
			t->paste = g;
			cap *= 2;
		}
		memcpy(t->paste + t->paste_len, u, n);
		t->paste_len += n;
	}
	t->paste[t->paste_len] = '\0';
	if (truncated)
		tui_message(t, true, _("the paste was cut to %u MiB"),
			    TUI_PASTE_MAX >> 20);
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
				collect_paste(t);
				if (t->paste)
					return TK_PASTE;
				continue;
			}
			if (*ch == TUI_KEY_PASTE_END)
				continue;
			if (*ch == KEY_ENTER) {
				*ch = '\n';
				return TK_CHAR;
			}
			return TK_KEY;
		}
		if (*ch == '\r')
			*ch = '\n';
		return TK_CHAR;
	}
}

/* --- items and fields --- */

static void
destroy_fields(tui *t)
{
	for (size_t i = 0; i < 2; i++) {
		editor_destroy(t->fields[i].ed);
		t->fields[i].ed = NULL;
		t->fields[i].changed = false;
	}
	t->n_fields = 0;
}

static editor *
make_editor(tui *t, const char *text, const qn_item *it, bool single,
	    size_t cursor)
{
	editor *e = editor_create(text, it->max_length, single);
	if (!e) {
		tui_message(t, true, "%s", _("out of memory"));
		return NULL;
	}
	size_t len = text ? strlen(text) : 0;
	/* SIZE_MAX: never visited, the editor's own place (the end). */
	if (cursor != SIZE_MAX)
		editor_set_cursor(e, cursor <= len ? cursor : len);
	return e;
}

static void
enter_item(tui *t, size_t i)
{
	const qn_item *it = &t->q->items[i];
	const plan_answer *a = &t->s->plan->answers[i];
	destroy_fields(t);
	t->cur = i;
	t->osel = i;
	t->ffocus = 0;
	memset(t->fields, 0, sizeof t->fields);
	switch (it->type) {
	case QN_YESNO:
	case QN_CHOICE:
	case QN_MULTI: {
		tui_field *f = &t->fields[t->n_fields++];
		f->kind = FIELD_CHOICE;
		f->sel = 0;
		size_t n = it->type == QN_YESNO ? 2 : it->n_choices;
		for (size_t k = 0; k < n; k++) {
			const char *id = it->type == QN_YESNO ?
						 (k == 0 ? "yes" : "no") :
						 it->choices[k].id;
			bool on = false;
			if (it->type == QN_MULTI) {
				for (size_t j = 0; j < a->n_values; j++)
					on = on || !strcmp(a->values[j], id);
			} else {
				on = a->value && !strcmp(a->value, id);
			}
			if (on) {
				f->sel = k;
				break;
			}
		}
		if (it->explain) {
			tui_field *x = &t->fields[t->n_fields];
			x->kind = FIELD_EXPLAIN;
			x->ed = make_editor(t, a->explanation, it, false,
					    t->st[i].cur_explain);
			if (x->ed)
				t->n_fields++;
		}
		break;
	}
	default: {
		tui_field *f = &t->fields[t->n_fields];
		f->kind = FIELD_VALUE;
		f->ed = make_editor(t, a->value, it, it->type != QN_TEXT,
				    t->st[i].cur_value);
		if (f->ed)
			t->n_fields++;
		break;
	}
	}
	t->count_stale = false;
}

static void
leave_item(tui *t, bool announce)
{
	char name[256];
	tui_commit(t);
	for (size_t k = 0; k < t->n_fields; k++) {
		tui_field *f = &t->fields[k];
		if (f->kind == FIELD_VALUE)
			t->st[t->cur].cur_value = editor_cursor(f->ed);
		else if (f->kind == FIELD_EXPLAIN)
			t->st[t->cur].cur_explain = editor_cursor(f->ed);
	}
	tui_validate_one(t, t->cur);
	if (announce && t->st[t->cur].problem && t->st[t->cur].shown) {
		tui_item_name(t, t->cur, name, sizeof name);
		tui_message(t, true, "%s: %s", name, t->st[t->cur].problem);
	}
	t->dirty |= D_OUTLINE | D_STATUS;
	/* Autosave after every change of item. */
	tui_save(t);
}

void
tui_goto_item(tui *t, size_t i)
{
	if (i >= t->q->n_items)
		return;
	tui_clear_message(t);
	if (i != t->cur) {
		leave_item(t, true);
		enter_item(t, i);
	}
	if (!t->msg[0] && t->st[i].problem) {
		char name[256];
		tui_item_name(t, i, name, sizeof name);
		tui_message(t, true, "%s: %s", name, t->st[i].problem);
	}
	tui_layout(t);
}

static void
move_item(tui *t, int dir)
{
	size_t n = t->q->n_items;
	long i = (long)t->cur;
	for (;;) {
		i += dir;
		if (i < 0 || (size_t)i >= n)
			break;
		if (t->st[i].shown)
			break;
	}
	if (i < 0) {
		tui_message(t, false, "%s", _("This is the first item."));
		return;
	}
	if ((size_t)i >= n) {
		leave_item(t, true);
		if (!t->msg[0])
			tui_message(t, false,
				    _("This is the last item: %s finishes "
				      "the plan."),
				    tui_key_hint(ACT_FINISH));
		return;
	}
	tui_goto_item(t, (size_t)i);
	t->focus = FOCUS_PANE;
	if (dir < 0 && t->n_fields)
		t->ffocus = 0;
}

static void
set_focus(tui *t, tui_focus f)
{
	if (t->focus == f)
		return;
	t->focus = f;
	t->osel = t->cur;
	if (!t->show_outline)
		tui_layout(t);
	t->dirty |= D_OUTLINE | D_FIELDS | D_COUNT;
}

static void
mark_editor_changed(tui *t, tui_field *f)
{
	tui_note_unsaved(t);
	f->changed = true;
	t->pending = true;
	size_t lim = editor_limit(f->ed);
	/* The count is redrawn when typing stops, unless the limit is near:
	 * every byte counts on a slow link. */
	if (lim && editor_count(f->ed) + lim / 10 + 10 >= lim)
		t->dirty |= D_COUNT;
	else
		t->count_stale = true;
}

static void
refused_message(tui *t, tui_field *f)
{
	size_t lim = editor_limit(f->ed);
	if (lim)
		tui_message(t, true,
			    _("The answer is limited to %zu characters; the "
			      "rest was not taken."),
			    lim);
	else
		tui_message(t, true, "%s", _("out of memory"));
	t->dirty |= D_COUNT;
}

static bool
is_edit_key(wint_t ch, bool is_key)
{
	if (is_key)
		return ch == KEY_BACKSPACE || ch == KEY_DC || ch == KEY_ENTER;
	return ch >= 0x20 || ch == '\n' || ch == '\t' || ch == CTRL('H') ||
	       ch == CTRL('K') || ch == CTRL('U') || ch == CTRL('W') ||
	       ch == CTRL('D');
}

bool
tui_refuse_read_only(tui *t)
{
	if (!t->s->read_only)
		return false;
	tui_message(t, true, "%s", t->ro_msg ? t->ro_msg : _("read-only"));
	return true;
}

/* Tab: the next field of the item, then the next item. */
void
tui_next_field(tui *t, int dir)
{
	if (t->focus == FOCUS_OUTLINE) {
		set_focus(t, FOCUS_PANE);
		return;
	}
	long nf = (long)t->ffocus + dir;
	if (nf < 0) {
		size_t before = t->cur;
		move_item(t, -1);
		if (t->cur != before && t->n_fields)
			t->ffocus = t->n_fields - 1;
		t->dirty |= D_FIELDS | D_COUNT;
		return;
	}
	if ((size_t)nf >= t->n_fields) {
		move_item(t, 1);
		return;
	}
	t->ffocus = (size_t)nf;
	t->dirty |= D_FIELDS | D_COUNT;
}

static void
pane_key(tui *t, wint_t ch, bool is_key)
{
	if (t->ffocus >= t->n_fields)
		return;
	tui_field *f = &t->fields[t->ffocus];
	if (f->kind == FIELD_CHOICE) {
		if (!t->too_small)
			tui_choice_key(t, f, ch, is_key);
		return;
	}
	if (is_edit_key(ch, is_key) && tui_refuse_read_only(t))
		return;
	editor_result r = editor_key(f->ed, ch, is_key);
	if (editor_refused(f->ed))
		refused_message(t, f);
	if (r == EDITOR_CHANGED) {
		mark_editor_changed(t, f);
		t->dirty |= D_FIELD;
	} else if (r == EDITOR_HANDLED) {
		t->dirty |= D_FIELD;
	} else if (!is_key && ch == '\n') {
		/* Enter in a one-line answer moves on. */
		tui_next_field(t, 1);
	}
	if (r == EDITOR_CHANGED && t->s->read_only) {
		/* Should not happen (edit keys are refused): undo. */
		const plan_answer *a = &t->s->plan->answers[t->cur];
		if (editor_set_text(f->ed, f->kind == FIELD_VALUE ?
						   a->value :
						   a->explanation))
			f->changed = false;
	}
}

/* --- actions --- */

static void
act_ext_editor(tui *t)
{
	tui_field *f = NULL;
	if (t->ffocus < t->n_fields && t->fields[t->ffocus].ed)
		f = &t->fields[t->ffocus];
	for (size_t i = 0; !f && i < t->n_fields; i++)
		if (t->fields[i].ed)
			f = &t->fields[i];
	if (!f) {
		tui_message(t, true, "%s",
			    _("This item has no text to edit."));
		return;
	}
	if (tui_refuse_read_only(t))
		return;
	size_t len;
	const char *text = editor_text(f->ed, &len);
	char *nt = tui_external_edit(t, text, len,
				     f->kind == FIELD_VALUE &&
					     t->q->items[t->cur].type !=
						     QN_TEXT);
	if (nt && !editor_set_text(f->ed, nt)) {
		tui_message(t, true, "%s",
			    _("out of memory: the answer was kept"));
	} else if (nt) {
		mark_editor_changed(t, f);
		tui_save(t);
		t->dirty |= D_COUNT;
	}
	free(nt);
	t->ffocus = (size_t)(f - t->fields);
	t->focus = FOCUS_PANE;
	tui_layout(t);
	clearok(curscr, TRUE);
}

static void
act_quit(tui *t)
{
	tui_commit(t);
	if (!t->s->read_only && t->s->dirty && !session_save(t->s)) {
		t->dirty |= D_STATUS;
		char *a = tui_prompt(
			t, _("Not saved! Quit anyway and lose the changes? "
			     "(yes/no) "),
			"");
		bool quit = a && (a[0] == 'y' || a[0] == 'Y');
		free(a);
		if (!quit)
			return;
		tui_exit(t, 3);
	}
	tui_exit(t, 0);
}

static void
do_action(tui *t, tui_action a)
{
	if (t->too_small && a != ACT_QUIT && a != ACT_SAVE &&
	    a != ACT_REDRAW)
		return;
	if (a != ACT_SAVE)
		tui_clear_message(t);
	switch (a) {
	case ACT_NEXT_ITEM:
		move_item(t, 1);
		break;
	case ACT_PREV_ITEM:
		move_item(t, -1);
		break;
	case ACT_NEXT_FIELD:
		tui_next_field(t, 1);
		break;
	case ACT_PREV_FIELD:
		tui_next_field(t, -1);
		break;
	case ACT_TOGGLE_FOCUS:
		set_focus(t, t->focus == FOCUS_PANE ? FOCUS_OUTLINE :
						      FOCUS_PANE);
		break;
	case ACT_GOTO:
		tui_act_goto(t);
		break;
	case ACT_SEARCH:
		tui_act_search(t);
		break;
	case ACT_SEARCH_NEXT:
		if (t->last_search)
			tui_search_next(t);
		else
			tui_act_search(t);
		break;
	case ACT_GUIDANCE:
		t->show_guidance = !t->show_guidance;
		tui_layout(t);
		break;
	case ACT_HELP:
		tui_help(t);
		tui_layout(t);
		break;
	case ACT_EXT_EDITOR:
		act_ext_editor(t);
		break;
	case ACT_SAVE:
		tui_save(t);
		if (t->s->read_only)
			tui_refuse_read_only(t);
		else if (!t->s->save_error)
			tui_message(t, false, "%s", _("Saved."));
		break;
	case ACT_FINISH:
		tui_finish(t);
		tui_layout(t);
		break;
	case ACT_QUIT:
		act_quit(t);
		break;
	case ACT_REDRAW:
		tui_layout(t);
		clearok(curscr, TRUE);
		break;
	case ACT_SHOW_NA:
		t->show_na = !t->show_na;
		t->dirty |= D_OUTLINE;
		tui_message(t, false, "%s",
			    t->show_na ? _("The outline lists items that do "
					   "not apply (marked -).") :
					 _("Items that do not apply are "
					   "hidden."));
		break;
	default:
		break;
	}
}

static void
handle_key(tui *t, wint_t ch, bool is_key)
{
	int prefix = t->prefix;
	bool in_outline = t->focus == FOCUS_OUTLINE;
	t->prefix = KP_NONE;
	/* A key the terminal sends but terminfo does not name (TERM set
	 * wrong, say): swallow the whole sequence, never type it. */
	if (prefix == KP_CSI) {
		if (!is_key && ch >= 0x20 && ch < 0x40)
			t->prefix = KP_CSI;
		else
			tui_message(t, true, "%s",
				    _("unknown key (is TERM right?)"));
		return;
	}
	if (prefix == KP_SS3) {
		tui_message(t, true, "%s", _("unknown key (is TERM right?)"));
		return;
	}
	if (prefix == KP_ESC && !is_key && (ch == '[' || ch == 'O')) {
		t->prefix = ch == '[' ? KP_CSI : KP_SS3;
		return;
	}
	if (!is_key && ch == 27) {
		if (prefix == KP_ESC) {
			if (in_outline)
				set_focus(t, FOCUS_PANE);
			return;
		}
		t->prefix = KP_ESC;
		return;
	}
	if (prefix == KP_CTRLX)
		tui_clear_message(t);
	tui_action a = tui_key_action(prefix, ch, is_key, in_outline);
	if (a == ACT_NONE && prefix == KP_CTRLX)
		return;
	if (a == ACT_NONE && prefix == KP_ESC && in_outline) {
		/* Esc leaves the outline; the key goes on to the answer. */
		set_focus(t, FOCUS_PANE);
		in_outline = false;
		a = tui_key_action(KP_NONE, ch, is_key, false);
	}
	if (a == ACT_PREFIX_X) {
		t->prefix = KP_CTRLX;
		tui_message(t, false, "%s", "Ctrl-X-");
		return;
	}
	if (a != ACT_NONE) {
		do_action(t, a);
		return;
	}
	if (in_outline)
		tui_outline_key(t, ch, is_key);
	else
		pane_key(t, ch, is_key);
}

static void
handle_paste(tui *t)
{
	tui_field *f = NULL;
	if (t->focus == FOCUS_PANE && t->ffocus < t->n_fields)
		f = &t->fields[t->ffocus];
	if (!f || !f->ed) {
		tui_message(t, true, "%s",
			    _("Paste into a text answer: Tab goes to one."));
		return;
	}
	if (tui_refuse_read_only(t))
		return;
	if (f->kind == FIELD_VALUE && t->q->items[t->cur].type != QN_TEXT)
		for (size_t i = 0; i < t->paste_len; i++)
			if (t->paste[i] == '\n' || t->paste[i] == '\t')
				t->paste[i] = ' ';
	editor_result r = editor_insert(f->ed, t->paste, t->paste_len);
	if (editor_refused(f->ed))
		refused_message(t, f);
	if (r == EDITOR_CHANGED) {
		mark_editor_changed(t, f);
		t->dirty |= D_FIELD | D_COUNT;
	}
	free(t->paste);
	t->paste = NULL;
	t->paste_len = 0;
}

static size_t
first_item(tui *t)
{
	for (size_t i = 0; i < t->q->n_items; i++)
		if (t->st[i].shown && !t->st[i].answered)
			return i;
	for (size_t i = 0; i < t->q->n_items; i++)
		if (t->st[i].shown)
			return i;
	return 0;
}

static _Noreturn void
form_loop(tui *t, long start)
{
	t->st = calloc(t->q->n_items, sizeof *t->st);
	if (!t->st)
		tui_exit(t, 3);
	for (size_t i = 0; i < t->q->n_items; i++) {
		t->st[i].cur_value = t->st[i].cur_explain = SIZE_MAX;
		t->st[i].shown = plan_item_shown(t->s->plan, i);
		t->st[i].answered = plan_answered(t->s->plan, i);
		tui_validate_one(t, i);
	}
	t->show_guidance = true;
	enter_item(t, start >= 0 ? (size_t)start : first_item(t));
	tui_layout(t);
	for (;;) {
		wint_t ch;
		tui_keykind k = tui_get_key(t, &ch);
		switch (k) {
		case TK_TICK:
			if (t->count_stale) {
				t->count_stale = false;
				t->dirty |= D_COUNT;
			}
			break;
		case TK_RESIZE:
			break;
		case TK_PASTE:
			handle_paste(t);
			break;
		case TK_CHAR:
		case TK_KEY:
			handle_key(t, ch, k == TK_KEY);
			break;
		}
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
	t.utf8 = cs && !strcmp(cs, "UTF-8");
	t.export_dir = opt->export_dir;
	session_install_signals();

	if (opt->path) {
		/* Open before the screen starts, so problems print plainly. */
		t.s = session_open(opt->path, opt->qn_id, &d);
		if (!t.s) {
			print_diags(&d);
			int st = diags_io(&d) ? 3 : 1;
			diag_list_finish(&d);
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
			diag_list_finish(&d);
			return st;
		}
		if (opt->answers_path) {
			if (!session_preload(t.s, opt->answers_path, NULL,
					     NULL, &d)) {
				int st = diags_io(&d) ? 3 : 1;
				print_diags(&d);
				session_close(t.s);
				diag_list_finish(&d);
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
			char *qn_id = NULL, *country = NULL;
			tui_layout(&t);
			char *path = tui_start_screen(&t, &qn_id, &country);
			if (!path)
				tui_exit(&t, 0);
			t.s = session_open(path, qn_id, &d);
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
			tui_list(&t, _("The plan could not be opened"), lines,
				 n, false, 0, _("Enter: back"), NULL, NULL);
			tui_free_lines(lines, n);
			diag_list_clear(&d);
		}
	}
	diag_list_finish(&d);
	t.q = t.s->qn;
	form_loop(&t, start);
}
