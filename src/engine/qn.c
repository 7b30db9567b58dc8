/* Loads and checks questionnaire files (questionnaires/README.md): every
 * mistake is reported with file:line:col, and nothing half-checked is used. */
#include "qn_int.h"

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

#define FORMAT_PREFIX "actionplan-questionnaire/"
#define FORMAT_VERSION 1
#define MAX_ITEMS 10000
#define MAX_SECTIONS 1000
#define MAX_KEYS 16
#define MAX_CHOICES 1000
#define MAX_WHEN_VALUES 1000
#define MAX_TEXT 65536        /* bytes in a title, guidance, message... */
#define MAX_SHORT 32          /* bytes in a number or a section key */
#define MAX_VERSION 1000000000L
#define MAX_MAX_LENGTH 10000000L

typedef struct loader {
	const char *name;
	diag_list *diags;
	bool failed;
	qn *q;
	const yd_node **when_nodes; /* per item, checked once all are known */
	const yd_node *roles;
	const yd_node *plan_title_node;
} loader;

const char *
qn_type_name(qn_type type)
{
	return itype_get(type)->name;
}

static void
err(loader *ld, const yd_node *at, const char *item, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void
err(loader *ld, const yd_node *at, const char *item, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->diags, DIAG_ERROR, ld->name, at ? at->line : 0,
		  at ? at->col : 0, item, fmt, ap);
	va_end(ap);
	ld->failed = true;
}

static char *
dup_text(loader *ld, const char *s, const yd_node *at)
{
	char *r = strdup(s);

	if (r == NULL)
		err(ld, at, NULL, _("out of memory"));
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

/* Reports every key of map not in allowed (NULL-terminated). */
static void
check_keys(loader *ld, const yd_node *map, const char *const *allowed,
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
			err(ld, map->keys[i], item, _("unknown key \"%s\" in %s"),
			    utext_excerpt(sb, k), _(where));
	}
}

/* The value of key, or NULL; when required, a missing key is reported at
 * the mapping. */
static const yd_node *
field(loader *ld, const yd_node *map, const char *key, bool required,
      const char *where, const char *item)
{
	const yd_node *v = yd_map_get(map, key);

	if (v == NULL && required)
		err(ld, map, item, _("missing key \"%s\" in %s"), key,
		    _(where));
	return v;
}

/* The value of key when it is of this kind. NULL when absent (an error
 * when required) or of another kind (an error). */
static const yd_node *
get_kind(loader *ld, const yd_node *map, const char *key, bool required,
	 const char *where, const char *item, yd_kind kind)
{
	const yd_node *v = field(ld, map, key, required, where, item);

	if (v == NULL || v->kind == kind)
		return v;
	err(ld, v, item,
	    kind == YD_SCALAR ? _("\"%s\" must be a text, not %s")
	    : kind == YD_SEQ  ? _("\"%s\" must be a list, not %s")
			      : _("\"%s\" must be a mapping, not %s"),
	    key, yd_kind_name(v));
	return NULL;
}

/* A text value. Absent or null: *out stays NULL (an error if required). */
static void
get_text(loader *ld, const yd_node *map, const char *key, bool required,
	 const char *where, const char *item, char **out)
{
	const yd_node *v = get_kind(ld, map, key, required, where, item,
				    YD_SCALAR);

	*out = NULL;
	if (v == NULL)
		return;
	if (yd_is_null(v) || (required && v->len == 0)) {
		if (required)
			err(ld, v, item, _("\"%s\" is empty"), key);
		return;
	}
	if (v->len > MAX_TEXT) {
		err(ld, v, item, _("\"%s\" is longer than %d bytes"), key,
		    MAX_TEXT);
		return;
	}
	*out = dup_text(ld, v->str, v);
}

/* Like get_text, for ids (letters, digits, '-', '.', '_'). */
static void
get_id(loader *ld, const yd_node *map, const char *key, const char *where,
       const char *item, char **out)
{
	const yd_node *v = get_kind(ld, map, key, true, where, item,
				    YD_SCALAR);
	char sb[UTEXT_EXCERPT_SIZE];

	*out = NULL;
	if (v == NULL)
		return;
	if (!valid_id(v->str, v->len)) {
		err(ld, v, item,
		    _("\"%s\" is not a valid %s: use 1 to %d letters, "
		      "digits, '-', '.' and '_'"),
		    utext_excerpt(sb, v->str), key, MAX_ID);
		return;
	}
	*out = dup_text(ld, v->str, v);
}

