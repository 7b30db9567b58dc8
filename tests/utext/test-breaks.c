/* Where text breaks (utext_break.h, utext_wrap): Unicode's own
 * conformance files for line breaks and grapheme clusters, with every
 * tailoring listed and explained; Thai words over a corpus of government
 * prose checked against libthai; the Chinese line-start and line-end
 * rules; Vietnamese in NFC and NFD breaking only at spaces; the words of
 * diff and word motions; and wrapping a paragraph piece by piece as the
 * form does. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <utf8proc.h>

#include "utext.h"
#include "utext_break.h"
#include "../unit_check.h"

#define SKIP 77

/* A file read whole (NUL-terminated), or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

static char *
data_file(const char *name, size_t *len)
{
	const char *root = getenv("AP_SOURCE_ROOT");
	char path[4096];
	char *s;

	snprintf(path, sizeof(path), "%s/tests/utext/data/%s",
		 root ? root : ".", name);
	s = slurp(path, len);
	if (s == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	return s;
}

/* The next line of text (without its '\n') at *pos, or NULL at the end.
 * Writes a NUL over the '\n'. */
static char *
next_line(char *text, size_t len, size_t *pos)
{
	char *line, *nl;

	if (*pos >= len)
		return NULL;
	line = text + *pos;
	nl = memchr(line, '\n', len - *pos);
	if (nl) {
		*nl = '\0';
		*pos = (size_t)(nl - text) + 1;
	} else {
		*pos = len;
	}
	return line;
}

/* The conformance files: "÷ 0061 × 0308 ÷" — a code point in hex between
 * marks, ÷ a break, × none; '#' starts a comment. */
typedef struct conf_case {
	char text[256];
	size_t len;
	signed char expect[256]; /* at each byte offset: 1 break, 0 none,
				    -1 not a code point boundary */
	char key[256];           /* the code points, "002D 0023" */
} conf_case;

