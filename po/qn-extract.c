/* qn-extract: writes the translatable text of questionnaire files as a .pot
 * fragment (po/questionnaires.pot), with the contexts src/engine/qn_i18n.c looks up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "qn.h"
#include "ydoc.h"

typedef struct ref {
	char *file;
	unsigned long line;
} ref;

typedef struct entry {
	char *ctx;
	char *msgid;
	char *comment;
	bool c_format;
	ref *refs;
	size_t n_refs;
} entry;

typedef struct pot {
	entry *v;
	size_t n;
	size_t cap;
	bool oom;
} pot;

static char *
xstrdup(pot *p, const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		p->oom = true;
	return d;
}

/* Adds one string (or one more place of a string already there). */
static void
add(pot *p, const char *file, unsigned long line, char *ctx,
    const char *msgid, const char *comment, bool c_format)
{
	entry *e = NULL;
	ref *r;

	if (!ctx) {
		p->oom = true;
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		if (!strcmp(p->v[i].ctx, ctx) && !strcmp(p->v[i].msgid, msgid)) {
			e = &p->v[i];
			break;
		}
	}
	if (!e) {
		entry *v = grow_array(p->v, &p->cap, p->n, sizeof(*v), 64);

		if (!v) {
			p->oom = true;
			free(ctx);
			return;
		}
		p->v = v;
		e = &p->v[p->n++];
		memset(e, 0, sizeof(*e));
		e->ctx = ctx;
		e->msgid = xstrdup(p, msgid);
		e->comment = xstrdup(p, comment);
		e->c_format = c_format;
	} else {
		free(ctx);
	}
	r = realloc(e->refs, (e->n_refs + 1) * sizeof(*r));
	if (!r) {
		p->oom = true;
		return;
	}
	e->refs = r;
	e->refs[e->n_refs].file = xstrdup(p, file);
	e->refs[e->n_refs].line = line;
	e->n_refs++;
}

static void
pot_finish(pot *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].ctx);
		free(p->v[i].msgid);
		free(p->v[i].comment);
		for (size_t k = 0; k < p->v[i].n_refs; k++)
			free(p->v[i].refs[k].file);
		free(p->v[i].refs);
	}
	free(p->v);
}

/* Writes a PO string: one line, or "" followed by one line per "\n". */
static void
put_string(FILE *f, const char *key, const char *s)
{
	bool multi = strchr(s, '\n') && strchr(s, '\n')[1] != '\0';

	fprintf(f, "%s ", key);
	if (multi)
		fputs("\"\"\n", f);
	fputc('"', f);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		case '\n':
			fputs("\\n", f);
			if (multi && c[1])
				fputs("\"\n\"", f);
			break;
		default:
			if (*c < 0x20 || *c == 0x7f)
				fprintf(f, "\\%03o", *c);
			else
				fputc(*c, f);
		}
	}
	fputs("\"\n", f);
}

static void
write_pot(FILE *f, const pot *p)
{
	fputs("# Text of the questionnaires (questionnaires/*.yaml), for translation.\n"
	      "# Written by qn-extract; do not edit: see po/README.md.\n"
	      "msgid \"\"\n"
	      "msgstr \"\"\n"
	      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n",
	      f);
	for (size_t i = 0; i < p->n; i++) {
		const entry *e = &p->v[i];

		fputc('\n', f);
		for (const char *c = e->comment; *c;) {
			size_t n = strcspn(c, "\n");

			fprintf(f, "#. %.*s\n", (int)n, c);
			c += n;
			if (*c)
				c++;
		}
		for (size_t k = 0; k < e->n_refs; k++)
			fprintf(f, "#: %s:%lu\n", e->refs[k].file,
				e->refs[k].line);
		/* Tell the translators' tools what a '%' means. */
		if (e->c_format)
			fputs("#, c-format\n", f);
		else if (strchr(e->msgid, '%'))
			fputs("#, no-c-format\n", f);
		put_string(f, "msgctxt", e->ctx);
		put_string(f, "msgid", e->msgid);
		fputs("msgstr \"\"\n", f);
	}
}

/* "question Prevention 6", or "the item \"country\" (Plan details)" for
 * an unnumbered one, for the translators' comments. */
static void
item_name(const qn *q, size_t i, char *buf, size_t size)
{
	const qn_item *it = &q->items[i];

	if (it->number[0])
		snprintf(buf, size, "question %s %s",
			 q->sections[it->section].title, it->number);
	else
		snprintf(buf, size, "the item \"%s\" (%s)", it->id,
			 q->sections[it->section].title);
}

/* The {ITEM-ID} placeholders of a plan title, for the comment. */
static void
placeholders(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const char *c = strchr(s, '{'); c; c = strchr(c + 1, '{')) {
		size_t len = strcspn(c, "}");

		if (c[len] != '}')
			break;
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%.*s",
				      n ? ", " : "", (int)len + 1, c);
		if (n >= size)
			break;
	}
}

/* One string of a questionnaire, at the mark of node `at` (the value's own
 * node when there is one, else the mapping that holds it). */
static void
field(pot *p, const char *file, const qn *q, const yd_node *map,
      const char *key, i18n_field f, size_t index, size_t sub,
      const char *comment, bool c_format)
{
	const yd_node *v = yd_map_get(map, key);
	const char *en = i18n_qn_english(q, f, index, sub);

	/* Absent from the file: the loader's default, a program string. */
	if (!v || !en || !en[0])
		return;
	add(p, file, v->line, i18n_qn_context(q, f, index, sub), en, comment,
	    c_format);
}

static const char *const msg_keys[] = {"required", "max_length", "choice",
				       "pattern"};