static void
get_bool(loader *ld, const yd_node *map, const char *key, const char *item,
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
	err(ld, v, item, _("\"%s\" must be true or false"), key);
}

/* A whole number in [min, max]; absent leaves *out. */
static void
get_count(loader *ld, const yd_node *map, const char *key, bool required,
	  const char *where, const char *item, long min, long max, long *out)
{
	const yd_node *v = field(ld, map, key, required, where, item);
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
	err(ld, v, item, _("\"%s\" must be a whole number from %ld to %ld"), key,
	    min, max);
}

/* ---- item index ---- */

/* Index of the item with this id, or -1. */
static long
index_find(const qn *q, const char *id)
{
	size_t i;

	return strindex_get(&q->index, id, &i) ? (long)i : -1;
}

/* Checks the item's pattern and keeps it compiled for validation. */
static void
check_pattern(loader *ld, const yd_node *at, qn_item *it)
{
	char msg[320];

	if (!qn_pattern_compile(it->pattern, &it->pattern_re, msg,
				sizeof(msg)))
		err(ld, at, it->id, "%s", msg);
}

/* The max_length message is used as a printf format by whoever shows it:
 * it may hold one %zu and %% and nothing else. */
static bool
safe_size_format(const char *s)
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

/* ---- items ---- */

static const char *const item_keys[] = {
	"id", "number", "title", "type", "required", "guidance", "choices",
	"explain", "explain_label", "precision", "max_length", "pattern",
	"messages", "when", NULL,
};
static const char *const choice_keys[] = {"id", "label", NULL};
static const char *const message_keys[] = {
	"required", "max_length", "choice", "pattern", NULL,
};
static const char *const when_keys[] = {"item", "is", "in", NULL};

static void
load_choices(loader *ld, const yd_node *node, qn_item *it, const char *id)
{
	const yd_node *list = get_kind(ld, node, "choices",
				       itype_of(it)->choices, N_("the item"),
				       id, YD_SEQ);
	size_t i, j;

	if (list == NULL)
		return;
	if (!itype_of(it)->choices) {
		err(ld, yd_map_get(node, "choices"), id,
		    _("choices are only for items of type choice or multi, "
		      "not %s"), qn_type_name(it->type));
		return;
	}
	if (list->n == 0) {
		err(ld, list, id, _("the list of choices is empty"));
		return;
	}
	if (list->n > MAX_CHOICES) {
		err(ld, list, id, _("more than %d choices"), MAX_CHOICES);
		return;
	}
	it->choices = calloc(list->n, sizeof(*it->choices));
	if (it->choices == NULL) {
		err(ld, list, id, _("out of memory"));
		return;
	}
	for (i = 0; i < list->n; i++) {
		const yd_node *c = list->items[i];
		qn_choice *ch = &it->choices[it->n_choices];

		if (c->kind != YD_MAP) {
			err(ld, c, id,
			    _("a choice must be a mapping with id and label, "
			      "not %s"), yd_kind_name(c));
			continue;
		}
		check_keys(ld, c, choice_keys, N_("a choice"), id);
		get_id(ld, c, "id", N_("a choice"), id, &ch->id);
		get_text(ld, c, "label", true, N_("a choice"), id, &ch->label);
		if (ch->id == NULL || ch->label == NULL) {
			free(ch->id);
			free(ch->label);
			ch->id = ch->label = NULL;
			continue;
		}
		for (j = 0; j < it->n_choices; j++) {
			if (strcmp(it->choices[j].id, ch->id) == 0) {
				err(ld, yd_map_get(c, "id"), id,
				    _("duplicate choice id \"%s\""), ch->id);
				break;
			}
		}
		it->n_choices++;
	}
}

