/* Item type "country": a country of ISO 3166-1, picked from iso-codes'
 * list (country.h) and stored by its alpha-3 code with its English name:
 *   country: {code: THA, name: Thailand}
 * A plain text (older plans, or a country iso-codes does not know) is read
 * as the country it names in any of the four languages, else kept as free
 * text with a warning that names the closest countries. */
#include "itype.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "country.h"
#include "intl.h"
#include "utext.h"

static const country_db *
db(void)
{
	return country_db_default(NULL);
}

/* The country a value names by its code, or NULL for free text. */
static const country *
of_value(const char *value)
{
	const country *c = value ? country_by_code(db(), value) : NULL;

	/* Only the alpha-3 code as stored, not "th" typed as free text. */
	return c && strcmp(c->alpha3, value) == 0 ? c : NULL;
}

const char *
itype_country_name(const char *value, const char *lang)
{
	const country *c = of_value(value);

	if (c != NULL)
		return country_name(db(), c, lang);
	return value ? value : "";
}

void
itype_country_stem(const char *value, char *out, size_t size)
{
	const country *c = of_value(value);
	utf8proc_uint8_t *plain = NULL;
	const char *p = value;
	size_t n = 0;
	bool dash = false;

	if (size == 0)
		return;
	out[0] = '\0';
	if (value == NULL || size < 16)
		return;
	if (c != NULL) {
		for (; n < 3; n++)
			out[n] = (char)(c->alpha3[n] - 'A' + 'a');
		out[n] = '\0';
		return;
	}
	/* Accents off first, so "Việt Nam" gives "viet-nam". */
	if (utf8proc_map((const utf8proc_uint8_t *)value, 0, &plain,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
				 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) >= 0)
		p = (const char *)plain;
	/* Room kept for the hash suffix. */
	for (; *p && n + 11 < size && n < 40; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
			dash = n > 0;
			continue;
		}
		if (dash)
			out[n++] = '-';
		dash = false;
		out[n++] = (char)ch;
	}
	out[n] = '\0';
	free(plain);
	if (n == 0 && value[0] != '\0') {
		/* No Latin letter: a name in another script gets a hash of
		 * its text (FNV-1a), stable between runs and machines. */
		uint32_t h = 2166136261u;

		for (const char *s = value; *s; s++)
			h = (h ^ (unsigned char)*s) * 16777619u;
		snprintf(out, size, "country-%08x", (unsigned)h);
	}
}

static size_t
n_options(const qn_item *it)
{
	return country_count(db());
}

static const char *
option_id(const qn_item *it, size_t k)
{
	const country *c = country_at(db(), k);

	return c ? c->alpha3 : "";
}

/* "ไทย (THA)": the name in the language of messages, and the code people
 * also type. Lives until the next call on the same thread. */
static const char *
option_label(const qn *q, size_t item, size_t k)
{
	static _Thread_local char buf[256];
	const country *c = country_at(db(), k);

	if (c == NULL)
		return "";
	snprintf(buf, sizeof(buf), "%s (%s)",
		 country_name(db(), c, i18n_ui_language()), c->alpha3);
	return buf;
}

/* Countries as option indexes: up to max of the n (of which have room
 * were found); returns n. */
static size_t
as_options(const country *const *c, size_t n, size_t room, size_t *options,
	   size_t max)
{
	for (size_t i = 0; i < n && i < max && i < room; i++)
		options[i] = country_index(db(), c[i]);
	return n;
}

/* Codes and every name in the four languages, as country_filter finds
 * them. */
static size_t
filter(const qn_item *it, const char *text, size_t *options, size_t max)
{
	const country *c[1024];

	return as_options(c, country_filter(db(), text, c, 1024), 1024,
			  options, max);
}

/* The warning for a name that is no country of the list: the closest
 * ones, in the reader's language (a check reads them). */
static char *
not_a_country(const char *text, size_t n_match)
{
	const country *c[3];
	size_t n = country_closest(db(), text, c, 3);
	char shown[UTEXT_EXCERPT_SIZE];
	sbuf near = SBUF_INIT, w = SBUF_INIT;

	for (size_t i = 0; i < n; i++)
		sbuf_printf(&near, "%s%s (%s)", i ? ", " : "",
			    country_name(db(), c[i], i18n_ui_language()),
			    c[i]->alpha3);
	utext_excerpt(shown, text);
	if (n_match > 1)
		sbuf_printf(&w, _("\"%s\" names more than one country of ISO "
				  "3166-1; kept as free text (pick one: %s)"),
			    shown, sbuf_cstr(&near));
	else if (n > 0)
		sbuf_printf(&w, _("\"%s\" is not a country of ISO 3166-1; "
				  "kept as free text (did you mean %s?)"),
			    shown, sbuf_cstr(&near));
	else
		sbuf_printf(&w, _("\"%s\" is not a country of ISO 3166-1; "
				  "kept as free text"), shown);
	sbuf_free(&near);
	return sbuf_take(&w, NULL);
}

