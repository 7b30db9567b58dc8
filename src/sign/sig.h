/* Signatures in minisign's formats, through libsodium: public keys, secret
 * keys (encrypted with a passphrase through scrypt, as minisign does it),
 * signature files (an untrusted comment, the Ed25519 signature of the file
 * -- "ED": of its BLAKE2b-512 hash; "Ed", legacy: of the file itself -- a
 * trusted comment, and the signature of the signature and the trusted
 * comment), key generation, signing and verifying. doc/signing.md
 * describes the formats byte by byte.
 *
 * No printing, no exit(): problems are appended to a diag_list with the
 * file and line they are about. Secret bytes (keys, passphrases, the
 * scrypt stream) live only in libsodium's guarded memory and are wiped
 * when freed. */
#ifndef AP_SIG_H
#define AP_SIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define SIG_ID_BYTES 8
#define SIG_ID_HEX 17 /* 16 hex digits and a NUL */
#define SIG_PK_BYTES 32
#define SIG_BYTES 64
/* Limits as minisign has them: a passphrase of at most 1024 bytes, a
 * comment line of at most 1024 bytes with its newline, a trusted comment
 * line of at most 8192. */
#define SIG_PASS_MAX 1024
#define SIG_COMMENT_LINE_MAX 1022
#define SIG_TRUSTED_LINE_MAX 8190
/* A signature file is four lines; a key file two. Anything larger is not
 * read at all. */
#define SIG_FILE_MAX (16u * 1024)
#define SIG_KEY_FILE_MAX (4u * 1024)
#define SIG_SUFFIX ".minisig"

/* Initialises libsodium (once; any thread). False, with a problem, when
 * it cannot be: nothing here works then. */
bool
sig_init(diag_list *diags);

/* ---- Passphrases ---- */

/* A passphrase in guarded memory: s holds len bytes and a NUL, at most
 * SIG_PASS_MAX bytes (room for one more, so that a reader can tell a
 * passphrase that is too long). Front ends read into s directly. */
typedef struct sig_pass {
	char *s;
	size_t len;
} sig_pass;

/* NULL when out of memory (or libsodium cannot be initialised). */
sig_pass *
sig_pass_create(void);
/* Wipes and frees; NULL is a no-op. */
void
sig_pass_destroy(sig_pass *p);
/* Empties it (wiping what it held). */
void
sig_pass_clear(sig_pass *p);

/* ---- Public keys ---- */

/* A public key; comment is the untrusted comment of its file without
 * "untrusted comment: " (owned; "" when none), which minisign does not
 * protect: it is only a hint. */
typedef struct sig_pubkey {
	unsigned char id[SIG_ID_BYTES];
	unsigned char pk[SIG_PK_BYTES];
	char *comment;
} sig_pubkey;

/* Frees comment; the rest is public. */
void
sig_pubkey_free(sig_pubkey *k);

/* Parses a public key file (name is for messages): a comment line and the
 * key in base64, as minisign writes it, or the base64 line alone. Refused
 * with name:line: a file over SIG_KEY_FILE_MAX, a NUL byte, a line too
 * long, text that is not base64, a key of the wrong size or of another
 * algorithm than Ed25519, more lines. *out is set only on success. */
bool
sig_pubkey_parse(const char *name, const char *data, size_t len,
		 sig_pubkey *out, diag_list *diags);
/* Reads (at most SIG_KEY_FILE_MAX bytes) and parses path. */
bool
sig_pubkey_load(const char *path, sig_pubkey *out, diag_list *diags);

/* The key's file as minisign writes it: "untrusted comment: minisign
 * public key ID\n" and the base64 line (the comment given replaces the
 * words after "untrusted comment: " when not NULL). malloc'd; NULL when
 * out of memory. */
char *
sig_pubkey_format(const sig_pubkey *k, const char *comment, size_t *len);

/* The key id as minisign shows it: the 8 bytes read as a little-endian
 * number, in 16 upper-case hex digits. */
void
sig_id_hex(const unsigned char id[SIG_ID_BYTES], char out[SIG_ID_HEX]);

/* ---- Secret keys ---- */

typedef struct sig_seckey sig_seckey;

/* A new key pair, not encrypted in memory. NULL when out of memory. */
sig_seckey *
sig_seckey_generate(void);

