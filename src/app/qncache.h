/* Questionnaires looked up once for many plans: `check` of a thousand
 * plans loads and compiles ariat-2000 once, not a thousand times. */
#ifndef AP_QNCACHE_H
#define AP_QNCACHE_H

#include "diag.h"
#include "qn.h"

typedef struct qn_cache qn_cache;

/* An empty cache over the folders dirs (NULL-terminated; borrowed, must
 * outlive the cache). NULL when out of memory. */
qn_cache *
qn_cache_create(const char *const *dirs);

/* Frees every questionnaire found; NULL is a no-op. */
void
qn_cache_destroy(qn_cache *c);

/* The questionnaire id/version as qn_find finds it, found on the first
 * call and kept: owned by the cache, valid until qn_cache_destroy. NULL
 * when there is none, or when memory runs out (then with a problem whose
 * sys_errno is ENOMEM). What qn_find said (why none, or warnings) is
 * appended to diags on every call. */
const qn *
qn_cache_find(qn_cache *c, const char *id, long version, diag_list *diags);

#endif
