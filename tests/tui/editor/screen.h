/* The screen the editor's tests and benchmark draw on: ncursesw on
 * /dev/null (an xterm, whatever TERM says) in a UTF-8 locale. Header
 * only. */
#ifndef AP_TEST_EDITOR_SCREEN_H
#define AP_TEST_EDITOR_SCREEN_H

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <wchar.h>

typedef struct test_screen {
	FILE *out, *in;
	SCREEN *scr;
} test_screen;

/* False (said on stderr) when there is no UTF-8 locale or no screen. */
static inline bool
test_screen_open(test_screen *ts)
{
	if (!setlocale(LC_ALL, "") || wcwidth(0x4e00) != 2) {
		if (!setlocale(LC_ALL, "C.UTF-8")) {
			fprintf(stderr, "no UTF-8 locale\n");
			return false;
		}
	}
	ts->out = fopen("/dev/null", "w");
	ts->in = fopen("/dev/null", "r");
	if (!ts->out || !ts->in)
		return false;
	use_env(FALSE);
	ts->scr = newterm("xterm", ts->out, ts->in);
	if (!ts->scr) {
		fprintf(stderr, "newterm failed\n");
		return false;
	}
	return true;
}

static inline void
test_screen_close(test_screen *ts)
{
	endwin();
	delscreen(ts->scr);
	fclose(ts->out);
	fclose(ts->in);
}

#ifdef AP_TEST_UNIT_CHECK_H
/* main of a test program of groups that draw: the screen opened, the
 * group named by argv[1] (or all) run, the screen closed (with
 * unit_check.h included first). */
static inline int
test_screen_main(int argc, char **argv, const unit_group *groups, size_t n)
{
	test_screen ts;
	int ran;

	if (!test_screen_open(&ts))
		return 1;
	ran = unit_run_groups(argc, argv, groups, n);
	test_screen_close(&ts);
	if (!ran)
		return 2;
	return unit_result();
}
#endif

#endif
