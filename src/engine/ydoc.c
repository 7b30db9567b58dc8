/* A bounded YAML tree built from libyaml's event stream: size, UTF-8, depth,
 * node count, anchors, tags and duplicate keys are all checked here. */
#include "ydoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "fileread.h"
#include "grow.h"
#include "i18n.h"
#include "utext.h"
#include "ydoc_int.h"

const yd_limits yd_default_limits = {
	.max_bytes = 32u * 1024u * 1024u,
	.max_depth = 64,
	.max_nodes = 1000000,
};

typedef yd_pos pos;

void
yd_free(yd_node *node)
{
	size_t i;

	if (node == NULL)
		return;
	free(node->str);
	if (node->keys != NULL)
		for (i = 0; i < node->n; i++)
			yd_free(node->keys[i]);
	if (node->items != NULL)
		for (i = 0; i < node->n; i++)
			yd_free(node->items[i]);
	free(node->keys);
	free(node->items);
	free(node);
}

/* An open sequence or mapping while events arrive. */
typedef struct frame {
	yd_node *node;
	size_t cap;
	yd_node *pending_key; /* a mapping's key waiting for its value */
} frame;

/* Where a double-quoted scalar lies in the text libyaml reads. */
typedef struct span {
	pos start, end;
} span;

typedef struct builder {
	const char *name;
	const yd_limits *lim;
	diag_list *diags;
	frame *stack;
	size_t depth;
	size_t stack_cap;
	size_t n_nodes;
	yd_node *root;
	const char *input; /* the file's bytes (BOM left out) */
	size_t input_len;
	yd_escapes esc;    /* surrogate pairs read before libyaml */
	span *dq;          /* double-quoted scalars, when there are pairs */
	size_t n_dq, dq_cap;
	size_t n_docs;
} builder;

/* The column in the file of a mark of the text libyaml read. */
static unsigned long
col_of(const builder *b, const yaml_mark_t *m)
{
	return yd_escapes_col(&b->esc, m->line + 1, m->column + 1);
}

static void
fail_at(builder *b, const yaml_mark_t *m, const char *msg)
{
	diag_add(b->diags, DIAG_ERROR, b->name, m->line + 1, col_of(b, m),
		 NULL, "%s", msg);
}

static bool
push_child(frame *f, yd_node *key, yd_node *value)
{
	yd_node *m = f->node;

	if (m->n == f->cap) {
		/* Keys and values grow together, to the same room. */
		size_t icap = f->cap, kcap = f->cap;
		yd_node **items, **keys;

		items = grow_array(m->items, &icap, m->n, sizeof(*items), 4);
		if (items == NULL)
			return false;
		m->items = items;
		if (m->kind == YD_MAP) {
			keys = grow_array(m->keys, &kcap, m->n, sizeof(*keys),
					  4);
			if (keys == NULL)
				return false;
			m->keys = keys;
		}
		f->cap = icap;
	}
	if (m->kind == YD_MAP)
		m->keys[m->n] = key;
	m->items[m->n] = value;
	m->n++;
	return true;
}

/* Hands a new node to its parent (or makes it the root). Takes ownership
 * of node even when it fails. */
static bool
attach(builder *b, yd_node *node, const yaml_mark_t *m)
{
	frame *f;

	if (b->depth == 0) {
		b->root = node;
		return true;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->kind == YD_MAP && f->pending_key == NULL) {
		if (node->kind != YD_SCALAR) {
			fail_at(b, m, _("complex mapping keys (lists or "
				        "mappings as keys) are not allowed"));
			yd_free(node);
			return false;
		}
		f->pending_key = node;
		return true;
	}
	if (!push_child(f, f->pending_key, node)) {
		fail_at(b, m, _("out of memory"));
		yd_free(node);
		return false;
	}
	f->pending_key = NULL;
	return true;
}

static yd_node *
new_node(builder *b, yd_kind kind, const yaml_mark_t *m)
{
	yd_node *n;

	if (b->n_nodes >= b->lim->max_nodes) {
		diag_add(b->diags, DIAG_ERROR, b->name, m->line + 1,
			 col_of(b, m), NULL, _("more than %zu nodes"),
			 b->lim->max_nodes);
		return NULL;
	}
	n = calloc(1, sizeof(*n));
	if (n == NULL) {
		fail_at(b, m, _("out of memory"));
		return NULL;
	}
	b->n_nodes++;
	n->kind = kind;
	n->line = m->line + 1;
	n->col = col_of(b, m);
	return n;
}

