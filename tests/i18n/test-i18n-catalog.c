/* The translation layer without a terminal or a locale: language codes,
 * the .mo reader on the build's catalogs and on damaged files, the
 * questionnaire's contexts, the language a new plan starts with, and
 * dates in each language's words and era.
 * Usage: test-i18n-catalog MODE (codes, catalog, hostile, contexts, ui,
 * dates). */
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit_check.h"
#include "export.h"
#include "itype.h"
#include "i18n.h"
#include "qn.h"
#include "utext.h"

static const char *
env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && *v ? v : dflt;
}

/* ---- language codes ---- */

static void
mode_codes(void)
{
	static const char *const good[][2] = {
		{"th", "th"},
		{"vi", "vi"},
		{"zh-CN", "zh_CN"},
		{"zh_cn", "zh_CN"},
		{"zh_CN.UTF-8", "zh_CN"},
		{"th_TH.utf8", "th_TH"},
		{"th_TH@euro", "th_TH"},
		{"zh-Hans-CN", "zh_CN"},
		{"EN", "en"},
		{"fil", "fil"},
		{"es-419", "es_419"},
	};
	static const char *const bad[] = {
		"", "x", "C", "C.UTF-8", "POSIX", "../../etc/passwd",
		"th/../x", "toolong", "th-", "th_TH.UTF-8/..", "zh CN",
		"th\n", "1234",
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		bool ok = i18n_normalize_lang(good[i][0], buf, sizeof(buf));

		CHECK_MSG(ok && !strcmp(buf, good[i][1]), "%s gave %s",
		      good[i][0], ok ? buf : "(refused)");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_MSG(!i18n_normalize_lang(bad[i], buf, sizeof(buf)),
		      "\"%s\" was taken as %s", bad[i], buf);
	CHECK_MSG(!i18n_normalize_lang(NULL, buf, sizeof(buf)), "NULL");
	CHECK_MSG(!i18n_normalize_lang("zh-CN", buf, 4), "tiny buffer");
}

/* ---- the build's catalogs ---- */

static const char *
podir(void)
{
	static char dir[4096];

	snprintf(dir, sizeof(dir), "%s/po", env_or("AP_BUILD_ROOT", "."));
	return dir;
}

static qn *
load_ariat(void)
{
	char path[4096];
	diag_list d = DIAG_LIST_INIT;
	qn *q;

	snprintf(path, sizeof(path), "%s/questionnaires/ariat-2000.yaml",
		 env_or("AP_SOURCE_ROOT", "."));
	q = qn_load(path, &d);
	CHECK_MSG(q != NULL, "cannot load %s", path);
	diag_list_free(&d);
	return q;
}

static void
mode_catalog(void)
{
	static const struct {
		const char *lang, *found, *january, *yes;
	} langs[] = {
		{"th", "th", "มกราคม", "ใช่"},
		{"vi", "vi", "tháng 1", "Có"},
		{"zh-CN", "zh_CN", "1月", "是"},
		{"zh_CN.UTF-8", "zh_CN", "1月", "是"},
	};
	diag_list d = DIAG_LIST_INIT;
	qn *q = load_ariat();

	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		i18n_cat *cat = i18n_cat_open(podir(), langs[i].lang, &d);
		const char *m = "January";

		CHECK_MSG(cat != NULL, "no catalog for %s in %s", langs[i].lang,
		      podir());
		if (!cat)
			continue;
		CHECK_MSG(!strcmp(i18n_cat_lang(cat), langs[i].found), "%s",
		      i18n_cat_lang(cat));
		CHECK_MSG(!strcmp(i18n_cat_get(cat, "month", m), langs[i].january),
		      "%s: %s", langs[i].lang, i18n_cat_get(cat, "month", m));
		CHECK_MSG(!strcmp(i18n_cat_get(cat, "text export", "Yes"),
			      langs[i].yes), "%s", langs[i].lang);
		/* Not translated, or in another context: the English. */
		CHECK_MSG(!strcmp(i18n_cat_get(cat, "month", "Smarch"), "Smarch"),
		      "unknown");
		CHECK_MSG(!strcmp(i18n_cat_get(cat, "no such context", m), m),
		      "context ignored");
		/* "" would be the catalog's header. */
		CHECK_MSG(!strcmp(i18n_cat_get(cat, NULL, ""), ""), "header");
		/* Every text of the questionnaire is translated: the
		 * extractor and the run-time lookup agree on every
		 * context. */
		for (size_t s = 0; q && s < q->n_sections; s++) {
			for (i18n_field f = I18N_SECTION_TITLE;
			     f <= I18N_SECTION_HEADING; f++) {
				const char *en = i18n_qn_english(q, f, s, 0);
				const char *t = i18n_cat_qn(cat, q, f, s, 0);

				CHECK_MSG(!en[0] || t != en, "%s: section %s "
				      "field %d untranslated", langs[i].lang,
				      q->sections[s].id, (int)f);
			}
		}
		for (size_t it = 0; q && it < q->n_items; it++) {
			for (i18n_field f = I18N_ITEM_TITLE;
			     f <= I18N_ITEM_MSG_PATTERN; f++) {
				size_t subs = f == I18N_ITEM_CHOICE
						      ? q->items[it].n_choices
						      : 1;

				for (size_t c = 0; c < subs; c++) {
					const char *en =
						i18n_qn_english(q, f, it, c);
					const char *t =
						i18n_cat_qn(cat, q, f, it, c);

					CHECK_MSG(en && t && (!en[0] || t != en),
					      "%s: %s field %d untranslated",
					      langs[i].lang, q->items[it].id,
					      (int)f);
				}
			}
		}
		CHECK_MSG(q && i18n_cat_qn(cat, q, I18N_QN_PLAN_TITLE, 0, 0) !=
				   q->plan_title, "plan title");
		i18n_cat_destroy(cat);
	}
	/* English, languages without a catalog, and no folder: no catalog,
	 * and nothing to complain about. */
	CHECK_MSG(!i18n_cat_open(podir(), "en", &d), "en");
	CHECK_MSG(!i18n_cat_open(podir(), "en-GB", &d), "en-GB");
	CHECK_MSG(!i18n_cat_open(podir(), "fr", &d), "fr");
	CHECK_MSG(!i18n_cat_open(podir(), "../po/th", &d), "path");
	CHECK_MSG(!i18n_cat_open(NULL, "th", &d), "no folder");
	CHECK_MSG(!i18n_cat_open("/nonexistent", "th", &d), "missing folder");
	CHECK_MSG(d.n == 0, "%zu problems, first: %s", d.n,
	      d.n ? d.v[0].message : "");
	/* No catalog: everything is English, pointer for pointer. */
	CHECK_MSG(!strcmp(i18n_cat_get(NULL, "month", "May"), "May"), "NULL cat");
	if (q)
		CHECK_MSG(i18n_cat_qn(NULL, q, I18N_ITEM_TITLE, 0, 0) ==
		      q->items[0].title, "NULL cat qn");
	diag_list_free(&d);
	qn_destroy(q);
}

