/* Units of the collector: the word diff marks whole words in every script
 * and reads as "old passage removed, new one added" where a passage was
 * rewritten; spaces and line ends are shown; both texts rebuild exactly
 * from its output (a property test over random edits in English, Thai,
 * Vietnamese and Chinese); it stays bounded on huge input. Country keys
 * match however a name is typed, slugs and shown file names are safe and
 * stable. The roster's lines: codes and names in any language, comments,
 * a byte-order mark, CRLF; wrong lines refused at their place. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../unit_check.h"
#include "collect_int.h"
#include "wdiff.h"


static void
diff_is(const char *a, const char *b, const char *want)
{
	char *got = wdiff_text(a, b, NULL);

	CHECK_MSG(got && strcmp(got, want) == 0,
	      "wdiff(\"%s\", \"%s\") = \"%s\", want \"%s\"", a, b,
	      got ? got : "(null)", want);
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
	/* Vietnamese: a word keeps its marks, composed or not. */
	diff_is("Việt Nam", "Việt Nam 2000", "Việt Nam{+ 2000+}");
	diff_is("Vie\xcc\xa3\xcc\x82t Nam", "Vie\xcc\xa3\xcc\x82n Nam",
		"[-Vie\xcc\xa3\xcc\x82t-]{+Vie\xcc\xa3\xcc\x82n+} Nam");
	diff_is("keep this one word", "keep that one word",
		"keep [-this-]{+that+} one word");
	/* Spaces and line ends are changes too, shown where they are,
	 * and never swallow the words around them. */
	diff_is("a b  c", "a\nb c", "a[- -]{+\n+}b[-  -]{+ +}c");
	diff_is("one two", "one  two", "one[- -]{+  +}two");
	diff_is("a b", "a new b", "a{+ new+} b");
}

/* The stray matches of a rewritten passage fold into one deletion and one
 * insertion (the issue's own example, which dictionary words alone now
 * mend, and rewrites in Thai, English and Chinese). */
static void
semantic_cleanup(void)
{
	diff_is("มูลนิธิและสมาคมช่วยเหลือผู้เสียหาย",
		"มูละปราบปรามและสมาคมช่วยเหลือผู้เสียหาย",
		"[-มูลนิธิ-]{+มูละปราบปราม+}และสมาคมช่วยเหลือผู้เสียหาย");
	/* Thai dictionary words that two rewritten sentences share
	 * ("เรื่อง", "การ", "และ") fold into the rewrite. */
	diff_is("เจ้าหน้าที่ตำรวจได้รับการอบรมเรื่องการคัดแยกผู้เสียหายทุกปี",
		"กระทรวงจัดการประชุมเรื่องการป้องกันการค้ามนุษย์ในโรงเรียน",
		"[-เจ้าหน้าที่ตำรวจได้รับการอบรมเรื่องการคัดแยกผู้เสียหายทุกปี-]"
		"{+กระทรวงจัดการประชุมเรื่องการป้องกันการค้ามนุษย์ในโรงเรียน+}");
	diff_is("ผู้เสียหายได้รับการคุ้มครองและการช่วยเหลือจากรัฐ",
		"รัฐบาลจัดการฝึกอบรมและการประชุมให้เจ้าหน้าที่",
		"[-ผู้เสียหายได้รับการคุ้มครองและการช่วยเหลือจากรัฐ-]"
		"{+รัฐบาลจัดการฝึกอบรมและการประชุมให้เจ้าหน้าที่+}");
	diff_is("The quick brown fox jumps over the lazy dog.",
		"A slow red fox walks under the sleepy cat.",
		"[-The quick brown fox jumps over the lazy dog-]"
		"{+A slow red fox walks under the sleepy cat+}.");
	diff_is("各省在三十天内向部里报告案件。",
		"边境官员接受了识别受害者的培训。",
		"[-各省在三十天内向部里报告案件-]"
		"{+边境官员接受了识别受害者的培训+}。");
}

/* Marks in the text itself are escaped, so the output stays readable
 * both ways. */
