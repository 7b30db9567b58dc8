/* Plan files: a strict loader that reports every problem with its place and
 * item, and a deterministic serializer on libyaml's emitter. */
#include "planio.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "i18n.h"
#include "itype.h"
#include "planio_int.h"
#include "sbuf.h"
#include "store.h"
#include "utext.h"
#include "utext_show.h"
#include "yemit.h"

#define TIME_EXAMPLE "2000-01-31T00:00:00Z"

/* Room for show(): 60 code points of at most 10 bytes ("<U+10FFFF>"),
 * quotes, ellipsis and the NUL. */
#define SHOW_MAX_CPS 60
#define SHOW_BUF 620

/* A short, printable rendering of a string from a file, in double quotes,
 * for messages: a quote or backslash in it escaped with a backslash, what
 * the harmless-text rule escapes in its notation ("<U+001B>",
 * utext_show.h), long strings cut. */
static const char *
show(const char *s, char buf[SHOW_BUF])
{
	size_t len = strlen(s), pos = 0, o = 0, cps = 0;

	buf[o++] = '"';
	while (pos < len) {
		size_t start = pos;
		uint32_t c;

		if (cps == SHOW_MAX_CPS) {
			memcpy(buf + o, "\xe2\x80\xa6", 3); /* … */
			o += 3;
			break;
		}
		c = utext_next(s, len, &pos);
		cps++;
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (utext_escaped(c)) {
			o += utext_escape(c, buf + o);
		} else {
			memcpy(buf + o, s + start, pos - start);
			o += pos - start;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

/* An id as questionnaires write them ("ariat-2000") is shown bare, anything
 * else quoted and escaped. */
static const char *
show_id(const char *s, char buf[SHOW_BUF])
{
	size_t len = strlen(s);

	if (len == 0 || len > SHOW_MAX_CPS)
		return show(s, buf);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		      c == '_'))
			return show(s, buf);
	}
	memcpy(buf, s, len + 1);
	return buf;
}

/* A whole non-negative decimal number, digits only. */
static bool
parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (s[0] == '\0')
		return false;
	for (const char *c = s; *c != '\0'; c++) {
		if (*c < '0' || *c > '9')
			return false;
		if (v > (ULONG_MAX - (unsigned long)(*c - '0')) / 10)
			return false;
		v = v * 10 + (unsigned long)(*c - '0');
	}
	*out = v;
	return true;
}

bool
planio_parse_ulong(const char *s, unsigned long *out)
{
	return parse_ulong(s, out);
}

/* "2000-01-31T00:00:00Z": the shape plan_now writes. */
static bool
is_timestamp(const char *s)
{
	const char *shape = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9')
				    : s[i] != shape[i])
			return false;
	}
	return s[i] == '\0';
}

void
planio_header_free(planio_header *h)
{
	if (h == NULL)
		return;
	free(h->qn_id);
	free(h->country);
	free(h->modified);
	memset(h, 0, sizeof(*h));
}

/* What the header check found beyond the header itself. */
typedef struct header_state {
	bool stop;      /* not a plan this program can read: say no more */
	bool have_qn;   /* qn_id and qn_version were read */
	const yd_node *qn_node;
	char created[32];
	char modified[32];
} header_state;

static void
read_timestamp(const char *name, const yd_node *n, const char *key,
	       char out[32], diag_list *diags, bool *ok)
{
	out[0] = '\0';
	if (n == NULL || yd_is_null(n))
		return;
	if (n->kind != YD_SCALAR || !is_timestamp(n->str)) {
		diag_add(diags, DIAG_ERROR, name, n->line, n->col, NULL,
			 _("%s: expected a time like %s, found %s"), key,
			 TIME_EXAMPLE, n->kind == YD_SCALAR ? _("another text")
							    : yd_kind_name(n));
		*ok = false;
		return;
	}
	memcpy(out, n->str, n->len + 1);
}
/* How reading one part of the header went. */
typedef enum { FIELD_OK, FIELD_BAD, FIELD_STOP } field_result;

