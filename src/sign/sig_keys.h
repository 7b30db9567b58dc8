/* The signer's own key pair: $XDG_CONFIG_HOME/actionplan/actionplan.key
 * (the secret key, encrypted with a passphrase unless asked otherwise) and
 * actionplan.pub beside it. The folder is made 0700 and the files 0600;
 * a folder or a secret key file that others can read, or that another
 * user owns, is refused, as OpenSSH refuses such keys. */
#ifndef AP_SIG_KEYS_H
#define AP_SIG_KEYS_H

#include <stdbool.h>

#include "diag.h"
#include "sig.h"

#define SIG_SECRET_FILE "actionplan.key"
#define SIG_PUBLIC_FILE "actionplan.pub"

/* $XDG_CONFIG_HOME/actionplan (an absolute XDG_CONFIG_HOME), else
 * $HOME/.config/actionplan (the password database when HOME is unset).
 * malloc'd; NULL with a problem. Not created here. */
char *
sig_keys_dir(diag_list *diags);

/* dir/actionplan.key (secret) or dir/actionplan.pub; malloc'd or NULL. */
char *
sig_keys_path(const char *dir, bool secret);

/* True when a secret key file is in dir (whatever its state). */
bool
sig_keys_exist(const char *dir);

/* False, with a problem that says what to run (chmod 700/600), when path
 * (a folder when folder, else a file) can be read, written or entered by
 * anyone but its owner, or belongs to another user. */
bool
sig_keys_private(const char *path, bool folder, diag_list *diags);

/* Writes a new pair into dir (made with mode 0700 when missing, refused
 * when not private): the secret key k encrypted with pass (NULL: not
 * encrypted) as actionplan.key, then actionplan.pub, each atomically. An
 * existing secret key is never replaced. */
bool
sig_keys_create(const char *dir, const sig_seckey *k, const sig_pass *pass,
		diag_list *diags);

/* Reads and parses the secret key file path (any minisign key) after
 * checking that it, and the folder dir when not NULL, are private. The key
 * is locked when encrypted (sig_seckey_unlock). NULL with a problem. */
sig_seckey *
sig_keys_load_secret(const char *dir, const char *path, diag_list *diags);

/* The signer's own key, for an offer to sign: the keys' folder in *dir
 * and the secret key's path in *secret (both malloc'd), and the id of the
 * public key beside it in id ("" when actionplan.pub cannot be read).
 * False, with *dir and *secret NULL, when there is no secret key there. */
bool
sig_keys_own(char **dir, char **secret, char id[SIG_ID_HEX]);

#endif