static int
cmp_keys(const void *pa, const void *pb)
{
	const yd_node *a = *(yd_node *const *)pa;
	const yd_node *b = *(yd_node *const *)pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int r = memcmp(a->str, b->str, n);

	if (r != 0)
		return r;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	/* Equal keys stay in file order, so the first is seen first. */
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

static bool
same_key(const yd_node *a, const yd_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* Mappings up to this many keys are checked without sorting. */
#define SMALL_MAP 16

/* The key that repeats an earlier one and comes first in the file, and
 * that earlier one; *dup stays NULL when there is none. Small mappings,
 * most of them, are compared pair by pair (keys are in file order);
 * sorting keeps larger, hostile ones O(n log n). False when out of
 * memory. */
static bool
find_duplicate(const yd_node *map, const yd_node **dup,
	       const yd_node **first)
{
	yd_node **v;
	size_t i, j;

	if (map->n <= SMALL_MAP) {
		for (i = 1; i < map->n; i++)
			for (j = 0; j < i; j++)
				if (same_key(map->keys[j], map->keys[i])) {
					*dup = map->keys[i];
					*first = map->keys[j];
					return true;
				}
		return true;
	}
	v = malloc(map->n * sizeof(*v));
	if (v == NULL)
		return false;
	memcpy(v, map->keys, map->n * sizeof(*v));
	qsort(v, map->n, sizeof(*v), cmp_keys);
	for (i = 1; i < map->n; i++) {
		const yd_node *k = v[i];

		if (!same_key(v[i - 1], k))
			continue;
		j = i - 1;
		while (j > 0 && same_key(v[j - 1], k))
			j--;
		if (*dup == NULL || k->line < (*dup)->line ||
		    (k->line == (*dup)->line && k->col < (*dup)->col)) {
			*dup = k;
			*first = v[j];
		}
	}
	free(v);
	return true;
}

/* Reports the duplicate key that comes first in the file. */
static bool
check_duplicates(builder *b, const yd_node *map)
{
	const yd_node *dup = NULL, *first = NULL;
	char sb[UTEXT_EXCERPT_SIZE];

	if (map->n < 2)
		return true;
	if (!find_duplicate(map, &dup, &first)) {
		diag_add(b->diags, DIAG_ERROR, b->name, map->line, map->col,
			 NULL, _("out of memory"));
		return false;
	}
	if (dup == NULL)
		return true;
	diag_add(b->diags, DIAG_ERROR, b->name, dup->line, dup->col, NULL,
		 _("duplicate key \"%s\" (first at line %lu)"),
		 utext_excerpt(sb, dup->str), first->line);
	return false;
}

/* libyaml refuses a "\\uD800" escape as an invalid code; when it is half
 * of a surrogate pair, ydoc_escape.c says so, at the escape. */
static bool
lone_surrogate(builder *b, const yaml_parser_t *p)
{
	if (!p->problem || strcmp(p->problem,
				  "found invalid Unicode character escape code"))
		return false;
	return yd_lone_surrogate(b->name, b->input, b->input_len,
				 p->problem_mark.line + 1,
				 col_of(b, &p->problem_mark), b->diags);
}

static void
report_parser_error(builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : _("syntax error");

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		diag_add(b->diags, DIAG_ERROR, b->name, 0, 0, NULL,
			 _("out of memory"));
		break;
	case YAML_READER_ERROR: {
		pos at = yd_pos_of_offset(b->input, b->input_len,
				       yd_escapes_offset(&b->esc,
							 p->problem_offset));

		diag_add(b->diags, DIAG_ERROR, b->name, at.line, at.col, NULL,
			 "%s", problem);
		break;
	}
	default:
		if (lone_surrogate(b, p))
			break;
		if (p->context != NULL)
			diag_add(b->diags, DIAG_ERROR, b->name,
				 p->problem_mark.line + 1,
				 col_of(b, &p->problem_mark), NULL,
				 _("%s (%s at line %lu, column %lu)"), problem,
				 p->context,
				 (unsigned long)p->context_mark.line + 1,
				 col_of(b, &p->context_mark));
		else
			diag_add(b->diags, DIAG_ERROR, b->name,
				 p->problem_mark.line + 1,
				 col_of(b, &p->problem_mark), NULL, "%s",
				 problem);
		break;
	}
}

/* Refuses what this format never uses: anchors, aliases and tags. */
static bool
check_plain_event(builder *b, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		fail_at(b, &ev->start_mark,
			_("anchors and aliases are not allowed"));
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		return true;
	}
	if (anchor != NULL) {
		fail_at(b, &ev->start_mark,
			_("anchors and aliases are not allowed"));
		return false;
	}
	if (tag != NULL) {
		fail_at(b, &ev->start_mark, _("tags are not allowed"));
		return false;
	}
	return true;
}

