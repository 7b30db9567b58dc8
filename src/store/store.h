/* Durable files: atomic replacement of a file's bytes, and the lock that
 * keeps a second editor off a plan. */
#ifndef AP_STORE_H
#define AP_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Replaces path's contents with data[0..len) atomically and durably: a
 * temporary file ".NAME.XXXXXX" in the same folder (mode 0600, O_EXCL,
 * O_NOFOLLOW), space reserved with posix_fallocate, every byte written,
 * fsync, close checked, rename over path, fsync of the folder. A symlink at
 * path is replaced by a regular file, never followed.
 *
 * The result is always a new file of mode 0600 (less the umask) owned by
 * the caller, whatever the mode of the file it replaces: plans hold
 * unpublished text.
 *
 * On any failure up to the rename the previous file stays byte-identical,
 * the temporary file is removed, and one error is appended to diags with
 * sys_errno set and a message naming the step, e.g. "cannot write
 * /x/plan.yaml: writing the temporary file: No space left on device" (the
 * diag's file field is NULL; the path is in the message). A failed fsync is
 * never retried. If only the final fsync of the folder fails, the new bytes
 * are already in place but may not survive a crash: that is still reported
 * as an error (the caller saves again later). */
bool
store_write_atomic(const char *path, const void *data, size_t len,
		   diag_list *diags);

/* Reads a whole regular file of at most max bytes into a malloc'd buffer
 * with a NUL after the last byte (the data may contain NULs; *len tells the
 * length when len is not NULL). Symlinks are followed; FIFOs, devices and
 * folders are refused without blocking. A file larger than max, checked
 * before and while reading, is an error. NULL with a problem on errors. */
char *
store_read_file(const char *path, size_t max, size_t *len, diag_list *diags);

/* Creates a folder and its parents with the given mode (less the umask);
 * existing folders, or symlinks to folders, are left as they are. A
 * component that exists as something else is an error (ENOTDIR). */
bool
store_mkdirs(const char *path, unsigned mode, diag_list *diags);

/* dir/name, without a second '/' when dir ends in one; malloc'd, or NULL
 * when memory runs out. */
char *
store_join(const char *dir, const char *name);

typedef struct store_lock store_lock;

/* Takes the lock of the plan at path: flock(LOCK_EX|LOCK_NB) on a separate
 * file "PATH.lock" (mode 0600, never renamed, not followed if a symlink)
 * holding "pid user host time" of the holder. When another process holds
 * it, returns NULL and appends an error with sys_errno EWOULDBLOCK that
 * names the holder: "PATH is open in another editor (pid 123, user ana,
 * host x, since 2026-11-28T09:00:00Z)", or just "PATH is open in another
 * editor" when the holder's text cannot be read. Any other failure carries
 * another, non-zero errno (a lock file that is not a regular file: EINVAL). A lock file left by a dead process is taken over (flock
 * dies with its process). If the holder text cannot be written a warning is
 * appended and the lock is still returned. */
store_lock *
store_lock_acquire(const char *path, diag_list *diags);

/* Removes the lock file (while still holding the lock) and releases it.
 * NULL is a no-op. */
void
store_lock_release(store_lock *lock);

#endif
