/* Fuzz target: the signature and key parsers (src/sign). Any input is
 * read as a signature file, a public key file and a secret key file: each
 * is taken or refused with a problem, messages are inert text, what is
 * taken reads back the same after being written again, and a signature
 * taken is verified (never good: no key made it) without crashing. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sig.h"

/* One fixed key: signatures are checked against it, and against a key
 * with the signature's own id, so that the Ed25519 code runs too. */
static const sig_pubkey *
fixed_key(void)
{
	static sig_pubkey k;
	static bool made;

	if (!made) {
		memcpy(k.id, "fuzzkey!", SIG_ID_BYTES);
		for (int i = 0; i < SIG_PK_BYTES; i++)
			k.pk[i] = (unsigned char)(i * 7 + 1);
		made = true;
	}
	return &k;
}

static void
as_signature(const uint8_t *data, size_t size)
{
	diag_list diags = DIAG_LIST_INIT;
	sig_signature s = {0};
	size_t bad = 0;

	if (!sig_signature_parse("fuzz.minisig", (const char *)data, size, &s,
				 &diags)) {
		if (diags.n_errors == 0)
			fuzz_fail("a signature refused without an error");
	} else {
		sig_pubkey same = *fixed_key();

		if (diags.n != 0)
			fuzz_fail("a signature taken with a problem");
		if (!fuzz_text_inert(s.trusted, strlen(s.trusted), "\t", &bad))
			fuzz_fail("a trusted comment with a control character "
				  "at %zu was taken", bad);
		if (strchr(s.untrusted, '\n') || strchr(s.untrusted, '\r'))
			fuzz_fail("an untrusted comment holds a line end");
		if (sig_verify(&s, fixed_key(), data, size, "f", &diags) !=
		    SIG_VERIFY_OTHER_KEY &&
		    memcmp(s.id, fixed_key()->id, SIG_ID_BYTES) != 0)
			fuzz_fail("a signature of another key id was checked");
		memcpy(same.id, s.id, SIG_ID_BYTES);
		if (sig_verify(&s, &same, data, size, "f", &diags) ==
		    SIG_VERIFY_GOOD)
			fuzz_fail("a signature verified with a key nobody has");
	}
	fuzz_check_diags(&diags, "signature parser");
	sig_signature_free(&s);
	diag_list_free(&diags);
}

static void
as_keys(const uint8_t *data, size_t size)
{
	diag_list diags = DIAG_LIST_INIT;
	sig_pubkey k = {0}, back = {0};
	sig_seckey *sk;

	if (sig_pubkey_parse("fuzz.pub", (const char *)data, size, &k,
			     &diags)) {
		size_t len = 0;
		char *text = sig_pubkey_format(&k, NULL, &len);

		if (text == NULL ||
		    !sig_pubkey_parse("again.pub", text, len, &back, &diags) ||
		    memcmp(back.id, k.id, SIG_ID_BYTES) != 0 ||
		    memcmp(back.pk, k.pk, SIG_PK_BYTES) != 0)
			fuzz_fail("a public key does not read back as written");
		free(text);
	} else if (diags.n_errors == 0) {
		fuzz_fail("a public key refused without an error");
	}
	/* Parsed only: unlocking would run scrypt (seconds a try). */
	sk = sig_seckey_parse("fuzz.key", (const char *)data, size, &diags);
	if (sk == NULL && diags.n_errors == 0)
		fuzz_fail("a secret key refused without an error");
	fuzz_check_diags(&diags, "key parsers");
	sig_seckey_destroy(sk);
	sig_pubkey_free(&k);
	sig_pubkey_free(&back);
	diag_list_free(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_signature(data, size);
	as_keys(data, size);
	return 0;
}
