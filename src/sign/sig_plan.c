/* Plans and their signatures: the trusted comment that says what was
 * signed, signing a plan file beside itself (under the plan's lock), and
 * checking a plan against a ring of trusted keys. */
#include "sig_plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "intl.h"
#include "itype.h"
#include "planio.h"
#include "sbuf.h"
#include "store.h"
#include "ydoc.h"

/* A field of the trusted comment is cut here (at a character boundary):
 * the whole line must stay under minisign's 8192 bytes. */
#define FIELD_MAX 1024

const char *
sig_status_word(sig_status s)
{
	switch (s) {
	case SIG_UNSIGNED: return "unsigned";
	case SIG_UNCHECKED: return "unchecked";
	case SIG_GOOD: return "good";
	case SIG_UNTRUSTED: return "untrusted";
	case SIG_BAD: return "bad";
	}
	return "bad";
}

const char *
sig_status_msgid(sig_status s)
{
	switch (s) {
	case SIG_UNSIGNED: return N_("not signed");
	case SIG_UNCHECKED: return N_("signed, not checked (no keys given)");
	case SIG_GOOD: return N_("good signature");
	case SIG_UNTRUSTED: return N_("signed by a key not trusted for the "
				      "country");
	case SIG_BAD: return N_("bad signature");
	}
	return N_("bad signature");
}

const char *
sig_status_text(sig_status s)
{
	return _(sig_status_msgid(s));
}

void
sig_result_free(sig_result *r)
{
	free(r->trusted);
	r->trusted = NULL;
}

/* text on one line, printable, cut to FIELD_MAX bytes at a character. */
static void
add_field(sbuf *b, const char *key, const char *text)
{
	sbuf one = SBUF_INIT;
	size_t n;

	export_one_line(&one, text ? text : "", text ? strlen(text) : 0);
	n = one.len;
	if (n > FIELD_MAX) {
		n = FIELD_MAX;
		while (n > 0 && ((unsigned char)one.s[n] & 0xc0) == 0x80)
			n--;
	}
	if (b->len > 0)
		sbuf_char(b, '\t');
	sbuf_printf(b, "%s:", key);
	sbuf_add(b, one.s ? one.s : "", n);
	if (one.failed)
		sbuf_fail(b, one.err);
	sbuf_free(&one);
}

char *
sig_plan_comment(const sig_plan_info *info, const char *sha256,
		 const char *file_name)
{
	sbuf b = SBUF_INIT;
	char num[32];

	add_field(&b, "questionnaire", info->qn_id);
	snprintf(num, sizeof(num), "%ld", info->qn_version);
	add_field(&b, "version", num);
	add_field(&b, "country", info->country);
	snprintf(num, sizeof(num), "%lu", info->revision);
	add_field(&b, "revision", num);
	add_field(&b, "sha256", sha256);
	add_field(&b, "file", file_name);
	return sbuf_take(&b, NULL);
}

/* One field of the trusted comment disagrees with the plan. */
static bool
differs(const char *sig_path, const char *key, const char *said,
	const char *actual, diag_list *diags)
{
	diag_add(diags, DIAG_ERROR, sig_path, 3, 0, NULL,
		 _("the trusted comment gives %s \"%s\", but the plan has "
		   "\"%s\""),
		 key, said, actual ? actual : "");
	return false;
}

/* What the trusted comment says, where it says it, must be what the plan
 * and its bytes are. Comments of other tools (minisign's "timestamp:")
 * say none of it and are left alone. */
