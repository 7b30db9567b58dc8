/* Arrays that grow by doubling: the one place that computes the new size
 * (with its overflow check) for every list of the program. */
#ifndef AP_GROW_H
#define AP_GROW_H

#include <stddef.h>

/* Room for element n of the array v, which has room for *cap elements of
 * size bytes each: returns v itself while n < *cap; else v moved to twice
 * the room (first elements when it had none; doubled again until element
 * n fits) with *cap updated. Returns
 * NULL when memory runs out or the size would not fit in a size_t: v and
 * *cap are then untouched and v is still the caller's to free. */
void *
grow_array(void *v, size_t *cap, size_t n, size_t size, size_t first);

#endif
