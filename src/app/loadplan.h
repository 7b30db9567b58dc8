/* Loading a plan file together with the questionnaire it names: the one path
 * every front end uses to open an existing plan. */
#ifndef AP_LOADPLAN_H
#define AP_LOADPLAN_H

#include "diag.h"
#include "plan.h"
#include "qn.h"
#include "qncache.h"
#include "ydoc.h"

/* Parses path, reads its header, finds its questionnaire in qn_dirs and
 * builds the plan. On success returns the plan, *q_out owns the
 * questionnaire (free it after the plan), and *tree_out (when not NULL)
 * owns the parsed document, for the marks of answers. On failure returns
 * NULL, owns nothing, and the problems are in diags. */
plan *
loadplan(const char *path, const char *const *qn_dirs, qn **q_out,
	 yd_node **tree_out, diag_list *diags);

/* The same for a document already parsed (root stays the caller's). */
plan *
loadplan_tree(const char *name, const yd_node *root,
	      const char *const *qn_dirs, qn **q_out, diag_list *diags);

/* The same with the questionnaire from cache: the plan's qn is the
 * cache's (it must outlive the plan); nothing else to free. */
plan *
loadplan_tree_cached(const char *name, const yd_node *root, qn_cache *cache,
		     diag_list *diags);

/* "Protection 3" (section title and number) or, for an unnumbered item,
 * its title: how problems name items to people. Written into buf. */
void
loadplan_item_label(const qn *q, size_t item, char *buf, size_t size);

/* The mark of an item's answer in a parsed plan document (its entry in
 * not_applicable when it does not apply), or of the
 * section that would hold it (`answers:`/`details:`), or 1:1. */
void
loadplan_mark(const yd_node *root, const qn *q, size_t item,
	      unsigned long *line, unsigned long *col);

#endif
