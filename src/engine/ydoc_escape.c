/* Places in a YAML file and what libyaml does not judge as the project
 * does: JSON-style surrogate pairs in double-quoted escapes
 * ("\ud83d\udc69", what Python's json.dumps writes), read as the character
 * they encode; the escape behind a character that is refused; NEL, which
 * YAML 1.1 and 1.2 readers read differently. */
#include "ydoc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"

void
yd_pos_walk(yd_pos *p, const char *data, size_t len, size_t *at, size_t to)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t i = *at, n;

	if (to > len)
		to = len;
	while (i < to) {
		bool brk = false;

		n = d[i] < 0x80 ? 1 : d[i] < 0xE0 ? 2 : d[i] < 0xF0 ? 3 : 4;
		if (i + n > len)
			break;
		if (n == 1) {
			if (d[i] == '\n')
				brk = true;
			else if (d[i] == '\r')
				brk = !(i + 1 < len && d[i + 1] == '\n');
		} else if (n == 2) {
			brk = d[i] == 0xC2 && d[i + 1] == 0x85;
		} else if (n == 3) {
			brk = d[i] == 0xE2 && d[i + 1] == 0x80 &&
			      (d[i + 2] == 0xA8 || d[i + 2] == 0xA9);
		}
		if (brk) {
			p->line++;
			p->col = 1;
		} else if (!(n == 1 && d[i] == '\r')) {
			p->col++;
		}
		i += n;
	}
	*at = i;
}

yd_pos
yd_pos_of_offset(const char *data, size_t len, size_t off)
{
	yd_pos p = {1, 1};
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	yd_pos_walk(&p, data, len, &i, off);
	return p;
}

size_t
yd_offset_of_pos(const char *data, size_t len, unsigned long line,
		 unsigned long col)
{
	yd_pos p = {1, 1};
	size_t i = 0, next;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (p.line < line || (p.line == line && p.col < col))) {
		next = i;
		yd_pos_walk(&p, data, len, &next, i + 1);
		if (next == i)
			break;
		i = next;
	}
	return i;
}

void
yd_warn_nel(const char *name, const char *data, size_t len,
	    diag_list *diags)
{
	const char *end = data + len, *q = data;
	size_t walked = 0, n = 0;
	yd_pos at = {1, 1};

	while ((q = memchr(q, 0xC2, (size_t)(end - q))) != NULL) {
		if (end - q >= 2 && (unsigned char)q[1] == 0x85) {
			yd_pos_walk(&at, data, len, &walked,
				    (size_t)(q - data));
			if (++n > 10)
				break;
			diag_add(diags, DIAG_WARNING, name, at.line, at.col,
				 NULL,
				 _("U+0085 (NEL) is a line break to YAML 1.1 "
				   "readers (libyaml, PyYAML) but a character to "
				   "YAML 1.2 readers, so this line means different "
				   "things to different programs: write \\N in "
				   "double quotes, or a real line break"));
		}
		q++;
	}
}

