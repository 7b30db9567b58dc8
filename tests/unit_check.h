/* The checks of the small C unit tests: each failed check prints where it
 * is and what was expected, and is counted; main returns unit_result().
 * Header only. */
#ifndef AP_TEST_UNIT_CHECK_H
#define AP_TEST_UNIT_CHECK_H

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
			failures++;                                       \
		}                                                         \
	} while (0)

/* The same with a printf message after the condition, for checks whose
 * failure needs the values to be understood. */
#define CHECK_MSG(cond, ...)                                              \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s: ",      \
				__FILE__, __LINE__, #cond);               \
			fprintf(stderr, __VA_ARGS__);                     \
			fputc('\n', stderr);                              \
			failures++;                                       \
		}                                                         \
	} while (0)

/* got (NULL counts as a failure) must be want, byte for byte. Inline, as
 * not every test compares strings. */
static inline void
check_str(const char *file, int line, const char *got, const char *want)
{
	if (got == NULL || strcmp(got, want) != 0) {
		fprintf(stderr, "%s:%d: got\n%s\n%s:%d: want\n%s\n", file,
			line, got ? got : "(NULL)", file, line, want);
		failures++;
	}
}
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, (got), (want))

/* main's exit status. */
static inline int
unit_result(void)
{
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}

/* A test program's named groups: runs the one named by argv[1], or all
 * without an argument. Returns how many ran (0: an unknown name). */
typedef struct unit_group {
	const char *name;
	void (*fn)(void);
} unit_group;

static inline int
unit_run_groups(int argc, char **argv, const unit_group *g, size_t n)
{
	int ran = 0;

	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && strcmp(argv[1], g[i].name) != 0)
			continue;
		g[i].fn();
		ran++;
	}
	if (!ran)
		fprintf(stderr, "unknown group\n");
	return ran;
}

#endif
