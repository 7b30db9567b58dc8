/* Editing sessions shared by the form and the line mode: finding
 * questionnaires, locking, autosave, signals, finishing and exports. */
#include "session.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "country.h"
#include "export.h"
#include "i18n.h"
#include "itype.h"
#include "leftover.h"
#include "loadplan.h"
#include "planio.h"
#include "session_int.h"
#include "writable.h"
#include "ydoc.h"

#ifndef AP_DATADIR
#define AP_DATADIR "/usr/local/share/actionplan"
#endif
#ifndef AP_DEFAULT_QN
#define AP_DEFAULT_QN "ariat-2000"
#endif

/* At most this many folders from $ACTIONPLAN_QUESTIONNAIRES: the variable
 * comes from outside and the list is static. */
#define MAX_ENV_DIRS 32
/* Bytes of $ACTIONPLAN_QUESTIONNAIRES used: room for 32 long folders. */
#define MAX_ENV_LEN (32 * 1024)
/* Longest export name made from the country, before the date. */
#define MAX_NAME_COUNTRY 60

volatile sig_atomic_t session_signal;

static void
on_signal(int sig)
{
	session_signal = sig;
}

void
session_install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: blocking reads must return EINTR so the input loop
	 * sees the flag and saves. */
	sa.sa_flags = 0;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
}

#ifdef AP_SOURCE_QN_DIR
static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
#endif

/* Appends dir unless it names a folder already listed (the same folder
 * searched twice would only repeat itself in messages). */
static size_t
add_dir(const char **dirs, size_t n, const char *dir)
{
	struct stat a, b;
	bool have = stat(dir, &a) == 0;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(dirs[i], dir) == 0)
			return n;
		if (have && stat(dirs[i], &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return n;
	}
	dirs[n] = dir;
	return n + 1;
}

const char *const *
session_qn_dirs(void)
{
	static const char *dirs[MAX_ENV_DIRS + 3];
	/* A copy to cut at the colons: static, so that nothing here can
	 * run out of memory and quietly drop the folders asked for. A
	 * longer variable is cut after its last whole folder that fits. */
	static char env_copy[MAX_ENV_LEN];
	static bool done;
	size_t n = 0;
	const char *env;

	if (done)
		return dirs;
	done = true;
	env = getenv("ACTIONPLAN_QUESTIONNAIRES");
	if (env != NULL && *env != '\0') {
		char *p = env_copy;

		snprintf(env_copy, sizeof(env_copy), "%s", env);
		if (strlen(env) >= sizeof(env_copy)) {
			char *colon = strrchr(env_copy, ':');

			*(colon != NULL ? colon : env_copy) = '\0';
		}
		while (p != NULL && n < MAX_ENV_DIRS) {
			char *colon = strchr(p, ':');

			if (colon != NULL)
				*colon = '\0';
			if (*p != '\0')
				n = add_dir(dirs, n, p);
			p = colon != NULL ? colon + 1 : NULL;
		}
	}
#ifdef AP_SOURCE_QN_DIR
	/* Present only on the machine that built the program, so a build
	 * run from its tree finds the questionnaires without installing. */
	if (is_dir(AP_SOURCE_QN_DIR))
		n = add_dir(dirs, n, AP_SOURCE_QN_DIR);
#endif
	n = add_dir(dirs, n, AP_DATADIR "/questionnaires");
	dirs[n] = NULL;
	return dirs;
}

char *
session_xdg_dir(const char *var, const char *home_base, const char *sub,
		const char *what, bool create, diag_list *diags)
{
	const char *xdg = getenv(var);
	const char *home = getenv("HOME");
	char *dir = NULL, *base = NULL;

	/* The XDG spec: a relative path in XDG_*_HOME is invalid and must
	 * be ignored. */
	if (xdg != NULL && xdg[0] == '/') {
		dir = store_join(xdg, sub);
	} else {
		if (home == NULL || home[0] != '/') {
			struct passwd *pw = getpwuid(getuid());

			home = pw != NULL ? pw->pw_dir : NULL;
		}
		if (home == NULL || home[0] != '/') {
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
				 "cannot find the %s folder: HOME is not set "
				 "and %s is not an absolute path",
				 what, var);
			return NULL;
		}
		base = store_join(home, home_base);
		dir = base != NULL ? store_join(base, sub) : NULL;
		free(base);
	}
	if (dir == NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL, "out of memory");
		return NULL;
	}
	if (create && !store_mkdirs(dir, 0700, diags)) {
		free(dir);
		return NULL;
	}
	/* A folder other users can change is not used: they could plant
	 * drafts or keys in it or replace the official's. */
	if ((create || access(dir, F_OK) == 0) &&
	    !store_folder_safe(dir, diags)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *
session_drafts_dir(bool create, diag_list *diags)
{
	return session_xdg_dir("XDG_DATA_HOME", ".local/share",
			       "actionplan/drafts", "drafts", create, diags);
}

static void
move_as_warnings(diag_list *dst, diag_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (src->v[i].severity == DIAG_ERROR) {
			src->v[i].severity = DIAG_WARNING;
			src->n_errors--;
		}
	}
	diag_list_move(dst, src);
}