/* Parses a secret key file (minisign's format; encrypted with scrypt, or
 * not). An encrypted key is locked until sig_seckey_unlock. Refused with
 * name:line: what sig_pubkey_parse refuses, an unknown checksum or key
 * derivation, and scrypt limits beyond minisign's ("sensitive": 1 GiB),
 * which would let a key file take all memory. The file's bytes are the
 * caller's to wipe. */
sig_seckey *
sig_seckey_parse(const char *name, const char *data, size_t len,
		 diag_list *diags);

/* True while the key is encrypted and not unlocked. */
bool
sig_seckey_locked(const sig_seckey *k);

/* Decrypts the key with the passphrase: scrypt with the file's salt and
 * limits (seconds and up to 1 GiB, by design), then the checksum compared
 * in constant time. A wrong passphrase costs the same full derivation and
 * gives "wrong passphrase" in diags (name: the file); the key stays locked
 * and can be tried again. True at once for a key that is not locked. */
bool
sig_seckey_unlock(sig_seckey *k, const char *name, const sig_pass *pass,
		  diag_list *diags);

/* The public half of an unlocked key (comment ""); false when locked or
 * out of memory. */
bool
sig_seckey_public(const sig_seckey *k, sig_pubkey *out);

/* The secret key's file: encrypted with pass (a new salt, minisign's
 * "sensitive" scrypt limits, less when memory is short, as minisign does)
 * or, when pass is NULL, not encrypted. The key must be unlocked. The text
 * is in guarded memory: free it with sig_secret_free. NULL with a problem
 * when the key is locked, memory runs out or scrypt fails. */
char *
sig_seckey_format(const sig_seckey *k, const sig_pass *pass, size_t *len,
		  diag_list *diags);

/* Wipes and frees text from sig_seckey_format; NULL is a no-op. */
void
sig_secret_free(char *text);

/* Wipes and frees; NULL is a no-op. */
void
sig_seckey_destroy(sig_seckey *k);

/* ---- Signatures ---- */

typedef struct sig_signature {
	bool prehashed; /* "ED"; false: legacy "Ed" */
	unsigned char id[SIG_ID_BYTES];
	unsigned char sig[SIG_BYTES];
	unsigned char global[SIG_BYTES];
	char *untrusted; /* the comment lines' text, owned */
	char *trusted;   /* printable UTF-8, tabs allowed */
} sig_signature;

void
sig_signature_free(sig_signature *s);

/* Parses a signature file (name for messages): exactly the four lines
 * (CRLF ends are taken), "untrusted comment: ", the signature in base64,
 * "trusted comment: " and printable UTF-8, the global signature in base64.
 * Refused with name:line: over SIG_FILE_MAX, NUL bytes, a missing or
 * extra line, a line too long, a missing prefix, a control character or a
 * byte that is not UTF-8 in the trusted comment, text that is not base64,
 * the wrong size, an algorithm other than "Ed" and "ED". *out is set only
 * on success. */
bool
sig_signature_parse(const char *name, const char *data, size_t len,
		    sig_signature *out, diag_list *diags);

/* Signs msg[0..len) (prehashed, "ED") with an unlocked key; the trusted
 * comment must be printable UTF-8 without newlines (tabs allowed) and fit
 * its line, the untrusted one must have no newline. Returns the signature
 * file's text (malloc'd), checked against the key before it is returned;
 * NULL with a problem otherwise. */
char *
sig_sign(const sig_seckey *k, const void *msg, size_t len,
	 const char *untrusted, const char *trusted, size_t *out_len,
	 diag_list *diags);

typedef enum {
	SIG_VERIFY_GOOD,
	SIG_VERIFY_OTHER_KEY, /* made with a key of another id */
	SIG_VERIFY_BAD,       /* the file or the trusted comment changed */
} sig_verify_result;

/* Verifies s (read from the file sig_name) over msg with key k, as
 * minisign -V does, legacy signatures included. SIG_VERIFY_BAD comes with
 * a problem at sig_name:2 (the signature of the file) or sig_name:3 (the
 * trusted comment). */
sig_verify_result
sig_verify(const sig_signature *s, const sig_pubkey *k, const void *msg,
	   size_t len, const char *sig_name, diag_list *diags);

/* The SHA-256 of data in 64 lower-case hex digits. */
void
sig_sha256_hex(const void *data, size_t len, char out[65]);

#endif
