/* Fuzz target: the plan loader (parse, header, answers) against the ARIAT
 * questionnaire, and load -> serialize -> load giving the same plan and
 * serialize giving the same bytes again. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "planio.h"
#include "validate.h"
#include "ydoc.h"

/* A plan that loaded must survive a round trip through its own bytes. */
static void
round_trip(const plan *p)
{
	diag_list diags = DIAG_LIST_INIT;
	char *first = NULL, *second = NULL;
	size_t n1 = 0, n2 = 0;
	plan *back = NULL;

	first = planio_serialize(p, &n1, &diags);
	if (first == NULL)
		fuzz_fail("a loaded plan cannot be serialized: %s",
			  diags.n ? diags.v[0].message : "(no message)");
	if (strlen(first) != n1)
		fuzz_fail("serialized plan holds a NUL byte");
	back = planio_load_buffer("reloaded", first, n1, p->qn, &diags);
	if (back == NULL)
		fuzz_fail("the serialized plan does not load again: %s\n%s",
			  diags.n ? diags.v[0].message : "(no message)", first);
	if (!plan_equal_answers(p, back))
		fuzz_fail("load -> serialize -> load changed the plan:\n%s",
			  first);
	second = planio_serialize(back, &n2, &diags);
	if (second == NULL)
		fuzz_fail("the reloaded plan cannot be serialized");
	if (n1 != n2 || memcmp(first, second, n1) != 0)
		fuzz_fail("serialize of the reloaded plan gave other bytes:\n"
			  "--- first\n%s--- second\n%s", first, second);
	free(first);
	free(second);
	plan_destroy(back);
	diag_list_free(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const qn *q = fuzz_ariat();
	diag_list diags = DIAG_LIST_INIT;
	val_list problems = VAL_LIST_INIT;
	planio_header h;
	yd_node *root;
	plan *p = NULL;

	root = yd_parse_buffer("fuzz.yaml", (const char *)data, size, NULL,
			       &diags);
	if (root == NULL) {
		if (diags.n_errors == 0)
			fuzz_fail("yd_parse_buffer failed without an error");
		goto out;
	}
	memset(&h, 0, sizeof(h));
	if (planio_read_header("fuzz.yaml", root, &h, &diags))
		planio_header_free(&h);
	p = planio_from_tree("fuzz.yaml", root, q, &diags);
	if (p == NULL) {
		if (diags.n_errors == 0)
			fuzz_fail("planio_from_tree failed without an error");
		goto out;
	}
	round_trip(p);
	/* Validation messages are shown to people too. */
	validate_plan(p, p->status == PLAN_FINAL, &problems);
	for (size_t i = 0; i < problems.n; i++) {
		size_t bad;

		if (!fuzz_text_inert(problems.v[i].message,
				     strlen(problems.v[i].message), "", &bad))
			fuzz_fail("validation message holds a control "
				  "character: %s", problems.v[i].message);
	}
out:
	fuzz_check_diags(&diags, "plan loader");
	val_list_free(&problems);
	plan_destroy(p);
	yd_free(root);
	diag_list_free(&diags);
	return 0;
}
