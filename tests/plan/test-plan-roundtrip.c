/* Proves that any valid UTF-8 answer survives save and load byte for byte,
 * and that the same plan always gives the same bytes. With --dump DIR it
 * also writes each serialized plan and the expected strings (as hex) for
 * the PyYAML and js-yaml cross-checks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "planio.h"
#include "ptest.h"

typedef struct nasty {
	const char *in;
	const char *want; /* NULL: same as in */
} nasty;

static char long_line[20001];

static nasty table[] = {
	{"plain words", NULL},
	{" leading space", NULL},
	{"trailing space ", NULL},
	{"  both  ", NULL},
	{" ", NULL},
	{"\n", NULL},
	{"\n\n\n", NULL},
	{"\n\nblank lines first", NULL},
	{"blank lines last\n\n", NULL},
	{"one newline last\n", NULL},
	{"\nboth\n", NULL},
	{"para one\n\npara two\n\n\npara three", NULL},
	{"  indented first line\nnot indented", NULL},
	{"not indented\n    indented later", NULL},
	{"trailing space on a line \nnext", NULL},
	{"\t", NULL},
	{"a\tb", NULL},
	{"\ttab first", NULL},
	{"x\n\ty", NULL},
	{"tab last\t", NULL},
	/* Thai with combining marks, NFD Vietnamese, Chinese. */
	{"ผู้ใหญ่บ้าน น้ำ", NULL},
	{"Vie\xcc\xa3\xcc\x82t Nam, ti\xe1\xba\xbfng Vie\xcc\xa3\xcc\x82t", NULL},
	{"中华人民共和国，打击人口贩卖。", NULL},
	/* Emoji with skin tone, a ZWJ family, flags, beyond U+FFFF. */
	{"👍🏽 ok", NULL},
	{"👨\u200d👩\u200d👧\u200d👦", NULL},
	{"🇹🇭🇻🇳", NULL},
	{"\xf0\x9d\x84\x9e clef, \xf4\x8f\xbf\xbf max", NULL},
	{"zero\u200bwidth\u200cjoiners\u200d", NULL},
	/* Control characters and oddities libyaml must escape. */
	{"\x01\x02\x03\x1b[31mred\x1b[0m\x7f", NULL},
	{"bell\a back\b vt\v ff\f", NULL},
	{"nel\xc2\x85" "c1\xc2\x80\xc2\x9f", NULL},
	{"nbsp\xc2\xa0here", NULL},
	{"line\u2028sep\u2029para", NULL},
	/* What a plan file cannot hold (YAML readers refuse it raw and, as
	 * this program, escaped): U+FEFF becomes WORD JOINER, the
	 * noncharacters U+FFFD. */
	{"\xef\xbb\xbf" "bom first, bom \xef\xbb\xbf inside",
	 "\xe2\x81\xa0" "bom first, bom \xe2\x81\xa0 inside"},
	{"nonchars \xef\xbf\xbe \xef\xbf\xbf",
	 "nonchars \xef\xbf\xbd \xef\xbf\xbd"},
	{"U+FFFE+ \xf0\x9f\xbf\xbe plane 1 noncharacter", NULL},
	{"replacement \xef\xbf\xbd", NULL},
	/* Line ends: CRLF and lone CR become LF. */
	{"crlf\r\nline\r\n", "crlf\nline\n"},
	{"lone\rcr", "lone\ncr"},
	{"\r", "\n"},
	{"\r\r\n\n", "\n\n\n"},
	/* Strings YAML readers might take for something else. */
	{"yes", NULL},
	{"no", NULL},
	{"y", NULL},
	{"N", NULL},
	{"on", NULL},
	{"Off", NULL},
	{"true", NULL},
	{"FALSE", NULL},
	{"null", NULL},
	{"Null", NULL},
	{"~", NULL},
	{"1e3", NULL},
	{"0x10", NULL},
	{"0o17", NULL},
	{"017", NULL},
	{"1_000", NULL},
	{"-.5", NULL},
	{".inf", NULL},
	{".NaN", NULL},
	{"12:30", NULL},
	{"190:20:30", NULL},
	{"2000-01-31", NULL},
	{"2000-01", NULL},
	{"2001-12-14t21:59:43.10-05:00", NULL},
	{"=", NULL},
	{"<<", NULL},
	{"!tag", NULL},
	{"!!str x", NULL},
	{"&anchor", NULL},
	{"*alias", NULL},
	{"%YAML 1.2", NULL},
	{"@at", NULL},
	{"`tick", NULL},
	{"- dash", NULL},
	{"? question", NULL},
	{": colon", NULL},
	{"key: value", NULL},
	{"# not a comment", NULL},
	{"a # not a comment", NULL},
	{"[flow, seq]", NULL},
	{"{flow: map}", NULL},
	{"'single'", NULL},
	{"\"double\"", NULL},
	{"back\\slash \\n \\u0041", NULL},
	{"|", NULL},
	{">", NULL},
	{"|-\n  looks like a block", NULL},
	{"---", NULL},
	{"...", NULL},
	{"a\n---\nb", NULL},
	{"a\n...\n", NULL},
	{"%zu %s %n", NULL},
	{long_line, NULL},
};

