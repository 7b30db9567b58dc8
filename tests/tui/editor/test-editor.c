/* Tests of the form's text area: scripted keys on a real ncursesw screen
 * (newterm on /dev/null), checking the text bytes, the cursor offset and
 * the cells drawn after each step. Usage: test-editor GROUP. */
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../unit_check.h"
#include "editor.h"
#include "export.h"
#include "screen.h"
#include "utext.h"
#include "utext_break.h"
#include "validate.h"

static void
check_text(int line, const editor *e, const char *want)
{
	size_t len;
	const char *got = editor_text(e, &len);

	if (len != strlen(want) || memcmp(got, want, len) != 0) {
		fprintf(stderr, "%s:%d: text \"%s\"\n%s:%d: want \"%s\"\n",
			__FILE__, line, got, __FILE__, line, want);
		failures++;
	}
	if (editor_count(e) != validate_char_count(got, len)) {
		fprintf(stderr, "%s:%d: count %zu, text has %zu\n", __FILE__,
			line, editor_count(e), validate_char_count(got, len));
		failures++;
	}
}
#define CHECK_TEXT(e, want) check_text(__LINE__, (e), (want))

static void
check_cur(int line, const editor *e, size_t want)
{
	if (editor_cursor(e) != want) {
		fprintf(stderr, "%s:%d: cursor %zu, want %zu\n", __FILE__,
			line, editor_cursor(e), want);
		failures++;
	}
}
#define CHECK_CUR(e, want) check_cur(__LINE__, (e), (want))

/* Types UTF-8 text one code point at a time, as wget_wch would give it. */
static void
type(editor *e, const char *s)
{
	size_t len = strlen(s), pos = 0;

	while (pos < len)
		editor_key(e, (wint_t)utext_next(s, len, &pos), false);
}

static editor_result
key(editor *e, int k)
{
	return editor_key(e, (wint_t)k, true);
}

static editor_result
ctl(editor *e, char c)
{
	return editor_key(e, (wint_t)(c & 0x1f), false);
}

/* Row y of win as UTF-8 (each cell's characters in order, trailing
 * blanks removed); attrs (if not NULL) gets 'R' per reverse cell, else
 * '.'. Moves win's cursor: read the cursor before. */
static void
row_text(WINDOW *win, int y, char *out, size_t cap, char *attrs)
{
	int x = 0, w, maxx = getmaxx(win), i;
	size_t o = 0, trim = 0;
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t a;
	short pair;

	while (x < maxx && o + 32 < cap) {
		mvwin_wch(win, y, x, &cc);
		wch[0] = 0;
		getcchar(&cc, wch, &a, &pair, NULL);
		if (attrs)
			attrs[x] = (a & A_REVERSE) ? 'R' : '.';
		for (i = 0; wch[i] != 0 && i < CCHARW_MAX; i++)
			o += utext_encode((uint32_t)wch[i], out + o);
		if (wch[0] == 0)
			out[o++] = ' ';
		if (wch[0] != L' ' || wch[1] != 0)
			trim = o;
		w = wch[0] ? wcwidth(wch[0]) : 1;
		if (w == 2 && attrs && x + 1 < maxx)
			attrs[x + 1] = attrs[x];
		x += w > 0 ? w : 1;
	}
	out[trim] = '\0';
	if (attrs)
		attrs[maxx] = '\0';
}

/* Draws e into win and compares every row and the cursor cell. */
static void
check_screen(int line, editor *e, WINDOW *win, const char *const *want,
	     int cy, int cx)
{
	char got[1024];
	int y, x, rows = getmaxy(win), bad = 0;

	editor_draw(e, win);
	getyx(win, y, x);
	if (y != cy || x != cx) {
		fprintf(stderr, "%s:%d: cursor at row %d col %d, want %d %d\n",
			__FILE__, line, y, x, cy, cx);
		bad = 1;
	}
	for (y = 0; y < rows; y++) {
		row_text(win, y, got, sizeof(got), NULL);
		if (strcmp(got, want[y] ? want[y] : "") != 0)
			bad = 1;
		if (!want[y])
			break;
	}
	for (; y < rows; y++) {
		row_text(win, y, got, sizeof(got), NULL);
		if (got[0])
			bad = 1;
	}
	if (bad) {
		fprintf(stderr, "%s:%d: screen differs; got:\n", __FILE__,
			line);
		for (y = 0; y < rows; y++) {
			row_text(win, y, got, sizeof(got), NULL);
			fprintf(stderr, "  |%s|\n", got);
		}
		fprintf(stderr, "want:\n");
		for (y = 0; y < rows && want[y]; y++)
			fprintf(stderr, "  |%s|\n", want[y]);
		failures++;
	}
}
#define SCREEN(e, win, cy, cx, ...)                                        \
	do {                                                               \
		const char *const want_[] = {__VA_ARGS__, NULL};           \
		check_screen(__LINE__, (e), (win), want_, (cy), (cx));     \
	} while (0)

static editor *
must_create(const char *text, size_t max, bool single)
{
	editor *e = editor_create(text, max, single);

	if (!e) {
		fprintf(stderr, "editor_create failed\n");
		exit(1);
	}
	return e;
}

