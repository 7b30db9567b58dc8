/* What collect records of each file it takes: SHA-256, size and the
 * signature beside it, checked with the coordinator's trusted keys when
 * collect was given some; and why a plan is refused for its signature. */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first problem as "FILE:LINE: message", for a reason on one line. */
static void
first_problem(sbuf *b, const diag_list *d)
{
	const diag *p = d->n > 0 ? &d->v[0] : NULL;

	if (p == NULL)
		return;
	sbuf_str(b, ": ");
	if (p->file)
		sbuf_str(b, p->file);
	if (p->file && p->line > 0)
		sbuf_printf(b, ":%lu", p->line);
	sbuf_printf(b, "%s%s", p->file ? ": " : "", p->message);
}

char *
collect_sig_check(const sig_ring *ring, bool require, const char *path,
		  const char *data, size_t len, const plan *p,
		  collect_sig *out, bool *oom)
{
	diag_list d = DIAG_LIST_INIT;
	sig_result r;
	sbuf b = SBUF_INIT;
	char *why = NULL;

	sig_sha256_hex(data, len, out->sha256);
	out->size = len;
	sig_plan_check(path, data, len, NULL,
		       &(sig_plan_info){p->qn->id, p->qn->version, p->revision,
					plan_country(p)},
		       ring, &r, &d);
	out->status = r.status;
	memcpy(out->key_id, r.id, sizeof(out->key_id));
	if (ring != NULL && r.status == SIG_BAD) {
		sbuf_str(&b, _("bad signature"));
	} else if (ring != NULL && r.status == SIG_UNTRUSTED) {
		sbuf_str(&b, _("signed by a key that is not trusted for this "
			       "country"));
	} else if (ring != NULL && require && r.status == SIG_UNSIGNED) {
		sbuf_printf(&b, _("not signed (no %s%s), and signatures are "
				  "required"),
			    path, SIG_SUFFIX);
	} else {
		goto out;
	}
	first_problem(&b, &d);
	why = sbuf_take(&b, NULL);
	if (why == NULL)
		*oom = true;
out:
	/* Also a problem that memory ran out while reporting (a missing
	 * signature file then reads as a bad one). */
	if (diag_out_of_memory(&d))
		*oom = true;
	sbuf_free(&b);
	sig_result_free(&r);
	diag_list_free(&d);
	return why;
}

int
collect_sig_rank(const collect_sig *sig)
{
	return sig->status == SIG_GOOD;
}

const char *
collect_sig_text(const collect_lang *lg, sig_status s)
{
	return collect_tr(lg, sig_status_msgid(s));
}
