/* Tests of src/sign: the formats written and read back, hostile signature
 * and key files refused with file:line and a clear message, signing and
 * verifying (changed file, swapped trusted comment, other key), encrypted
 * secret keys (wrong passphrase: same scrypt cost, key stays locked), key
 * files and folders that others can read, and trusted keys per country.
 * Usage: test-sig GROUP (formats, hostile, crypto, passphrase, files,
 * ring, plan). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "../unit_check.h"
#include "country.h"
#include "sig.h"
#include "sig_keys.h"
#include "sig_plan.h"
#include "sig_trust.h"
#include "store.h"

static char scratch[] = "/tmp/test-sig-XXXXXX";

static char *
at(const char *name)
{
	static char bufs[8][512];
	static unsigned next;
	char *b = bufs[next++ % 8];

	snprintf(b, sizeof(bufs[0]), "%s/%s", scratch, name);
	return b;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	diag_list d = DIAG_LIST_INIT;

	CHECK(store_write_atomic(path, text, strlen(text), &d));
	CHECK(chmod(path, mode) == 0);
	diag_list_free(&d);
}

/* The first problem, formatted as front ends print it. */
static char *
first(const diag_list *d)
{
	static char buf[2048];
	char *s = d->n > 0 ? diag_format(&d->v[0]) : NULL;

	snprintf(buf, sizeof(buf), "%s", s ? s : "(no problem)");
	free(s);
	return buf;
}

#define CHECK_HAS(hay, needle)                                            \
	CHECK_MSG(strstr((hay), (needle)) != NULL, "\"%s\" lacks \"%s\"",  \
		  (hay), (needle))

static const char message[] = "format: \"actionplan-plan/1\"\n";

/* A fresh key and a signature of message by it. */
static sig_seckey *
new_key(sig_pubkey *pub)
{
	sig_seckey *k = sig_seckey_generate();

	CHECK(k != NULL && sig_seckey_public(k, pub));
	return k;
}

static char *
sign_text(const sig_seckey *k, const char *trusted)
{
	diag_list d = DIAG_LIST_INIT;
	char *text = sig_sign(k, message, strlen(message), "a comment",
			      trusted, NULL, &d);

	CHECK_MSG(text != NULL, "%s", first(&d));
	diag_list_free(&d);
	return text;
}

static void
test_formats(void)
{
	diag_list d = DIAG_LIST_INIT;
	sig_pubkey pub = {0}, back = {0};
	sig_signature s = {0};
	sig_seckey *k = new_key(&pub);
	char id[SIG_ID_HEX], *text, *pk_text, *sk_text;
	size_t len;

	/* minisign's key id: little-endian, 16 upper-case hex digits. */
	sig_id_hex((const unsigned char *)"\x01\x02\x03\x04\x05\x06\x07\xab",
		   id);
	CHECK_STR(id, "AB07060504030201");

	pk_text = sig_pubkey_format(&pub, NULL, &len);
	sig_id_hex(pub.id, id);
	CHECK(strncmp(pk_text, "untrusted comment: minisign public key ",
		      39) == 0);
	CHECK_HAS(pk_text, id);
	CHECK(sig_pubkey_parse("k.pub", pk_text, len, &back, &d));
	CHECK(memcmp(back.id, pub.id, 8) == 0 &&
	      memcmp(back.pk, pub.pk, 32) == 0);
	sig_pubkey_free(&back);
	/* The base64 line alone, as minisign -P takes it. */
	CHECK(sig_pubkey_parse("k.pub", strchr(pk_text, '\n') + 1,
			       strlen(strchr(pk_text, '\n') + 1), &back, &d));
	CHECK(memcmp(back.pk, pub.pk, 32) == 0);
	sig_pubkey_free(&back);

	sk_text = sig_seckey_format(k, NULL, &len, &d);
	CHECK(sk_text != NULL);
	{
		sig_seckey *again = sig_seckey_parse("k.key", sk_text, len, &d);

		CHECK(again != NULL && !sig_seckey_locked(again));
		CHECK(sig_seckey_public(again, &back) &&
		      memcmp(back.pk, pub.pk, 32) == 0);
		sig_pubkey_free(&back);
		sig_seckey_destroy(again);
	}
	sig_secret_free(sk_text);

	text = sign_text(k, "questionnaire:ariat-2000\tcountry:ไทย");
	CHECK(sig_signature_parse("m.minisig", text, strlen(text), &s, &d));
	CHECK(s.prehashed);
	CHECK_STR(s.untrusted, "a comment");
	CHECK_STR(s.trusted, "questionnaire:ariat-2000\tcountry:ไทย");
	CHECK(sig_verify(&s, &pub, message, strlen(message), "m", &d) ==
	      SIG_VERIFY_GOOD);
	sig_signature_free(&s);
	CHECK_MSG(d.n == 0, "%s", first(&d));
	free(text);
	free(pk_text);
	sig_pubkey_free(&pub);
	sig_seckey_destroy(k);
	diag_list_free(&d);
}