static void
group_wrap(void)
{
	WINDOW *win = newwin(5, 20, 0, 0);
	editor *e = must_create(NULL, 0, false);
	char row[256], attrs[64];

	/* English paragraphs: greedy wrap at spaces, real newlines. */
	type(e, "The quick brown fox jumps over the lazy dog.");
	key(e, KEY_ENTER);
	type(e, "Second para.");
	CHECK_TEXT(e, "The quick brown fox jumps over the lazy dog.\n"
		      "Second para.");
	CHECK_CUR(e, 57);
	SCREEN(e, win, 3, 12, "The quick brown fox", "jumps over the lazy",
	       "dog.", "Second para.");
	/* A cursor on a break space is shown at the end of its line. */
	editor_set_cursor(e, 19);
	SCREEN(e, win, 0, 19, "The quick brown fox", "jumps over the lazy",
	       "dog.", "Second para.");
	editor_set_cursor(e, 20);
	SCREEN(e, win, 1, 0, "The quick brown fox", "jumps over the lazy",
	       "dog.", "Second para.");
	/* Enter from '\r' and '\n' too; an empty line stays a line. */
	editor_set_cursor(e, 44);
	CHECK(editor_key(e, '\r', false) == EDITOR_CHANGED);
	CHECK_TEXT(e, "The quick brown fox jumps over the lazy dog.\n\n"
		      "Second para.");
	SCREEN(e, win, 3, 0, "The quick brown fox", "jumps over the lazy",
	       "dog.", "", "Second para.");
	delwin(win);
	editor_destroy(e);

	/* Chinese at an odd width: a wide character is never split across
	 * the edge, so lines hold 4 (8 columns). */
	win = newwin(4, 9, 0, 0);
	e = must_create(NULL, 0, false);
	type(e, "一二三四五六七八九十");
	CHECK_CUR(e, 30);
	SCREEN(e, win, 2, 4, "一二三四", "五六七八", "九十");
	delwin(win);

	/* At an even width the cursor between two lines of a cut shows at
	 * the start of the next one; End stops before the last character. */
	win = newwin(4, 8, 0, 0);
	editor_set_cursor(e, 12);
	SCREEN(e, win, 1, 0, "一二三四", "五六七八", "九十");
	key(e, KEY_UP);
	CHECK_CUR(e, 0);
	key(e, KEY_END);
	CHECK_CUR(e, 9);
	SCREEN(e, win, 0, 6, "一二三四", "五六七八", "九十");
	key(e, KEY_RIGHT);
	CHECK_CUR(e, 12);
	key(e, KEY_HOME);
	CHECK_CUR(e, 12);
	delwin(win);
	editor_destroy(e);

	/* Control characters in the one notation of harmless text, in
	 * reverse ("<U+001B>", eight cells), a tab as one blank; the cursor
	 * columns count the same cells. A bidirectional control is shown
	 * the same way, never sent to the terminal. */
	win = newwin(3, 30, 0, 0);
	e = must_create("a\x1b" "b\tc\x7f", 0, false);
	editor_set_cursor(e, 2);
	SCREEN(e, win, 0, 9, "a<U+001B>b c<U+007F>");
	row_text(win, 0, row, sizeof(row), attrs);
	CHECK(strncmp(attrs, ".RRRRRRRR...RRRRRRRR.", 21) == 0);
	editor_set_cursor(e, 4);
	SCREEN(e, win, 0, 11, "a<U+001B>b c<U+007F>");
	editor_destroy(e);
	e = must_create("ab\xe2\x80\xae" "cd", 0, false);
	editor_set_cursor(e, 5);
	SCREEN(e, win, 0, 10, "ab<U+202E>cd");
	delwin(win);
	editor_destroy(e);

	/* Bytes that are not UTF-8 become U+FFFD; nothing else changes. */
	e = must_create("a\xff" "b\r\n", 0, false);
	CHECK_TEXT(e, "a\xef\xbf\xbd" "b\r\n");
	CHECK_CUR(e, 7);
	editor_destroy(e);
}

