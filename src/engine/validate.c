/* Validation of answers against their item's type and constraints. Messages
 * from the questionnaire are used as text, never as printf formats. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "itype.h"
#include "utext.h"
#include "utext_show.h"

void
val_list_free(val_list *list)
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
	out->v[out->n].carried = false;
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

/* "carried over from revision 4, not reviewed", marked as such. */
static void
add_carried(const plan *p, size_t item, val_list *out, size_t *count)
{
	char msg[512];
	size_t n = out->n;

	/* Revision 0 is a draft never made final: no revision to name. */
	if (p->answers[item].carried_from == 0)
		snprintf(msg, sizeof(msg), "%s",
			 _("carried over, not reviewed"));
	else
		snprintf(msg, sizeof(msg),
			 _("carried over from revision %lu, not reviewed"),
			 p->answers[item].carried_from);
	add(out, item, msg, count);
	if (out->n > n)
		out->v[n].carried = true;
}

/* An item marked "does not apply": the mark allowed, the reason given on
 * one line. */
static void
check_na(const plan *p, size_t item, val_list *out, size_t *count)
{
	const char *r = p->answers[item].na_reason;

	if (!p->qn->items[item].allow_na)
		add(out, item,
		    _("the questionnaire does not allow this item to be "
		      "marked as not applying"), count);
	else if (itype_blank(r))
		add(out, item, _("say why the item does not apply"), count);
	else if (strchr(r, '\n') != NULL)
		add(out, item,
		    _("the reason why the item does not apply must be one "
		      "line"), count);
	else if (utext_count(r, strlen(r)) > VALIDATE_NA_MAX)
		add_owned(out, item,
			  format_limit(_("the reason why the item does not "
					 "apply may have at most %zu "
					 "characters"), VALIDATE_NA_MAX),
			  count);
}

size_t
validate_item(const plan *p, size_t item, bool complete, val_list *out)
{
	const qn_item *it;
	const plan_answer *a;
	const itype *ty;
	const char *v;
	size_t count = 0;

	if (item >= p->qn->n_items || !plan_item_shown(p, item))
		return 0;
	it = &p->qn->items[item];
	a = &p->answers[item];
	v = a->value;

	ty = itype_of(it);
	if (a->na_reason != NULL) {
		check_na(p, item, out, &count);
		if (complete && a->carried)
			add_carried(p, item, out, &count);
		return count;
	}
	if (!itype_has_value(it, a)) {
		if (complete && it->explain && ty->choose &&
		    !itype_blank(a->explanation))
			add(out, item, _(ty->choose), &count);
		else if (complete && it->required)
			add(out, item,
			    i18n_item_message(p->qn, item,
					      I18N_ITEM_MSG_REQUIRED),
			    &count);
	}
	if (itype_is_many(it) ? a->n_values > 0 : v != NULL) {
		const char *msg = ty->problem ? ty->problem(p->qn, item, a)
					      : NULL;

		if (msg)
			add(out, item, msg, &count);
		if (v != NULL && !itype_is_many(it)) {
			check_length(p->qn, item, v, out, &count);
			if (msg == NULL)
				check_pattern(p->qn, item, v, out, &count);
		}
	}
	if (it->explain)
		check_length(p->qn, item, a->explanation, out, &count);
	if (complete && a->carried)
		add_carried(p, item, out, &count);
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
		if (itype_has_value(it, &p->answers[i]) ||
		    (it->allow_na && p->answers[i].na_reason != NULL))
			done++;
	}
	if (answered != NULL)
		*answered = done;
	if (required != NULL)
		*required = all;
}

size_t
validate_carried(const plan *p, val_list *out)
{
	size_t count = 0;

	for (size_t i = 0; i < p->qn->n_items; i++)
		if (p->answers[i].carried && plan_item_shown(p, i))
			add_carried(p, i, out, &count);
	return count;
}

bool
validate_only_carried(const val_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		if (!list->v[i].carried)
			return false;
	return list->n > 0;
}

/* The first bidirectional control in s (0 when none) and how many. */
static uint32_t
first_bidi(const char *s, size_t *count)
{
	size_t len = s ? strlen(s) : 0, pos = 0;
	uint32_t cp, first = 0;

	*count = 0;
	while (pos < len) {
		pos += utext_shown_run(s + pos, len - pos,
				       UTEXT_KEEP_TAB | UTEXT_KEEP_NEWLINE);
		if (pos >= len)
			break;
		cp = utext_next(s, len, &pos);
		if (utext_bidi_control(cp)) {
			if (first == 0)
				first = cp;
			(*count)++;
		}
	}
	return first;
}

size_t
validate_warnings(const plan *p, val_list *out)
{
	size_t count = 0, n, n2;
	uint32_t cp, cp2;
	char buf[256];

	for (size_t i = 0; i < p->qn->n_items; i++) {
		const plan_answer *a = &p->answers[i];

		cp = first_bidi(a->value, &n);
		cp2 = first_bidi(a->explanation, &n2);
		if (cp == 0)
			cp = cp2;
		n += n2;
		cp2 = first_bidi(a->na_reason, &n2);
		if (cp == 0)
			cp = cp2;
		n += n2;
		for (size_t k = 0; k < a->n_values; k++) {
			cp2 = first_bidi(a->values[k], &n2);
			if (cp == 0)
				cp = cp2;
			n += n2;
		}
		if (n == 0)
			continue;
		snprintf(buf, sizeof(buf),
			 dngettext(I18N_DOMAIN, "%zu bidirectional control character (the "
				  "first U+%04X): it makes the text around it "
				  "read in another order; outputs show it as "
				  "<U+%04X>",
				  "%zu bidirectional control characters (the "
				  "first U+%04X): they make the text around them "
				  "read in another order; outputs show them as "
				  "<U+%04X>",
				  (unsigned long)n),
			 n, (unsigned)cp, (unsigned)cp);
		add(out, i, buf, &count);
	}
	return count;
}
