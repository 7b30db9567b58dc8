/* Signed plans: the signature of a plan file is PLAN.yaml.minisig beside
 * it, made over the file's bytes (which signing never changes), with a
 * trusted comment that names what was signed:
 *
 *   questionnaire:ariat-2000<TAB>version:1<TAB>country:Thailand<TAB>
 *   revision:3<TAB>sha256:<64 hex digits><TAB>file:thailand-2000-01.yaml
 *
 * Checking a plan gives one status: good (by a key trusted for the plan's
 * country), bad, unsigned, untrusted, or unchecked (no keys given). */
#ifndef AP_SIG_PLAN_H
#define AP_SIG_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "sig.h"
#include "sig_trust.h"

typedef enum {
	SIG_UNSIGNED,  /* no PLAN.minisig */
	SIG_UNCHECKED, /* signed, but no keys were given to check it */
	SIG_GOOD,      /* by a key trusted for the plan's country */
	SIG_UNTRUSTED, /* by a key unknown, or not trusted for the country */
	SIG_BAD,       /* broken, or the plan or the comment was changed */
} sig_status;

/* The status as submissions.yaml records it ("good", "bad", "unsigned",
 * "untrusted", "unchecked"): never translated. */
const char *
sig_status_word(sig_status s);

/* The status in words for people (translated): "good signature". */
const char *
sig_status_text(sig_status s);

/* The same untranslated (the msgid), for outputs in a language of their
 * own (collect --lang). */
const char *
sig_status_msgid(sig_status s);

/* What a plan says about itself, for its trusted comment and for checking
 * that comment against the plan. Borrowed strings; country may be NULL. */
typedef struct sig_plan_info {
	const char *qn_id;
	long qn_version;
	unsigned long revision;
	const char *country;
} sig_plan_info;

/* The outcome of checking a plan's signature. */
typedef struct sig_result {
	sig_status status;
	char id[SIG_ID_HEX];    /* the signature's key id; "" when unknown */
	const sig_trusted *key; /* the key that verified it (good, and
				 * untrusted for another country); borrowed
				 * from the ring */
	char *trusted;          /* the trusted comment when verified; owned */
} sig_result;

void
sig_result_free(sig_result *r);

/* Checks the signature of the plan whose bytes are data[0..len), read
 * from name, with the signature in sig_path (NULL: name + ".minisig").
 * ring NULL: no keys (unchecked when signed). With a ring the signature
 * must verify with a key of the same id that is trusted for the plan's
 * country (info->country), and what its trusted comment says must agree
 * with info and with the file's SHA-256. info NULL (the file is not a
 * plan): only a key trusted for any country can make it good, and the
 * comment is not compared. Why it is bad or untrusted is appended to
 * diags (file:line of the signature). */
void
sig_plan_check(const char *name, const void *data, size_t len,
	       const char *sig_path, const sig_plan_info *info,
	       const sig_ring *ring, sig_result *out, diag_list *diags);

/* The trusted comment of a plan (above); malloc'd or NULL. */
char *
sig_plan_comment(const sig_plan_info *info, const char *sha256,
		 const char *file_name);

/* Signs the bytes data[0..len) that path holds (or is about to hold) and
 * writes path + ".minisig" atomically. The bytes must be a final plan
 * (its header gives the trusted comment). The caller holds the plan's
 * lock. */
bool
sig_plan_sign_bytes(const char *path, const char *data, size_t len,
		    const sig_seckey *k, diag_list *diags);

/* Takes the lock of the plan at path (refused with EWOULDBLOCK when an
 * editor holds it), reads it and signs it as above. The plan file is only
 * read. */
bool
sig_plan_sign_file(const char *path, const sig_seckey *k, diag_list *diags);

#endif
