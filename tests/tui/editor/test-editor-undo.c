/* Tests of the editor's undo history, kill ring and word keys: a property
 * test (random scripts of typing, pasting, cutting, yanking and moving in
 * Thai, Chinese, decomposed Vietnamese and emoji: as many undos as steps
 * give back the original bytes, as many redos the edited ones), how steps
 * are grouped, kills and yanks as in readline, words, the memory bound,
 * and the cursor after a line that fills the window. Usage:
 * test-editor-undo GROUP. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../unit_check.h"
#include "editor.h"
#include "screen.h"
#include "utext.h"
#include "validate.h"

static bool
apply(void *ctx, int field, size_t pos, const char *from, size_t from_len,
      const char *to, size_t to_len, size_t cursor)
{
	(void)field;
	return editor_apply(ctx, pos, from, from_len, to, to_len, cursor);
}

static editor *
make(const char *text, hist *h, killring *kr)
{
	editor *e = editor_create(text, 0, false);

	if (!e)
		abort();
	editor_set_history(e, h, 0);
	editor_set_killring(e, kr);
	return e;
}

static void
type(editor *e, const char *s)
{
	size_t len = strlen(s), pos = 0;

	while (pos < len)
		editor_key(e, (wint_t)utext_next(s, len, &pos), false);
}

static char *
copy_text(const editor *e, size_t *len)
{
	const char *s = editor_text(e, len);
	char *c = malloc(*len + 1);

	if (!c)
		abort();
	memcpy(c, s, *len + 1);
	return c;
}

static bool
text_is(const editor *e, const char *want, size_t want_len)
{
	size_t len;
	const char *s = editor_text(e, &len);

	return len == want_len && memcmp(s, want, len) == 0;
}

#define TEXT_IS(e, want) CHECK(text_is((e), (want), strlen(want)))

/* ---- the property test ---- */

static uint64_t rng = 0x2545f4914f6cdd1du;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const pieces[] = {
	"ผู้ใหญ่", "การค้ามนุษย์", "เป็นปัญหา", " ", "\n", "中文", "打击人口贩运，",
	"保护受害者。", "Bo\xcc\x82\xcc\x80 Lao \xc4\x91o\xcc\x82\xcc\xa3ng",
	"e\xcc\x82\xcc\x81", "\xcc\x81", "\xf0\x9f\x98\x80",
	"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "\xf0\x9f\x87\xb9\xf0\x9f\x87\xad",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", "word", "x",
};
#define N_PIECES (sizeof pieces / sizeof *pieces)

static void
random_step(editor *e)
{
	static const int keys[] = {
		KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN, KEY_HOME, KEY_END,
		KEY_BACKSPACE, KEY_DC, KEY_NPAGE, KEY_PPAGE,
	};
	static const editor_cmd cmds[] = {
		EDCMD_WORD_LEFT, EDCMD_WORD_RIGHT, EDCMD_KILL_WORD_BACK,
		EDCMD_KILL_WORD_FWD, EDCMD_YANK, EDCMD_YANK_POP,
	};
	size_t len;
	unsigned what = rnd(24);

	if (what < 6) {
		type(e, pieces[rnd(N_PIECES)]);
	} else if (what < 8) {
		const char *p = pieces[rnd(N_PIECES)];

		editor_insert(e, p, strlen(p));
	} else if (what < 14) {
		editor_key(e, (wint_t)keys[rnd(sizeof keys / sizeof *keys)],
			   true);
	} else if (what < 17) {
		editor_key(e, (wint_t)("KUWY"[rnd(4)] & 0x1f), false);
	} else if (what < 20) {
		editor_command(e, cmds[rnd(sizeof cmds / sizeof *cmds)]);
	} else if (what < 22) {
		editor_text(e, &len);
		editor_set_cursor(e, rnd((unsigned)len + 1));
	} else {
		/* An external edit: the text with a piece put somewhere. */
		char *c = copy_text(e, &len), *t;
		const char *p = pieces[rnd(N_PIECES)];
		size_t at = rnd((unsigned)len + 1), pl = strlen(p);

		t = malloc(len + pl + 1);
		if (!t)
			abort();
		memcpy(t, c, at);
		memcpy(t + at, p, pl);
		memcpy(t + at + pl, c + at, len - at + 1);
		editor_replace_all(e, t, len + pl);
		free(t);
		free(c);
	}
}

