/* The site of a group (site/ in the group's folder), shared by the files
 * that make its pages: site.c (the output, page names, the frame of every
 * page, the index, section pages, the page of files not taken),
 * site_item.c (a page per item: every country's answer side by side,
 * totals), site_country.c (a page per country). Everything that comes
 * from a plan or a questionnaire is escaped; page names are ASCII slugs
 * made here. Not for use outside src/collect. */
#ifndef AP_SITE_H
#define AP_SITE_H

#include "collect_int.h"

typedef struct site {
	const collect_run *run;
	const collect_gview *v;
	const collect_lang *lg;
	const qn *q;
	size_t group;
	char **section; /* [n_sections] "section-ID", NULL for details */
	char **item;    /* [n_items] "item-ID", NULL for details items */
	/* The pages, one piece each (countries in runs). */
	struct site_piece *pieces;
	size_t n_pieces;
	bool changes; /* the main site links to changes.html */
} site;

/* The site's names for group (its page names and what its pages link
 * to), without its pieces; NULL when out of memory. */
site *
site_open(const collect_run *r, size_t group);
void
site_close(site *st);

/* The page start: <head>, the header with the navigation (current: the
 * href of this page, shown as current), <main>, the title as <h1>. */
void
site_page_start(sbuf *b, const site *st, const char *title,
		const char *current);
/* </main>, the footer, the end; then the file; frees b and tmp. */
bool
site_page_end(collect_out *o, sbuf *b, sbuf *tmp, const site *st,
		 diag_list *diags);

/* href of an item's page part ("item-prevention-1.html", part 0; then
 * "item-prevention-1-p2.html"...). */
void
site_item_href(sbuf *b, const site *st, size_t item, size_t part);
/* The country's name, isolated (bdi): a country of ISO 3166-1 in the
 * site's language, free text marked with the plan's. */
void
site_country(sbuf *b, const site *st, size_t k);
/* The item's heading as the text export writes it ("6. Title:"), in the
 * site's language, escaped. */
void
site_item_title(sbuf *b, const site *st, size_t item, sbuf *tmp);
/* A count and its bar: "12" and a bar of 12/total of the width. */
void
site_bar(sbuf *b, size_t count, size_t total);
/* The words of a state (answered, missing, not applicable) and the
 * grid's one-character mark and class. */
const char *
site_state_word(const site *st, unsigned state);

/* One country's answer to an item: text answers in the plan's language
 * (lang), values (yes/no, choices, dates) in the site's. */
void
site_answer(sbuf *b, const site *st, size_t k, size_t item, sbuf *tmp);

/* The pages (each false with the reason in diags). */
bool
site_index(collect_out *o, const site *st, diag_list *diags);
bool
site_section_page(collect_out *o, const site *st, size_t sec,
		  diag_list *diags);
bool
site_files_page(collect_out *o, const site *st, diag_list *diags);
/* Page `page` (from 1) of the completeness grid; page 0 is on the
 * index. */
bool
site_grid_page(collect_out *o, const site *st, size_t page,
	       diag_list *diags);
bool
site_item_page(collect_out *o, const site *st, size_t item, size_t part,
	       diag_list *diags);
bool
site_country_page(collect_out *o, const site *st, size_t k,
		  diag_list *diags);

/* The totals of a yes/no or choice item over the group's plans: a line
 * per choice with its count and bar (and, with who, the countries that
 * chose it, linked to their answers), as a table. Nothing for other
 * types. */
void
site_tally(sbuf *b, const site *st, size_t item, bool who, sbuf *tmp);

#endif
