/* The cryptography of signed plans, all of it libsodium's: key pairs,
 * encrypting and decrypting secret keys with scrypt as minisign does it,
 * signing, verifying, hashing. Secret bytes stay in guarded memory. */
#include "sig_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int init_result = -1;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void
init_sodium(void)
{
	init_result = sodium_init() < 0 ? -1 : 0;
}

bool
sig_init(diag_list *diags)
{
	pthread_once(&init_once, init_sodium);
	if (init_result == 0)
		return true;
	if (diags)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
			 _("the cryptography library (libsodium) cannot "
			   "start"));
	return false;
}

sig_pass *
sig_pass_create(void)
{
	sig_pass *p;

	if (!sig_init(NULL))
		return NULL;
	p = malloc(sizeof(*p));
	if (p == NULL)
		return NULL;
	p->s = sodium_malloc(SIG_PASS_MAX + 2);
	if (p->s == NULL) {
		free(p);
		return NULL;
	}
	sodium_memzero(p->s, SIG_PASS_MAX + 2);
	p->len = 0;
	return p;
}

void
sig_pass_clear(sig_pass *p)
{
	sodium_memzero(p->s, SIG_PASS_MAX + 2);
	p->len = 0;
}

void
sig_pass_destroy(sig_pass *p)
{
	if (p == NULL)
		return;
	sodium_free(p->s); /* wipes */
	free(p);
}

void
sig_seckey_destroy(sig_seckey *k)
{
	sodium_free(k); /* wipes; NULL is a no-op */
}

void
sig_secret_free(char *text)
{
	sodium_free(text);
}

/* BLAKE2b-256 of algorithm, key id and secret key (minisign's chk). */
static void
checksum(const unsigned char *raw, const unsigned char *id,
	 const unsigned char *sk, unsigned char out[crypto_generichash_BYTES])
{
	crypto_generichash_state hs;

	crypto_generichash_init(&hs, NULL, 0, crypto_generichash_BYTES);
	crypto_generichash_update(&hs, raw + SK_ALG, 2);
	crypto_generichash_update(&hs, id, SIG_ID_BYTES);
	crypto_generichash_update(&hs, sk, crypto_sign_SECRETKEYBYTES);
	crypto_generichash_final(&hs, out, crypto_generichash_BYTES);
	sodium_memzero(&hs, sizeof(hs));
}

sig_seckey *
sig_seckey_generate(void)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	sig_seckey *k;

	if (!sig_init(NULL) || (k = sodium_malloc(sizeof(*k))) == NULL)
		return NULL;
	sodium_memzero(k, sizeof(*k));
	memcpy(k->raw + SK_ALG, SIG_ALG, 2);
	memcpy(k->raw + SK_CHK_ALG, SIG_CHK_BLAKE2, 2);
	randombytes_buf(k->raw + SK_ID, SIG_ID_BYTES);
	crypto_sign_keypair(pk, k->raw + SK_KEY);
	checksum(k->raw, k->raw + SK_ID, k->raw + SK_KEY, k->raw + SK_CHK);
	k->locked = false;
	return k;
}

/* True when the secret key's public half is the one its seed makes: a
 * damaged key (or one whose checksum was forged) is never used. */
static bool
consistent(const unsigned char *sk)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], *again;
	bool ok;

	again = sodium_malloc(crypto_sign_SECRETKEYBYTES);
	if (again == NULL)
		return false;
	crypto_sign_seed_keypair(pk, again, sk);
	ok = sodium_memcmp(pk, sk + crypto_sign_SECRETKEYBYTES -
				       crypto_sign_PUBLICKEYBYTES,
			   sizeof(pk)) == 0;
	sodium_free(again);
	return ok;
}

/* scrypt's stream for the secret part, from the key's salt and limits.
 * Takes the full time whatever the passphrase: nothing before the
 * checksum tells a wrong one from a right one. */