/* Escapes judged as the characters written raw would be: U+FEFF (only
 * allowed as the file's first character) and the noncharacters U+FFFE
 * and U+FFFF are refused, at the escape. Where there are surrogate pairs,
 * the scalar's span is noted, to tell which pairs were in quotes. */
static bool
double_quoted(builder *b, const yaml_event_t *ev, const char *v, size_t len)
{
	span *d;

	if (b->esc.n > 0) {
		d = grow_array(b->dq, &b->dq_cap, b->n_dq, sizeof(*d), 16);
		if (d == NULL) {
			fail_at(b, &ev->start_mark, _("out of memory"));
			return false;
		}
		b->dq = d;
		d[b->n_dq].start = (pos){ev->start_mark.line + 1,
					 ev->start_mark.column + 1};
		d[b->n_dq].end = (pos){ev->end_mark.line + 1,
				       ev->end_mark.column + 1};
		b->n_dq++;
	}
	return !yd_refused_escape(b->name, b->input, b->input_len,
				  ev->start_mark.line + 1,
				  col_of(b, &ev->start_mark), v, len,
				  yd_text_problem, b->diags);
}

/* Takes the scalar's value from the event when it can: libyaml allocates
 * it with malloc (yaml_malloc), NUL-terminated, and its event delete then
 * frees nothing; a copy and a free per scalar saved. */
static bool
on_scalar(builder *b, yaml_event_t *ev)
{
	char *v = (char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	yd_node *n;

	/* "\0" in a double-quoted scalar gives a NUL the tree cannot hold. */
	if (memchr(v, 0, len) != NULL) {
		fail_at(b, &ev->start_mark,
			_("NUL characters (\\0) are not allowed"));
		return false;
	}
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    !double_quoted(b, ev, v, len))
		return false;
	n = new_node(b, YD_SCALAR, &ev->start_mark);
	if (n == NULL)
		return false;
	if (v[len] == '\0') {
		n->str = v;
		ev->data.scalar.value = NULL;
	} else {
		n->str = malloc(len + 1);
		if (n->str == NULL) {
			yd_free(n);
			fail_at(b, &ev->start_mark, _("out of memory"));
			return false;
		}
		memcpy(n->str, v, len);
		n->str[len] = '\0';
	}
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return attach(b, n, &ev->start_mark);
}

static bool
on_collection_start(builder *b, const yaml_event_t *ev, yd_kind kind)
{
	yd_node *n;
	frame *s;

	if (b->depth >= b->lim->max_depth) {
		diag_add(b->diags, DIAG_ERROR, b->name,
			 ev->start_mark.line + 1, col_of(b, &ev->start_mark),
			 NULL, _("nesting deeper than %zu levels"),
			 b->lim->max_depth);
		return false;
	}
	s = grow_array(b->stack, &b->stack_cap, b->depth, sizeof(*s), 16);
	if (s == NULL) {
		fail_at(b, &ev->start_mark, _("out of memory"));
		return false;
	}
	b->stack = s;
	n = new_node(b, kind, &ev->start_mark);
	if (n == NULL)
		return false;
	if (!attach(b, n, &ev->start_mark))
		return false;
	b->stack[b->depth].node = n;
	b->stack[b->depth].cap = 0;
	b->stack[b->depth].pending_key = NULL;
	b->depth++;
	return true;
}

/* True when a U+FEFF (EF BB BF) occurs in d[0..len): the one character
 * yd_check_text refuses that libyaml's reader lets through. */