static void
load_messages(loader *ld, const yd_node *node, qn_item *it, const char *id)
{
	const yd_node *m = get_kind(ld, node, "messages", false,
				    N_("the item"), id, YD_MAP);

	if (m != NULL) {
		check_keys(ld, m, message_keys, "messages", id);
		get_text(ld, m, "required", false, "messages", id,
			 &it->msg_required);
		get_text(ld, m, "max_length", false, "messages", id,
			 &it->msg_max_length);
		get_text(ld, m, "choice", false, "messages", id,
			 &it->msg_choice);
		get_text(ld, m, "pattern", false, "messages", id,
			 &it->msg_pattern);
		if (it->msg_max_length != NULL &&
		    !safe_size_format(it->msg_max_length))
			err(ld, yd_map_get(m, "max_length"), id,
			    _("the max_length message may contain %%zu (the "
			      "limit) once and %%%% (a percent sign), no other "
			      "%%"));
	}
	if (it->msg_required == NULL)
		it->msg_required = dup_text(ld, N_("an answer is required"), node);
	if (it->msg_max_length == NULL)
		it->msg_max_length = dup_text(
			ld, N_("the answer is longer than %zu characters"), node);
	if (it->msg_choice == NULL)
		it->msg_choice = dup_text(ld, N_("not one of the choices"), node);
	if (it->msg_pattern == NULL)
		it->msg_pattern = dup_text(
			ld, N_("the answer does not have the expected form"),
			node);
}

/* Fills *it from an item mapping. Problems are reported; what could be
 * read is kept so that later checks (duplicates, conditions) still run. */
static void
load_item(loader *ld, const yd_node *node, qn_item *it, size_t section)
{
	const yd_node *v;
	const char *id;
	long max_len = 0;
	char *prec = NULL;
	bool type_known = true;
	char sb[UTEXT_EXCERPT_SIZE];

	it->section = section;
	it->when_item = -1;
	it->line = node->line;
	it->col = node->col;
	get_id(ld, node, "id", N_("the item"), NULL, &it->id);
	id = it->id;
	check_keys(ld, node, item_keys, N_("an item"), id);
	get_text(ld, node, "number", false, N_("the item"), id, &it->number);
	if (it->number != NULL) {
		size_t i;

		for (i = 0; it->number[i]; i++)
			if (it->number[i] == ' ' || it->number[i] == '\t' ||
			    it->number[i] == '\n')
				break;
		if (it->number[i] || strlen(it->number) > MAX_SHORT)
			err(ld, yd_map_get(node, "number"), id,
			    _("\"number\" must be at most %d characters "
			      "without spaces"), MAX_SHORT);
	} else {
		it->number = dup_text(ld, "", node);
	}
	get_text(ld, node, "title", true, N_("the item"), id, &it->title);
	get_text(ld, node, "guidance", false, N_("the item"), id, &it->guidance);
	if (it->guidance == NULL)
		it->guidance = dup_text(ld, "", node);

	/* Until the type is known, checks that depend on it are skipped:
	 * one typo should give one problem. */
	it->type = QN_TEXT;
	v = field(ld, node, "type", true, N_("the item"), id);
	if (v == NULL) {
		type_known = false;
	} else {
		type_known = v->kind == YD_SCALAR &&
			     itype_by_name(v->str, &it->type) != NULL;
		if (!type_known)
			err(ld, v, id, _("unknown type \"%s\" (one of %s)"),
			    utext_excerpt(sb,
					  v->kind == YD_SCALAR ? v->str : ""),
			    itype_names());
	}
	get_bool(ld, node, "required", id, &it->required);
	if (type_known)
		load_choices(ld, node, it, id);

	get_bool(ld, node, "explain", id, &it->explain);
	if (type_known && it->explain && !itype_of(it)->explain)
		err(ld, yd_map_get(node, "explain"), id,
		    _("explain is only for items of type yesno, choice or "
		      "multi, not %s"), qn_type_name(it->type));
	get_text(ld, node, "explain_label", false, N_("the item"), id,
		 &it->explain_label);
	if (it->explain_label != NULL && !it->explain)
		err(ld, yd_map_get(node, "explain_label"), id,
		    _("explain_label needs explain: true"));
	if (it->explain_label == NULL)
		it->explain_label = dup_text(ld, N_("Explanation"), node);

	get_text(ld, node, "precision", false, N_("the item"), id, &prec);
	if (prec != NULL) {
		v = yd_map_get(node, "precision");
		if (!type_known)
			;
		else if (!itype_of(it)->precision)
			err(ld, v, id, _("precision is only for items of type "
				         "date"));
		else if (strcmp(prec, "month") == 0)
			it->month_precision = true;
		else if (strcmp(prec, "day") != 0)
			err(ld, v, id, _("precision must be month or day"));
		free(prec);
	}
	get_count(ld, node, "max_length", false, N_("the item"), id, 1,
		  MAX_MAX_LENGTH, &max_len);
	it->max_length = (size_t)max_len;

	get_text(ld, node, "pattern", false, N_("the item"), id, &it->pattern);
	if (it->pattern != NULL) {
		v = yd_map_get(node, "pattern");
		if (!type_known)
			;
		else if (!itype_of(it)->pattern)
			err(ld, v, id,
			    _("pattern is only for items of type text, line "
			      "or email, not %s"), qn_type_name(it->type));
		else
			check_pattern(ld, v, it);
	}
	load_messages(ld, node, it, id);
}