/* ---- damaged catalogs ---- */

static void
put32(unsigned char *p, uint32_t v, bool be)
{
	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* A .mo file with n entries (ids sorted by the caller or not), as msgfmt
 * writes it, in little or big endian. */
static size_t
build_mo(unsigned char *buf, size_t cap, const char *const *ids,
	 const char *const *strs, size_t n, bool be)
{
	size_t off = 28 + 16 * n, o = 28, t = 28 + 8 * n;

	memset(buf, 0, cap);
	put32(buf, 0x950412de, be);
	put32(buf + 4, 0, be);
	put32(buf + 8, (uint32_t)n, be);
	put32(buf + 12, 28, be);
	put32(buf + 16, (uint32_t)t, be);
	for (size_t i = 0; i < n; i++) {
		size_t li = strlen(ids[i]), ls = strlen(strs[i]);

		put32(buf + o + 8 * i, (uint32_t)li, be);
		put32(buf + o + 8 * i + 4, (uint32_t)off, be);
		memcpy(buf + off, ids[i], li + 1);
		off += li + 1;
		put32(buf + t + 8 * i, (uint32_t)ls, be);
		put32(buf + t + 8 * i + 4, (uint32_t)off, be);
		memcpy(buf + off, strs[i], ls + 1);
		off += ls + 1;
	}
	return off;
}

static char tmpdir[] = "/tmp/i18n-test-XXXXXX";

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* Opens "xx" from tmpdir with data as its catalog; returns the catalog,
 * with the number of problems reported in *warned. */
static i18n_cat *
open_data(const void *data, size_t len, size_t *warned)
{
	char path[256];
	diag_list d = DIAG_LIST_INIT;
	i18n_cat *cat;

	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/" I18N_DOMAIN ".mo",
		 tmpdir);
	write_file(path, data, len);
	cat = i18n_cat_open(tmpdir, "xx", &d);
	*warned = d.n;
	for (size_t i = 0; i < d.n; i++)
		CHECK_MSG(d.v[i].severity == DIAG_WARNING, "%s", d.v[i].message);
	diag_list_free(&d);
	return cat;
}

