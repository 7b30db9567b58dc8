/* Reasons a plan opens read-only: a folder other users can change, a file
 * of another user or without write permission, a lock held elsewhere, a
 * read-only file system. */
#include "writable.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sbuf.h"
#include "store.h"

/* The sbuf's text, or NULL with an error when memory ran out. */
static char *
take_or_error(sbuf *b, const char *path, diag_list *diags)
{
	char *m = sbuf_take(b, NULL);

	if (m == NULL)
		diag_add_errno(diags, path, ENOMEM, "%s", path);
	return m;
}

/* The file itself: another user's, or without write permission. NULL when
 * nothing stands in the way, or with an error when memory ran out. */
static char *
file_refusal(const char *path, const struct stat *st, diag_list *diags)
{
	char who[64], buf[1024];
	char *q = malloc(STORE_QUOTED_MAX);
	struct passwd pw, *pwp = NULL;
	sbuf b = SBUF_INIT;

	if (q == NULL) {
		diag_add_errno(diags, path, ENOMEM, "%s", path);
		return NULL;
	}
	store_quote_path(path, q, STORE_QUOTED_MAX);
	if (st->st_uid != geteuid()) {
		if (getpwuid_r(st->st_uid, &pw, buf, sizeof(buf), &pwp) == 0 &&
		    pwp != NULL)
			snprintf(who, sizeof(who), "%s", pw.pw_name);
		else
			snprintf(who, sizeof(who), "%lu",
				 (unsigned long)st->st_uid);
		/* Saving replaces the file with one of ours (mode 0600): its
		 * owner could not read their own plan any more. */
		sbuf_printf(&b, _("read-only: %s belongs to user %s, and saving "
				  "would put a file of yours in its place; to "
				  "change it, work on a copy of your own (cp "
				  "%s ~/)"), path, who, q);
	} else if (access(path, W_OK) != 0 && errno == EROFS) {
		sbuf_printf(&b, _("read-only: %s is on a read-only file "
				  "system"), path);
	} else if (!(st->st_mode & S_IWUSR) || access(path, W_OK) != 0) {
		/* Root may write anything: the mode still says the file is
		 * not to be changed. */
		sbuf_printf(&b, _("read-only: %s has no write permission; to "
				  "change it, run: chmod u+w %s"), path, q);
	} else {
		free(q);
		return NULL;
	}
	free(q);
	return take_or_error(&b, path, diags);
}

char *
writable_refusal(const char *path, diag_list *diags)
{
	diag_list d = DIAG_LIST_INIT;
	char *dir = store_dir_of(path);
	char *m = NULL;
	struct stat st;

	if (dir == NULL) {
		diag_add_errno(diags, path, ENOMEM, "%s", path);
		return NULL;
	}
	if (!store_folder_safe(dir, &d)) {
		if (d.n > 0 && d.v[0].sys_errno == EPERM) {
			sbuf b = SBUF_INIT;

			sbuf_printf(&b, _("read-only: %s"), d.v[0].message);
			m = take_or_error(&b, path, diags);
		} else {
			diag_list_move(diags, &d);
		}
		goto out;
	}
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		m = file_refusal(path, &st, diags);
out:
	diag_list_free(&d);
	free(dir);
	return m;
}

/* "PATH is open in another editor (pid …)": the part in brackets names
 * the holder. */
static char *
held_refusal(const char *path, const diag_list *lockd, diag_list *diags)
{
	sbuf b = SBUF_INIT;

	for (size_t i = 0; i < lockd->n; i++) {
		const char *msg = lockd->v[i].message;
		const char *open = strrchr(msg, '(');
		const char *close = open ? strchr(open, ')') : NULL;

		if ((lockd->v[i].sys_errno != EWOULDBLOCK &&
		     lockd->v[i].sys_errno != EAGAIN) ||
		    open == NULL || close == NULL)
			continue;
		sbuf_printf(&b, _("read-only: opened in another editor (%.*s)"),
			    (int)(close - open - 1), open + 1);
		return take_or_error(&b, path, diags);
	}
	sbuf_str(&b, _("read-only: opened in another editor"));
	return take_or_error(&b, path, diags);
}

char *
writable_lock_refusal(const char *path, const diag_list *lockd,
		      diag_list *diags)
{
	sbuf b = SBUF_INIT;
	char *dir;

	if (store_lock_busy(lockd))
		return held_refusal(path, lockd, diags);
	for (size_t i = 0; i < lockd->n; i++) {
		int e = lockd->v[i].sys_errno;

		if (e != EROFS && e != EACCES && e != EPERM)
			continue;
		dir = store_dir_of(path);
		if (e == EROFS)
			sbuf_printf(&b, _("read-only: %s is on a read-only file "
					  "system"), path);
		else
			sbuf_printf(&b, _("read-only: you may not write in the "
					  "folder %s"), dir ? dir : path);
		free(dir);
		return take_or_error(&b, path, diags);
	}
	return NULL;
}
