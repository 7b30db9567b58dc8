/* Durable files: atomic replacement of a file's bytes, and the lock that
 * keeps a second editor off a plan. */
#ifndef AP_STORE_H
#define AP_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Replaces path's contents with data[0..len) atomically and durably: a
 * temporary file ".NAME.XXXXXX" in the same folder (mode 0600, O_EXCL,
 * O_NOFOLLOW), every byte written, fsync, close checked, rename over path,
 * fsync of the folder. A symlink at path is replaced, never followed. On
 * any failure the previous file stays byte-identical, the temporary file is
 * removed, and the reason (with errno) is appended to diags. */
bool
store_write_atomic(const char *path, const void *data, size_t len,
		   diag_list *diags);

/* Reads a whole regular file (no symlink following is needed here) of at
 * most max bytes into a malloc'd NUL-terminated buffer. */
char *
store_read_file(const char *path, size_t max, size_t *len, diag_list *diags);

/* Creates a folder and its parents with the given mode (existing ones are
 * left as they are). */
bool
store_mkdirs(const char *path, unsigned mode, diag_list *diags);

typedef struct store_lock store_lock;

/* Takes the lock of the plan at path: flock(LOCK_EX|LOCK_NB) on a separate
 * file "PATH.lock" that is never renamed, holding "pid user host time" of
 * the holder. When another process holds it, returns NULL and the problem
 * names the holder ("... is open in another editor: pid 123, user ana on
 * host x since 2026-11-28T09:00:00Z"). A lock file left by a dead process
 * is taken over (flock dies with its process). */
store_lock *
store_lock_acquire(const char *path, diag_list *diags);

/* Releases and removes the lock file. NULL is a no-op. */
void
store_lock_release(store_lock *lock);

#endif