static bool
parse_case(const char *line, conf_case *c)
{
	const char *p = line;
	char *end;
	size_t k = 0;
	unsigned long cp;

	memset(c->expect, -1, sizeof(c->expect));
	c->len = 0;
	c->key[0] = '\0';
	while (*p && *p != '#') {
		if (!strncmp(p, "\xc3\xb7", 2) || !strncmp(p, "\xc3\x97", 2)) {
			c->expect[c->len] = p[1] == '\xb7';
			p += 2;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		cp = strtoul(p, &end, 16);
		if (end == p || c->len + 4 >= sizeof(c->text))
			return false;
		p = end;
		c->len += utext_encode((uint32_t)cp, c->text + c->len);
		k += (size_t)snprintf(c->key + k, sizeof(c->key) - k, "%s%04lX",
				      k ? " " : "", cp);
	}
	return c->len > 0;
}

/* One of Unicode's conformance files, read whole; the test is skipped
 * without it. */
static char *
conformance_file(const char *path, size_t *len)
{
	char *text = slurp(path, len);

	if (text == NULL) {
		fprintf(stderr, "no %s (package unicode-data): skipped\n", path);
		exit(SKIP);
	}
	return text;
}

/* Cases of LineBreakTest.txt where the project differs, on purpose
 * (utext_break.h): ICU's own defaults, which the project keeps. */
static const struct {
	const char *key, *why;
} line_tailored[] = {
	/* ICU keeps a hyphen at the start of the text (or after a space)
	 * with the letter after it, as in "-5" or "-e" (ICU-8151). */
	{"002D 0023", "ICU: hyphen at start stays with a letter"},
	{"002D 0308 0023", "ICU: hyphen at start stays with a letter"},
	{"002D 00A7", "ICU: hyphen at start stays with a letter"},
	{"002D 0308 00A7", "ICU: hyphen at start stays with a letter"},
	{"002D 50005", "ICU: hyphen at start stays with a letter"},
	{"002D 0308 50005", "ICU: hyphen at start stays with a letter"},
	{"002D 0E01", "ICU: hyphen at start stays with a letter (Thai)"},
	{"002D 0308 0E01", "ICU: hyphen at start stays with a letter (Thai)"},
	/* ICU reads ",0" and "a.2" as parts of numbers: no break after the
	 * comma or the full stop. */
	{"002C 0030", "ICU: comma before a digit is part of a number"},
	{"002C 0308 0030", "ICU: comma before a digit is part of a number"},
	{"0065 0071 0075 0061 006C 0073 0020 002E 0033 0035 0020 0063 0065 "
	 "006E 0074 0073", "ICU: full stop before a digit, a number"},
	{"0061 002E 0032 0020", "ICU: full stop before a digit, a number"},
	{"0061 002E 0032 0020 0915", "ICU: full stop before a digit"},
	{"0061 002E 0032 0020 672C", "ICU: full stop before a digit"},
	{"0061 002E 0032 3000 672C", "ICU: full stop before a digit"},
	{"0061 002E 0032 3000 307E", "ICU: full stop before a digit"},
	{"0061 002E 0032 3000 0033", "ICU: full stop before a digit"},
	{"0041 002E 0031 0020 BABB", "ICU: full stop before a digit"},
	{"BD24 C5B4 002E 0020 0041 002E 0032 0020 BCFC",
	 "ICU: full stop before a digit"},
	{"BD10 C694 002E 0020 0041 002E 0033 0020 BABB",
	 "ICU: full stop before a digit"},
	{"C694 002E 0020 0041 002E 0034 0020 BABB",
	 "ICU: full stop before a digit"},
	{"0061 002E 0032 3000 300C", "ICU: full stop before a digit"},
};

#define N_LINE_TAILORED (sizeof(line_tailored) / sizeof(line_tailored[0]))

static void
test_linebreak_file(const char *path)
{
	size_t len, pos = 0, n = 0, differ = 0, i, from;
	bool seen[N_LINE_TAILORED] = {false};
	unsigned char whole[257], part[257];
	char *text = conformance_file(path, &len), *line;
	conf_case c;

	while ((line = next_line(text, len, &pos)) != NULL) {
		bool same = true;
		size_t t;

		if (!parse_case(line, &c))
			continue;
		n++;
		CHECK(utext_line_breaks(c.text, c.len, 0, c.len, whole));
		for (i = 1; i < c.len; i++)
			if (c.expect[i] >= 0 &&
			    (whole[i] != UTEXT_BREAK_NONE) != c.expect[i])
				same = false;
		for (t = 0; t < N_LINE_TAILORED; t++)
			if (!strcmp(c.key, line_tailored[t].key))
				break;
		if (t < N_LINE_TAILORED) {
			seen[t] = true;
			CHECK_MSG(!same, "tailored case now conforms: %s",
				  c.key);
			differ++;
		} else {
			CHECK_MSG(same, "%s", line);
		}
		/* Asking from any code point on gives the same answers as
		 * asking about the whole text. */
		for (from = 1; from < c.len; from++) {
			if (c.expect[from] < 0)
				continue;
			CHECK(utext_line_breaks(c.text, c.len, from, c.len,
						part));
			CHECK_MSG(!memcmp(part, whole + from, c.len - from + 1),
				  "from %zu: %s", from, c.key);
		}
	}
	for (i = 0; i < N_LINE_TAILORED; i++)
		CHECK_MSG(seen[i], "tailored case not in the file: %s",
			  line_tailored[i].key);
	printf("LineBreakTest: %zu cases, %zu differ as listed (ICU's "
	       "defaults)\n", n, differ);
	CHECK(n > 7000);
	free(text);
}

static void
test_grapheme_file(const char *path)
{
	size_t len, pos = 0, n = 0, differ = 0, q, e;
	char *text = conformance_file(path, &len), *line;
	unsigned char got[257];
	conf_case c;

	while ((line = next_line(text, len, &pos)) != NULL) {
		bool same = true;

		if (!parse_case(line, &c))
			continue;
		n++;
		memset(got, 0, sizeof(got));
		for (q = 0; q < c.len; q = e) {
			e = utext_cluster_end(c.text, c.len, q);
			got[e] = 1;
			/* utext_cluster_start agrees at every byte. */
			for (size_t k = q + 1; k <= e; k++)
				CHECK_MSG(utext_cluster_start(c.text, c.len, k) ==
						  q,
					  "cluster start at %zu: %s", k, c.key);
		}
		for (q = 1; q < c.len; q++)
			if (c.expect[q] >= 0 && got[q] != c.expect[q])
				same = false;
		/* The one tailoring: '\n' is a cluster of its own, also after
		 * a CR, so that lines never share a cluster. */
		if (strstr(c.key, "000D 000A")) {
			CHECK_MSG(!same, "CR LF now joined: %s", c.key);
			differ++;
		} else {
			CHECK_MSG(same, "%s", line);
		}
	}
	printf("GraphemeBreakTest: %zu cases, %zu differ (CR LF, as "
	       "listed)\n", n, differ);
	CHECK(n > 500);
	free(text);
}

/* Thai. */

static bool
thai_sa(uint32_t cp)
{
	return (cp >= 0x0e01 && cp <= 0x0e3a) || (cp >= 0x0e40 && cp <= 0x0e4e);
}

static bool
thai_joining(uint32_t cp)
{
	/* The combining marks, and SARA AM, which UAX #29 joins to the
	 * consonant before it. */
	return cp == 0x0e31 || cp == 0x0e33 || (cp >= 0x0e34 && cp <= 0x0e3a) ||
	       (cp >= 0x0e47 && cp <= 0x0e4e);
}

static uint32_t
cp_at(const char *s, size_t len, size_t pos)
{
	return utext_next(s, len, &pos);
}

static uint32_t
cp_before(const char *s, size_t pos)
{
	size_t k = pos - 1;

	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return utext_next(s, pos, &k);
}

/* libthai's word boundaries inside every run of Thai of s, marked in
 * word[] (byte offsets): the oracle the wrapper is checked against. */
static void
libthai_words(ThBrk *brk, const char *s, size_t len, unsigned char *word)
{
	size_t p = 0, a, n;
	unsigned char tis[4096];
	int pos[4096], k;

	memset(word, 0, len + 1);
	while (p < len) {
		if (!thai_sa(cp_at(s, len, p))) {
			utext_next(s, len, &p);
			continue;
		}
		a = p;
		n = 0;
		while (p < len && thai_sa(cp_at(s, len, p)) && n < 4095) {
			tis[n++] = (unsigned char)(0xa0 + cp_at(s, len, p) -
						   0x0e00);
			p += 3;
		}
		tis[n] = 0;
		k = th_brk_find_breaks(brk, tis, pos, n);
		for (int j = 0; j < k; j++)
			word[a + 3 * (size_t)pos[j]] = 1;
	}
}

/* The wrapped lines of s[0..len) at width. */
static utext_line *
wrap_lines(const char *s, size_t len, size_t width, size_t *n)
{
	utext_line *lines = NULL;

	if (!utext_wrap(s, len, width, utext_width_default, &lines, n))
		abort();
	return lines;
}

static bool
boundary(const char *s, size_t len, size_t pos)
{
	return pos == 0 || pos == len ||
	       utext_cluster_end(s, len, utext_cluster_start(s, len, pos)) ==
		       pos;
}

/* Where the lines of a wrap check out against the paragraph: each no
 * wider than width unless it is one cluster, starting and ending on
 * cluster boundaries, with only spaces left out between lines. */
static void
check_lines(const char *s, size_t len, const utext_line *l, size_t n,
	    size_t width)
{
	for (size_t i = 0; i < n; i++) {
		CHECK(l[i].start <= l[i].end && l[i].end <= len);
		CHECK(boundary(s, len, l[i].start));
		CHECK(boundary(s, len, l[i].end));
		CHECK_MSG(l[i].width <= width ||
				  utext_cluster_end(s, len, l[i].start) ==
					  l[i].end,
			  "%zu columns at width %zu: %.*s", l[i].width, width,
			  (int)(l[i].end - l[i].start), s + l[i].start);
		CHECK(l[i].width == utext_width(s + l[i].start,
						l[i].end - l[i].start, NULL));
		for (size_t k = i ? l[i - 1].end : 0; k < l[i].start; k++)
			CHECK(s[k] == ' ');
	}
}

static void
test_thai(void)
{
	static const size_t widths[] = {72, 60, 40, 30, 20, 12, 6};
	size_t len, pos = 0, paras = 0, inside_thai = 0, in_word = 0;
	size_t cut_long = 0, n, i, w, b;
	char *text = data_file("thai-government.txt", &len), *p;
	unsigned char *word = malloc(len + 1);
	ThBrk *brk = th_brk_new(NULL);
	utext_line *l;

	if (brk == NULL || word == NULL) {
		fprintf(stderr, "libthai's dictionary is missing\n");
		exit(1);
	}
	while ((p = next_line(text, len, &pos)) != NULL) {
		size_t plen = strlen(p);

		if (plen == 0)
			continue;
		paras++;
		CHECK_MSG(utext_count(p, plen) > 350, "paragraph %zu is short",
			  paras);
		libthai_words(brk, p, plen, word);
		for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			l = wrap_lines(p, plen, widths[w], &n);
			check_lines(p, plen, l, n, widths[w]);
			for (i = 1; i < n; i++) {
				b = l[i].start;
				/* No line starts with a combining mark. */
				CHECK_MSG(!thai_joining(cp_at(p, plen, b)),
					  "line starts with a mark: %.30s",
					  p + b);
				if (b == l[i - 1].end &&
				    thai_sa(cp_before(p, b)) &&
				    thai_sa(cp_at(p, plen, b))) {
					if (widths[w] >= 30)
						inside_thai++;
					if (word[b])
						continue;
					/* Inside a word: only a word wider
					 * than the line may be cut, and the
					 * line before is then full of it. */
					CHECK_MSG(widths[w] < 30,
						  "cut inside a word at width "
						  "%zu: %.*s|%.24s", widths[w],
						  (int)(b - l[i - 1].start),
						  p + l[i - 1].start, p + b);
					if (widths[w] >= 30)
						in_word++;
					else
						cut_long++;
				}
			}
			free(l);
		}
	}
	printf("Thai: %zu paragraphs; at widths 30 to 72, %zu line breaks "
	       "inside Thai text, %zu inside a libthai word; at widths 6 to "
	       "20, %zu cuts of words wider than the line\n",
	       paras, inside_thai, in_word, cut_long);
	CHECK(paras >= 30);
	CHECK(inside_thai > 100);
	CHECK(in_word == 0);
	th_brk_delete(brk);
	free(word);
	free(text);
}

