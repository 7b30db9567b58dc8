/* strindex, the project's one hash table: what is put is found, a second
 * put of the same key text replaces the entry (and the borrowed pointer),
 * absent keys are not found, and growing keeps every entry. */
#include <stdio.h>
#include <stdlib.h>

#include "../unit_check.h"
#include "strindex.h"

#define N 5000

int
main(void)
{
	strindex ix = STRINDEX_EMPTY;
	static char keys[N][16];
	char again[16];
	size_t v = 0;

	CHECK(!strindex_get(&ix, "none", &v));
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "key-%zu", i);
		CHECK(strindex_put(&ix, keys[i], i));
	}
	CHECK(ix.n == N);
	CHECK(ix.n_slots >= 2 * N);
	for (size_t i = 0; i < N; i++)
		CHECK_MSG(strindex_get(&ix, keys[i], &v) && v == i,
			  "%s -> %zu", keys[i], v);
	CHECK(!strindex_get(&ix, "key-5000", &v));
	CHECK(!strindex_get(&ix, "", &v));
	/* The same text at another address replaces key and value. */
	snprintf(again, sizeof(again), "key-%d", 7);
	CHECK(strindex_put(&ix, again, 70000));
	CHECK(ix.n == N);
	CHECK(strindex_get(&ix, "key-7", &v) && v == 70000);
	for (size_t i = 0; i < ix.n_slots; i++)
		if (ix.slots[i].key && ix.slots[i].value == 70000)
			CHECK(ix.slots[i].key == again);
	strindex_free(&ix);
	CHECK(ix.n == 0 && ix.slots == NULL);
	CHECK(!strindex_get(&ix, "key-1", &v));
	strindex_free(&ix); /* twice is harmless */
	return unit_result();
}
