/* Translations at run time: gettext with contexts, the language of messages
 * (--lang), and the lookup of a questionnaire's text by its context. */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *localedir_set;
static char ui_lang[32]; /* from --lang, gettext form; "" when not given */

const char *
i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = dcgettext(I18N_DOMAIN, ctx_msgid, LC_MESSAGES);

	return t == ctx_msgid ? msgid : t;
}

const char *
i18n_pgettext_expr(const char *ctx, const char *msgid)
{
	size_t cl, ml;
	char small[512], *key;
	const char *t;

	if (!msgid || !msgid[0])
		return msgid; /* "" would give the catalog's header */
	if (!ctx)
		return dgettext(I18N_DOMAIN, msgid);
	cl = strlen(ctx);
	ml = strlen(msgid);
	key = cl + ml + 2 <= sizeof(small) ? small : malloc(cl + ml + 2);
	if (!key)
		return msgid;
	memcpy(key, ctx, cl);
	key[cl] = '\004';
	memcpy(key + cl + 1, msgid, ml + 1);
	t = dcgettext(I18N_DOMAIN, key, LC_MESSAGES);
	/* A translation points into the loaded catalog, never into key. */
	if (t == key)
		t = msgid;
	if (key != small)
		free(key);
	return t;
}

void
i18n_init(const char *localedir)
{
	setlocale(LC_ALL, "");
	bindtextdomain(I18N_DOMAIN, localedir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	i18n_set_localedir(localedir);
}

void
i18n_set_localedir(const char *localedir)
{
	localedir_set = localedir;
}

const char *
i18n_localedir(void)
{
	return localedir_set;
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

bool
i18n_normalize_lang(const char *lang, char *buf, size_t size)
{
	size_t n = 0, i = 0, part, len;
	bool have_region = false;

	if (!lang || size < 8)
		return false;
	/* The language: 2 or 3 letters. */
	while (is_alpha(lang[i]) && i < 4)
		i++;
	if (i < 2 || i > 3)
		return false;
	for (n = 0; n < i; n++)
		buf[n] = lower(lang[n]);
	/* Further parts: a 2-letter or 3-digit region is kept (the first
	 * one), a 4-letter script and variants are skipped. A locale's
	 * ".charset" or "@modifier" ends it. */
	while (lang[i] == '-' || lang[i] == '_') {
		part = ++i;
		while (is_alnum(lang[i]))
			i++;
		len = i - part;
		if (len < 1 || len > 8)
			return false;
		if (!have_region && (len == 2 || len == 3) &&
		    (len == 2 ? is_alpha(lang[part]) && is_alpha(lang[part + 1])
			      : lang[part] >= '0' && lang[part] <= '9')) {
			if (n + 1 + len + 1 > size)
				return false;
			buf[n++] = '_';
			for (size_t k = 0; k < len; k++)
				buf[n++] = upper(lang[part + k]);
			have_region = true;
		}
	}
	if (lang[i] != '\0' && lang[i] != '.' && lang[i] != '@')
		return false;
	if (lang[i] == '.' || lang[i] == '@') {
		/* Only a charset/modifier of ordinary characters, no paths. */
		for (size_t k = i + 1; lang[k]; k++)
			if (!is_alnum(lang[k]) && lang[k] != '-' &&
			    lang[k] != '_' && lang[k] != '.' && lang[k] != '@')
				return false;
	}
	buf[n] = '\0';
	return true;
}

/* The usual country of a language's locale, for --lang without one. */
static const char *
default_region(const char *ll)
{
	static const char *const table[][2] = {
		{"th", "TH"}, {"vi", "VN"}, {"zh", "CN"}, {"en", "US"},
		{"ja", "JP"}, {"ko", "KR"}, {"km", "KH"}, {"lo", "LA"},
		{"ms", "MY"}, {"my", "MM"}, {"fil", "PH"}, {"id", "ID"},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(ll, table[i][0]))
			return table[i][1];
	return NULL;
}

static bool
c_locale(const char *name)
{
	return !name || !strcmp(name, "C") || !strcmp(name, "POSIX");
}

bool
i18n_set_ui_language(const char *lang)
{
	char norm[32], ll[8], loc[64];
	const char *region, *cur;

	if (!i18n_normalize_lang(lang, norm, sizeof(norm)))
		return false;
	snprintf(ui_lang, sizeof(ui_lang), "%s", norm);
	setenv("LANGUAGE", norm, 1);
	/* Translations are UTF-8 (bind_textdomain_codeset); a non-UTF-8
	 * LC_CTYPE would turn them into question marks on screen. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	snprintf(ll, sizeof(ll), "%.*s", (int)strcspn(norm, "_"), norm);
	region = strchr(norm, '_') ? strchr(norm, '_') + 1
				   : default_region(ll);
	if (region) {
		snprintf(loc, sizeof(loc), "%s_%s.UTF-8", ll, region);
		if (setlocale(LC_MESSAGES, loc))
			return true;
	}
	/* No locale of that language: LANGUAGE still chooses the catalog,
	 * but only when LC_MESSAGES is not the plain C locale. */
	cur = setlocale(LC_MESSAGES, NULL);
	if (c_locale(cur))
		setlocale(LC_MESSAGES, "C.UTF-8");
	return true;
}

/* "zh_CN" -> "zh-CN"; "th_TH" -> "th": the plan's language code. */
static const char *
plan_code(const char *norm)
{
	static char code[32];
	size_t ll = strcspn(norm, "_");

	if (!strncmp(norm, "zh", ll) && ll == 2 && norm[ll] == '_')
		snprintf(code, sizeof(code), "zh-%s", norm + ll + 1);
	else
		snprintf(code, sizeof(code), "%.*s", (int)ll, norm);
	return code;
}

const char *
i18n_ui_language(void)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	const char *language = getenv("LANGUAGE");
	char norm[32], first[32];

	if (ui_lang[0])
		return plan_code(ui_lang);
	if (c_locale(loc))
		return "en";
	if (language && *language) {
		snprintf(first, sizeof(first), "%.*s",
			 (int)strcspn(language, ":"), language);
		if (i18n_normalize_lang(first, norm, sizeof(norm)))
			return plan_code(norm);
	}
	if (!strncmp(loc, "C.", 2) || !i18n_normalize_lang(loc, norm,
							   sizeof(norm)))
		return "en";
	return plan_code(norm);
}

/* ---- A questionnaire's text ---- */

const char *
i18n_qn_english(const qn *q, i18n_field f, size_t index, size_t sub)
{
	const qn_item *it;

	if (!q)
		return NULL;
	switch (f) {
	case I18N_QN_TITLE:
		return q->title;
	case I18N_QN_PLAN_TITLE:
		return q->plan_title;
	case I18N_SECTION_TITLE:
		return index < q->n_sections ? q->sections[index].title : NULL;
	case I18N_SECTION_HEADING:
		return index < q->n_sections ? q->sections[index].heading
					     : NULL;
	default:
		break;
	}
	if (index >= q->n_items)
		return NULL;
	it = &q->items[index];
	switch (f) {
	case I18N_ITEM_TITLE:
		return it->title;
	case I18N_ITEM_GUIDANCE:
		return it->guidance;
	case I18N_ITEM_EXPLAIN_LABEL:
		return it->explain_label;
	case I18N_ITEM_CHOICE:
		return sub < it->n_choices ? it->choices[sub].label : NULL;
	case I18N_ITEM_MSG_REQUIRED:
		return it->msg_required;
	case I18N_ITEM_MSG_MAX_LENGTH:
		return it->msg_max_length;
	case I18N_ITEM_MSG_CHOICE:
		return it->msg_choice;
	case I18N_ITEM_MSG_PATTERN:
		return it->msg_pattern;
	default:
		return NULL;
	}
}

char *
i18n_qn_context(const qn *q, i18n_field f, size_t index, size_t sub)
{
	const char *id, *suffix = "", *extra = "";
	const char *prefix = "";
	size_t n;
	char *s;

	if (!i18n_qn_english(q, f, index, sub))
		return NULL;
	switch (f) {
	case I18N_QN_TITLE:
	case I18N_QN_PLAN_TITLE:
		prefix = "questionnaire:";
		id = q->id;
		suffix = f == I18N_QN_TITLE ? "#title" : "#plan_title";
		break;
	case I18N_SECTION_TITLE:
	case I18N_SECTION_HEADING:
		prefix = "section:";
		id = q->sections[index].id;
		suffix = f == I18N_SECTION_HEADING ? "#heading" : "";
		break;
	default:
		id = q->items[index].id;
		switch (f) {
		case I18N_ITEM_GUIDANCE: suffix = "#guidance"; break;
		case I18N_ITEM_EXPLAIN_LABEL: suffix = "#explain_label"; break;
		case I18N_ITEM_CHOICE:
			suffix = "#choice.";
			extra = q->items[index].choices[sub].id;
			break;
		case I18N_ITEM_MSG_REQUIRED: suffix = "#messages.required"; break;
		case I18N_ITEM_MSG_MAX_LENGTH:
			suffix = "#messages.max_length";
			break;
		case I18N_ITEM_MSG_CHOICE: suffix = "#messages.choice"; break;
		case I18N_ITEM_MSG_PATTERN: suffix = "#messages.pattern"; break;
		default: break;
		}
		break;
	}
	if (!id)
		return NULL;
	n = strlen(prefix) + strlen(id) + strlen(suffix) + strlen(extra) + 1;
	s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s%s", prefix, id, suffix, extra);
	return s;
}

bool
i18n_field_has_default(i18n_field f)
{
	return f == I18N_ITEM_EXPLAIN_LABEL || f == I18N_ITEM_MSG_REQUIRED ||
	       f == I18N_ITEM_MSG_MAX_LENGTH || f == I18N_ITEM_MSG_CHOICE ||
	       f == I18N_ITEM_MSG_PATTERN;
}

/* Shared by the gettext and the catalog lookups: cat NULL and ui true
 * means gettext. */
static const char *
lookup(const i18n_cat *cat, bool ui, const qn *q, i18n_field f,
       size_t index, size_t sub)
{
	const char *en = i18n_qn_english(q, f, index, sub);
	const char *t;
	char *ctx;

	if (!en || !en[0])
		return en;
	if (!ui && !cat)
		return en;
	ctx = i18n_qn_context(q, f, index, sub);
	if (!ctx) {
		i18n_cat_missed(cat);
		return en;
	}
	t = ui ? i18n_pgettext_expr(ctx, en) : i18n_cat_get(cat, ctx, en);
	free(ctx);
	/* The loader's defaults are the program's strings, without a
	 * context. */
	if (t == en && i18n_field_has_default(f))
		t = ui ? dgettext(I18N_DOMAIN, en) : i18n_cat_get(cat, NULL, en);
	return t;
}

const char *
i18n_qn(const qn *q, i18n_field f, size_t index, size_t sub)
{
	return lookup(NULL, true, q, f, index, sub);
}

const char *
i18n_cat_qn(const i18n_cat *cat, const qn *q, i18n_field f, size_t index,
	    size_t sub)
{
	return lookup(cat, false, q, f, index, sub);
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

const char *
i18n_qn_title(const qn *q)
{
	return or_empty(i18n_qn(q, I18N_QN_TITLE, 0, 0));
}

const char *
i18n_section_title(const qn *q, size_t section)
{
	return or_empty(i18n_qn(q, I18N_SECTION_TITLE, section, 0));
}

const char *
i18n_section_heading(const qn *q, size_t section)
{
	return or_empty(i18n_qn(q, I18N_SECTION_HEADING, section, 0));
}

const char *
i18n_item_title(const qn *q, size_t item)
{
	return or_empty(i18n_qn(q, I18N_ITEM_TITLE, item, 0));
}

const char *
i18n_item_guidance(const qn *q, size_t item)
{
	return or_empty(i18n_qn(q, I18N_ITEM_GUIDANCE, item, 0));
}

const char *
i18n_item_explain_label(const qn *q, size_t item)
{
	return or_empty(i18n_qn(q, I18N_ITEM_EXPLAIN_LABEL, item, 0));
}

const char *
i18n_choice_label(const qn *q, size_t item, size_t choice)
{
	return or_empty(i18n_qn(q, I18N_ITEM_CHOICE, item, choice));
}

const char *
i18n_choice_label_id(const qn *q, size_t item, const char *choice_id)
{
	if (!q || item >= q->n_items || !choice_id)
		return NULL;
	for (size_t c = 0; c < q->items[item].n_choices; c++)
		if (!strcmp(q->items[item].choices[c].id, choice_id))
			return i18n_choice_label(q, item, c);
	return NULL;
}

const char *
i18n_item_message(const qn *q, size_t item, i18n_field f)
{
	if (f < I18N_ITEM_MSG_REQUIRED || f > I18N_ITEM_MSG_PATTERN)
		return "";
	return or_empty(i18n_qn(q, f, item, 0));
}
