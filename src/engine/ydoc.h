/* A small, bounded YAML document tree built on libyaml's event API: the one
 * safe way every plan and questionnaire file enters the program. */
#ifndef AP_YDOC_H
#define AP_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef enum {
	YD_SCALAR,
	YD_SEQ,
	YD_MAP,
} yd_kind;

/* A node. Every pointer inside is owned by the tree (freed by yd_free on the
 * root). Marks are 1-based line and column of the node's first character. */
typedef struct yd_node {
	yd_kind kind;
	unsigned long line;
	unsigned long col;
	/* YD_SCALAR: the value, NUL-terminated, valid UTF-8, may hold no NUL
	 * (files with NUL bytes are refused). plain is true for an unquoted
	 * plain scalar (so `~`, `null` and empty can be told from "null"). */
	char *str;
	size_t len;
	bool plain;
	/* YD_SEQ: n items in items[]. YD_MAP: n pairs, keys[i] -> items[i];
	 * keys are scalars (complex keys are refused), never duplicated. */
	struct yd_node **keys;
	struct yd_node **items;
	size_t n;
} yd_node;

typedef struct yd_limits {
	size_t max_bytes;  /* whole input; checked before parsing */
	size_t max_depth;  /* nesting of sequences and mappings */
	size_t max_nodes;  /* all nodes together */
} yd_limits;

/* Limits used when NULL is passed: 32 MiB, depth 64, 1,000,000 nodes. */
extern const yd_limits yd_default_limits;

/* Parses exactly one YAML document. Refused with a problem in diags (file
 * name = name, with line and column): input over max_bytes, invalid UTF-8
 * (strict: no overlongs, surrogates or code points past U+10FFFF), NUL
 * bytes, a BOM other than at the start, anchors, aliases, tags, complex
 * keys, duplicate keys, depth or node count over the limits, more than one
 * document, an empty document, and libyaml's own syntax errors.
 * Returns the root, or NULL (problems appended to diags). */
yd_node *
yd_parse_buffer(const char *name, const char *data, size_t len,
		const yd_limits *limits, diag_list *diags);

/* Reads the file (refusing non-regular files and files over max_bytes by
 * their size before reading) and parses it as yd_parse_buffer does. */
yd_node *
yd_parse_file(const char *path, const yd_limits *limits, diag_list *diags);

void
yd_free(yd_node *node);

/* The value for key in a mapping, or NULL when absent or node is not a
 * mapping. */
const yd_node *
yd_map_get(const yd_node *map, const char *key);

/* True for a plain scalar that YAML would read as null: empty, `~`,
 * `null`, `Null`, `NULL`. */
bool
yd_is_null(const yd_node *node);

/* A readable name of a node's kind for messages: "a text", "a list",
 * "a mapping". */
const char *
yd_kind_name(const yd_node *node);

#endif