static void
group_clusters(void)
{
	WINDOW *win = newwin(3, 20, 0, 0);
	editor *e = must_create(NULL, 0, false);
	const char *thai = "ผู้ใหญ่";

	/* Thai: marks typed after their base join its cluster. */
	type(e, thai);
	CHECK_TEXT(e, thai);
	CHECK_CUR(e, strlen(thai));
	SCREEN(e, win, 0, 4, "ผู้ใหญ่");
	key(e, KEY_LEFT);
	CHECK_CUR(e, 15); /* before "ญ่" */
	key(e, KEY_LEFT);
	key(e, KEY_LEFT);
	CHECK_CUR(e, 9); /* before "ใ" */
	SCREEN(e, win, 0, 1, "ผู้ใหญ่");
	key(e, KEY_LEFT);
	CHECK_CUR(e, 0); /* "ผู้" is one step */
	key(e, KEY_RIGHT);
	CHECK_CUR(e, 9);
	key(e, KEY_END);
	CHECK(editor_key(e, KEY_BACKSPACE, true) == EDITOR_CHANGED);
	CHECK_TEXT(e, "ผู้ให");
	CHECK_CUR(e, 15);
	editor_set_cursor(e, 0);
	CHECK(key(e, KEY_DC) == EDITOR_CHANGED);
	CHECK_TEXT(e, "ให");
	CHECK_CUR(e, 0);
	/* A mark typed at the start of the text stands alone; a base typed
	 * before it takes it and the cursor goes past both. */
	editor_set_text(e, "\xcc\x81x"); /* U+0301 x */
	editor_set_cursor(e, 0);
	type(e, "a");
	CHECK_TEXT(e, "a\xcc\x81x");
	CHECK_CUR(e, 3);
	editor_destroy(e);

	/* Decomposed Vietnamese: a base with two marks is one unit. */
	e = must_create(NULL, 0, false);
	type(e, "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t");
	CHECK_TEXT(e, "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t");
	SCREEN(e, win, 0, 10,
	       "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t");
	key(e, KEY_LEFT);
	key(e, KEY_LEFT);
	CHECK_CUR(e, 12);
	SCREEN(e, win, 0, 8, "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t");
	key(e, KEY_RIGHT);
	CHECK_CUR(e, 17);
	key(e, KEY_BACKSPACE);
	CHECK_TEXT(e, "Tie\xcc\x82\xcc\x81ng Vit");
	CHECK_CUR(e, 12);
	/* An offset inside a cluster moves back to its start. */
	editor_set_cursor(e, 4);
	CHECK_CUR(e, 2);
	key(e, KEY_DC);
	CHECK_TEXT(e, "Ting Vit");
	editor_destroy(e);

	/* An emoji ZWJ sequence is one unit; the joiners are not drawn, so
	 * every terminal shows three emoji in the six cells ncurses counts. */
	e = must_create(NULL, 0, false);
	type(e, "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
		"\xf0\x9f\x91\xa7" "b");
	CHECK_CUR(e, 20);
	SCREEN(e, win, 0, 8, "a👨👩👧b");
	key(e, KEY_LEFT);
	key(e, KEY_LEFT);
	CHECK_CUR(e, 1);
	SCREEN(e, win, 0, 1, "a👨👩👧b");
	key(e, KEY_RIGHT);
	CHECK_CUR(e, 19);
	CHECK(key(e, KEY_BACKSPACE) == EDITOR_CHANGED);
	CHECK_TEXT(e, "ab");
	CHECK_CUR(e, 1);
	/* A flag (two regional indicators) likewise. */
	type(e, "\xf0\x9f\x87\xb9\xf0\x9f\x87\xad");
	key(e, KEY_LEFT);
	CHECK_CUR(e, 1);
	key(e, KEY_DC);
	CHECK_TEXT(e, "ab");
	delwin(win);
	editor_destroy(e);
}

static void
group_readline(void)
{
	editor *e = must_create("one two three\nfour five", 0, false);

	CHECK_CUR(e, 23);
	CHECK(ctl(e, 'A') == EDITOR_HANDLED);
	CHECK_CUR(e, 14);
	ctl(e, 'E');
	CHECK_CUR(e, 23);
	CHECK(ctl(e, 'W') == EDITOR_CHANGED);
	CHECK_TEXT(e, "one two three\nfour ");
	CHECK_CUR(e, 19);
	ctl(e, 'W');
	CHECK_TEXT(e, "one two three\n");
	CHECK_CUR(e, 14);
	/* At the start of a line Ctrl-W joins it to the line before. */
	ctl(e, 'W');
	CHECK_TEXT(e, "one two three");
	CHECK_CUR(e, 13);
	editor_set_text(e, "one two three\nfour five");
	editor_set_cursor(e, 3);
	CHECK(ctl(e, 'K') == EDITOR_CHANGED);
	CHECK_TEXT(e, "one\nfour five");
	CHECK_CUR(e, 3);
	ctl(e, 'K'); /* at the end of the line: joins */
	CHECK_TEXT(e, "onefour five");
	CHECK_CUR(e, 3);
	key(e, KEY_END);
	ctl(e, 'K'); /* at the end of the text: nothing */
	CHECK_TEXT(e, "onefour five");
	editor_set_cursor(e, 7);
	CHECK(ctl(e, 'U') == EDITOR_CHANGED);
	CHECK_TEXT(e, " five");
	CHECK_CUR(e, 0);
	CHECK(ctl(e, 'U') == EDITOR_HANDLED);
	/* Ctrl-W deletes a Thai word (a dictionary word, utext_word_prev)
	 * with its marks, spaces first. */
	editor_set_text(e, "ก ผู้ใหญ่ช่วยเหลือ  ");
	ctl(e, 'W');
	CHECK_TEXT(e, "ก ผู้ใหญ่");
	ctl(e, 'W');
	CHECK_TEXT(e, "ก ");
	/* Keys for the form: Tab, Esc, other controls, resize. */
	CHECK(editor_key(e, '\t', false) == EDITOR_IGNORED);
	CHECK(editor_key(e, 0x1b, false) == EDITOR_IGNORED);
	CHECK(editor_key(e, 0x18, false) == EDITOR_IGNORED);
	CHECK(editor_key(e, 0x85, false) == EDITOR_IGNORED);
	CHECK(editor_key(e, 0xd800, false) == EDITOR_IGNORED);
	CHECK(editor_key(e, 0x110000, false) == EDITOR_IGNORED);
	CHECK(key(e, KEY_RESIZE) == EDITOR_IGNORED);
	CHECK(key(e, KEY_F(2)) == EDITOR_IGNORED);
	CHECK_TEXT(e, "ก ");
	/* A KEY_ code value passed as a character is text. */
	CHECK(editor_key(e, KEY_LEFT, false) == EDITOR_CHANGED);
	CHECK_TEXT(e, "ก \xc4\x84");
	/* Backspace as 127 and ^H; at the start nothing happens. */
	editor_key(e, 127, false);
	editor_key(e, 8, false);
	CHECK_TEXT(e, "ก");
	editor_key(e, 8, false);
	CHECK(editor_key(e, 8, false) == EDITOR_HANDLED);
	CHECK(key(e, KEY_DC) == EDITOR_HANDLED);
	CHECK_TEXT(e, "");
	editor_destroy(e);

	/* A single-line editor leaves Enter to the form. */
	e = must_create("x", 0, true);
	CHECK(editor_key(e, '\n', false) == EDITOR_IGNORED);
	CHECK(editor_key(e, '\r', false) == EDITOR_IGNORED);
	CHECK(key(e, KEY_ENTER) == EDITOR_IGNORED);
	CHECK(editor_insert(e, "a\nb", 3) == EDITOR_CHANGED);
	CHECK_TEXT(e, "xa b");
	editor_destroy(e);

	/* Pasted text: CRLF and CR become LF, other controls go. */
	e = must_create(NULL, 0, false);
	CHECK(editor_insert(e, "x\r\ny\rz\x01\t\xc2\x85w\xff", 12) ==
	      EDITOR_CHANGED);
	CHECK_TEXT(e, "x\ny\nz\tw\xef\xbf\xbd");
	CHECK_CUR(e, 10);
	editor_destroy(e);
}

