/* Problem lists: the engine appends problems here instead of printing, and
 * front ends format them as "FILE:LINE:COL: error: MESSAGE [item ID]". */
#include "diag.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "intl.h"
#include "utext_show.h"

/* Used when memory runs out: the problem is still counted and shown. */
static char oom_message[] = "out of memory while reporting a problem";

static char *
dup_or_null(const char *s)
{
	if (s == NULL)
		return NULL;
	return strdup(s);
}

static char *
vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static void
free_entry(diag *d)
{
	free(d->file);
	free(d->item);
	if (d->message != oom_message)
		free(d->message);
}

/* Takes ownership of message (which may be NULL after a failed
 * allocation); never fails visibly. */
static void
append(diag_list *list, diag_severity sev, const char *file,
       unsigned long line, unsigned long col, const char *item,
       char *message, int err)
{
	diag *d, *v;

	if (sev == DIAG_ERROR)
		list->n_errors++;
	v = grow_array(list->v, &list->cap, list->n, sizeof(*v), 8);
	if (v == NULL) {
		/* Nowhere to put it: n_errors above still tells the caller
		 * that something went wrong. */
		free(message);
		return;
	}
	list->v = v;
	d = &list->v[list->n++];
	d->severity = sev;
	d->file = dup_or_null(file);
	d->line = line;
	d->col = col;
	d->item = dup_or_null(item);
	d->message = message ? message : oom_message;
	d->sys_errno = err;
}

void
diag_vadd(diag_list *list, diag_severity sev, const char *file,
	  unsigned long line, unsigned long col, const char *item,
	  const char *fmt, va_list ap)
{
	append(list, sev, file, line, col, item, vformat(fmt, ap), 0);
}

void
diag_add(diag_list *list, diag_severity sev, const char *file,
	 unsigned long line, unsigned long col, const char *item,
	 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, sev, file, line, col, item, fmt, ap);
	va_end(ap);
}

void
diag_add_errno(diag_list *list, const char *file, int err, const char *fmt,
	       ...)
{
	va_list ap;
	char *msg, *full = NULL;
	const char *why = strerror(err);

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	if (msg != NULL) {
		size_t n = strlen(msg) + 2 + strlen(why) + 1;

		full = malloc(n);
		if (full != NULL)
			snprintf(full, n, "%s: %s", msg, why);
		free(msg);
	}
	append(list, DIAG_ERROR, file, 0, 0, NULL, full, err);
}

size_t
diag_lost(const diag_list *list)
{
	size_t held = 0;

	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].severity == DIAG_ERROR)
			held++;
	return list->n_errors > held ? list->n_errors - held : 0;
}

bool
diag_out_of_memory(const diag_list *list)
{
	const char *oom = _("out of memory");
	size_t n = strlen(oom);

	if (diag_lost(list) > 0)
		return true;
	for (size_t i = 0; i < list->n; i++) {
		const char *m = list->v[i].message;
		size_t len = strlen(m);

		if (list->v[i].sys_errno == ENOMEM || m == oom_message ||
		    (len >= n && strcmp(m + len - n, oom) == 0))
			return true;
	}
	return false;
}

void
diag_list_move(diag_list *dst, diag_list *src)
{
	size_t i;

	if (dst == src)
		return;
	for (i = 0; i < src->n; i++) {
		diag *s = &src->v[i];
		diag *v = grow_array(dst->v, &dst->cap, dst->n, sizeof(*v), 8);

		if (v == NULL) {
			/* Keep the count honest even if the text is lost. */
			if (s->severity == DIAG_ERROR)
				dst->n_errors++;
			free_entry(s);
			continue;
		}
		dst->v = v;
		dst->v[dst->n++] = *s;
		if (s->severity == DIAG_ERROR)
			dst->n_errors++;
	}
	/* Errors that never made it into src->v are still errors. */
	{
		size_t counted = 0;

		for (i = 0; i < src->n; i++)
			if (src->v[i].severity == DIAG_ERROR)
				counted++;
		if (src->n_errors > counted)
			dst->n_errors += src->n_errors - counted;
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = src->n_errors = 0;
}

void
diag_list_clear(diag_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free_entry(&list->v[i]);
	list->n = 0;
	list->n_errors = 0;
}

void
diag_list_free(diag_list *list)
{
	if (list == NULL)
		return;
	diag_list_clear(list);
	free(list->v);
	list->v = NULL;
	list->cap = 0;
}

/* Messages quote what was found in files, and file names come from
 * outside too: whatever quoting the place that made a message did, nothing
 * that can steer a terminal or reorder the text leaves here. The one
 * harmless-text rule (utext_show.h): controls, bidirectional controls and
 * the like as "<U+001B>", bytes that are not UTF-8 as "<0xFF>". Takes
 * ownership of s; returns s itself when it is clean. */
static char *
inert(char *s)
{
	size_t len = strlen(s);
	char *r;

	if (utext_shown_run(s, len, 0) == len)
		return s;
	r = utext_show_dup(s, len, 0);
	if (r == NULL) {
		/* No room for escapes: blank out every non-ASCII byte. */
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)s[i] < 0x20 ||
			    (unsigned char)s[i] >= 0x7f)
				s[i] = '?';
		return s;
	}
	free(s);
	return r;
}

char *
diag_format(const diag *d)
{
	/* TRANSLATORS: "FILE:LINE:COL: error: MESSAGE", as compilers say. */
	const char *sev = d->severity == DIAG_ERROR ? C_("diagnostic", "error")
						    : C_("diagnostic", "warning");
	const char *file = d->file ? d->file : "";
	char place[64] = "";
	int n;
	char *s;

	/* Without a file name the place is still useful: "3:4: error". */
	if (d->line > 0 && d->col > 0)
		snprintf(place, sizeof(place), "%s%lu:%lu", d->file ? ":" : "",
			 d->line, d->col);
	else if (d->line > 0)
		snprintf(place, sizeof(place), "%s%lu", d->file ? ":" : "",
			 d->line);
#define DIAG_FMT_ARGS file, place, (file[0] || place[0]) ? ": " : "", sev, \
		d->message ? d->message : "", d->item ? " [item " : "", \
		d->item ? d->item : "", d->item ? "]" : ""
	n = snprintf(NULL, 0, "%s%s%s%s: %s%s%s%s", DIAG_FMT_ARGS);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s == NULL)
		return NULL;
	snprintf(s, (size_t)n + 1, "%s%s%s%s: %s%s%s%s", DIAG_FMT_ARGS);
#undef DIAG_FMT_ARGS
	return inert(s);
}