static bool
derive(const sig_seckey *k, const sig_pass *pass, unsigned char *stream)
{
	return crypto_pwhash_scryptsalsa208sha256(
		       stream, SK_SECRET_SIZE, pass->s, pass->len,
		       k->raw + SK_SALT, sig_le64_load(k->raw + SK_OPS),
		       (size_t)sig_le64_load(k->raw + SK_MEM)) == 0;
}

bool
sig_seckey_locked(const sig_seckey *k)
{
	return k->locked;
}

bool
sig_seckey_unlock(sig_seckey *k, const char *name, const sig_pass *pass,
		  diag_list *diags)
{
	unsigned char chk[crypto_generichash_BYTES];
	unsigned char *plain = NULL;
	bool ok = false;

	if (!k->locked)
		return true;
	plain = sodium_malloc(SK_SECRET_SIZE);
	if (plain == NULL) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL, "%s",
			 _("out of memory"));
		return false;
	}
	if (!derive(k, pass, plain)) {
		diag_add_errno(diags, name, ENOMEM, "%s",
			       _("not enough memory for scrypt to derive the "
				 "key from the passphrase (up to 1 GiB)"));
		goto out;
	}
	for (size_t i = 0; i < SK_SECRET_SIZE; i++)
		plain[i] ^= k->raw[SK_ID + i];
	/* plain: key id, secret key, checksum (offsets from SK_ID). */
	checksum(k->raw, plain, plain + (SK_KEY - SK_ID), chk);
	if (sodium_memcmp(chk, plain + (SK_CHK - SK_ID), sizeof(chk)) != 0 ||
	    !consistent(plain + (SK_KEY - SK_ID))) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL, "%s",
			 _("wrong passphrase for this secret key"));
		goto out;
	}
	memcpy(k->raw + SK_ID, plain, SK_SECRET_SIZE);
	k->locked = false;
	ok = true;
out:
	sodium_memzero(chk, sizeof(chk));
	sodium_free(plain);
	return ok;
}

bool
sig_seckey_public(const sig_seckey *k, sig_pubkey *out)
{
	if (k->locked)
		return false;
	memcpy(out->id, k->raw + SK_ID, SIG_ID_BYTES);
	crypto_sign_ed25519_sk_to_pk(out->pk, k->raw + SK_KEY);
	out->comment = strdup("");
	return out->comment != NULL;
}

/* Encrypts copy's secret part as minisign's encrypt_key does: a new salt,
 * the "sensitive" limits, halved while scrypt finds too little memory. */
static bool
encrypt(sig_seckey *copy, const sig_pass *pass, diag_list *diags)
{
	uint64_t ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
	uint64_t mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
	unsigned char *stream = sodium_malloc(SK_SECRET_SIZE);
	bool ok = false;

	if (stream == NULL)
		goto oom;
	memcpy(copy->raw + SK_KDF, SIG_KDF_SCRYPT, 2);
	randombytes_buf(copy->raw + SK_SALT,
			crypto_pwhash_scryptsalsa208sha256_SALTBYTES);
	for (;;) {
		sig_le64_store(copy->raw + SK_OPS, ops);
		sig_le64_store(copy->raw + SK_MEM, mem);
		if (derive(copy, pass, stream))
			break;
		ops /= 2;
		mem /= 2;
		if (ops < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
		    mem < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN)
			goto oom;
	}
	for (size_t i = 0; i < SK_SECRET_SIZE; i++)
		copy->raw[SK_ID + i] ^= stream[i];
	ok = true;
	goto out;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s",
		       _("not enough memory for scrypt to encrypt the key"));
out:
	sodium_free(stream);
	return ok;
}

