/* Problems found in files and plans: a growable list the engine fills and
 * front ends print, so that nothing deep inside the engine prints or exits. */
#ifndef AP_DIAG_H
#define AP_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
	DIAG_ERROR,
	DIAG_WARNING,
} diag_severity;

/* One problem. All strings are owned by the list that holds the entry.
 * line and col are 1-based; 0 means "not tied to a place in a file".
 * file and item may be NULL. */
typedef struct diag {
	diag_severity severity;
	char *file;
	unsigned long line;
	unsigned long col;
	char *item;    /* item id concerned, or NULL */
	char *message; /* never NULL; no trailing newline */
	int sys_errno; /* errno behind the problem, 0 if none */
} diag;

/* A list of problems. Zero-initialise (DIAG_LIST_INIT) before use;
 * diag_list_free() frees everything it owns. */
typedef struct diag_list {
	diag *v;
	size_t n;
	size_t cap;
	size_t n_errors;
} diag_list;

#define DIAG_LIST_INIT {NULL, 0, 0, 0}

/* Appends a problem. Never fails visibly: if memory runs out the message is
 * replaced by a fixed one and n_errors still counts it. */
void
diag_add(diag_list *list, diag_severity sev, const char *file,
	 unsigned long line, unsigned long col, const char *item,
	 const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;

void
diag_vadd(diag_list *list, diag_severity sev, const char *file,
	  unsigned long line, unsigned long col, const char *item,
	  const char *fmt, va_list ap);

/* Same as diag_add with the errno value recorded. */
void
diag_add_errno(diag_list *list, const char *file, int err, const char *fmt,
	       ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* True when a problem of the list is running out of memory: its errno is
 * ENOMEM, or it says "out of memory" (as the engine's own messages do, in
 * any language). Callers that swallow problems (a quiet parse, a search)
 * must not swallow this one. */
bool
diag_out_of_memory(const diag_list *list);

/* Errors counted in n_errors that no entry holds: memory ran out while
 * they were reported. Printers of a list say "out of memory" for them. */
size_t
diag_lost(const diag_list *list);

/* Moves every entry of src to the end of dst; src is left empty. */
void
diag_list_move(diag_list *dst, diag_list *src);

void
diag_list_clear(diag_list *list);
void
diag_list_free(diag_list *list);

/* Formats one entry as "FILE:LINE:COL: error: MESSAGE [item ID]" into a
 * newly allocated string (caller frees), or NULL when out of memory.
 * Parts that are unknown are left out ("FILE: error: ..."). */
char *
diag_format(const diag *d);

#endif
