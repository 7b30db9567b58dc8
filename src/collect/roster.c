/* The roster file of `collect --expect`: the countries expected, one a
 * line (a code or a name in any of the four languages, as iso-codes lists
 * them), `#` comments and blank lines; a line that names no country, or
 * several, is reported at its place with what to write instead. */
#include "roster.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect_int.h"
#include "country.h"
#include "grow.h"
#include "store.h"
#include "utext.h"

const char *
country_status_id(country_status s)
{
	switch (s) {
	case STATUS_FINAL: return "final";
	case STATUS_DRAFT: return "draft";
	case STATUS_REJECTED: return "rejected";
	case STATUS_NOTHING: break;
	}
	return "nothing";
}

void
roster_destroy(roster *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].key);
	}
	free(r->v);
	free(r->path);
	free(r);
}

/* "Thailand (THA), Taiwan (TWN)": countries for a message, in the
 * language of messages. */
static void
list_countries(sbuf *b, const country_db *db, const country *const *c,
	       size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbuf_printf(b, "%s%s (%s)", i ? ", " : "",
			    country_name(db, c[i], i18n_ui_language()),
			    c[i]->alpha3);
}

/* Why text (the line's name, shown) is not one country, and what to
 * write: an error at line:col. */
static void
not_one(diag_list *diags, const char *path, unsigned long line,
	unsigned long col, const country_db *db, const char *text)
{
	const country *c[8];
	size_t n = country_match(db, text, c, 8);
	char shown[UTEXT_EXCERPT_SIZE];
	sbuf near = SBUF_INIT;

	utext_excerpt(shown, text);
	if (n > 1) {
		list_countries(&near, db, c, n < 8 ? n : 8);
		diag_add(diags, DIAG_ERROR, path, line, col, NULL,
			 _("\"%s\" names more than one country (%s): write "
			   "the code of the one expected"),
			 shown, sbuf_cstr(&near));
	} else if ((n = country_closest(db, text, c, 3)) > 0) {
		list_countries(&near, db, c, n);
		diag_add(diags, DIAG_ERROR, path, line, col, NULL,
			 _("\"%s\" is not a country of ISO 3166-1: did you "
			   "mean %s? Write a code (THA) or a name as "
			   "iso-codes lists it"),
			 shown, sbuf_cstr(&near));
	} else {
		diag_add(diags, DIAG_ERROR, path, line, col, NULL,
			 _("\"%s\" is not a country of ISO 3166-1: write a "
			   "code (THA) or a name as iso-codes lists it"),
			 shown);
	}
	sbuf_free(&near);
}

/* One line's country (text: the line without its comment, trimmed),
 * added to r unless listed already. False when out of memory. */
static bool
add_line(roster *r, size_t *cap, const char *text, unsigned long line,
	 unsigned long col, diag_list *diags)
{
	const country_db *db = country_db_default(NULL);
	roster_line e = {.line = line};
	roster_line *v;
	bool oom = false;

	if (db != NULL && !collect_country_code(text, e.code, &oom)) {
		if (oom)
			return false;
		not_one(diags, r->path, line, col, db, text);
		return true;
	}
	e.key = e.code[0] ? strdup(e.code) : collect_fold(text);
	e.name = collect_one_line(text);
	if (e.key == NULL || e.name == NULL)
		goto oom;
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->v[i].key, e.key) != 0)
			continue;
		diag_add(diags, DIAG_WARNING, r->path, line, col, NULL,
			 _("%s is listed already on line %lu; this line is "
			   "left out"),
			 collect_country_label(e.code, e.name,
					       i18n_ui_language()),
			 r->v[i].line);
		free(e.key);
		free(e.name);
		return true;
	}
	if (r->n >= ROSTER_MAX) {
		diag_add(diags, DIAG_ERROR, r->path, line, col, NULL,
			 _("more than %d countries: a roster lists each "
			   "country once"),
			 ROSTER_MAX);
		free(e.key);
		free(e.name);
		return true;
	}
	v = grow_array(r->v, cap, r->n, sizeof(*v), 32);
	if (v == NULL)
		goto oom;
	r->v = v;
	r->v[r->n++] = e;
	return true;
oom:
	free(e.key);
	free(e.name);
	return false;
}

roster *
roster_parse(const char *path, const char *text, size_t len,
	     diag_list *diags)
{
	roster *r = calloc(1, sizeof(*r));
	size_t cap = 0, errors = diags->n_errors, bad;
	unsigned long line = 1;
	char *buf = NULL;

	if (r == NULL || (r->path = strdup(path)) == NULL)
		goto oom;
	if (!utext_valid(text, len, &bad)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 _("not UTF-8 text (byte %zu): save the roster as "
			   "UTF-8"),
			 bad + 1);
		goto fail;
	}
	/* A byte-order mark, as Windows editors save UTF-8, is no text. */
	size_t first = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	for (size_t at = first; at < len; line++) {
		size_t end = at, stop, start;

		while (end < len && text[end] != '\n')
			end++;
		stop = at;
		while (stop < end && text[stop] != '#')
			stop++;
		start = at;
		while (start < stop && strchr(" \t\r\f\v", text[start]))
			start++;
		while (stop > start && strchr(" \t\r\f\v", text[stop - 1]))
			stop--;
		if (stop > start) {
			free(buf);
			buf = strndup(text + start, stop - start);
			if (buf == NULL || strlen(buf) != stop - start) {
				if (buf == NULL)
					goto oom;
				diag_add(diags, DIAG_ERROR, path, line, 1, NULL,
					 "%s", _("a NUL byte: remove it"));
			} else if (!add_line(r, &cap, buf, line,
					     utext_count(text + at,
							 start - at) + 1,
					     diags)) {
				goto oom;
			}
		}
		at = end + 1;
	}
	free(buf);
	buf = NULL;
	if (diags->n_errors > errors)
		goto fail;
	return r;
oom:
	diag_add_errno(diags, path, ENOMEM, "%s", _("out of memory"));
fail:
	free(buf);
	roster_destroy(r);
	return NULL;
}

roster *
roster_load(const char *path, diag_list *diags)
{
	size_t len = 0;
	char *data = store_read_file(path, ROSTER_MAX_BYTES, &len, diags);
	roster *r;

	if (data == NULL)
		return NULL;
	r = roster_parse(path, data, len, diags);
	free(data);
	return r;
}