static void
load_when(loader *ld, size_t idx)
{
	qn_item *it = &ld->q->items[idx];
	const yd_node *w = ld->when_nodes[idx];
	const yd_node *ref_node, *is, *in;
	const char *id = it->id;
	const qn_item *ref;
	long r;
	size_t i, n;
	char sb[UTEXT_EXCERPT_SIZE];

	if (w->kind != YD_MAP) {
		err(ld, w, id, _("\"when\" must be a mapping, not %s"),
		    yd_kind_name(w));
		return;
	}
	check_keys(ld, w, when_keys, "when", id);
	ref_node = field(ld, w, "item", true, "when", id);
	is = yd_map_get(w, "is");
	in = yd_map_get(w, "in");
	if (is != NULL && in != NULL) {
		err(ld, in, id, _("\"when\" takes \"is\" or \"in\", not both"));
		return;
	}
	if (is == NULL && in == NULL) {
		err(ld, w, id, _("\"when\" needs \"is\" or \"in\""));
		return;
	}
	if (ref_node == NULL)
		return;
	if (ref_node->kind != YD_SCALAR) {
		err(ld, ref_node, id, _("\"item\" must be a text, not %s"),
		    yd_kind_name(ref_node));
		return;
	}
	r = index_find(ld->q, ref_node->str);
	if (r < 0) {
		err(ld, ref_node, id,
		    _("\"when\" names an unknown item \"%s\""),
		    utext_excerpt(sb, ref_node->str));
		return;
	}
	if ((size_t)r == idx) {
		err(ld, ref_node, id, _("\"when\" names the item itself"));
		return;
	}
	if ((size_t)r > idx) {
		err(ld, ref_node, id,
		    _("\"when\" names item \"%s\", which comes later; it must "
		      "name an earlier item"), ref_node->str);
		return;
	}
	ref = &ld->q->items[r];
	if (itype_of(ref)->n_options == NULL) {
		err(ld, ref_node, id,
		    _("\"when\" can only name an item of type yesno, choice or "
		      "multi; \"%s\" is %s"), ref->id, qn_type_name(ref->type));
		return;
	}
	if (in != NULL && in->kind != YD_SEQ) {
		err(ld, in, id, _("\"in\" must be a list, not %s"),
		    yd_kind_name(in));
		return;
	}
	if (in != NULL && in->n == 0) {
		err(ld, in, id, _("\"in\" is an empty list"));
		return;
	}
	if (in != NULL && in->n > MAX_WHEN_VALUES) {
		err(ld, in, id, _("\"in\" has more than %d values"),
		    MAX_WHEN_VALUES);
		return;
	}
	n = in != NULL ? in->n : 1;
	it->when_values = calloc(n, sizeof(*it->when_values));
	if (it->when_values == NULL) {
		err(ld, w, id, _("out of memory"));
		return;
	}
	for (i = 0; i < n; i++) {
		const yd_node *v = in != NULL ? in->items[i] : is;

		if (v->kind != YD_SCALAR) {
			err(ld, v, id, _("a value in \"when\" must be a text, "
				         "not %s"), yd_kind_name(v));
			continue;
		}
		/* A value named must be a possible answer of that item. */
		if (itype_option_index(ref, v->str) < 0) {
			if (ref->type == QN_YESNO)
				err(ld, v, id,
				    _("\"%s\" is not an answer of item "
				      "\"%s\" (yes or no)"),
				    utext_excerpt(sb, v->str), ref->id);
			else
				err(ld, v, id,
				    _("\"%s\" is not a choice of item "
				      "\"%s\""),
				    utext_excerpt(sb, v->str), ref->id);
			continue;
		}
		it->when_values[it->n_when_values] = dup_text(ld, v->str, v);
		if (it->when_values[it->n_when_values] != NULL)
			it->n_when_values++;
	}
	it->when_item = r;
}