static bool
comment_agrees(const char *comment, const sig_plan_info *info,
	       const char *sha256, const char *sig_path, diag_list *diags)
{
	char *copy = strdup(comment), *save = NULL, num[32];
	bool ok = true;

	if (copy == NULL) {
		diag_add_errno(diags, sig_path, ENOMEM, "%s",
			       _("out of memory"));
		return false;
	}
	for (char *f = strtok_r(copy, "\t", &save); f && ok;
	     f = strtok_r(NULL, "\t", &save)) {
		char *v = strchr(f, ':');

		if (v == NULL)
			continue;
		*v++ = '\0';
		if (!strcmp(f, "sha256") && strcasecmp(v, sha256) != 0) {
			ok = differs(sig_path, f, v, sha256, diags);
		} else if (!strcmp(f, "questionnaire") && info->qn_id &&
			   strcmp(v, info->qn_id) != 0) {
			ok = differs(sig_path, f, v, info->qn_id, diags);
		} else if (!strcmp(f, "version")) {
			snprintf(num, sizeof(num), "%ld", info->qn_version);
			if (strcmp(v, num) != 0)
				ok = differs(sig_path, f, v, num, diags);
		} else if (!strcmp(f, "revision")) {
			snprintf(num, sizeof(num), "%lu", info->revision);
			if (strcmp(v, num) != 0)
				ok = differs(sig_path, f, v, num, diags);
		} else if (!strcmp(f, "country") && v[0] != '\0' &&
			   !sig_same_country(v, info->country)) {
			ok = differs(sig_path, f, v, info->country, diags);
		}
	}
	free(copy);
	return ok;
}

/* Reads and parses the signature file; false with out->status set (and
 * why in diags) when there is nothing to verify. */
static bool
read_signature(const char *sig_path, sig_signature *sig, sig_result *out,
	       diag_list *diags)
{
	diag_list d = DIAG_LIST_INIT;
	size_t slen = 0;
	char *text = store_read_file(sig_path, SIG_FILE_MAX, &slen, &d);
	bool ok = false;

	if (text == NULL) {
		out->status = d.n > 0 && d.v[0].sys_errno == ENOENT
				      ? SIG_UNSIGNED
				      : SIG_BAD;
		if (out->status == SIG_BAD)
			diag_list_move(diags, &d);
	} else if (!sig_signature_parse(sig_path, text, slen, sig, diags)) {
		out->status = SIG_BAD;
	} else {
		sig_id_hex(sig->id, out->id);
		ok = true;
	}
	free(text);
	diag_list_free(&d);
	return ok;
}

/* Verifies sig with the ring's keys of its id: the first that verifies
 * and is trusted for the country wins. */
static void
verify_ring(const sig_signature *sig, const void *data, size_t len,
	    const char *sig_path, const sig_plan_info *info,
	    const sig_ring *ring, sig_result *out, diag_list *diags)
{
	diag_list bad = DIAG_LIST_INIT;
	const sig_trusted *other = NULL;
	const char *named = info ? info->country : NULL;
	bool any = false;

	out->status = SIG_UNTRUSTED;
	for (size_t i = 0; i < ring->n && out->key == NULL; i++) {
		const sig_trusted *t = &ring->v[i];
		sig_verify_result v = sig_verify(sig, &t->key, data, len,
						 sig_path, &bad);

		any = any || v != SIG_VERIFY_OTHER_KEY;
		if (v != SIG_VERIFY_GOOD)
			continue;
		if (sig_trusted_for(t, named))
			out->key = t;
		else if (other == NULL)
			other = t;
	}
	if (out->key != NULL) {
		out->status = SIG_GOOD;
	} else if (other != NULL) {
		out->key = other;
		diag_add(diags, DIAG_ERROR, sig_path, 0, 0, NULL,
			 _("good signature by key %s (%s), but that key is not "
			   "trusted for %s"),
			 out->id, other->file,
			 named && named[0]
				 ? itype_country_name(named,
						      i18n_ui_language())
				 : _("a plan without a country"));
	} else if (any) {
		out->status = SIG_BAD;
		diag_list_move(diags, &bad);
	} else {
		diag_add(diags, DIAG_ERROR, sig_path, 2, 0, NULL,
			 _("signed by key %s, which is not among the trusted "
			   "keys"),
			 out->id);
	}
	diag_list_free(&bad);
}