/* Read-only or locked: decides how the session may write, before
 * anything is read. False when the plan cannot be opened at all. */
static bool
take_access(session *s, diag_list *diags)
{
	diag_list lockd = DIAG_LIST_INIT;
	size_t errors = diags->n_errors;
	bool ok = false;

	s->ro_reason = writable_refusal(s->path, diags);
	if (diags->n_errors > errors)
		goto out;
	if (s->ro_reason == NULL) {
		s->lock = store_lock_acquire(s->path, &lockd);
		if (s->lock != NULL) {
			move_as_warnings(diags, &lockd);
			ok = true;
			goto out;
		}
		s->ro_reason = writable_lock_refusal(s->path, &lockd, diags);
		s->held_elsewhere = store_lock_busy(&lockd);
		if (s->ro_reason == NULL) {
			if (diags->n_errors == errors)
				diag_list_move(diags, &lockd);
			goto out;
		}
	}
	/* A new plan that could never be saved is no use; one held by
	 * another editor may still be written by that editor. */
	if (!s->disk.exists && !s->held_elsewhere) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, NULL,
			 _("cannot create the plan: %s"), s->ro_reason);
		goto out;
	}
	s->read_only = true;
	move_as_warnings(diags, &lockd);
	ok = true;
out:
	diag_list_free(&lockd);
	return ok;
}

session *
session_open(const char *path, const char *qn_id, diag_list *diags)
{
	session *s = NULL;
	leftover_result lr = {0};

	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->path = strdup(path)) == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL, "out of memory");
		goto fail;
	}
	/* Who the file is, before it is read: a change after this point
	 * shows at the first save (a needless conflict copy at worst). */
	if (!store_id_of(path, &s->disk, diags) || !take_access(s, diags))
		goto fail;
	if (s->lock != NULL) {
		leftover_clean(path, session_qn_dirs(), &lr, diags);
		s->leftovers_removed = lr.removed;
	}

	if (!s->disk.exists) {
		const char *id = qn_id != NULL ? qn_id : AP_DEFAULT_QN;

		/* Version 0: the highest version installed. */
		s->qn = qn_find(session_qn_dirs(), id, 0, diags);
		if (s->qn == NULL)
			goto fail;
		s->plan = plan_create(s->qn);
		if (s->plan == NULL) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 "out of memory");
			goto fail;
		}
		/* Answers are first taken to be in the language of
		 * messages; the official can change it (issue 5). */
		if (s->qn->language_item >= 0)
			s->lang_default = plan_set_value(
				s->plan, (size_t)s->qn->language_item,
				i18n_ui_language());
		goto out;
	}

	s->plan = loadplan(path, session_qn_dirs(), &s->qn, NULL, diags);
	if (s->plan == NULL)
		goto fail;
	goto out;

fail:
	/* Told even when the plan does not open: the copy is the way on. */
	if (lr.message != NULL)
		diag_add(diags, DIAG_WARNING, NULL, 0, 0, NULL, "%s",
			 lr.message);
	session_close(s);
	s = NULL;
out:
	if (s != NULL) {
		s->notice = lr.message;
		lr.message = NULL;
	}
	leftover_result_free(&lr);
	return s;
}

char *
session_take_notice(session *s)
{
	char *n = s->notice;

	s->notice = NULL;
	return n;
}

/* save_error when there is no memory for the message itself. */
static char no_memory[] = "out of memory";

static void
clear_error(session *s)
{
	if (s->save_error != no_memory)
		free(s->save_error);
	s->save_error = NULL;
}

static void
set_error(session *s, const char *msg)
{
	clear_error(s);
	s->save_error = strdup(msg != NULL ? msg : "the draft could not be saved");
	if (s->save_error == NULL)
		s->save_error = no_memory;
}

/* The first error of the list as one line, kept in save_error: with its
 * cause (the system's words for the errno) as the store wrote it. */