/* ---- sections ---- */

static const char *const section_keys[] = {
	"id", "title", "heading", "details", "keys", "items", NULL,
};

static void
load_section_keys(loader *ld, const yd_node *node, qn_section *s,
		  const char *sid)
{
	const yd_node *list = get_kind(ld, node, "keys", false,
				       N_("the section"), NULL, YD_SEQ);
	size_t i, j, k;

	(void)sid;
	if (list == NULL)
		return;
	if (list->n > MAX_KEYS) {
		err(ld, list, NULL, _("more than %d keys"), MAX_KEYS);
		return;
	}
	s->keys = calloc(list->n ? list->n : 1, sizeof(*s->keys));
	if (s->keys == NULL) {
		err(ld, list, NULL, _("out of memory"));
		return;
	}
	for (i = 0; i < list->n; i++) {
		const yd_node *v = list->items[i];
		bool ok = v->kind == YD_SCALAR && v->len > 0 &&
			  v->len <= MAX_SHORT;

		for (j = 0; ok && j < v->len; j++) {
			char c = v->str[j];

			if (c == ' ' || c == '\t' || c == '\n' || c == '.' ||
			    (c >= '0' && c <= '9'))
				ok = false;
		}
		if (!ok) {
			err(ld, v, NULL,
			    _("a section key must be 1 to %d characters "
			      "without digits, spaces or '.'"), MAX_SHORT);
			continue;
		}
		/* A key used twice would make "P6" mean two items. */
		for (k = 0; k <= ld->q->n_sections; k++) {
			const qn_section *o = &ld->q->sections[k];

			for (j = 0; j < o->n_keys; j++)
				if (ascii_ieq(o->keys[j], v->str))
					break;
			if (j < o->n_keys) {
				err(ld, v, NULL,
				    _("section key \"%s\" is already used by "
				      "section \"%s\""), v->str,
				    o->id ? o->id : "?");
				break;
			}
		}
		if (k <= ld->q->n_sections)
			continue;
		s->keys[s->n_keys] = dup_text(ld, v->str, v);
		if (s->keys[s->n_keys] != NULL)
			s->n_keys++;
	}
}

/* Loads the section at sections[n_sections] (n_sections is raised by the
 * caller) and its items. */
static void
load_section(loader *ld, const yd_node *node)
{
	qn *q = ld->q;
	size_t si = q->n_sections;
	qn_section *s = &q->sections[si];
	const yd_node *items;
	size_t i, j;
	char sb[UTEXT_EXCERPT_SIZE];

	s->first = q->n_items;
	get_id(ld, node, "id", N_("the section"), NULL, &s->id);
	check_keys(ld, node, section_keys, N_("a section"), NULL);
	if (s->id != NULL) {
		for (j = 0; j < si; j++) {
			if (q->sections[j].id != NULL &&
			    strcmp(q->sections[j].id, s->id) == 0) {
				err(ld, yd_map_get(node, "id"), NULL,
				    _("duplicate section id \"%s\""), s->id);
				break;
			}
		}
	}
	get_text(ld, node, "title", true, N_("the section"), NULL, &s->title);
	get_text(ld, node, "heading", false, N_("the section"), NULL, &s->heading);
	if (s->heading == NULL)
		s->heading = dup_text(ld, "", node);
	get_bool(ld, node, "details", NULL, &s->details);
	load_section_keys(ld, node, s, s->id);

	items = get_kind(ld, node, "items", true, N_("the section"), NULL,
			 YD_SEQ);
	if (items == NULL)
		return;
	if (items->n == 0) {
		err(ld, items, NULL, _("the section has no items"));
		return;
	}
	for (i = 0; i < items->n; i++) {
		const yd_node *in = items->items[i];
		qn_item *it = &q->items[q->n_items];
		long other;

		if (in->kind != YD_MAP) {
			err(ld, in, NULL, _("an item must be a mapping, not %s"),
			    yd_kind_name(in));
			continue;
		}
		load_item(ld, in, it, si);
		ld->when_nodes[q->n_items] = yd_map_get(in, "when");
		q->n_items++;
		s->n_items++;
		if (it->id == NULL)
			continue;
		other = index_find(q, it->id);
		if (other >= 0) {
			err(ld, yd_map_get(in, "id"), it->id,
			    _("duplicate item id \"%s\" (first at line %lu)"),
			    it->id, q->items[other].line);
		} else if (!strindex_put(&q->index, it->id, q->n_items - 1)) {
			err(ld, in, it->id, _("out of memory"));
		}
		/* Numbers name items in "go to": one per section. */
		if (it->number != NULL && it->number[0] != '\0') {
			for (j = s->first; j + 1 < q->n_items; j++) {
				if (q->items[j].number != NULL &&
				    strcmp(q->items[j].number, it->number) ==
					    0) {
					err(ld, yd_map_get(in, "number"),
					    it->id,
					    _("number \"%s\" is already used by "
					      "item \"%s\" in this section"),
					    utext_excerpt(sb, it->number),
					    q->items[j].id ? q->items[j].id
							   : "?");
					break;
				}
			}
		}
	}
}

