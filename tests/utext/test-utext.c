/* Unit tests of utext: strict UTF-8, grapheme clusters in Thai, decomposed
 * Vietnamese, Chinese and emoji, display widths and wrapping. */
#define _XOPEN_SOURCE 700 /* wcwidth */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <utf8proc.h>

#include "utext.h"
#include "utext_show.h"
#include "../unit_check.h"


/* The clusters of s joined by '|'. */
static char *
clusters(const char *s)
{
	size_t len = strlen(s), pos = 0, end, o = 0;
	char *out = malloc(len * 2 + 1);

	if (!out)
		abort();
	while (pos < len) {
		end = utext_cluster_end(s, len, pos);
		if (end <= pos)
			abort(); /* must always advance */
		if (o)
			out[o++] = '|';
		memcpy(out + o, s + pos, end - pos);
		o += end - pos;
		pos = end;
	}
	out[o] = '\0';
	return out;
}

/* The wrapped lines of s joined by '|'. */
static char *
wrap(const char *s, size_t width)
{
	utext_line *lines = NULL;
	size_t n = 0, i, o = 0, len = strlen(s);
	char *out = malloc(len * 2 + 2);

	if (!out || !utext_wrap(s, len, width, utext_width_default, &lines,
				&n))
		abort();
	for (i = 0; i < n; i++) {
		if (i)
			out[o++] = '|';
		memcpy(out + o, s + lines[i].start,
		       lines[i].end - lines[i].start);
		o += lines[i].end - lines[i].start;
		CHECK_MSG(lines[i].width ==
				  utext_width(s + lines[i].start,
					      lines[i].end - lines[i].start,
					      utext_width_default),
			  "line %zu of \"%s\": width %zu wrong", i, s,
			  lines[i].width);
	}
	out[o] = '\0';
	free(lines);
	return out;
}

/* Same widths as the default, but not the same function: the emoji
 * presentation rule must not apply (a form passes wcwidth this way). */
static int
width_copy(uint32_t cp)
{
	return utext_width_default(cp);
}

static size_t
w(const char *s)
{
	return utext_width(s, strlen(s), utext_width_default);
}

static void
test_valid(void)
{
	static const struct {
		const char *s;
		size_t len;
		bool ok;
		size_t bad;
	} cases[] = {
		{"plain ASCII", 11, true, 0},
		{"ผู้ใหญ่ Việt 中文 👨‍👩‍👧", 0, true, 0},
		{"a\0b", 3, true, 0},
		{"ab\xc0\x80", 4, false, 2},          /* overlong NUL */
		{"\xc1\xbf", 2, false, 0},            /* overlong */
		{"x\xe0\x80\x80", 4, false, 1},       /* overlong 3-byte */
		{"\xf0\x80\x80\x80", 4, false, 0},    /* overlong 4-byte */
		{"ok\xed\xa0\x80", 5, false, 2},      /* surrogate D800 */
		{"\xed\x9f\xbf", 3, true, 0},         /* D7FF is fine */
		{"\xf4\x8f\xbf\xbf", 4, true, 0},     /* U+10FFFF */
		{"\xf4\x90\x80\x80", 4, false, 0},    /* past U+10FFFF */
		{"\xf5\x80\x80\x80", 4, false, 0},
		{"abc\xe4\xb8", 5, false, 3},         /* truncated */
		{"\x80", 1, false, 0},                /* lone continuation */
		{"\xe4\xb8\x41", 3, false, 0},        /* bad continuation */
		{"\xff", 1, false, 0},
	};
	size_t i, bad;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].s);

		bad = 9999;
		CHECK_MSG(utext_valid(cases[i].s, len, &bad) == cases[i].ok,
			  "utext_valid case %zu wrong", i);
		CHECK_MSG(cases[i].ok || bad == cases[i].bad,
			  "utext_valid case %zu: bad at %zu, want %zu", i, bad,
			  cases[i].bad);
	}
	CHECK(utext_valid("", 0, NULL));
	CHECK(!utext_valid("\xc3", 1, NULL));
}

