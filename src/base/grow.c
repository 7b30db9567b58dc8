/* The doubling arrays of grow.h. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *
grow_array(void *v, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t c;
	void *nv;

	if (n < *cap)
		return v;
	c = *cap ? *cap : first;
	if (*cap && c > SIZE_MAX / 2)
		return NULL;
	if (*cap)
		c *= 2;
	/* Doubled again while element n would not fit (a caller that adds
	 * many at once). */
	while (c != 0 && c <= n && c <= SIZE_MAX / 2)
		c *= 2;
	if (c <= n || size == 0 || c > SIZE_MAX / size)
		return NULL;
	nv = realloc(v, c * size);
	if (nv)
		*cap = c;
	return nv;
}
