/* The kill ring: up to KR_MAX texts, newest last, joined when kills
 * follow each other, bounded in bytes. */
#include "killring.h"

#include <stdlib.h>
#include <string.h>

typedef struct kill_entry {
	char *s;
	size_t n;
} kill_entry;

struct killring {
	kill_entry v[KR_MAX]; /* v[0] oldest */
	size_t n;
	size_t bytes;
};

killring *
kr_create(void)
{
	return calloc(1, sizeof(killring));
}

void
kr_destroy(killring *kr)
{
	if (!kr)
		return;
	for (size_t i = 0; i < kr->n; i++)
		free(kr->v[i].s);
	free(kr);
}

static void
drop_oldest(killring *kr)
{
	kr->bytes -= kr->v[0].n;
	free(kr->v[0].s);
	memmove(kr->v, kr->v + 1, (kr->n - 1) * sizeof kr->v[0]);
	kr->n--;
}

bool
kr_kill(killring *kr, const char *s, size_t n, bool join, bool before)
{
	kill_entry *e;
	char *v;

	if (!kr || n == 0)
		return true;
	if (join && kr->n > 0) {
		e = &kr->v[kr->n - 1];
		if (e->n + n < n)
			return false;
		v = realloc(e->s, e->n + n + 1);
		if (!v)
			return false;
		if (before) {
			memmove(v + n, v, e->n);
			memcpy(v, s, n);
		} else {
			memcpy(v + e->n, s, n);
		}
		e->s = v;
		e->n += n;
		e->s[e->n] = '\0';
		kr->bytes += n;
	} else {
		if (n + 1 < n)
			return false;
		v = malloc(n + 1);
		if (!v)
			return false;
		memcpy(v, s, n);
		v[n] = '\0';
		if (kr->n == KR_MAX)
			drop_oldest(kr);
		kr->v[kr->n].s = v;
		kr->v[kr->n].n = n;
		kr->n++;
		kr->bytes += n;
	}
	while (kr->n > 1 && kr->bytes > KR_BUDGET)
		drop_oldest(kr);
	return true;
}

const char *
kr_get(const killring *kr, size_t back, size_t *n)
{
	const kill_entry *e;

	if (!kr || kr->n == 0)
		return NULL;
	e = &kr->v[kr->n - 1 - back % kr->n];
	*n = e->n;
	return e->s;
}

size_t
kr_count(const killring *kr)
{
	return kr ? kr->n : 0;
}