static void
test_decode(void)
{
	const char *s = "aé中😀";
	size_t pos = 0, len = strlen(s);

	CHECK(utext_next(s, len, &pos) == 'a' && pos == 1);
	CHECK(utext_next(s, len, &pos) == 0xe9 && pos == 3);
	CHECK(utext_next(s, len, &pos) == 0x4e2d && pos == 6);
	CHECK(utext_next(s, len, &pos) == 0x1f600 && pos == 10);
	CHECK(utext_next(s, len, &pos) == 0 && pos == 10);
	CHECK(utext_count(s, len) == 4);
	CHECK(utext_count("ผู้ใหญ่", strlen("ผู้ใหญ่")) == 7);
	/* Bad bytes do not read past the end. */
	pos = 0;
	CHECK(utext_next("\xe4\xb8", 2, &pos) == 0xfffd && pos == 1);
	pos = 0;
	CHECK(utext_next("\xff", 1, &pos) == 0xfffd && pos == 1);
	/* Strictly: an overlong form or a surrogate is one bad byte too. */
	pos = 0;
	CHECK(utext_next("\xe0\x80\x80", 3, &pos) == 0xfffd && pos == 1);
	pos = 0;
	CHECK(utext_next("\xed\xa0\x80", 3, &pos) == 0xfffd && pos == 1);
}

/* utext_decode says what is wrong; the count, the plain runs and the
 * excerpts of messages. */
static void
test_decode_errors(void)
{
	static const struct {
		const char *s;
		utext_error e;
		uint32_t cp;
	} cases[] = {
		{"A", UTEXT_OK, 'A'},
		{"\xc3\xa9", UTEXT_OK, 0xe9},
		{"\xe0\xb8\x81", UTEXT_OK, 0xe01},
		{"\xf0\x9f\x98\x80", UTEXT_OK, 0x1f600},
		{"\xc0\x80", UTEXT_OVERLONG, 0xc0},
		{"\xe0\x80\x80", UTEXT_OVERLONG, 0},
		{"\x80", UTEXT_CONTINUATION, 0x80},
		{"\xf8", UTEXT_BAD_BYTE, 0xf8},
		{"\xe4\xb8", UTEXT_TRUNCATED, 0xe4},
		{"\xe4\x41\x41", UTEXT_TRUNCATED, 0xe4},
		{"\xed\xa0\x80", UTEXT_SURROGATE, 0xd800},
		{"\xf4\x90\x80\x80", UTEXT_TOO_LARGE, 0x110000},
	};
	char buf[UTEXT_EXCERPT_SIZE], long_text[300];
	size_t pos, i;
	uint32_t cp;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].s);
		utext_error e;

		pos = 0;
		cp = 0;
		e = utext_decode(cases[i].s, len, &pos, &cp);
		CHECK_MSG(e == cases[i].e && cp == cases[i].cp &&
				  pos == (e == UTEXT_OK ? len : 0),
			  "utext_decode case %zu: %d U+%04X at %zu", i, (int)e,
			  (unsigned)cp, pos);
	}
	pos = 0;
	CHECK(utext_decode("", 0, &pos, &cp) == UTEXT_TRUNCATED);

	/* Counted eight bytes at a time and one by one. */
	CHECK(utext_count("ผู้ใหญ่ Việt 中文 👨‍👩‍👧 and some ASCII",
			  strlen("ผู้ใหญ่ Việt 中文 👨‍👩‍👧 and some ASCII")) == 36);
	CHECK(utext_count("\x80\x80" "a\xff", 4) == 2);

	CHECK(utext_plain_run("plain text, long enough\tx", 25) == 23);
	CHECK(utext_plain_run("0123456789abcdef\x7f", 17) == 16);
	CHECK(utext_plain_run("01234567\xc3\xa9", 10) == 8);
	CHECK(utext_plain_ascii("~ !", 3) && !utext_plain_ascii("\n", 1));
	/* Every byte value at every place of a word and of the tail. */
	for (int c = 0; c < 256; c++) {
		for (i = 0; i < 19; i++) {
			char w[19];
			bool plain = c >= 0x20 && c < 0x7f;

			memset(w, 'a', sizeof(w));
			w[i] = (char)c;
			CHECK_MSG(utext_plain_run(w, sizeof(w)) ==
					  (plain ? sizeof(w) : i),
				  "plain run: byte 0x%02X at %zu", (unsigned)c,
				  i);
		}
	}

	CHECK_STR(utext_excerpt(buf, "key\twith\x1b control"),
		  "key<U+0009>with<U+001B> control");
	/* Long: cut before the character that would not fit whole. */
	for (i = 0; i + 3 <= sizeof(long_text) - 1; i += 3)
		memcpy(long_text + i, "\xe0\xb8\x81", 3);
	long_text[i] = '\0';
	utext_excerpt(buf, long_text);
	CHECK(strlen(buf) == 99 + 3 && utext_valid(buf, strlen(buf), NULL) &&
	      strcmp(buf + 99, "...") == 0);
}