/* A word wider than the line is cut at cluster boundaries and nowhere
 * else; a long run without spaces is cut in segments, the same wherever
 * the wrapping starts. */
static void
test_thai_long(void)
{
	static const char word[] = "พระราชบัญญัติ"; /* one dictionary word */
	char buf[3 * 4000 + 1];
	size_t n, len, i, k, m;
	utext_line *l, *part = NULL;

	l = wrap_lines(word, strlen(word), 3, &n);
	check_lines(word, strlen(word), l, n, 3);
	for (i = 1; i < n; i++)
		CHECK(!thai_joining(cp_at(word, strlen(word), l[i].start)));
	CHECK(n == 4 && l[2].end - l[2].start == strlen("บัญญั"));
	free(l);
	/* 4,000 code points of Thai without a space: segments of at least
	 * UTEXT_THAI_SEGMENT code points, cut before a preposed vowel. */
	for (len = 0; len + sizeof(word) - 1 < sizeof(buf) - 1;
	     len += sizeof(word) - 1)
		memcpy(buf + len, word, sizeof(word) - 1);
	buf[len] = '\0';
	l = wrap_lines(buf, len, 40, &n);
	check_lines(buf, len, l, n, 40);
	for (i = 0; i + 1 < n; i++) {
		/* Wrapping from any line start gives the same lines. */
		CHECK(utext_wrap_in(buf + l[i].start, len - l[i].start, buf, len,
				    40, NULL, &part, &m));
		for (k = 0; k < m && i + k < n; k++)
			CHECK_MSG(part[k].start + l[i].start == l[i + k].start &&
					  part[k].end + l[i].start ==
						  l[i + k].end,
				  "line %zu from line %zu", i + k, i);
		if (failures > 10)
			break;
	}
	free(part);
	free(l);
}

