/* Reopening a plan where it was left: the position file of a plan (its
 * name a hash of the plan's real path) and the test that the plan file is
 * still the one the position was recorded for. */
#include "resume.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "session.h"
#include "store.h"

/* A position file is a few lines; anything longer is not one. */
#define RESUME_MAX 8192
#define RESUME_MAGIC "actionplan-position 1\n"

/* The plan's path as the position knows it: its real path when it
 * exists (so that "./plan.yaml" and its full path are one plan). */
static char *
plan_key(const char *plan_path)
{
	char *real = realpath(plan_path, NULL);

	return real ? real : strdup(plan_path);
}

/* FNV-1a, 64 bits: the position file's name. */
static uint64_t
fnv1a(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

char *
resume_state_path(const char *plan_path, bool create, diag_list *diags)
{
	char *dir, *key, *path, name[40];

	dir = session_xdg_dir("XDG_STATE_HOME", ".local/state",
			      "actionplan/positions", "state", create, diags);
	key = plan_key(plan_path);
	if (!dir || !key) {
		free(dir);
		free(key);
		return NULL;
	}
	snprintf(name, sizeof name, "%016" PRIx64, fnv1a(key));
	path = store_join(dir, name);
	free(dir);
	free(key);
	return path;
}

/* "dev ino size sec nsec" of the plan file now. */
static bool
file_stamp(const char *plan_path, char *out, size_t size)
{
	struct stat st;

	if (stat(plan_path, &st) != 0)
		return false;
	snprintf(out, size, "%ju %ju %jd %jd %ld", (uintmax_t)st.st_dev,
		 (uintmax_t)st.st_ino, (intmax_t)st.st_size,
		 (intmax_t)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	return true;
}

bool
resume_save(const char *plan_path, const resume_pos *pos, diag_list *diags)
{
	char stamp[128], *path = NULL, *key = NULL, *text = NULL;
	size_t n;
	bool ok = false;

	if (!pos->item || strchr(pos->item, '\n') ||
	    !file_stamp(plan_path, stamp, sizeof stamp))
		return false;
	path = resume_state_path(plan_path, true, diags);
	key = plan_key(plan_path);
	if (!path || !key || strchr(key, '\n'))
		goto out;
	n = strlen(key) + strlen(pos->item) + strlen(stamp) + 128;
	text = malloc(n);
	if (!text)
		goto out;
	snprintf(text, n, RESUME_MAGIC "plan %s\nfile %s\nitem %s\n"
			  "field %d\ncursor %zu\n",
		 key, stamp, pos->item, pos->field, pos->cursor);
	ok = store_write_atomic(path, text, strlen(text), diags);
out:
	free(text);
	free(key);
	free(path);
	return ok;
}

/* The value of line "NAME value" in text, NUL-terminated in place (text
 * is the caller's copy). */
static char *
field_of(char *text, const char *name)
{
	size_t nl = strlen(name);

	for (char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (!strncmp(p, name, nl) && p[nl] == ' ') {
			char *v = p + nl + 1, *e = strchr(v, '\n');

			if (!e)
				return NULL;
			*e = '\0';
			return v;
		}
	}
	return NULL;
}

static bool
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > SIZE_MAX)
		return false;
	*out = (size_t)v;
	return true;
}

bool
resume_load(const char *plan_path, resume_pos *pos)
{
	diag_list d = DIAG_LIST_INIT;
	char *path = resume_state_path(plan_path, false, &d);
	char *text = NULL, *key = plan_key(plan_path), stamp[128];
	char *plan_v, *file_v, *item_v, *field_v, *cursor_v;
	size_t len = 0, field = 0;
	bool ok = false;

	memset(pos, 0, sizeof *pos);
	if (!path || !key || !file_stamp(plan_path, stamp, sizeof stamp))
		goto out;
	text = store_read_file(path, RESUME_MAX, &len, &d);
	if (!text || strncmp(text, RESUME_MAGIC, strlen(RESUME_MAGIC)) != 0 ||
	    memchr(text, '\0', len))
		goto out;
	/* Each field is cut out in place: look them all up on copies. */
	plan_v = field_of(text, "plan");
	file_v = plan_v ? field_of(plan_v + strlen(plan_v) + 1, "file") : NULL;
	item_v = file_v ? field_of(file_v + strlen(file_v) + 1, "item") : NULL;
	field_v = item_v ? field_of(item_v + strlen(item_v) + 1, "field") :
			   NULL;
	cursor_v = field_v ?
			   field_of(field_v + strlen(field_v) + 1, "cursor") :
			   NULL;
	if (!cursor_v || strcmp(plan_v, key) != 0 || strcmp(file_v, stamp) ||
	    !item_v[0] || !parse_size(field_v, &field) || field > 1 ||
	    !parse_size(cursor_v, &pos->cursor))
		goto out;
	pos->item = strdup(item_v);
	pos->field = (int)field;
	ok = pos->item != NULL;
out:
	if (!ok)
		resume_pos_free(pos);
	diag_list_free(&d);
	free(text);
	free(key);
	free(path);
	return ok;
}

void
resume_pos_free(resume_pos *pos)
{
	free(pos->item);
	memset(pos, 0, sizeof *pos);
}
