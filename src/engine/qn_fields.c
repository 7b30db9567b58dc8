/* The questionnaire loader: one field of a mapping read and checked
 * (kind, text, id, flag, count), ids, and the problems it reports. */
#include "qn_load.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "itype.h"
#include "utext.h"
#include "ydoc.h"

void
qnl_err(loader *ld, const yd_node *at, const char *item, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->diags, DIAG_ERROR, ld->name, at ? at->line : 0,
		  at ? at->col : 0, item, fmt, ap);
	va_end(ap);
	ld->failed = true;
}

char *
qnl_dup_text(loader *ld, const char *s, const yd_node *at)
{
	char *r = strdup(s);

	if (r == NULL)
		qnl_err(ld, at, NULL, _("out of memory"));
	return r;
}

bool
ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Ids go into plan files as mapping keys: keep them plain and portable. */
static bool
valid_id(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > MAX_ID)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		      c == '_'))
			return false;
	}
	return true;
}

bool
qn_id_ok(const char *s, size_t len)
{
	return valid_id(s, len);
}

/* Reports every key of map not in allowed (NULL-terminated). */
void
qnl_check_keys(loader *ld, const yd_node *map, const char *const *allowed,
	   const char *where, const char *item)
{
	size_t i, j;
	char sb[UTEXT_EXCERPT_SIZE];

	for (i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->str;
		bool known = false;

		for (j = 0; allowed[j] != NULL && !known; j++)
			known = strcmp(k, allowed[j]) == 0;
		if (!known)
			qnl_err(ld, map->keys[i], item, _("unknown key \"%s\" in %s"),
			    utext_excerpt(sb, k), _(where));
	}
}

/* The value of key, or NULL; when required, a missing key is reported at
 * the mapping. */
const yd_node *
qnl_field(loader *ld, const yd_node *map, const char *key, bool required,
      const char *where, const char *item)
{
	const yd_node *v = yd_map_get(map, key);

	if (v == NULL && required)
		qnl_err(ld, map, item, _("missing key \"%s\" in %s"), key,
		    _(where));
	return v;
}

/* The value of key when it is of this kind. NULL when absent (an error
 * when required) or of another kind (an error). */
const yd_node *
qnl_get_kind(loader *ld, const yd_node *map, const char *key, bool required,
	 const char *where, const char *item, yd_kind kind)
{
	const yd_node *v = qnl_field(ld, map, key, required, where, item);

	if (v == NULL || v->kind == kind)
		return v;
	qnl_err(ld, v, item,
	    kind == YD_SCALAR ? _("\"%s\" must be a text, not %s")
	    : kind == YD_SEQ  ? _("\"%s\" must be a list, not %s")
			      : _("\"%s\" must be a mapping, not %s"),
	    key, yd_kind_name(v));
	return NULL;
}

/* A text value. Absent or null: *out stays NULL (an error if required). */
void
qnl_get_text(loader *ld, const yd_node *map, const char *key, bool required,
	 const char *where, const char *item, char **out)
{
	const yd_node *v = qnl_get_kind(ld, map, key, required, where, item,
				    YD_SCALAR);

	*out = NULL;
	if (v == NULL)
		return;
	if (yd_is_null(v) || (required && v->len == 0)) {
		if (required)
			qnl_err(ld, v, item, _("\"%s\" is empty"), key);
		return;
	}
	if (v->len > MAX_TEXT) {
		qnl_err(ld, v, item, _("\"%s\" is longer than %d bytes"), key,
		    MAX_TEXT);
		return;
	}
	*out = qnl_dup_text(ld, v->str, v);
}

/* Like get_text, for ids (letters, digits, '-', '.', '_'). */
void
qnl_get_id(loader *ld, const yd_node *map, const char *key, const char *where,
       const char *item, char **out)
{
	const yd_node *v = qnl_get_kind(ld, map, key, true, where, item,
				    YD_SCALAR);
	char sb[UTEXT_EXCERPT_SIZE];

	*out = NULL;
	if (v == NULL)
		return;
	if (!valid_id(v->str, v->len)) {
		qnl_err(ld, v, item,
		    _("\"%s\" is not a valid %s: use 1 to %d letters, "
		      "digits, '-', '.' and '_'"),
		    utext_excerpt(sb, v->str), key, MAX_ID);
		return;
	}
	*out = qnl_dup_text(ld, v->str, v);
}

void
qnl_get_bool(loader *ld, const yd_node *map, const char *key, const char *item,
	 bool *out)
{
	const yd_node *v = yd_map_get(map, key);

	if (v == NULL)
		return;
	if (v->kind == YD_SCALAR && v->plain &&
	    (strcmp(v->str, "true") == 0 || strcmp(v->str, "True") == 0 ||
	     strcmp(v->str, "TRUE") == 0)) {
		*out = true;
		return;
	}
	if (v->kind == YD_SCALAR && v->plain &&
	    (strcmp(v->str, "false") == 0 || strcmp(v->str, "False") == 0 ||
	     strcmp(v->str, "FALSE") == 0)) {
		*out = false;
		return;
	}
	qnl_err(ld, v, item, _("\"%s\" must be true or false"), key);
}

/* A whole number in [min, max]; absent leaves *out. */
void
qnl_get_count(loader *ld, const yd_node *map, const char *key, bool required,
	  const char *where, const char *item, long min, long max, long *out)
{
	const yd_node *v = qnl_field(ld, map, key, required, where, item);
	long n = 0;
	size_t i;

	if (v == NULL)
		return;
	if (v->kind != YD_SCALAR || v->len == 0 || v->len > 12)
		goto bad;
	for (i = 0; i < v->len; i++) {
		if (v->str[i] < '0' || v->str[i] > '9')
			goto bad;
		n = n * 10 + (v->str[i] - '0');
	}
	if (n < min || n > max)
		goto bad;
	*out = n;
	return;
bad:
	qnl_err(ld, v, item, _("\"%s\" must be a whole number from %ld to %ld"), key,
	    min, max);
}

/* ---- item index ---- */

/* Index of the item with this id, or -1. */
long
qnl_index_find(const qn *q, const char *id)
{
	size_t i;

	return strindex_get(&q->index, id, &i) ? (long)i : -1;
}

/* Checks the item's pattern and keeps it compiled for validation. */
void
qnl_check_pattern(loader *ld, const yd_node *at, qn_item *it)
{
	char msg[320];

	if (!qn_pattern_compile(it->pattern, &it->pattern_re, msg,
				sizeof(msg)))
		qnl_err(ld, at, it->id, "%s", msg);
}

/* The max_length message is used as a printf format by whoever shows it:
 * it may hold one %zu and %% and nothing else. */
bool
qnl_safe_size_format(const char *s)
{
	int n_zu = 0;

	for (; *s; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
		} else if (s[1] == 'z' && s[2] == 'u') {
			if (++n_zu > 1)
				return false;
			s += 2;
		} else {
			return false;
		}
	}
	return true;
}
