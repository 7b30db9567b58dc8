/* Durable files: atomic replacement of a file's bytes, and the lock that
 * keeps a second editor off a plan. */
#ifndef AP_STORE_H
#define AP_STORE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "diag.h"

/* The errno a problem carries when a file was changed by another program
 * since it was read (store_write_checked). */
#define STORE_ECHANGED ESTALE

/* Replaces path's contents with data[0..len) atomically and durably: a
 * temporary file ".NAME.PID.XXXXXX" (store_temp_open) in the same folder (mode 0600, O_EXCL,
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

/* Who a file on disk is, to tell whether another program replaced or
 * changed it: the same file has the same device, inode, size and
 * modification time (to the nanosecond). */
typedef struct store_id {
	bool exists; /* false: nothing at the path */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
} store_id;

/* Fills *id from stat(path) (following symlinks, as reading does); a
 * missing file (ENOENT, ENOTDIR) gives exists false. False with a problem
 * on other errors. */
bool
store_id_of(const char *path, store_id *id, diag_list *diags);

bool
store_id_same(const store_id *a, const store_id *b);

/* store_write_atomic, and two more things. When expect is not NULL, the
 * file at path must still be *expect (or still be missing, when
 * expect->exists is false) just before the rename: otherwise nothing is
 * replaced, the temporary file is removed, and the problem carries
 * sys_errno STORE_ECHANGED. When written is not NULL it receives the
 * identity of the new file. */
bool
store_write_checked(const char *path, const void *data, size_t len,
		    const store_id *expect, store_id *written,
		    diag_list *diags);

/* For one-shot writers (export -o, sign): checks that path's folder is
 * safe (store_folder_safe), takes path's lock (store_lock_acquire), writes
 * (store_write_atomic) and releases the lock. When another editor holds
 * the lock nothing is written and the problem names the holder:
 * store_lock_busy() is then true, and front ends exit with status 4. */
bool
store_write_locked(const char *path, const void *data, size_t len,
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

/* Whether this user may keep files in folder dir, as OpenSSH's StrictModes
 * judges folders: dir and every folder above it must belong to this user
 * or to root, and none may be writable by other users (by every user, or
 * by a group other than the owner's own) unless it has the sticky bit, as
 * /tmp has. Otherwise another user could replace the files in it. False
 * with the problem when it is not safe (sys_errno EPERM; the message
 * names the folder, what is wrong and what to run, e.g. "chmod 700 DIR"),
 * or when dir cannot be examined (its errno). */
bool
store_folder_safe(const char *dir, diag_list *diags);

/* path as one shell word, for commands that messages tell the user to
 * run: as it is when it holds only harmless characters, else in single
 * quotes. out holds size bytes (STORE_QUOTED_MAX is always enough for a
 * path of PATH_MAX bytes); a longer result is cut. */
#define STORE_QUOTED_MAX (4096 * 4 + 3)
void
store_quote_path(const char *path, char *out, size_t size);

/* The folder of path ("." when it has none); malloc'd, NULL when out of
 * memory. */
char *
store_dir_of(const char *path);

/* Temporary files. Every file the store writes (and collect's outputs)
 * is first written to ".NAME.PID.XXXXXX" in its folder: NAME is the
 * file's name (its first STORE_TEMP_BASE_MAX bytes), PID the writer's
 * process id, XXXXXX random letters and digits. The pid tells a later
 * writer that the file was left by one that is gone. */
#define STORE_TEMP_BASE_MAX 200

/* Creates a new temporary file for base in the folder open as dfd (mode
 * less the umask, O_EXCL, O_NOFOLLOW) and returns its descriptor, with
 * its name in *name (malloc'd; the caller frees it). -1 with errno on
 * failure (*name NULL). */
int
store_temp_open(int dfd, const char *base, unsigned mode, char **name);

/* True when name is a temporary name (of base, when base is not NULL):
 * then the length of the base in it and the writer's pid are returned. */
bool
store_temp_parse(const char *name, const char *base, size_t *base_len,
		 long *pid);

/* True when no process of this pid runs on this machine (kill(pid, 0)
 * says ESRCH). Our own pid and other users' processes are running. */
bool
store_pid_gone(long pid);

/* Temporary files left by writers that are gone. */
typedef struct store_leftover {
	char *path; /* folder/name */
	struct timespec mtime;
	off_t size;
} store_leftover;

typedef struct store_leftovers {
	store_leftover *v;
	size_t n;
	size_t cap;
} store_leftovers;

#define STORE_LEFTOVERS_INIT {NULL, 0, 0}

/* Decides, from the base of a temporary name (not NUL-terminated), whether
 * it is one the caller looks for. */
typedef bool (*store_leftover_want)(const char *base, size_t len, void *ctx);

/* Appends to out the regular files in dir whose names are temporary names
 * (of a base want accepts; every base when want is NULL) and whose writers
 * are gone. False with a problem when dir cannot be read or memory runs
 * out (what was found so far stays in out). */
bool
store_leftovers_in(const char *dir, store_leftover_want want, void *ctx,
		   store_leftovers *out, diag_list *diags);

/* The same for the temporary files of path, in its folder. */
bool
store_leftovers_of(const char *path, store_leftovers *out,
		   diag_list *diags);

/* Removes every file of the list; returns how many were removed. */
size_t
store_leftovers_remove(const store_leftovers *l);

void
store_leftovers_free(store_leftovers *l);

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

/* True when diags holds the refusal of store_lock_acquire because another
 * process holds the lock (sys_errno EWOULDBLOCK). */
bool
store_lock_busy(const diag_list *diags);

#endif
