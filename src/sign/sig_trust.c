/* Trusted keys: loading a coordinator's folder of public keys and working
 * out which country each key may sign for (sig_trust.h has the rule). */
#include "sig_trust.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "export.h"
#include "grow.h"
#include "i18n.h"
#include "sbuf.h"
#include "store.h"
#include "ydoc.h"

char *
sig_country_key(const char *name)
{
	utf8proc_uint8_t *folded = NULL;
	sbuf b = SBUF_INIT;

	if (utf8proc_map((const utf8proc_uint8_t *)(name ? name : ""), 0,
			 &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
				 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
		return NULL;
	/* Spaces (any kind, after NFKC mostly U+0020) collapsed. */
	export_one_line(&b, (const char *)folded, strlen((char *)folded));
	free(folded);
	return sbuf_take(&b, NULL);
}

bool
sig_trusted_for(const sig_trusted *t, const char *country_key)
{
	if (t->any_country)
		return true;
	if (country_key == NULL)
		return false;
	for (size_t i = 0; i < t->n_countries; i++)
		if (strcmp(t->countries[i], country_key) == 0)
			return true;
	return false;
}

static void
trusted_free(sig_trusted *t)
{
	free(t->file);
	sig_pubkey_finish(&t->key);
	for (size_t i = 0; i < t->n_countries; i++)
		free(t->countries[i]);
	free(t->countries);
}

void
sig_ring_finish(sig_ring *r)
{
	for (size_t i = 0; i < r->n; i++)
		trusted_free(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

/* Adds the key of name (not folded yet) to t's countries. */
static bool
add_country(sig_trusted *t, const char *name)
{
	char *key = sig_country_key(name);
	char **v;

	if (key == NULL)
		return false;
	if (key[0] == '\0' || sig_trusted_for(t, key)) {
		free(key);
		return true;
	}
	v = realloc(t->countries, (t->n_countries + 1) * sizeof(*v));
	if (v == NULL) {
		free(key);
		return false;
	}
	t->countries = v;
	t->countries[t->n_countries++] = key;
	return true;
}

/* The countries of ISO 3166-1, parsed once per folder of keys (NULL when
 * iso-codes is not installed: codes then stand only for themselves). */
static const yd_node *
iso_list(const yd_node *root)
{
	const yd_node *list = yd_map_get(root, "3166-1");

	return list && list->kind == YD_SEQ ? list : NULL;
}

static const char *
field(const yd_node *entry, const char *key)
{
	const yd_node *v = yd_map_get(entry, key);

	return v && v->kind == YD_SCALAR ? v->str : NULL;
}

/* A name of two or three ASCII letters that is an ISO code: the country's
 * English names are added too. */
static bool
add_iso_names(sig_trusted *t, const char *code, const yd_node *iso)
{
	static const char *const names[] = {"name", "official_name",
					    "common_name"};
	size_t n = strlen(code);

	if (iso == NULL || (n != 2 && n != 3))
		return true;
	for (size_t i = 0; i < iso->n; i++) {
		const yd_node *e = iso->items[i];
		const char *c = field(e, n == 2 ? "alpha_2" : "alpha_3");

		if (e->kind != YD_MAP || c == NULL || strcasecmp(c, code) != 0)
			continue;
		for (size_t k = 0; k < sizeof(names) / sizeof(*names); k++)
			if (field(e, names[k]) &&
			    !add_country(t, field(e, names[k])))
				return false;
	}
	return true;
}

/* The country its untrusted comment names after "country:", or NULL. */
static const char *
comment_country(const char *comment)
{
	const char *p = comment, *last = NULL;

	while ((p = strstr(p, "country:")) != NULL) {
		last = p + strlen("country:");
		p = last;
	}
	return last;
}

/* Makes room for one more key and returns it, zeroed. */
static sig_trusted *
ring_slot(sig_ring *r)
{
	sig_trusted *v = grow_array(r->v, &r->cap, r->n, sizeof(*v), 8);

	if (v == NULL)
		return NULL;
	r->v = v;
	memset(&r->v[r->n], 0, sizeof(*r->v));
	return &r->v[r->n];
}

/* Loads path into the next slot; names (file name, then comment) give
 * its countries unless any_country. */
static bool
add_key(sig_ring *r, const char *path, const char *stem, bool any_country,
	const yd_node *iso, diag_list *diags)
{
	sig_trusted *t = ring_slot(r);
	const char *named;

	if (t == NULL || (t->file = strdup(path)) == NULL)
		goto oom;
	if (!sig_pubkey_load(path, &t->key, diags)) {
		free(t->file);
		return false;
	}
	t->any_country = any_country;
	if (!any_country) {
		named = comment_country(t->key.comment);
		if (!add_country(t, stem) || !add_iso_names(t, stem, iso))
			goto oom_t;
		if (named != NULL) {
			char *name = sig_country_key(named);

			if (name == NULL || !add_country(t, name) ||
			    !add_iso_names(t, name, iso)) {
				free(name);
				goto oom_t;
			}
			free(name);
		}
	}
	r->n++;
	return true;
oom_t:
	trusted_free(t);
	goto oom_msg;
oom:
	if (t)
		free(t->file);
oom_msg:
	diag_add_errno(diags, path, ENOMEM, "%s", _("out of memory"));
	return false;
}

bool
sig_ring_add_any(sig_ring *r, const char *path, diag_list *diags)
{
	return add_key(r, path, "", true, NULL, diags);
}

/* Someone else who can write to path could plant a key. */
static bool
safe(const char *path, const struct stat *st, diag_list *diags)
{
	if ((st->st_mode & 022) == 0)
		return true;
	diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
		 _("others can write to it (mode %04o), so anyone could make "
		   "a key trusted; run: chmod go-w '%s'"),
		 (unsigned)(st->st_mode & 07777), path);
	return false;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names NAME.pub in dir, sorted; NULL with a problem. */
static char **
key_names(const char *dir, size_t *n, diag_list *diags)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL) {
		diag_add_errno(diags, dir, errno, "%s",
			       _("the folder of keys cannot be read"));
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char **v;

		if (e->d_name[0] == '.' || len <= 4 ||
		    strcmp(e->d_name + len - 4, ".pub") != 0)
			continue;
		v = grow_array(names, &cap, *n, sizeof(*v), 16);
		if (v == NULL || (v[*n] = strdup(e->d_name)) == NULL) {
			names = v ? v : names;
			diag_add_errno(diags, dir, ENOMEM, "%s",
				       _("out of memory"));
			goto fail;
		}
		names = v;
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), cmp_names);
	if (*n == 0) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, NULL, "%s",
			 _("no public key (NAME.pub) in the folder of keys"));
		free(names);
		return NULL;
	}
	return names;
