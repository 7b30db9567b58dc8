/* ISO 3166-1 countries from iso-codes (see country.h). The JSON file is
 * read with the same bounded YAML reader as every other file (JSON is
 * YAML), and each country's names are folded once into keys for matching. */
#include "country.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "grow.h"
#include "intl.h"
#include "textfold.h"
#include "ydoc.h"

#define DOMAIN "iso_3166-1"
/* The languages whose names are matched, as plans write them. */
static const char *const langs[] = {"th", "vi", "zh-CN"};
#define N_LANGS (sizeof(langs) / sizeof(langs[0]))
/* English short, official and common name, and each of them translated. */
#define N_NAMES (3 * (1 + N_LANGS))
/* iso-codes 4.15 lists 249; room for growth, not for a hostile file. */
#define MAX_COUNTRIES 1000

typedef struct entry {
	country c;
	/* Folded names (NULL where there is none): exact keys keep marks,
	 * loose ones (for filtering) drop them. */
	char *exact[N_NAMES];
	char *loose[N_NAMES];
} entry;

struct country_db {
	yd_node *root; /* the names point into it */
	entry *v;
	size_t n, cap;
	i18n_cat *cats[N_LANGS];
};

void
country_db_destroy(country_db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->n; i++) {
		for (size_t k = 0; k < N_NAMES; k++) {
			free(db->v[i].exact[k]);
			free(db->v[i].loose[k]);
		}
	}
	free(db->v);
	for (size_t l = 0; l < N_LANGS; l++)
		i18n_cat_destroy(db->cats[l]);
	yd_free(db->root);
	free(db);
}

static const char *
text_of(const yd_node *map, const char *key)
{
	const yd_node *v = yd_map_get(map, key);

	return v && v->kind == YD_SCALAR && v->len > 0 ? v->str : NULL;
}