static void
read_text(const char *text, itype_read *r)
{
	const country *c[2];
	size_t n;

	r->value = text;
	if (db() == NULL)
		return; /* free text: the program said once why */
	n = country_match(db(), text, c, 2);
	if (n == 1)
		r->value = c[0]->alpha3;
	else
		r->warning = not_a_country(text, n);
}

static void
read_map(const yd_node *n, itype_read *r)
{
	const yd_node *code = NULL, *name = NULL;
	const country *byc, *byn[2];

	for (size_t i = 0; i < n->n; i++) {
		if (strcmp(n->keys[i]->str, "code") == 0) {
			code = n->items[i];
		} else if (strcmp(n->keys[i]->str, "name") == 0) {
			name = n->items[i];
		} else {
			r->error = _("unknown key (expected code and name)");
			r->at = n->keys[i];
			return;
		}
	}
	if (code == NULL || code->kind != YD_SCALAR || code->len == 0) {
		r->error = _("a country needs its code (ISO 3166-1 alpha-3)");
		r->at = code;
		return;
	}
	if (name != NULL && (name->kind != YD_SCALAR || name->len == 0))
		name = NULL;
	if (db() == NULL) {
		r->value = name ? name->str : code->str;
		return;
	}
	byc = country_by_code(db(), code->str);
	if (byc == NULL || strcmp(byc->alpha3, code->str) != 0) {
		r->error = _("not a country code of ISO 3166-1 (three capital "
			     "letters, such as THA)");
		r->at = code;
		return;
	}
	if (name != NULL && country_match(db(), name->str, byn, 2) == 1 &&
	    byn[0] != byc) {
		/* Both named, in the reader's language; the message lives
		 * until the next one on this thread (the loader copies
		 * it). */
		static _Thread_local char both[512];
		const char *lang = i18n_ui_language();
		char shown[UTEXT_EXCERPT_SIZE];

		utext_excerpt(shown, name->str);
		snprintf(both, sizeof(both),
			 _("the code %s is %s but the name \"%s\" is %s (%s): "
			   "two different countries"),
			 byc->alpha3, country_name(db(), byc, lang), shown,
			 country_name(db(), byn[0], lang), byn[0]->alpha3);
		r->error = both;
		r->at = name;
		return;
	}
	r->value = byc->alpha3;
}

static void
read_answer(const qn_item *it, const yd_node *n, itype_read *r)
{
	if (n->kind == YD_SCALAR)
		read_text(n->str, r);
	else if (n->kind == YD_MAP)
		read_map(n, r);
	else
		r->error = _("expected a country: a name, or code and name");
}

static void
write_answer(yemit *em, const qn_item *it, const char *value)
{
	const country *c = of_value(value);

	if (c == NULL) {
		yemit_string(em, value);
		return;
	}
	yemit_map(em, true);
	yemit_key(em, "code");
	yemit_string(em, c->alpha3);
	yemit_key(em, "name");
	yemit_string(em, c->name);
	yemit_map(em, false);
}

/* A government document names the country officially ("Kingdom of
 * Thailand"), in the plan's language. */
static void
format(sbuf *b, const i18n_cat *cat, const qn *q, size_t item,
       const plan_answer *a, bool month_year)
{
	const country *c = of_value(a->value);

	if (c == NULL)
		sbuf_str(b, a->value);
	else
		sbuf_str(b, country_official_name(db(), c, i18n_cat_lang(cat)));
}

/* A typed name or code: the countries it names exactly. */
static size_t
match(const qn_item *it, const char *text, size_t *options, size_t max)
{
	const country *c[8];

	return as_options(c, country_match(db(), text, c, 8), 8, options,
			  max);
}

static const char *
line_hint(const qn_item *it)
{
	return _("Type the country's name in any language, or its code "
		 "(such as THA). An empty line keeps the current answer.");
}

const itype itype_country = {
	.name = "country",
	.input = ITYPE_ONE,
	.n_options = n_options,
	.option_id = option_id,
	.option_label = option_label,
	.filter = filter,
	.match = match,
	.no_match = N_("no country has that name"),
	.line_hint = line_hint,
	.read = read_answer,
	.write = write_answer,
	.format = format,
};