/* "format": FIELD_STOP when the file is not a plan, or one of a newer
 * format, so that nothing more is said about it. */
static field_result
read_format(const char *name, const yd_node *root, const yd_node *n,
	    planio_header *h, diag_list *diags)
{
	char buf[SHOW_BUF];

	unsigned long v;

	if (n == NULL) {
		diag_add(diags, DIAG_ERROR, name, root->line, root->col, NULL,
			 _("missing \"format\" (expected %s%d)"), FORMAT_PREFIX,
			 PLAN_FORMAT_VERSION);
		return FIELD_BAD;
	}
	if (n->kind != YD_SCALAR ||
	    strncmp(n->str, FORMAT_PREFIX, strlen(FORMAT_PREFIX)) != 0 ||
	    !parse_ulong(n->str + strlen(FORMAT_PREFIX), &v) || v == 0 ||
	    v > LONG_MAX) {
		diag_add(diags, DIAG_ERROR, name, n->line, n->col, NULL,
			 _("not a plan file: format is %s, expected %s%d"),
			 n->kind == YD_SCALAR ? show(n->str, buf)
					      : yd_kind_name(n),
			 FORMAT_PREFIX, PLAN_FORMAT_VERSION);
		return FIELD_STOP;
	}
	h->format = (long)v;
	if (v > PLAN_FORMAT_VERSION) {
		diag_add(diags, DIAG_ERROR, name, n->line, n->col, NULL,
			 _("this plan needs a newer version of actionplan "
			   "(format %lu)"), v);
		return FIELD_STOP;
	}
	return FIELD_OK;
}

/* "questionnaire": its id and version, into h; st->have_qn when both are
 * good. */
static bool
read_qn_ref(const char *name, const yd_node *root, const yd_node *n,
	    planio_header *h, header_state *st, diag_list *diags)
{
	char buf[SHOW_BUF];
	bool ok = true;

	if (n == NULL) {
		diag_add(diags, DIAG_ERROR, name, root->line, root->col, NULL,
			 _("missing \"questionnaire\" (its id and version)"));
		ok = false;
	} else if (n->kind != YD_MAP) {
		diag_add(diags, DIAG_ERROR, name, n->line, n->col, NULL,
			 _("questionnaire: expected a mapping with id and "
			   "version, found %s"), yd_kind_name(n));
		ok = false;
	} else {
		const yd_node *id = yd_map_get(n, "id");
		const yd_node *ver = yd_map_get(n, "version");
		unsigned long v = 0;
		bool qok = true;

		for (size_t i = 0; i < n->n; i++) {
			const char *k = n->keys[i]->str;

			if (strcmp(k, "id") != 0 && strcmp(k, "version") != 0) {
				diag_add(diags, DIAG_ERROR, name,
					 n->keys[i]->line, n->keys[i]->col,
					 NULL, _("questionnaire: unknown key %s"),
					 show(k, buf));
				ok = false;
			}
		}
		if (id == NULL || id->kind != YD_SCALAR || yd_is_null(id) ||
		    id->len == 0) {
			const yd_node *at = id ? id : n;

			diag_add(diags, DIAG_ERROR, name, at->line, at->col,
				 NULL, "%s",
				 id == NULL ? _("questionnaire: missing \"id\"")
					    : _("questionnaire: id: expected a "
						"text"));
			qok = false;
		}
		if (ver == NULL || ver->kind != YD_SCALAR ||
		    !parse_ulong(ver->str, &v) || v == 0 || v > LONG_MAX) {
			const yd_node *at = ver ? ver : n;

			diag_add(diags, DIAG_ERROR, name, at->line, at->col,
				 NULL, "%s",
				 ver == NULL
					 ? _("questionnaire: missing \"version\"")
					 : _("questionnaire: version: expected a "
					     "whole number of 1 or more"));
			qok = false;
		}
		if (qok) {
			h->qn_id = strdup(id->str);
			h->qn_version = (long)v;
			if (h->qn_id == NULL) {
				diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
					 _("out of memory"));
				qok = false;
			}
		}
		st->have_qn = qok;
		ok = ok && qok;
	}
	return ok;
}


