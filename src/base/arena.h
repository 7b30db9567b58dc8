/* An arena: memory for many small pieces that all live as long as the arena
 * and are released together by arena_destroy, never one by one.
 *
 * For bulk data that is kept to the end: collect holds every plan's text at
 * once (about the size of its input). From malloc, each 4 KiB of it is a page
 * fault, and on a virtual machine a fault costs microseconds: 10,000 of them
 * for 40 MB. The arena takes its memory from the kernel in large blocks and
 * asks for transparent huge pages (2 MiB) where the system allows them; where
 * it does not, the blocks are ordinary pages and nothing is lost.
 *
 * Thread-safe: pieces may be taken from several threads at once. In a build
 * with AddressSanitizer every piece is a malloc of its own, so that the
 * sanitizer still sees the bounds of each. */
#ifndef AP_ARENA_H
#define AP_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* A new, empty arena; NULL when out of memory. */
arena *
arena_create(void);

/* Releases the arena and every piece taken from it. NULL is a no-op. */
void
arena_destroy(arena *a);

/* n bytes, aligned for any type, valid until arena_destroy; NULL when n is
 * 0 or over SIZE_MAX / 2, or when memory runs out. */
void *
arena_alloc(arena *a, size_t n);

/* Bytes held from the system (for tests and measurement). */
size_t
arena_held(const arena *a);

#endif