static const char *const hdr_utf8 =
	"Content-Type: text/plain; charset=UTF-8\n";

/* tmpdir/xx/LC_MESSAGES, for open_data. */
static void
make_tmp(void)
{
	char path[256];

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/xx", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES", tmpdir);
	mkdir(path, 0700);
}

static void
remove_tmp(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/" I18N_DOMAIN ".mo",
		 tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES", tmpdir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/xx", tmpdir);
	rmdir(path);
	rmdir(tmpdir);
}

static void
mode_hostile(void)
{
	static unsigned char buf[8192], copy[8192];
	const char *ids[] = {"", "a\004b", "hello", "z"};
	const char *strs[] = {hdr_utf8, "ctx", "สวัสดี", "zz"};
	char path[256];
	size_t len, w;
	i18n_cat *cat;
	unsigned long long rng = 88172645463325252ull;

	make_tmp();

	/* Well-formed, both byte orders. */
	for (int be = 0; be < 2; be++) {
		len = build_mo(buf, sizeof(buf), ids, strs, 4, be);
		cat = open_data(buf, len, &w);
		CHECK_MSG(cat && w == 0, "good file (big endian %d)", be);
		CHECK_MSG(cat && !strcmp(i18n_cat_get(cat, NULL, "hello"),
				     "สวัสดี"), "lookup");
		CHECK_MSG(cat && !strcmp(i18n_cat_get(cat, "a", "b"), "ctx"),
		      "context lookup");
		i18n_cat_destroy(cat);
	}
	/* Unsorted ids are still found (the reader sorts). */
	{
		const char *ui[] = {"z", "hello", "", "a\004b"};
		const char *us[] = {"zz", "สวัสดี", hdr_utf8, "ctx"};

		len = build_mo(buf, sizeof(buf), ui, us, 4, false);
		cat = open_data(buf, len, &w);
		CHECK_MSG(cat && !strcmp(i18n_cat_get(cat, NULL, "z"), "zz") &&
		      !strcmp(i18n_cat_get(cat, NULL, "hello"), "สวัสดี"),
		      "unsorted");
		i18n_cat_destroy(cat);
	}
	/* Refused, each with a warning. */
	{
		static const char latin1[] =
			"Content-Type: text/plain; charset=ISO-8859-1\n";
		const char *s2[] = {latin1, "ctx", "x", "zz"};

		len = build_mo(buf, sizeof(buf), ids, s2, 4, false);
		cat = open_data(buf, len, &w);
		CHECK_MSG(!cat && w == 1, "latin-1 catalog");
	}
	{
		const char *s3[] = {hdr_utf8, "ctx", "bad \xff utf-8", "zz"};

		len = build_mo(buf, sizeof(buf), ids, s3, 4, false);
		cat = open_data(buf, len, &w);
		CHECK_MSG(!cat && w == 1, "invalid UTF-8");
	}
	len = build_mo(buf, sizeof(buf), ids, strs, 4, false);
	cat = open_data(buf, 0, &w);
	CHECK_MSG(!cat && w == 1, "empty file");
	cat = open_data(buf, 27, &w);
	CHECK_MSG(!cat && w == 1, "truncated header");
	cat = open_data(buf, len - 3, &w);
	CHECK_MSG(!cat && w == 1, "truncated strings");
	memcpy(copy, buf, len);
	copy[0] ^= 0xff;
	cat = open_data(copy, len, &w);
	CHECK_MSG(!cat && w == 1, "bad magic");
	memcpy(copy, buf, len);
	put32(copy + 8, 0xffffffffu, false);
	cat = open_data(copy, len, &w);
	CHECK_MSG(!cat && w == 1, "huge count");
	memcpy(copy, buf, len);
	put32(copy + 16, 0xfffffff0u, false);
	cat = open_data(copy, len, &w);
	CHECK_MSG(!cat && w == 1, "table past the end");
	memcpy(copy, buf, len);
	put32(copy + 28 + 8 * 2 + 4, 0xfffffff0u, false);
	cat = open_data(copy, len, &w);
	CHECK_MSG(!cat && w == 1, "string past the end");
	memcpy(copy, buf, len);
	put32(copy + 28 + 8 * 2, 1000, false);
	cat = open_data(copy, len, &w);
	CHECK_MSG(!cat && w == 1, "length past the end");
	memcpy(copy, buf, len);
	put32(copy + 4, 0x00020000u, false);
	cat = open_data(copy, len, &w);
	CHECK_MSG(!cat && w == 1, "newer revision");
	/* A folder where the file should be. */
	snprintf(path, sizeof(path), "%s/xx/LC_MESSAGES/" I18N_DOMAIN ".mo",
		 tmpdir);
	unlink(path);
	mkdir(path, 0700);
	{
		diag_list d = DIAG_LIST_INIT;

		CHECK_MSG(!i18n_cat_open(tmpdir, "xx", &d) && d.n == 1,
		      "a folder");
		diag_list_free(&d);
	}
	rmdir(path);
	/* Random damage to the real Thai catalog never crashes, never reads
	 * outside the file (run under ASan), and what it finds is UTF-8. */
	{
		char real[4096];
		FILE *f;
		static unsigned char mo[1 << 20];
		size_t mlen;

		snprintf(real, sizeof(real), "%s/th/LC_MESSAGES/" I18N_DOMAIN
			 ".mo", podir());
		f = fopen(real, "rb");
		CHECK_MSG(f != NULL, "%s: %s", real, strerror(errno));
		mlen = f ? fread(mo, 1, sizeof(mo), f) : 0;
		if (f)
			fclose(f);
		for (int round = 0; mlen > 0 && round < 300; round++) {
			static unsigned char m[1 << 20];
			size_t n = mlen;

			memcpy(m, mo, mlen);
			for (int k = 0; k < 1 + round % 8; k++) {
				rng ^= rng << 13;
				rng ^= rng >> 7;
				rng ^= rng << 17;
				if (round % 3 == 0)
					/* The header and the tables. */
					m[rng % 64] = (unsigned char)(rng >> 32);
				else
					m[rng % n] = (unsigned char)(rng >> 32);
			}
			if (round % 10 == 9)
				n = (size_t)(rng % n);
			cat = open_data(m, n, &w);
			if (cat) {
				const char *t = i18n_cat_get(cat, "month",
							     "January");

				CHECK_MSG(utext_valid(t, strlen(t), NULL),
				      "round %d", round);
			}
			i18n_cat_destroy(cat);
		}
	}
	remove_tmp();
}