static void
group_moves(void)
{
	WINDOW *win = newwin(5, 20, 0, 0);
	editor *e = must_create("abcdefghij\nab\nabcdefghij\n一二三四", 0,
				false);
	char text[400];
	size_t o = 0;
	int i;

	/* Up/Down keep the goal column over a shorter line. */
	editor_set_cursor(e, 8);
	key(e, KEY_DOWN);
	CHECK_CUR(e, 13);
	key(e, KEY_DOWN);
	CHECK_CUR(e, 22);
	SCREEN(e, win, 2, 8, "abcdefghij", "ab", "abcdefghij", "一二三四");
	key(e, KEY_UP);
	key(e, KEY_UP);
	CHECK_CUR(e, 8);
	/* Column 3 in CJK stops before the character that covers it. */
	editor_set_cursor(e, 17);
	key(e, KEY_DOWN);
	CHECK_CUR(e, 28);
	SCREEN(e, win, 3, 2, "abcdefghij", "ab", "abcdefghij", "一二三四");
	key(e, KEY_UP);
	CHECK_CUR(e, 17);
	/* Another key forgets the goal. */
	editor_set_cursor(e, 8);
	key(e, KEY_DOWN);
	key(e, KEY_LEFT);
	key(e, KEY_DOWN);
	CHECK_CUR(e, 15);
	/* Up on the first line and Down on the last stay. */
	editor_set_cursor(e, 2);
	key(e, KEY_UP);
	CHECK_CUR(e, 2);
	editor_set_cursor(e, 28);
	key(e, KEY_DOWN);
	CHECK_CUR(e, 28);
	/* Up/Down move by visual line inside a wrapped paragraph. */
	editor_set_text(e, "aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk");
	SCREEN(e, win, 2, 3, "aaa bbb ccc ddd eee", "fff ggg hhh iii jjj",
	       "kkk");
	key(e, KEY_UP);
	CHECK_CUR(e, 23);
	key(e, KEY_HOME);
	CHECK_CUR(e, 20);
	key(e, KEY_END);
	CHECK_CUR(e, 39);
	key(e, KEY_UP);
	CHECK_CUR(e, 19);
	SCREEN(e, win, 0, 19, "aaa bbb ccc ddd eee", "fff ggg hhh iii jjj",
	       "kkk");
	editor_destroy(e);

	/* PgDn/PgUp move the view and the cursor by a window height. */
	for (i = 0; i < 30; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "%sline %02d",
				      i ? "\n" : "", i);
	e = must_create(text, 0, false);
	editor_set_cursor(e, 2);
	SCREEN(e, win, 0, 2, "line 00", "line 01", "line 02", "line 03",
	       "line 04");
	CHECK(key(e, KEY_NPAGE) == EDITOR_HANDLED);
	CHECK_CUR(e, 5 * 8 + 2);
	SCREEN(e, win, 0, 2, "line 05", "line 06", "line 07", "line 08",
	       "line 09");
	key(e, KEY_DOWN);
	key(e, KEY_NPAGE);
	CHECK_CUR(e, 11 * 8 + 2);
	SCREEN(e, win, 1, 2, "line 10", "line 11", "line 12", "line 13",
	       "line 14");
	key(e, KEY_NPAGE);
	key(e, KEY_NPAGE);
	key(e, KEY_NPAGE);
	CHECK_CUR(e, 26 * 8 + 2);
	SCREEN(e, win, 1, 2, "line 25", "line 26", "line 27", "line 28",
	       "line 29");
	/* Near the end the view stops at the last line. */
	key(e, KEY_NPAGE);
	CHECK_CUR(e, 29 * 8 + 2);
	SCREEN(e, win, 4, 2, "line 25", "line 26", "line 27", "line 28",
	       "line 29");
	/* On the last line PgDn goes to the end of the text. */
	key(e, KEY_NPAGE);
	CHECK_CUR(e, 30 * 8 - 1);
	editor_draw(e, win);
	key(e, KEY_PPAGE);
	CHECK_CUR(e, 24 * 8 + 7);
	SCREEN(e, win, 4, 7, "line 20", "line 21", "line 22", "line 23",
	       "line 24");
	key(e, KEY_PPAGE);
	key(e, KEY_PPAGE);
	key(e, KEY_PPAGE);
	key(e, KEY_PPAGE);
	CHECK_CUR(e, 4 * 8 + 7);
	SCREEN(e, win, 4, 7, "line 00", "line 01", "line 02", "line 03",
	       "line 04");
	key(e, KEY_PPAGE);
	CHECK_CUR(e, 7);
	key(e, KEY_PPAGE);
	CHECK_CUR(e, 0);
	/* Down at the bottom row scrolls by one line. */
	editor_set_cursor(e, 4 * 8);
	key(e, KEY_DOWN);
	SCREEN(e, win, 4, 0, "line 01", "line 02", "line 03", "line 04",
	       "line 05");
	ctl(e, 'K');
	SCREEN(e, win, 4, 0, "line 01", "line 02", "line 03", "line 04", "");
	ctl(e, 'K');
	SCREEN(e, win, 4, 0, "line 01", "line 02", "line 03", "line 04",
	       "line 06");
	delwin(win);
	editor_destroy(e);
}

