/* Painting text into a window, the one way the form does it: a cluster at
 * a time by display width (utext), the one harmless-text notation for what
 * must not reach the terminal raw, labels cut with an ellipsis, paragraphs
 * wrapped by the line-breaking rules; and the colour pairs. The layers
 * above (status.c, draw.c, the lists) paint through these. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "tui_int.h"
#include "utext_show.h"

int
tui_wcwidth(uint32_t cp)
{
	int w;

	if (utext_escaped(cp))
		return (int)utext_escape_width(cp);
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* One cluster as wide characters, the way it is put on the screen: a lone
 * combining mark gets a space to sit on; what the one harmless-text rule
 * escapes (utext_show.h) is written in its notation, "<U+202E>"; what the
 * locale cannot show becomes '?'. Returns the number of columns, which is
 * what tui_wcwidth counts. */
static int
cluster_wchars(const char *s, size_t pos, size_t end, wchar_t *buf,
	       size_t cap, size_t *n_out)
{
	size_t n = 0, k, nn;
	int width = 0;
	size_t p = pos;
	char note[UTEXT_ESCAPE_SIZE];

	while (p < end && n + 1 < cap) {
		uint32_t cp = utext_next(s, end, &p);
		int w = wcwidth((wchar_t)cp);
		if (utext_escaped(cp)) {
			nn = utext_escape(cp, note);
			for (k = 0; k < nn && n + 1 < cap; k++)
				buf[n++] = (wchar_t)note[k];
			width += (int)nn;
			continue;
		}
		if (w < 0) {
			buf[n++] = L'?';
			width += 1;
			continue;
		}
		if (n == 0 && w == 0) {
			buf[n++] = L' ';
			width = 1;
		}
		buf[n++] = (wchar_t)cp;
		width += w;
	}
	*n_out = n;
	return width;
}

int
tui_draw_text(WINDOW *w, int y, int x, const char *s, size_t len, int maxw)
{
	size_t pos = 0;
	int used = 0;
	wchar_t buf[32];

	if (!w || maxw <= 0)
		return 0;
	wmove(w, y, x);
	while (pos < len) {
		size_t end = utext_cluster_end(s, len, pos);
		size_t n;
		if (end <= pos)
			break;
		if (s[pos] == '\n') {
			pos = end;
			continue;
		}
		int cw = cluster_wchars(s, pos, end, buf, 32, &n);
		if (used + cw > maxw)
			break;
		if (n)
			waddnwstr(w, buf, (int)n);
		used += cw;
		pos = end;
	}
	return used;
}

size_t
tui_text_width(const char *s, size_t len)
{
	size_t pos = 0, used = 0, n;
	wchar_t buf[32];
	while (pos < len) {
		size_t end = utext_cluster_end(s, len, pos);
		if (end <= pos)
			break;
		if (s[pos] != '\n')
			used += (size_t)cluster_wchars(s, pos, end, buf, 32, &n);
		pos = end;
	}
	return used;
}

int
tui_draw_cut(const tui *t, WINDOW *w, int y, int x, const char *s,
	     size_t len, int maxw)
{
	const char *e = t->utf8 ? "\xe2\x80\xa6" : "...";
	int ew = t->utf8 ? 1 : 3, used;

	if (!w || maxw <= 0)
		return 0;
	if (tui_text_width(s, len) <= (size_t)maxw)
		return tui_draw_text(w, y, x, s, len, maxw);
	if (maxw <= ew)
		return tui_draw_text(w, y, x, e, strlen(e), maxw);
	used = tui_draw_text(w, y, x, s, len, maxw - ew);
	return used + tui_draw_text(w, y, x + used, e, strlen(e), ew);
}

bool
tui_wrap(const char *s, size_t width, utext_line **lines, size_t *n)
{
	size_t len = strlen(s), start = 0;
	utext_line *out = NULL, *part = NULL;
	size_t n_out = 0, n_part = 0, cap_out = 0;
	bool ok = false;

	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = memchr(s + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - s) : len;
		if (!utext_wrap(s + start, end - start, width, tui_wcwidth,
				&part, &n_part))
			goto out;
		utext_line *grown = grow_array(out, &cap_out, n_out + n_part,
					       sizeof *out, 16);
		if (!grown)
			goto out;
		out = grown;
		for (size_t i = 0; i < n_part; i++) {
			out[n_out] = part[i];
			out[n_out].start += start;
			out[n_out].end += start;
			n_out++;
		}
		if (!nl)
			break;
		start = end + 1;
	}
	ok = true;
out:
	free(part);
	if (!ok) {
		free(out);
		out = NULL;
		n_out = 0;
	}
	free(*lines);
	*lines = out;
	*n = n_out;
	return ok;
}

attr_t
tui_attr_status(const tui *t)
{
	return t->color ? (COLOR_PAIR(1) | A_BOLD) : A_REVERSE;
}

attr_t
tui_attr_error(const tui *t)
{
	return t->color ? (COLOR_PAIR(2) | A_BOLD) : A_BOLD;
}

attr_t
tui_attr_dim(const tui *t)
{
	return t->color ? COLOR_PAIR(3) : A_NORMAL;
}

attr_t
tui_attr_ok(const tui *t)
{
	return t->color ? COLOR_PAIR(4) : A_NORMAL;
}


void
tui_item_name(const tui *t, size_t i, char *buf, size_t size)
{
	loadplan_item_label(t->q, i, buf, size);
}