static bool
has_feff(const char *data, size_t len)
{
	const unsigned char *d = (const unsigned char *)data;
	const unsigned char *end = d + len, *p = d;

	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && p[1] == 0xBB && p[2] == 0xBF)
			return true;
		p++;
	}
	return false;
}

/* Frees what a parse built, for another try. */
static void
builder_reset(builder *b)
{
	for (size_t i = 0; i < b->depth; i++)
		yd_free(b->stack[i].pending_key);
	b->depth = 0;
	yd_free(b->root);
	b->root = NULL;
	b->n_nodes = 0;
	b->n_dq = 0;
	b->n_docs = 0;
}

/* One parse of text (what libyaml reads) into b->root; problems to
 * b->diags. */
static bool
run_parser(builder *b, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	bool done = false, ok = false;

	if (!yaml_parser_initialize(&parser)) {
		diag_add(b->diags, DIAG_ERROR, b->name, 0, 0, NULL,
			 _("out of memory"));
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
				     len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		bool step_ok = true;

		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(b, &parser);
			goto out;
		}
		if (!check_plain_event(b, &ev)) {
			yaml_event_delete(&ev);
			goto out;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++b->n_docs > 1) {
				fail_at(b, &ev.start_mark,
					_("more than one document"));
				step_ok = false;
			}
			break;
		case YAML_SCALAR_EVENT:
			step_ok = on_scalar(b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			step_ok = on_collection_start(b, &ev, YD_SEQ);
			break;
		case YAML_MAPPING_START_EVENT:
			step_ok = on_collection_start(b, &ev, YD_MAP);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (b->depth == 0) {
				step_ok = false; /* libyaml never does this */
				fail_at(b, &ev.start_mark, _("syntax error"));
				break;
			}
			b->depth--;
			if (ev.type == YAML_MAPPING_END_EVENT)
				step_ok = check_duplicates(
					b, b->stack[b->depth].node);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (!step_ok)
			goto out;
	}
	ok = true;
out:
	yaml_parser_delete(&parser);
	return ok;
}

static bool
pos_before(pos a, pos b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Marks the surrogate pairs that lay inside a double-quoted scalar (both
 * lists are in the order of the text). True when all of them did. */
static bool
pairs_in_quotes(builder *b)
{
	size_t k = 0, all = 0;

	for (size_t i = 0; i < b->esc.n; i++) {
		yd_pair *pr = &b->esc.v[i];
		pos at = {pr->at.line, pr->new_col};

		while (k < b->n_dq && !pos_before(at, b->dq[k].end))
			k++;
		pr->in_quotes = k < b->n_dq && !pos_before(at, b->dq[k].start);
		all += pr->in_quotes;
	}
	return all == b->esc.n;
}

/* The text is checked (yd_check_text) only when something went wrong, or when
 * the input holds a U+FEFF: libyaml's reader refuses exactly what
 * yd_check_text refuses (strict UTF-8, its printable characters, so no NUL)
 * but U+FEFF, and a parse that reaches the end of the stream has read all
 * of the input. When anything fails, yd_check_text's problem (which comes
 * with a line and column) is the one reported, as if the text had been
 * checked first; the parse's own problems are held back until then.
 * Surrogate pairs in escapes are replaced before libyaml reads the text;
 * should one of them not have been inside double quotes (where a
 * backslash is no escape), the text is read again with only the others
 * replaced. */
yd_node *
yd_parse_buffer(const char *name, const char *data, size_t len,
		const yd_limits *limits, diag_list *diags)
{
	builder b;
	diag_list found = DIAG_LIST_INIT; /* held back: see above */
	const char *text = data;
	size_t text_len = len;
	bool ok = false, text_bad = false;

	memset(&b, 0, sizeof(b));
	b.name = name;
	b.lim = limits ? limits : &yd_default_limits;
	b.diags = &found;

	if (len > b.lim->max_bytes) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
			 _("the file is larger than %zu bytes"), b.lim->max_bytes);
		return NULL;
	}
	if (len == 0 || data == NULL) {
		/* libyaml asserts on a NULL input. */
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
			 _("the file is empty"));
		return NULL;
	}
	if (!yd_prescan_flow(name, data, len, b.lim->max_depth, &found))
		goto out;

	/* libyaml counts a BOM as a column when it is told the encoding;
	 * leave it out so that columns on line 1 are right. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	b.input = data;
	b.input_len = len;
	if (!yd_escapes_find(data, len, &b.esc) ||
	    (b.esc.n > 0 && !yd_escapes_apply(data, len, &b.esc, false))) {
		diag_add(&found, DIAG_ERROR, name, 0, 0, NULL,
			 _("out of memory"));
		goto out;
	}
	if (!run_parser(&b, b.esc.text ? b.esc.text : data,
			b.esc.text ? b.esc.len : len))
		goto out;
	if (b.esc.n > 0 && !pairs_in_quotes(&b)) {
		builder_reset(&b);
		if (!yd_escapes_apply(data, len, &b.esc, true)) {
			diag_add(&found, DIAG_ERROR, name, 0, 0, NULL,
				 _("out of memory"));
			goto out;
		}
		if (!run_parser(&b, b.esc.text, b.esc.len))
			goto out;
	}
	if (b.n_docs == 0) {
		diag_add(&found, DIAG_ERROR, name, 0, 0, NULL,
			 _("the file is empty"));
		goto out;
	}
	if (b.root == NULL || yd_is_null(b.root)) {
		diag_add(&found, DIAG_ERROR, name,
			 b.root ? b.root->line : 0, b.root ? b.root->col : 0,
			 NULL, _("the document is empty"));
		goto out;
	}
	if (has_feff(data, len) && !yd_check_text(name, text, text_len, diags)) {
		text_bad = true;
		goto out;
	}
	yd_warn_nel(name, data, len, diags);
	ok = true;
out:
	for (size_t i = 0; i < b.depth; i++)
		yd_free(b.stack[i].pending_key);
	free(b.stack);
	free(b.dq);
	yd_escapes_free(&b.esc);
	if (!ok && !text_bad && yd_check_text(name, text, text_len, diags)) {
		/* A NEL may be why the syntax is wrong. */
		if (b.input)
			yd_warn_nel(name, data, len, diags);
		diag_list_move(diags, &found);
	}
	diag_list_free(&found);
	if (!ok) {
		yd_free(b.root);
		return NULL;
	}
	return b.root;
}

