/* minisign's file formats: reading public keys, secret keys and signature
 * files line by line with every field checked, and writing public keys.
 * Every refusal names the file and the line. */
#include "sig_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "utext.h"

uint64_t
sig_le64_load(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

void
sig_le64_store(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

void
sig_id_hex(const unsigned char id[SIG_ID_BYTES], char out[SIG_ID_HEX])
{
	snprintf(out, SIG_ID_HEX, "%016" PRIX64, sig_le64_load(id));
}

void
sig_alg_text(const unsigned char alg[2], char out[8])
{
	if (alg[0] > 0x20 && alg[0] < 0x7f && alg[1] > 0x20 && alg[1] < 0x7f)
		snprintf(out, 8, "%c%c", alg[0], alg[1]);
	else
		snprintf(out, 8, "0x%02X%02X", alg[0], alg[1]);
}

bool
sig_lines_start(sig_lines *r, const char *name, const char *data,
		size_t len, size_t max, diag_list *diags)
{
	const char *nul;

	r->name = name;
	r->data = data;
	r->len = len;
	r->pos = 0;
	r->line = 0;
	if (len > max) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
			 _("the file is larger than %zu bytes: not a key or a "
			   "signature"),
			 max);
		return false;
	}
	nul = memchr(data, '\0', len);
	if (nul != NULL) {
		unsigned long line = 1;

		for (const char *p = data; p < nul; p++)
			line += *p == '\n';
		diag_add(diags, DIAG_ERROR, name, line, 0, NULL, "%s",
			 _("a NUL byte: not a key or a signature"));
		return false;
	}
	return true;
}

int
sig_lines_next(sig_lines *r, const char **s, size_t *n, diag_list *diags)
{
	const char *start = r->data + r->pos, *nl;
	size_t avail = r->len - r->pos, k;

	if (avail == 0)
		return 0;
	nl = memchr(start, '\n', avail);
	k = nl ? (size_t)(nl - start) : avail;
	r->pos += nl ? k + 1 : k;
	r->line++;
	if (k > 0 && start[k - 1] == '\r')
		k--;
	if (memchr(start, '\r', k) != NULL) {
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL, "%s",
			 _("a carriage return inside the line"));
		return -1;
	}
	*s = start;
	*n = k;
	return 1;
}

bool
sig_b64_line(sig_lines *r, const char *s, size_t n, unsigned char *out,
	     size_t want, const char *what, diag_list *diags)
{
	size_t got = 0;

	if (n != SIG_B64_LEN(want)) {
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL,
			 _("%s: %zu characters where %zu of base64 are "
			   "expected"),
			 what, n, (size_t)SIG_B64_LEN(want));
		return false;
	}
	if (sodium_base642bin(out, want, s, n, NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != want) {
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL,
			 _("%s: not base64 text"), what);
		return false;
	}
	return true;
}

bool
sig_printable(const char *s, size_t n)
{
	size_t pos = 0;
	uint32_t cp;

	while (pos < n) {
		if (utext_decode(s, n, &pos, &cp) != UTEXT_OK)
			return false;
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0))
			return false;
	}
	return true;
}

/* A comment line: its text after the prefix (which is required when
 * need_prefix), malloc'd into *out. */
static bool
comment_line(sig_lines *r, const char *s, size_t n, const char *prefix,
	     bool need_prefix, size_t max, char **out, diag_list *diags)
{
	size_t plen = strlen(prefix);

	if (n > max) {
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL,
			 _("the comment line is longer than %zu bytes"), max);
		return false;
	}
	if (n >= plen && memcmp(s, prefix, plen) == 0) {
		s += plen;
		n -= plen;
	} else if (need_prefix) {
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL,
			 _("the line does not start with \"%s\""), prefix);
		return false;
	}
	*out = malloc(n + 1);
	if (*out == NULL) {
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL, "%s",
			 _("out of memory"));
		return false;
	}
	memcpy(*out, s, n);
	(*out)[n] = '\0';
	return true;
}

/* The next line, which must be there: what says what was expected. */
static bool
need_line(sig_lines *r, const char **s, size_t *n, const char *what,
	  diag_list *diags)
{
	int got = sig_lines_next(r, s, n, diags);

	if (got < 0)
		return false;
	if (got == 0) {
		diag_add(diags, DIAG_ERROR, r->name, r->line + 1, 0, NULL,
			 _("the file ends here: %s is missing (truncated?)"),
			 what);
		return false;
	}
	return true;
}

/* Nothing but empty lines may follow (mail programs add them). */
static bool
at_end(sig_lines *r, diag_list *diags)
{
	const char *s;
	size_t n;
	int got;

	while ((got = sig_lines_next(r, &s, &n, diags)) > 0) {
		if (n == 0)
			continue;
		diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL, "%s",
			 _("unexpected text after the last line"));
		return false;
	}
	return got == 0;
}

