/* The table of item types (itype.h) and what every type shares. */
#include "itype.h"

#include <string.h>

/* By qn_type: the order of the enum in qn.h. */
static const itype *const types[] = {
	[QN_TEXT] = &itype_text,
	[QN_LINE] = &itype_line,
	[QN_YESNO] = &itype_yesno,
	[QN_CHOICE] = &itype_choice,
	[QN_MULTI] = &itype_multi,
	[QN_DATE] = &itype_date,
	[QN_EMAIL] = &itype_email,
	[QN_COUNTRY] = &itype_country,
};
#define N_TYPES (sizeof(types) / sizeof(types[0]))

const itype *
itype_get(qn_type type)
{
	if ((size_t)type < N_TYPES && types[type] != NULL)
		return types[type];
	return &itype_text;
}

const itype *
itype_of(const qn_item *it)
{
	return itype_get(it->type);
}

const itype *
itype_by_name(const char *name, qn_type *type)
{
	for (size_t t = 0; t < N_TYPES; t++) {
		if (types[t] != NULL && strcmp(types[t]->name, name) == 0) {
			*type = (qn_type)t;
			return types[t];
		}
	}
	return NULL;
}

const char *
itype_names(void)
{
	/* Made once from the table; every name is short. */
	static char names[256];

	if (names[0] == '\0') {
		size_t o = 0;

		for (size_t t = 0; t < N_TYPES; t++) {
			size_t n = strlen(types[t]->name);

			if (o + n + 3 > sizeof(names))
				break;
			if (o > 0) {
				memcpy(names + o, ", ", 2);
				o += 2;
			}
			memcpy(names + o, types[t]->name, n + 1);
			o += n;
		}
	}
	return names;
}

bool
itype_is_many(const qn_item *it)
{
	return itype_of(it)->input == ITYPE_MANY;
}

bool
itype_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

bool
itype_has_value(const qn_item *it, const plan_answer *a)
{
	return itype_is_many(it) ? a->n_values > 0 : !itype_blank(a->value);
}

long
itype_option_index(const qn_item *it, const char *id)
{
	const itype *ty = itype_of(it);
	size_t n;

	if (ty->n_options == NULL || id == NULL)
		return -1;
	n = ty->n_options(it);
	for (size_t k = 0; k < n; k++)
		if (strcmp(ty->option_id(it, k), id) == 0)
			return (long)k;
	return -1;
}