static bool
check_header(const char *name, const yd_node *root, planio_header *h,
	     header_state *st, diag_list *diags)
{
	char buf[SHOW_BUF];
	const yd_node *n;
	bool ok = true;

	memset(h, 0, sizeof(*h));
	memset(st, 0, sizeof(*st));
	h->status = PLAN_DRAFT;
	if (root->kind != YD_MAP) {
		diag_add(diags, DIAG_ERROR, name, root->line, root->col, NULL,
			 _("not a plan file: expected a mapping, found %s"),
			 yd_kind_name(root));
		st->stop = true;
		return false;
	}

	switch (read_format(name, root, yd_map_get(root, "format"), h,
			    diags)) {
	case FIELD_STOP:
		st->stop = true;
		return false;
	case FIELD_BAD:
		ok = false;
		break;
	case FIELD_OK:
		break;
	}
	st->qn_node = yd_map_get(root, "questionnaire");
	if (!read_qn_ref(name, root, st->qn_node, h, st, diags))
		ok = false;

	n = yd_map_get(root, "status");
	if (n != NULL) {
		if (n->kind == YD_SCALAR && strcmp(n->str, "draft") == 0) {
			h->status = PLAN_DRAFT;
		} else if (n->kind == YD_SCALAR &&
			   strcmp(n->str, "final") == 0) {
			h->status = PLAN_FINAL;
		} else {
			diag_add(diags, DIAG_ERROR, name, n->line, n->col, NULL,
				 _("status: expected \"draft\" or \"final\", "
				   "found %s"),
				 n->kind == YD_SCALAR ? show(n->str, buf)
						      : yd_kind_name(n));
			ok = false;
		}
	}

	n = yd_map_get(root, "revision");
	if (n != NULL &&
	    (n->kind != YD_SCALAR || !parse_ulong(n->str, &h->revision))) {
		diag_add(diags, DIAG_ERROR, name, n->line, n->col, NULL,
			 _("revision: expected a whole number of 0 or more, "
			   "found %s"),
			 n->kind == YD_SCALAR ? show(n->str, buf)
					      : yd_kind_name(n));
		ok = false;
	}

	read_timestamp(name, yd_map_get(root, "created"), "created",
		       st->created, diags, &ok);
	read_timestamp(name, yd_map_get(root, "modified"), "modified",
		       st->modified, diags, &ok);
	if (st->modified[0] != '\0') {
		h->modified = strdup(st->modified);
		if (h->modified == NULL) {
			diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
				 _("out of memory"));
			ok = false;
		}
	}

	/* The country role is only known with the questionnaire; a header
	 * read without it can only guess the usual id. */
	n = yd_map_get(yd_map_get(root, "details"), "country");
	/* A country stored as {code: THA, name: Thailand}: its code. */
	if (n != NULL && n->kind == YD_MAP)
		n = yd_map_get(n, "code");
	if (n != NULL && n->kind == YD_SCALAR && !yd_is_null(n) &&
	    utext_valid(n->str, n->len, NULL)) {
		h->country = strdup(n->str);
		if (h->country == NULL) {
			diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
				 _("out of memory"));
			ok = false;
		}
	}
	return ok;
}

bool
planio_read_header(const char *name, const yd_node *root, planio_header *out,
		   diag_list *diags)
{
	header_state st;

	if (!check_header(name, root, out, &st, diags)) {
		planio_header_free(out);
		return false;
	}
	return true;
}

/* A hostile file could hold a million wrong answers; past this many
 * problems the rest are counted as one, so the list stays readable and
 * small. */
#define MAX_PROBLEMS 200

