/* Units of the collector: the word diff marks the right words (CJK and
 * Thai per character, bounded on huge input), country keys match however a
 * name is typed, slugs and shown file names are safe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect_int.h"
#include "wdiff.h"

static int failures;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			failures++;                                          \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);          \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

static void
diff_is(const char *a, const char *b, const char *want)
{
	char *got = wdiff_text(a, b, NULL);

	CHECK(got && strcmp(got, want) == 0, "wdiff(\"%s\", \"%s\") = \"%s\", want \"%s\"",
	      a, b, got ? got : "(null)", want);
	free(got);
}

static void
word_diff(void)
{
	diff_is("a b c d", "a x y z d", "a [-b c-]{+x y z+} d");
	diff_is("same words", "same words", "same words");
	diff_is("", "new", "{+new+}");
	diff_is("old", "", "[-old-]");
	/* Words are utext's (Unicode's word boundaries): punctuation is a
	 * word of its own. */
	diff_is("The plan was adopted in 1999.", "The plan was adopted in 2000.",
		"The plan was adopted in [-1999-]{+2000+}.");
	diff_is("one\n\ntwo", "one\n\nthree", "one\n\n[-two-]{+three+}");
	/* Chinese and Thai have no spaces: their changes show as whole
	 * dictionary words (ICU's for Chinese, libthai's for Thai), never
	 * single characters. */
	diff_is("国家委员会", "国家议会", "国家[-委员会-]{+议会+}");
	diff_is("ผู้ใหญ่บ้าน", "ผู้ใหญ่เมือง",
		"[-ผู้ใหญ่บ้าน-]{+ผู้ใหญ่เมือง+}");
	diff_is("ผู้เสียหายได้รับความคุ้มครองจากรัฐ",
		"ผู้เสียหายได้รับการช่วยเหลือจากรัฐ",
		"ผู้เสียหายได้รับ[-ความคุ้มครอง-]{+การช่วยเหลือ+}จากรัฐ");
	diff_is("Việt Nam", "Việt Nam 2000", "Việt Nam {+2000+}");
	/* Spaces are not words: a new line break alone marks nothing, and
	 * the new text's spacing is shown. */
	diff_is("a b  c", "a\nb c", "a\nb c");
	diff_is("keep this one word", "keep that one word",
		"keep [-this-]{+that+} one word");
}

static void
word_diff_is_bounded(void)
{
	size_t n = 200000;
	char *a = malloc(n * 2 + 1), *b = malloc(n * 2 + 1), *got;
	clock_t t0 = clock();

	for (size_t i = 0; i < n; i++) {
		a[2 * i] = (char)('a' + i % 7);
		b[2 * i] = (char)('a' + i % 5);
		a[2 * i + 1] = b[2 * i + 1] = ' ';
	}
	a[2 * n] = b[2 * n] = '\0';
	got = wdiff_text(a, b, NULL);
	CHECK(got != NULL, "huge word diff failed");
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 5,
	      "huge word diff took %.1f s",
	      (double)(clock() - t0) / CLOCKS_PER_SEC);
	free(got);
	free(a);
	free(b);
}

static void
keys_and_names(void)
{
	char slug[64], *k1, *k2, *shown;

	k1 = collect_fold("  VIỆT   NAM ");
	k2 = collect_fold("Việt Nam");
	CHECK(k1 && k2 && strcmp(k1, k2) == 0, "fold: \"%s\" vs \"%s\"", k1, k2);
	free(k1);
	free(k2);
	/* Decomposed (NFD) input and full-width letters match too. */
	k1 = collect_fold("Vie\xcc\xa3\xcc\x82t Nam");
	k2 = collect_fold("\xef\xbc\xb4hailand");
	CHECK(k1 && strcmp(k1, "việt nam") == 0, "fold NFD: \"%s\"", k1);
	CHECK(k2 && strcmp(k2, "thailand") == 0, "fold full-width: \"%s\"", k2);
	free(k1);
	free(k2);

	collect_slug("Việt Nam", slug, sizeof(slug));
	CHECK(strcmp(slug, "viet-nam") == 0, "slug \"%s\"", slug);
	collect_slug("中国", slug, sizeof(slug));
	CHECK(strcmp(slug, "") == 0, "slug \"%s\"", slug);
	collect_slug("../../etc/passwd", slug, sizeof(slug));
	CHECK(strcmp(slug, "etc-passwd") == 0, "slug \"%s\"", slug);
	collect_slug("<script>alert(1)</script>", slug, sizeof(slug));
	CHECK(strcmp(slug, "script-alert-1-script") == 0, "slug \"%s\"", slug);
	collect_slug("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c "
		     "d e f g h", slug, sizeof(slug));
	CHECK(strlen(slug) <= 60 && slug[strlen(slug) - 1] != '-',
	      "long slug \"%s\"", slug);

	/* File names by the one harmless-text rule: code points as
	 * <U+XXXX>, bytes that are not UTF-8 as <0xFF>. */
	shown = collect_show_dup("a\nb\\c\xff\xc3\xa9\xe2\x80\xa8\xe2\x80\xae");
	CHECK(shown && strcmp(shown, "a<U+000A>b\\c<0xFF>\xc3\xa9<U+2028>"
				     "<U+202E>") == 0,
	      "shown \"%s\"", shown);
	free(shown);
}

int
main(void)
{
	word_diff();
	word_diff_is_bounded();
	keys_and_names();
	printf("%d failed\n", failures);
	return failures ? 1 : 0;
}
