/* The signer's own key pair on disk: where it lives ($XDG_CONFIG_HOME/
 * actionplan), refusing a folder or a secret key file that others can
 * read, writing a new pair atomically, and loading the secret key. */
#include "sig_keys.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sig_int.h"
#include "store.h"

char *
sig_keys_dir(diag_list *diags)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *base = NULL, *dir;

	/* The XDG spec: a relative XDG_CONFIG_HOME is ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return store_join(xdg, "actionplan");
	if (home == NULL || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());

		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL || home[0] != '/') {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
			 _("cannot find the keys' folder: HOME is not set and "
			   "XDG_CONFIG_HOME is not an absolute path"));
		return NULL;
	}
	base = store_join(home, ".config");
	dir = base ? store_join(base, "actionplan") : NULL;
	free(base);
	if (dir == NULL)
		diag_add_errno(diags, NULL, ENOMEM, "%s", _("out of memory"));
	return dir;
}

char *
sig_keys_path(const char *dir, bool secret)
{
	return store_join(dir, secret ? SIG_SECRET_FILE : SIG_PUBLIC_FILE);
}

bool
sig_keys_private(const char *path, bool folder, diag_list *diags)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		diag_add_errno(diags, path, errno, "%s", _("cannot be read"));
		return false;
	}
	if (st.st_uid != geteuid()) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 _("belongs to another user (uid %lu): a secret key "
			   "must be yours alone"),
			 (unsigned long)st.st_uid);
		return false;
	}
	if ((st.st_mode & 077) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 _("others can read it (mode %04o): a secret key "
			   "must be yours alone; run: chmod %s '%s'"),
			 (unsigned)(st.st_mode & 07777), folder ? "700" : "600",
			 path);
		return false;
	}
	return true;
}

bool
sig_keys_exist(const char *dir)
{
	char *path = sig_keys_path(dir, true);
	struct stat st;
	bool there = path && lstat(path, &st) == 0;

	free(path);
	return there;
}

bool
sig_keys_create(const char *dir, const sig_seckey *k, const sig_pass *pass,
		diag_list *diags)
{
	char *sec = sig_keys_path(dir, true), *pub = sig_keys_path(dir, false);
	char *sec_text = NULL, *pub_text = NULL;
	size_t sec_len = 0, pub_len = 0;
	sig_pubkey pk = {.comment = NULL};
	struct stat st;
	bool ok = false;

	if (sec == NULL || pub == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", _("out of memory"));
		goto out;
	}
	if (!store_mkdirs(dir, 0700, diags) ||
	    !sig_keys_private(dir, true, diags))
		goto out;
	if (lstat(sec, &st) == 0) {
		diag_add(diags, DIAG_ERROR, sec, 0, 0, NULL, "%s",
			 _("a secret key is already there: it is never "
			   "replaced; move it away first to make a new one"));
		goto out;
	}
	if (!sig_seckey_public(k, &pk)) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", _("out of memory"));
		goto out;
	}
	sec_text = sig_seckey_format(k, pass, &sec_len, diags);
	pub_text = sig_pubkey_format(&pk, NULL, &pub_len);
	if (sec_text == NULL || pub_text == NULL) {
		if (pub_text == NULL)
			diag_add_errno(diags, NULL, ENOMEM, "%s",
				       _("out of memory"));
		goto out;
	}
	/* The secret first: a public key without its secret would be of no
	 * use to anyone. */
	ok = store_write_atomic(sec, sec_text, sec_len, diags) &&
	     store_write_atomic(pub, pub_text, pub_len, diags);
out:
	sig_secret_free(sec_text);
	free(pub_text);
	sig_pubkey_free(&pk);
	free(sec);
	free(pub);
	return ok;
}

sig_seckey *
sig_keys_load_secret(const char *dir, const char *path, diag_list *diags)
{
	sig_seckey *k = NULL;
	char *data = NULL;
	size_t len = 0;

	if ((dir && !sig_keys_private(dir, true, diags)) ||
	    !sig_keys_private(path, false, diags))
		return NULL;
	data = store_read_file(path, SIG_KEY_FILE_MAX, &len, diags);
	if (data == NULL)
		return NULL;
	k = sig_seckey_parse(path, data, len, diags);
	/* An unencrypted key's bytes were in the buffer. */
	sodium_memzero(data, len);
	free(data);
	return k;
}

bool
sig_keys_own(char **dir, char **secret, char id[SIG_ID_HEX])
{
	diag_list d = DIAG_LIST_INIT;
	sig_pubkey pub = {.comment = NULL};
	char *pub_path = NULL;

	*secret = NULL;
	id[0] = '\0';
	if (!sig_init(&d) || (*dir = sig_keys_dir(&d)) == NULL)
		goto none;
	if (!sig_keys_exist(*dir) || (*secret = sig_keys_path(*dir, true)) == NULL)
		goto none;
	/* Only for saying which key: a missing public key is no reason not
	 * to sign. */
	pub_path = sig_keys_path(*dir, false);
	if (pub_path && sig_pubkey_load(pub_path, &pub, &d))
		sig_id_hex(pub.id, id);
	free(pub_path);
	sig_pubkey_free(&pub);
	diag_list_free(&d);
	return true;
none:
	free(*dir);
	*dir = NULL;
	diag_list_free(&d);
	return false;
}
