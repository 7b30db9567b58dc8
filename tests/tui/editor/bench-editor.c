/* Micro-benchmark of the text area (not a test): keystrokes in the middle
 * of a 1 MiB answer, each followed by a draw into an 80x20 window and a
 * doupdate to /dev/null; prints p50/p95/max per keystroke. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "editor.h"
#include "screen.h"

#define MIB (1024 * 1024)

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *name, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	printf("%-44s n=%5d  p50 %7.1f us  p95 %7.1f us  max %8.1f us\n",
	       name, n, t[n / 2], t[n * 95 / 100], t[n - 1]);
}

/* About 1 MiB of paragraphs (English, some Thai and Chinese), or one
 * paragraph without a newline when one_line; with one_line 2, 1 MiB of
 * Thai without a space (the worst case of Thai line breaking: one run of
 * libthai's segments). */
static char *
make_answer(int one_line)
{
	if (one_line == 2) {
		static const char word[] = "ผู้เสียหายได้รับความคุ้มครอง";
		char *t = malloc(MIB + sizeof(word));
		size_t o = 0;

		if (!t)
			exit(1);
		while (o < MIB) {
			memcpy(t + o, word, sizeof(word) - 1);
			o += sizeof(word) - 1;
		}
		t[o] = '\0';
		return t;
	}

	static const char *const words[] = {
		"the", "country", "action", "plan", "sets", "out", "measures",
		"for", "water", "ผู้ใหญ่", "ภาษาไทย", "国家", "行动计划", "and",
		"Tie\xcc\x82\xcc\x81ng", "monitoring", "of", "progress",
	};
	char *s = malloc(MIB + 64);
	size_t o = 0, w = 0, para = 0;

	if (!s)
		exit(1);
	while (o < MIB) {
		const char *word = words[(w * 7 + para) % 18];
		size_t n = strlen(word);

		memcpy(s + o, word, n);
		o += n;
		w++;
		if (!one_line && w % 90 == 0) {
			s[o++] = '\n';
			para++;
		} else {
			s[o++] = ' ';
		}
	}
	s[o] = '\0';
	return s;
}

static void
run(const char *name, WINDOW *win, int one_line, int n, int mixed)
{
	char *text = make_answer(one_line);
	editor *e = editor_create(text, 0, false);
	double *t = malloc(sizeof(double) * (size_t)n), t0;
	static const int keys[] = {KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT,
				   KEY_BACKSPACE, KEY_END, KEY_HOME};
	int i;

	if (!e || !t)
		exit(1);
	/* The middle, on a character boundary. */
	editor_set_cursor(e, strlen(text) / 2 / 3 * 3);
	editor_draw(e, win);
	wnoutrefresh(win);
	doupdate();
	for (i = 0; i < n; i++) {
		t0 = now_us();
		if (mixed && i % 2)
			editor_key(e, (wint_t)keys[(i / 2) % 7], true);
		else if (one_line == 2)
			editor_key(e, (wint_t)(0x0e01 + i % 40), false);
		else
			editor_key(e, (wint_t)(i % 7 == 6 ? ' ' :
					       'a' + i % 26), false);
		editor_draw(e, win);
		wnoutrefresh(win);
		doupdate();
		t[i] = now_us() - t0;
	}
	report(name, t, n);
	free(t);
	editor_destroy(e);
	free(text);
}

int
main(int argc, char **argv)
{
	test_screen ts;
	WINDOW *win;

	if (!test_screen_open(&ts))
		return 1;
	win = newwin(20, 80, 0, 0);
	/* An argument picks one run (1, 2 or 3), for profiling. */
	if (argc < 2 || argv[1][0] == '1')
		run("type, 1 MiB in 90-word paragraphs", win, 0, 10000, 0);
	if (argc < 2 || argv[1][0] == '2')
		run("type+move/delete, 1 MiB in paragraphs", win, 0, 10000,
		    1);
	if (argc < 2 || argv[1][0] == '3')
		run("type, 1 MiB as one paragraph", win, 1, 200, 0);
	if (argc < 2 || argv[1][0] == '4')
		run("type Thai, 1 MiB of Thai without a space", win, 2, 200,
		    0);
	delwin(win);
	test_screen_close(&ts);
	return 0;
}