static void
group_property(void)
{
	hist_store *st = hist_store_create(1, (size_t)1 << 40);
	killring *kr = kr_create();
	hist *h = hist_of(st, 0);
	WINDOW *win = newwin(5, 17, 0, 0);
	int script;
	const char *env = getenv("UNDO_SCRIPTS");
	int scripts = env ? atoi(env) : 300;

	for (script = 0; script < scripts && failures == 0; script++) {
		editor *e;
		char *before, *after;
		size_t blen, alen, n, i, steps = 1 + rnd(60), len;
		const char *s;

		hist_clear(h);
		e = make(NULL, h, kr);
		for (i = 0; i < 4; i++) {
			const char *p = pieces[rnd(N_PIECES)];

			editor_insert(e, p, strlen(p));
		}
		hist_clear(h);
		editor_set_text(e, editor_text(e, &len));
		before = copy_text(e, &blen);
		for (i = 0; i < steps; i++) {
			random_step(e);
			if (rnd(3) == 0)
				editor_draw(e, win);
			s = editor_text(e, &len);
			CHECK(editor_count(e) == validate_char_count(s, len));
		}
		after = copy_text(e, &alen);
		n = hist_n_undo(h);
		for (i = 0; i < n; i++) {
			CHECK(hist_undo(h, apply, e) == 0);
			s = editor_text(e, &len);
			CHECK(editor_count(e) == validate_char_count(s, len));
		}
		CHECK(hist_undo(h, apply, e) == -1);
		CHECK_MSG(text_is(e, before, blen),
			  "script %d: %zu undos do not give back \"%s\"", script,
			  n, before);
		for (i = 0; i < n; i++)
			CHECK(hist_redo(h, apply, e) == 0);
		CHECK(hist_redo(h, apply, e) == -1);
		CHECK_MSG(text_is(e, after, alen),
			  "script %d: %zu redos do not give back \"%s\"", script,
			  n, after);
		free(before);
		free(after);
		editor_destroy(e);
	}
	delwin(win);
	kr_destroy(kr);
	hist_store_destroy(st);
}

/* ---- grouping ---- */

static void
group_grouping(void)
{
	hist_store *st = hist_store_create(2, HIST_BUDGET);
	killring *kr = kr_create();
	hist *h = hist_of(st, 0);
	editor *e = make("start", h, kr);

	/* Typing: a word at a time (a word with the blanks after it). */
	type(e, " hello world");
	CHECK(hist_n_undo(h) == 3);
	CHECK(hist_undo(h, apply, e) == 0);
	TEXT_IS(e, "start hello ");
	CHECK(hist_undo(h, apply, e) == 0);
	TEXT_IS(e, "start ");
	CHECK(hist_undo(h, apply, e) == 0);
	TEXT_IS(e, "start");
	CHECK(editor_cursor(e) == 5);
	CHECK(hist_redo(h, apply, e) == 0);
	CHECK(hist_redo(h, apply, e) == 0);
	CHECK(hist_redo(h, apply, e) == 0);
	TEXT_IS(e, "start hello world");
	/* Thai typed without spaces is one step until a move (and typing
	 * after a redo starts a step of its own). */
	type(e, "ผู้ใหญ่");
	CHECK(hist_n_undo(h) == 4);
	editor_key(e, KEY_LEFT, true);
	editor_key(e, KEY_RIGHT, true);
	type(e, "ไทย");
	CHECK(hist_n_undo(h) == 5);
	/* A run of Backspace is one step; a new edit forgets the redo. */
	editor_key(e, KEY_BACKSPACE, true);
	editor_key(e, 127, false);
	editor_key(e, 8, false);
	CHECK(hist_n_undo(h) == 6);
	CHECK(hist_undo(h, apply, e) == 0);
	TEXT_IS(e, "start hello worldผู้ใหญ่ไทย");
	CHECK(hist_n_redo(h) == 1);
	type(e, "!");
	CHECK(hist_n_redo(h) == 0);
	/* A paste, a cut, a yank, an external edit: a step each. */
	editor_insert(e, "a\tb\nc", 5);
	editor_key(e, 0x01, false); /* Ctrl-A */
	editor_key(e, 0x0b, false); /* Ctrl-K */
	editor_key(e, 0x19, false); /* Ctrl-Y */
	editor_replace_all(e, "replaced", 8);
	CHECK(hist_n_undo(h) == 10);
	TEXT_IS(e, "replaced");
	CHECK(hist_undo(h, apply, e) == 0);
	TEXT_IS(e, "start hello worldผู้ใหญ่ไทย!a\tb\nc");
	/* A text changed behind the history's back: undo refuses and the
	 * history is forgotten. */
	editor_set_text(e, "other");
	CHECK(hist_undo(h, apply, e) == -2);
	TEXT_IS(e, "other");
	CHECK(hist_n_undo(h) == 0 && hist_n_redo(h) == 0);
	editor_destroy(e);
	kr_destroy(kr);
	hist_store_destroy(st);
}