static void
group_limit(void)
{
	editor *e = must_create(NULL, 5, false);

	CHECK(editor_limit(e) == 5);
	type(e, "abcd");
	CHECK(!editor_refused(e));
	CHECK(editor_key(e, L'é', false) == EDITOR_CHANGED);
	CHECK(editor_count(e) == 5);
	CHECK(editor_key(e, 'f', false) == EDITOR_HANDLED);
	CHECK(editor_refused(e));
	CHECK_TEXT(e, "abcdé");
	CHECK(key(e, KEY_ENTER) == EDITOR_HANDLED);
	CHECK(editor_refused(e));
	/* A mark joining the last character adds no character. */
	CHECK(editor_key(e, 0x301, false) == EDITOR_CHANGED);
	CHECK(!editor_refused(e));
	CHECK_TEXT(e, "abcd\xc3\xa9\xcc\x81");
	CHECK(editor_count(e) == 5);
	key(e, KEY_LEFT);
	CHECK(!editor_refused(e));
	CHECK(key(e, KEY_BACKSPACE) == EDITOR_CHANGED);
	CHECK_TEXT(e, "abc\xc3\xa9\xcc\x81");
	/* A paste takes the whole clusters that fit. */
	CHECK(editor_insert(e, "e\xcc\x81x", 4) == EDITOR_CHANGED);
	CHECK(editor_refused(e));
	CHECK_TEXT(e, "abce\xcc\x81\xc3\xa9\xcc\x81");
	CHECK(editor_insert(e, "x", 1) == EDITOR_HANDLED);
	CHECK(editor_refused(e));
	CHECK(editor_count(e) == 5);
	/* NFC and NFD count the same. */
	CHECK(key(e, KEY_BACKSPACE) == EDITOR_CHANGED);
	CHECK(editor_insert(e, "\xc3\xa9", 2) == EDITOR_CHANGED);
	CHECK(editor_count(e) == 5);
	editor_destroy(e);

	/* A text longer than the limit is kept; only deleting works. */
	e = must_create("abcdefg", 5, false);
	CHECK(editor_count(e) == 7);
	CHECK(editor_key(e, 'h', false) == EDITOR_HANDLED);
	CHECK(editor_refused(e));
	CHECK(editor_insert(e, "h", 1) == EDITOR_HANDLED);
	CHECK(key(e, KEY_BACKSPACE) == EDITOR_CHANGED);
	CHECK_TEXT(e, "abcdef");
	editor_destroy(e);
}