static void
escapes(void)
{
	diff_is("[-x-] {+y+} a\\b -] c\\", "[-x-] {+z+} a\\b -] c\\",
		"[\\-x-] {\\+[-y-]{+z+}+} a\\b -] c\\\\");
	diff_is("a", "a-]b", "a{+-]b+}");
	diff_is("a-]b", "a", "a[-\\-]b-]");
	diff_is("x", "x+}", "x{+\\+}+}");
	diff_is("x\\", "y\\", "[-x-]{+y+}\\\\");
}

/* ---- The property: both texts rebuild from the output ---- */

/* Decodes wdiff_text's output by wdiff.h's rule, independently of the
 * encoder. */
static bool
rebuild(const char *m, char **old_out, char **new_out)
{
	size_t n = strlen(m), a = 0, b = 0;
	char *o = malloc(n + 1), *w = malloc(n + 1);
	enum { SAME, DEL, INS } mode = SAME;

	for (size_t i = 0; i < n;) {
		char c = m[i];

		if (c == '\\' && i + 1 < n && strchr("\\-+", m[i + 1])) {
			c = m[i + 1];
			i += 2;
		} else if (mode == SAME && (!strncmp(m + i, "[-", 2) ||
					    !strncmp(m + i, "{+", 2))) {
			mode = m[i] == '[' ? DEL : INS;
			i += 2;
			continue;
		} else if ((mode == DEL && !strncmp(m + i, "-]", 2)) ||
			   (mode == INS && !strncmp(m + i, "+}", 2))) {
			mode = SAME;
			i += 2;
			continue;
		} else {
			i++;
		}
		if (mode != INS)
			o[a++] = c;
		if (mode != DEL)
			w[b++] = c;
	}
	o[a] = w[b] = '\0';
	*old_out = o;
	*new_out = w;
	return mode == SAME;
}

static uint32_t rng_state = 20000131;

static uint32_t
rnd(uint32_t n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % n;
}

static const char *const words[4][12] = {
	{"The", "committee", "meets", "every", "three", "months,", "shelters",
	 "[-", "-]", "{+", "+}", "a\\b"},
	{"คณะกรรมการ", "แห่งชาติ", "ประชุม", "ทุก", "สาม", "เดือน",
	 "ผู้เสียหาย", "ละเมิด", "ภูมิลำเนา", "เพื่อ", "ติดตาม", "ๆ"},
	{"Ủy", "ban", "quốc", "gia", "họp", "ba", "tháng", "một", "lần",
	 "Vie\xcc\xa3\xcc\x82t", "nạn", "nhân."},
	{"国家", "委员会", "每", "三个月", "召开", "一次", "会议", "，", "审查",
	 "工作", "进展", "。"},
};
static const char *const spaces[] = {" ", " ", " ", "  ", "\n", "\n\n",
				     "\t", " \n"};

/* Random text of a language: words, with spaces between them except in
 * Chinese (Thai has spaces between phrases only). */
static void
random_text(char *buf, size_t size, int lang, size_t n_words)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n_words; i++) {
		const char *w = words[lang][rnd(12)];
		const char *sp = "";

		if (i > 0 && (lang == 0 || lang == 2 || rnd(4) == 0))
			sp = spaces[rnd(8)];
		if (len + strlen(sp) + strlen(w) + 1 >= size)
			break;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", sp, w);
	}
}

/* A random edit of text: a stretch deleted, replaced, or words inserted,
 * a space changed, at byte offsets moved to a character boundary. */
static void
random_edit(const char *in, char *out, size_t size, int lang)
{
	size_t n = strlen(in), from = n ? rnd((uint32_t)n) : 0, to;
	char extra[256];

	while (from > 0 && ((unsigned char)in[from] & 0xc0) == 0x80)
		from--;
	to = from + rnd(40);
	if (to > n)
		to = n;
	while (to < n && ((unsigned char)in[to] & 0xc0) == 0x80)
		to++;
	switch (rnd(4)) {
	case 0: extra[0] = '\0'; break;                    /* delete */
	case 1: random_text(extra, sizeof(extra), lang, 1 + rnd(6)); break;
	case 2: snprintf(extra, sizeof(extra), "%s", spaces[rnd(8)]); break;
	default:
		random_text(extra, sizeof(extra), (int)rnd(4), 1 + rnd(3));
		to = from; /* insert */
		break;
	}
	snprintf(out, size, "%.*s%s%s", (int)from, in, extra, in + to);
}

