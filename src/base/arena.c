/* Arena: a list of blocks, the newest one filled from the front. Blocks are
 * mapped 2 MiB-aligned and advised for huge pages; a piece too large for a
 * block gets a block of its own. */
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EACH_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EACH_MALLOC 1
#endif
#endif

#define HUGE_PAGE ((size_t)2 << 20)
#define BLOCK_SIZE ((size_t)8 << 20)
/* A piece larger than this gets a block of its own rather than wasting the
 * rest of the current one. */
#define BIG_PIECE (BLOCK_SIZE / 4)
#define ALIGN (_Alignof(max_align_t))

typedef struct block {
	struct block *next;
	size_t size; /* bytes taken from the system, this header included */
	bool mapped; /* by mmap; else by malloc */
} block;

/* The header's size rounded up, so that what follows it is aligned. */
#define HEADER ((sizeof(block) + ALIGN - 1) / ALIGN * ALIGN)

struct arena {
	pthread_mutex_t lock;
	block *blocks;
	char *at, *end; /* the free part of the current block */
	size_t held;
};

arena *
arena_create(void)
{
	arena *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	if (pthread_mutex_init(&a->lock, NULL) != 0) {
		free(a);
		return NULL;
	}
	return a;
}

void
arena_destroy(arena *a)
{
	block *b, *next;

	if (a == NULL)
		return;
	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		if (b->mapped)
			munmap(b, b->size);
		else
			free(b);
	}
	pthread_mutex_destroy(&a->lock);
	free(a);
}

/* A block of at least size bytes from the system; its size field set.
 * Mapped blocks start on a huge page boundary: HUGE_PAGE more is mapped
 * and the ends are given back. */
static block *
take_block(size_t size)
{
	block *b;
#ifdef ARENA_EACH_MALLOC
	b = malloc(size);
	if (b == NULL)
		return NULL;
	b->mapped = false;
#else
	size_t page = (size_t)sysconf(_SC_PAGESIZE), lead;
	char *p, *start;

	size = (size + page - 1) / page * page;
	p = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	start = (char *)(((uintptr_t)p + HUGE_PAGE - 1) &
			 ~(uintptr_t)(HUGE_PAGE - 1));
	lead = (size_t)(start - p);
	if (lead > 0)
		munmap(p, lead);
	if (HUGE_PAGE - lead > 0)
		munmap(start + size, HUGE_PAGE - lead);
#ifdef MADV_HUGEPAGE
	/* Advice only: where huge pages are off, ordinary pages serve. */
	(void)madvise(start, size, MADV_HUGEPAGE);
#endif
	b = (block *)(void *)start;
	b->mapped = true;
#endif
	b->size = size;
	return b;
}

/* A block with room for n bytes after its header, linked into a. */
static block *
new_block(arena *a, size_t n)
{
	block *b = take_block(HEADER + n);

	if (b == NULL)
		return NULL;
	b->next = a->blocks;
	a->blocks = b;
	a->held += b->size;
	return b;
}

void *
arena_alloc(arena *a, size_t n)
{
	char *p = NULL;
	block *b;

	/* Half the address space: no sum below can overflow. */
	if (n == 0 || n > SIZE_MAX / 2)
		return NULL;
	n = (n + ALIGN - 1) / ALIGN * ALIGN;
	pthread_mutex_lock(&a->lock);
#ifdef ARENA_EACH_MALLOC
	b = new_block(a, n);
	if (b != NULL)
		p = (char *)b + HEADER;
#else
	if ((size_t)(a->end - a->at) >= n) {
		p = a->at;
		a->at += n;
	} else if (n > BIG_PIECE) {
		/* Its own block; the current one stays current. */
		b = new_block(a, n);
		if (b != NULL)
			p = (char *)b + HEADER;
	} else if ((b = new_block(a, BLOCK_SIZE - HEADER)) != NULL) {
		p = (char *)b + HEADER;
		a->at = p + n;
		a->end = (char *)b + b->size;
	}
#endif
	pthread_mutex_unlock(&a->lock);
	return p;
}

size_t
arena_held(const arena *a)
{
	return a->held;
}
