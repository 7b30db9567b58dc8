/* Items named the way people name them: "P6", "prev 6", "Prevention 6",
 * "prev.6", an id in any case, or a section for its first item. */
#include "qn_int.h"

#include <stdbool.h>
#include <string.h>


static bool
names_section(const qn_section *s, const char *name, size_t len)
{
	size_t i;
	char buf[MAX_ID + 1];

	if (len == 0 || len > MAX_ID)
		return false;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (s->id != NULL && ascii_ieq(s->id, buf))
		return true;
	if (s->title != NULL && ascii_ieq(s->title, buf))
		return true;
	for (i = 0; i < s->n_keys; i++)
		if (ascii_ieq(s->keys[i], buf))
			return true;
	return false;
}

/* The item of section s with this number; in a section without numbers,
 * the n-th item ("D1"). */
static long
item_in_section(const qn *q, const qn_section *s, const char *num,
		size_t len)
{
	size_t i;
	bool numbered = false;

	for (i = s->first; i < s->first + s->n_items; i++) {
		const char *n = q->items[i].number;

		if (n != NULL && n[0] != '\0')
			numbered = true;
		if (n != NULL && strlen(n) == len &&
		    strncmp(n, num, len) == 0)
			return (long)i;
	}
	if (len == 0)
		return s->n_items > 0 ? (long)s->first : -1;
	if (!numbered && len <= 6) {
		size_t k = 0;

		for (i = 0; i < len; i++) {
			if (num[i] < '0' || num[i] > '9')
				return -1;
			k = k * 10 + (size_t)(num[i] - '0');
		}
		if (k >= 1 && k <= s->n_items)
			return (long)(s->first + k - 1);
	}
	return -1;
}

static long
find_in_sections(const qn *q, const char *name, size_t nlen,
		 const char *num, size_t len)
{
	size_t i;

	for (i = 0; i < q->n_sections; i++) {
		long r;

		if (!names_section(&q->sections[i], name, nlen))
			continue;
		r = item_in_section(q, &q->sections[i], num, len);
		if (r >= 0)
			return r;
	}
	return -1;
}

long
qn_find_ref(const qn *q, const char *ref)
{
	const char *s, *e, *sp, *p;
	size_t i;
	long r;

	if (q == NULL || ref == NULL)
		return -1;
	s = ref;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	if (e == s || (size_t)(e - s) > 2 * MAX_ID)
		return -1;
	{
		char buf[2 * MAX_ID + 1];

		memcpy(buf, s, (size_t)(e - s));
		buf[e - s] = '\0';
		r = qn_item_index(q, buf);
		if (r >= 0)
			return r;
		/* An id typed in another case. */
		for (i = 0; i < q->n_items; i++)
			if (q->items[i].id != NULL &&
			    ascii_ieq(q->items[i].id, buf))
				return (long)i;
	}
	/* "prev 6", "Plan details 2": the number is the last word. */
	for (sp = e; sp > s && sp[-1] != ' ' && sp[-1] != '\t'; sp--)
		;
	if (sp > s) {
		const char *ne = sp;

		while (ne > s && (ne[-1] == ' ' || ne[-1] == '\t'))
			ne--;
		r = find_in_sections(q, s, (size_t)(ne - s), sp,
				     (size_t)(e - sp));
		if (r >= 0)
			return r;
	}
	/* "prev.6" */
	p = memchr(s, '.', (size_t)(e - s));
	if (p != NULL) {
		r = find_in_sections(q, s, (size_t)(p - s), p + 1,
				     (size_t)(e - p - 1));
		if (r >= 0)
			return r;
	}
	/* "P6": letters, then the number from the first digit. */
	for (p = s; p < e && !(*p >= '0' && *p <= '9'); p++)
		;
	if (p > s && p < e) {
		r = find_in_sections(q, s, (size_t)(p - s), p,
				     (size_t)(e - p));
		if (r >= 0)
			return r;
	}
	/* "prev", "Introduction": the section's first item. */
	return find_in_sections(q, s, (size_t)(e - s), "", 0);
}
