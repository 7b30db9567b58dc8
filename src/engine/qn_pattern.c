/* Item patterns: POSIX extended regexes, bounded before glibc's regcomp
 * sees them (its cost grows with nested counts), compiled once anchored to
 * the whole value. */
#include "qn_int.h"

#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define MAX_PATTERN 1024 /* bytes in a pattern */
#define MAX_PATTERN_COST 10000
#define MAX_PATTERN_DEPTH 32
/* Optional copies a{m,n} makes (n - m of them, nested one in the next),
 * over the whole pattern: regcomp's work on them grows with their square
 * ("a{1,9999}" takes 9 s; a{0,1000} a fifth of a second). */
#define MAX_PATTERN_OPTIONAL 1000

/* Whether the parts of a pattern can match the empty string, per open
 * group: some finished alternative, the current alternative before its
 * last atom, the last atom. */
typedef struct nullable {
	bool alt, before, last;
} nullable;

/* The last atom is done: the alternative so far is empty-matching when
 * everything before it and it are. */
static void
null_atom(nullable *n, bool empty)
{
	n->before = n->before && n->last;
	n->last = empty;
}

/* The length of the comma of a count at p[j]: 1 for ',', 2 for "\,",
 * which glibc's regcomp reads inside braces as a comma too ("a{\,9999}"
 * is a{0,9999}: found by the fuzzer), 0 when there is none. */
static size_t
comma_at(const char *p, size_t j, size_t len)
{
	if (j < len && p[j] == ',')
		return 1;
	if (j + 1 < len && p[j] == '\\' && p[j + 1] == ',')
		return 2;
	return 0;
}

/* An upper bound of how much glibc's regcomp expands a pattern: it copies
 * the operand of a{m,n} n times, so nested counts multiply ("((a{1,99})
 * {1,99}){1,99}" would take gigabytes). A repetition of something that
 * can match the empty string is refused outright: regcomp's work on its
 * empty loops doubles with each copy ("(a*)*{20}" takes 10 s, "a**{25}"
 * longer than anyone waits; found by the fuzzer). Returns a message, or
 * NULL. One pass, as regcomp's parser reads a pattern: the state of each
 * open group would only have to travel between smaller functions. */
static const char *
pattern_problem(const char *p)
{
	/* Per open group: cost of finished alternatives, of the current one,
	 * and of the last atom (what a repetition applies to). */
	size_t total[MAX_PATTERN_DEPTH + 1], cur[MAX_PATTERN_DEPTH + 1];
	size_t last[MAX_PATTERN_DEPTH + 1];
	/* The same for the optional copies made by counts. */
	size_t opt_total[MAX_PATTERN_DEPTH + 1], opt_cur[MAX_PATTERN_DEPTH + 1];
	size_t opt_last[MAX_PATTERN_DEPTH + 1];
	nullable nul[MAX_PATTERN_DEPTH + 1];
	size_t depth = 0, i = 0, len = strlen(p);

	total[0] = cur[0] = last[0] = 0;
	opt_total[0] = opt_cur[0] = opt_last[0] = 0;
	/* Nothing yet: an empty "last atom" that nothing repeats. */
	nul[0] = (nullable){false, true, true};
	while (i < len) {
		char c = p[i];
		bool count = c == '{' && last[depth] > 0 && i + 1 < len &&
			     ((p[i + 1] >= '0' && p[i + 1] <= '9') ||
			      comma_at(p, i + 1, len) > 0);

		if (c == '(') {
			if (++depth > MAX_PATTERN_DEPTH)
				return N_("the pattern nests groups too deeply");
			total[depth] = cur[depth] = last[depth] = 0;
			opt_total[depth] = opt_cur[depth] = opt_last[depth] = 0;
			nul[depth] = (nullable){false, true, true};
			i++;
		} else if (c == ')') {
			size_t g, og;
			bool empty;

			if (depth == 0)
				return N_("the pattern has a ')' without '('");
			g = total[depth] + cur[depth] + 1;
			og = opt_total[depth] + opt_cur[depth];
			empty = nul[depth].alt ||
				(nul[depth].before && nul[depth].last);
			depth--;
			last[depth] = g;
			cur[depth] += g;
			opt_last[depth] = og;
			opt_cur[depth] += og;
			null_atom(&nul[depth], empty);
			i++;
		} else if (c == '|') {
			total[depth] += cur[depth];
			cur[depth] = last[depth] = 0;
			opt_total[depth] += opt_cur[depth];
			opt_cur[depth] = opt_last[depth] = 0;
			nul[depth].alt = nul[depth].alt ||
					 (nul[depth].before && nul[depth].last);
			nul[depth].before = nul[depth].last = true;
			i++;
		} else if ((c == '*' || c == '+' || count) && last[depth] > 0 &&
			   nul[depth].last) {
			return N_("the pattern repeats something that can "
				  "match nothing");
		} else if (count) {
			/* glibc reads "a{,n}" as a{0,n}: counted the same. */
			size_t m = 0, n = 0, j = i + 1;
			bool comma = false, has_n = false;

			while (j < len && p[j] >= '0' && p[j] <= '9' &&
			       m < 100000)
				m = m * 10 + (size_t)(p[j++] - '0');
			if (comma_at(p, j, len) > 0) {
				comma = true;
				j += comma_at(p, j, len);
				while (j < len && p[j] >= '0' &&
				       p[j] <= '9' && n < 100000) {
					n = n * 10 + (size_t)(p[j++] - '0');
					has_n = true;
				}
			}
			if (j >= len || p[j] != '}')
				return N_("the pattern has a '{' without "
					  "a closing '}'");
			{
				size_t k = has_n ? n : comma ? m + 1 : m;
				size_t optional = has_n && n > m ? n - m : 0;
				size_t grown, opt_grown;

				if (k < 1)
					k = 1;
				if (k > MAX_PATTERN_COST)
					return N_("the pattern repeats too often");
				/* Both below MAX_PATTERN_COST squared: no
				 * overflow. */
				opt_grown = opt_last[depth] * k +
					    optional * last[depth];
				opt_cur[depth] += opt_grown - opt_last[depth];
				opt_last[depth] = opt_grown;
				grown = last[depth] * k;
				cur[depth] += grown - last[depth];
				last[depth] = grown;
				if (opt_cur[depth] + opt_total[depth] >
				    MAX_PATTERN_OPTIONAL)
					return N_("the pattern repeats too often");
			}
			if (m == 0)
				nul[depth].last = true;
			i = j + 1;
		} else if (c == '+') {
			/* regcomp turns a+ into aa*. */
			cur[depth] += last[depth];
			last[depth] *= 2;
			i++;
		} else if (c == '*' || c == '?') {
			nul[depth].last = true;
			i++;
		} else if (c == '[') {
			size_t j = i + 1;

			if (j < len && p[j] == '^')
				j++;
			if (j < len && p[j] == ']')
				j++;
			while (j < len && p[j] != ']') {
				if (p[j] == '[' && j + 1 < len &&
				    (p[j + 1] == ':' || p[j + 1] == '.' ||
				     p[j + 1] == '=')) {
					char close = p[j + 1];

					j += 2;
					while (j + 1 < len &&
					       !(p[j] == close && p[j + 1] == ']'))
						j++;
					j += 2;
					continue;
				}
				j++;
			}
			if (j >= len)
				return N_("the pattern has a '[' without "
					  "a closing ']'");
			last[depth] = 1;
			cur[depth] += 1;
			opt_last[depth] = 0;
			null_atom(&nul[depth], false);
			i = j + 1;
		} else {
			/* The anchors match an empty string. */
			bool empty = c == '^' || c == '$';

			if (c == '\\' && i + 1 < len)
				i++;
			last[depth] = 1;
			cur[depth] += 1;
			opt_last[depth] = 0;
			null_atom(&nul[depth], empty);
			i++;
		}
		if (cur[depth] + total[depth] > MAX_PATTERN_COST)
			return N_("the pattern is too complex");
	}
	if (depth != 0)
		return N_("the pattern has a '(' without ')'");
	return NULL;
}

