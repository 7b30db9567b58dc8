/* Fuzz target: the text export (and the YAML export) of any plan that
 * loads. The text must be valid UTF-8 without control characters other
 * than '\n', no line wider than the wrap column (except a line holding one
 * character cluster that is wider by itself), no trailing spaces, one
 * final '\n'; the YAML export must load again as a final plan, with
 * the next revision for a draft (never wrapping round to 0). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fuzz.h"
#include "planio.h"
#include "utext.h"

/* True when the line, less its indentation and a bullet or number, is one
 * character cluster: utext_wrap gives a cluster wider than the column a
 * line of its own, and no layout can do better. */
static bool
one_cluster(const char *s, size_t len)
{
	size_t pos = 0;

	while (pos < len && s[pos] == ' ')
		pos++;
	if (pos + 1 < len && (s[pos] == '*' || s[pos] == '-') &&
	    s[pos + 1] == ' ')
		pos += 2;
	return pos < len && utext_cluster_end(s, len, pos) == len;
}

static void
check_text(const char *t, size_t len, size_t width, const char *what)
{
	size_t bad = 0, pos = 0;

	if (strlen(t) != len)
		fuzz_fail("%s: NUL byte in the text export", what);
	if (!fuzz_text_inert(t, len, "\n", &bad))
		fuzz_fail("%s: control character or bad UTF-8 at byte %zu",
			  what, bad);
	if (len == 0 || t[len - 1] != '\n' || (len > 1 && t[len - 2] == '\n'))
		fuzz_fail("%s: the text must end with exactly one newline",
			  what);
	while (pos < len) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t end = (size_t)(nl - t), w;

		w = utext_width(t + pos, end - pos, utext_width_default);
		if (w > width && !one_cluster(t + pos, end - pos))
			fuzz_fail("%s: line %.*s is %zu columns wide (> %zu)",
				  what, (int)(end - pos), t + pos, w, width);
		if (end > pos && t[end - 1] == ' ')
			fuzz_fail("%s: trailing space on line %.*s", what,
				  (int)(end - pos), t + pos);
		pos = end + 1;
	}
}

static void
export_all(const plan *p, size_t size)
{
	diag_list diags = DIAG_LIST_INIT;
	/* Every option set, none left to chance (an option left unset once
	 * read as 224 for a bool: caught by UBSan in CI's fuzzing). */
	export_options eo = {.draft = false, .width = 0, .bilingual = false};
	char *t;
	size_t len = 0, width = 3 + size % 70;

	for (int draft = 0; draft < 2; draft++) {
		eo.draft = draft;
		eo.width = 0;
		/* The bilingual export on the input's parity. */
		eo.bilingual = size % 2 == 1;
		t = export_text(p, &eo, &len, &diags);
		if (t == NULL)
			fuzz_fail("export_text failed");
		check_text(t, len, 72, draft ? "draft export" : "export");
		free(t);
	}
	/* A narrow column too, chosen by the input's size. */
	eo.draft = true;
	eo.width = width;
	t = export_text(p, &eo, &len, &diags);
	if (t == NULL)
		fuzz_fail("export_text failed at width %zu", width);
	check_text(t, len, width, "narrow export");
	free(t);

	t = export_yaml(p, &len, &diags);
	if (p->status != PLAN_FINAL && p->revision == ULONG_MAX) {
		/* The next revision cannot be written: refused. */
		if (t != NULL || diags.n_errors == 0)
			fuzz_fail("export_yaml raised revision %lu",
				  p->revision);
		goto out;
	}
	if (t == NULL)
		fuzz_fail("export_yaml failed");
	{
		plan *back = planio_load_buffer("export.yaml", t, len, p->qn,
						&diags);

		if (back == NULL)
			fuzz_fail("the YAML export does not load again: %s\n%s",
				  diags.n ? diags.v[0].message : "?", t);
		/* A draft gets the next revision, a final plan keeps its
		 * own (even 0, which only a hand-made file has). */
		if (back->status != PLAN_FINAL ||
		    back->revision != p->revision +
					      (p->status != PLAN_FINAL))
			fuzz_fail("the YAML export is not final with the right "
				  "revision:\n%s", t);
		plan_destroy(back);
	}
	free(t);
out:
	fuzz_check_diags(&diags, "export");
	diag_list_free(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list diags = DIAG_LIST_INIT;
	plan *p = planio_load_buffer("fuzz.yaml", (const char *)data, size,
				     fuzz_ariat(), &diags);

	if (p != NULL)
		export_all(p, size);
	plan_destroy(p);
	diag_list_free(&diags);
	return 0;
}