static void
group_resize(void)
{
	WINDOW *win = newwin(10, 40, 0, 0);
	char text[4096], row[256];
	size_t o = 0, cur;
	int i, y, x;
	editor *e;

	for (i = 0; i < 40; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o,
				      "%sParagraph %02d has some words in it",
				      i ? "\n" : "", i);
	e = must_create(text, 0, false);
	cur = 20 * 34 + 22; /* paragraph 20, on "words" */
	editor_set_cursor(e, cur);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(x == 22);
	row_text(win, y, row, sizeof(row), NULL);
	CHECK(strcmp(row, "Paragraph 20 has some words in it") == 0);
	/* Narrower and shorter: each paragraph takes two lines. */
	wresize(win, 4, 20);
	editor_draw(e, win);
	CHECK_CUR(e, cur);
	getyx(win, y, x);
	CHECK(y >= 0 && y < 4 && x == 5);
	row_text(win, y, row, sizeof(row), NULL);
	CHECK(strcmp(row, "some words in it") == 0);
	CHECK(y > 0);
	row_text(win, y - 1, row, sizeof(row), NULL);
	CHECK(strcmp(row, "Paragraph 20 has") == 0);
	/* Tiny, then back. */
	wresize(win, 1, 3);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 0 && x == 0);
	row_text(win, 0, row, sizeof(row), NULL);
	CHECK(strcmp(row, "wor") == 0);
	wresize(win, 10, 40);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(x == 22);
	row_text(win, y, row, sizeof(row), NULL);
	CHECK(strcmp(row, "Paragraph 20 has some words in it") == 0);
	CHECK_CUR(e, cur);
	/* Growing at the end of the text shows more of it above. */
	editor_set_cursor(e, strlen(text));
	wresize(win, 2, 40);
	editor_draw(e, win);
	wresize(win, 10, 40);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 9);
	delwin(win);
	editor_destroy(e);
}

static void
group_hostile(void)
{
	WINDOW *win = newwin(5, 20, 0, 0);
	size_t n = 200000, i, len;
	char *big = malloc(2 * n + 2);
	editor *e;
	int y, x;

	if (!big)
		abort();
	editor_destroy(NULL);
	/* One cluster of 400 KB: a base and 200,000 marks. It moves and is
	 * deleted as one; the cell keeps the marks ncurses can hold. */
	big[0] = 'a';
	for (i = 0; i < n; i++)
		memcpy(big + 1 + 2 * i, "\xcc\x81", 2);
	big[1 + 2 * n] = '\0';
	e = must_create(big, 0, false);
	type(e, "b");
	key(e, KEY_LEFT);
	CHECK_CUR(e, 1 + 2 * n);
	key(e, KEY_LEFT);
	CHECK_CUR(e, 0);
	SCREEN(e, win, 0, 0,
	       "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "b");
	key(e, KEY_DC);
	CHECK_TEXT(e, "b");
	CHECK(editor_insert(e, NULL, 0) == EDITOR_HANDLED);
	editor_destroy(e);

	/* 400 KB without a newline or a space: cut at the window edge,
	 * typed into in its middle. */
	memset(big, 'x', 2 * n);
	big[2 * n] = '\0';
	e = must_create(big, 0, false);
	editor_set_cursor(e, n + 7);
	editor_draw(e, win);
	type(e, "Hello");
	SCREEN(e, win, 4, 12, "xxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxx",
	       "xxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxx",
	       "xxxxxxxHelloxxxxxxxx");
	editor_text(e, &len);
	CHECK(len == 2 * n + 5);
	key(e, KEY_NPAGE);
	key(e, KEY_PPAGE);
	CHECK_CUR(e, n + 12);
	editor_destroy(e);
	free(big);
	delwin(win);

	/* Wider than the window: a wide character in one column is not
	 * drawn (ncurses would wrap it), the cursor stays inside. */
	win = newwin(2, 1, 0, 0);
	e = must_create("中\xf0\x9f\x98\x80" "a", 0, false);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 1 && x == 0);
	/* "a" fills the width: the cursor after it is on the row after. */
	SCREEN(e, win, 1, 0, "a", "");
	key(e, KEY_UP);
	CHECK_CUR(e, 7);
	key(e, KEY_UP);
	CHECK_CUR(e, 3);
	SCREEN(e, win, 0, 0, "", "a");
	key(e, KEY_UP);
	CHECK_CUR(e, 0);
	delwin(win);
	editor_destroy(e);
}

/* ---- random edits checked against a full wrap of the text ---- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* The editor's widths, restated (no control characters are typed). */
static int
ref_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/* The rows the whole text wraps to, as the screen should show them. */
typedef struct ref_row {
	size_t ls, start, end;
	char text[512];
} ref_row;

/* What the dump of a row should give for bytes [a, b): cells of one
 * spacing character and at most CCHARW_MAX - 1 marks, marks without a base
 * not drawn, the cells that fit, no trailing blank cells. */
static void
ref_cells(const char *s, size_t a, size_t b, size_t width, char *out)
{
	size_t o = 0, trim = 0, col = 0, q = a, p;
	int nmarks = -1, w;
	uint32_t cp;

	while (q < b && o < 400) {
		p = q;
		cp = utext_next(s, b, &q);
		w = ref_width(cp);
		if (w == 0) {
			if (nmarks >= 0 && nmarks < CCHARW_MAX - 1) {
				memcpy(out + o, s + p, q - p);
				o += q - p;
				nmarks++;
				trim = o;
			}
			continue;
		}
		if (col + (size_t)w > width)
			break;
		col += (size_t)w;
		memcpy(out + o, s + p, q - p);
		o += q - p;
		nmarks = 0;
		if (cp != ' ')
			trim = o;
	}
	out[trim] = '\0';
}