void
sig_plan_check(const char *name, const void *data, size_t len,
	       const char *sig_path, const sig_plan_info *info,
	       const sig_ring *ring, sig_result *out, diag_list *diags)
{
	sig_signature sig = {.untrusted = NULL, .trusted = NULL};
	char *own = NULL, sha[65];

	memset(out, 0, sizeof(*out));
	if (!sig_init(diags)) {
		out->status = SIG_BAD;
		return;
	}
	if (sig_path == NULL) {
		sbuf p = SBUF_INIT;

		sbuf_printf(&p, "%s%s", name, SIG_SUFFIX);
		sig_path = own = sbuf_take(&p, NULL);
		if (own == NULL) {
			diag_add_errno(diags, name, ENOMEM, "%s",
				       _("out of memory"));
			out->status = SIG_BAD;
			return;
		}
	}
	if (!read_signature(sig_path, &sig, out, diags))
		goto out;
	if (ring == NULL) {
		out->status = SIG_UNCHECKED;
		goto out;
	}
	verify_ring(&sig, data, len, sig_path, info, ring, out, diags);
	if (out->status != SIG_GOOD)
		goto out;
	sig_sha256_hex(data, len, sha);
	if (info != NULL && !comment_agrees(sig.trusted, info, sha, sig_path, diags)) {
		out->status = SIG_BAD;
		goto out;
	}
	out->trusted = sig.trusted;
	sig.trusted = NULL;
out:
	sig_signature_free(&sig);
	free(own);
}

bool
sig_plan_sign_bytes(const char *path, const char *data, size_t len,
		    const sig_seckey *k, diag_list *diags)
{
	planio_header h = {0};
	sig_pubkey pub = {.comment = NULL};
	yd_node *root = yd_parse_buffer(path, data, len, NULL, diags);
	sbuf b = SBUF_INIT;
	char *comment = NULL, *text = NULL, *sig_path = NULL, sha[65];
	char id[SIG_ID_HEX];
	const char *base = strrchr(path, '/');
	size_t tlen = 0;
	bool ok = false;

	if (root == NULL || !planio_read_header(path, root, &h, diags))
		goto out;
	if (h.status != PLAN_FINAL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "%s",
			 _("a draft cannot be signed: a signature says that "
			   "the plan is final (finish it, or export it with "
			   "--format yaml)"));
		goto out;
	}
	sig_sha256_hex(data, len, sha);
	/* The header gives a country stored as {code, name} by its code,
	 * which names it without doubt. */
	comment = sig_plan_comment(&(sig_plan_info){h.qn_id, h.qn_version,
						    h.revision, h.country},
				   sha, base ? base + 1 : path);
	if (comment == NULL || !sig_seckey_public(k, &pub))
		goto oom;
	sig_id_hex(pub.id, id);
	sbuf_printf(&b, "signature by actionplan key %s", id);
	text = sig_sign(k, data, len, sbuf_cstr(&b), comment, &tlen, diags);
	sbuf_reset(&b);
	sbuf_printf(&b, "%s%s", path, SIG_SUFFIX);
	sig_path = sbuf_take(&b, NULL);
	if (text == NULL)
		goto out;
	if (sig_path == NULL)
		goto oom;
	ok = store_write_atomic(sig_path, text, tlen, diags);
	goto out;
oom:
	diag_add_errno(diags, path, ENOMEM, "%s", _("out of memory"));
out:
	sbuf_free(&b);
	sig_pubkey_free(&pub);
	free(comment);
	free(text);
	free(sig_path);
	planio_header_free(&h);
	yd_free(root);
	return ok;
}

bool
sig_plan_sign_file(const char *path, const sig_seckey *k, diag_list *diags)
{
	store_lock *lock = store_lock_acquire(path, diags);
	size_t len = 0;
	char *data;
	bool ok;

	if (lock == NULL)
		return false;
	data = store_read_file(path, yd_default_limits.max_bytes, &len, diags);
	ok = data != NULL && sig_plan_sign_bytes(path, data, len, k, diags);
	free(data);
	store_lock_release(lock);
	return ok;
}
