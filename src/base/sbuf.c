/* The growing byte buffer of sbuf.h: appends, printf, and draining into a
 * file descriptor past a threshold. */
#include "sbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A draining buffer writes itself out past this many bytes: large writes,
 * little memory. */
#define DRAIN_AT (256 * 1024)

void
sbuf_fail(sbuf *b, int err)
{
	if (b->failed)
		return;
	b->failed = true;
	b->err = err ? err : ENOMEM;
}

void
sbuf_flush(sbuf *b)
{
	size_t off = 0;

	if (b->failed || !b->drains)
		return;
	while (off < b->len) {
		ssize_t w = write(b->fd, b->s + off, b->len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			sbuf_fail(b, errno);
			return;
		}
		off += (size_t)w;
	}
	b->total += b->len;
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
sbuf_drain_to(sbuf *b, int fd)
{
	b->drains = true;
	b->fd = fd;
	b->total = 0;
	if (b->len >= DRAIN_AT)
		sbuf_flush(b);
}

void
sbuf_add(sbuf *b, const char *s, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (n > SIZE_MAX / 2 - b->len - 1) {
		sbuf_fail(b, ENOMEM);
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *v;

		while (cap < b->len + n + 1)
			cap *= 2;
		v = realloc(b->s, cap);
		if (v == NULL) {
			sbuf_fail(b, ENOMEM);
			return;
		}
		b->s = v;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	if (b->drains && b->len >= DRAIN_AT)
		sbuf_flush(b);
}

int
sbuf_write_handler(void *ctx, unsigned char *buffer, size_t size)
{
	sbuf *b = ctx;

	sbuf_add(b, (const char *)buffer, size);
	return !b->failed;
}

void
sbuf_str(sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void
sbuf_char(sbuf *b, char c)
{
	/* The common case without a call: room for it and its NUL. */
	if (!b->failed && b->len + 2 <= b->cap && !b->drains) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
		return;
	}
	sbuf_add(b, &c, 1);
}

void
sbuf_printf(sbuf *b, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		sbuf_fail(b, EINVAL);
		return;
	}
	if ((size_t)n < sizeof(small)) {
		sbuf_add(b, small, (size_t)n);
		return;
	}
	big = malloc((size_t)n + 1);
	if (big == NULL) {
		sbuf_fail(b, ENOMEM);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sbuf_add(b, big, (size_t)n);
	free(big);
}

const char *
sbuf_cstr(const sbuf *b)
{
	return b->s ? b->s : "";
}

void
sbuf_reset(sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *
sbuf_take(sbuf *b, size_t *len)
{
	char *s = NULL;

	if (!b->failed) {
		s = b->s ? b->s : calloc(1, 1);
		if (s != NULL && len != NULL)
			*len = b->len;
		b->s = NULL;
	}
	sbuf_free(b);
	return s;
}

void
sbuf_free(sbuf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	*b = (sbuf)SBUF_INIT;
}
