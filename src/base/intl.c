/* Translations of the program's own messages at run time: gettext with
 * contexts, and the language of messages (--lang). */
#include "intl.h"

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
