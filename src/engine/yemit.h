/* Writing YAML with libyaml's emitter into an sbuf, the one way every YAML
 * file of the program is written (plans, submissions.yaml): UTF-8 as it
 * is, no line wrapping, LF line ends, indent 2. The first failure sticks:
 * ok turns false and later calls send nothing (events made for them are
 * freed). */
#ifndef AP_YEMIT_H
#define AP_YEMIT_H

#include <stdbool.h>

#include <yaml.h>

#include "sbuf.h"

typedef struct yemit {
	yaml_emitter_t e; /* its error and problem say why ok turned false */
	bool ok;
} yemit;

/* Starts a stream and its one document, written into out (borrowed until
 * yemit_release). False when memory runs out: nothing to release then. */
bool
yemit_start(yemit *em, sbuf *out);
/* Ends the document and the stream and flushes into out; em->ok. */
bool
yemit_end_document(yemit *em);
/* Frees the emitter (after yemit_end_document, or instead of it). */
void
yemit_release(yemit *em);

/* Sends ev, made by a yaml_*_event_initialize that returned init_ok. */
void
yemit_event(yemit *em, yaml_event_t *ev, int init_ok);
void
yemit_scalar(yemit *em, const char *s, yaml_scalar_style_t style);
/* A mapping key: plain when every YAML 1.1 and 1.2 reader takes it for the
 * same string, else double-quoted. */
void
yemit_key(yemit *em, const char *s);
/* Text: a literal block where that is exact for every reader. */
void
yemit_text(yemit *em, const char *s);
/* Any other string: double-quoted. */
void
yemit_string(yemit *em, const char *s);
void
yemit_ulong(yemit *em, unsigned long v);
/* A block mapping's start (start true) or end. */
void
yemit_map(yemit *em, bool start);
/* A sequence's start in style (start true), or its end. */
void
yemit_seq(yemit *em, bool start, yaml_sequence_style_t style);

#endif