/* ---- contexts ---- */

static void
mode_contexts(void)
{
	qn *q = load_ariat();
	static const struct {
		i18n_field f;
		const char *id; /* item or section id, NULL: the questionnaire */
		size_t sub;
		const char *ctx;
	} cases[] = {
		{I18N_QN_TITLE, NULL, 0, "questionnaire:ariat-2000#title"},
		{I18N_QN_PLAN_TITLE, NULL, 0,
		 "questionnaire:ariat-2000#plan_title"},
		{I18N_SECTION_TITLE, "prevention", 0, "section:prevention"},
		{I18N_SECTION_HEADING, "prevention", 0,
		 "section:prevention#heading"},
		{I18N_ITEM_TITLE, "prevention.6", 0, "prevention.6"},
		{I18N_ITEM_GUIDANCE, "prevention.6", 0,
		 "prevention.6#guidance"},
		{I18N_ITEM_EXPLAIN_LABEL, "prosecution.1", 0,
		 "prosecution.1#explain_label"},
		{I18N_ITEM_CHOICE, "summary.1", 3,
		 "summary.1#choice.prosecution"},
		{I18N_ITEM_MSG_REQUIRED, "country", 0,
		 "country#messages.required"},
		{I18N_ITEM_MSG_MAX_LENGTH, "country", 0,
		 "country#messages.max_length"},
		{I18N_ITEM_MSG_CHOICE, "summary.1", 0,
		 "summary.1#messages.choice"},
		{I18N_ITEM_MSG_PATTERN, "language", 0,
		 "language#messages.pattern"},
	};

	if (!q)
		return;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t index = 0;
		char *ctx;

		if (cases[i].id && cases[i].f >= I18N_ITEM_TITLE) {
			long k = qn_item_index(q, cases[i].id);

			CHECK_MSG(k >= 0, "%s", cases[i].id);
			index = (size_t)k;
		} else if (cases[i].id) {
			while (index < q->n_sections &&
			       strcmp(q->sections[index].id, cases[i].id))
				index++;
		}
		ctx = i18n_qn_context(q, cases[i].f, index, cases[i].sub);
		CHECK_MSG(ctx && !strcmp(ctx, cases[i].ctx), "%s, not %s",
		      ctx ? ctx : "NULL", cases[i].ctx);
		free(ctx);
	}
	/* Out of range gives NULL, never a crash. */
	CHECK_MSG(!i18n_qn_context(q, I18N_ITEM_TITLE, q->n_items, 0), "item");
	CHECK_MSG(!i18n_qn_context(q, I18N_SECTION_TITLE, q->n_sections, 0),
	      "section");
	CHECK_MSG(!i18n_qn_context(q, I18N_ITEM_CHOICE, 0, 0), "no choices");
	CHECK_MSG(!i18n_qn_english(NULL, I18N_QN_TITLE, 0, 0), "NULL qn");
	CHECK_MSG(!strcmp(i18n_item_title(q, q->n_items), ""), "shorthand");
	CHECK_MSG(!i18n_choice_label_id(q, 0, "nope"), "choice id");
	/* Without a catalog bound the shorthands give the English. */
	CHECK_MSG(!strcmp(i18n_item_title(q, 0), q->items[0].title), "title");
	CHECK_MSG(!strcmp(i18n_item_message(q, 0, I18N_ITEM_MSG_REQUIRED),
		      q->items[0].msg_required), "message");
	qn_destroy(q);
}