/* ---- questionnaire ---- */

static const char *const top_keys[] = {
	"format", "id", "version", "title", "language", "plan_title",
	"roles", "sections", NULL,
};
static const char *const role_keys[] = {"country", "date", "language",
					NULL};

/* Checks the format first: a newer format may use keys this version does
 * not know, and listing those would only confuse. */
static bool
check_format(loader *ld, const yd_node *root)
{
	const yd_node *v = field(ld, root, "format", true, N_("the questionnaire"),
				 NULL);
	const char *s;
	long n = 0;
	size_t plen = strlen(FORMAT_PREFIX), i;

	if (v == NULL)
		return false;
	if (v->kind != YD_SCALAR || strncmp(v->str, FORMAT_PREFIX, plen) != 0)
		goto other;
	s = v->str + plen;
	if (s[0] == '\0' || strlen(s) > 9)
		goto other;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto other;
		n = n * 10 + (s[i] - '0');
	}
	if (n == FORMAT_VERSION)
		return true;
	if (n > FORMAT_VERSION) {
		err(ld, v, NULL,
		    _("this questionnaire needs a newer actionplan (format %s; "
		      "this version reads %s%d)"),
		    v->str, FORMAT_PREFIX, FORMAT_VERSION);
		return false;
	}
other:
	err(ld, v, NULL,
	    _("not a questionnaire: \"format\" must be %s%d"),
	    FORMAT_PREFIX, FORMAT_VERSION);
	return false;
}

static void
load_roles(loader *ld)
{
	qn *q = ld->q;
	const yd_node *roles = ld->roles;
	size_t i;
	char sb[UTEXT_EXCERPT_SIZE];

	if (roles == NULL)
		return;
	check_keys(ld, roles, role_keys, "roles", NULL);
	for (i = 0; i < roles->n; i++) {
		const char *role = roles->keys[i]->str;
		const yd_node *v = roles->items[i];
		long *slot = NULL;
		long r;

		if (strcmp(role, "country") == 0)
			slot = &q->country_item;
		else if (strcmp(role, "date") == 0)
			slot = &q->date_item;
		else if (strcmp(role, "language") == 0)
			slot = &q->language_item;
		else
			continue;
		if (v->kind != YD_SCALAR) {
			err(ld, v, NULL, _("role \"%s\" must name an item, not "
					   "be %s"), role, yd_kind_name(v));
			continue;
		}
		r = index_find(q, v->str);
		if (r < 0) {
			err(ld, v, NULL,
			    _("role \"%s\" names an unknown item \"%s\""),
			    role, utext_excerpt(sb, v->str));
			continue;
		}
		if (slot == &q->date_item && q->items[r].type != QN_DATE) {
			err(ld, v, q->items[r].id,
			    _("role \"date\" must name an item of type date, "
			      "not %s"), qn_type_name(q->items[r].type));
			continue;
		}
		if (slot == &q->country_item &&
		    q->items[r].type != QN_COUNTRY &&
		    q->items[r].type != QN_LINE) {
			err(ld, v, q->items[r].id,
			    _("role \"country\" must name an item of type "
			      "country or line, not %s"),
			    qn_type_name(q->items[r].type));
			continue;
		}
		if (slot == &q->language_item &&
		    q->items[r].type != QN_LINE) {
			err(ld, v, q->items[r].id,
			    _("role \"%s\" must name an item of type line, "
			      "not %s"), role, qn_type_name(q->items[r].type));
			continue;
		}
		*slot = r;
	}
}