/* Chinese: no line starts with closing punctuation or ends with opening
 * punctuation. */
static void
test_chinese(void)
{
	static const char *const closing[] = {"，", "。", "、", "；", "：",
		"？", "！", "）", "」", "』", "》", "”"};
	static const char *const opening[] = {"（", "「", "『", "《", "“"};
	size_t len, pos = 0, n, i, k, lines = 0;
	char *text = data_file("chinese-government.txt", &len), *p;
	utext_line *l;

	while ((p = next_line(text, len, &pos)) != NULL) {
		size_t plen = strlen(p);

		for (size_t w = 8; w <= 72; w += 1) {
			l = wrap_lines(p, plen, w, &n);
			check_lines(p, plen, l, n, w);
			for (i = 0; i < n; i++) {
				const char *a = p + l[i].start;
				size_t m = l[i].end - l[i].start;

				lines++;
				for (k = 0; i > 0 && k < 12; k++)
					CHECK_MSG(strncmp(a, closing[k],
							  strlen(closing[k])),
						  "line starts with %s at %zu",
						  closing[k], w);
				for (k = 0; i + 1 < n && k < 5; k++)
					CHECK_MSG(m < strlen(opening[k]) ||
							  strncmp(a + m -
									  strlen(opening[k]),
								  opening[k],
								  strlen(opening[k])),
						  "line ends with %s at %zu",
						  opening[k], w);
			}
			free(l);
		}
	}
	printf("Chinese: %zu lines checked at widths 8 to 72\n", lines);
	free(text);
}