/* ---- the language of messages, as a new plan's language ---- */

static void
mode_ui(void)
{
	/* The C locale: gettext ignores LANGUAGE there. */
	setlocale(LC_ALL, "C");
	setenv("LANGUAGE", "th", 1);
	CHECK_MSG(!strcmp(i18n_ui_language(), "en"), "C: %s",
	      i18n_ui_language());
	if (setlocale(LC_ALL, "C.UTF-8")) {
		CHECK_MSG(!strcmp(i18n_ui_language(), "th"), "C.UTF-8+th: %s",
		      i18n_ui_language());
		setenv("LANGUAGE", "zh_CN:zh", 1);
		CHECK_MSG(!strcmp(i18n_ui_language(), "zh-CN"), "zh: %s",
		      i18n_ui_language());
		unsetenv("LANGUAGE");
		CHECK_MSG(!strcmp(i18n_ui_language(), "en"), "C.UTF-8: %s",
		      i18n_ui_language());
	}
	CHECK_MSG(!i18n_set_ui_language("../x"), "bad --lang");
	CHECK_MSG(i18n_set_ui_language("vi"), "--lang vi");
	CHECK_MSG(!strcmp(i18n_ui_language(), "vi"), "--lang vi: %s",
	      i18n_ui_language());
	CHECK_MSG(!strcmp(env_or("LANGUAGE", ""), "vi"), "LANGUAGE");
	/* Messages are not in the C locale any more, or gettext would
	 * ignore LANGUAGE. */
	CHECK_MSG(strcmp(setlocale(LC_MESSAGES, NULL), "C") != 0, "%s",
	      setlocale(LC_MESSAGES, NULL));
	CHECK_MSG(i18n_set_ui_language("zh_CN.UTF-8"), "--lang zh");
	CHECK_MSG(!strcmp(i18n_ui_language(), "zh-CN"), "%s",
	      i18n_ui_language());
}

/* ---- dates: Thai in the Buddhist era, the value Gregorian ---- */

/* What itype_date_words appends for value, or "(refused)". */
static const char *
date_in(const i18n_cat *cat, const char *value, bool month_year)
{
	static char out[128];
	sbuf b = SBUF_INIT;
	bool ok = itype_date_words(&b, cat, value, month_year);

	CHECK_MSG(ok || b.len == 0, "%s: refused but appended %s", value,
		  sbuf_cstr(&b));
	snprintf(out, sizeof(out), "%s", ok ? sbuf_cstr(&b) : "(refused)");
	sbuf_free(&b);
	return out;
}