#define N_TABLE (sizeof(table) / sizeof(table[0]))

/* Where a string goes in a plan, named as the cross-checks find it. */
enum slot {
	S_TEXT,        /* answers/intro */
	S_TEXT2,       /* answers/note */
	S_LINE,        /* details/language */
	S_LINE2,       /* answers/law.name */
	S_EXPLAIN,     /* answers/law/explanation */
	S_EXPLAIN_M,   /* answers/summary/explanation */
	S_KEY_OFF,     /* answers/off: a key that must be quoted */
	S_KEY_NUM,     /* answers/2.1: another */
	N_SLOTS,
};

static const char *const slot_path[N_SLOTS] = {
	"answers/intro",
	"answers/note",
	"details/language",
	"answers/law.name",
	"answers/law/explanation",
	"answers/summary/explanation",
	"answers/off",
	"answers/2.1",
};

static const qn *q;
static long i_intro, i_note, i_lang, i_law, i_law_name, i_summary, i_off,
	i_num;

static const char *
slot_get(const plan *p, enum slot s)
{
	switch (s) {
	case S_TEXT:
		return p->answers[i_intro].value;
	case S_TEXT2:
		return p->answers[i_note].value;
	case S_LINE:
		return p->answers[i_lang].value;
	case S_LINE2:
		return p->answers[i_law_name].value;
	case S_EXPLAIN:
		return p->answers[i_law].explanation;
	case S_EXPLAIN_M:
		return p->answers[i_summary].explanation;
	case S_KEY_OFF:
		return p->answers[i_off].value;
	case S_KEY_NUM:
		return p->answers[i_num].value;
	default:
		return NULL;
	}
}

static bool
slot_set(plan *p, enum slot s, const char *v)
{
	switch (s) {
	case S_TEXT:
		return plan_set_value(p, (size_t)i_intro, v);
	case S_TEXT2:
		return plan_set_value(p, (size_t)i_note, v);
	case S_LINE:
		return plan_set_value(p, (size_t)i_lang, v);
	case S_LINE2:
		return plan_set_value(p, (size_t)i_law_name, v);
	case S_EXPLAIN:
		return plan_set_explanation(p, (size_t)i_law, v);
	case S_EXPLAIN_M:
		return plan_set_explanation(p, (size_t)i_summary, v);
	case S_KEY_OFF:
		return plan_set_value(p, (size_t)i_off, v);
	case S_KEY_NUM:
		return plan_set_value(p, (size_t)i_num, v);
	default:
		return false;
	}
}