static void
rebuilds_exactly(void)
{
	static const char *const names[] = {"English", "Thai", "Vietnamese",
					    "Chinese"};
	char a[4096], b[4096], c[4096];
	size_t trials = 0;

	for (int lang = 0; lang < 4; lang++) {
		for (int t = 0; t < 250; t++) {
			char *out, *old, *new;

			random_text(a, sizeof(a), lang, 5 + rnd(60));
			snprintf(b, sizeof(b), "%s", a);
			for (uint32_t e = 1 + rnd(4); e > 0; e--) {
				random_edit(b, c, sizeof(c), lang);
				snprintf(b, sizeof(b), "%s", c);
			}
			out = wdiff_text(a, b, NULL);
			trials++;
			if (!out || !rebuild(out, &old, &new)) {
				CHECK_MSG(false, "%s: unbalanced marks in \"%s\"",
				      names[lang], out ? out : "(null)");
				free(out);
				continue;
			}
			CHECK_MSG(strcmp(old, a) == 0 && strcmp(new, b) == 0,
			      "%s: \"%s\" -> \"%s\" gave \"%s\", rebuilt as "
			      "\"%s\" -> \"%s\"",
			      names[lang], a, b, out, old, new);
			free(out);
			free(old);
			free(new);
		}
	}
	printf("rebuilt exactly: %zu random edits in 4 languages\n", trials);
}

/* Every token is whole: the tokens cover the text, Chinese and Thai go
 * by dictionary word, a word of Latin letters keeps its marks, spaces of
 * several kinds are one run. */
static void
tokens(void)
{
	const char *s = "Việt Nam \xc2\xa0国家ผู้ใหญ่, x\ny";
	static const char *const want[] = {"Việt", " ", "Nam",
					   " \xc2\xa0", "国家", "ผู้ใหญ่",
					   ",", " ", "x", "\n", "y"};
	size_t *ends = NULL, n = 0, start = 0;
	bool ok = wdiff_tokens(s, strlen(s), &ends, &n);

	CHECK_MSG(ok && n == sizeof(want) / sizeof(want[0]), "%zu tokens", n);
	for (size_t i = 0; ok && i < n && i < sizeof(want) / sizeof(want[0]);
	     i++) {
		CHECK_MSG(ends[i] - start == strlen(want[i]) &&
			      memcmp(s + start, want[i], strlen(want[i])) == 0,
		      "token %zu is \"%.*s\", want \"%s\"", i,
		      (int)(ends[i] - start), s + start, want[i]);
		start = ends[i];
	}
	free(ends);
}

static void
word_diff_is_bounded(void)
{
	size_t n = 200000;
	char *a = malloc(n * 2 + 1), *b = malloc(n * 2 + 1), *got, *old, *new;
	clock_t t0 = clock();

	for (size_t i = 0; i < n; i++) {
		a[2 * i] = (char)('a' + i % 7);
		b[2 * i] = (char)('a' + i % 5);
		a[2 * i + 1] = b[2 * i + 1] = ' ';
	}
	a[2 * n] = b[2 * n] = '\0';
	got = wdiff_text(a, b, NULL);
	CHECK_MSG(got != NULL, "huge word diff failed");
	CHECK_MSG((double)(clock() - t0) / CLOCKS_PER_SEC < 10,
	      "huge word diff took %.1f s",
	      (double)(clock() - t0) / CLOCKS_PER_SEC);
	if (got && rebuild(got, &old, &new)) {
		CHECK_MSG(strcmp(old, a) == 0 && strcmp(new, b) == 0,
		      "huge word diff does not rebuild");
		free(old);
		free(new);
	}
	free(got);
	free(a);
	free(b);
}

