/* The terminal: curses started with signals, flow control and keys set
 * up (bracketed paste markers, Ctrl-Left/Right whatever the terminal
 * sends), and put back on every exit path, a crash included (the crash
 * handler makes only async-signal-safe calls). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

void
tui_restore_terminal(void)
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

wint_t
tui_word_key(wint_t ch)
{
	for (int d = 0; d < 2; d++)
		for (int i = 0; i < 4 && word_key_codes[d][i]; i++)
			if ((int)ch == word_key_codes[d][i])
				return d ? TUI_KEY_CTRL_RIGHT :
					   TUI_KEY_CTRL_LEFT;
	return ch;
}

bool
tui_start_curses(tui *t)
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
		atexit(tui_restore_terminal);
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
	return true;
}
