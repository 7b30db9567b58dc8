/* Private parts of the signature library: the byte layouts of minisign's
 * structures and the helpers that sig_format.c and sig_crypto.c share.
 * Not for use outside src/sign. */
#ifndef AP_SIG_INT_H
#define AP_SIG_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "intl.h"
#include "sig.h"

/* Algorithm names, two bytes each (minisign.h). */
#define SIG_ALG "Ed"        /* Ed25519 over the file itself (legacy) */
#define SIG_ALG_HASHED "ED" /* Ed25519 over the file's BLAKE2b-512 */
#define SIG_KDF_SCRYPT "Sc"
#define SIG_CHK_BLAKE2 "B2"
#define SIG_UNTRUSTED_PREFIX "untrusted comment: "
#define SIG_TRUSTED_PREFIX "trusted comment: "

/* A public key: algorithm, key id, Ed25519 public key. */
#define PK_ALG 0
#define PK_ID 2
#define PK_KEY 10
#define PK_SIZE 42

/* A signature line: algorithm, key id, Ed25519 signature. */
#define SG_ALG 0
#define SG_ID 2
#define SG_SIG 10
#define SG_SIZE 74

/* A secret key: algorithm, key derivation, checksum algorithm, scrypt salt
 * and limits (little-endian), then the part that is encrypted: key id,
 * Ed25519 secret key (seed and public key), BLAKE2b-256 checksum of
 * algorithm, key id and secret key. */
#define SK_ALG 0
#define SK_KDF 2
#define SK_CHK_ALG 4
#define SK_SALT 6
#define SK_OPS 38
#define SK_MEM 46
#define SK_ID 54
#define SK_KEY 62
#define SK_CHK 126
#define SK_SIZE 158
#define SK_SECRET_SIZE (SK_SIZE - SK_ID) /* what scrypt's stream covers */

_Static_assert(SK_SALT + crypto_pwhash_scryptsalsa208sha256_SALTBYTES ==
		       SK_OPS,
	       "salt size");
_Static_assert(SK_KEY + crypto_sign_SECRETKEYBYTES == SK_CHK, "key size");
_Static_assert(SK_CHK + crypto_generichash_BYTES == SK_SIZE, "chk size");
_Static_assert(PK_KEY + crypto_sign_PUBLICKEYBYTES == PK_SIZE, "pk size");
_Static_assert(SG_SIG + crypto_sign_BYTES == SG_SIZE, "sig size");

/* The secret key lives whole in guarded memory (sodium_malloc). */
struct sig_seckey {
	unsigned char raw[SK_SIZE];
	bool locked; /* raw's secret part is still encrypted */
};

/* Base64 (with padding) of n bytes: its length, without a NUL. */
#define SIG_B64_LEN(n) (((n) + 2) / 3 * 4)

uint64_t
sig_le64_load(const unsigned char *p);
void
sig_le64_store(unsigned char *p, uint64_t v);

/* The lines of a file being parsed, one after the other. */
typedef struct sig_lines {
	const char *name;
	const char *data;
	size_t len;
	size_t pos;
	unsigned long line; /* number of the line last taken (1-based) */
} sig_lines;

/* Starts reading data; false (with a problem naming the line) when it
 * holds a NUL byte or is larger than max. */
bool
sig_lines_start(sig_lines *r, const char *name, const char *data,
		size_t len, size_t max, diag_list *diags);
/* The next line without its "\n" or "\r\n": 1, and the line in s[0..n);
 * 0 at the end of the data; -1 (with a problem) for a '\r' elsewhere in
 * the line, which minisign refuses too. */
int
sig_lines_next(sig_lines *r, const char **s, size_t *n, diag_list *diags);

/* Decodes a base64 line of exactly SIG_B64_LEN(want) characters into
 * out[want]; what names the line's content in the problem (already
 * translated). */
bool
sig_b64_line(sig_lines *r, const char *s, size_t n, unsigned char *out,
	     size_t want, const char *what, diag_list *diags);

/* True when s[0..n) is UTF-8 without control characters other than tab
 * (C0, DEL, C1): what minisign 0.12 demands of a trusted comment. */
bool
sig_printable(const char *s, size_t n);

/* Two algorithm bytes as text for a message: "Ed", or "0x0001". */
void
sig_alg_text(const unsigned char alg[2], char out[8]);

#endif