static void
set_error_from(session *s, const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity == DIAG_ERROR) {
			char *m = diag_format(&d->v[i]);

			set_error(s, m != NULL ? m : d->v[i].message);
			free(m);
			return;
		}
	}
	set_error(s, diag_lost(d) > 0 ? no_memory : NULL);
}

/* The plan is on disk as it is: nothing unsaved, the time of the save
 * for the status line, no save error any more. */
static void
mark_saved(session *s)
{
	time_t now = time(NULL);
	struct tm tm;

	s->dirty = false;
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(s->saved_at, sizeof(s->saved_at), "%H:%M", &tm) != 5)
		s->saved_at[0] = '\0';
	clear_error(s);
}

bool
session_save(session *s)
{
	diag_list d = DIAG_LIST_INIT;
	bool ok = false;

	if (!s->dirty)
		return true;
	if (s->read_only) {
		set_error(s, s->ro_reason != NULL
				     ? s->ro_reason
				     : "the plan is open in another editor; "
				       "changes are not saved");
		return false;
	}
	plan_touch(s->plan, -1);
	if (!session_write_plan(s, s->plan, &d)) {
		set_error_from(s, &d);
		goto out;
	}
	mark_saved(s);
	ok = true;
out:
	diag_list_free(&d);
	return ok;
}

void
session_changed(session *s)
{
	s->dirty = true;
	if (s->plan->status == PLAN_FINAL)
		s->plan->status = PLAN_DRAFT;
}

/* Writes to buf (room for max bytes plus the NUL) the safe form of src:
 * ASCII letters (lowercased) and digits kept, every other run as one '-'
 * between them, never a '-' at either end. Returns the length. */
static size_t
slug(char *buf, size_t max, const char *src)
{
	bool dash = false;
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)src; *p != '\0';
	     p++) {
		unsigned char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			dash = n > 0;
			continue;
		}
		if (n + (dash ? 2 : 1) > max)
			break;
		if (dash)
			buf[n++] = '-';
		dash = false;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return n;
}

/* NAME for the exports: "tha-2000-01" (by the country's code), or the
 * free-text country's stem ("atlantis-2000-01"). buf holds at least
 * MAX_NAME_COUNTRY + 48 bytes. */
static void
export_name(const plan *p, char *buf)
{
	const char *date = NULL;
	char d[40];

	if (p->qn->date_item >= 0)
		date = p->answers[p->qn->date_item].value;
	itype_country_stem(plan_country(p), buf, MAX_NAME_COUNTRY);
	if (buf[0] == '\0')
		strcpy(buf, "plan");
	if (date != NULL && slug(d, 32, date) > 0) {
		strcat(buf, "-");
		strcat(buf, d);
	}
}

/* True when a and b name the same existing file. */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static char *
export_path(const char *dir, const char *name, const char *suffix)
{
	size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s/%s%s", dir, name, suffix);
	return s;
}

/* Drops hidden answers, sets status final and revision + 1, and saves:
 * first on a copy, so that a failed save leaves the session's plan as it
 * was; then the same changes on the session's own plan, so that pointers
 * the front end holds to it stay valid. */
static bool
make_final(session *s, diag_list *diags)
{
	plan *c = plan_clone(s->plan);
	bool ok = false;

	if (c == NULL) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, NULL, "out of memory");
		goto out;
	}
	if (!plan_make_final(c)) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, NULL,
			 _("the plan's revision cannot be raised any more"));
		goto out;
	}
	plan_touch(c, -1);
	if (!session_write_plan(s, c, diags))
		goto out;
	/* The same changes on the session's own plan (cannot fail now). */
	plan_make_final(s->plan);
	memcpy(s->plan->created, c->created, sizeof(c->created));
	memcpy(s->plan->modified, c->modified, sizeof(c->modified));
	mark_saved(s);
	ok = true;
out:
	plan_destroy(c);
	return ok;
}

