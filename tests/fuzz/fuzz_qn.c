/* Fuzz target: the questionnaire loader. A questionnaire that loads is then
 * used as front ends use it: an empty plan of it is validated, exported as
 * text and serialized, and references are looked up. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fuzz.h"
#include "planio.h"
#include "validate.h"

static void
use_questionnaire(const qn *q)
{
	diag_list diags = DIAG_LIST_INIT;
	val_list problems = VAL_LIST_INIT;
	export_options eo = {.draft = true, .width = 0};
	plan *p = plan_create(q), *back = NULL;
	char *text = NULL, *yaml = NULL;
	size_t len = 0, ylen = 0, bad = 0;

	if (p == NULL)
		fuzz_fail("plan_create failed on a loaded questionnaire");
	validate_plan(p, true, &problems);
	for (size_t i = 0; i < problems.n; i++)
		if (!fuzz_text_inert(problems.v[i].message,
				     strlen(problems.v[i].message), "", &bad))
			fuzz_fail("validation message holds a control "
				  "character: %s", problems.v[i].message);
	text = export_text(p, &eo, &len, &diags);
	if (text == NULL)
		fuzz_fail("export_text failed on an empty plan");
	if (!fuzz_text_inert(text, len, "\n", &bad))
		fuzz_fail("text export holds a control character at %zu", bad);
	yaml = planio_serialize(p, &ylen, &diags);
	if (yaml == NULL)
		fuzz_fail("an empty plan cannot be serialized");
	back = planio_load_buffer("empty.yaml", yaml, ylen, q, &diags);
	if (back == NULL || !plan_equal_answers(p, back))
		fuzz_fail("an empty plan does not load back:\n%s", yaml);
	for (size_t i = 0; i < q->n_items; i++)
		if (qn_find_ref(q, q->items[i].id) != (long)i)
			fuzz_fail("item %s not found by its id",
				  q->items[i].id);
	(void)qn_find_ref(q, "P6");
	(void)qn_find_ref(q, "prev 6");
	(void)qn_find_ref(q, "");
	fuzz_check_diags(&diags, "questionnaire use");
	free(text);
	free(yaml);
	plan_destroy(back);
	plan_destroy(p);
	val_list_free(&problems);
	diag_list_free(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list diags = DIAG_LIST_INIT;
	qn *q = qn_load_buffer("fuzz-qn.yaml", (const char *)data, size,
			       &diags);

	if (q == NULL && diags.n_errors == 0)
		fuzz_fail("qn_load_buffer failed without an error");
	fuzz_check_diags(&diags, "questionnaire loader");
	if (q != NULL)
		use_questionnaire(q);
	qn_destroy(q);
	diag_list_free(&diags);
	return 0;
}
