/* The arena: pieces are apart, aligned and kept until the end, from any
 * number of threads; a piece larger than a block works; sizes that cannot
 * be met are refused. */
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit_check.h"
#include "arena.h"

#define THREADS 4
#define PIECES 20000

typedef struct {
	arena *a;
	int id;
	unsigned char *p[PIECES];
	size_t n[PIECES];
	int failed;
} worker;

/* Sizes 1..300 in a fixed pattern, so that pieces straddle blocks. */
static size_t
piece_size(int id, size_t i)
{
	return 1 + (i * 37 + (size_t)id * 11) % 300;
}

static void *
fill(void *arg)
{
	worker *w = arg;

	for (size_t i = 0; i < PIECES; i++) {
		w->n[i] = piece_size(w->id, i);
		w->p[i] = arena_alloc(w->a, w->n[i]);
		if (w->p[i] == NULL ||
		    (uintptr_t)w->p[i] % alignof(max_align_t) != 0) {
			w->failed++;
			continue;
		}
		memset(w->p[i], w->id * 16 + (int)(i % 16), w->n[i]);
	}
	return NULL;
}

/* Every byte of every piece still holds what its owner wrote: pieces
 * overlapping each other would have overwritten one another. */
static void
check_kept(const worker *w)
{
	for (size_t i = 0; i < PIECES; i++) {
		unsigned char want = (unsigned char)(w->id * 16 + (int)(i % 16));

		if (w->p[i] == NULL)
			continue;
		for (size_t k = 0; k < w->n[i]; k++)
			if (w->p[i][k] != want) {
				CHECK_MSG(0, "thread %d piece %zu byte %zu",
					  w->id, i, k);
				return;
			}
	}
}

static void
test_threads(void)
{
	static worker w[THREADS];
	pthread_t t[THREADS];
	arena *a = arena_create();
	size_t asked = 0;

	CHECK(a != NULL);
	if (a == NULL)
		return;
	for (int i = 0; i < THREADS; i++) {
		w[i].a = a;
		w[i].id = i;
		CHECK(pthread_create(&t[i], NULL, fill, &w[i]) == 0);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++) {
		CHECK_MSG(w[i].failed == 0, "thread %d: %d pieces missing or "
			  "misaligned", i, w[i].failed);
		check_kept(&w[i]);
		for (size_t k = 0; k < PIECES; k++)
			asked += w[i].n[k];
	}
	/* Held from the system: at least what was asked for, and not much
	 * more (the rounding of each piece and of the last blocks). */
	CHECK_MSG(arena_held(a) >= asked, "held %zu, asked %zu",
		  arena_held(a), asked);
	CHECK_MSG(arena_held(a) <= 2 * asked + ((size_t)16 << 20),
		  "held %zu for %zu asked", arena_held(a), asked);
	arena_destroy(a);
}

static void
test_big_and_limits(void)
{
	arena *a = arena_create();
	unsigned char *small1, *big, *small2;
	size_t big_n = (size_t)20 << 20; /* larger than a block */

	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK(arena_held(a) == 0);
	small1 = arena_alloc(a, 10);
	big = arena_alloc(a, big_n);
	small2 = arena_alloc(a, 10);
	CHECK(small1 != NULL && big != NULL && small2 != NULL);
	if (small1 && big && small2) {
		memset(small1, 1, 10);
		memset(big, 2, big_n);
		memset(small2, 3, 10);
		CHECK(small1[9] == 1 && big[0] == 2 && big[big_n - 1] == 2 &&
		      small2[0] == 3);
		CHECK(arena_held(a) >= big_n + 20);
	}
	/* Nothing, and sizes no block can have. */
	CHECK(arena_alloc(a, 0) == NULL);
	CHECK(arena_alloc(a, SIZE_MAX) == NULL);
	CHECK(arena_alloc(a, SIZE_MAX - 4096) == NULL);
	CHECK(arena_alloc(a, SIZE_MAX / 2 + 1) == NULL);
	/* Still usable after a refusal. */
	small1 = arena_alloc(a, 100);
	CHECK(small1 != NULL);
	if (small1)
		memset(small1, 4, 100);
	arena_destroy(a);
	arena_destroy(NULL);
}

int
main(void)
{
	test_threads();
	test_big_and_limits();
	return unit_result();
}