char *
sig_seckey_format(const sig_seckey *k, const sig_pass *pass, size_t *len,
		  diag_list *diags)
{
	static const char comment_enc[] = "minisign encrypted secret key";
	static const char comment_plain[] =
		"minisign secret key, not encrypted";
	const char *comment = pass ? comment_enc : comment_plain;
	size_t plen = strlen(SIG_UNTRUSTED_PREFIX), clen = strlen(comment);
	size_t total = plen + clen + 1 + SIG_B64_LEN(SK_SIZE) + 1;
	sig_seckey *copy = NULL;
	char *out = NULL;

	if (k->locked) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
			 _("the secret key is still locked"));
		return NULL;
	}
	copy = sodium_malloc(sizeof(*copy));
	out = sodium_malloc(total + 1);
	if (copy == NULL || out == NULL) {
		diag_add_errno(diags, NULL, ENOMEM, "%s", _("out of memory"));
		goto fail;
	}
	memcpy(copy, k, sizeof(*copy));
	if (pass) {
		if (!encrypt(copy, pass, diags))
			goto fail;
	} else {
		/* As minisign -W writes it: no derivation, no salt. */
		memset(copy->raw + SK_KDF, 0, 2);
		memset(copy->raw + SK_SALT, 0, SK_ID - SK_SALT);
	}
	memcpy(out, SIG_UNTRUSTED_PREFIX, plen);
	memcpy(out + plen, comment, clen);
	out[plen + clen] = '\n';
	sodium_bin2base64(out + plen + clen + 1, SIG_B64_LEN(SK_SIZE) + 1,
			  copy->raw, SK_SIZE, sodium_base64_VARIANT_ORIGINAL);
	out[total - 1] = '\n';
	out[total] = '\0';
	sodium_free(copy);
	if (len)
		*len = total;
	return out;
fail:
	sodium_free(copy);
	sodium_free(out);
	return NULL;
}

/* What Ed25519 signs: the file's BLAKE2b-512 when prehashed, else the file
 * itself (then *owned is false and msg is returned). */
static const unsigned char *
message(bool prehashed, const void *msg, size_t len,
	unsigned char hash[crypto_generichash_BYTES_MAX], size_t *mlen)
{
	if (!prehashed) {
		*mlen = len;
		return msg;
	}
	crypto_generichash(hash, crypto_generichash_BYTES_MAX, msg, len, NULL,
			   0);
	*mlen = crypto_generichash_BYTES_MAX;
	return hash;
}

/* The signature followed by the trusted comment: what the global
 * signature covers. malloc'd. */
static unsigned char *
global_message(const unsigned char *sig, const char *trusted, size_t *len)
{
	size_t tlen = strlen(trusted);
	unsigned char *m = malloc(SIG_BYTES + tlen);

	if (m == NULL)
		return NULL;
	memcpy(m, sig, SIG_BYTES);
	memcpy(m + SIG_BYTES, trusted, tlen);
	*len = SIG_BYTES + tlen;
	return m;
}

