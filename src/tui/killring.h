/* The kill ring, as in readline and Emacs: what Ctrl-K, Ctrl-U, Ctrl-W
 * and the word kills cut, for Ctrl-Y to yank back (in any item) and Esc y
 * to cycle. No curses here. */
#ifndef AP_KILLRING_H
#define AP_KILLRING_H

#include <stdbool.h>
#include <stddef.h>

/* Kills kept, and the bytes they may hold together (the oldest go
 * first; the newest is always kept). */
#define KR_MAX 16
#define KR_BUDGET ((size_t)16 << 20)

typedef struct killring killring;

/* An empty ring; NULL when out of memory. */
killring *
kr_create(void);
void
kr_destroy(killring *kr);

/* Adds killed text. join: the kill follows another kill, so the text
 * joins the newest entry, after it (a kill forwards, Ctrl-K) or before it
 * (a kill backwards, Ctrl-U, Ctrl-W) as before says. False when out of
 * memory (the ring is unchanged). Empty text is not added. */
bool
kr_kill(killring *kr, const char *s, size_t n, bool join, bool before);

/* The entry `back` steps before the newest (0: the newest), or NULL when
 * the ring is empty; *n is its length. Cycles: back is taken modulo the
 * number of entries. The text is owned by the ring, valid until the next
 * kr_kill. */
const char *
kr_get(const killring *kr, size_t back, size_t *n);

/* Entries in the ring. */
size_t
kr_count(const killring *kr);

#endif
