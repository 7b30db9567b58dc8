/* Proves that the plan loader survives thousands of damaged plan files:
 * each one either loads (and then saves and loads back to the same plan) or
 * is refused with at least one error; never a crash or a silent NULL. Run
 * it under AddressSanitizer to catch memory errors too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "planio.h"
#include "ptest.h"

#define ROUNDS 4000

static uint32_t seed = 12345;

static uint32_t
rnd(uint32_t n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

static const char pieces[][8] = {
	":", "-", "[", "]", "{", "}", "\"", "'", "\n", " ", "#", "|", ">",
	"&a", "*a", "!t", "%", "@", "`", ",", "?", "~", "\t", "\\", "0",
	"yes", "null", "\n  ", "\n    ", "\xc3\xa9", "\xe0\xb8\x9c",
	"\xf0\x9f\x98\x80", "\xff", "\r", "x", "- ",
};

static char *
mutate(const char *src, size_t len, size_t *out_len)
{
	char *buf = malloc(len * 2 + 256);
	size_t n = len;
	int edits = 1 + (int)rnd(4);

	memcpy(buf, src, len);
	for (int e = 0; e < edits && n > 0; e++) {
		size_t at = rnd((uint32_t)n);

		switch (rnd(4)) {
		case 0: /* delete a few bytes */
		{
			size_t k = 1 + rnd(8);

			if (at + k > n)
				k = n - at;
			memmove(buf + at, buf + at + k, n - at - k);
			n -= k;
			break;
		}
		case 1: /* insert a piece */
		{
			const char *pc = pieces[rnd(sizeof(pieces) /
						    sizeof(pieces[0]))];
			size_t k = strlen(pc);

			if (n + k > len * 2 + 200)
				break;
			memmove(buf + at + k, buf + at, n - at);
			memcpy(buf + at, pc, k);
			n += k;
			break;
		}
		case 2: /* overwrite a byte */
			buf[at] = pieces[rnd(sizeof(pieces) /
					     sizeof(pieces[0]))][0];
			break;
		default: /* duplicate a line */
		{
			size_t s = at, t = at;

			while (s > 0 && buf[s - 1] != '\n')
				s--;
			while (t < n && buf[t] != '\n')
				t++;
			if (t < n)
				t++;
			if (n + (t - s) > len * 2 + 200)
				break;
			memmove(buf + t + (t - s), buf + t, n - t);
			memcpy(buf + t, buf + s, t - s);
			n += t - s;
			break;
		}
		}
	}
	buf[n] = '\0';
	*out_len = n;
	return buf;
}

int
main(void)
{
	qn *q = ptest_load_qn();
	char path[4096];
	FILE *f;
	char src[65536];
	size_t len;
	int loaded = 0, refused = 0;

	snprintf(path, sizeof(path), "%s/tests/plan/golden-full.yaml",
		 ptest_source_root());
	f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		return 1;
	}
	len = fread(src, 1, sizeof(src) - 1, f);
	fclose(f);
	src[len] = '\0';

	for (int r = 0; r < ROUNDS; r++) {
		diag_list d = DIAG_LIST_INIT;
		size_t n;
		char *in = mutate(src, len, &n);
		plan *p = planio_load_buffer("m.yaml", in, n, q, &d);

		if (p == NULL) {
			refused++;
			CHECK_MSG(d.n_errors > 0, "round %d: refused silently:\n%s",
			      r, in);
		} else {
			size_t l1, l2;
			char *b1 = planio_serialize(p, &l1, &d);
			plan *back = b1 ? planio_load_buffer("b.yaml", b1, l1,
							    q, &d)
					: NULL;
			char *b2 = back ? planio_serialize(back, &l2, &d)
					: NULL;

			loaded++;
			CHECK_MSG(d.n == 0, "round %d: loaded with problems", r);
			CHECK_MSG(back != NULL && plan_equal_answers(p, back),
			      "round %d: does not read back:\n%s", r, in);
			CHECK_MSG(b2 != NULL && l1 == l2 && memcmp(b1, b2, l1) == 0,
			      "round %d: bytes differ", r);
			free(b1);
			free(b2);
			plan_destroy(back);
		}
		plan_destroy(p);
		diag_list_free(&d);
		free(in);
	}
	CHECK_MSG(loaded > 100 && refused > 100, "mix: %d loaded, %d refused",
	      loaded, refused);
	printf("%d loaded, %d refused\n", loaded, refused);
	qn_destroy(q);
	return unit_result();
}
