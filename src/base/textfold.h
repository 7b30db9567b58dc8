/* Keys for comparing text as people mean it: the one folding of case,
 * composed and decomposed accents, compatibility forms and spaces, for
 * matching names and searching. */
#ifndef AP_TEXTFOLD_H
#define AP_TEXTFOLD_H

#include <stdbool.h>

/* The folded key of s (malloc'd; NULL when out of memory or s is not
 * valid UTF-8): Unicode compatibility composition (NFKC) with case folded,
 * every run of white space made one U+0020, none at either end. With
 * strip_marks, combining marks are removed too ("Thái" -> "thai"), for
 * forgiving searches. */
char *
textfold(const char *s, bool strip_marks);

#endif
