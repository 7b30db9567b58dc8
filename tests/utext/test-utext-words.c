/* Tests of utext_word_next and utext_word_prev: the words that the form's
 * word motions and deletions use, in English, Vietnamese (composed and
 * decomposed), Chinese and Thai (no spaces: dictionary words), the same
 * words that lines break between (utext_break.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit_check.h"
#include "utext.h"
#include "utext_break.h"

/* The words of s found by utext_word_next from the start, joined by '|',
 * and each checked backwards: utext_word_prev from a word's end gives
 * its start. */
static char *
words(const char *s)
{
	size_t len = strlen(s), pos = 0, end, start, o = 0;
	char *out = malloc(len * 2 + 2);

	out[0] = '\0';
	for (;;) {
		end = utext_word_next(s, len, pos);
		CHECK(end >= pos);
		if (end == pos || end > len)
			break;
		start = utext_word_prev(s, len, end);
		if (end == len && start < pos)
			break; /* nothing but spaces and signs was left */
		CHECK_MSG(start >= pos && start < end, "\"%s\" %zu..%zu: %zu",
			  s, pos, end, start);
		if (o)
			out[o++] = '|';
		memcpy(out + o, s + start, end - start);
		o += end - start;
		out[o] = '\0';
		pos = end;
		if (pos == len)
			break;
	}
	return out;
}

static void
check_words(int line, const char *s, const char *want)
{
	char *got = words(s);

	check_str(__FILE__, line, got, want);
	free(got);
}
#define WORDS(s, want) check_words(__LINE__, (s), (want))

static void
group_scripts(void)
{
	WORDS("hello, world", "hello|world");
	WORDS("  don't  stop.\n next", "don't|stop|next");
	WORDS("Bộ Lao động", "Bộ|Lao|động");
	/* Decomposed Vietnamese: the marks are part of their words. */
	WORDS("Bo\xcc\xa3\xcc\x82 Lao \xc4\x91o\xcc\x82\xcc\xa3ng",
	      "Bo\xcc\xa3\xcc\x82|Lao|\xc4\x91o\xcc\x82\xcc\xa3ng");
	/* Chinese: words of ICU's dictionary. */
	WORDS("打击人口贩运，保护受害者。", "打击|人口|贩运|保护|受害者");
	WORDS("abc中文ไทย 12", "abc|中文|ไทย|12");
	/* Emoji are not words; digits are. */
	WORDS("\xf0\x9f\x98\x80 2000 \xf0\x9f\x87\xb9\xf0\x9f\x87\xad", "2000");
	/* No word at all: both go to the end they move towards. */
	CHECK(utext_word_next("", 0, 0) == 0);
	CHECK(utext_word_prev("", 0, 0) == 0);
	CHECK(utext_word_next(" ,.; ", 5, 1) == 5);
	CHECK(utext_word_prev(" ,.; ", 5, 4) == 0);
}

static void
group_thai(void)
{
	/* A Thai clause is not one word: libthai's dictionary words, the
	 * same words lines break between. */
	WORDS("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
	      "กระทรวง|การ|พัฒนา|สังคม|และ|ความ|มั่นคง|ของ|มนุษย์");
	WORDS("ผู้ใหญ่ ช่วยเหลือ ผู้เสียหาย", "ผู้ใหญ่|ช่วยเหลือ|ผู้เสียหาย");
	WORDS("ละเมิด ภูมิลำเนา", "ละเมิด|ภูมิลำเนา");
	WORDS("ผลงาน มากมาย", "ผล|งาน|มากมาย");
}

/* The 89-character Thai clause of the issue: no unit is long, and going
 * back word by word from the end visits the same units as going forward. */
static void
group_long(void)
{
	const char *s = "การค้ามนุษย์เป็นปัญหาร้ายแรงที่รัฐบาลได้ดำเนินมาตรการ"
			"หลายอย่างเพื่อต่อต้านรวมทั้งการออกกฎหมายการบังคับใช้กฎหมาย";
	size_t len = strlen(s), pos = len, prev, n_back = 0, n_fwd = 0;

	while (pos > 0) {
		prev = utext_word_prev(s, len, pos);
		CHECK(prev < pos);
		CHECK_MSG(utext_count(s + prev, pos - prev) <= 16,
			  "unit of %zu code points at %zu",
			  utext_count(s + prev, pos - prev), prev);
		CHECK(utext_word_next(s, len, prev) == pos);
		pos = prev;
		n_back++;
	}
	while (pos < len) {
		pos = utext_word_next(s, len, pos);
		n_fwd++;
	}
	CHECK(n_back == n_fwd);
	CHECK(n_fwd >= 20);
}

/* Random text from pieces: both functions stay in bounds, on cluster
 * boundaries, and move. */
static void
group_random(void)
{
	static const char *const pieces[] = {
		"a", "word", " ", "\n", "ผู้", "ใหญ่", "e\xcc\x82\xcc\x81",
		"中文", "\xcc\x81", ",", "\xf0\x9f\x98\x80", "เ", "ะ", "์", "ๆ",
		"ກະ", "ເລ", "١٢", "\xe2\x80\x8d",
	};
	char s[512];
	size_t len, p, q, i, k;
	unsigned seed = 7;

	for (i = 0; i < 3000; i++) {
		len = 0;
		for (k = 0; k < 12; k++) {
			const char *piece;

			seed = seed * 1103515245u + 12345u;
			piece = pieces[(seed >> 8) % (sizeof pieces /
						     sizeof *pieces)];
			memcpy(s + len, piece, strlen(piece));
			len += strlen(piece);
		}
		s[len] = '\0';
		for (p = 0; p <= len; p = p < len ?
				utext_cluster_end(s, len, p) : len + 1) {
			q = utext_word_next(s, len, p);
			CHECK(q >= p && q <= len);
			CHECK(q == len ||
			      utext_cluster_end(s, len,
						utext_cluster_start(s, len, q)) ==
				      q);
			q = utext_word_prev(s, len, p);
			CHECK(q <= p);
			CHECK(p == 0 || q < p ||
			      utext_word_next(s, len, 0) >= p);
		}
	}
}

int
main(int argc, char **argv)
{
	static const unit_group groups[] = {
		{"scripts", group_scripts},
		{"thai", group_thai},
		{"long", group_long},
		{"random", group_random},
	};

	if (!unit_run_groups(argc, argv, groups,
			     sizeof groups / sizeof *groups))
		return 2;
	return unit_result();
}
