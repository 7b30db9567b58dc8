/* Validation of answers against their item's type and constraints. Messages
 * from the questionnaire are used as text, never as printf formats. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "utext.h"

void
val_list_finish(val_list *list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < list->n; i++)
		free(list->v[i].message);
	free(list->v);
	list->v = NULL;
	list->n = 0;
	list->cap = 0;
}

/* Takes ownership of msg (which may be NULL after a failed allocation). */
static void
add_owned(val_list *out, size_t item, char *msg, size_t *count)
{
	val_problem *v;

	(*count)++;
	if (msg == NULL)
		return;
	v = grow_array(out->v, &out->cap, out->n, sizeof(*v), 8);
	if (v == NULL) {
		free(msg);
		return;
	}
	out->v = v;
	out->v[out->n].item = item;
	out->v[out->n].message = msg;
	out->n++;
}

static void
add(val_list *out, size_t item, const char *msg, size_t *count)
{
	add_owned(out, item, strdup(msg), count);
}

/* The questionnaire's max_length message with each "%zu" replaced by the
 * limit and "%%" by "%"; anything else is copied as it is, so a stray
 * conversion in a questionnaire can do no harm. */
static char *
format_limit(const char *msg, size_t limit)
{
	char num[32];
	size_t nlen, need = 1, o = 0;
	char *s;

	nlen = (size_t)snprintf(num, sizeof(num), "%zu", limit);
	for (const char *c = msg; *c != '\0'; c++)
		need += nlen; /* generous: every byte could become a number */
	s = malloc(need);
	if (s == NULL)
		return NULL;
	for (const char *c = msg; *c != '\0';) {
		if (strncmp(c, "%zu", 3) == 0) {
			memcpy(s + o, num, nlen);
			o += nlen;
			c += 3;
		} else if (strncmp(c, "%%", 2) == 0) {
			s[o++] = '%';
			c += 2;
		} else {
			s[o++] = *c++;
		}
	}
	s[o] = '\0';
	return s;
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* YYYY-MM (month) or YYYY-MM-DD naming a real day; years 1 to 9999. */
static bool
valid_date(const char *s, bool month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	size_t len = strlen(s);
	int y, m, d, max;

	if (len != (month ? 7u : 10u) || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2))
		return false;
	y = num(s, 4);
	m = num(s + 5, 2);
	if (y < 1 || m < 1 || m > 12)
		return false;
	if (month)
		return true;
	if (s[7] != '-' || !digits(s + 8, 2))
		return false;
	d = num(s + 8, 2);
	max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d >= 1 && d <= max;
}

static bool
email_local_char(unsigned char c)
{
	if (c >= 0x80)
		return true; /* UTF-8 local parts (RFC 6531) */
	if (c <= 0x20 || c == 0x7f)
		return false;
	return strchr("\"(),:;<>@[\\]", c) == NULL;
}

static bool
email_domain_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* A sane address, not RFC 5322 in full: local@domain.tld with no spaces or
 * quoting, dots only between parts, labels of letters, digits and '-', and
 * a top-level label of two or more characters that is not all digits. */
static bool
valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dom, *label;
	size_t len = strlen(s), local;
	bool tld_digits = true;
	size_t tld_len = 0;
	int labels = 0;

	if (at == NULL || strchr(at + 1, '@') != NULL || len > 254)
		return false;
	local = (size_t)(at - s);
	if (local == 0 || local > 64 || s[0] == '.' || at[-1] == '.')
		return false;
	for (size_t i = 0; i < local; i++) {
		if (!email_local_char((unsigned char)s[i]))
			return false;
		if (s[i] == '.' && s[i + 1] == '.')
			return false;
	}
	dom = at + 1;
	label = dom;
	for (const char *c = dom;; c++) {
		if (*c == '.' || *c == '\0') {
			size_t n = (size_t)(c - label);

			if (n == 0 || n > 63 || label[0] == '-' ||
			    c[-1] == '-')
				return false;
			labels++;
			tld_len = n;
			tld_digits = digits(label, n);
			if (*c == '\0')
				break;
			label = c + 1;
		} else if (!email_domain_char((unsigned char)*c)) {
			return false;
		}
	}
	return labels >= 2 && tld_len >= 2 && !tld_digits;
}

static bool
in_choices(const qn_item *it, const char *s)
{
	for (size_t i = 0; i < it->n_choices; i++)
		if (strcmp(it->choices[i].id, s) == 0)
			return true;
	return false;
}

/* Text that holds nothing but spaces and line ends does not answer. */
static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

static bool
has_value(const qn_item *it, const plan_answer *a)
{
	return it->type == QN_MULTI ? a->n_values > 0 : !blank(a->value);
}