static void
test_clusters(void)
{
	static const struct {
		const char *text, *clusters;
	} cases[] = {
		/* Thai: the vowel and tone marks stay on their consonants. */
		{"ผู้ใหญ่", "ผู้|ใ|ห|ญ่"},
		{"ทำงาน", "ทำ|ง|า|น"},
		/* Decomposed (NFD) Vietnamese: e + circumflex + dot below is
		 * one. */
		{"Vie\xcc\x82\xcc\xa3t Nam", "V|i|e\xcc\x82\xcc\xa3|t| |N|a|m"},
		{"中文，好", "中|文|，|好"},
		/* Emoji ZWJ family, skin tone, emoji presentation, keycap. */
		{"👨‍👩‍👧x👍🏽❤️1️⃣", "👨‍👩‍👧|x|👍🏽|❤️|1️⃣"},
		/* Flags pair up regional indicators from the left. */
		{"🇹🇭🇻🇳🇺", "🇹🇭|🇻🇳|🇺"},
		/* Hangul jamo join; precomposed syllables stand alone. */
		{"\xe1\x84\x80\xe1\x85\xa1한", "\xe1\x84\x80\xe1\x85\xa1|한"},
		/* '\n' always stands alone: not joined to a CR, nor to a
		 * combining mark after it. */
		{"a\r\nb\n\xcc\x81x", "a|\r|\n|b|\n|\xcc\x81|x"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *c = clusters(cases[i].text);

		CHECK_STR(c, cases[i].clusters);
		free(c);
	}
	CHECK(utext_cluster_end("abc", 3, 3) == 3);
	CHECK(utext_cluster_end("abc", 3, 7) == 3);
}

/* utext_cluster_start must agree with utext_cluster_end at every byte. */
static void
check_starts(const char *s)
{
	size_t len = strlen(s), pos = 0, end, k;

	while (pos < len) {
		end = utext_cluster_end(s, len, pos);
		for (k = pos + 1; k <= end; k++) {
			CHECK_MSG(utext_cluster_start(s, len, k) == pos,
				  "cluster_start(\"%s\", %zu) = %zu, want %zu",
				  s, k, utext_cluster_start(s, len, k), pos);
		}
		pos = end;
	}
}

static void
test_cluster_start(void)
{
	check_starts("ผู้ใหญ่ทำงาน");
	check_starts("Vie\xcc\x82\xcc\xa3t Nam");
	check_starts("中文，好 abc");
	check_starts("👨‍👩‍👧x👍🏽❤️1️⃣");
	/* The pairing of flags depends on everything before: an odd run. */
	check_starts("🇹🇭🇻🇳🇺🇸🇹");
	check_starts("x🇹🇭🇻🇳🇺🇸🇹y");
	check_starts("a\r\nb\n\xcc\x81x");
	check_starts("\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xbf"); /* क्षि */
	CHECK(utext_cluster_start("abc", 3, 0) == 0);
}

static void
test_widths(void)
{
	const char *heart = "❤️";

	CHECK(utext_width_default('a') == 1);
	CHECK(utext_width_default(0x301) == 0);
	CHECK(utext_width_default(0x4e2d) == 2);
	/* What the harmless-text rule escapes counts as its notation. */
	CHECK(utext_width_default(0x1b) == 8);   /* <U+001B> */
	CHECK(utext_width_default(0x7f) == 8);
	CHECK(utext_width_default(0x85) == 8);
	CHECK(utext_width_default(0x2028) == 8);
	CHECK(utext_width_default(0x202e) == 8);
	CHECK(utext_width_default(0x1fffe) == 9); /* <U+1FFFE> */
	CHECK(utext_width_default('\t') == 1);
	CHECK(utext_width_default('\n') == 0);
	CHECK(utext_width_default(0x200d) == 0); /* ZWJ */
	CHECK(utext_width_default(0xfe0f) == 0);
	CHECK(utext_width_default(0x1f600) == 2);
	/* The findings of issue 14: Mc 1, medial and final jamo 0,
	 * U+3248..U+324F 2; Cf 0 but the soft hyphen and U+0600 1. */
	CHECK(utext_width_default(0x93e) == 1);
	CHECK(utext_width_default(0x93f) == 1);
	CHECK(utext_width_default(0x1160) == 0);
	CHECK(utext_width_default(0x11a8) == 0);
	CHECK(utext_width_default(0xd7b0) == 0);
	CHECK(utext_width_default(0x3248) == 2);
	CHECK(utext_width_default(0x324f) == 2);
	CHECK(utext_width_default(0x200b) == 0);
	CHECK(utext_width_default(0xad) == 1);
	CHECK(utext_width_default(0x600) == 1);
	CHECK(utext_width_default(0x302e) == 2); /* Mc, but wide */

	CHECK(w("ผู้ใหญ่") == 4);
	CHECK(w("ทำงาน") == 5);        /* sara am takes a column */
	CHECK(w("น้ำ") == 2);
	CHECK(w("Vie\xcc\x82\xcc\xa3t") == 4);
	CHECK(w("Việt") == 4);          /* NFC gives the same */
	CHECK(w("中文，好") == 8);
	CHECK(w("कि") == 2);            /* 200 of them: 400 columns */
	CHECK(w("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8") == 2); /* NFD 각 */
	CHECK(w("🇹🇭") == 2);
	CHECK(w("👍🏽") == 4);            /* as tmux and glibc draw it */
	/* Emoji ZWJ and presentation sequences are one emoji: 2. */
	CHECK(w("👨‍👩‍👧") == 2);
	CHECK(w("👩‍👩‍👧‍👦") == 2);
	CHECK(w("👩🏽‍💻") == 4);            /* a skin tone is one more emoji */
	CHECK(w("🇻") == 2);              /* a regional indicator alone */
	CHECK(w("🇹🇭🇻") == 4);
	CHECK(w(heart) == 2);
	CHECK(w("1️⃣") == 2);
	CHECK(w("\xe2\x9d\xa4") == 1); /* the heart without FE0F */
	CHECK(w("a\xef\xb8\x8f") == 1); /* FE0F after a letter: nothing */
	/* A front end's own per-code-point widths give the sum. */
	CHECK(utext_width(heart, strlen(heart), width_copy) == 1);
	CHECK(utext_width("👨‍👩‍👧", strlen("👨‍👩‍👧"), width_copy) == 6);
	CHECK(utext_cluster_width(heart, 0, strlen(heart),
				  utext_width_default) == 2);
	CHECK(utext_cluster_width(heart, 0, strlen(heart), NULL) == 2);
	CHECK(w("") == 0);
}

static void
test_wrap(void)
{
	char *c;
	utext_line *lines = NULL;
	size_t n = 99;

	c = wrap("the quick brown fox jumps", 10);
	CHECK_STR(c, "the quick|brown fox|jumps");
	free(c);
	/* Spaces at the break are dropped, others kept. */
	c = wrap("aaa  bbb   ccc", 8);
	CHECK_STR(c, "aaa  bbb|ccc");
	free(c);
	c = wrap("abcdefghijkl", 5);
	CHECK_STR(c, "abcde|fghij|kl");
	free(c);
	c = wrap("", 10);
	CHECK_STR(c, "");
	free(c);
	CHECK(utext_wrap("", 0, 10, utext_width_default, &lines, &n));
	CHECK(n == 1 && lines[0].start == 0 && lines[0].end == 0);
	/* Width 0 counts as 1. */
	c = wrap("abc", 0);
	CHECK_STR(c, "a|b|c");
	free(c);
	/* CJK breaks between any two wide characters. */
	c = wrap("中文中文中文", 5);
	CHECK_STR(c, "中文|中文|中文");
	free(c);
	c = wrap("我们的国家行动计划包括预防、保护和起诉。", 12);
	CHECK_STR(c, "我们的国家行|动计划包括预|防、保护和起|诉。");
	free(c);
	/* CJK punctuation: "。" does not start a line, "《" does not end
	 * one. */
	c = wrap("中文中文。中文", 8);
	CHECK_STR(c, "中文中|文。中文");
	free(c);
	c = wrap("中文《中》", 6);
	CHECK_STR(c, "中文|《中》");
	free(c);
	/* A wide character alone on a line 1 column wide. */
	c = wrap("中a", 1);
	CHECK_STR(c, "中|a");
	free(c);
	/* Mixed: Latin words break at spaces, CJK between characters. */
	c = wrap("Hello 世界你好 ok", 9);
	CHECK_STR(c, "Hello 世|界你好 ok");
	free(c);
	/* Thai has no spaces between words: lines break between libthai's
	 * words; a word wider than the line is cut at a cluster boundary,
	 * and the rest goes on the next line only as far as the next word
	 * boundary. */
	c = wrap("ผู้ใหญ่ผู้ใหญ่", 3);
	CHECK_STR(c, "ผู้ให|ญ่|ผู้ให|ญ่");
	free(c);
	c = wrap("ผู้ใหญ่ผู้ใหญ่", 5);
	CHECK_STR(c, "ผู้ใหญ่|ผู้ใหญ่");
	free(c);
	c = wrap("ผู้เสียหายได้รับความคุ้มครอง", 12);
	CHECK_STR(c, "ผู้เสียหายได้รับ|ความคุ้มครอง");
	free(c);
	/* NFD Vietnamese: marks stay on their letter. */
	c = wrap("Vie\xcc\x82\xcc\xa3t Nam", 3);
	CHECK_STR(c, "Vie\xcc\x82\xcc\xa3|t|Nam");
	free(c);
	c = wrap("Vie\xcc\x82\xcc\xa3tNam", 3);
	CHECK_STR(c, "Vie\xcc\x82\xcc\xa3|tNa|m");
	free(c);
	/* Emoji sequences are never cut; emoji are wide so they break
	 * between each other. */
	c = wrap("👨‍👩‍👧👨‍👩‍👧", 3);
	CHECK_STR(c, "👨‍👩‍👧|👨‍👩‍👧");
	free(c);
	c = wrap("🇹🇭🇻🇳 flags", 4);
	CHECK_STR(c, "🇹🇭🇻🇳|flag|s");
	free(c);
	c = wrap("I ❤️ Bangkok", 4);
	CHECK_STR(c, "I ❤️|Bang|kok");
	free(c);
	/* Indentation at the start is kept when it leaves room. */
	c = wrap("  indented text", 10);
	CHECK_STR(c, "  indented|text");
	free(c);
	c = wrap("   中文", 4);
	CHECK_STR(c, "中文");
	free(c);
	/* A lone combining mark has no width but is still content. */
	c = wrap("\xcc\x81" "ab", 1);
	CHECK_STR(c, "\xcc\x81" "a|b");
	free(c);
	c = wrap("          x", 4);
	CHECK_STR(c, "x");
	free(c);
	/* Spaces at the end are kept when they fit, dropped otherwise. */
	c = wrap("abc  ", 10);
	CHECK_STR(c, "abc  ");
	free(c);
	c = wrap("abcd  ", 5);
	CHECK_STR(c, "abcd");
	free(c);
	/* A space carrying a combining mark is a character, not a break. */
	c = wrap("ab \xcc\x81" "cd", 3);
	CHECK_STR(c, "ab \xcc\x81|cd");
	free(c);
	/* The array is reused from one call to the next. */
	CHECK(utext_wrap("a b c d e f g h i j k l m n o p", 31, 1,
			 utext_width_default, &lines, &n));
	CHECK(n == 16);
	CHECK(utext_wrap("x", 1, 10, utext_width_default, &lines, &n));
	CHECK(n == 1);
	free(lines);
}

/* Up to count of the parts, picked at random (the same every run),
 * joined into buf; returns the length. */
static size_t
random_mix(char *buf, size_t size, const char *const *parts, size_t np,
	   int count, unsigned *seed)
{
	size_t len = 0, n;

	for (int k = 0; k < count; k++) {
		const char *p;

		*seed = *seed * 1103515245u + 12345u;
		p = parts[(*seed >> 16) % np];
		n = strlen(p);
		if (len + n >= size)
			break;
		memcpy(buf + len, p, n);
		len += n;
	}
	buf[len] = '\0';
	return len;
}

/* Random mixtures: every line starts and ends on a cluster boundary, is no
 * wider than the width unless it is one cluster, and only spaces are ever
 * left out between lines. */
static void
test_wrap_random(void)
{
	static const char *const parts[] = {
		"a", "word", " ", "  ", "中", "文", "，", "ผู้", "ใ", "ห", "ญ่",
		"ทำ", "e\xcc\x82\xcc\xa3", "👨‍👩‍👧", "🇹🇭", "❤️", "👍🏽",
		"\xcc\x81", "1️⃣", "x",
	};
	size_t np = sizeof(parts) / sizeof(parts[0]);
	unsigned seed = 12345;
	char buf[400];
	utext_line *lines = NULL;
	size_t n, round, i, k, len, width;

	for (round = 0; round < 3000; round++) {
		len = random_mix(buf, sizeof(buf), parts, np, 30, &seed);
		width = 1 + round % 13;
		if (!utext_wrap(buf, len, width, utext_width_default, &lines,
				&n))
			abort();
		for (i = 0; i < n; i++) {
			size_t s0 = lines[i].start, e0 = lines[i].end;
			size_t gap0 = i ? lines[i - 1].end : 0;

			CHECK(s0 <= e0 && e0 <= len);
			CHECK(s0 == 0 || s0 == len ||
			      utext_cluster_start(buf, len, s0 + 1) == s0);
			CHECK(e0 == 0 ||
			      utext_cluster_end(buf, len,
						utext_cluster_start(buf, len,
								    e0)) ==
				      e0);
			CHECK(lines[i].width ==
			      utext_width(buf + s0, e0 - s0,
					  utext_width_default));
			CHECK_MSG(lines[i].width <= width ||
					  utext_cluster_end(buf, len, s0) == e0,
				  "too wide at %zu: \"%.*s\" in \"%s\"", width,
				  (int)(e0 - s0), buf + s0, buf);
			for (k = gap0; k < s0; k++)
				CHECK(buf[k] == ' ');
			if (failures > 20)
				goto out;
		}
		for (k = lines[n - 1].end; k < len; k++)
			CHECK(buf[k] == ' ');
	}
out:
	free(lines);
}

/* The fast paths (printable ASCII wrapped without utf8proc, pairs of
 * code points that no rule joins, one property look-up per code point)
 * must give what the plain use of utf8proc gives. */

/* utext_cluster_end as utf8proc alone finds it. */
static size_t
ref_cluster_end(const char *s, size_t len, size_t pos)
{
	utf8proc_int32_t state = 0;
	uint32_t c1, c2;
	size_t next;

	if (pos >= len)
		return len;
	c1 = utext_next(s, len, &pos);
	while (pos < len) {
		next = pos;
		c2 = utext_next(s, len, &next);
		if (c1 == '\n' || c2 == '\n' ||
		    utf8proc_grapheme_break_stateful((utf8proc_int32_t)c1,
						     (utf8proc_int32_t)c2,
						     &state))
			break;
		c1 = c2;
		pos = next;
	}
	return pos;
}

static void
test_fast_paths(void)
{
	static const char *const parts[] = {
		"a", "word", " ", "  ", "\t", "\r", "\r\n", "\n", "中", "，",
		"ผู้", "ใ", "ญ่", "ทำ", "e\xcc\x82\xcc\xa3", "👨‍👩‍👧", "🇹🇭",
		"🇺", "❤️", "👍🏽", "\xcc\x81", "1️⃣", "\xe1\x84\x80",
		"\xe1\x85\xa1", "한", "\xe2\x80\x8d", "\xc2\x85", "\xe2\x80\xa8",
		"\xd8\xa7", "\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7", "\xff",
	};
	size_t np = sizeof(parts) / sizeof(parts[0]);
	unsigned seed = 4242;
	char buf[400];
	size_t len, pos;
	int bad = 0;

	for (int round = 0; round < 5000 && bad < 10; round++) {
		len = random_mix(buf, sizeof(buf), parts, np, 40, &seed);
		for (pos = 0; pos <= len; pos++) {
			size_t got = utext_cluster_end(buf, len, pos);
			size_t want = ref_cluster_end(buf, len, pos);

			CHECK_MSG(got == want,
				  "cluster end at %zu of \"%.*s\": %zu, "
				  "utf8proc %zu",
				  pos, (int)len, buf, got, want);
			bad += got != want;
		}
	}
}

/* The width of every code point agrees with the C library's wcwidth()
 * (glibc 2.36, what ncurses and tmux use) wherever glibc knows the code
 * point (Unicode 14), except what the harmless-text rule shows as
 * "<U+XXXX>" and the tab and newline. */
static void
test_widths_glibc(void)
{
	int bad = 0, w, g;
	size_t known = 0;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "no C.UTF-8 locale: skipped\n");
		exit(77);
	}
	for (uint32_t cp = 0; cp <= 0x10ffff && bad < 10; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		g = wcwidth((wchar_t)cp);
		w = utext_width_default(cp);
		if (g < 0 && cp != 0)
			continue; /* unknown to glibc 2.36, or a control */
		known++;
		if (cp == 0 || utext_escaped(cp))
			continue;
		CHECK_MSG(w == g, "U+%04X: width %d, glibc %d", (unsigned)cp,
			  w, g);
		bad += w != g;
	}
	CHECK(known > 280000);
}

int
main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "all";
	bool all = strcmp(which, "all") == 0;

	if (all || strcmp(which, "valid") == 0) {
		test_valid();
		test_decode();
		test_decode_errors();
	}
	if (all || strcmp(which, "clusters") == 0) {
		test_clusters();
		test_cluster_start();
	}
	if (all || strcmp(which, "widths") == 0)
		test_widths();
	if (all || strcmp(which, "glibc") == 0)
		test_widths_glibc();
	if (all || strcmp(which, "wrap") == 0) {
		test_wrap();
		test_wrap_random();
	}
	if (all || strcmp(which, "fast") == 0)
		test_fast_paths();
	return unit_result();
}
