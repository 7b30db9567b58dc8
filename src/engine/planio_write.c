/* Plan files written: a deterministic serializer on libyaml's emitter
 * (planio.h has the layout: keys in questionnaire order, one style per
 * kind of value), so that the same plan always gives the same bytes. */
#include "planio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "i18n.h"
#include "itype.h"
#include "planio_int.h"
#include "sbuf.h"
#include "store.h"
#include "utext.h"
#include "yemit.h"

static void
emit_answer(yemit *em, const qn_item *it, const plan_answer *a)
{
	if (it->explain)
		yemit_map(em, true);
	if (itype_is_many(it) && a->n_values > 0) {
		if (it->explain)
			yemit_key(em, "value");
		yemit_seq(em, true, YAML_FLOW_SEQUENCE_STYLE);
		for (size_t i = 0; i < a->n_values; i++)
			yemit_string(em, a->values[i]);
		yemit_seq(em, false, YAML_FLOW_SEQUENCE_STYLE);
	} else if (!itype_is_many(it) && a->value != NULL) {
		if (it->explain)
			yemit_key(em, "value");
		if (itype_of(it)->write)
			itype_of(it)->write(em, it, a->value);
		else if (itype_of(it)->input == ITYPE_TEXT)
			yemit_text(em, a->value);
		else
			yemit_string(em, a->value);
	}
	if (it->explain) {
		if (a->explanation != NULL) {
			yemit_key(em, "explanation");
			yemit_text(em, a->explanation);
		}
		yemit_map(em, false);
	}
}

/* An answer worth writing: what the item's kind can hold. */
static bool
has_answer(const qn_item *it, const plan_answer *a)
{
	if (itype_is_many(it) ? a->n_values > 0 : a->value != NULL)
		return true;
	return it->explain && a->explanation != NULL;
}

static void
emit_group(yemit *em, const plan *p, bool details)
{
	const qn *q = p->qn;
	bool any = false;

	for (size_t i = 0; i < q->n_items; i++) {
		const qn_item *it = &q->items[i];

		if (q->sections[it->section].details != details ||
		    !has_answer(it, &p->answers[i]))
			continue;
		if (!any) {
			yemit_key(em, details ? "details" : "answers");
			yemit_map(em, true);
			any = true;
		}
		yemit_key(em, it->id);
		emit_answer(em, it, &p->answers[i]);
	}
	if (any)
		yemit_map(em, false);
}

char *
planio_serialize(const plan *p, size_t *len, diag_list *diags)
{
	sbuf out = SBUF_INIT;
	yemit em;
	char *data = NULL;
	char format[64];

	if (!yemit_start(&em, &out)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, _("out of memory"));
		return NULL;
	}
	yemit_map(&em, true);
	/* Format 1 while it can say everything: older readers read it. */
	snprintf(format, sizeof(format), FORMAT_PREFIX "%d",
		 plan_has_marks(p) ? PLAN_FORMAT_VERSION : 1);
	yemit_key(&em, "format");
	yemit_string(&em, format);
	yemit_key(&em, "questionnaire");
	yemit_map(&em, true);
	yemit_key(&em, "id");
	yemit_string(&em, p->qn->id);
	yemit_key(&em, "version");
	yemit_ulong(&em, (unsigned long)p->qn->version);
	yemit_map(&em, false);
	yemit_key(&em, "status");
	yemit_string(&em, p->status == PLAN_FINAL ? "final" : "draft");
	yemit_key(&em, "revision");
	yemit_ulong(&em, p->revision);
	planio_marks_write_base(&em, p);
	if (p->created[0] != '\0') {
		yemit_key(&em, "created");
		yemit_string(&em, p->created);
	}
	if (p->modified[0] != '\0') {
		yemit_key(&em, "modified");
		yemit_string(&em, p->modified);
	}
	emit_group(&em, p, true);
	emit_group(&em, p, false);
	planio_marks_write(&em, p);
	yemit_map(&em, false);

	if (yemit_end_document(&em) && !out.failed && out.len > 0)
		data = sbuf_take(&out, len);
	if (data == NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot write the plan: %s"),
			 out.failed || em.e.error == YAML_MEMORY_ERROR
				 ? _("out of memory")
			 : em.e.problem ? em.e.problem
					: _("the YAML emitter failed"));
		if (len != NULL)
			*len = 0;
	}
	sbuf_free(&out);
	yemit_release(&em);
	return data;
}

char *
planio_encode(const plan *p, const char *name, size_t *len,
	      diag_list *diags)
{
	diag_list reread = DIAG_LIST_INIT;
	plan *back = NULL;
	char *data;

	data = planio_serialize(p, len, diags);
	if (data == NULL)
		goto out;
	/* A plan that would not read back is worse than an old file: check
	 * before replacing anything. */
	back = planio_load_buffer(name, data, *len, p->qn, &reread);
	if (back == NULL && diag_out_of_memory(&reread)) {
		/* Not a bug of the writer: the check could not be made. */
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
			 _("cannot write the plan: %s"), _("out of memory"));
		free(data);
		data = NULL;
	} else if (back == NULL || !plan_equal_answers(p, back) ||
	    strcmp(p->created, back->created) != 0 ||
	    strcmp(p->modified, back->modified) != 0) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, NULL,
			 _("internal error: the saved plan would not read back"));
		/* What the reader said helps a bug report. */
		diag_list_move(diags, &reread);
		free(data);
		data = NULL;
	}
out:
	plan_destroy(back);
	diag_list_free(&reread);
	return data;
}

bool
planio_save(const plan *p, const char *path, diag_list *diags)
{
	size_t len = 0;
	char *data = planio_encode(p, path, &len, diags);
	bool ok = data != NULL && store_write_atomic(path, data, len, diags);

	free(data);
	return ok;
}