bool
session_make_final(session *s, const char *export_dir, val_list *out,
	       char **yaml_out, char **text_out, diag_list *diags)
{
	char *dir = NULL, *ypath = NULL, *tpath = NULL;
	char *ydata = NULL, *tdata = NULL;
	size_t ylen = 0, tlen = 0;
	char name[MAX_NAME_COUNTRY + 48]; /* + "-" date "-export" */
	export_options eo = {.draft = false};
	bool ok = false;

	if (yaml_out != NULL)
		*yaml_out = NULL;
	if (text_out != NULL)
		*text_out = NULL;
	if (s->read_only) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, NULL,
			 "the plan is open in another editor; it cannot be "
			 "made final here");
		return false;
	}
	if (validate_plan(s->plan, true, out) > 0)
		return false;

	/* A final plan unchanged since it was made final (any change makes
	 * it a draft) keeps its revision and file; only the exports are
	 * written again. */
	if ((s->plan->status != PLAN_FINAL || s->dirty) &&
	    !make_final(s, diags))
		goto out;

	if (export_dir != NULL) {
		dir = strdup(export_dir);
		if (dir != NULL && !store_mkdirs(dir, 0755, diags))
			goto out;
	} else {
		dir = store_dir_of(s->path);
	}
	if (dir == NULL) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, NULL, "out of memory");
		goto out;
	}
	export_name(s->plan, name);
	ypath = export_path(dir, name, ".yaml");
	tpath = export_path(dir, name, ".txt");
	if (ypath != NULL && tpath != NULL &&
	    (same_file(ypath, s->path) || same_file(tpath, s->path))) {
		/* Never overwrite the plan file with its own export. */
		free(ypath);
		free(tpath);
		strcat(name, "-export");
		ypath = export_path(dir, name, ".yaml");
		tpath = export_path(dir, name, ".txt");
	}
	if (ypath == NULL || tpath == NULL) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, NULL, "out of memory");
		goto out;
	}
	ydata = export_yaml(s->plan, &ylen, diags);
	if (ydata == NULL)
		goto out;
	tdata = export_text(s->plan, &eo, &tlen, diags);
	if (tdata == NULL)
		goto out;
	/* The YAML export is a plan another editor may have open. */
	if (!store_write_locked(ypath, ydata, ylen, diags) ||
	    !store_write_locked(tpath, tdata, tlen, diags))
		goto out;
	if (yaml_out != NULL) {
		*yaml_out = ypath;
		ypath = NULL;
	}
	if (text_out != NULL) {
		*text_out = tpath;
		tpath = NULL;
	}
	ok = true;
out:
	free(dir);
	free(ypath);
	free(tpath);
	free(ydata);
	free(tdata);
	return ok;
}

/* Preloading: a scalar node made here (freed by free_made). */
static yd_node *
made_scalar(const char *str, bool plain)
{
	yd_node *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->kind = YD_SCALAR;
	n->str = strdup(str);
	if (n->str == NULL) {
		free(n);
		return NULL;
	}
	n->len = strlen(str);
	n->plain = plain;
	return n;
}