static void
check_plan_title(loader *ld)
{
	const char *s = ld->q->plan_title;
	const yd_node *at = ld->plan_title_node;
	char sb[UTEXT_EXCERPT_SIZE];

	if (s == NULL)
		return;
	while ((s = strchr(s, '{')) != NULL) {
		const char *end = strchr(s + 1, '}');
		char *name;

		if (end == NULL) {
			err(ld, at, NULL, _("plan_title has a '{' without '}'"));
			return;
		}
		name = strndup(s + 1, (size_t)(end - s - 1));
		if (name == NULL) {
			err(ld, at, NULL, _("out of memory"));
			return;
		}
		if (index_find(ld->q, name) < 0)
			err(ld, at, NULL,
			    _("plan_title names an unknown item \"{%s}\""),
			    utext_excerpt(sb, name));
		free(name);
		s = end + 1;
	}
}

static size_t
count_items(const yd_node *sections)
{
	size_t i, n = 0;

	for (i = 0; i < sections->n; i++) {
		const yd_node *items = yd_map_get(sections->items[i], "items");

		if (items != NULL && items->kind == YD_SEQ)
			n += items->n;
	}
	return n;
}

typedef struct ranked {
	diag d;
	size_t seq;
} ranked;

static int
by_place(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;

	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.col != b->d.col)
		return a->d.col < b->d.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The checks run in several passes; people read problems top to bottom,
 * so the ones added since `start` are put in file order (stable). */
static void
sort_problems(diag_list *diags, size_t start)
{
	size_t n = diags->n - start, i;
	ranked *r;

	if (n < 2)
		return;
	r = malloc(n * sizeof(*r));
	if (r == NULL)
		return; /* still all there, only unsorted */
	for (i = 0; i < n; i++) {
		r[i].d = diags->v[start + i];
		r[i].seq = i;
	}
	qsort(r, n, sizeof(*r), by_place);
	for (i = 0; i < n; i++)
		diags->v[start + i] = r[i].d;
	free(r);
}

qn *
qn_load_tree(const char *name, const yd_node *root, diag_list *diags)
{
	loader ld;
	qn *q = NULL;
	const yd_node *sections;
	size_t i, n_items;
	size_t start = diags->n;

	memset(&ld, 0, sizeof(ld));
	ld.name = name;
	ld.diags = diags;
	if (root->kind != YD_MAP) {
		err(&ld, root, NULL, _("a questionnaire must be a mapping, not %s"),
		    yd_kind_name(root));
		return NULL;
	}
	if (!check_format(&ld, root))
		return NULL;
	q = calloc(1, sizeof(*q));
	if (q == NULL) {
		err(&ld, root, NULL, _("out of memory"));
		goto out;
	}
	ld.q = q;
	q->country_item = q->date_item = q->language_item = -1;
	q->path = dup_text(&ld, name, root);
	check_keys(&ld, root, top_keys, N_("the questionnaire"), NULL);
	get_id(&ld, root, "id", N_("the questionnaire"), NULL, &q->id);
	get_count(&ld, root, "version", true, N_("the questionnaire"), NULL, 1,
		  MAX_VERSION, &q->version);
	get_text(&ld, root, "title", true, N_("the questionnaire"), NULL,
		 &q->title);
	get_text(&ld, root, "language", true, N_("the questionnaire"), NULL,
		 &q->language);
	get_text(&ld, root, "plan_title", false, N_("the questionnaire"), NULL,
		 &q->plan_title);
	ld.plan_title_node = yd_map_get(root, "plan_title");
	if (q->plan_title == NULL && q->title != NULL)
		q->plan_title = dup_text(&ld, q->title, root);
	ld.roles = get_kind(&ld, root, "roles", false, N_("the questionnaire"),
			    NULL, YD_MAP);

	sections = get_kind(&ld, root, "sections", true,
			    N_("the questionnaire"), NULL, YD_SEQ);
	if (sections == NULL)
		goto out;
	if (sections->n == 0) {
		err(&ld, sections, NULL, _("there are no sections"));
		goto out;
	}
	if (sections->n > MAX_SECTIONS) {
		err(&ld, sections, NULL, _("more than %d sections"),
		    MAX_SECTIONS);
		goto out;
	}
	n_items = count_items(sections);
	if (n_items > MAX_ITEMS) {
		err(&ld, sections, NULL, _("more than %d items"), MAX_ITEMS);
		goto out;
	}
	q->sections = calloc(sections->n, sizeof(*q->sections));
	q->items = calloc(n_items ? n_items : 1, sizeof(*q->items));
	ld.when_nodes = calloc(n_items ? n_items : 1, sizeof(*ld.when_nodes));
	if (q->sections == NULL || q->items == NULL || ld.when_nodes == NULL) {
		err(&ld, sections, NULL, _("out of memory"));
		goto out;
	}
	for (i = 0; i < sections->n; i++) {
		const yd_node *s = sections->items[i];

		if (s->kind != YD_MAP) {
			err(&ld, s, NULL, _("a section must be a mapping, not %s"),
			    yd_kind_name(s));
			continue;
		}
		load_section(&ld, s);
		q->n_sections++;
	}
	/* Conditions, roles and the title need every item known. */
	for (i = 0; i < q->n_items; i++)
		if (ld.when_nodes[i] != NULL && q->items[i].id != NULL)
			load_when(&ld, i);
	load_roles(&ld);
	check_plan_title(&ld);
out:
	free(ld.when_nodes);
	sort_problems(diags, start);
	if (ld.failed || q == NULL) {
		qn_destroy(q);
		return NULL;
	}
	return q;
}