/* Vietnamese, precomposed and decomposed: lines break at spaces only,
 * and both forms give the same lines. */
static void
test_vietnamese(void)
{
	size_t len, pos = 0, nc, nd, i;
	char *text = data_file("vietnamese-government.txt", &len), *p, *nfd;
	utext_line *lc, *ld;

	while ((p = next_line(text, len, &pos)) != NULL) {
		size_t plen = strlen(p), dlen;

		nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)p);
		if (nfd == NULL)
			abort();
		dlen = strlen(nfd);
		CHECK(dlen > plen);
		for (size_t w = 10; w <= 72; w++) {
			lc = wrap_lines(p, plen, w, &nc);
			ld = wrap_lines(nfd, dlen, w, &nd);
			check_lines(p, plen, lc, nc, w);
			check_lines(nfd, dlen, ld, nd, w);
			CHECK_MSG(nc == nd, "NFC %zu lines, NFD %zu at %zu", nc,
				  nd, w);
			for (i = 1; i < nc; i++)
				CHECK_MSG(p[lc[i].start - 1] == ' ',
					  "NFC break not at a space: %.20s",
					  p + lc[i].start);
			for (i = 1; i < nd; i++)
				CHECK_MSG(nfd[ld[i].start - 1] == ' ',
					  "NFD break not at a space: %.20s",
					  nfd + ld[i].start);
			for (i = 0; i < nc && i < nd; i++)
				CHECK(lc[i].width == ld[i].width);
			free(lc);
			free(ld);
		}
		free(nfd);
	}
	free(text);
}

/* The pieces of utext_words joined by '|', words in [] */
static char *
pieces(const char *s)
{
	size_t len = strlen(s), n, o = 0;
	utext_word *v = NULL;
	char *out = malloc(len * 3 + 2);

	if (!out || !utext_words(s, len, 0, len, &v, &n))
		abort();
	for (size_t i = 0; i < n; i++) {
		if (i)
			out[o++] = '|';
		if (v[i].word)
			out[o++] = '[';
		memcpy(out + o, s + v[i].start, v[i].end - v[i].start);
		o += v[i].end - v[i].start;
		if (v[i].word)
			out[o++] = ']';
	}
	out[o] = '\0';
	free(v);
	return out;
}

static void
test_words(void)
{
	static const char *const corpora[] = {"thai-government.txt",
		"chinese-government.txt", "vietnamese-government.txt"};
	char *c;

	c = pieces("Hello, world. It's 3.5 km.");
	CHECK_STR(c, "[Hello]|,| |[world]|.| |[It's]| |[3.5]| |[km]|.");
	free(c);
	/* Thai words are libthai's, Chinese ones ICU's dictionary's. */
	c = pieces("ผู้เสียหายจากการค้ามนุษย์ได้รับความคุ้มครอง");
	CHECK_STR(c, "[ผู้เสียหาย]|[จาก]|[การ]|[ค้า]|[มนุษย์]|[ได้]|[รับ]|[ความ]|"
		  "[คุ้มครอง]");
	free(c);
	c = pieces("打击拐卖妇女儿童犯罪。");
	CHECK_STR(c, "[打击]|[拐]|[卖]|[妇女]|[儿童]|[犯罪]|。");
	free(c);
	c = pieces("Thailand ไทย 2543");
	CHECK_STR(c, "[Thailand]| |[ไทย]| |[2543]");
	free(c);
	c = pieces("");
	CHECK_STR(c, "");
	free(c);
	/* utext_word_at gives the piece of the whole at every byte, for
	 * every corpus, and the pieces tile the text. */
	for (size_t k = 0; k < 3; k++) {
		size_t len, pos = 0, n, i, at;
		char *text = data_file(corpora[k], &len), *p;
		utext_word *v = NULL, w;

		while ((p = next_line(text, len, &pos)) != NULL) {
			size_t plen = strlen(p);

			CHECK(utext_words(p, plen, 0, plen, &v, &n));
			for (i = 0, at = 0; i < n; i++) {
				CHECK(v[i].start == at && v[i].end > at);
				at = v[i].end;
				for (size_t b = v[i].start; b < v[i].end; b++) {
					CHECK(utext_word_at(p, plen, b, &w));
					CHECK_MSG(w.start == v[i].start &&
							  w.end == v[i].end &&
							  w.word == v[i].word,
						  "%s: word at %zu", corpora[k],
						  b);
				}
				if (failures > 10)
					break;
			}
			CHECK(at == plen);
		}
		free(v);
		free(text);
	}
}