/* State of one load: where problems go, and whether there were any. */
typedef struct loader {
	const char *name;
	const qn *q;
	plan *p;
	diag_list *diags;
	bool ok;
	size_t n_problems;
	char buf[SHOW_BUF];
} loader;

static void
item_error(loader *l, const yd_node *at, const qn_item *it, const char *fmt,
	   ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void
item_error(loader *l, const yd_node *at, const qn_item *it, const char *fmt,
	   ...)
{
	va_list ap;

	l->ok = false;
	if (++l->n_problems > MAX_PROBLEMS) {
		if (l->n_problems == MAX_PROBLEMS + 1)
			diag_add(l->diags, DIAG_ERROR, l->name, at ? at->line : 0,
				 at ? at->col : 0, NULL,
				 _("too many problems; the rest are not listed"));
		return;
	}
	va_start(ap, fmt);
	diag_vadd(l->diags, DIAG_ERROR, l->name, at ? at->line : 0,
		  at ? at->col : 0, it ? it->id : NULL, fmt, ap);
	va_end(ap);
}

/* Reports a choice id the item does not offer, naming what it offers
 * (bounded, since a questionnaire may have many). */
static void
bad_choice(loader *l, const yd_node *n, const qn_item *it)
{
	const itype *ty = itype_of(it);
	size_t n_opts = ty->n_options ? ty->n_options(it) : 0;
	char list[256];
	size_t o = 0;

	if (l->n_problems >= MAX_PROBLEMS) {
		item_error(l, n, it, _("unknown choice")); /* only counted */
		return;
	}
	list[0] = '\0';
	for (size_t i = 0; i < n_opts; i++) {
		const char *id = ty->option_id(it, i);
		size_t len = strlen(id);

		if (o + len + 8 >= sizeof(list)) {
			memcpy(list + o, ", ...", 6);
			break;
		}
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
				      i > 0 ? ", " : "", id);
	}
	item_error(l, n, it, _("unknown choice %s (expected one of: %s)"),
		   show(n->str, l->buf), list);
}

static void
oom(loader *l, const yd_node *at, const qn_item *it)
{
	item_error(l, at, it, _("out of memory"));
}

/* One scalar answer value (not multi): checks its shape and stores it. */
static void
load_value(loader *l, size_t idx, const yd_node *n)
{
	const qn_item *it = &l->q->items[idx];
	const itype *ty;
	const char *why;

	if (yd_is_null(n))
		return;
	if (n->kind != YD_SCALAR) {
		item_error(l, n, it, _("expected a text, found %s"),
			   yd_kind_name(n));
		return;
	}
	if (n->len == 0)
		return;
	ty = itype_of(it);
	if (ty->stored_ok && !ty->stored_ok(it, n->str, &why)) {
		if (why)
			item_error(l, n, it, why, show(n->str, l->buf));
		else
			bad_choice(l, n, it);
		return;
	}
	if (!plan_set_value(l->p, idx, n->str))
		oom(l, n, it);
}

static void
load_multi(loader *l, size_t idx, const yd_node *n)
{
	const qn_item *it = &l->q->items[idx];
	const char **v = NULL;
	size_t nv = 0;

	if (yd_is_null(n))
		return;
	if (n->kind != YD_SEQ) {
		item_error(l, n, it, _("expected a list, found %s"),
			   yd_kind_name(n));
		return;
	}
	if (n->n == 0)
		return;
	v = calloc(n->n, sizeof(*v));
	if (v == NULL) {
		oom(l, n, it);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const yd_node *e = n->items[i];
		bool dup = false;

		if (e->kind != YD_SCALAR || yd_is_null(e)) {
			item_error(l, e, it, _("expected a choice id, found %s"),
				   e->kind == YD_SCALAR ? _("nothing")
							: yd_kind_name(e));
			continue;
		}
		if (itype_option_index(it, e->str) < 0) {
			bad_choice(l, e, it);
			continue;
		}
		for (size_t j = 0; j < nv; j++)
			if (strcmp(v[j], e->str) == 0)
				dup = true;
		if (dup) {
			item_error(l, e, it, _("duplicate choice %s"),
				   show(e->str, l->buf));
			continue;
		}
		v[nv++] = e->str;
	}
	if (!plan_set_values(l->p, idx, v, nv))
		oom(l, n, it);
	free(v);
}