static void
free_made(yd_node *n)
{
	if (n == NULL)
		return;
	free(n->str);
	for (size_t i = 0; i < n->n; i++) {
		free_made(n->keys != NULL ? n->keys[i] : NULL);
		free_made(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n);
}

static bool
add_pair(yd_node *map, yd_node *k, yd_node *v)
{
	if (k == NULL || v == NULL) {
		free_made(k);
		free_made(v);
		return false;
	}
	map->keys[map->n] = k;
	map->items[map->n] = v;
	map->n++;
	return true;
}

/* A partial answers file lacks the plan header: a copy of its top mapping
 * is made with the header of a draft of q, its own pairs borrowed (they
 * stay owned by the parsed tree; see unborrow). */
static yd_node *
complete_partial(const yd_node *root, const qn *q, size_t *n_made)
{
	yd_node *m = calloc(1, sizeof(*m));
	yd_node *qm = NULL;
	char version[32], now[32];
	size_t cap = root->n + 6;

	if (m == NULL)
		return NULL;
	m->kind = YD_MAP;
	m->line = root->line;
	m->col = root->col;
	m->keys = calloc(cap, sizeof(*m->keys));
	m->items = calloc(cap, sizeof(*m->items));
	qm = calloc(1, sizeof(*qm));
	if (m->keys == NULL || m->items == NULL || qm == NULL)
		goto fail;
	qm->kind = YD_MAP;
	qm->keys = calloc(2, sizeof(*qm->keys));
	qm->items = calloc(2, sizeof(*qm->items));
	if (qm->keys == NULL || qm->items == NULL)
		goto fail;
	snprintf(version, sizeof(version), "%ld", q->version);
	plan_now(now);
	if (!add_pair(qm, made_scalar("id", true), made_scalar(q->id, false)) ||
	    !add_pair(qm, made_scalar("version", true),
		      made_scalar(version, true)))
		goto fail;
	if (yd_map_get(root, "format") == NULL &&
	    !add_pair(m, made_scalar("format", true),
		      made_scalar("actionplan-plan/1", true)))
		goto fail;
	if (yd_map_get(root, "questionnaire") == NULL) {
		if (!add_pair(m, made_scalar("questionnaire", true), qm))
			goto fail;
	} else {
		free_made(qm);
	}
	qm = NULL;
	if (yd_map_get(root, "status") == NULL &&
	    !add_pair(m, made_scalar("status", true),
		      made_scalar("draft", true)))
		goto fail;
	if (yd_map_get(root, "revision") == NULL &&
	    !add_pair(m, made_scalar("revision", true),
		      made_scalar("0", true)))
		goto fail;
	if (yd_map_get(root, "created") == NULL &&
	    !add_pair(m, made_scalar("created", true),
		      made_scalar(now, false)))
		goto fail;
	if (yd_map_get(root, "modified") == NULL &&
	    !add_pair(m, made_scalar("modified", true),
		      made_scalar(now, false)))
		goto fail;
	*n_made = m->n;
	for (size_t i = 0; i < root->n; i++) {
		m->keys[m->n] = root->keys[i];
		m->items[m->n] = root->items[i];
		m->n++;
	}
	return m;
fail:
	free_made(qm);
	free_made(m);
	return NULL;
}

/* Frees a tree from complete_partial without touching the borrowed pairs. */
static void
unborrow(yd_node *m, size_t n_made)
{
	if (m == NULL)
		return;
	m->n = n_made;
	free_made(m);
}

static bool
copy_answer(plan *dst, const plan *src, size_t i)
{
	const plan_answer *a = &src->answers[i];

	if (itype_is_many(&dst->qn->items[i])) {
		if (!plan_set_values(dst, i, (const char *const *)a->values,
				     a->n_values))
			return false;
	} else if (!plan_set_value(dst, i, a->value)) {
		return false;
	}
	return a->explanation == NULL ||
	       plan_set_explanation(dst, i, a->explanation);
}

bool
session_preload(session *s, const char *path, size_t *n_copied,
		size_t *n_kept, diag_list *diags)
{
	yd_node *root = NULL, *made = NULL;
	size_t n_made = 0, copied = 0, kept = 0;
	plan *src = NULL;
	bool ok = false;

	root = yd_parse_file(path, NULL, diags);
	if (root == NULL)
		goto out;
	if (root->kind != YD_MAP) {
		diag_add(diags, DIAG_ERROR, path, root->line, root->col, NULL,
			 "an answers file must be a mapping, not %s",
			 yd_kind_name(root));
		goto out;
	}
	if (yd_map_get(root, "format") == NULL) {
		made = complete_partial(root, s->qn, &n_made);
		if (made == NULL) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 "out of memory");
			goto out;
		}
	}
	src = planio_from_tree(path, made != NULL ? made : root, s->qn, diags);
	if (src == NULL)
		goto out;
	for (size_t i = 0; i < s->qn->n_items; i++) {
		if (!plan_answered(src, i))
			continue;
		/* A language preloaded replaces the default. */
		if (plan_answered(s->plan, i) &&
		    !(s->lang_default && (long)i == s->qn->language_item)) {
			kept++;
			continue;
		}
		if (!copy_answer(s->plan, src, i)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
				 s->qn->items[i].id,
				 "out of memory while copying an answer");
			goto out;
		}
		copied++;
	}
	ok = true;
out:
	if (copied > 0)
		session_changed(s);
	if (n_copied != NULL)
		*n_copied = copied;
	if (n_kept != NULL)
		*n_kept = kept;
	plan_destroy(src);
	unborrow(made, n_made);
	yd_free(root);
	return ok;
}

void
session_close(session *s)
{
	if (s == NULL)
		return;
	if (s->plan != NULL && s->dirty && !s->read_only)
		session_save(s);
	store_lock_release(s->lock);
	plan_destroy(s->plan);
	qn_destroy(s->qn);
	free(s->ro_reason);
	free(s->notice);
	free(s->conflict_path);
	clear_error(s);
	free(s->path);
	free(s);
}

void
session_countries_notice(const qn *q, diag_list *diags)
{
	diag_list why = DIAG_LIST_INIT;
	bool asks = false;

	for (size_t i = 0; q != NULL && i < q->n_items && !asks; i++)
		asks = q->items[i].type == QN_COUNTRY;
	/* Asked only then, so the one telling is not spent elsewhere. */
	if (!asks || country_db_default(&why) != NULL || why.n == 0)
		goto out;
	diag_add(diags, DIAG_WARNING, why.v[0].file, why.v[0].line,
		 why.v[0].col, NULL,
		 _("the list of countries (iso-codes) cannot be read: %s; "
		   "countries are typed as free text"),
		 why.v[0].message);
out:
	diag_list_free(&why);
}