/* Wrapping from each line start, with the paragraph around, gives the
 * lines of the whole (the form wraps long answers this way). */
static void
test_pieces(void)
{
	static const char *const corpora[] = {"thai-government.txt",
		"chinese-government.txt", "vietnamese-government.txt"};
	utext_line *part = NULL;

	for (size_t k = 0; k < 3; k++) {
		size_t len, pos = 0, n, m, i, j, w;
		char *text = data_file(corpora[k], &len), *p;
		utext_line *l;

		while ((p = next_line(text, len, &pos)) != NULL) {
			size_t plen = strlen(p);

			for (w = 20; w <= 80; w += 30) {
				l = wrap_lines(p, plen, w, &n);
				for (i = 1; i < n; i++) {
					const char *s = p + l[i].start;

					CHECK(utext_wrap_in(s, plen - l[i].start,
							    p, plen, w, NULL,
							    &part, &m));
					CHECK(m == n - i);
					for (j = 0; j < m && i + j < n; j++)
						CHECK(part[j].start + l[i].start ==
							      l[i + j].start &&
						      part[j].end + l[i].start ==
							      l[i + j].end);
				}
				free(l);
			}
		}
		free(text);
	}
	free(part);
}

/* Several threads wrap at once (collect does): each has its own libthai
 * breaker and ICU iterators, and every thread gets the lines one thread
 * alone gets. */
#define N_THREADS 4

typedef struct job {
	char *text;
	size_t len;
	const utext_line *want; /* the lines of the whole text, one thread */
	size_t n_want;
	int bad;
} job;

static void *
wrap_job(void *arg)
{
	job *j = arg;
	utext_line *l = NULL;
	size_t n;

	for (int round = 0; round < 3; round++) {
		if (!utext_wrap(j->text, j->len, 40, NULL, &l, &n) ||
		    n != j->n_want ||
		    memcmp(l, j->want, n * sizeof(*l)) != 0)
			j->bad++;
	}
	free(l);
	utext_break_release();
	return NULL;
}

static void
test_threads(void)
{
	size_t len, n;
	char *text = data_file("thai-government.txt", &len);
	utext_line *want;
	pthread_t t[N_THREADS];
	job jobs[N_THREADS];

	/* One paragraph of it all: '\n' is a hard break to the wrapper. */
	want = wrap_lines(text, len, 40, &n);
	for (int i = 0; i < N_THREADS; i++) {
		jobs[i] = (job){text, len, want, n, 0};
		CHECK(pthread_create(&t[i], NULL, wrap_job, &jobs[i]) == 0);
	}
	for (int i = 0; i < N_THREADS; i++) {
		pthread_join(t[i], NULL);
		CHECK_MSG(jobs[i].bad == 0, "thread %d wrapped otherwise", i);
	}
	printf("%d threads wrapped %zu lines of Thai as one thread does\n",
	       N_THREADS, n);
	free(want);
	free(text);
}

int
main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "";

	if (!strcmp(which, "linebreak"))
		test_linebreak_file(argc > 2 ? argv[2]
			: "/usr/share/unicode/auxiliary/LineBreakTest.txt");
	else if (!strcmp(which, "grapheme"))
		test_grapheme_file(argc > 2 ? argv[2]
			: "/usr/share/unicode/auxiliary/GraphemeBreakTest.txt");
	else if (!strcmp(which, "thai")) {
		test_thai();
		test_thai_long();
	} else if (!strcmp(which, "chinese"))
		test_chinese();
	else if (!strcmp(which, "vietnamese"))
		test_vietnamese();
	else if (!strcmp(which, "words"))
		test_words();
	else if (!strcmp(which, "pieces"))
		test_pieces();
	else if (!strcmp(which, "threads"))
		test_threads();
	else {
		fprintf(stderr, "usage: test-breaks linebreak|grapheme|thai|"
			"chinese|vietnamese|words|pieces|threads\n");
		return 2;
	}
	utext_break_release();
	return unit_result();
}
