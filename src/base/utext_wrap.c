/* The one line-wrapping algorithm (utext.h): greedy, at the break
 * opportunities of utext_break.c that fall on cluster boundaries, widths
 * by the rule of utext_cluster.c. */
#include "utext_int.h"

#include <stdlib.h>

#include "utext_break.h"

/* Appends one line (see utext_grow_pow2). */
static bool
push_line(utext_line **lines, size_t *n, size_t start, size_t end,
	  size_t width)
{
	utext_line *v = utext_grow_pow2(*lines, *n, sizeof(**lines));

	if (v == NULL)
		return false;
	*lines = v;
	(*lines)[*n].start = start;
	(*lines)[*n].end = end;
	(*lines)[*n].width = width;
	(*n)++;
	return true;
}

/* The state of the line being filled. Offsets are in the part wrapped;
 * widths are columns from the line's start. */
typedef struct fill {
	size_t start;       /* where the line starts */
	size_t col;         /* width up to pos, hanging spaces included */
	size_t text_end;    /* end of its last cluster that is not a space */
	size_t text_col;    /* width up to text_end */
	bool have_brk;      /* an opportunity on the line: */
	size_t brk_end;     /* the line would end there (spaces dropped), */
	size_t brk_col;     /* that wide, */
	size_t brk_next;    /* and the next one start there, */
	size_t brk_col_next; /* at this column of the current line */
} fill;

static void
new_line(fill *f, size_t start, size_t col)
{
	f->start = start;
	f->col = col;
	f->text_end = start;
	f->text_col = 0;
	f->have_brk = false;
}

/* Ends the line at the opportunity kept in f; the columns after it move
 * to the new line. */
static bool
break_at_opportunity(fill *f, utext_line **lines, size_t *n)
{
	size_t shift = f->brk_col_next, next = f->brk_next;

	if (!push_line(lines, n, f->start, f->brk_end, f->brk_col))
		return false;
	f->start = next;
	f->col -= shift;
	if (f->text_end > next) {
		f->text_col -= shift;
	} else {
		f->text_end = next;
		f->text_col = 0;
	}
	f->have_brk = false;
	return true;
}

/* Plain spaces at the start of the part, the paragraph's indentation: its
 * end (the first place a line may break after it), and the line state. */
static size_t
indentation(const char *s, size_t len, size_t width, fill *f, bool *only)
{
	size_t run = 0;
	utext_cluster c;

	while (run < len && s[run] == ' ') {
		utext_scan_cluster(s, len, run, NULL, &c);
		if (c.end != run + 1)
			break; /* a space carrying a mark: a character */
		run++;
	}
	*only = false;
	if (run == 0 || run >= width) {
		/* None, or none that leaves room for text: dropped. */
		new_line(f, run, 0);
	} else {
		new_line(f, 0, run);
		*only = true;
	}
	return run;
}

/* The greedy loop over the clusters of s[0..len), breaks as brk says
 * (indexed from s). Comments in utext.h. */
static bool
wrap_part(const char *s, size_t len, const unsigned char *brk, size_t width,
	  utext_width_fn w, utext_line **lines, size_t *n)
{
	size_t pos, floor;
	bool only_indent;
	utext_cluster c;
	fill f = {0};

	floor = pos = indentation(s, len, width, &f, &only_indent);
	while (pos < len) {
		if (s[pos] == '\n') {
			/* Not expected in a paragraph; a hard break then. */
			if (!push_line(lines, n, f.start, pos, f.col))
				return false;
			pos++;
			new_line(&f, pos, 0);
			only_indent = false;
			if (pos == len && !push_line(lines, n, pos, pos, 0))
				return false;
			continue;
		}
		if (pos > f.start && pos > floor && brk[pos] != UTEXT_BREAK_NONE) {
			f.have_brk = true;
			f.brk_end = f.text_end;
			f.brk_col = f.text_col;
			f.brk_next = pos;
			f.brk_col_next = f.col;
		}
		utext_scan_cluster(s, len, pos, w, &c);
		if (c.space) {
			/* Spaces hang past the width: a break drops them. */
			f.col += c.width;
			pos = c.end;
			continue;
		}
		if (pos > f.start && f.col + c.width > width) {
			if (only_indent) {
				/* The indentation leaves no room for this
				 * cluster: drop it rather than give a line of
				 * spaces. */
				new_line(&f, pos, 0);
				only_indent = false;
				continue;
			}
			if (f.have_brk) {
				if (!break_at_opportunity(&f, lines, n))
					return false;
			} else {
				/* A word wider than the line: cut it before
				 * this cluster. */
				if (!push_line(lines, n, f.start, f.text_end,
					       f.text_col))
					return false;
				new_line(&f, pos, 0);
			}
			/* The same cluster again, on the new line. */
			continue;
		}
		f.col += c.width;
		f.text_end = c.end;
		f.text_col = f.col;
		only_indent = false;
		pos = c.end;
	}
	if (f.start < len || *n == 0) {
		/* Spaces at the end stay when they fit. */
		if (f.col <= width) {
			if (!push_line(lines, n, f.start, len, f.col))
				return false;
		} else if (!push_line(lines, n, f.start, f.text_end,
				      f.text_col)) {
			return false;
		}
	}
	return true;
}

bool
utext_wrap_in(const char *s, size_t len, const char *para, size_t para_len,
	      size_t width, utext_width_fn w, utext_line **lines,
	      size_t *n_lines)
{
	size_t off = (size_t)(s - para), n = 0;
	unsigned char *brk;
	bool ok = false;

	if (width < 1)
		width = 1;
	if (!w)
		w = utext_width_default;
	brk = malloc(len + 1);
	if (brk != NULL &&
	    utext_line_breaks(para, para_len, off, off + len, brk))
		ok = wrap_part(s, len, brk, width, w, lines, &n);
	free(brk);
	*n_lines = ok ? n : 0;
	return ok;
}

bool
utext_wrap(const char *s, size_t len, size_t width, utext_width_fn w,
	   utext_line **lines, size_t *n_lines)
{
	return utext_wrap_in(s, len, s, len, width, w, lines, n_lines);
}
