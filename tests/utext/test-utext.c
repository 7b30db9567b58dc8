/* Unit tests of utext: strict UTF-8, grapheme clusters in Thai, decomposed
 * Vietnamese, Chinese and emoji, display widths and wrapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utext.h"

static int failures;

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
			failures++;                                       \
		}                                                         \
	} while (0)

static void
check_str(const char *file, int line, const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "%s:%d: got  \"%s\"\n%s:%d: want \"%s\"\n",
			file, line, got, file, line, want);
		failures++;
	}
}
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, (got), (want))

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
		if (lines[i].width !=
		    utext_width(s + lines[i].start,
				lines[i].end - lines[i].start,
				utext_width_default)) {
			fprintf(stderr, "line %zu of \"%s\": width %zu wrong\n",
				i, s, lines[i].width);
			failures++;
		}
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
		if (utext_valid(cases[i].s, len, &bad) != cases[i].ok) {
			fprintf(stderr, "utext_valid case %zu wrong\n", i);
			failures++;
		} else if (!cases[i].ok && bad != cases[i].bad) {
			fprintf(stderr, "utext_valid case %zu: bad at %zu, "
				"want %zu\n", i, bad, cases[i].bad);
			failures++;
		}
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
}

static void
test_clusters(void)
{
	char *c;

	/* Thai: the vowel and tone marks stay on their consonants. */
	c = clusters("ผู้ใหญ่");
	CHECK_STR(c, "ผู้|ใ|ห|ญ่");
	free(c);
	c = clusters("ทำงาน");
	CHECK_STR(c, "ทำ|ง|า|น");
	free(c);
	/* Decomposed (NFD) Vietnamese: e + circumflex + dot below is one. */
	c = clusters("Vie\xcc\x82\xcc\xa3t Nam");
	CHECK_STR(c, "V|i|e\xcc\x82\xcc\xa3|t| |N|a|m");
	free(c);
	c = clusters("中文，好");
	CHECK_STR(c, "中|文|，|好");
	free(c);
	/* Emoji ZWJ family, skin tone, emoji presentation, keycap. */
	c = clusters("👨‍👩‍👧x👍🏽❤️1️⃣");
	CHECK_STR(c, "👨‍👩‍👧|x|👍🏽|❤️|1️⃣");
	free(c);
	/* Flags pair up regional indicators from the left. */
	c = clusters("🇹🇭🇻🇳🇺");
	CHECK_STR(c, "🇹🇭|🇻🇳|🇺");
	free(c);
	/* Hangul jamo join; precomposed syllables stand alone. */
	c = clusters("\xe1\x84\x80\xe1\x85\xa1한");
	CHECK_STR(c, "\xe1\x84\x80\xe1\x85\xa1|한");
	free(c);
	/* '\n' always stands alone: not joined to a CR, nor to a
	 * combining mark after it. */
	c = clusters("a\r\nb\n\xcc\x81x");
	CHECK_STR(c, "a|\r|\n|b|\n|\xcc\x81|x");
	free(c);
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
			if (utext_cluster_start(s, len, k) != pos) {
				fprintf(stderr, "cluster_start(\"%s\", %zu) = "
					"%zu, want %zu\n", s, k,
					utext_cluster_start(s, len, k), pos);
				failures++;
			}
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
	CHECK(utext_width_default(0x1b) == 1);   /* controls count 1 */
	CHECK(utext_width_default(0x7f) == 1);
	CHECK(utext_width_default(0x85) == 1);
	CHECK(utext_width_default(0x2028) == 1);
	CHECK(utext_width_default(0x200d) == 0); /* ZWJ */
	CHECK(utext_width_default(0xfe0f) == 0);
	CHECK(utext_width_default(0x1f600) == 2);

	CHECK(w("ผู้ใหญ่") == 4);
	CHECK(w("ทำงาน") == 5);        /* sara am is a spacing vowel */
	CHECK(w("Vie\xcc\x82\xcc\xa3t") == 4);
	CHECK(w("Việt") == 4);          /* NFC gives the same */
	CHECK(w("中文，好") == 8);
	CHECK(w("🇹🇭") == 2);
	CHECK(w("👍🏽") == 4);            /* the sum: never under-counted */
	CHECK(w("👨‍👩‍👧") == 6);
	/* U+FE0F makes a narrow base two cells wide, with the default
	 * widths only. */
	CHECK(w(heart) == 2);
	CHECK(w("1️⃣") == 2);
	CHECK(utext_width(heart, strlen(heart), width_copy) == 1);
	CHECK(utext_cluster_width(heart, 0, strlen(heart),
				  utext_width_default) == 2);
	CHECK(w("\xe2\x9d\xa4") == 1); /* the heart without FE0F */
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
	/* Thai has no spaces between words: cut before a preposed vowel
	 * (a syllable boundary), else at a cluster boundary. */
	c = wrap("ผู้ใหญ่ผู้ใหญ่", 3);
	CHECK_STR(c, "ผู้|ใหญ่|ผู้|ใหญ่");
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
	c = wrap("👨‍👩‍👧👨‍👩‍👧", 6);
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
		len = 0;
		for (k = 0; k < 30; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = parts[(seed >> 16) % np];
			if (len + strlen(p) >= sizeof(buf))
				break;
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		buf[len] = '\0';
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
			if (!(lines[i].width <= width ||
			      utext_cluster_end(buf, len, s0) == e0)) {
				fprintf(stderr, "too wide at %zu: \"%.*s\" in "
					"\"%s\"\n", width, (int)(e0 - s0),
					buf + s0, buf);
				failures++;
			}
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

int
main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "all";
	bool all = strcmp(which, "all") == 0;

	if (all || strcmp(which, "valid") == 0) {
		test_valid();
		test_decode();
	}
	if (all || strcmp(which, "clusters") == 0) {
		test_clusters();
		test_cluster_start();
	}
	if (all || strcmp(which, "widths") == 0)
		test_widths();
	if (all || strcmp(which, "wrap") == 0) {
		test_wrap();
		test_wrap_random();
	}
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
