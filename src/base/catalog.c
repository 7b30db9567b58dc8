/* Catalogs of one language read straight from GNU .mo files, so that an
 * export in a plan's language does not depend on the process locale. */
#include "catalog.h"
#include "fileread.h"
#include "intl.h"

#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utext.h"

/* Ours is well under 1 MiB; the bound keeps a stray file from costing
 * memory. */
#define MAX_MO_SIZE (16u * 1024 * 1024)
#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

typedef struct entry {
	const char *msgid; /* "context\004msgid" or "msgid"; into data */
	const char *msgstr;
} entry;

struct i18n_cat {
	char lang[32];
	char *data; /* the whole file, NUL-terminated */
	size_t size;
	entry *entries; /* sorted by msgid (strcmp) */
	size_t n;
	/* Lookups that gave the English text only because memory ran out
	 * (i18n_cat_get, i18n_cat_missed): a text export must not pass
	 * that off as the translation. */
	atomic_uint missed;
};

static uint32_t
get32(const unsigned char *p, bool swap)
{
	if (swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | (uint32_t)p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | (uint32_t)p[0];
}

/* The string of a table entry, checked: inside the file, NUL-terminated
 * where the length says, valid UTF-8. NULL when not. */
static const char *
table_string(const char *data, size_t size, uint32_t table, uint32_t i,
	     bool swap, size_t *len_out)
{
	const unsigned char *d = (const unsigned char *)data;
	uint64_t at = (uint64_t)table + (uint64_t)i * 8;
	uint32_t len, off;

	if (at + 8 > size)
		return NULL;
	len = get32(d + at, swap);
	off = get32(d + at + 4, swap);
	if ((uint64_t)off + len >= size || data[off + len] != '\0')
		return NULL;
	if (!utext_valid(data + off, len, NULL))
		return NULL;
	*len_out = len;
	return data + off;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->msgid, ((const entry *)b)->msgid);
}

/* The charset named in the header entry must be UTF-8: the export writes
 * the bytes as they are. */
static bool
header_utf8(const char *header)
{
	const char *c = strstr(header, "charset=");

	if (!c)
		return false;
	c += strlen("charset=");
	return strncasecmp(c, "UTF-8", 5) == 0 &&
	       (c[5] == '\n' || c[5] == '\0' || c[5] == ' ' || c[5] == ';');
}

/* Builds the sorted table; false when the file is not a usable .mo. */
static bool
parse(i18n_cat *cat, const char **why)
{
	const unsigned char *d = (const unsigned char *)cat->data;
	uint32_t magic, rev, n, orig, trans;
	bool swap, utf8 = false;
	size_t k = 0;

	*why = N_("not a message catalog");
	if (cat->size < 28)
		return false;
	magic = get32(d, false);
	if (magic == MO_MAGIC)
		swap = false;
	else if (magic == MO_MAGIC_SWAPPED)
		swap = true;
	else
		return false;
	rev = get32(d + 4, swap);
	n = get32(d + 8, swap);
	orig = get32(d + 12, swap);
	trans = get32(d + 16, swap);
	*why = N_("unknown catalog revision");
	if (rev >> 16 > 1)
		return false;
	*why = N_("damaged catalog");
	if (n > cat->size / 16 || (uint64_t)orig + (uint64_t)n * 8 > cat->size ||
	    (uint64_t)trans + (uint64_t)n * 8 > cat->size)
		return false;
	cat->entries = calloc(n ? n : 1, sizeof(*cat->entries));
	if (!cat->entries) {
		*why = N_("out of memory");
		return false;
	}
	for (uint32_t i = 0; i < n; i++) {
		size_t il = 0, tl = 0;
		const char *id = table_string(cat->data, cat->size, orig, i,
					      swap, &il);
		const char *tr = table_string(cat->data, cat->size, trans, i,
					      swap, &tl);

		if (!id || !tr)
			return false;
		if (il == 0) {
			utf8 = header_utf8(tr);
			continue;
		}
		/* An empty translation means "not translated". */
		if (tl == 0 || tr[0] == '\0')
			continue;
		cat->entries[k].msgid = id;
		cat->entries[k].msgstr = tr;
		k++;
	}
	*why = N_("the catalog is not in UTF-8");
	if (!utf8)
		return false;
	cat->n = k;
	qsort(cat->entries, cat->n, sizeof(*cat->entries), cmp_entry);
	return true;
}

/* Loads path; NULL with *missing set when there is no such file (not an
 * error), NULL with a warning when it is unusable. */