yd_node *
yd_parse_file(const char *path, const yd_limits *limits, diag_list *diags)
{
	const yd_limits *lim = limits ? limits : &yd_default_limits;
	fileread_status st;
	size_t len;
	char *buf = fileread(path, lim->max_bytes, &len, &st);
	yd_node *root;

	if (buf == NULL) {
		switch (st) {
		case FILEREAD_OPEN:
			diag_add_errno(diags, path, errno,
				       _("cannot open the file"));
			break;
		case FILEREAD_FOLDER:
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
				 _("is a folder, not a file"));
			break;
		case FILEREAD_NOT_REGULAR:
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
				 _("is not a regular file"));
			break;
		case FILEREAD_TOO_LARGE:
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 _("the file is larger than %zu bytes"),
				 lim->max_bytes);
			break;
		case FILEREAD_NO_MEMORY:
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
				 _("out of memory"));
			break;
		default:
			diag_add_errno(diags, path, errno,
				       _("cannot read the file"));
			break;
		}
		return NULL;
	}
	root = yd_parse_buffer(path, buf, len, lim, diags);
	free(buf);
	return root;
}

const yd_node *
yd_map_get(const yd_node *map, const char *key)
{
	size_t i, klen;

	if (map == NULL || map->kind != YD_MAP || key == NULL)
		return NULL;
	klen = strlen(key);
	for (i = 0; i < map->n; i++)
		if (map->keys[i]->len == klen &&
		    memcmp(map->keys[i]->str, key, klen) == 0)
			return map->items[i];
	return NULL;
}

bool
yd_is_null(const yd_node *node)
{
	if (node == NULL || node->kind != YD_SCALAR || !node->plain)
		return false;
	return node->len == 0 || strcmp(node->str, "~") == 0 ||
	       strcmp(node->str, "null") == 0 ||
	       strcmp(node->str, "Null") == 0 ||
	       strcmp(node->str, "NULL") == 0;
}

const char *
yd_kind_name(const yd_node *node)
{
	if (node == NULL)
		return _("nothing");
	switch (node->kind) {
	case YD_SCALAR:
		return _("a text");
	case YD_SEQ:
		return _("a list");
	case YD_MAP:
		return _("a mapping");
	}
	return _("a value");
}
