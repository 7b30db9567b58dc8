/* Item type "email": one e-mail address (see valid() below). */
#include "itype.h"

#include <string.h>

#include "intl.h"

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
email_local_char(unsigned char c)
{
	if (c >= 0x80)
		return true; /* UTF-8 local parts (RFC 6531) */
	if (c <= 0x20 || c == 0x7f)
		return false;
	return strchr("\"(),:;<>@[\\]", c) == NULL;
}

static bool
email_domain_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* A sane address, not RFC 5322 in full: local@domain.tld with no spaces or
 * quoting, dots only between parts, labels of letters, digits and '-', and
 * a top-level label of two or more characters that is not all digits. */
static bool
valid(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dom, *label;
	size_t len = strlen(s), local;
	bool tld_digits = true;
	size_t tld_len = 0;
	int labels = 0;

	if (at == NULL || strchr(at + 1, '@') != NULL || len > 254)
		return false;
	local = (size_t)(at - s);
	if (local == 0 || local > 64 || s[0] == '.' || at[-1] == '.')
		return false;
	for (size_t i = 0; i < local; i++) {
		if (!email_local_char((unsigned char)s[i]))
			return false;
		if (s[i] == '.' && s[i + 1] == '.')
			return false;
	}
	dom = at + 1;
	label = dom;
	for (const char *c = dom;; c++) {
		if (*c == '.' || *c == '\0') {
			size_t n = (size_t)(c - label);

			if (n == 0 || n > 63 || label[0] == '-' ||
			    c[-1] == '-')
				return false;
			labels++;
			tld_len = n;
			tld_digits = digits(label, n);
			if (*c == '\0')
				break;
			label = c + 1;
		} else if (!email_domain_char((unsigned char)*c)) {
			return false;
		}
	}
	return labels >= 2 && tld_len >= 2 && !tld_digits;
}

static const char *
problem(const qn *q, size_t item, const plan_answer *a)
{
	if (valid(a->value))
		return NULL;
	return _("expected an e-mail address like name@example.org");
}

static const char *
line_hint(const qn_item *it)
{
	return _("Type the e-mail address. An empty line keeps the current "
		 "answer.");
}

const itype itype_email = {
	.name = "email",
	.input = ITYPE_LINE,
	.pattern = true,
	.problem = problem,
	.line_hint = line_hint,
};