static i18n_cat *
load(const char *path, const char *lang, bool *missing, diag_list *diags)
{
	i18n_cat *cat = calloc(1, sizeof(*cat));
	fileread_status st;
	const char *why;

	*missing = false;
	if (!cat) {
		diag_add_errno(diags, path, ENOMEM, "%s",
			       _("out of memory reading a translation"));
		return NULL;
	}
	snprintf(cat->lang, sizeof(cat->lang), "%s", lang);
	cat->data = fileread(path, MAX_MO_SIZE, &cat->size, &st);
	if (!cat->data) {
		if (st == FILEREAD_OPEN && (errno == ENOENT || errno == ENOTDIR))
			*missing = true;
		else if (st == FILEREAD_NO_MEMORY)
			diag_add_errno(diags, path, ENOMEM, "%s",
				       _("out of memory reading a translation"));
		else
			diag_add(diags, DIAG_WARNING, path, 0, 0, NULL,
				 _("cannot read the translation: %s"),
				 strerror(errno));
		goto fail;
	}
	if (!parse(cat, &why)) {
		if (cat->entries == NULL && cat->n == 0 &&
		    strcmp(why, N_("out of memory")) == 0)
			diag_add_errno(diags, path, ENOMEM, "%s",
				       _("out of memory reading a translation"));
		else
			/* TRANSLATORS: %s says what is wrong with a .mo
			 * file. */
			diag_add(diags, DIAG_WARNING, path, 0, 0, NULL,
				 _("translation not used: %s"), _(why));
		goto fail;
	}
	return cat;
fail:
	i18n_cat_destroy(cat);
	return NULL;
}

i18n_cat *
i18n_cat_open(const char *localedir, const char *lang, diag_list *diags)
{
	return i18n_cat_open_domain(localedir, I18N_DOMAIN, lang, diags);
}

i18n_cat *
i18n_cat_open_domain(const char *localedir, const char *domain,
		     const char *lang, diag_list *diags)
{
	char norm[32], cand[32], *path = NULL;
	const char *tries[2];
	size_t n_tries = 0;
	i18n_cat *cat = NULL;

	if (!localedir || !*localedir || !lang || !domain ||
	    strchr(domain, '/') || !i18n_normalize_lang(lang, norm, sizeof(norm)))
		return NULL;
	/* English is the source: no catalog to read. */
	if (!strncmp(norm, "en", 2) && (norm[2] == '\0' || norm[2] == '_'))
		return NULL;
	tries[n_tries++] = norm;
	snprintf(cand, sizeof(cand), "%.*s", (int)strcspn(norm, "_"), norm);
	if (strcmp(cand, norm) != 0)
		tries[n_tries++] = cand;
	for (size_t i = 0; i < n_tries && !cat; i++) {
		size_t len = strlen(localedir) + strlen(tries[i]) +
			     strlen(domain) + 32;
		bool missing;

		free(path);
		path = malloc(len);
		if (!path) {
			diag_add_errno(diags, NULL, ENOMEM, "%s",
				       _("out of memory reading a translation"));
			break;
		}
		snprintf(path, len, "%s/%s/LC_MESSAGES/%s.mo", localedir,
			 tries[i], domain);
		cat = load(path, tries[i], &missing, diags);
		if (!cat && !missing)
			break;
	}
	free(path);
	return cat;
}

void
i18n_cat_destroy(i18n_cat *cat)
{
	if (!cat)
		return;
	free(cat->entries);
	free(cat->data);
	free(cat);
}

void
i18n_cat_missed(const i18n_cat *cat)
{
	/* Counted in a catalog handed around as const: the count is not
	 * part of what it says. */
	if (cat)
		atomic_fetch_add(&((i18n_cat *)cat)->missed, 1);
}

bool
i18n_cat_complete(const i18n_cat *cat)
{
	return !cat || atomic_load(&((i18n_cat *)cat)->missed) == 0;
}

const char *
i18n_cat_lang(const i18n_cat *cat)
{
	return cat ? cat->lang : "en";
}

static const char *
find(const i18n_cat *cat, const char *key)
{
	size_t lo = 0, hi = cat->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, cat->entries[mid].msgid);

		if (c == 0)
			return cat->entries[mid].msgstr;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *
i18n_cat_get(const i18n_cat *cat, const char *ctx, const char *msgid)
{
	const char *t;

	if (!cat || !msgid || !msgid[0])
		return msgid;
	if (!ctx) {
		t = find(cat, msgid);
		return t ? t : msgid;
	}
	size_t cl = strlen(ctx), ml = strlen(msgid);
	char small[512], *key = cl + ml + 2 <= sizeof(small)
					? small
					: malloc(cl + ml + 2);

	if (!key) {
		i18n_cat_missed(cat);
		return msgid;
	}
	memcpy(key, ctx, cl);
	key[cl] = '\004';
	memcpy(key + cl + 1, msgid, ml + 1);
	t = find(cat, key);
	if (key != small)
		free(key);
	return t ? t : msgid;
}
