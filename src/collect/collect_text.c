/* Text helpers of the collector: showing file names and answers safely,
 * country keys and slugs, and answers laid out by the text export's
 * layout (export.h). */
#include "collect_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "itype.h"
#include "utext.h"
#include "utext_show.h"

void
collect_show_bytes(sbuf *b, const char *s)
{
	utext_show(b, s, strlen(s), 0);
}

char *
collect_show_dup(const char *s)
{
	sbuf b = SBUF_INIT;

	collect_show_bytes(&b, s);
	return sbuf_take(&b, NULL);
}

char *
collect_one_line(const char *s)
{
	sbuf b = SBUF_INIT;

	export_one_line(&b, s ? s : "", s ? strlen(s) : 0);
	return sbuf_take(&b, NULL);
}

size_t
collect_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

char *
collect_fold(const char *s)
{
	/* The trusted keys' countries are compared by the same key, so that
	 * a key trusted for "Thailand" is trusted for the plans collect
	 * groups as Thailand. */
	return sig_country_key(s);
}

void
collect_slug(const char *s, char *out, size_t size)
{
	utf8proc_uint8_t *plain = NULL;
	const char *p;
	size_t n = 0;
	bool dash = false;

	if (size == 0)
		return;
	/* Accents off first, so "Việt Nam" gives "viet-nam". */
	if (s && utf8proc_map((const utf8proc_uint8_t *)s, 0, &plain,
			      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
				      UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
				      UTF8PROC_STRIPMARK) >= 0)
		p = (const char *)plain;
	else
		p = s;
	for (; p && *p && n + 1 < size && n < 60; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n > 0) {
				if (n + 2 >= size || n + 1 >= 60)
					break;
				out[n++] = '-';
			}
			dash = false;
			out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	free(plain);
}

const char *
collect_plan_lang(const plan *p)
{
	long i = p->qn->language_item;
	const char *v;
	size_t n;

	if (i < 0 || (size_t)i >= p->qn->n_items)
		return NULL;
	v = p->answers[i].value;
	if (!v || !*v)
		return NULL;
	n = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789-");
	return n == strlen(v) && n <= 35 ? v : NULL;
}

void
collect_paragraphs(export_layout *l, const char *text)
{
	export_layout_reset(l);
	export_paragraphs(l, text, strlen(text));
}

/* As collect_paragraphs(collect_answer_plain()), without copying the
 * text: the blank line between value and explanation is the layout's. */
void
collect_answer_paragraphs(export_layout *l, const i18n_cat *cat,
			  const plan *p, size_t item)
{
	const qn_item *it = &p->qn->items[item];
	const plan_answer *a = &p->answers[item];

	export_layout_reset(l);
	if (!itype_of(it)->format && !itype_is_many(it) &&
	    a->na_reason == NULL) {
		/* export_value would only copy the text. */
		if (a->value && a->value[0])
			export_paragraphs(l, a->value, strlen(a->value));
	} else {
		sbuf v = SBUF_INIT;

		if (export_value(&v, cat, p, item, false))
			export_paragraphs(l, v.s, v.len);
		if (v.failed)
			sbuf_fail(l->out, v.err);
		sbuf_free(&v);
	}
	if (it->explain && a->explanation && a->explanation[0]) {
		export_blank(l);
		export_paragraphs(l, a->explanation, strlen(a->explanation));
	}
}

void
collect_answer_plain(sbuf *b, const i18n_cat *cat, const plan *p,
		     size_t item)
{
	const qn_item *it = &p->qn->items[item];
	const plan_answer *a = &p->answers[item];
	bool value = export_value(b, cat, p, item, false);

	if (it->explain && a->explanation && a->explanation[0]) {
		if (value)
			sbuf_str(b, "\n\n");
		sbuf_str(b, a->explanation);
	}
}

static size_t
count_cp(const char *s)
{
	return s ? utext_count(s, strlen(s)) : 0;
}

size_t
collect_answer_chars(const plan *p, size_t item)
{
	const plan_answer *a = &p->answers[item];
	size_t n = count_cp(a->value) + count_cp(a->explanation);

	for (size_t i = 0; i < a->n_values; i++)
		n += count_cp(a->values[i]);
	return n;
}
