/* Proves how plan_migrate carries answers to a newer questionnaire version:
 * renamed, split and unnamed-but-same-id items move with their
 * explanations and "does not apply"; what the new item cannot hold (an
 * answer of another kind, a line break in a one-line item, a choice it
 * does not offer, an explanation it does not take, "does not apply" it
 * does not allow, a second answer for one item) is listed per old item
 * and nothing else is lost; every moved answer but the roles' is marked
 * carried over from the right revision; a final plan gives its next
 * revision, a draft keeps its own; and a plan of another version or
 * questionnaire is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "plan_migrate.h"
#include "ptest.h"

static const char v1[] =
	"format: actionplan-questionnaire/1\n"
	"id: mig\nversion: 1\ntitle: M\nlanguage: en\n"
	"roles: {country: country}\n"
	"sections:\n"
	"  - id: d\n    title: D\n    details: true\n    items:\n"
	"      - {id: country, title: Country, type: line}\n"
	"  - id: s\n    title: S\n    items:\n"
	"      - {id: a, number: '1', title: A, type: text}\n"
	"      - {id: b, number: '2', title: B, type: text}\n"
	"      - {id: c, number: '3', title: C, type: yesno, explain: true}\n"
	"      - {id: d, number: '4', title: D, type: multi, choices: "
	"[{id: x, label: X}, {id: y, label: Y}]}\n"
	"      - {id: e, number: '5', title: E, type: text}\n"
	"      - {id: f, number: '6', title: F, type: text, "
	"allow_not_applicable: true}\n"
	"      - {id: g, number: '7', title: G, type: text}\n"
	"      - {id: h, number: '8', title: H, type: text}\n";

/* a renamed to a2; b split into b1 and b2 (a line item); c to a yes/no
 * without explain; d to a multi without y; e dropped; f kept, no longer
 * allowing "does not apply"; g and h both reach h (g by a rule, so h's
 * own answer has no place); a new item n. */
static const char v2[] =
	"format: actionplan-questionnaire/1\n"
	"id: mig\nversion: 2\ntitle: M\nlanguage: en\n"
	"roles: {country: country}\n"
	"migrate_from:\n  version: 1\n  items:\n"
	"    a: a2\n    b: [b1, b2]\n    e: drop\n    g: h\n"
	"sections:\n"
	"  - id: d\n    title: D\n    details: true\n    items:\n"
	"      - {id: country, title: Country, type: line}\n"
	"  - id: s\n    title: S\n    items:\n"
	"      - {id: a2, number: '1', title: A, type: text}\n"
	"      - {id: b1, number: '2', title: B, type: text}\n"
	"      - {id: b2, number: '2b', title: B2, type: line}\n"
	"      - {id: c, number: '3', title: C, type: yesno}\n"
	"      - {id: d, number: '4', title: D, type: multi, choices: "
	"[{id: x, label: X}]}\n"
	"      - {id: f, number: '6', title: F, type: text}\n"
	"      - {id: h, number: '8', title: H, type: text}\n"
	"      - {id: n, number: '9', title: N, type: text}\n";

static qn *
load(const char *text)
{
	diag_list d = DIAG_LIST_INIT;
	qn *q = qn_load_buffer("q.yaml", text, strlen(text), &d);

	if (q == NULL) {
		char *s = ptest_diags(&d);

		fprintf(stderr, "%s", s);
		free(s);
		exit(1);
	}
	diag_list_free(&d);
	return q;
}

static size_t
at(const qn *q, const char *id)
{
	return (size_t)ptest_item(q, id);
}

/* The reasons listed for old item id, joined by " | ". */
static void
reasons(const plan_drops *d, const qn *q, const char *id, char *out,
	size_t size)
{
	out[0] = '\0';
	for (size_t k = 0; k < d->n; k++) {
		if (d->v[k].item != at(q, id))
			continue;
		if (out[0] != '\0')
			strncat(out, " | ", size - strlen(out) - 1);
		strncat(out, d->v[k].why, size - strlen(out) - 1);
	}
}