static void
mode_dates(void)
{
	static const struct {
		const char *lang, *value;
		bool month_year;
		const char *want;
	} cases[] = {
		{"th", "2000-03", false, "มีนาคม พ.ศ. 2543"},
		{"th", "2000-03-31", false, "31 มีนาคม พ.ศ. 2543"},
		{"th", "2000-03-31", true, "มีนาคม พ.ศ. 2543"},
		{"th", "2000-02-29", false, "29 กุมภาพันธ์ พ.ศ. 2543"},
		{"th", "0001-01", false, "มกราคม พ.ศ. 544"},
		{"th", "9999-12", false, "ธันวาคม พ.ศ. 10542"},
		/* A year typed in the Buddhist era shows as such. */
		{"th", "2543-03", false, "มีนาคม พ.ศ. 3086"},
		{"th", "1900-02-29", false, "(refused)"},
		{"th", "2000-13", false, "(refused)"},
		{"th", "2543", false, "(refused)"},
		{"vi", "2000-03", false, "tháng 3 năm 2000"},
		{"vi", "2000-03-31", false, "ngày 31 tháng 3 năm 2000"},
		{"zh-CN", "2000-03", false, "2000年3月"},
		{"zh-CN", "2000-03-31", false, "2000年3月31日"},
		{"en", "2000-03", false, "March 2000"},
		{"en", "0999-03-01", false, "1 March 0999"},
	};
	static const char *const ids[] = {
		"text export: month and year\004{month} {year}",
	};
	static const char *const odd[] = {"{era} {year_be}{year_be} {mon"};
	static unsigned char buf[1024];
	diag_list d = DIAG_LIST_INIT;
	size_t warned = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		i18n_cat *cat = i18n_cat_open(podir(), cases[i].lang, &d);
		const char *got = date_in(cat, cases[i].value,
					  cases[i].month_year);

		CHECK_MSG(!strcmp(cat ? "" : cases[i].lang, "en") || cat,
			  "no catalog for %s", cases[i].lang);
		CHECK_MSG(!strcmp(got, cases[i].want), "%s %s: %s, not %s",
			  cases[i].lang, cases[i].value, got, cases[i].want);
		i18n_cat_destroy(cat);
	}
	/* A translation's unknown placeholders are copied, a lost one left
	 * out, {year_be} repeated is filled each time. */
	make_tmp();
	{
		const char *keys[] = {"", ids[0]};
		const char *vals[] = {hdr_utf8, odd[0]};
		size_t n = build_mo(buf, sizeof(buf), keys, vals, 2, false);
		i18n_cat *cat = open_data(buf, n, &warned);
		const char *got = date_in(cat, "2000-03", false);

		CHECK_MSG(cat && warned == 0, "the test catalog");
		CHECK_MSG(!strcmp(got, "{era} 25432543 {mon"), "odd: %s", got);
		i18n_cat_destroy(cat);
	}
	remove_tmp();
	/* The form's words: the language of messages, through gettext. */
	i18n_init(podir());
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "th", 1);
	{
		sbuf b = SBUF_INIT;

		CHECK_MSG(itype_date_words_ui(&b, "2000-03") &&
			  !strcmp(sbuf_cstr(&b), "มีนาคม พ.ศ. 2543"),
			  "form, th: %s", sbuf_cstr(&b));
		sbuf_reset(&b);
		/* (One language a process: i18n_pgettext_expr keeps what
		 * it found.) */
		CHECK_MSG(itype_date_words_ui(&b, "2000-03-31") &&
			  !strcmp(sbuf_cstr(&b), "31 มีนาคม พ.ศ. 2543"),
			  "form, th, day: %s", sbuf_cstr(&b));
		sbuf_reset(&b);
		CHECK_MSG(!itype_date_words_ui(&b, "03/2000") && b.len == 0,
			  "form: not a date");
		sbuf_free(&b);
	}
	diag_list_free(&d);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "codes"))
		mode_codes();
	else if (!strcmp(mode, "catalog"))
		mode_catalog();
	else if (!strcmp(mode, "hostile"))
		mode_hostile();
	else if (!strcmp(mode, "contexts"))
		mode_contexts();
	else if (!strcmp(mode, "ui"))
		mode_ui();
	else if (!strcmp(mode, "dates"))
		mode_dates();
	else {
		fprintf(stderr,
			"usage: %s codes|catalog|hostile|contexts|ui|dates\n",
			argv[0]);
		return 2;
	}
	return unit_result();
}
