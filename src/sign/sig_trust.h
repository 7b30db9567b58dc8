/* Trusted public keys and the countries each is trusted for: a
 * coordinator's folder of keys (collect --keys DIR, verify --keys DIR), or
 * one key given alone (verify --key PUB), trusted for any country.
 *
 * The rule for a folder (README "Signing plans"): every regular file named
 * NAME.pub in it (not in subfolders; names starting with '.' skipped) is a
 * trusted key. It is trusted for the country NAME names, and for the one
 * its untrusted comment names after "country:" (as in "untrusted comment:
 * minisign public key 4A1B... country: Thailand"). A name that means one
 * country of ISO 3166-1 (its code, THA or TH, or any of its names in
 * English, Thai, Vietnamese or Chinese, as engine/country.h matches them)
 * stands for that country, however a plan names it; any other name stands
 * for itself, compared as collect compares countries (textfold: NFKC,
 * case-folded, spaces collapsed). A folder or key file that others can
 * write to is refused: whoever can write there could make their own key
 * trusted. */
#ifndef AP_SIG_TRUST_H
#define AP_SIG_TRUST_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "sig.h"

/* One trusted key. Everything owned by the ring. */
typedef struct sig_trusted {
	char *file;        /* the key's file, as given */
	sig_pubkey key;
	char **countries;  /* names (sig_country_key) and ISO codes (THA) */
	size_t n_countries, cap_countries;
	bool any_country;  /* given alone: trusted whatever the country */
} sig_trusted;

typedef struct sig_ring {
	sig_trusted *v;
	size_t n;
	size_t cap;
} sig_ring;

#define SIG_RING_INIT {NULL, 0, 0}

/* Adds the key in path, trusted for any country. */
bool
sig_ring_add_any(sig_ring *r, const char *path, diag_list *diags);

/* Adds every key of the folder dir by the rule above, in the order of
 * their names. False, with every problem (file:line), when the folder
 * cannot be read, is not safe, or a key file is broken: a coordinator must
 * know that a key was not taken. A folder without keys is a problem too. */
bool
sig_ring_load_dir(sig_ring *r, const char *dir, diag_list *diags);

void
sig_ring_free(sig_ring *r);

/* True when t is trusted for the country a plan names (its answer as
 * stored: a name, or an ISO code). */
bool
sig_trusted_for(const sig_trusted *t, const char *named);

/* True when two country names (or codes) mean the same country: the same
 * folded text, or the same ISO 3166-1 country ("THA", "Thailand",
 * "ไทย"). */
bool
sig_same_country(const char *a, const char *b);

/* The key a country name is compared by: textfold (NFKC, case-folded,
 * spaces collapsed, trimmed); "" for text that is not UTF-8. collect
 * groups plans by the same key, so "trusted for Thailand" means the plans
 * collect calls Thailand. malloc'd, or NULL when out of memory. */
char *
sig_country_key(const char *name);

#endif