static ref_row *
ref_wrap(const char *s, size_t len, size_t width, size_t *n)
{
	ref_row *rows = NULL;
	utext_line *lines = NULL;
	size_t nl, ls = 0, le, i, cap = 0;
	const char *nlp;

	*n = 0;
	for (;;) {
		nlp = memchr(s + ls, '\n', len - ls);
		le = nlp ? (size_t)(nlp - s) : len;
		if (!utext_wrap(s + ls, le - ls, width, ref_width, &lines,
				&nl))
			abort();
		for (i = 0; i < nl; i++) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				rows = realloc(rows, cap * sizeof(*rows));
				if (!rows)
					abort();
			}
			rows[*n].ls = ls;
			rows[*n].start = ls + lines[i].start;
			rows[*n].end = ls + lines[i].end;
			ref_cells(s, rows[*n].start, rows[*n].end, width,
				  rows[*n].text);
			(*n)++;
			/* A full last line: an empty row after it, where
			 * the cursor at its end is shown. */
			if (i + 1 == nl && lines[i].width >= width &&
			    lines[i].end > lines[i].start) {
				if (*n == cap) {
					cap *= 2;
					rows = realloc(rows,
						       cap * sizeof(*rows));
					if (!rows)
						abort();
				}
				rows[*n].ls = ls;
				rows[*n].start = rows[*n].end = le;
				rows[*n].text[0] = '\0';
				(*n)++;
			}
		}
		if (!nlp)
			break;
		ls = le + 1;
	}
	free(lines);
	return rows;
}

/* Column of the cursor on its row (may be past the window). */
static size_t
ref_col(const char *s, const ref_row *row, size_t cur)
{
	size_t q = row->start, col = 0;

	while (q < cur && q < row->end)
		col += (size_t)ref_width(utext_next(s, row->end, &q));
	return col;
}

static const char *const pieces[] = {
	"a", "word ", "  ", " ", "\n", "ผู้", "ใหญ่", "e\xcc\x82\xcc\x81",
	"中文", "字", "\xcc\x81", "xyzzy", "longerwordthanwindow",
	"\xf0\x9f\x98\x80", "é",
};

/* Random typing, moves, deletions, resizes; after each step the screen
 * must show consecutive rows of a full wrap of the text. long_paras: few
 * newlines and long texts, so that paragraphs are wrapped piecewise and
 * edited in their middle. */
static void
random_edits(bool long_paras)
{
	WINDOW *win = newwin(6, 13, 0, 0);
	editor *e = must_create(NULL, 0, false);
	int step, y, x, top, i, rows, cols;
	size_t len, n, r, cur, crow, col;
	const char *s;
	ref_row *ref;
	char got[1024];
	static const int keys[] = {
		KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN, KEY_HOME, KEY_END,
		KEY_BACKSPACE, KEY_DC, KEY_NPAGE, KEY_PPAGE,
	};
	/* For longer hunts: EDITOR_RANDOM_STEPS, EDITOR_RANDOM_SEED. */
	const char *env = getenv("EDITOR_RANDOM_STEPS");
	const char *seed = getenv("EDITOR_RANDOM_SEED");
	int steps = env ? atoi(env) : long_paras ? 1500 : 4000;

	if (seed)
		rng = strtoull(seed, NULL, 10) | 1;

	for (step = 0; step < steps && failures == 0; step++) {
		unsigned what = rnd(20);

		if (long_paras && what == 17 && rnd(4)) {
			/* Keep Ctrl-U/K from emptying long paragraphs. */
			key(e, KEY_LEFT);
		} else if (what < 8) {
			const char *piece =
				pieces[rnd(sizeof(pieces) / sizeof(*pieces))];

			if (long_paras && piece[0] == '\n' && rnd(30))
				piece = "some words ";
			type(e, piece);
			if (long_paras && rnd(4) == 0)
				type(e, "and many more plain words here ");
		} else if (what < 17) {
			key(e, keys[rnd(sizeof(keys) / sizeof(*keys))]);
		} else if (what == 17) {
			ctl(e, "AEKUW"[rnd(5)]);
		} else if (what == 18) {
			wresize(win, 1 + (int)rnd(8),
				1 + (int)rnd(long_paras ? 60 : 24));
		} else {
			s = editor_text(e, &len);
			editor_set_cursor(e, rnd((unsigned)len + 1));
		}
		editor_draw(e, win);
		getyx(win, y, x);
		getmaxyx(win, rows, cols);
		s = editor_text(e, &len);
		cur = editor_cursor(e);
		CHECK(editor_count(e) == validate_char_count(s, len));
		/* The cursor is on a cluster boundary. */
		if (cur > 0 && cur < len)
			CHECK(utext_cluster_end(s, len, utext_cluster_start(
				s, len, cur)) == cur);
		/* The screen is a run of the full wrap's rows, and the cursor
		 * is on the row that holds it: the last row starting at or
		 * before it in its paragraph, or the paragraph's first. */
		ref = ref_wrap(s, len, (size_t)cols, &n);
		crow = 0;
		while (crow + 1 < n && ref[crow + 1].ls <= cur &&
		       (ref[crow + 1].start <= cur ||
			ref[crow + 1].ls != ref[crow].ls))
			crow++;
		top = -1;
		col = ref_col(s, &ref[crow], cur);
		for (r = 0; r < n && top < 0; r++) {
			int want_y = (int)crow - (int)r, want_x = (int)col;

			/* Past the edge (before the space a full line
			 * broke at): the start of the row after. */
			if (col >= (size_t)cols && want_y + 1 < rows) {
				want_y++;
				want_x = 0;
			} else if (col >= (size_t)cols) {
				want_x = cols - 1;
			}
			for (i = 0; i < rows && r + (size_t)i < n; i++) {
				row_text(win, i, got, sizeof(got), NULL);
				if (strcmp(got, ref[r + (size_t)i].text) != 0)
					break;
			}
			if ((i == rows || r + (size_t)i == n) &&
			    want_y == y && want_x == x)
				top = (int)r;
		}
		CHECK(top >= 0);
		if (failures) {
			fprintf(stderr, "step %d: %dx%d cur %zu top %d y %d "
				"text \"%s\"\n", step, rows, cols, cur, top,
				y, s);
			for (i = 0; i < rows; i++) {
				row_text(win, i, got, sizeof(got), NULL);
				fprintf(stderr, "  |%s|\n", got);
			}
		}
		free(ref);
		if (len > (long_paras ? 12000u : 3000u))
			editor_set_text(e, "");
	}
	delwin(win);
	editor_destroy(e);
}

