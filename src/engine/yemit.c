/* The YAML writer of yemit.h. */
#include "yemit.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utext.h"

bool
yemit_start(yemit *em, sbuf *out)
{
	yaml_event_t ev;

	em->ok = true;
	if (!yaml_emitter_initialize(&em->e)) {
		em->ok = false;
		return false;
	}
	yaml_emitter_set_output(&em->e, sbuf_write_handler, out);
	yaml_emitter_set_unicode(&em->e, 1);
	yaml_emitter_set_width(&em->e, -1);
	yaml_emitter_set_indent(&em->e, 2);
	yaml_emitter_set_canonical(&em->e, 0);
	yaml_emitter_set_break(&em->e, YAML_LN_BREAK);
	yemit_event(em, &ev,
		    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	yemit_event(em, &ev, yaml_document_start_event_initialize(
				     &ev, NULL, NULL, NULL, 1));
	return true;
}

bool
yemit_end_document(yemit *em)
{
	yaml_event_t ev;

	yemit_event(em, &ev, yaml_document_end_event_initialize(&ev, 1));
	yemit_event(em, &ev, yaml_stream_end_event_initialize(&ev));
	if (em->ok && !yaml_emitter_flush(&em->e))
		em->ok = false;
	return em->ok;
}

void
yemit_release(yemit *em)
{
	yaml_emitter_delete(&em->e);
}

/* An event is freed by yaml_emitter_emit (or kept in its queue until
 * yaml_emitter_delete); one not sent must be freed here. */
void
yemit_event(yemit *em, yaml_event_t *ev, int init_ok)
{
	if (!init_ok) {
		/* libyaml's event constructors fail when memory runs out
		 * (yemit_scalar checks the UTF-8 they would refuse). */
		if (em->ok && em->e.error == YAML_NO_ERROR)
			em->e.error = YAML_MEMORY_ERROR;
		em->ok = false;
		return;
	}
	if (!em->ok) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&em->e, ev))
		em->ok = false;
}

void
yemit_scalar(yemit *em, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	size_t len = strlen(s);

	if (len > INT_MAX || !utext_valid(s, len, NULL)) {
		if (em->ok && em->e.error == YAML_NO_ERROR) {
			em->e.error = YAML_EMITTER_ERROR;
			em->e.problem = len > INT_MAX ? "a string is too long"
						      : "a string is not UTF-8";
		}
		em->ok = false;
		return;
	}
	yemit_event(em, &ev,
		    yaml_scalar_event_initialize(&ev, NULL, NULL,
						 (yaml_char_t *)(uintptr_t)s,
						 (int)len, 1, 1, style));
}

/* True for a key that every YAML 1.1 and 1.2 reader takes for the same
 * string when it is written plain: starts with a letter, holds only
 * letters, digits, '.', '-' and '_', and is no boolean or null word. */
static bool
plain_key_safe(const char *s)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "on", "off", "true", "false", "null",
		NULL,
	};
	char low[8];
	size_t len = strlen(s);

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (const char *c = s; *c != '\0'; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
		      *c == '_'))
			return false;
	}
	if (len >= sizeof(low))
		return true;
	for (size_t i = 0; i <= len; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	for (size_t i = 0; words[i] != NULL; i++)
		if (strcmp(low, words[i]) == 0)
			return false;
	return true;
}

void
yemit_key(yemit *em, const char *s)
{
	yemit_scalar(em, s, plain_key_safe(s) ? YAML_PLAIN_SCALAR_STYLE
					      : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

/* libyaml itself falls back to double quotes for most text a literal
 * block cannot hold; the one case it gets wrong is U+2028/U+2029, which
 * YAML 1.1 readers (libyaml, PyYAML) take for line breaks and YAML 1.2
 * readers (js-yaml) do not. */
void
yemit_text(yemit *em, const char *s)
{
	bool literal = strstr(s, "\xe2\x80\xa8") == NULL &&
		       strstr(s, "\xe2\x80\xa9") == NULL;

	yemit_scalar(em, s, literal ? YAML_LITERAL_SCALAR_STYLE
				    : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void
yemit_string(yemit *em, const char *s)
{
	yemit_scalar(em, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void
yemit_ulong(yemit *em, unsigned long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lu", v);
	yemit_scalar(em, num, YAML_PLAIN_SCALAR_STYLE);
}

void
yemit_map(yemit *em, bool start)
{
	yaml_event_t ev;

	if (start)
		yemit_event(em, &ev, yaml_mapping_start_event_initialize(
					     &ev, NULL, NULL, 1,
					     YAML_BLOCK_MAPPING_STYLE));
	else
		yemit_event(em, &ev, yaml_mapping_end_event_initialize(&ev));
}

void
yemit_seq(yemit *em, bool start, yaml_sequence_style_t style)
{
	yaml_event_t ev;

	if (start)
		yemit_event(em, &ev, yaml_sequence_start_event_initialize(
					     &ev, NULL, NULL, 1, style));
	else
		yemit_event(em, &ev, yaml_sequence_end_event_initialize(&ev));
}