static int
hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The value of n hex digits at data[off], or -1. */
static long
hex_value(const char *data, size_t len, size_t off, size_t n)
{
	long v = 0;
	int h;

	if (len - off < n || off > len)
		return -1;
	for (size_t k = 0; k < n; k++) {
		h = hex((unsigned char)data[off + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* True when the backslash at data[off] starts an escape: the run of
 * backslashes it ends is odd. */
static bool
escaping(const char *data, size_t off)
{
	size_t k = off;

	while (k > 0 && data[k - 1] == '\\')
		k--;
	return (off - k) % 2 == 0;
}

uint32_t
yd_escape_surrogate(const char *data, size_t len, size_t off)
{
	long v;

	if (off + 6 > len || data[off] != '\\' || data[off + 1] != 'u')
		return 0;
	v = hex_value(data, len, off + 2, 4);
	return v >= 0xd800 && v <= 0xdfff ? (uint32_t)v : 0;
}

bool
yd_escapes_find(const char *data, size_t len, yd_escapes *e)
{
	const char *p = data, *end = data + len;
	yd_pos at = {1, 1};
	size_t walked = 0, off;
	uint32_t hi, lo;
	yd_pair *v;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		walked = 3;
	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		off = (size_t)(p - data);
		p++;
		hi = yd_escape_surrogate(data, len, off);
		if (hi < 0xd800 || hi > 0xdbff || !escaping(data, off))
			continue;
		lo = yd_escape_surrogate(data, len, off + 6);
		if (lo < 0xdc00)
			continue;
		v = grow_array(e->v, &e->cap, e->n, sizeof(*v), 8);
		if (v == NULL)
			return false;
		e->v = v;
		yd_pos_walk(&at, data, len, &walked, off);
		memset(&v[e->n], 0, sizeof(v[e->n]));
		v[e->n].off = off;
		v[e->n].at = at;
		v[e->n].cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
		e->n++;
		p = data + off + 12;
	}
	return true;
}

bool
yd_escapes_apply(const char *data, size_t len, yd_escapes *e,
		 bool only_quoted)
{
	size_t o = 0, from = 0;
	unsigned long line = 0, shift = 0;
	char *t;

	free(e->text);
	e->text = NULL;
	t = malloc(len + 1);
	if (t == NULL)
		return false;
	for (size_t k = 0; k < e->n; k++) {
		yd_pair *pr = &e->v[k];

		pr->applied = !only_quoted || pr->in_quotes;
		if (!pr->applied)
			continue;
		/* Earlier pairs on the same line are each 2 shorter. */
		if (pr->at.line != line) {
			line = pr->at.line;
			shift = 0;
		}
		pr->new_col = pr->at.col - shift;
		shift += 2;
		memcpy(t + o, data + from, pr->off - from);
		o += pr->off - from;
		pr->new_off = o;
		/* 12 characters become 10: "\U0001F469". */
		snprintf(t + o, 11, "\\U%08X", (unsigned)pr->cp);
		o += 10;
		from = pr->off + 12;
	}
	memcpy(t + o, data + from, len - from);
	o += len - from;
	t[o] = '\0';
	e->text = t;
	e->len = o;
	return true;
}

unsigned long
yd_escapes_col(const yd_escapes *e, unsigned long line, unsigned long col)
{
	unsigned long orig = col;

	if (e == NULL || e->text == NULL)
		return col;
	for (size_t k = 0; k < e->n; k++) {
		const yd_pair *pr = &e->v[k];

		if (pr->applied && pr->at.line == line && pr->new_col < col)
			orig += 2;
	}
	return orig;
}

size_t
yd_escapes_offset(const yd_escapes *e, size_t off)
{
	size_t orig = off;

	if (e == NULL || e->text == NULL)
		return off;
	for (size_t k = 0; k < e->n; k++)
		if (e->v[k].applied && e->v[k].new_off < off)
			orig += 2;
	return orig;
}

void
yd_escapes_free(yd_escapes *e)
{
	free(e->v);
	free(e->text);
	memset(e, 0, sizeof(*e));
}

size_t
yd_escape_find_cp(const char *data, size_t len, size_t from,
		  const uint32_t *cp, size_t n)
{
	size_t i = from + 1; /* past the opening quote */
	long v;

	while (i < len && data[i] != '"') {
		if (data[i] != '\\' || i + 1 >= len) {
			i++;
			continue;
		}
		switch (data[i + 1]) {
		case 'x':
			v = hex_value(data, len, i + 2, 2);
			break;
		case 'u':
			v = hex_value(data, len, i + 2, 4);
			break;
		case 'U':
			v = hex_value(data, len, i + 2, 8);
			break;
		default:
			v = -1;
			break;
		}
		for (size_t k = 0; v >= 0 && k < n; k++)
			if ((uint32_t)v == cp[k])
				return i;
		i += 2;
	}
	return (size_t)-1;
}

bool
yd_lone_surrogate(const char *name, const char *data, size_t len,
		  unsigned long line, unsigned long col, diag_list *diags)
{
	size_t off = yd_offset_of_pos(data, len, line, col);
	uint32_t half;
	yd_pos at;

	/* The place is past "\\u", at the first hex digit. */
	if (off < 2)
		return false;
	off -= 2;
	half = yd_escape_surrogate(data, len, off);
	if (half == 0)
		return false;
	at = yd_pos_of_offset(data, len, off);
	diag_add(diags, DIAG_ERROR, name, at.line, at.col, NULL,
		 _("\\u%04X is half of a surrogate pair, without its other "
		   "half: write the character itself, or both halves "
		   "(\\uD83D\\uDC69)"),
		 (unsigned)half);
	return true;
}

/* U+FEFF, U+FFFE or U+FFFF in v (0: none), told from their UTF-8 bytes,
 * EF BB BF and EF BF BE/BF. */
static uint32_t
refused_cp(const char *v, size_t len)
{
	const char *p = v, *end = v + len;

	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL &&
	       end - p >= 3) {
		if (p[1] == '\xBB' && p[2] == '\xBF')
			return 0xFEFF;
		if (p[1] == '\xBF' && (p[2] == '\xBE' || p[2] == '\xBF'))
			return p[2] == '\xBE' ? 0xFFFE : 0xFFFF;
		p++;
	}
	return 0;
}

bool
yd_refused_escape(const char *name, const char *data, size_t len,
		  unsigned long line, unsigned long col, const char *v,
		  size_t vlen, const char *(*problem)(utext_error, uint32_t),
		  diag_list *diags)
{
	uint32_t cp = refused_cp(v, vlen);
	size_t from, at;
	yd_pos p;

	if (cp == 0)
		return false;
	from = yd_offset_of_pos(data, len, line, col);
	at = yd_escape_find_cp(data, len, from, &cp, 1);
	p = yd_pos_of_offset(data, len, at == (size_t)-1 ? from : at);
	diag_add(diags, DIAG_ERROR, name, p.line, p.col, NULL,
		 _(problem(UTEXT_OK, cp)), (unsigned)cp);
	return true;
}