char *
sig_sign(const sig_seckey *k, const void *msg, size_t len,
	 const char *untrusted, const char *trusted, size_t *out_len,
	 diag_list *diags)
{
	unsigned char raw[SG_SIZE], global[SIG_BYTES];
	unsigned char hash[crypto_generichash_BYTES_MAX];
	char sig_b64[SIG_B64_LEN(SG_SIZE) + 1];
	char global_b64[SIG_B64_LEN(SIG_BYTES) + 1];
	const unsigned char *m;
	unsigned char *gm = NULL;
	size_t mlen, glen, ulen = strlen(untrusted), tlen = strlen(trusted);
	sig_pubkey pub = {.comment = NULL};
	sig_signature check = {.prehashed = true};
	char *out = NULL;
	int n;

	if (!sig_init(diags))
		return NULL;
	if (k->locked) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
			 _("the secret key is still locked"));
		return NULL;
	}
	if (strpbrk(untrusted, "\r\n") ||
	    ulen + strlen(SIG_UNTRUSTED_PREFIX) > SIG_COMMENT_LINE_MAX ||
	    !sig_printable(trusted, tlen) ||
	    tlen + strlen(SIG_TRUSTED_PREFIX) > SIG_TRUSTED_LINE_MAX) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "%s",
			 _("a comment of the signature is too long or holds "
			   "a control character"));
		return NULL;
	}
	memcpy(raw + SG_ALG, SIG_ALG_HASHED, 2);
	memcpy(raw + SG_ID, k->raw + SK_ID, SIG_ID_BYTES);
	m = message(true, msg, len, hash, &mlen);
	crypto_sign_detached(raw + SG_SIG, NULL, m, mlen, k->raw + SK_KEY);
	gm = global_message(raw + SG_SIG, trusted, &glen);
	if (gm == NULL)
		goto oom;
	crypto_sign_detached(global, NULL, gm, glen, k->raw + SK_KEY);

	/* Checked as a verifier will check it, before anyone sees it. */
	memcpy(check.id, raw + SG_ID, SIG_ID_BYTES);
	memcpy(check.sig, raw + SG_SIG, SIG_BYTES);
	memcpy(check.global, global, SIG_BYTES);
	check.trusted = (char *)trusted;
	if (!sig_seckey_public(k, &pub))
		goto oom;
	if (sig_verify(&check, &pub, msg, len, NULL, diags) !=
	    SIG_VERIFY_GOOD)
		goto out;

	sodium_bin2base64(sig_b64, sizeof(sig_b64), raw, SG_SIZE,
			  sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(global_b64, sizeof(global_b64), global, SIG_BYTES,
			  sodium_base64_VARIANT_ORIGINAL);
#define SIG_TEXT SIG_UNTRUSTED_PREFIX "%s\n%s\n" SIG_TRUSTED_PREFIX "%s\n%s\n", \
		untrusted, sig_b64, trusted, global_b64
	n = snprintf(NULL, 0, SIG_TEXT);
	if (n < 0 || (out = malloc((size_t)n + 1)) == NULL)
		goto oom;
	snprintf(out, (size_t)n + 1, SIG_TEXT);
#undef SIG_TEXT
	if (out_len)
		*out_len = (size_t)n;
	goto out;
oom:
	diag_add_errno(diags, NULL, ENOMEM, "%s", _("out of memory"));
out:
	sig_pubkey_free(&pub);
	free(gm);
	return out;
}

sig_verify_result
sig_verify(const sig_signature *s, const sig_pubkey *k, const void *msg,
	   size_t len, const char *sig_name, diag_list *diags)
{
	unsigned char hash[crypto_generichash_BYTES_MAX];
	const unsigned char *m;
	unsigned char *gm;
	size_t mlen, glen;
	int bad;

	if (sodium_memcmp(s->id, k->id, SIG_ID_BYTES) != 0)
		return SIG_VERIFY_OTHER_KEY;
	m = message(s->prehashed, msg, len, hash, &mlen);
	if (crypto_sign_verify_detached(s->sig, m, mlen, k->pk) != 0) {
		diag_add(diags, DIAG_ERROR, sig_name, sig_name ? 2 : 0, 0,
			 NULL, "%s",
			 _("the signature does not match the file: the file "
			   "was changed after it was signed, or the signature "
			   "is another file's"));
		return SIG_VERIFY_BAD;
	}
	gm = global_message(s->sig, s->trusted, &glen);
	if (gm == NULL) {
		diag_add_errno(diags, sig_name, ENOMEM, "%s",
			       _("out of memory"));
		return SIG_VERIFY_BAD;
	}
	bad = crypto_sign_verify_detached(s->global, gm, glen, k->pk);
	free(gm);
	if (bad) {
		diag_add(diags, DIAG_ERROR, sig_name, sig_name ? 3 : 0, 0,
			 NULL, "%s",
			 _("the trusted comment was changed after signing (or "
			   "comes from another signature)"));
		return SIG_VERIFY_BAD;
	}
	return SIG_VERIFY_GOOD;
}

void
sig_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	(void)sig_init(NULL);
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}