static void
group_random(void)
{
	random_edits(false);
}

static void
group_random_long(void)
{
	random_edits(true);
}

/* The form and the text export break an answer's lines in the same
 * places at the same width (issue 14, point 7): the editor's rows at 72
 * columns against export_paragraphs' lines at 72, over the Thai, Chinese
 * and Vietnamese corpora of tests/utext/data and English with hyphens. */
static void
compare_with_export(const char *para, size_t len, WINDOW *win, size_t *lines)
{
	editor *e;
	sbuf b = SBUF_INIT;
	export_layout l;
	char got[1024], *text, *line, *nl;
	int y = 0;

	e = must_create(para, 0, false);
	editor_set_cursor(e, 0);
	editor_draw(e, win);
	export_layout_init(&l, &b, 72);
	export_paragraphs(&l, para, len);
	export_layout_free(&l);
	text = sbuf_take(&b, NULL);
	if (text == NULL)
		abort();
	for (line = text; *line; line = nl + 1, y++) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		row_text(win, y, got, sizeof(got), NULL);
		if (strcmp(got, line) != 0) {
			fprintf(stderr, "row %d: form \"%s\"\n        export "
				"\"%s\"\n", y, got, line);
			failures++;
			break;
		}
		(*lines)++;
	}
	row_text(win, y, got, sizeof(got), NULL);
	CHECK_MSG(got[0] == '\0' || failures, "the form has more rows: %s", got);
	free(text);
	editor_destroy(e);
}

static void
group_export(void)
{
	static const char *const files[] = {"thai-government.txt",
		"chinese-government.txt", "vietnamese-government.txt"};
	static const char english[] =
		"The Department of Justice's Office for Victims of Crime, the "
		"victim-witness coordinators from the U.S. Attorneys' offices, "
		"and victim-witness staff in other DOJ components have primary "
		"responsibility for working to ensure the safety and protection "
		"of victims; anti-trafficking and re-trafficking programs run "
		"case-by-case.";
	const char *root = getenv("AP_SOURCE_ROOT");
	WINDOW *win = newwin(60, 72, 0, 0);
	size_t lines = 0, paras = 0;
	char path[4096], buf[16384];
	FILE *f;

	compare_with_export(english, strlen(english), win, &lines);
	paras++;
	for (size_t k = 0; k < sizeof(files) / sizeof(*files); k++) {
		snprintf(path, sizeof(path), "%s/tests/utext/data/%s",
			 root ? root : ".", files[k]);
		f = fopen(path, "r");
		CHECK_MSG(f != NULL, "cannot read %s", path);
		while (f && fgets(buf, sizeof(buf), f)) {
			size_t n = strcspn(buf, "\n");

			buf[n] = '\0';
			if (n == 0)
				continue;
			werase(win);
			compare_with_export(buf, n, win, &lines);
			paras++;
		}
		if (f)
			fclose(f);
	}
	printf("%zu paragraphs, %zu lines: the form's rows are the export's\n",
	       paras, lines);
	CHECK(paras > 40 && lines > 200);
	delwin(win);
}

int
main(int argc, char **argv)
{
	static const unit_group groups[] = {
		{"wrap", group_wrap},
		{"clusters", group_clusters},
		{"readline", group_readline},
		{"moves", group_moves},
		{"limit", group_limit},
		{"resize", group_resize},
		{"hostile", group_hostile},
		{"random", group_random},
		{"random-long", group_random_long},
		{"export", group_export},
	};
	return test_screen_main(argc, argv, groups,
				sizeof(groups) / sizeof(*groups));
}