qn *
qn_load_buffer(const char *name, const char *data, size_t len,
	       diag_list *diags)
{
	yd_node *root = yd_parse_buffer(name, data, len, NULL, diags);
	qn *q;

	if (root == NULL)
		return NULL;
	q = qn_load_tree(name, root, diags);
	yd_free(root);
	return q;
}

qn *
qn_load(const char *path, diag_list *diags)
{
	yd_node *root = yd_parse_file(path, NULL, diags);
	qn *q;

	if (root == NULL)
		return NULL;
	q = qn_load_tree(path, root, diags);
	yd_free(root);
	return q;
}

static void
free_item(qn_item *it)
{
	size_t i;

	free(it->id);
	free(it->number);
	free(it->title);
	free(it->guidance);
	free(it->explain_label);
	for (i = 0; i < it->n_choices; i++) {
		free(it->choices[i].id);
		free(it->choices[i].label);
	}
	free(it->choices);
	free(it->pattern);
	qn_regex_free(it->pattern_re);
	free(it->msg_required);
	free(it->msg_max_length);
	free(it->msg_choice);
	free(it->msg_pattern);
	for (i = 0; i < it->n_when_values; i++)
		free(it->when_values[i]);
	free(it->when_values);
}

void
qn_destroy(qn *q)
{
	size_t i, j;

	if (q == NULL)
		return;
	free(q->path);
	free(q->id);
	free(q->title);
	free(q->language);
	free(q->plan_title);
	if (q->sections != NULL) {
		/* Sections past n_sections may hold a half-loaded one. */
		for (i = 0; i < q->n_sections; i++) {
			qn_section *s = &q->sections[i];

			free(s->id);
			free(s->title);
			free(s->heading);
			for (j = 0; j < s->n_keys; j++)
				free(s->keys[j]);
			free(s->keys);
		}
		free(q->sections);
	}
	if (q->items != NULL) {
		for (i = 0; i < q->n_items; i++)
			free_item(&q->items[i]);
		free(q->items);
	}
	strindex_free(&q->index);
	free(q);
}

long
qn_item_index(const qn *q, const char *id)
{
	size_t i;

	if (q == NULL || id == NULL)
		return -1;
	if (q->index.n > 0)
		return index_find(q, id);
	/* A qn built by hand (tests) has no index. */
	for (i = 0; i < q->n_items; i++)
		if (q->items[i].id != NULL && strcmp(q->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

const char *
qn_choice_label(const qn_item *item, const char *choice_id)
{
	size_t i;

	if (item == NULL || choice_id == NULL)
		return NULL;
	for (i = 0; i < item->n_choices; i++)
		if (strcmp(item->choices[i].id, choice_id) == 0)
			return item->choices[i].label;
	return NULL;
}
