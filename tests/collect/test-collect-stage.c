/* The output folder replaced as a whole (collect_stage): by exchange and
 * by the two-rename fallback; a swap killed between the fallback's two
 * renames is finished by the next run (or undone when the new folder is
 * gone); collect's own leftovers (named and marked, not locked) are
 * removed and nothing else; a folder holding other files is refused; a
 * symbolic link to the output folder keeps pointing at the new output. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit_check.h"
#include "collect_int.h"

static char root[256];

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static bool
holds(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strcmp(buf, text) == 0;
}

/* The entries of folder path, sorted, joined with spaces. */
static void
entries(const char *path, char *out, size_t size)
{
	struct dirent **v;
	int n = scandir(path, &v, NULL, alphasort);
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(v[i]->d_name, ".") && strcmp(v[i]->d_name, ".."))
			len += (size_t)snprintf(out + len, size - len, "%s%s",
						len ? " " : "", v[i]->d_name);
		free(v[i]);
	}
	if (n >= 0)
		free(v);
}

/* One run: stage, write name=text into the staging folder, commit. */
static bool
run(const char *dir, const char *name, const char *text)
{
	diag_list d = DIAG_LIST_INIT;
	collect_stage *st = collect_stage_begin(dir, &d);
	char path[512];
	bool ok = false;

	if (st) {
		snprintf(path, sizeof(path), "%s/%s", collect_stage_path(st),
			 name);
		put(path, text);
		ok = collect_stage_commit(st, &d);
	}
	for (size_t i = 0; i < d.n; i++)
		printf("  (%s)\n", d.v[i].message);
	collect_stage_end(st);
	diag_list_free(&d);
	return ok;
}

static void
swaps(void)
{
	char dir[300], list[1024], path[400];

	snprintf(dir, sizeof(dir), "%s/a/out", root);
	CHECK_MSG(run(dir, "one.txt", "1"), "first run");
	snprintf(path, sizeof(path), "%s/one.txt", dir);
	CHECK_MSG(holds(path, "1"), "first output");
	CHECK_MSG(run(dir, "two.txt", "2"), "second run (exchange)");
	entries(dir, list, sizeof(list));
	CHECK_MSG(strcmp(list, ".actionplan-collect two.txt") == 0,
	      "after the exchange: %s", list);
	collect_stage_no_exchange = true;
	CHECK_MSG(run(dir, "three.txt", "3"), "third run (two renames)");
	collect_stage_no_exchange = false;
	entries(dir, list, sizeof(list));
	CHECK_MSG(strcmp(list, ".actionplan-collect three.txt") == 0,
	      "after the two renames: %s", list);
	snprintf(path, sizeof(path), "%s/a", root);
	entries(path, list, sizeof(list));
	CHECK_MSG(strcmp(list, "out") == 0, "beside out: %s", list);
}

static void
make_marked(const char *path, const char *file, const char *text)
{
	char p[512];

	mkdir(path, 0755);
	snprintf(p, sizeof(p), "%s/%s", path, COLLECT_MARKER);
	put(p, "actionplan-collect/1\n");
	snprintf(p, sizeof(p), "%s/%s", path, file);
	put(p, text);
}

/* Killed between the two renames: out is missing, .out.collect-X.old is
 * the old output, .out.collect-X the new one. */
static void
half_swaps(void)
{
	char base[300], p[512], list[1024], dir[400];

	snprintf(base, sizeof(base), "%s/b", root);
	mkdir(base, 0755);
	snprintf(dir, sizeof(dir), "%s/out", base);
	snprintf(p, sizeof(p), "%s/.out.collect-Abc123.old", base);
	make_marked(p, "old.txt", "old");
	snprintf(p, sizeof(p), "%s/.out.collect-Abc123", base);
	make_marked(p, "new.txt", "new");
	{
		diag_list d = DIAG_LIST_INIT;
		collect_stage *st = collect_stage_begin(dir, &d);

		/* The swap is finished before anything else: what the run
		 * compares with is the new output. */
		snprintf(p, sizeof(p), "%s/new.txt", dir);
		CHECK_MSG(st && holds(p, "new") && collect_stage_had_output(st),
		      "the half swap is not finished");
		collect_stage_end(st);
		diag_list_free(&d);
	}
	entries(base, list, sizeof(list));
	CHECK_MSG(strcmp(list, "out") == 0, "after finishing the swap: %s", list);

	/* The new folder gone: the old output comes back. */
	snprintf(base, sizeof(base), "%s/c", root);
	mkdir(base, 0755);
	snprintf(dir, sizeof(dir), "%s/out", base);
	snprintf(p, sizeof(p), "%s/.out.collect-Xyz789.old", base);
	make_marked(p, "old.txt", "old");
	CHECK_MSG(run(dir, "later.txt", "later"), "run after an undone swap");
	entries(base, list, sizeof(list));
	CHECK_MSG(strcmp(list, "out") == 0, "after undoing the swap: %s", list);
}