/* A pattern compiled once, anchored to the whole value. */
struct qn_regex {
	regex_t re;
};

/* Compiles "^(pattern)$": POSIX has no (?:...), and with REG_NOSUB the
 * extra group costs nothing. Returns regcomp's code, or -1 when memory
 * ran out before it. */
static int
compile_whole(const char *pattern, struct qn_regex **out)
{
	size_t n = strlen(pattern);
	struct qn_regex *r;
	char *anchored;
	int rc;

	*out = NULL;
	r = malloc(sizeof(*r));
	anchored = malloc(n + 5);
	if (r == NULL || anchored == NULL) {
		free(r);
		free(anchored);
		return -1;
	}
	snprintf(anchored, n + 5, "^(%s)$", pattern);
	rc = regcomp(&r->re, anchored, REG_EXTENDED | REG_NOSUB);
	free(anchored);
	if (rc != 0) {
		free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void
qn_regex_free(struct qn_regex *r)
{
	if (r == NULL)
		return;
	regfree(&r->re);
	free(r);
}

bool
qn_pattern_compile(const char *pattern, struct qn_regex **out, char *msg,
		   size_t size)
{
	const char *why;
	regex_t re;
	int rc;

	*out = NULL;
	if (strlen(pattern) > MAX_PATTERN) {
		snprintf(msg, size, _("the pattern is longer than %d bytes"),
			 MAX_PATTERN);
		return false;
	}
	why = pattern_problem(pattern);
	if (why != NULL) {
		snprintf(msg, size, _("bad pattern: %s"), _(why));
		return false;
	}
	/* Alone first: "a)|(b" is only wrong before it is anchored. */
	rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);
	if (rc == 0) {
		regfree(&re);
		rc = compile_whole(pattern, out);
		if (rc < 0) {
			snprintf(msg, size, "%s", _("out of memory"));
			return false;
		}
	}
	if (rc == REG_ESPACE) {
		/* regcomp's own words for it would hide what it is. */
		snprintf(msg, size, "%s", _("out of memory"));
		return false;
	}
	if (rc != 0) {
		char text[256];

		regerror(rc, &re, text, sizeof(text));
		snprintf(msg, size, _("bad pattern: %s"), text);
		return false;
	}
	return true;
}

int
qn_pattern_match(const qn_item *it, const char *value)
{
	struct qn_regex *tmp = NULL;
	int r;

	if (it->pattern == NULL)
		return 1;
	/* An item made by hand, not by the loader, has it uncompiled. */
	if (it->pattern_re == NULL && compile_whole(it->pattern, &tmp) != 0)
		return -1;
	r = regexec(tmp ? &tmp->re : &it->pattern_re->re, value, 0, NULL,
		    0) == 0;
	qn_regex_free(tmp);
	return r;
}