static const i18n_field msg_fields[] = {
	I18N_ITEM_MSG_REQUIRED, I18N_ITEM_MSG_MAX_LENGTH,
	I18N_ITEM_MSG_CHOICE, I18N_ITEM_MSG_PATTERN,
};

static void
extract_item(pot *p, const char *file, const qn *q, size_t i,
	     const yd_node *node)
{
	const qn_item *it = &q->items[i];
	const yd_node *choices = yd_map_get(node, "choices");
	const yd_node *msgs = yd_map_get(node, "messages");
	char name[300], c[600];

	item_name(q, i, name, sizeof(name));
	snprintf(c, sizeof(c), "Title of %s of the questionnaire %s%s.", name,
		 q->id, it->number[0] ? ", word for word from the original" : "");
	field(p, file, q, node, "title", I18N_ITEM_TITLE, i, 0, c, false);
	snprintf(c, sizeof(c), "Guidance for %s: what a complete answer "
		 "covers.", name);
	field(p, file, q, node, "guidance", I18N_ITEM_GUIDANCE, i, 0, c,
	      false);
	snprintf(c, sizeof(c), "Label of the explanation given with the "
		 "answer to %s.", name);
	field(p, file, q, node, "explain_label", I18N_ITEM_EXPLAIN_LABEL, i,
	      0, c, false);
	for (size_t k = 0; choices && choices->kind == YD_SEQ &&
			   k < choices->n && k < it->n_choices; k++) {
		snprintf(c, sizeof(c), "A choice of %s (stored in plans as "
			 "\"%s\").", name, it->choices[k].id);
		field(p, file, q, choices->items[k], "label", I18N_ITEM_CHOICE,
		      i, k, c, false);
	}
	for (size_t k = 0; msgs && msgs->kind == YD_MAP && k < 4; k++) {
		bool fmt = msg_fields[k] == I18N_ITEM_MSG_MAX_LENGTH;

		snprintf(c, sizeof(c), "Shown when the answer to %s breaks a "
			 "rule (%s).%s", name, msg_keys[k],
			 fmt ? "\n%zu is the largest number of characters."
			     : "");
		field(p, file, q, msgs, msg_keys[k], msg_fields[k], i, 0, c,
		      fmt);
	}
}

/* Walks the parsed file alongside the loaded questionnaire: the loader
 * keeps sections and items in file order, so the i-th node is the i-th
 * section or item. */
static bool
extract_file(pot *p, const char *path, const char *name)
{
	diag_list diags = DIAG_LIST_INIT;
	qn *q = qn_load(path, &diags);
	yd_node *root = q ? yd_parse_file(path, NULL, &diags) : NULL;
	const yd_node *sections;
	char c[600], ph[300];
	size_t item = 0;
	bool ok = false;

	if (!q || !root)
		goto out;
	snprintf(c, sizeof(c), "Title of the questionnaire %s.", q->id);
	field(p, name, q, root, "title", I18N_QN_TITLE, 0, 0, c, false);
	placeholders(q->plan_title ? q->plan_title : "", ph, sizeof(ph));
	snprintf(c, sizeof(c), "Title of a plan in the text export. Keep %s "
		 "exactly as written: each is replaced by that answer (a date "
		 "by its month and year). Empty parentheses around a missing "
		 "answer are dropped.", ph[0] ? ph : "every {...}");
	field(p, name, q, root, "plan_title", I18N_QN_PLAN_TITLE, 0, 0, c,
	      false);
	sections = yd_map_get(root, "sections");
	for (size_t s = 0; sections && s < sections->n && s < q->n_sections;
	     s++) {
		const yd_node *sn = sections->items[s];
		const yd_node *items = yd_map_get(sn, "items");

		field(p, name, q, sn, "title", I18N_SECTION_TITLE, s, 0,
		      "Name of a section of the questionnaire, shown in the "
		      "outline.", false);
		field(p, name, q, sn, "heading", I18N_SECTION_HEADING, s, 0,
		      "Heading printed before the section in the text export "
		      "(capitals in English).", false);
		for (size_t k = 0; items && k < items->n &&
				   item < q->n_items; k++, item++)
			extract_item(p, name, q, item, items->items[k]);
	}
	ok = !p->oom;
out:
	for (size_t i = 0; i < diags.n; i++) {
		char *line = diag_format(&diags.v[i]);

		fprintf(stderr, "%s\n", line ? line : diags.v[i].message);
		free(line);
	}
	if (p->oom)
		fputs("qn-extract: out of memory\n", stderr);
	yd_free(root);
	qn_destroy(q);
	diag_list_free(&diags);
	return ok;
}

int
main(int argc, char **argv)
{
	const char *out = NULL, *root = NULL;
	pot p = {0};
	FILE *f = stdout;
	int i, status = 1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--root") && i + 1 < argc) {
			root = argv[++i];
		} else {
			fputs("usage: qn-extract [-o OUT.pot] [--root DIR] "
			      "QUESTIONNAIRE.yaml...\n", stderr);
			return 2;
		}
	}
	for (; i < argc; i++) {
		const char *name = argv[i];
		size_t rl = root ? strlen(root) : 0;

		/* References are relative to the source tree, like xgettext's. */
		if (root && !strncmp(name, root, rl) && name[rl] == '/')
			name += rl + 1;
		if (!extract_file(&p, argv[i], name))
			goto out;
	}
	if (out && !(f = fopen(out, "w"))) {
		perror(out);
		goto out;
	}
	write_pot(f, &p);
	if (fflush(f) != 0 || ferror(f)) {
		perror(out ? out : "standard output");
		goto out;
	}
	status = 0;
out:
	if (f && f != stdout && fclose(f) != 0 && status == 0) {
		perror(out);
		status = 1;
	}
	pot_finish(&p);
	return status;
}