static bool
alg_is(const unsigned char *alg, const char *want)
{
	return memcmp(alg, want, 2) == 0;
}

static void
bad_alg(sig_lines *r, const unsigned char *alg, diag_list *diags)
{
	char text[8];

	sig_alg_text(alg, text);
	diag_add(diags, DIAG_ERROR, r->name, r->line, 0, NULL,
		 _("unsupported signature algorithm \"%s\" (Ed25519, \"Ed\" "
		   "or \"ED\", is expected)"),
		 text);
}

void
sig_pubkey_free(sig_pubkey *k)
{
	if (k == NULL)
		return;
	free(k->comment);
	k->comment = NULL;
}

bool
sig_pubkey_parse(const char *name, const char *data, size_t len,
		 sig_pubkey *out, diag_list *diags)
{
	unsigned char raw[PK_SIZE];
	sig_lines r;
	const char *s;
	size_t n;
	char *comment = NULL;

	if (!sig_lines_start(&r, name, data, len, SIG_KEY_FILE_MAX, diags) ||
	    !need_line(&r, &s, &n, _("the public key"), diags))
		return false;
	/* The key alone, as "minisign -P" takes it, or after its comment. */
	if (n == SIG_B64_LEN(PK_SIZE) &&
	    strncmp(s, SIG_UNTRUSTED_PREFIX, strlen(SIG_UNTRUSTED_PREFIX))) {
		comment = strdup("");
		if (comment == NULL)
			goto oom;
	} else {
		if (!comment_line(&r, s, n, SIG_UNTRUSTED_PREFIX, false,
				  SIG_COMMENT_LINE_MAX, &comment, diags) ||
		    !need_line(&r, &s, &n, _("the public key"), diags))
			goto fail;
	}
	if (!sig_b64_line(&r, s, n, raw, PK_SIZE, _("the public key"),
			  diags))
		goto fail;
	if (!alg_is(raw + PK_ALG, SIG_ALG)) {
		bad_alg(&r, raw + PK_ALG, diags);
		goto fail;
	}
	if (!at_end(&r, diags))
		goto fail;
	memcpy(out->id, raw + PK_ID, SIG_ID_BYTES);
	memcpy(out->pk, raw + PK_KEY, SIG_PK_BYTES);
	out->comment = comment;
	return true;
oom:
	diag_add(diags, DIAG_ERROR, name, 0, 0, NULL, "%s", _("out of memory"));
fail:
	free(comment);
	return false;
}

bool
sig_pubkey_load(const char *path, sig_pubkey *out, diag_list *diags)
{
	size_t len = 0;
	char *data = store_read_file(path, SIG_KEY_FILE_MAX, &len, diags);
	bool ok;

	if (data == NULL)
		return false;
	ok = sig_pubkey_parse(path, data, len, out, diags);
	free(data);
	return ok;
}

char *
sig_pubkey_format(const sig_pubkey *k, const char *comment, size_t *len)
{
	unsigned char raw[PK_SIZE];
	char b64[SIG_B64_LEN(PK_SIZE) + 1], id[SIG_ID_HEX], words[64];
	char *out;
	int n;

	memcpy(raw + PK_ALG, SIG_ALG, 2);
	memcpy(raw + PK_ID, k->id, SIG_ID_BYTES);
	memcpy(raw + PK_KEY, k->pk, SIG_PK_BYTES);
	sodium_bin2base64(b64, sizeof(b64), raw, PK_SIZE,
			  sodium_base64_VARIANT_ORIGINAL);
	sig_id_hex(k->id, id);
	/* minisign's own words, which tools and people recognise. */
	snprintf(words, sizeof(words), "minisign public key %s", id);
	if (comment == NULL)
		comment = words;
	n = snprintf(NULL, 0, "%s%s\n%s\n", SIG_UNTRUSTED_PREFIX, comment,
		     b64);
	if (n < 0 || (out = malloc((size_t)n + 1)) == NULL)
		return NULL;
	snprintf(out, (size_t)n + 1, "%s%s\n%s\n", SIG_UNTRUSTED_PREFIX,
		 comment, b64);
	if (len)
		*len = (size_t)n;
	return out;
}

/* The scrypt limits a key file may ask for: at most minisign's own
 * ("sensitive"), at least libsodium's minimum. */
static bool
limits_ok(const unsigned char *raw)
{
	uint64_t ops = sig_le64_load(raw + SK_OPS);
	uint64_t mem = sig_le64_load(raw + SK_MEM);

	return ops >= crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN &&
	       ops <= crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE &&
	       mem >= crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN &&
	       mem <= crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
}