int
main(void)
{
	qn *q1 = load(v1), *q2 = load(v2);
	plan *old = plan_create(q1), *p, *again;
	plan_drops d = PLAN_DROPS_INIT;
	const char *xy[] = {"x", "y"};
	char why[1024];

	CHECK(plan_set_value(old, at(q1, "country"), "Thailand"));
	CHECK(plan_set_value(old, at(q1, "a"), "Text of a."));
	CHECK(plan_set_value(old, at(q1, "b"), "Line one.\nLine two."));
	CHECK(plan_set_value(old, at(q1, "c"), "no"));
	CHECK(plan_set_explanation(old, at(q1, "c"), "Why not."));
	CHECK(plan_set_values(old, at(q1, "d"), xy, 2));
	CHECK(plan_set_value(old, at(q1, "e"), "Dropped words."));
	CHECK(plan_set_not_applicable(old, at(q1, "f"), "No reason."));
	CHECK(plan_set_value(old, at(q1, "g"), "Text of g."));
	CHECK(plan_set_value(old, at(q1, "h"), "Text of h."));
	old->status = PLAN_FINAL;
	old->revision = 3;

	p = plan_migrate(old, q2, &d);
	CHECK(p != NULL);
	if (p == NULL)
		return unit_result();
	CHECK(p->status == PLAN_DRAFT && p->revision == 4 && p->has_base &&
	      p->base_revision == 3);
	CHECK_STR(p->answers[at(q2, "a2")].value, "Text of a.");
	CHECK_STR(p->answers[at(q2, "b1")].value, "Line one.\nLine two.");
	CHECK(p->answers[at(q2, "b2")].value == NULL);
	CHECK_STR(p->answers[at(q2, "c")].value, "no");
	CHECK(p->answers[at(q2, "d")].n_values == 1 &&
	      strcmp(p->answers[at(q2, "d")].values[0], "x") == 0);
	CHECK(!plan_answered(p, at(q2, "f")));
	CHECK_STR(p->answers[at(q2, "h")].value, "Text of g.");
	CHECK(!plan_answered(p, at(q2, "n")));
	CHECK(p->answers[at(q2, "a2")].carried &&
	      p->answers[at(q2, "a2")].carried_from == 3 &&
	      p->answers[at(q2, "b1")].carried && p->answers[at(q2, "h")].carried);
	CHECK_STR(p->answers[at(q2, "country")].value, "Thailand");
	CHECK(!p->answers[at(q2, "country")].carried);

	reasons(&d, q1, "b", why, sizeof(why));
	CHECK_STR(why, "the answer does not fit item b2");
	reasons(&d, q1, "c", why, sizeof(why));
	CHECK_STR(why, "item c takes no explanation");
	reasons(&d, q1, "d", why, sizeof(why));
	CHECK_STR(why, "a choice that item d does not offer");
	reasons(&d, q1, "e", why, sizeof(why));
	CHECK_STR(why, "version 2 has no place for it");
	reasons(&d, q1, "f", why, sizeof(why));
	CHECK_STR(why, "item f cannot be marked as not applying");
	reasons(&d, q1, "h", why, sizeof(why));
	CHECK_STR(why, "version 2 has no place for it");
	reasons(&d, q1, "a", why, sizeof(why));
	CHECK_STR(why, "");
	plan_drops_free(&d);

	/* A draft keeps its revision; a carried answer keeps its origin. */
	old->status = PLAN_DRAFT;
	CHECK(plan_mark_carried(old, at(q1, "a"), 2));
	again = plan_migrate(old, q2, &d);
	CHECK(again != NULL && again->revision == 3 && !again->has_base &&
	      again->answers[at(q2, "a2")].carried_from == 2 &&
	      again->answers[at(q2, "b1")].carried_from == 3);
	plan_drops_free(&d);
	plan_destroy(again);

	/* Only from the version migrate_from names. */
	CHECK(plan_migrate(p, q2, &d) == NULL);
	CHECK(plan_migrate(old, q1, &d) == NULL);
	plan_drops_free(&d);

	plan_destroy(p);
	plan_destroy(old);
	qn_destroy(q1);
	qn_destroy(q2);
	return unit_result();
}
