/* Trusted keys: loading a coordinator's folder of public keys and working
 * out which country each key may sign for (sig_trust.h has the rule). */
#include "sig_trust.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "country.h"
#include "grow.h"
#include "intl.h"
#include "store.h"
#include "textfold.h"
#include "utext.h"

char *
sig_country_key(const char *name)
{
	const char *s = name ? name : "";

	/* A name that is not UTF-8 (a key's file name is bytes) names no
	 * country at all. */
	if (!utext_valid(s, strlen(s), NULL))
		return strdup("");
	return textfold(s, false);
}

/* The ISO 3166-1 alpha-3 code a name means (a code, or a name in any of
 * the four languages), or "" when it means none or several; out has room
 * for 4 bytes. */
static void
iso_code(const char *name, char out[4])
{
	const country_db *db = country_db_default(NULL);
	const country *c = NULL;

	out[0] = '\0';
	if (db != NULL && name != NULL && country_match(db, name, &c, 1) == 1)
		memcpy(out, c->alpha3, 4);
}

bool
sig_trusted_for(const sig_trusted *t, const char *named)
{
	char *key, code[4];
	bool yes = false;

	if (t->any_country)
		return true;
	if (named == NULL || (key = sig_country_key(named)) == NULL)
		return false;
	iso_code(named, code);
	for (size_t i = 0; i < t->n_countries && !yes; i++)
		yes = (key[0] && strcmp(t->countries[i], key) == 0) ||
		      (code[0] && strcmp(t->countries[i], code) == 0);
	free(key);
	return yes;
}

bool
sig_same_country(const char *a, const char *b)
{
	char *ka = sig_country_key(a), *kb = sig_country_key(b);
	char ca[4], cb[4];
	bool same = ka && kb && strcmp(ka, kb) == 0;

	free(ka);
	free(kb);
	if (!same) {
		iso_code(a, ca);
		iso_code(b, cb);
		same = ca[0] && strcmp(ca, cb) == 0;
	}
	return same;
}

static void
trusted_free(sig_trusted *t)
{
	free(t->file);
	sig_pubkey_free(&t->key);
	for (size_t i = 0; i < t->n_countries; i++)
		free(t->countries[i]);
	free(t->countries);
}

void
sig_ring_free(sig_ring *r)
{
	for (size_t i = 0; i < r->n; i++)
		trusted_free(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

/* Adds entry (taken) to t's countries unless empty or there already. */
static bool
add_entry(sig_trusted *t, char *entry)
{
	char **v;

	if (entry == NULL)
		return false;
	for (size_t i = 0; i < t->n_countries; i++)
		if (strcmp(t->countries[i], entry) == 0)
			entry[0] = '\0';
	if (entry[0] == '\0') {
		free(entry);
		return true;
	}
	v = grow_array(t->countries, &t->cap_countries, t->n_countries,
		       sizeof(*v), 8);
	if (v == NULL) {
		free(entry);
		return false;
	}
	t->countries = v;
	t->countries[t->n_countries++] = entry;
	return true;
}

/* A name makes t trusted for itself (folded) and, when it means one
 * country of ISO 3166-1 (THA, TH, Thailand, ไทย...), for that country's
 * code, which plans of that country match however they name it. */
static bool
add_country(sig_trusted *t, const char *name)
{
	char code[4];

	iso_code(name, code);
	return add_entry(t, sig_country_key(name)) && add_entry(t, strdup(code));
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
	diag_list *diags)
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
		if (!add_country(t, stem) ||
		    (named != NULL && !add_country(t, named)))
			goto oom_t;
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
	return add_key(r, path, "", true, diags);
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
			   !add_key(r, path, names[i], false, diags)) {
			ok = false;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return ok;
}
