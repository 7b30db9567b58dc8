/* Proves the bytes a plan file gets (compared with a golden file), that a
 * save writes exactly the serialized bytes and reads back, and that a plan
 * that would not read back is refused with the old file left untouched. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan.h"
#include "planio.h"
#include "ptest.h"

static const qn *q;

static size_t
item(const char *id)
{
	return (size_t)ptest_item(q, id);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		s = realloc(s, n + 65536 + 1);
		size_t r = fread(s + n, 1, 65536, f);

		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	s[n] = '\0';
	*len = n;
	return s;
}

static plan *
full_plan(void)
{
	plan *p = plan_create(q);
	const char *areas[] = {"c", "a"}, *summary[] = {"z", "yes", "x"};

	plan_set_value(p, item("country"), "Viet Nam");
	plan_set_value(p, item("date"), "2000-01");
	plan_set_value(p, item("language"), "vi");
	plan_set_value(p, item("contact"), "ana@example.org");
	plan_set_value(p, item("intro"),
		       "First paragraph, ti\xe1\xba\xbfng Vi\xe1\xbb\x87t.\n"
		       "\n"
		       "* a bullet\n"
		       "* another: yes\n");
	plan_set_value(p, item("law"), "no");
	plan_set_explanation(p, item("law"), "No law yet.\nA bill is drafted.");
	plan_set_value(p, item("law.name"), "kept in a draft while hidden");
	plan_set_value(p, item("level"), "high");
	plan_set_value(p, item("level.high"), "  indented\nstart");
	plan_set_values(p, item("areas"), areas, 2);
	plan_set_value(p, item("areas.b"), "hidden, kept");
	plan_set_values(p, item("summary"), summary, 3);
	plan_set_explanation(p, item("summary"), "Trailing newlines\n\n");
	plan_set_value(p, item("start"), "2000-01-31");
	plan_set_value(p, item("note"), "yes");
	return p;
}

static void
golden(void)
{
	diag_list d = DIAG_LIST_INIT;
	char path[4096];
	plan *p = full_plan();
	size_t len, glen = 0;
	char *got = planio_serialize(p, &len, &d);
	char *want;

	snprintf(path, sizeof(path), "%s/tests/plan/golden-full.yaml",
		 ptest_source_root());
	want = slurp(path, &glen);
	CHECK_MSG(got != NULL, "serialize");
	CHECK_MSG(want != NULL, "read %s", path);
	if (got != NULL && want != NULL)
		CHECK_MSG(len == glen && memcmp(got, want, len) == 0,
		      "differs from %s; got:\n%s", path, got);
	if (got != NULL && getenv("PLAN_GOLDEN_WRITE") != NULL) {
		FILE *f = fopen(path, "wb");

		fwrite(got, 1, len, f);
		fclose(f);
	}
	/* An empty plan and a final one. */
	free(got);
	free(want);
	plan_destroy(p);
	p = plan_create(q);
	p->status = PLAN_FINAL;
	p->revision = 12;
	got = planio_serialize(p, &len, &d);
	CHECK_MSG(got != NULL &&
	      strcmp(got, "format: \"actionplan-plan/1\"\n"
			  "questionnaire:\n"
			  "  id: \"plan-test\"\n"
			  "  version: 3\n"
			  "status: \"final\"\n"
			  "revision: 12\n"
			  "created: \"2000-01-01T00:00:00Z\"\n"
			  "modified: \"2000-01-01T00:00:00Z\"\n") == 0,
	      "empty final plan:\n%s", got);
	free(got);
	p->created[0] = '\0';
	p->modified[0] = '\0';
	got = planio_serialize(p, &len, &d);
	CHECK_MSG(got != NULL && strstr(got, "created") == NULL &&
	      strstr(got, "modified") == NULL, "no empty times:\n%s", got);
	free(got);
	CHECK_MSG(d.n == 0, "no problems");
	plan_destroy(p);
	diag_list_free(&d);
}

static void
save_and_refuse(void)
{
	diag_list d = DIAG_LIST_INIT;
	char dir[] = "/tmp/plan-save-XXXXXX";
	char path[256], *bytes, *disk, *s;
	size_t len, dlen = 0;
	plan *p = full_plan(), *back;

	CHECK_MSG(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(path, sizeof(path), "%s/plan.yaml", dir);
	CHECK_MSG(planio_save(p, path, &d), "save");
	bytes = planio_serialize(p, &len, &d);
	disk = slurp(path, &dlen);
	CHECK_MSG(disk != NULL && dlen == len && memcmp(disk, bytes, len) == 0,
	      "the file holds the serialized bytes");
	back = planio_load(path, q, &d);
	s = ptest_diags(&d);
	CHECK_MSG(back != NULL && plan_equal_answers(p, back) &&
	      strcmp(back->created, p->created) == 0, "load back:\n%s", s);
	free(s);
	plan_destroy(back);
	free(disk);

	/* A CR put in behind the setters' back would read back as LF: the
	 * save must refuse, and the old file stay as it was. */
	free(p->answers[item("note")].value);
	p->answers[item("note")].value = strdup("a\rb");
	CHECK_MSG(!planio_save(p, path, &d), "CR refused");
	CHECK_MSG(d.n == 1 && strstr(d.v[0].message, "internal error: the saved "
				 "plan would not read back") != NULL &&
	      strcmp(d.v[0].file, path) == 0, "reason given");
	diag_list_clear(&d);
	disk = slurp(path, &dlen);
	CHECK_MSG(disk != NULL && dlen == len && memcmp(disk, bytes, len) == 0,
	      "old file untouched");
	free(disk);
	plan_set_value(p, item("note"), "fine");

	/* So must a timestamp the loader would refuse. */
	snprintf(p->modified, sizeof(p->modified), "%s", "yesterday");
	CHECK_MSG(!planio_save(p, path, &d) && d.n == 2 &&
	      strstr(d.v[0].message, "would not read back") != NULL &&
	      strstr(d.v[1].message, "modified: expected a time") != NULL,
	      "bad time refused, with the reader's reason");
	diag_list_clear(&d);
	plan_touch(p, -1);

	/* A folder that does not exist: the store's reason comes through. */
	snprintf(path, sizeof(path), "%s/missing/plan.yaml", dir);
	CHECK_MSG(!planio_save(p, path, &d) && d.n_errors > 0, "no folder");
	diag_list_clear(&d);

	snprintf(path, sizeof(path), "%s/plan.yaml", dir);
	unlink(path);
	rmdir(dir);
	free(bytes);
	plan_destroy(p);
	diag_list_free(&d);
}

int
main(void)
{
	qn *qq = ptest_load_qn();

	q = qq;
	golden();
	save_and_refuse();
	qn_destroy(qq);
	return unit_result();
}