static void
load_explanation(loader *l, size_t idx, const yd_node *n)
{
	const qn_item *it = &l->q->items[idx];

	if (yd_is_null(n))
		return;
	if (n->kind != YD_SCALAR) {
		item_error(l, n, it, _("explanation: expected a text, found %s"),
			   yd_kind_name(n));
		return;
	}
	if (!plan_set_explanation(l->p, idx, n->str))
		oom(l, n, it);
}

/* {value: ..., explanation: ...}: either may be left out. */
static void
load_mapping(loader *l, size_t idx, const yd_node *n)
{
	const qn_item *it = &l->q->items[idx];

	for (size_t i = 0; i < n->n; i++) {
		const yd_node *k = n->keys[i];
		const yd_node *v = n->items[i];

		if (strcmp(k->str, "value") == 0) {
			if (itype_is_many(it))
				load_multi(l, idx, v);
			else
				load_value(l, idx, v);
		} else if (strcmp(k->str, "explanation") == 0 && it->explain) {
			load_explanation(l, idx, v);
		} else if (strcmp(k->str, "explanation") == 0) {
			item_error(l, k, it, _("this item takes no explanation"));
		} else if (it->explain) {
			item_error(l, k, it,
				   _("unknown key %s (expected value or "
				     "explanation)"),
				   show(k->str, l->buf));
		} else {
			item_error(l, k, it, _("unknown key %s (expected value)"),
				   show(k->str, l->buf));
		}
	}
}

/* An answer of a type that reads its own stored form. */
static void
load_typed(loader *l, size_t idx, const yd_node *n)
{
	const qn_item *it = &l->q->items[idx];
	itype_read r = {0};

	itype_of(it)->read(it, n, &r);
	if (r.error) {
		item_error(l, r.at ? r.at : n, it, "%s", r.error);
	} else {
		if (r.warning && ++l->n_problems <= MAX_PROBLEMS)
			diag_add(l->diags, DIAG_WARNING, l->name,
				 (r.at ? r.at : n)->line,
				 (r.at ? r.at : n)->col, it->id, "%s",
				 r.warning);
		if (r.value && !plan_set_value(l->p, idx, r.value))
			oom(l, n, it);
	}
	free(r.warning);
}

static void
load_answer(loader *l, size_t idx, const yd_node *n)
{
	const qn_item *it = &l->q->items[idx];

	if (yd_is_null(n))
		return;
	if (itype_of(it)->read) {
		load_typed(l, idx, n);
		return;
	}
	if (n->kind == YD_MAP && (it->explain || itype_is_many(it))) {
		load_mapping(l, idx, n);
	} else if (itype_is_many(it)) {
		load_multi(l, idx, n);
	} else if (n->kind == YD_SCALAR) {
		load_value(l, idx, n);
	} else if (it->explain) {
		item_error(l, n, it,
			   _("expected a text or a mapping with value and "
			     "explanation, found %s"),
			   yd_kind_name(n));
	} else {
		item_error(l, n, it, _("expected a text, found %s"),
			   yd_kind_name(n));
	}
}