static void
write_hex(FILE *f, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		fprintf(f, "%02x", *c);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* One plan holding s in every slot, one in one slot only (so that each
 * style is also tried as the last thing in the file). */
static void
try_string(size_t t, const char *in, const char *want, int only_slot,
	   const char *dump_dir, FILE *expect)
{
	diag_list d = DIAG_LIST_INIT;
	plan *p = plan_create(q), *back = NULL;
	const char *const summary[] = {"yes", "x"};
	char *b1 = NULL, *b2 = NULL, *b3 = NULL;
	size_t l1 = 0, l2 = 0, l3 = 0;

	CHECK_MSG(p != NULL, "plan_create");
	CHECK_MSG(plan_set_value(p, (size_t)i_law, "yes"), "law");
	CHECK_MSG(plan_set_values(p, (size_t)i_summary, summary, 2), "summary");
	for (int s = 0; s < N_SLOTS; s++)
		if (only_slot < 0 || only_slot == s)
			CHECK_MSG(slot_set(p, (enum slot)s, in), "set %zu/%d", t,
			      s);

	b1 = planio_serialize(p, &l1, &d);
	b2 = planio_serialize(p, &l2, &d);
	CHECK_MSG(b1 != NULL && b2 != NULL, "serialize %zu", t);
	if (b1 == NULL || b2 == NULL)
		goto out;
	CHECK_MSG(l1 == l2 && memcmp(b1, b2, l1) == 0,
	      "string %zu: two serializations differ", t);
	CHECK_MSG(strlen(b1) == l1, "string %zu: length", t);

	back = planio_load_buffer("roundtrip.yaml", b1, l1, q, &d);
	if (back == NULL) {
		char *s = ptest_diags(&d);

		CHECK_MSG(back != NULL, "string %zu does not load:\n%s---\n%s", t,
		      s, b1);
		free(s);
		goto out;
	}
	for (int s = 0; s < N_SLOTS; s++) {
		const char *got = slot_get(back, (enum slot)s);

		if (only_slot >= 0 && only_slot != s)
			continue;
		CHECK_MSG(got != NULL && strcmp(got, want) == 0,
		      "string %zu slot %s: read back differently:\n%s", t,
		      slot_path[s], b1);
	}
	CHECK_MSG(plan_equal_answers(p, back), "string %zu: plans differ", t);
	b3 = planio_serialize(back, &l3, &d);
	CHECK_MSG(b3 != NULL && l3 == l1 && memcmp(b1, b3, l1) == 0,
	      "string %zu: the plan read back serializes differently", t);
	CHECK_MSG(d.n == 0, "string %zu: problems reported", t);

	if (dump_dir != NULL) {
		char path[4096], name[64];

		snprintf(name, sizeof(name), "plan-%03zu-%d.yaml", t,
			 only_slot);
		snprintf(path, sizeof(path), "%s/%s", dump_dir, name);
		write_file(path, b1, l1);
		for (int s = 0; s < N_SLOTS; s++) {
			if (only_slot >= 0 && only_slot != s)
				continue;
			fprintf(expect, "%s\t%s\t", name, slot_path[s]);
			write_hex(expect, want);
			fputc('\n', expect);
		}
	}
out:
	free(b1);
	free(b2);
	free(b3);
	plan_destroy(p);
	plan_destroy(back);
	diag_list_free(&d);
}

int
main(int argc, char **argv)
{
	const char *dump_dir = NULL;
	FILE *expect = NULL;
	qn *qq;

	if (argc == 3 && strcmp(argv[1], "--dump") == 0)
		dump_dir = argv[2];
	for (size_t i = 0; i + 1 < sizeof(long_line); i++)
		long_line[i] = "abcdefghij klmnopqrstuvwxyz "[i % 28];
	qq = ptest_load_qn();
	q = qq;
	i_intro = ptest_item(q, "intro");
	i_note = ptest_item(q, "note");
	i_lang = ptest_item(q, "language");
	i_law = ptest_item(q, "law");
	i_law_name = ptest_item(q, "law.name");
	i_summary = ptest_item(q, "summary");
	i_off = ptest_item(q, "off");
	i_num = ptest_item(q, "2.1");

	if (dump_dir != NULL) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/expected.tsv", dump_dir);
		expect = fopen(path, "w");
		if (expect == NULL) {
			fprintf(stderr, "cannot write %s\n", path);
			return 1;
		}
	}
	for (size_t t = 0; t < N_TABLE; t++) {
		const char *want = table[t].want ? table[t].want : table[t].in;

		try_string(t, table[t].in, want, -1, dump_dir, expect);
		for (int s = 0; s < N_SLOTS; s++)
			try_string(t, table[t].in, want, s, dump_dir, expect);
	}
	if (expect != NULL && fclose(expect) != 0)
		return 1;
	qn_destroy(qq);
	return unit_result();
}