/* ---- the kill ring ---- */

static void
group_kills(void)
{
	killring *kr = kr_create();
	editor *e = make("one two three\nfour", NULL, kr);
	editor *f = make("", NULL, kr);

	/* Ctrl-K twice: the line and its break, joined in one kill. */
	editor_set_cursor(e, 4);
	editor_key(e, 0x0b, false);
	editor_key(e, 0x0b, false);
	TEXT_IS(e, "one four");
	CHECK(kr_count(kr) == 1);
	/* Yanking into another editor (another item). */
	editor_key(f, 0x19, false);
	TEXT_IS(f, "two three\n");
	/* Ctrl-W then Ctrl-U: joined before. */
	editor_key(e, KEY_END, true);
	editor_key(e, 0x17, false);
	editor_key(e, 0x15, false);
	TEXT_IS(e, "");
	CHECK(kr_count(kr) == 2);
	editor_key(e, 0x19, false);
	TEXT_IS(e, "one four");
	/* Esc y cycles: the kill before replaces the one yanked. */
	CHECK(editor_command(e, EDCMD_YANK_POP) == EDITOR_CHANGED);
	TEXT_IS(e, "two three\n");
	CHECK(editor_command(e, EDCMD_YANK_POP) == EDITOR_CHANGED);
	TEXT_IS(e, "one four");
	/* Not right after a yank: Esc y does nothing. */
	editor_key(e, KEY_LEFT, true);
	CHECK(editor_command(e, EDCMD_YANK_POP) == EDITOR_HANDLED);
	TEXT_IS(e, "one four");
	/* A move between kills starts a new entry. */
	editor_set_text(e, "a b c");
	editor_command(e, EDCMD_KILL_WORD_BACK);
	editor_key(e, KEY_LEFT, true);
	editor_command(e, EDCMD_KILL_WORD_BACK);
	CHECK(kr_count(kr) == 4);
	editor_destroy(e);
	editor_destroy(f);
	kr_destroy(kr);
}

/* ---- words ---- */