fail:
	closedir(d);
	for (size_t i = 0; i < *n; i++)
		free(names[i]);
	free(names);
	return NULL;
}

bool
sig_ring_load_dir(sig_ring *r, const char *dir, diag_list *diags)
{
	diag_list ignored = DIAG_LIST_INIT;
	yd_node *root = NULL;
	struct stat st;
	char **names = NULL;
	size_t n = 0;
	bool ok = true;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_add_errno(diags, dir, stat(dir, &st) != 0 ? errno : ENOTDIR,
			       "%s", _("the folder of keys cannot be read"));
		return false;
	}
	if (!safe(dir, &st, diags) || (names = key_names(dir, &n, diags)) == NULL)
		return false;
	/* Without iso-codes a code stands for itself alone. */
	root = yd_parse_file(SIG_ISO_3166_JSON, NULL, &ignored);
	for (size_t i = 0; i < n; i++) {
		char *path = store_join(dir, names[i]);

		names[i][strlen(names[i]) - 4] = '\0'; /* the stem */
		if (path == NULL) {
			diag_add_errno(diags, dir, ENOMEM, "%s",
				       _("out of memory"));
			ok = false;
		} else if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
				 _("not a regular file"));
			ok = false;
		} else if (!safe(path, &st, diags) ||
			   !add_key(r, path, names[i], false, iso_list(root),
				    diags)) {
			ok = false;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	yd_free(root);
	diag_list_finish(&ignored);
	return ok;
}
