/* The one hash table: an index from strings to numbers (open addressing,
 * FNV-1a), for questionnaire items by id and collect's countries by key.
 * The keys are borrowed: each must stay valid, unchanged, while the index
 * holds it (strindex_put with the same key text replaces the pointer). */
#ifndef AP_STRINDEX_H
#define AP_STRINDEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strindex_slot {
	const char *key; /* NULL: empty */
	size_t value;
} strindex_slot;

/* Embedded in its owner; all zero (STRINDEX_EMPTY) is a valid empty index. */
typedef struct strindex {
	strindex_slot *slots;
	size_t n_slots; /* 0 or a power of two */
	size_t n;
} strindex;

#define STRINDEX_EMPTY {NULL, 0, 0}

/* Frees the slots (not the keys) and leaves the index empty. */
void
strindex_free(strindex *ix);

/* Maps key to value, replacing (key pointer and value) an entry with the
 * same key text. False when out of memory (the index is unchanged). */
bool
strindex_put(strindex *ix, const char *key, size_t value);

/* True and *value set when key is in the index. */
bool
strindex_get(const strindex *ix, const char *key, size_t *value);

#endif