/* The answers under one of the two top-level keys; details says which. */
static void
load_group(loader *l, const yd_node *group, bool details)
{
	const char *key = details ? "details" : "answers";

	if (group == NULL || yd_is_null(group))
		return;
	if (group->kind != YD_MAP) {
		item_error(l, group, NULL,
			   _("%s: expected a mapping of item ids to answers, "
			     "found %s"), key, yd_kind_name(group));
		return;
	}
	for (size_t i = 0; i < group->n; i++) {
		const yd_node *k = group->keys[i];
		long idx = qn_item_index(l->q, k->str);
		const qn_item *it;

		if (idx < 0) {
			item_error(l, k, NULL, _("unknown item %s"),
				   show(k->str, l->buf));
			continue;
		}
		it = &l->q->items[idx];
		if (l->q->sections[it->section].details != details) {
			item_error(l, k, it,
				   _("item %s belongs under %s, not under %s"),
				   show(k->str, l->buf),
				   details ? "answers" : "details", key);
			continue;
		}
		load_answer(l, (size_t)idx, group->items[i]);
	}
}

static const char *const top_keys[] = {
	"format", "questionnaire", "status", "revision", "created",
	"modified", "details", "answers", NULL,
};

plan *
planio_from_tree(const char *name, const yd_node *root, const qn *q,
		 diag_list *diags)
{
	return planio_from_tree_in(name, root, q, NULL, diags);
}

plan *
planio_from_tree_in(const char *name, const yd_node *root, const qn *q,
		    arena *text, diag_list *diags)
{
	loader l = {.name = name, .q = q, .diags = diags, .ok = true};
	planio_header h;
	header_state st;
	plan *p = NULL;

	if (!check_header(name, root, &h, &st, diags))
		l.ok = false;
	if (st.stop)
		goto out;
	/* Answers of another questionnaire would only give a flood of
	 * unknown items: the one mismatch says it all. */
	if (st.have_qn &&
	    (strcmp(h.qn_id, q->id) != 0 || h.qn_version != q->version)) {
		char a[SHOW_BUF], b[SHOW_BUF];

		diag_add(diags, DIAG_ERROR, name, st.qn_node->line,
			 st.qn_node->col, NULL,
			 _("this plan is for questionnaire %s version %ld; "
			   "loaded %s version %ld"), show_id(h.qn_id, a),
			 h.qn_version, show_id(q->id, b), q->version);
		l.ok = false;
		goto out;
	}
	for (size_t i = 0; i < root->n; i++) {
		const yd_node *k = root->keys[i];
		bool known = false;

		for (size_t j = 0; top_keys[j] != NULL; j++)
			if (strcmp(k->str, top_keys[j]) == 0)
				known = true;
		for (size_t j = 0; planio_mark_keys[j] != NULL; j++)
			if (strcmp(k->str, planio_mark_keys[j]) == 0)
				known = true;
		if (!known)
			item_error(&l, k, NULL, _("unknown key %s"),
				   show(k->str, l.buf));
	}

	p = plan_create_in(q, text);
	if (p == NULL) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL, _("out of memory"));
		l.ok = false;
		goto out;
	}
	l.p = p;
	p->status = h.status;
	p->revision = h.revision;
	memcpy(p->created, st.created, sizeof(p->created));
	memcpy(p->modified, st.modified, sizeof(p->modified));
	load_group(&l, yd_map_get(root, "details"), true);
	load_group(&l, yd_map_get(root, "answers"), false);
	if (!planio_marks_read(name, root, h.format, p, diags))
		l.ok = false;
out:
	planio_header_free(&h);
	if (!l.ok) {
		plan_destroy(p);
		p = NULL;
	}
	return p;
}

plan *
planio_load_buffer(const char *name, const char *data, size_t len,
		   const qn *q, diag_list *diags)
{
	yd_node *root = yd_parse_buffer(name, data, len, NULL, diags);
	plan *p = NULL;

	if (root != NULL)
		p = planio_from_tree(name, root, q, diags);
	yd_free(root);
	return p;
}

plan *
planio_load(const char *path, const qn *q, diag_list *diags)
{
	yd_node *root = yd_parse_file(path, NULL, diags);
	plan *p = NULL;

	if (root != NULL)
		p = planio_from_tree(path, root, q, diags);
	yd_free(root);
	return p;
}
