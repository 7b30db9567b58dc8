/* A growing byte buffer for building text: the exports, plan files and the
 * collector's outputs all append through it. It can drain into a file as
 * it fills, so that a large output never sits whole in memory. */
#ifndef AP_SBUF_H
#define AP_SBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Zero-initialise (SBUF_INIT or `= {0}`) before use: an empty buffer that
 * keeps everything in memory. s is NUL-terminated once anything has been
 * appended (NULL before). The first failure (memory, or a write when the
 * buffer drains into a file) sets failed and every later append is
 * ignored, so callers check once at the end. sbuf_free frees s. */
typedef struct sbuf {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
	int err;      /* errno behind failed: ENOMEM, or the write's */
	bool drains;  /* true: writes itself out to fd as it fills */
	int fd;       /* only when drains; not owned (never closed here) */
	size_t total; /* bytes written out to fd so far */
} sbuf;

#define SBUF_INIT {NULL, 0, 0, false, 0, false, -1, 0}

void
sbuf_add(sbuf *b, const char *s, size_t n);
void
sbuf_str(sbuf *b, const char *s);
void
sbuf_char(sbuf *b, char c);
void
sbuf_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Appends size bytes to the sbuf ctx; 1, or 0 once it has failed. The
 * shape of libyaml's yaml_write_handler_t, so an emitter writes into an
 * sbuf directly. */
int
sbuf_write_handler(void *ctx, unsigned char *buffer, size_t size);

/* Marks the buffer failed with errno err (0: ENOMEM), unless it failed
 * already: for a helper buffer's failure that the output shares. */
void
sbuf_fail(sbuf *b, int err);

/* From now on the buffer writes what it holds to fd whenever it holds
 * more than a threshold (and at sbuf_flush). What it held before is kept
 * and goes out first. */
void
sbuf_drain_to(sbuf *b, int fd);
/* Writes out what the buffer holds (a draining buffer only; a no-op
 * otherwise). */
void
sbuf_flush(sbuf *b);

/* The text so far: "" when empty. */
const char *
sbuf_cstr(const sbuf *b);
/* Empties the buffer, keeping its memory. */
void
sbuf_reset(sbuf *b);
/* Hands over the text: a malloc'd, NUL-terminated string ("" when empty;
 * its length in *len when len is not NULL), or NULL when anything failed.
 * The buffer is empty and in memory afterwards, as after sbuf_free. */
char *
sbuf_take(sbuf *b, size_t *len);
/* Frees the text; the buffer can be used again (in memory). NULL is a
 * no-op. */
void
sbuf_free(sbuf *b);

#endif