/* Replaces line n (1-based) of text by repl; malloc'd. */
static char *
with_line(const char *text, int n, const char *repl)
{
	char *out = malloc(strlen(text) + strlen(repl) + 2);
	const char *p = text;
	size_t o = 0;

	for (int line = 1; *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t k = nl ? (size_t)(nl - p) : strlen(p);

		if (line == n) {
			memcpy(out + o, repl, strlen(repl));
			o += strlen(repl);
		} else {
			memcpy(out + o, p, k);
			o += k;
		}
		if (nl)
			out[o++] = '\n';
		p += k + (nl != NULL);
	}
	out[o] = '\0';
	return out;
}

/* Line n of text; malloc'd. */
static char *
line_of(const char *text, int n)
{
	const char *p = text;

	for (int line = 1; line < n && p; line++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	return strndup(p ? p : "", p ? strcspn(p, "\n") : 0);
}

/* The signature line (line 2) with its two algorithm bytes replaced, or
 * its key id changed; malloc'd. */
static char *
sig_line_patched(const char *text, const char *alg, bool other_id)
{
	char *line = line_of(text, 2), b64[128];
	unsigned char raw[74];
	size_t n = 0;

	CHECK(sodium_base642bin(raw, sizeof(raw), line, strlen(line), NULL, &n,
				NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	      n == 74);
	if (alg)
		memcpy(raw, alg, 2);
	if (other_id)
		raw[2] ^= 1;
	sodium_bin2base64(b64, sizeof(b64), raw, 74,
			  sodium_base64_VARIANT_ORIGINAL);
	free(line);
	return with_line(text, 2, b64);
}

/* Parsing text must fail with a problem at name:line holding want. */
static void
refused(const char *what, const char *text, size_t len, bool key,
	unsigned long line, const char *want)
{
	diag_list d = DIAG_LIST_INIT;
	sig_signature s = {0};
	sig_pubkey k = {0};
	bool ok = key ? sig_pubkey_parse("f", text, len, &k, &d)
		      : sig_signature_parse("f", text, len, &s, &d);

	CHECK_MSG(!ok, "%s: accepted", what);
	CHECK_MSG(d.n > 0 && d.v[0].line == line && strcmp(d.v[0].file, "f") == 0,
		  "%s: want line %lu, got %s", what, line, first(&d));
	CHECK_MSG(d.n > 0 && strstr(d.v[0].message, want) != NULL,
		  "%s: want \"%s\", got %s", what, want, first(&d));
	sig_signature_free(&s);
	sig_pubkey_free(&k);
	diag_list_free(&d);
}

static void
test_hostile(void)
{
	sig_pubkey pub = {0};
	sig_seckey *k = new_key(&pub);
	char *text = sign_text(k, "t"), *p, *pk = sig_pubkey_format(&pub, NULL, NULL);
	size_t n = strlen(text);
	char big[SIG_FILE_MAX + 10];

	/* Truncated at every line end and in the middle of each line. */
	refused("empty", "", 0, false, 1, "the untrusted comment is missing");
	for (int line = 1; line <= 3; line++) {
		static const char *const missing[] = {
			"the signature is missing",
			"the trusted comment is missing",
			"the global signature is missing"};
		size_t cut = 0;

		for (int i = 0; i < line; i++)
			cut = (size_t)(strchr(text + cut, '\n') - text) + 1;
		refused("truncated at a line end", text, cut, false,
			(unsigned long)line + 1, missing[line - 1]);
	}
	p = strchr(text, '\n') + 1 + 50; /* in the middle of line 2 */
	refused("truncated in line 2", text, (size_t)(p - text), false, 2,
		"50 characters where 100 of base64");
	refused("truncated in line 4", text, n - 10, false, 4,
		"where 88 of base64");

	/* Oversized: the whole file, and one line. */
	memset(big, 'A', sizeof(big));
	refused("oversized file", big, sizeof(big), false, 0,
		"larger than 16384 bytes");
	{
		char line[3000];

		memset(line, 'x', sizeof(line) - 1);
		line[sizeof(line) - 1] = '\0';
		memcpy(line, "untrusted comment: ", 19);
		p = with_line(text, 1, line);
		refused("comment line too long", p, strlen(p), false, 1,
			"longer than 1022 bytes");
		free(p);
	}

	/* Not base64, wrong algorithm, missing prefixes, controls. */
	p = strdup(text);
	p[strchr(p, '\n') - p + 10] = '*';
	refused("not base64", p, n, false, 2, "not base64 text");
	free(p);
	p = sig_line_patched(text, "Xx", false);
	refused("wrong algorithm", p, strlen(p), false, 2,
		"unsupported signature algorithm \"Xx\"");
	free(p);
	p = sig_line_patched(text, "\x01\x02", false);
	refused("binary algorithm", p, strlen(p), false, 2, "\"0x0102\"");
	free(p);
	p = with_line(text, 1, "comment: no prefix");
	refused("untrusted prefix", p, strlen(p), false, 1,
		"does not start with \"untrusted comment: \"");
	free(p);
	p = with_line(text, 3, "t");
	refused("trusted prefix", p, strlen(p), false, 3,
		"does not start with \"trusted comment: \"");
	free(p);
	p = with_line(text, 3, "trusted comment: a\x1b[2Jb");
	refused("escape in the trusted comment", p, strlen(p), false, 3,
		"control character");
	free(p);
	p = with_line(text, 3, "trusted comment: \xc3\x28");
	refused("not UTF-8", p, strlen(p), false, 3, "not UTF-8");
	free(p);
	p = with_line(text, 3, "trusted comment: a\rb");
	refused("carriage return", p, strlen(p), false, 3, "carriage return");
	free(p);
	p = strdup(text);
	p[strchr(p, '\n') - p + 5] = '\0';
	refused("NUL byte", p, n, false, 2, "NUL byte");
	free(p);
	p = malloc(n + 20);
	snprintf(p, n + 20, "%smore text\n", text);
	refused("a fifth line", p, strlen(p), false, 5,
		"unexpected text after the last line");
	free(p);

	/* What is not hostile: CRLF ends, blank lines after the last. */
	{
		diag_list d = DIAG_LIST_INIT;
		sig_signature s = {0};
		char crlf[2048];
		size_t o = 0;

		for (const char *q = text; *q; q++) {
			if (*q == '\n')
				crlf[o++] = '\r';
			crlf[o++] = *q;
		}
		memcpy(crlf + o, "\r\n\n", 4);
		CHECK_MSG(sig_signature_parse("f", crlf, strlen(crlf), &s, &d),
			  "CRLF: %s", first(&d));
		sig_signature_free(&s);
		diag_list_free(&d);
	}

	/* Keys. */
	refused("empty key", "", 0, true, 1, "the public key is missing");
	refused("key truncated", pk, (size_t)(strchr(pk, '\n') - pk + 1), true,
		2, "the public key is missing");
	refused("key cut short", pk, strlen(pk) - 5, true, 2,
		"where 56 of base64");
	p = strdup(pk);
	p[strchr(p, '\n') - p + 3] = '!';
	refused("key not base64", p, strlen(p), true, 2, "not base64");
	free(p);
	{
		unsigned char raw[42];
		char b64[64], file[200];

		memcpy(raw, "EC", 2);
		memcpy(raw + 2, pub.id, 8);
		memcpy(raw + 10, pub.pk, 32);
		sodium_bin2base64(b64, sizeof(b64), raw, 42,
				  sodium_base64_VARIANT_ORIGINAL);
		snprintf(file, sizeof(file), "untrusted comment: x\n%s\n", b64);
		refused("key of another algorithm", file, strlen(file), true,
			2, "unsupported signature algorithm \"EC\"");
	}
	memset(big, '\n', sizeof(big));
	refused("oversized key", big, SIG_KEY_FILE_MAX + 1, true, 0,
		"larger than 4096 bytes");
	free(pk);
	free(text);
	sig_pubkey_free(&pub);
	sig_seckey_destroy(k);
}

static void
test_crypto(void)
{
	diag_list d = DIAG_LIST_INIT;
	sig_pubkey pub = {0}, other_pub = {0};
	sig_seckey *k = new_key(&pub), *other = new_key(&other_pub);
	char *a = sign_text(k, "first"), *b = sign_text(k, "second");
	char *swapped, *line, *p, sha[65];
	sig_signature s = {0};

	/* A changed file: the signature (line 2) fails. */
	CHECK(sig_signature_parse("a.minisig", a, strlen(a), &s, &d));
	CHECK(sig_verify(&s, &pub, "format: x\n", 10, "a.minisig", &d) ==
	      SIG_VERIFY_BAD);
	CHECK(d.n == 1 && d.v[0].line == 2);
	CHECK_HAS(first(&d), "the file was changed after it was signed");
	diag_list_clear(&d);
	/* Another key's id: not this key's signature at all. */
	CHECK(sig_verify(&s, &other_pub, message, strlen(message), "a", &d) ==
	      SIG_VERIFY_OTHER_KEY);
	sig_signature_free(&s);

	/* The trusted comment of another signature of the same key: the
	 * global signature (line 3) fails. */
	line = line_of(b, 3);
	swapped = with_line(a, 3, line);
	CHECK(sig_signature_parse("a.minisig", swapped, strlen(swapped), &s,
				  &d));
	CHECK(sig_verify(&s, &pub, message, strlen(message), "a.minisig",
			 &d) == SIG_VERIFY_BAD);
	CHECK(d.n == 1 && d.v[0].line == 3);
	CHECK_HAS(first(&d), "the trusted comment was changed");
	diag_list_clear(&d);
	sig_signature_free(&s);

	/* A key id changed in the signature: another key's. */
	p = sig_line_patched(a, NULL, true);
	CHECK(sig_signature_parse("a", p, strlen(p), &s, &d));
	CHECK(sig_verify(&s, &pub, message, strlen(message), "a", &d) ==
	      SIG_VERIFY_OTHER_KEY);
	sig_signature_free(&s);
	free(p);

	/* Comments that would break the file are refused when signing. */
	CHECK(sig_sign(k, message, 3, "x", "a\nb", NULL, &d) == NULL);
	CHECK(sig_sign(k, message, 3, "x\ny", "t", NULL, &d) == NULL);

	sig_sha256_hex("abc", 3, sha);
	CHECK_STR(sha, "ba7816bf8f01cfea414140de5dae2223"
		       "b00361a396177a9cb410ff61f20015ad");
	free(line);
	free(swapped);
	free(a);
	free(b);
	sig_pubkey_free(&pub);
	sig_pubkey_free(&other_pub);
	sig_seckey_destroy(k);
	sig_seckey_destroy(other);
	diag_list_free(&d);
}

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_passphrase(void)
{
	diag_list d = DIAG_LIST_INIT;
	sig_pubkey pub = {0}, back = {0};
	sig_seckey *k = new_key(&pub), *locked;
	sig_pass *pass = sig_pass_create(), *wrong = sig_pass_create();
	char *text, *sig;
	size_t len;
	double t0, t_wrong, t_right;

	strcpy(pass->s, "correct horse");
	pass->len = strlen(pass->s);
	strcpy(wrong->s, "correct hors");
	wrong->len = strlen(wrong->s);
	text = sig_seckey_format(k, pass, &len, &d);
	CHECK_MSG(text != NULL, "%s", first(&d));
	/* minisign's format: "Ed", "Sc", "B2", then the sensitive limits. */
	CHECK_HAS(text, "untrusted comment: minisign encrypted secret key\n"
			"RWRTY0Iy");
	locked = sig_seckey_parse("k.key", text, len, &d);
	CHECK(locked != NULL && sig_seckey_locked(locked));
	CHECK(!sig_seckey_public(locked, &back));

	t0 = cpu_seconds();
	CHECK(!sig_seckey_unlock(locked, "k.key", wrong, &d));
	t_wrong = cpu_seconds() - t0;
	CHECK(sig_seckey_locked(locked));
	CHECK(d.n == 1 && strcmp(d.v[0].file, "k.key") == 0);
	CHECK_HAS(first(&d), "wrong passphrase");
	diag_list_clear(&d);
	t0 = cpu_seconds();
	CHECK_MSG(sig_seckey_unlock(locked, "k.key", pass, &d), "%s", first(&d));
	t_right = cpu_seconds() - t0;
	/* No shortcut: a wrong passphrase costs the whole derivation. */
	CHECK_MSG(t_wrong > 0.5 * t_right && t_right > 0.05,
		  "wrong %.3f s, right %.3f s of CPU", t_wrong, t_right);
	printf("scrypt unlock: wrong passphrase %.2f s, right %.2f s of CPU\n",
	       t_wrong, t_right);
	CHECK(!sig_seckey_locked(locked) && sig_seckey_public(locked, &back) &&
	      memcmp(back.pk, pub.pk, 32) == 0);
	sig = sig_sign(locked, message, 5, "u", "t", NULL, &d);
	CHECK(sig != NULL);
	free(sig);

	/* Limits beyond minisign's are refused before any derivation. */
	{
		unsigned char raw[158];
		char *line = line_of(text, 2), b64[256], file[400];
		size_t n = 0;

		sodium_base642bin(raw, sizeof(raw), line, strlen(line), NULL,
				  &n, NULL, sodium_base64_VARIANT_ORIGINAL);
		raw[46 + 7] = 0x40; /* memlimit far beyond 1 GiB */
		sodium_bin2base64(b64, sizeof(b64), raw, 158,
				  sodium_base64_VARIANT_ORIGINAL);
		snprintf(file, sizeof(file), "untrusted comment: x\n%s\n", b64);
		CHECK(sig_seckey_parse("k.key", file, strlen(file), &d) == NULL);
		CHECK(d.n > 0 && d.v[0].line == 2);
		CHECK_HAS(first(&d), "scrypt limits");
		diag_list_clear(&d);
		memcpy(raw + 4, "XX", 2);
		sodium_bin2base64(b64, sizeof(b64), raw, 158,
				  sodium_base64_VARIANT_ORIGINAL);
		snprintf(file, sizeof(file), "untrusted comment: x\n%s\n", b64);
		CHECK(sig_seckey_parse("k.key", file, strlen(file), &d) == NULL);
		CHECK_HAS(first(&d), "unsupported checksum \"XX\"");
		free(line);
	}
	sig_secret_free(text);
	sig_pass_destroy(pass);
	sig_pass_destroy(wrong);
	sig_pubkey_free(&pub);
	sig_pubkey_free(&back);
	sig_seckey_destroy(k);
	sig_seckey_destroy(locked);
	diag_list_free(&d);
}

static void
test_files(void)
{
	diag_list d = DIAG_LIST_INIT;
	char *dir = at("config/actionplan"), *sec;
	sig_pubkey pub = {0};
	sig_seckey *k = new_key(&pub), *back;
	struct stat st;

	CHECK_MSG(sig_keys_create(dir, k, NULL, &d), "%s", first(&d));
	sec = sig_keys_path(dir, true);
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	CHECK(stat(sec, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(sig_keys_exist(dir));
	/* Never replaced. */
	CHECK(!sig_keys_create(dir, k, NULL, &d));
	CHECK_HAS(first(&d), "never replaced");
	diag_list_clear(&d);
	back = sig_keys_load_secret(dir, sec, &d);
	CHECK_MSG(back != NULL, "%s", first(&d));
	sig_seckey_destroy(back);

	/* Readable by others: refused, with what to run. */
	chmod(sec, 0640);
	CHECK(sig_keys_load_secret(dir, sec, &d) == NULL);
	CHECK_HAS(first(&d), "others can read it (mode 0640)");
	CHECK_HAS(first(&d), "chmod 600");
	diag_list_clear(&d);
	chmod(sec, 0600);
	chmod(dir, 0755);
	CHECK(sig_keys_load_secret(dir, sec, &d) == NULL);
	CHECK_HAS(first(&d), "chmod 700");
	diag_list_clear(&d);
	chmod(dir, 0700);
	/* A folder that is not private is not written into either. */
	chmod(at("config"), 0755);
	mkdir(at("open"), 0777);
	chmod(at("open"), 0777);
	CHECK(!sig_keys_create(at("open"), k, NULL, &d));
	CHECK_HAS(first(&d), "mode 0777");
	CHECK(access(at("open/actionplan.key"), F_OK) != 0);
	diag_list_clear(&d);

	free(sec);
	sig_pubkey_free(&pub);
	sig_seckey_destroy(k);
	diag_list_free(&d);
}

/* A public key file at path, with comment. */
static void
put_key(const char *path, const sig_pubkey *pub, const char *comment,
	mode_t mode)
{
	char *text = sig_pubkey_format(pub, comment, NULL);

	put(path, text, mode);
	free(text);
}

static bool
trusted(const sig_ring *r, size_t i, const char *named)
{
	return sig_trusted_for(&r->v[i], named);
}

static void
test_ring(void)
{
	diag_list d = DIAG_LIST_INIT;
	sig_ring r = SIG_RING_INIT;
	sig_pubkey a = {0}, b = {0}, c = {0};
	sig_seckey *ka = new_key(&a), *kb = new_key(&b), *kc = new_key(&c);
	bool iso = country_db_default(NULL) != NULL;

	mkdir(at("keys"), 0755);
	put_key(at("keys/THA.pub"), &a, NULL, 0644);
	put_key(at("keys/Viet Nam.pub"), &b, NULL, 0644);
	put_key(at("keys/lao.pub"), &c,
		"minisign public key country: Lao People's Democratic Republic",
		0644);
	put(at("keys/notes.txt"), "not a key\n", 0644);
	CHECK_MSG(sig_ring_load_dir(&r, at("keys"), &d), "%s", first(&d));
	CHECK(r.n == 3);
	/* In name order: THA.pub, Viet Nam.pub, lao.pub. */
	if (r.n == 3) {
		CHECK(trusted(&r, 0, "THA") && trusted(&r, 0, " tha "));
		if (iso) {
			/* However a plan names Thailand: code, English,
			 * Thai, Chinese. */
			CHECK(trusted(&r, 0, "Thailand"));
			CHECK(trusted(&r, 0, "THAILAND"));
			CHECK(trusted(&r, 0, "Kingdom of Thailand"));
			CHECK(trusted(&r, 0, "TH"));
			CHECK(trusted(&r, 0, "ไทย"));
			CHECK(trusted(&r, 0, "泰国"));
			/* "Viet Nam.pub" is Viet Nam's, however written. */
			CHECK(trusted(&r, 1, "Vietnam"));
			CHECK(trusted(&r, 1, "Việt Nam"));
			CHECK(trusted(&r, 1, "VNM"));
			CHECK(!trusted(&r, 1, "Cambodia"));
		}
		CHECK(!trusted(&r, 0, "Viet Nam"));
		CHECK(trusted(&r, 1, "Viet Nam") && trusted(&r, 1, "VIET  NAM"));
		CHECK(!trusted(&r, 1, "Thailand"));
		CHECK(!trusted(&r, 1, NULL));
		CHECK(trusted(&r, 2, "Lao People's Democratic Republic"));
		CHECK(trusted(&r, 2, "lao"));
		/* "lao" is also the ISO code of Laos. */
		if (iso)
			CHECK(trusted(&r, 2, "Laos"));
	}
	sig_ring_free(&r);

	/* A broken key: the folder is refused, naming the file and line. */
	put(at("keys/broken.pub"), "untrusted comment: x\nRWQ!!!!\n", 0644);
	CHECK(!sig_ring_load_dir(&r, at("keys"), &d));
	CHECK_HAS(first(&d), "broken.pub:2: error: the public key: 7 characters");
	diag_list_clear(&d);
	sig_ring_free(&r);
	unlink(at("keys/broken.pub"));
	/* Writable by others: anyone could make a key trusted. */
	chmod(at("keys"), 0777);
	CHECK(!sig_ring_load_dir(&r, at("keys"), &d));
	CHECK_HAS(first(&d), "chmod go-w");
	diag_list_clear(&d);
	sig_ring_free(&r);
	chmod(at("keys"), 0755);
	chmod(at("keys/THA.pub"), 0666);
	CHECK(!sig_ring_load_dir(&r, at("keys"), &d));
	CHECK_HAS(first(&d), "THA.pub: error: others can write to it");
	diag_list_clear(&d);
	sig_ring_free(&r);
	/* No keys at all is a mistake too. */
	mkdir(at("nokeys"), 0755);
	CHECK(!sig_ring_load_dir(&r, at("nokeys"), &d));
	CHECK_HAS(first(&d), "no public key");
	diag_list_clear(&d);
	sig_ring_free(&r);

	sig_pubkey_free(&a);
	sig_pubkey_free(&b);
	sig_pubkey_free(&c);
	sig_seckey_destroy(ka);
	sig_seckey_destroy(kb);
	sig_seckey_destroy(kc);
	diag_list_free(&d);
}

static const char plan_text[] =
	"format: \"actionplan-plan/1\"\n"
	"questionnaire:\n  id: \"ariat-2000\"\n  version: 1\n"
	"status: \"final\"\nrevision: 3\n"
	"created: \"2000-01-01T00:00:00Z\"\nmodified: \"2000-01-01T00:00:00Z\"\n"
	"details:\n  country: \"Thailand\"\n";

static void
test_plan(void)
{
	diag_list d = DIAG_LIST_INIT;
	sig_ring r = SIG_RING_INIT;
	sig_pubkey pub = {0};
	sig_seckey *k = new_key(&pub);
	sig_plan_info info = {"ariat-2000", 1, 3, "Thailand"};
	sig_result res;
	char *path = at("thailand.yaml"), *sig_path = at("thailand.yaml.minisig");
	char *text, *comment, sha[65];
	size_t len;

	put(path, plan_text, 0600);
	mkdir(at("trusted"), 0755);
	put_key(at("trusted/Thailand.pub"), &pub, NULL, 0644);
	CHECK(sig_ring_load_dir(&r, at("trusted"), &d));

	/* Unsigned, then signed: the file's bytes are never changed. */
	sig_plan_check(path, plan_text, strlen(plan_text), NULL, &info, &r,
		       &res, &d);
	CHECK(res.status == SIG_UNSIGNED && d.n == 0);
	CHECK_MSG(sig_plan_sign_file(path, k, &d), "%s", first(&d));
	text = store_read_file(path, 4096, &len, &d);
	CHECK(text && len == strlen(plan_text) && !memcmp(text, plan_text, len));
	free(text);
	sig_plan_check(path, plan_text, strlen(plan_text), NULL, &info, &r,
		       &res, &d);
	CHECK_MSG(res.status == SIG_GOOD, "%s", first(&d));
	sig_sha256_hex(plan_text, strlen(plan_text), sha);
	CHECK_HAS(res.trusted ? res.trusted : "",
		  "questionnaire:ariat-2000\tversion:1\tcountry:Thailand\t"
		  "revision:3\tsha256:");
	CHECK_HAS(res.trusted ? res.trusted : "", sha);
	CHECK_HAS(res.trusted ? res.trusted : "", "\tfile:thailand.yaml");
	sig_result_free(&res);
	/* Without keys: unchecked, with the key id. */
	sig_plan_check(path, plan_text, strlen(plan_text), NULL, &info, NULL,
		       &res, &d);
	CHECK(res.status == SIG_UNCHECKED && res.id[0]);
	/* Another country: untrusted, naming both. */
	info.country = "Viet Nam";
	sig_plan_check(path, plan_text, strlen(plan_text), NULL, &info, &r,
		       &res, &d);
	CHECK(res.status == SIG_UNTRUSTED);
	CHECK_HAS(first(&d), "not trusted for Viet Nam");
	diag_list_clear(&d);
	info.country = "Thailand";
	/* A trusted comment that disagrees with the plan: bad, at line 3. */
	comment = sig_plan_comment(&(sig_plan_info){"ariat-2000", 1, 2,
						    "Thailand"},
				   sha, "t.yaml");
	text = sig_sign(k, plan_text, strlen(plan_text), "u", comment, &len, &d);
	put(sig_path, text, 0600);
	sig_plan_check(path, plan_text, strlen(plan_text), NULL, &info, &r,
		       &res, &d);
	CHECK(res.status == SIG_BAD && d.n > 0 && d.v[0].line == 3);
	CHECK_HAS(first(&d), "gives revision \"2\", but the plan has \"3\"");
	diag_list_clear(&d);
	free(text);
	free(comment);
	/* A plan that stores its country as {code, name} (the country type)
	 * names it by its code in the comment, which agrees with it. */
	if (country_db_default(NULL) != NULL) {
		static const char coded[] =
			"format: \"actionplan-plan/1\"\n"
			"questionnaire:\n  id: \"ariat-2000\"\n  version: 1\n"
			"status: \"final\"\nrevision: 3\n"
			"details:\n  country: {code: THA, name: Thailand}\n";
		sig_plan_info coded_info = {"ariat-2000", 1, 3, "THA"};

		put(path, coded, 0600);
		CHECK_MSG(sig_plan_sign_file(path, k, &d), "%s", first(&d));
		sig_plan_check(path, coded, strlen(coded), NULL, &coded_info,
			       &r, &res, &d);
		CHECK_MSG(res.status == SIG_GOOD, "%s", first(&d));
		CHECK_HAS(res.trusted ? res.trusted : "", "\tcountry:THA\t");
		sig_result_free(&res);
		diag_list_clear(&d);
		put(path, plan_text, 0600);
	}
	/* A draft is not signed. */
	{
		char draft[sizeof(plan_text) + 8];
		char *p;

		snprintf(draft, sizeof(draft), "%s", plan_text);
		p = strstr(draft, "final");
		memcpy(p, "draft", 5);
		CHECK(!sig_plan_sign_bytes(path, draft, strlen(draft), k, &d));
		CHECK_HAS(first(&d), "a draft cannot be signed");
		diag_list_clear(&d);
	}
	/* The lock: an editor holding the plan keeps sign off it. */
	{
		store_lock *lock = store_lock_acquire(path, &d);
		pid_t pid = fork();

		if (pid == 0) {
			diag_list cd = DIAG_LIST_INIT;
			bool ok = sig_plan_sign_file(path, k, &cd);

			_exit(!ok && cd.n > 0 && cd.v[0].sys_errno == EWOULDBLOCK
				      ? 0
				      : 1);
		}
		int status = 1;

		waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		store_lock_release(lock);
	}
	sig_ring_free(&r);
	sig_pubkey_free(&pub);
	sig_seckey_destroy(k);
	diag_list_free(&d);
}

int
main(int argc, char **argv)
{
	diag_list d = DIAG_LIST_INIT;
	const char *group = argc > 1 ? argv[1] : "";

	umask(022);
	if (!sig_init(&d) || mkdtemp(scratch) == NULL) {
		fprintf(stderr, "test-sig: cannot start\n");
		return 1;
	}
	if (!strcmp(group, "formats"))
		test_formats();
	else if (!strcmp(group, "hostile"))
		test_hostile();
	else if (!strcmp(group, "crypto"))
		test_crypto();
	else if (!strcmp(group, "passphrase"))
		test_passphrase();
	else if (!strcmp(group, "files"))
		test_files();
	else if (!strcmp(group, "ring"))
		test_ring();
	else if (!strcmp(group, "plan"))
		test_plan();
	else {
		fprintf(stderr, "test-sig: unknown group '%s'\n", group);
		return 2;
	}
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
		if (system(cmd) != 0)
			fprintf(stderr, "test-sig: %s left behind\n", scratch);
	}
	diag_list_free(&d);
	return unit_result();
}