/* Context: untouched paragraphs between changes are left out. */
static void
context(void)
{
	const char *a = "P1 one.\n\nP2 two.\n\nP3 three.\n\nP4 four.";
	const char *b = "P1 uno.\n\nP2 two.\n\nP3 three.\n\nP4 quattro.";
	sbuf out = SBUF_INIT;
	wdiff d;

	CHECK_MSG(wdiff_compute(&d, a, strlen(a), b, strlen(b)), "compute");
	wdiff_write_text(&out, &d, true);
	CHECK_MSG(strcmp(sbuf_cstr(&out),
		     "P1 [-one-]{+uno+}.\n\n...\n\nP4 [-four-]{+quattro+}.") == 0,
	      "context: \"%s\"", sbuf_cstr(&out));
	sbuf_reset(&out);
	wdiff_write_html(&out, &d, true);
	CHECK_MSG(strstr(sbuf_cstr(&out), "<del>one</del><ins>uno</ins>") &&
		      strstr(sbuf_cstr(&out), "<span class=\"skip\">"),
	      "html: \"%s\"", sbuf_cstr(&out));
	wdiff_free(&d);
	sbuf_free(&out);
}

static void
keys_and_names(void)
{
	char slug[64], slug2[64], *k1, *k2, *shown;

	k1 = collect_fold("  VIỆT   NAM ");
	k2 = collect_fold("Việt Nam");
	CHECK_MSG(k1 && k2 && strcmp(k1, k2) == 0, "fold: \"%s\" vs \"%s\"", k1, k2);
	free(k1);
	free(k2);
	/* Decomposed (NFD) input and full-width letters match too. */
	k1 = collect_fold("Vie\xcc\xa3\xcc\x82t Nam");
	k2 = collect_fold("\xef\xbc\xb4hailand");
	CHECK_MSG(k1 && strcmp(k1, "việt nam") == 0, "fold NFD: \"%s\"", k1);
	CHECK_MSG(k2 && strcmp(k2, "thailand") == 0, "fold full-width: \"%s\"", k2);
	free(k1);
	free(k2);

	collect_slug("Việt Nam", slug, sizeof(slug));
	CHECK_MSG(strcmp(slug, "viet-nam") == 0, "slug \"%s\"", slug);
	collect_slug("中国", slug, sizeof(slug));
	CHECK_MSG(strcmp(slug, "") == 0, "slug \"%s\"", slug);
	collect_slug("../../etc/passwd", slug, sizeof(slug));
	CHECK_MSG(strcmp(slug, "etc-passwd") == 0, "slug \"%s\"", slug);
	collect_slug("<script>alert(1)</script>", slug, sizeof(slug));
	CHECK_MSG(strcmp(slug, "script-alert-1-script") == 0, "slug \"%s\"", slug);
	collect_slug("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c "
		     "d e f g h", slug, sizeof(slug));
	CHECK_MSG(strlen(slug) <= 60 && slug[strlen(slug) - 1] != '-',
	      "long slug \"%s\"", slug);

	/* Pages are named by code; a free-text name without Latin letters
	 * gets a hash of its text: the same from run to run, different for
	 * another name. */
	collect_country_stem("THA", "Thailand", slug, sizeof(slug));
	CHECK_MSG(strcmp(slug, "tha") == 0, "country stem \"%s\"", slug);
	collect_country_stem("", "\xe4\xb8\xad\xe5\x9b\xbd", slug,
			     sizeof(slug));
	collect_country_stem("", "\xe4\xb8\xad\xe5\x9b\xbd", slug2,
			     sizeof(slug2));
	CHECK_MSG(strncmp(slug, "country-", 8) == 0 && strcmp(slug, slug2) == 0,
	      "country stem \"%s\" \"%s\"", slug, slug2);
	collect_country_stem("", "\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2", slug2,
			     sizeof(slug2));
	CHECK_MSG(strcmp(slug, slug2) != 0, "two countries, one stem \"%s\"", slug);
	collect_country_stem("", "Vi\xe1\xbb\x87t Nam", slug, sizeof(slug));
	CHECK_MSG(strcmp(slug, "viet-nam") == 0, "country stem \"%s\"", slug);

	/* File names by the one harmless-text rule: code points as
	 * <U+XXXX>, bytes that are not UTF-8 as <0xFF>. */
	shown = collect_show_dup("a\nb\\c\xff\xc3\xa9\xe2\x80\xa8\xe2\x80\xae");
	CHECK_MSG(shown && strcmp(shown, "a<U+000A>b\\c<0xFF>\xc3\xa9<U+2028>"
					 "<U+202E>") == 0,
	      "shown \"%s\"", shown);
	free(shown);
	{
		/* Reasons keep their backslashes ("\u001b" is the loader's
		 * notation), controls are still shown. */
		sbuf b = SBUF_INIT;

		collect_show_bytes(&b, "control character \\u001b\x1b here");
		CHECK_MSG(strcmp(sbuf_cstr(&b),
			     "control character \\u001b<U+001B> here") == 0,
		      "shown text \"%s\"", sbuf_cstr(&b));
		sbuf_free(&b);
	}
}

