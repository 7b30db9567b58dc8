/* grow_array: room is made by doubling from the first size, what was there
 * is kept, and a size that would overflow is refused with the array left
 * as it was. */
#include <stdint.h>
#include <stdlib.h>

#include "../unit_check.h"
#include "grow.h"

int
main(void)
{
	int *v = NULL, *nv;
	size_t cap = 0;

	/* Empty: the first size. */
	v = grow_array(v, &cap, 0, sizeof(*v), 4);
	CHECK(v != NULL && cap == 4);
	for (int i = 0; i < 4; i++)
		v[i] = i;
	/* Room left: the same array, the same size. */
	nv = grow_array(v, &cap, 3, sizeof(*v), 4);
	CHECK(nv == v && cap == 4);
	/* Full: twice the room, the elements kept. */
	nv = grow_array(v, &cap, 4, sizeof(*v), 4);
	CHECK(nv != NULL && cap == 8);
	if (nv)
		v = nv;
	CHECK(v[0] == 0 && v[3] == 3);
	/* Element 100 of an array of 8: doubled until it fits (16, 32, 64,
	 * 128), what was there kept. */
	nv = grow_array(v, &cap, 100, sizeof(*v), 4);
	CHECK(nv != NULL && cap == 128);
	if (nv)
		v = nv;
	CHECK(v[0] == 0 && v[3] == 3);
	/* Doubling past SIZE_MAX, or a byte size past it: refused, the
	 * array and its size untouched. */
	cap = SIZE_MAX / 2 + 1;
	CHECK(grow_array(v, &cap, cap, 1, 4) == NULL);
	CHECK(cap == SIZE_MAX / 2 + 1);
	cap = SIZE_MAX / sizeof(*v) / 2 + 1;
	CHECK(grow_array(v, &cap, cap, sizeof(*v), 4) == NULL);
	CHECK(cap == SIZE_MAX / sizeof(*v) / 2 + 1);
	CHECK(v[0] == 0 && v[3] == 3);
	free(v);
	return unit_result();
}
