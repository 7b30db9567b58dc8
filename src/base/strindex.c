/* An index from strings to numbers (see strindex.h). Kept at most half
 * full, so a probe ends after a few slots. */
#include "strindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot holding key, or the empty slot where it would go. */
static strindex_slot *
probe(strindex_slot *slots, size_t n_slots, const char *key)
{
	size_t mask = n_slots - 1, i = hash(key) & mask;

	while (slots[i].key != NULL && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & mask;
	return &slots[i];
}

static bool
grow(strindex *ix)
{
	size_t n = ix->n_slots ? ix->n_slots * 2 : 16;
	strindex_slot *slots;

	if (n == 0 || n > SIZE_MAX / sizeof(*slots))
		return false;
	slots = calloc(n, sizeof(*slots));
	if (slots == NULL)
		return false;
	for (size_t i = 0; i < ix->n_slots; i++)
		if (ix->slots[i].key != NULL)
			*probe(slots, n, ix->slots[i].key) = ix->slots[i];
	free(ix->slots);
	ix->slots = slots;
	ix->n_slots = n;
	return true;
}

void
strindex_free(strindex *ix)
{
	free(ix->slots);
	ix->slots = NULL;
	ix->n_slots = 0;
	ix->n = 0;
}

bool
strindex_put(strindex *ix, const char *key, size_t value)
{
	strindex_slot *s;

	if ((ix->n + 1) * 2 > ix->n_slots && !grow(ix))
		return false;
	s = probe(ix->slots, ix->n_slots, key);
	if (s->key == NULL)
		ix->n++;
	s->key = key;
	s->value = value;
	return true;
}

bool
strindex_get(const strindex *ix, const char *key, size_t *value)
{
	const strindex_slot *s;

	if (ix->n_slots == 0)
		return false;
	s = probe(ix->slots, ix->n_slots, key);
	if (s->key == NULL)
		return false;
	*value = s->value;
	return true;
}
