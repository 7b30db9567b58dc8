/* The interactive form: start screen, outline, item editor, autosave. */
#ifndef AP_TUI_H
#define AP_TUI_H

typedef struct tui_options {
	const char *path;       /* plan file; NULL: start screen (drafts folder) */
	const char *qn_id;      /* questionnaire for a new plan, or NULL */
	const char *answers_path; /* --answers: preload, or NULL */
	const char *export_dir; /* where Finish writes exports, or NULL */
	const char *from_path;  /* --from: path is a new revision of it */
} tui_options;

/* Runs the form on the terminal. Restores the terminal on every exit path.
 * Returns the process exit status. */
int
tui_run(const tui_options *opt);

#endif
