/* Countries as ISO 3166-1 defines them, read from Debian's iso-codes
 * (the list in JSON, the names' translations in its gettext domain
 * "iso_3166-1"): looked up by code, matched by a typed name in English,
 * Thai, Vietnamese or Chinese, filtered as the user types, and named in a
 * reader's language. Nothing of the list is copied into the program. */
#ifndef AP_COUNTRY_H
#define AP_COUNTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct country {
	char alpha2[3];            /* "TH" */
	char alpha3[4];            /* "THA": what plans store */
	const char *name;          /* English short name: "Thailand" */
	const char *official_name; /* "Kingdom of Thailand", or NULL */
	const char *common_name;   /* "Vietnam" for "Viet Nam", or NULL */
} country;

typedef struct country_db country_db;

/* Where iso-codes is, unless the environment says otherwise
 * (ACTIONPLAN_ISO_3166 names the JSON file, ACTIONPLAN_ISO_LOCALEDIR the
 * folder of its translations; tests use them). */
#define COUNTRY_JSON "/usr/share/iso-codes/json/iso_3166-1.json"
#define COUNTRY_LOCALEDIR "/usr/share/locale"

/* Reads the list from json and the translations (Thai, Vietnamese,
 * Chinese) from localedir/LL/LC_MESSAGES/iso_3166-1.mo. NULL with a
 * problem when the list cannot be read or is not ISO 3166-1 as iso-codes
 * writes it; a missing translation is no problem (English is used). Free
 * with country_db_destroy. */
country_db *
country_db_load(const char *json, const char *localedir, diag_list *diags);

void
country_db_destroy(country_db *db);

/* The process's list, read on first use from the places above (safe to
 * call from several threads). NULL when iso-codes is missing or broken:
 * countries are then free text. The first call, and only the first,
 * appends why to problems (when not NULL), so a program says it once. */
const country_db *
country_db_default(diag_list *problems);

size_t
country_count(const country_db *db);

/* Country i (0 <= i < country_count), in the order of iso-codes. */
const country *
country_at(const country_db *db, size_t i);

/* The index of c in the list (country_at(db, i) == c). */
size_t
country_index(const country_db *db, const country *c);

/* The country with this alpha-3 or alpha-2 code (ASCII case ignored), or
 * NULL. */
const country *
country_by_code(const country_db *db, const char *code);

/* The country's name in a language ("th", "vi", "zh-CN", a locale name;
 * anything else, or a missing translation, gives English). Never NULL or
 * empty. Lives as long as db. */
const char *
country_name(const country_db *db, const country *c, const char *lang);

/* The country's official name ("Kingdom of Thailand"), or its name when
 * it has none, in a language as country_name. For documents. */
const char *
country_official_name(const country_db *db, const country *c,
		      const char *lang);

/* The countries a typed name means: its code (alpha-3 or alpha-2), or any
 * of its names (short, official, common) in English, Thai, Vietnamese or
 * Chinese, ignoring case, how accents are typed (composed or decomposed)
 * and spaces around and between words. Writes up to max of them to out
 * and returns how many there are: 1 is a match, 0 none, more an
 * ambiguous name. */
size_t
country_match(const country_db *db, const char *text, const country **out,
	      size_t max);

/* The same, telling a name that means nothing from memory running out:
 * *oom is set (and 0 returned) when it did. */
size_t
country_match_oom(const country_db *db, const char *text,
		  const country **out, size_t max, bool *oom);

/* Type-to-filter: the countries whose code or any name contains text,
 * ignoring case and accents. Exact codes first, then names that start
 * with text, then the rest, each group by English name. Empty text gives
 * every country. Writes up to max to out; returns how many there are. */
size_t
country_filter(const country_db *db, const char *text, const country **out,
	       size_t max);

/* The countries whose names are closest to text (fewest characters to
 * change), for "did you mean": at most max, none further than a third of
 * the text's length. Returns how many were written. */
size_t
country_closest(const country_db *db, const char *text, const country **out,
		size_t max);

#endif
