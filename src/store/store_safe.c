/* Whether a folder is safe to keep plans in: the checks OpenSSH's
 * StrictModes makes of ~/.ssh, applied to the folder and those above it. */
#include "store.h"

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "intl.h"

/* Room for getpwuid_r and getgrgid_r: large groups list many members. */
#define ENT_BUF 16384
/* A folder named in a command the user may run, quoted for the shell. */
#define QUOTED_MAX STORE_QUOTED_MAX

/* The group of a folder is the owner's own: the owner's primary group
 * with no other member listed (Debian's one group per user). When that
 * cannot be told, it is not. */
static bool
owners_own_group(const struct stat *st)
{
	char *buf = malloc(ENT_BUF);
	struct passwd pw, *pwp = NULL;
	struct group gr, *grp = NULL;
	bool own = false;

	if (buf == NULL)
		return false;
	if (getpwuid_r(st->st_uid, &pw, buf, ENT_BUF, &pwp) != 0 ||
	    pwp == NULL || pw.pw_gid != st->st_gid)
		goto out;
	/* pw's strings are not needed any more: the buffer is reused. */
	if (getgrgid_r(st->st_gid, &gr, buf, ENT_BUF, &grp) != 0 ||
	    grp == NULL)
		goto out;
	own = true;
	for (char **m = gr.gr_mem; m != NULL && *m != NULL; m++) {
		struct passwd mpw, *mpwp = NULL;
		char mbuf[1024];

		/* A member listed is fine only when it is the owner. */
		if (getpwnam_r(*m, &mpw, mbuf, sizeof(mbuf), &mpwp) != 0 ||
		    mpwp == NULL || mpw.pw_uid != st->st_uid) {
			own = false;
			break;
		}
	}
out:
	free(buf);
	return own;
}

static void
user_name(uid_t uid, char *out, size_t size)
{
	char buf[1024];
	struct passwd pw, *pwp = NULL;

	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &pwp) == 0 && pwp != NULL)
		snprintf(out, size, "%s", pw.pw_name);
	else
		snprintf(out, size, "%lu", (unsigned long)uid);
}

void
store_quote_path(const char *path, char *out, size_t size)
{
	size_t n = 0;

	if (path[0] != '\0' &&
	    strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789/._-+,:@%") == strlen(path)) {
		snprintf(out, size, "%s", path);
		return;
	}
	if (size < 3) {
		out[0] = '\0';
		return;
	}
	out[n++] = '\'';
	for (const char *p = path; *p != '\0' && n + 5 < size; p++) {
		if (*p == '\'') {
			memcpy(out + n, "'\\''", 4);
			n += 4;
		} else {
			out[n++] = *p;
		}
	}
	out[n++] = '\'';
	out[n] = '\0';
}

static void
refuse(diag_list *diags)
{
	if (diags->n > 0)
		diags->v[diags->n - 1].sys_errno = EPERM;
}

/* Checks one folder; leaf is the folder asked about (NULL when folder is
 * that folder itself). */
static bool
folder_ok(const char *folder, const char *leaf, uid_t me, diag_list *diags)
{
	struct stat st;
	char who[64];
	char *quoted = NULL;

	if (stat(folder, &st) != 0) {
		diag_add_errno(diags, NULL, errno, _("cannot examine folder %s"),
			       folder);
		return false;
	}
	if (st.st_uid != 0 && st.st_uid != me) {
		user_name(st.st_uid, who, sizeof(who));
		if (leaf == NULL)
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
				 _("the folder %s belongs to user %s, who "
				   "could replace the files in it: use a "
				   "folder of your own (for example: mkdir -m "
				   "700 ~/plans)"), folder, who);
		else
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
				 _("the folder %s, above %s, belongs to user "
				   "%s, who could replace what is in it: use "
				   "a folder of your own (for example: mkdir "
				   "-m 700 ~/plans)"), folder, leaf, who);
		refuse(diags);
		return false;
	}
	if ((st.st_mode & S_ISVTX) ||
	    !((st.st_mode & S_IWOTH) ||
	      ((st.st_mode & S_IWGRP) && !owners_own_group(&st))))
		return true;
	quoted = malloc(QUOTED_MAX);
	if (quoted == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, _("cannot examine folder %s"),
			       folder);
		return false;
	}
	store_quote_path(folder, quoted, QUOTED_MAX);
	if (leaf == NULL)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("the folder %s can be changed by other users (mode "
			   "%04o), who could replace the files in it: run "
			   "chmod 700 %s"), folder,
			 (unsigned)(st.st_mode & 07777), quoted);
	else
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("the folder %s, above %s, can be changed by other "
			   "users (mode %04o), who could replace what is in "
			   "it: run chmod go-w %s"), folder, leaf,
			 (unsigned)(st.st_mode & 07777), quoted);
	refuse(diags);
	free(quoted);
	return false;
}

bool
store_folder_safe(const char *dir, diag_list *diags)
{
	char *real = realpath(dir, NULL);
	uid_t me = geteuid();
	bool ok = false;

	if (real == NULL) {
		diag_add_errno(diags, NULL, errno, _("cannot examine folder %s"),
			       dir);
		return false;
	}
	/* From the folder up to "/": whoever may replace a folder above
	 * may replace everything below it. */
	for (char *end = real + strlen(real);;) {
		char saved = *end;

		*end = '\0';
		if (!folder_ok(end == real ? "/" : real,
			       saved == '\0' ? NULL : dir, me, diags)) {
			*end = saved;
			goto out;
		}
		*end = saved;
		if (end == real)
			break;
		while (end > real && *--end != '/')
			;
	}
	ok = true;
out:
	free(real);
	return ok;
}