sig_seckey *
sig_seckey_parse(const char *name, const char *data, size_t len,
		 diag_list *diags)
{
	sig_seckey *k = NULL;
	sig_lines r;
	const char *s;
	size_t n;
	char *comment = NULL, alg[8];

	if (!sig_init(diags) ||
	    !sig_lines_start(&r, name, data, len, SIG_KEY_FILE_MAX, diags) ||
	    !need_line(&r, &s, &n, _("the secret key"), diags) ||
	    !comment_line(&r, s, n, SIG_UNTRUSTED_PREFIX, false,
			  SIG_COMMENT_LINE_MAX, &comment, diags) ||
	    !need_line(&r, &s, &n, _("the secret key"), diags))
		goto fail;
	k = sodium_malloc(sizeof(*k));
	if (k == NULL) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL, "%s",
			 _("out of memory"));
		goto fail;
	}
	if (!sig_b64_line(&r, s, n, k->raw, SK_SIZE, _("the secret key"),
			  diags))
		goto fail;
	if (!alg_is(k->raw + SK_ALG, SIG_ALG)) {
		bad_alg(&r, k->raw + SK_ALG, diags);
		goto fail;
	}
	if (!alg_is(k->raw + SK_CHK_ALG, SIG_CHK_BLAKE2)) {
		sig_alg_text(k->raw + SK_CHK_ALG, alg);
		diag_add(diags, DIAG_ERROR, name, r.line, 0, NULL,
			 _("unsupported checksum \"%s\" (\"B2\" is "
			   "expected)"),
			 alg);
		goto fail;
	}
	if (alg_is(k->raw + SK_KDF, SIG_KDF_SCRYPT)) {
		if (!limits_ok(k->raw)) {
			diag_add(diags, DIAG_ERROR, name, r.line, 0, NULL,
				 "%s",
				 _("the key's scrypt limits are outside "
				   "those minisign uses"));
			goto fail;
		}
		k->locked = true;
	} else if (k->raw[SK_KDF] == 0 && k->raw[SK_KDF + 1] == 0) {
		k->locked = false;
	} else {
		sig_alg_text(k->raw + SK_KDF, alg);
		diag_add(diags, DIAG_ERROR, name, r.line, 0, NULL,
			 _("unsupported key derivation \"%s\" (\"Sc\", "
			   "scrypt, or none is expected)"),
			 alg);
		goto fail;
	}
	if (!at_end(&r, diags))
		goto fail;
	free(comment);
	return k;
fail:
	free(comment);
	sig_seckey_destroy(k);
	return NULL;
}

void
sig_signature_free(sig_signature *s)
{
	if (s == NULL)
		return;
	free(s->untrusted);
	free(s->trusted);
	s->untrusted = s->trusted = NULL;
}

bool
sig_signature_parse(const char *name, const char *data, size_t len,
		    sig_signature *out, diag_list *diags)
{
	unsigned char raw[SG_SIZE], global[SIG_BYTES];
	char *untrusted = NULL, *trusted = NULL;
	sig_lines r;
	const char *s;
	size_t n;

	if (!sig_init(diags) ||
	    !sig_lines_start(&r, name, data, len, SIG_FILE_MAX, diags) ||
	    !need_line(&r, &s, &n, _("the untrusted comment"), diags) ||
	    !comment_line(&r, s, n, SIG_UNTRUSTED_PREFIX, true,
			  SIG_COMMENT_LINE_MAX, &untrusted, diags) ||
	    !need_line(&r, &s, &n, _("the signature"), diags) ||
	    !sig_b64_line(&r, s, n, raw, SG_SIZE, _("the signature"), diags))
		goto fail;
	if (!alg_is(raw + SG_ALG, SIG_ALG) &&
	    !alg_is(raw + SG_ALG, SIG_ALG_HASHED)) {
		bad_alg(&r, raw + SG_ALG, diags);
		goto fail;
	}
	if (!need_line(&r, &s, &n, _("the trusted comment"), diags) ||
	    !comment_line(&r, s, n, SIG_TRUSTED_PREFIX, true,
			  SIG_TRUSTED_LINE_MAX, &trusted, diags))
		goto fail;
	if (!sig_printable(trusted, strlen(trusted))) {
		diag_add(diags, DIAG_ERROR, name, r.line, 0, NULL, "%s",
			 _("the trusted comment holds a control character or "
			   "a byte that is not UTF-8"));
		goto fail;
	}
	if (!need_line(&r, &s, &n, _("the global signature"), diags) ||
	    !sig_b64_line(&r, s, n, global, SIG_BYTES,
			  _("the global signature"), diags) ||
	    !at_end(&r, diags))
		goto fail;
	out->prehashed = alg_is(raw + SG_ALG, SIG_ALG_HASHED);
	memcpy(out->id, raw + SG_ID, SIG_ID_BYTES);
	memcpy(out->sig, raw + SG_SIG, SIG_BYTES);
	memcpy(out->global, global, SIG_BYTES);
	out->untrusted = untrusted;
	out->trusted = trusted;
	return true;
fail:
	free(untrusted);
	free(trusted);
	return false;
}