static void
group_words(void)
{
	const char *thai = "การค้ามนุษย์เป็นปัญหาร้ายแรงที่รัฐบาลได้ดำเนินมาตรการ"
			   "หลายอย่างเพื่อต่อต้าน";
	editor *e = make("hello, world\nline two", NULL, NULL);
	size_t len, before;

	editor_set_cursor(e, 0);
	editor_command(e, EDCMD_WORD_RIGHT);
	CHECK(editor_cursor(e) == 5);
	editor_command(e, EDCMD_WORD_RIGHT);
	CHECK(editor_cursor(e) == 12);
	editor_command(e, EDCMD_WORD_RIGHT);
	CHECK(editor_cursor(e) == 17);
	editor_command(e, EDCMD_WORD_LEFT);
	CHECK(editor_cursor(e) == 13);
	editor_command(e, EDCMD_WORD_LEFT);
	CHECK(editor_cursor(e) == 7);
	/* Word kills stay within the line; at its edge they join lines. */
	editor_set_cursor(e, 13);
	editor_command(e, EDCMD_KILL_WORD_BACK);
	TEXT_IS(e, "hello, worldline two");
	editor_command(e, EDCMD_KILL_WORD_FWD);
	TEXT_IS(e, "hello, world two");
	editor_command(e, EDCMD_KILL_WORD_BACK);
	TEXT_IS(e, "hello,  two");
	/* Ctrl-W in a Thai clause takes one dictionary word, not all. */
	editor_set_text(e, thai);
	editor_text(e, &before);
	editor_key(e, 0x17, false);
	editor_text(e, &len);
	CHECK(len < before && before - len <= 8 * 3);
	TEXT_IS(e, "การค้ามนุษย์เป็นปัญหาร้ายแรงที่รัฐบาลได้ดำเนินมาตรการหลายอย่างเพื่อ");
	/* Chinese: one word of the dictionary at a time. */
	editor_set_text(e, "打击人口贩运");
	editor_command(e, EDCMD_KILL_WORD_BACK);
	TEXT_IS(e, "打击人口");
	editor_destroy(e);
}

/* ---- the memory bound ---- */

static void
group_bound(void)
{
	size_t budget = 64 * 1024, i;
	hist_store *st = hist_store_create(2, budget);
	editor *e = make(NULL, hist_of(st, 0), NULL);
	editor *f = make(NULL, hist_of(st, 1), NULL);
	char *big;

	/* A day of typing in one answer: the oldest steps go. */
	for (i = 0; i < 20000; i++)
		type(e, "word ");
	CHECK(hist_store_used(st) <= budget);
	CHECK(hist_n_undo(hist_of(st, 0)) > 100);
	CHECK(hist_n_undo(hist_of(st, 0)) < 20000);
	/* A step larger than the whole budget is still kept, and the
	 * other item keeps its newest step. */
	big = malloc(budget * 2);
	if (!big)
		abort();
	memset(big, 'x', budget * 2);
	editor_insert(f, big, budget * 2);
	CHECK(hist_n_undo(hist_of(st, 1)) == 1);
	CHECK(hist_n_undo(hist_of(st, 0)) == 1);
	CHECK(hist_undo(hist_of(st, 1), apply, f) == 0);
	TEXT_IS(f, "");
	free(big);
	editor_destroy(e);
	editor_destroy(f);
	hist_store_destroy(st);
}

/* ---- the cursor after a full line ---- */

static void
group_full_line(void)
{
	/* 23 Thai syllables of three cells in 69 columns, as reported. */
	WINDOW *win = newwin(3, 69, 0, 0);
	editor *e;
	char text[1024] = "";
	int y, x, i;

	for (i = 0; i < 23; i++)
		strcat(text, "กขค");
	e = make(text, NULL, NULL);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 1 && x == 0);
	editor_key(e, KEY_LEFT, true);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 0 && x == 68);
	editor_key(e, KEY_END, true);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 0 && x == 68);
	editor_key(e, KEY_DOWN, true);
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 1 && x == 0);
	/* Typing there goes on a new row. */
	type(e, "ง");
	editor_draw(e, win);
	getyx(win, y, x);
	CHECK(y == 1 && x == 1);
	/* A click on the second row, the wheel. */
	editor_click(e, 0, 3);
	CHECK(editor_cursor(e) == 9);
	editor_scroll(e, 1);
	CHECK(editor_cursor(e) > 9);
	editor_destroy(e);
	delwin(win);
}

int
main(int argc, char **argv)
{
	static const unit_group groups[] = {
		{"property", group_property},
		{"grouping", group_grouping},
		{"kills", group_kills},
		{"words", group_words},
		{"bound", group_bound},
		{"full-line", group_full_line},
	};
	return test_screen_main(argc, argv, groups,
				sizeof(groups) / sizeof(*groups));
}
