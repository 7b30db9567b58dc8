/* An editing session on one plan file, shared by the form and the line mode:
 * finding questionnaires, opening (locked, or read-only when another editor
 * holds the lock or the plan cannot or must not be written), cleaning up
 * after killed writers, autosave that never writes over a file another
 * program changed, hang-up and termination signals, and finishing
 * (validate, make final, write the exports). No terminal I/O here. */
#ifndef AP_SESSION_H
#define AP_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "plan.h"
#include "qn.h"
#include "store.h"
#include "validate.h"

/* Set by the signal handlers (SIGHUP, SIGTERM, SIGINT): the signal number.
 * The handlers do nothing else. Front ends check it in their input loops. */
extern volatile sig_atomic_t session_signal;

/* Installs the handlers with sigaction, without SA_RESTART, so that a
 * blocking read returns EINTR. Call before initscr(). Also ignores SIGPIPE,
 * so that writing to a closed output fails with EPIPE instead of killing
 * the program before it saves. */
void
session_install_signals(void);

/* Questionnaire folders in search order, NULL-terminated, static storage
 * (computed on the first call): $ACTIONPLAN_QUESTIONNAIRES (colon-separated,
 * empty parts skipped), then the source tree's questionnaires/ when that
 * folder exists (so the program runs from its build tree), then the
 * installed datadir. */
const char *const *
session_qn_dirs(void);

/* The drafts folder: $XDG_DATA_HOME/actionplan/drafts, or
 * ~/.local/share/actionplan/drafts (a relative XDG_DATA_HOME is ignored, as
 * the XDG spec says; without HOME the password database is asked); created
 * with mode 0700 when create. Returns a malloc'd path or NULL with a
 * problem. */
char *
session_drafts_dir(bool create, diag_list *diags);

/* A folder of the XDG base directories: $VAR/SUB when VAR holds an
 * absolute path, else $HOME/HOME_BASE/SUB (HOME from the password
 * database when unset), created with mode 0700 when create. `what` names
 * it in the problem when there is no home. Returns a malloc'd path or
 * NULL with a problem. session_drafts_dir is ("XDG_DATA_HOME",
 * ".local/share", "actionplan/drafts", "drafts"). */
char *
session_xdg_dir(const char *var, const char *home_base, const char *sub,
		const char *what, bool create, diag_list *diags);

typedef struct session {
	char *path;       /* the plan file */
	qn *qn;           /* owned */
	plan *plan;       /* owned; the text in memory is the truth */
	store_lock *lock; /* NULL when read-only */
	bool read_only;   /* nothing is saved (ro_reason says why) */
	bool held_elsewhere; /* read-only: another editor holds the lock */
	char *ro_reason;  /* "read-only: ..." in words, or NULL */
	/* Something the user must be told once, in words (a conflict, a
	 * copy recovered from an interrupted save): see session_take_notice.
	 * NULL when there is nothing. */
	char *notice;
	/* Set once the plan file was changed by another program after it
	 * was read or saved here: from then on saves go to this file,
	 * PATH.conflict-PID.yaml beside it. NULL otherwise. */
	char *conflict_path;
	store_id disk;    /* the file saves replace, as read or last saved */
	size_t leftovers_removed; /* temporary files of killed writers */
	bool dirty;       /* changed since the last successful save */
	char saved_at[6]; /* "14:02" local time of the last save, "" if none */
	char *save_error; /* message of the last failed save, or NULL */
	/* A new plan's language item holds the language of messages, a
	 * default that preloaded answers replace. */
	bool lang_default;
} session;

/* Opens path: loads it (finding its questionnaire with qn_find) or, when it
 * does not exist, creates a new draft of the highest version of
 * questionnaire qn_id (NULL: the build's default, meson option
 * default_questionnaire) that is written on the first save (so the session
 * starts not dirty).
 *
 * The session is read-only, with ro_reason saying why and what to do, when
 * the plan's folder can be changed by other users (store_folder_safe), the
 * file belongs to another user or has no write permission, the folder is
 * on a read-only file system or not writable, or another editor holds the
 * lock (held_elsewhere; diags then holds a warning naming the holder). A
 * plan that does not exist yet is refused in those cases but the last.
 * Otherwise the lock is taken before anything is read, and temporary files
 * of earlier writers that were killed are cleaned up (leftover_clean): a
 * copy recovered from one is announced in notice (or, when the open then
 * fails, as a warning in diags). NULL on errors (problems in diags). */
session *
session_open(const char *path, const char *qn_id, diag_list *diags);

/* When q has a country item and iso-codes' list of countries cannot be
 * read: a warning in diags saying so and that countries are then typed as
 * free text, once a process (later calls add nothing). The front ends say
 * it when a plan opens. */
void
session_countries_notice(const qn *q, diag_list *diags);

/* Saves when dirty (and not read-only): modified is set to now, then the
 * plan is written, unless the file on disk is no longer the one read or
 * last saved here (another program replaced or changed it): then it is
 * never written over; the plan goes to conflict_path, PATH.conflict-PID.yaml
 * beside it, as does every later save, and notice tells the user what
 * happened and what to do. Returns true when nothing needed saving or the
 * save worked (dirty cleared, saved_at set, save_error cleared). On failure
 * the error, with its cause (the system's words for the errno), is kept in
 * save_error, dirty stays true, and false is returned; the caller retries
 * later. A read-only session with changes returns false (with save_error
 * saying why). */
bool
session_save(session *s);

/* Marks a change of the plan in memory. A final plan that is changed
 * becomes a draft again (its revision stays; the next finish raises it). */
void
session_changed(session *s);

/* Validates as final. When problems remain they are appended to out and
 * false is returned. Otherwise: answers of hidden items dropped, status
 * final, revision + 1, saved to the plan file, and the YAML and text
 * exports written as DIR/NAME.yaml and DIR/NAME.txt, where DIR is
 * export_dir (NULL: the plan's folder; created when missing) and NAME is
 * made from the country and the date ("united-states-of-america-2000-01":
 * ASCII letters and digits, other runs as '-', never leaving DIR; "plan"
 * when the country gives nothing; "-export" appended if it would be the
 * plan file itself). A symlink at an export path is replaced, never
 * followed. The paths written are returned in yaml_out and text_out
 * (malloc'd) when not NULL. A plan already final and unchanged keeps its
 * revision and file; only its exports are written again. Other failures
 * (read-only, save or export errors) return false with out left empty and
 * the reason in diags. */
bool
session_make_final(session *s, const char *export_dir, val_list *out,
	       char **yaml_out, char **text_out, diag_list *diags);

/* Preloads answers (actionplan fill --answers FILE, as debconf preseeds):
 * path is another plan file of the same questionnaire, or a partial YAML
 * file holding only `details:` and/or `answers:` mappings (the header keys
 * may be left out). Its answers are copied into every item the session's
 * plan leaves unanswered; answered items keep their answers. The counts of
 * copied and kept answers go to *n_copied and *n_kept (may be NULL). Marks
 * the session changed when anything was copied. False (plan untouched) when
 * the file cannot be read or has errors (with file:line:col in diags). */
bool
session_preload(session *s, const char *path, size_t *n_copied,
		size_t *n_kept, diag_list *diags);

/* The notice for the user, handed over (malloc'd; the caller frees it), or
 * NULL when there is none. */
char *
session_take_notice(session *s);

/* Saves if dirty, releases the lock, frees everything. NULL is a no-op. */
void
session_close(session *s);

#endif