static bool
ascii_upper(const char *s, size_t len)
{
	if (s == NULL || strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

/* Folds the entry's names into its keys; false when out of memory. */
static bool
fold_names(country_db *db, entry *e)
{
	const char *en[3] = {e->c.name, e->c.official_name, e->c.common_name};

	for (size_t k = 0; k < N_NAMES; k++) {
		const char *src = en[k % 3];
		size_t lang = k / 3;

		if (src == NULL)
			continue;
		if (lang > 0) {
			const char *t = i18n_cat_get(db->cats[lang - 1], NULL,
						     src);

			if (t == src)
				continue; /* untranslated: English is there */
			src = t;
		}
		e->exact[k] = textfold(src, false);
		e->loose[k] = textfold(src, true);
		if (e->exact[k] == NULL || e->loose[k] == NULL)
			return false;
	}
	return true;
}

/* One country of the list; false (with a problem) when it is not one. */
static bool
add_country(country_db *db, const char *json, const yd_node *m,
	    diag_list *diags)
{
	const char *a2 = text_of(m, "alpha_2"), *a3 = text_of(m, "alpha_3");
	const char *name = text_of(m, "name");
	entry *v;

	if (m->kind != YD_MAP || !ascii_upper(a2, 2) || !ascii_upper(a3, 3) ||
	    name == NULL) {
		diag_add(diags, DIAG_ERROR, json, m->line, m->col, NULL, "%s",
			 _("not a country of ISO 3166-1 (alpha_2, alpha_3 and "
			   "name are needed)"));
		return false;
	}
	v = grow_array(db->v, &db->cap, db->n, sizeof(*v), 256);
	if (v == NULL)
		goto oom;
	db->v = v;
	memset(&v[db->n], 0, sizeof(v[db->n]));
	memcpy(v[db->n].c.alpha2, a2, 3);
	memcpy(v[db->n].c.alpha3, a3, 4);
	v[db->n].c.name = name;
	v[db->n].c.official_name = text_of(m, "official_name");
	v[db->n].c.common_name = text_of(m, "common_name");
	db->n++;
	if (fold_names(db, &v[db->n - 1]))
		return true;
oom:
	diag_add(diags, DIAG_ERROR, json, 0, 0, NULL, "%s", _("out of memory"));
	return false;
}

country_db *
country_db_load(const char *json, const char *localedir, diag_list *diags)
{
	static const yd_limits lim = {4u << 20, 8, 200000};
	country_db *db = calloc(1, sizeof(*db));
	const yd_node *list;

	if (db == NULL) {
		diag_add(diags, DIAG_ERROR, json, 0, 0, NULL, "%s",
			 _("out of memory"));
		return NULL;
	}
	db->root = yd_parse_file(json, &lim, diags);
	if (db->root == NULL)
		goto fail;
	list = yd_map_get(db->root, "3166-1");
	if (list == NULL || list->kind != YD_SEQ || list->n == 0 ||
	    list->n > MAX_COUNTRIES) {
		diag_add(diags, DIAG_ERROR, json, db->root->line,
			 db->root->col, NULL, "%s",
			 _("not the ISO 3166-1 list of iso-codes (a \"3166-1\" "
			   "list of countries is expected)"));
		goto fail;
	}
	for (size_t l = 0; l < N_LANGS; l++)
		db->cats[l] = i18n_cat_open_domain(localedir, DOMAIN, langs[l],
						   diags);
	for (size_t i = 0; i < list->n; i++)
		if (!add_country(db, json, list->items[i], diags))
			goto fail;
	return db;
fail:
	country_db_destroy(db);
	return NULL;
}

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static country_db *default_db;
static diag_list default_problems = DIAG_LIST_INIT;
static pthread_mutex_t told_lock = PTHREAD_MUTEX_INITIALIZER;
static bool told;

static void
load_default(void)
{
	const char *json = getenv("ACTIONPLAN_ISO_3166");
	const char *dir = getenv("ACTIONPLAN_ISO_LOCALEDIR");

	default_db = country_db_load(json && *json ? json : COUNTRY_JSON,
				     dir && *dir ? dir : COUNTRY_LOCALEDIR,
				     &default_problems);
}

const country_db *
country_db_default(diag_list *problems)
{
	pthread_once(&default_once, load_default);
	if (problems != NULL) {
		pthread_mutex_lock(&told_lock);
		if (!told) {
			for (size_t i = 0; i < default_problems.n; i++) {
				const diag *d = &default_problems.v[i];

				diag_add(problems, d->severity, d->file,
					 d->line, d->col, d->item, "%s",
					 d->message);
			}
			told = true;
		}
		pthread_mutex_unlock(&told_lock);
	}
	return default_db;
}

size_t
country_count(const country_db *db)
{
	return db ? db->n : 0;
}

const country *
country_at(const country_db *db, size_t i)
{
	return db && i < db->n ? &db->v[i].c : NULL;
}

size_t
country_index(const country_db *db, const country *c)
{
	/* c is the first member of its entry. */
	return (size_t)((const entry *)(const void *)c - db->v);
}

/* s as an upper-case code of 2 or 3 ASCII letters into buf; false when it
 * is not one. */
static bool
as_code(const char *s, char buf[4])
{
	size_t n = 0;

	for (; s[n] != '\0'; n++) {
		char c = s[n];

		if (n >= 3 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
		buf[n] = c >= 'a' ? (char)(c - 'a' + 'A') : c;
	}
	buf[n] = '\0';
	return n == 2 || n == 3;
}

const country *
country_by_code(const country_db *db, const char *code)
{
	char up[4];

	if (db == NULL || code == NULL || !as_code(code, up))
		return NULL;
	for (size_t i = 0; i < db->n; i++)
		if (strcmp(db->v[i].c.alpha3, up) == 0 ||
		    strcmp(db->v[i].c.alpha2, up) == 0)
			return &db->v[i].c;
	return NULL;
}

/* Index of a language's catalog in db->cats, or -1 for English and
 * languages without one. */
static int
lang_index(const char *lang)
{
	int l;

	if (lang == NULL)
		return -1;
	if (strncmp(lang, "th", 2) == 0)
		l = 0;
	else if (strncmp(lang, "vi", 2) == 0)
		l = 1;
	else if (strncmp(lang, "zh", 2) == 0)
		l = 2;
	else
		return -1;
	if (lang[2] != '\0' && lang[2] != '-' && lang[2] != '_' &&
	    lang[2] != '.' && lang[2] != '@')
		return -1;
	return l;
}

/* English text of iso-codes in a language, English when untranslated. */
static const char *
translated(const country_db *db, const char *en, const char *lang)
{
	int l = lang_index(lang);

	if (db == NULL || l < 0)
		return en;
	return i18n_cat_get(db->cats[l], NULL, en);
}

const char *
country_name(const country_db *db, const country *c, const char *lang)
{
	return c ? translated(db, c->name, lang) : "";
}

const char *
country_official_name(const country_db *db, const country *c,
		      const char *lang)
{
	if (c == NULL)
		return "";
	return translated(db, c->official_name ? c->official_name : c->name,
			  lang);
}

/* Adds country i to out (up to max) unless it is there; returns the new
 * count of distinct countries. */
static size_t
add_unique(const country_db *db, size_t i, const country **out, size_t max,
	   size_t n)
{
	for (size_t k = 0; k < n && k < max; k++)
		if (out[k] == &db->v[i].c)
			return n;
	if (n < max)
		out[n] = &db->v[i].c;
	return n + 1;
}

size_t
country_match(const country_db *db, const char *text, const country **out,
	      size_t max)
{
	bool oom = false;

	return country_match_oom(db, text, out, max, &oom);
}

size_t
country_match_oom(const country_db *db, const char *text,
		  const country **out, size_t max, bool *oom)
{
	const country *byc;
	char *key;
	size_t n = 0;

	if (db == NULL || text == NULL)
		return 0;
	key = textfold(text, false);
	if (key == NULL) {
		*oom = true;
		return 0;
	}
	byc = country_by_code(db, key);
	for (size_t i = 0; i < db->n; i++) {
		bool hit = &db->v[i].c == byc;

		for (size_t k = 0; k < N_NAMES && !hit; k++)
			hit = db->v[i].exact[k] &&
			      strcmp(db->v[i].exact[k], key) == 0;
		if (hit)
			n = add_unique(db, i, out, max, n);
	}
	free(key);
	return n;
}

/* How well entry e fits the loose key, best first: 0 its code, 1 a whole
 * name, 2 the start of a name, 3 the start of a later word of a name, 4
 * inside a name; NO_FIT not at all. */
#define NO_FIT 5
static int
fit(const entry *e, const char *key, const char *code)
{
	int best = NO_FIT;

	if (code[0] && (strcmp(e->c.alpha3, code) == 0 ||
			strcmp(e->c.alpha2, code) == 0))
		return 0;
	for (size_t k = 0; k < N_NAMES; k++) {
		const char *at;
		int f;

		if (e->loose[k] == NULL || (at = strstr(e->loose[k], key)) == NULL)
			continue;
		if (at == e->loose[k])
			f = at[strlen(key)] == '\0' ? 1 : 2;
		else
			f = at[-1] == ' ' ? 3 : 4;
		if (f < best)
			best = f;
	}
	return best;
}

typedef struct ranked {
	const country *c;
	int rank;
} ranked;

static int
cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	return strcmp(x->c->name, y->c->name);
}

size_t
country_filter(const country_db *db, const char *text, const country **out,
	       size_t max)
{
	ranked *r;
	char code[4] = "";
	char *key;
	size_t n = 0;

	if (db == NULL)
		return 0;
	key = textfold(text ? text : "", true);
	r = malloc(db->n * sizeof(*r));
	if (key == NULL || r == NULL)
		goto out;
	if (!as_code(key, code))
		code[0] = '\0';
	for (size_t i = 0; i < db->n; i++) {
		int f = key[0] ? fit(&db->v[i], key, code) : 1;

		if (f < NO_FIT)
			r[n++] = (ranked){&db->v[i].c, f};
	}
	qsort(r, n, sizeof(*r), cmp_ranked);
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = r[i].c;
out:
	free(r);
	free(key);
	return n;
}

/* Edit distance in bytes of folded keys, bounded: stops early above
 * limit. Names are short (under 100 bytes), so the table fits the stack. */
static size_t
distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), row[128];

	if (la > 120 || lb > 120)
		return SIZE_MAX;
	if ((la > lb ? la - lb : lb - la) > limit)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0], low;

		row[0] = i;
		low = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);

			row[j] = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1
							      : row[j - 1] + 1;
			if (sub < row[j])
				row[j] = sub;
			prev = cur;
			if (row[j] < low)
				low = row[j];
		}
		if (low > limit)
			return SIZE_MAX;
	}
	return row[lb];
}

size_t
country_closest(const country_db *db, const char *text, const country **out,
		size_t max)
{
	ranked *r;
	char *key;
	size_t n = 0, limit;

	if (db == NULL || text == NULL || max == 0)
		return 0;
	key = textfold(text, true);
	r = malloc(db->n * sizeof(*r));
	if (key == NULL || r == NULL || key[0] == '\0')
		goto out;
	limit = strlen(key) / 3 > 2 ? strlen(key) / 3 : 2;
	for (size_t i = 0; i < db->n; i++) {
		size_t best = SIZE_MAX;

		for (size_t k = 0; k < N_NAMES; k++) {
			size_t d;

			if (db->v[i].loose[k] == NULL)
				continue;
			d = distance(key, db->v[i].loose[k], limit);
			if (d < best)
				best = d;
		}
		if (best <= limit)
			r[n++] = (ranked){&db->v[i].c, (int)best};
	}
	qsort(r, n, sizeof(*r), cmp_ranked);
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		out[i] = r[i].c;
out:
	free(r);
	free(key);
	return n;
}
