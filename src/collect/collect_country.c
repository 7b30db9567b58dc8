/* A plan's country as collect sees it: the ISO 3166-1 code a country
 * answer means (a code stored by a `country` item, or free text naming
 * one country in any of the four languages), the key plans are grouped
 * by (the code, never the displayed name), the name shown in a language,
 * and the country of a file that was not taken (from its text, or its
 * file name when it cannot be parsed). */
#include "collect_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "itype.h"
#include "ydoc.h"

bool
collect_country_code(const char *text, char code[4], bool *oom)
{
	const country_db *db = country_db_default(NULL);
	const country *c = NULL;

	code[0] = '\0';
	if (db == NULL || text == NULL || !*text ||
	    country_match_oom(db, text, &c, 1, oom) != 1)
		return false;
	memcpy(code, c->alpha3, 4);
	return true;
}

const char *
collect_country_label(const char *code, const char *shown, const char *lang)
{
	const country_db *db = country_db_default(NULL);
	const country *c = code && code[0] && db ? country_by_code(db, code)
						 : NULL;

	if (c != NULL)
		return country_name(db, c, lang);
	return shown ? shown : "";
}

const char *
collect_country_name(const collect_lang *lg, const collect_plan *cp)
{
	if (cp->code[0])
		return collect_country_label(cp->code, NULL, lg->code);
	return cp->country[0] ? cp->country
			      : collect_tr(lg, N_("(no country)"));
}

void
collect_country_stem(const char *code, const char *shown, char *out,
		     size_t size)
{
	itype_country_stem(code && code[0] ? code : shown, out, size);
}

/* The country answer of a document that did not load as a plan: a text,
 * or a {code, name} map (its code), under details: or answers:. */
static const yd_node *
answer_node(const yd_node *root, const char *id)
{
	static const char *const maps[] = {"details", "answers"};

	for (size_t i = 0; i < 2; i++) {
		const yd_node *m = yd_map_get(root, maps[i]);
		const yd_node *n = m && m->kind == YD_MAP ? yd_map_get(m, id)
							  : NULL;

		if (n == NULL)
			continue;
		if (n->kind == YD_MAP)
			n = yd_map_get(n, "code");
		return n && n->kind == YD_SCALAR ? n : NULL;
	}
	return NULL;
}

bool
collect_country_of_tree(const yd_node *root, const qn *q, char code[4],
			char **shown, bool *oom)
{
	const char *id = "country";
	const yd_node *n;

	*shown = NULL;
	code[0] = '\0';
	if (root == NULL || root->kind != YD_MAP)
		return false;
	if (q != NULL) {
		if (q->country_item < 0)
			return false;
		id = q->items[q->country_item].id;
	}
	n = answer_node(root, id);
	if (n == NULL || itype_blank(n->str))
		return false;
	*shown = collect_one_line(n->str);
	if (*shown == NULL)
		*oom = true;
	collect_country_code(n->str, code, oom);
	return *shown != NULL;
}

bool
collect_country_of_path(const char *path, char code[4], bool *oom)
{
	const char *base = strrchr(path, '/');
	char stem[128];
	size_t n;

	base = base ? base + 1 : path;
	n = strcspn(base, ".");
	/* Not two letters: "in.yaml" or "to.yaml" is no country's file. */
	if (n < 3 || n >= sizeof(stem))
		return false;
	memcpy(stem, base, n);
	stem[n] = '\0';
	/* Drafts and exports are named "tha.yaml", "tha-2.yaml",
	 * "tha-2026-12.txt" or "viet-nam-2000.yaml": the name without the
	 * numbers after it, its dashes as spaces. */
	for (;;) {
		char *dash = strrchr(stem, '-');

		if (dash == NULL || !dash[1] ||
		    strspn(dash + 1, "0123456789") != strlen(dash + 1))
			break;
		*dash = '\0';
	}
	for (char *p = stem; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	return collect_country_code(stem, code, oom);
}

void
collect_who_from_tree(collect_who *w, const yd_node *root, const qn *q,
		      const char *path)
{
	if (!collect_country_of_tree(root, q, w->code, &w->country, &w->oom) &&
	    collect_country_of_path(path, w->code, &w->oom) &&
	    (w->country = strdup(collect_country_label(w->code, NULL,
							"en"))) == NULL)
		w->oom = true;
}

void
collect_who_from_plan(collect_who *w, const plan *p)
{
	const char *c = plan_country(p);

	if (c == NULL || itype_blank(c))
		return;
	w->country = collect_one_line(c);
	if (w->country == NULL)
		w->oom = true;
	collect_country_code(c, w->code, &w->oom);
}