size_t
validate_char_count(const char *s, size_t len)
{
	size_t p = 0, n = 0;

	while (p < len) {
		p = utext_cluster_end(s, len, p);
		n++;
	}
	return n;
}

/* Messages come in the language of messages (i18n.h), the questionnaire's
 * own ones included. */
static void
check_length(const qn *q, size_t item, const char *s, val_list *out,
	     size_t *count)
{
	const qn_item *it = &q->items[item];
	size_t len;

	if (s == NULL || it->max_length == 0)
		return;
	/* No more characters than code points, nor code points than
	 * bytes: most answers need no counting of clusters. */
	len = strlen(s);
	if (len <= it->max_length || utext_count(s, len) <= it->max_length ||
	    validate_char_count(s, len) <= it->max_length)
		return;
	add_owned(out, item,
		  format_limit(i18n_item_message(q, item,
						 I18N_ITEM_MSG_MAX_LENGTH),
			       it->max_length),
		  count);
}

static void
check_pattern(const qn *q, size_t item, const char *s, val_list *out,
	      size_t *count)
{
	switch (qn_pattern_match(&q->items[item], s)) {
	case 1:
		break;
	case 0:
		add(out, item,
		    i18n_item_message(q, item, I18N_ITEM_MSG_PATTERN), count);
		break;
	default:
		add(out, item,
		    _("the questionnaire's pattern for this item is not a "
		      "valid regular expression"),
		    count);
		break;
	}
}

static const char *
choose_message(const qn_item *it)
{
	switch (it->type) {
	case QN_YESNO:
		return _("choose yes or no");
	case QN_MULTI:
		return _("choose one or more of the choices");
	default:
		return _("choose one of the choices");
	}
}

size_t
validate_item(const plan *p, size_t item, bool complete, val_list *out)
{
	const qn_item *it;
	const plan_answer *a;
	const char *v;
	size_t count = 0;
	bool type_ok = true;

	if (item >= p->qn->n_items || !plan_item_shown(p, item))
		return 0;
	it = &p->qn->items[item];
	a = &p->answers[item];
	v = a->value;

	if (!has_value(it, a)) {
		if (complete && it->explain && !blank(a->explanation))
			add(out, item, choose_message(it), &count);
		else if (complete && it->required)
			add(out, item,
			    i18n_item_message(p->qn, item,
					      I18N_ITEM_MSG_REQUIRED),
			    &count);
	}

	if (it->type == QN_MULTI) {
		for (size_t i = 0; i < a->n_values; i++) {
			if (!in_choices(it, a->values[i])) {
				add(out, item,
				    i18n_item_message(p->qn, item,
						      I18N_ITEM_MSG_CHOICE),
				    &count);
				break;
			}
		}
	} else if (v != NULL) {
		switch (it->type) {
		case QN_YESNO:
			type_ok = strcmp(v, "yes") == 0 || strcmp(v, "no") == 0;
			if (!type_ok)
				add(out, item, _("expected yes or no"),
				    &count);
			break;
		case QN_CHOICE:
			type_ok = in_choices(it, v);
			if (!type_ok)
				add(out, item,
				    i18n_item_message(p->qn, item,
						      I18N_ITEM_MSG_CHOICE),
				    &count);
			break;
		case QN_DATE:
			type_ok = valid_date(v, it->month_precision);
			if (!type_ok)
				add(out, item,
				    it->month_precision
					    ? _("expected a month like 2000-01")
					    : _("expected a date like "
						"2000-01-31"),
				    &count);
			break;
		case QN_EMAIL:
			type_ok = valid_email(v);
			if (!type_ok)
				add(out, item,
				    _("expected an e-mail address like "
				      "name@example.org"),
				    &count);
			break;
		default:
			break;
		}
		check_length(p->qn, item, v, out, &count);
		if (type_ok)
			check_pattern(p->qn, item, v, out, &count);
	}
	if (it->explain)
		check_length(p->qn, item, a->explanation, out, &count);
	return count;
}

size_t
validate_plan(const plan *p, bool complete, val_list *out)
{
	size_t count = 0;

	for (size_t i = 0; i < p->qn->n_items; i++)
		count += validate_item(p, i, complete, out);
	return count;
}

void
validate_progress(const plan *p, size_t *answered, size_t *required)
{
	size_t done = 0, all = 0;

	for (size_t i = 0; i < p->qn->n_items; i++) {
		const qn_item *it = &p->qn->items[i];

		if (!it->required || !plan_item_shown(p, i))
			continue;
		all++;
		if (has_value(it, &p->answers[i]))
			done++;
	}
	if (answered != NULL)
		*answered = done;
	if (required != NULL)
		*required = all;
}