/* The roster: every kind of line it can hold, and what is refused; a
 * problem names its place. Needs iso-codes (present in the tests). */
static void
roster_lines(void)
{
	static const char ok[] = "\xEF\xBB\xBF# who sends\r\n\n  THA  \r\n"
				 "Vi\xe1\xbb\x87t Nam # Vietnamese\n"
				 "\xe4\xb8\xad\xe5\x9b\xbd\nth\nMM";
	diag_list d = DIAG_LIST_INIT;
	roster *r = roster_parse("r.txt", ok, sizeof(ok) - 1, &d);

	CHECK_MSG(r && r->n == 4 && strcmp(r->v[0].code, "THA") == 0 &&
		      r->v[0].line == 3 && strcmp(r->v[1].code, "VNM") == 0 &&
		      strcmp(r->v[2].code, "CHN") == 0 &&
		      strcmp(r->v[3].code, "MMR") == 0 && r->v[3].line == 7,
	      "roster: %zu countries", r ? r->n : 0);
	/* "th" is Thailand again: a warning, the line left out. */
	CHECK_MSG(d.n == 1 && d.v[0].severity == DIAG_WARNING &&
		      d.v[0].line == 6 && d.n_errors == 0,
	      "roster: %zu problems", d.n);
	roster_destroy(r);
	diag_list_free(&d);

	r = roster_parse("r.txt", "THA\n\tAtlantis\n", 14, &d);
	CHECK_MSG(r == NULL && d.n_errors == 1 && d.v[0].line == 2 &&
		      d.v[0].col == 2,
	      "roster: an unknown name at 2:2, not %lu:%lu",
	      d.n ? d.v[0].line : 0, d.n ? d.v[0].col : 0);
	diag_list_free(&d);
	r = roster_parse("r.txt", "THA\n\xff\n", 5, &d);
	CHECK_MSG(r == NULL && d.n_errors == 1 && strstr(d.v[0].message, "UTF-8"),
	      "roster: bytes that are not UTF-8");
	diag_list_free(&d);
	r = roster_parse("r.txt", "TH\0A\n", 5, &d);
	CHECK_MSG(r == NULL && d.n_errors == 1 && d.v[0].line == 1,
	      "roster: a NUL byte");
	diag_list_free(&d);
	r = roster_parse("r.txt", "# nobody\n\n", 10, &d);
	CHECK_MSG(r && r->n == 0 && d.n == 0, "roster: only comments");
	roster_destroy(r);
	diag_list_free(&d);
}

/* "roster": the roster's lines only (a test of its own); else the rest. */
int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "roster") == 0) {
		roster_lines();
		return unit_result();
	}
	word_diff();
	semantic_cleanup();
	escapes();
	tokens();
	rebuilds_exactly();
	context();
	word_diff_is_bounded();
	keys_and_names();
	return unit_result();
}