/* Only collect's own leftovers go: named and marked, and not locked by a
 * run still going. */
static void
leftovers(void)
{
	char base[300], dir[400], p[512], list[1024];
	int live;

	snprintf(base, sizeof(base), "%s/d", root);
	mkdir(base, 0755);
	snprintf(dir, sizeof(dir), "%s/out", base);
	snprintf(p, sizeof(p), "%s/.out.collect-dead01", base);
	make_marked(p, "x.txt", "killed run");
	snprintf(p, sizeof(p), "%s/.out.collect-live01", base);
	make_marked(p, "x.txt", "live run");
	live = open(p, O_RDONLY | O_DIRECTORY);
	CHECK_MSG(live >= 0 && flock(live, LOCK_EX) == 0, "lock the live one");
	snprintf(p, sizeof(p), "%s/.out.collect-nomark", base);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/.out.collect-nomark/mine.txt", base);
	put(p, "someone else's");
	/* Killed before marking its folder, a run leaves it empty. */
	snprintf(p, sizeof(p), "%s/.out.collect-empty1", base);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/.out.collect-toolongname", base);
	make_marked(p, "x.txt", "not a name collect makes");
	snprintf(p, sizeof(p), "%s/.other.collect-dead02", base);
	make_marked(p, "x.txt", "another folder's");
	CHECK_MSG(run(dir, "out.txt", "out"), "run among leftovers");
	entries(base, list, sizeof(list));
	CHECK_MSG(strcmp(list, ".other.collect-dead02 .out.collect-live01 "
			   ".out.collect-nomark .out.collect-toolongname out") ==
		      0,
	      "after the run: %s", list);
	close(live);
}

static void
refusals_and_links(void)
{
	char base[300], dir[400], p[512], list[1024];
	diag_list d = DIAG_LIST_INIT;
	collect_stage *st;

	snprintf(base, sizeof(base), "%s/e", root);
	snprintf(dir, sizeof(dir), "%s/mine", base);
	mkdir(base, 0755);
	mkdir(dir, 0755);
	snprintf(p, sizeof(p), "%s/letter.odt", dir);
	put(p, "mine");
	st = collect_stage_begin(dir, &d);
	CHECK_MSG(st == NULL && d.n == 1 &&
		      strstr(d.v[0].message, "(letter.odt)") != NULL,
	      "a folder of other files was taken");
	collect_stage_end(st);
	diag_list_free(&d);
	entries(base, list, sizeof(list));
	CHECK_MSG(strcmp(list, "mine") == 0, "beside a refused folder: %s", list);

	/* A link to the output folder: the folder it names is replaced,
	 * the link stays and leads to the new output. */
	snprintf(dir, sizeof(dir), "%s/real", base);
	CHECK_MSG(run(dir, "r.txt", "1"), "run into real");
	snprintf(p, sizeof(p), "%s/link", base);
	CHECK_MSG(symlink("real", p) == 0, "symlink");
	CHECK_MSG(run(p, "r.txt", "2"), "run through the link");
	snprintf(p, sizeof(p), "%s/link/r.txt", base);
	CHECK_MSG(holds(p, "2"), "the link does not lead to the new output");
	{
		struct stat s;

		snprintf(p, sizeof(p), "%s/link", base);
		CHECK_MSG(lstat(p, &s) == 0 && S_ISLNK(s.st_mode),
		      "the link was replaced");
	}
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[300];

	snprintf(root, sizeof(root), "%s/ap-stage-XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	swaps();
	half_swaps();
	leftovers();
	refusals_and_links();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("could not remove %s\n", root);
	return unit_result();
}
