/* Line mode: asks the questions one after another as plain lines, for
 * screen readers, dumb terminals and scripts (no cursor addressing). */
#ifndef AP_LINE_H
#define AP_LINE_H

#include <stdio.h>

typedef struct line_options {
	const char *path;         /* plan file to open or create */
	const char *qn_id;        /* questionnaire for a new plan, or NULL */
	const char *answers_path; /* --answers: preload from this file, or NULL */
	const char *export_dir;   /* where :finish writes exports, or NULL */
	const char *from_path;    /* --from: path is a new revision of it */
} line_options;

/* Runs the line mode on in/out (in is read with read(2) semantics through
 * its fd so that signals interrupt it). Returns the process exit status. */
int
line_run(const line_options *opt, FILE *in, FILE *out);

#endif
