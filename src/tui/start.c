/* The start screen: the drafts to resume (country, questionnaire, progress,
 * last saved), "New plan" (questionnaire, then country), and "New revision
 * of ..." for each final plan or export found there. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "itype.h"
#include "planio.h"
#include "store.h"
#include "grow.h"
#include "itype.h"
#include "tui_int.h"
#include "ydoc.h"

#ifndef AP_DEFAULT_QN
#define AP_DEFAULT_QN "ariat-2000"
#endif

/* Drafts and questionnaires found are bounded: a folder is not trusted. */
#define MAX_ENTRIES 500

typedef struct draft {
	char *path;
	char *label;
	char modified[32];
	bool ok;
	/* A final plan (a new revision can start from it): its country as
	 * the plan holds it (a code, or free text; or NULL) and revision. */
	bool final;
	char *country;
	unsigned long revision;
} draft;

typedef struct qn_set {
	qn **v;
	size_t n;
} qn_set;

static bool
has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a > b && !strcmp(s + a - b, suf);
}

/* Every questionnaire in the search folders; the first of an id and
 * version wins, as in qn_find. */
static void
load_qns(qn_set *set)
{
	set->n = qn_load_all(session_qn_dirs(), MAX_ENTRIES, &set->v);
}

static void
free_qns(qn_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		qn_destroy(set->v[i]);
	free(set->v);
	set->v = NULL;
	set->n = 0;
}

static const qn *
find_qn(const qn_set *set, const char *id, long version)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i]->id, id) &&
		    set->v[i]->version == version)
			return set->v[i];
	return NULL;
}

/* "2026-11-28T10:02:11Z" (UTC) as local "2026-11-28 10:02". */
static void
local_time(const char *iso, char *out, size_t size)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	out[0] = '\0';
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year,
			   &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			   &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t tt = timegm(&tm);
	struct tm lt;
	if (tt == (time_t)-1 || !localtime_r(&tt, &lt))
		return;
	strftime(out, size, "%Y-%m-%d %H:%M", &lt);
}

static void
describe(draft *dr, const char *path, const qn_set *qns)
{
	diag_list dl = DIAG_LIST_INIT;
	planio_header h;
	char when[64], buf[1024];
	yd_node *root = yd_parse_file(path, NULL, &dl);
	memset(&h, 0, sizeof h);
	if (!root || !planio_read_header(path, root, &h, &dl)) {
		const char *base = strrchr(path, '/');
		snprintf(buf, sizeof buf, _("%s: cannot be read (%s)"),
			 base ? base + 1 : path,
			 dl.n ? dl.v[0].message : _("not a plan"));
		dr->label = strdup(buf);
		goto out;
	}
	const qn *q = find_qn(qns, h.qn_id, h.qn_version);
	char progress[128];
	if (!q) {
		snprintf(progress, sizeof progress,
			 _("questionnaire %s version %ld not found"), h.qn_id,
			 h.qn_version);
	} else {
		plan *p = planio_from_tree(path, root, q, &dl);
		size_t answered = 0, required = 0;
		if (p) {
			validate_progress(p, &answered, &required);
			snprintf(progress, sizeof progress,
				 _("%zu/%zu answered"), answered, required);
			dr->ok = true;
			/* The country by the questionnaire's role (a country
			 * item holds a code): what a new revision is named
			 * after ("tha-2.yaml", not a name in the language of
			 * messages), shown by its name. */
			if (plan_country(p))
				dr->country = strdup(plan_country(p));
		} else {
			snprintf(progress, sizeof progress, "%s",
				 _("has errors"));
		}
		plan_destroy(p);
	}
	local_time(h.modified, when, sizeof when);
	snprintf(dr->modified, sizeof dr->modified, "%s",
		 h.modified ? h.modified : "");
	/* Room for the translations too: Thai takes three bytes a letter. */
	char state[160] = "";
	if (h.status == PLAN_FINAL)
		snprintf(state, sizeof state, _(", final (revision %lu)"),
			 h.revision);
	dr->final = h.status == PLAN_FINAL && dr->ok;
	dr->revision = h.revision;
	if (!dr->country && h.country)
		dr->country = strdup(h.country);
	/* The country as the plan was read (an older plan's "Việt Nam" is
	 * VNM), named in the language of messages. */
	snprintf(buf, sizeof buf, "%s  %s %ld%s  %s  %s",
		 dr->country && dr->country[0] ?
			 itype_country_name(dr->country, i18n_ui_language()) :
			 _("(no country)"),
		 q ? i18n_qn_title(q) : h.qn_id, h.qn_version, state, progress, when);
	dr->label = strdup(buf);
	dr->ok = dr->ok || !q;
out:
	planio_header_free(&h);
	yd_free(root);
	diag_list_free(&dl);
}

static int
by_modified(const void *a, const void *b)
{
	const draft *x = a, *y = b;
	return strcmp(y->modified, x->modified);
}

static size_t
scan_drafts(const char *dir, const qn_set *qns, draft **out)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	draft *v = NULL;
	size_t n = 0, cap = 0;
	*out = NULL;
	if (!dh)
		return 0;
	while ((de = readdir(dh)) && n < MAX_ENTRIES) {
		struct stat st;
		if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".yaml"))
			continue;
		char *p = store_join(dir, de->d_name);
		if (!p || lstat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		draft *g = grow_array(v, &cap, n, sizeof *v, 16);
		if (!g) {
			free(p);
			break;
		}
		v = g;
		memset(&v[n], 0, sizeof v[n]);
		v[n].path = p;
		describe(&v[n], p, qns);
		if (!v[n].label) {
			free(p);
			continue;
		}
		n++;
	}
	closedir(dh);
	if (n > 1)
		qsort(v, n, sizeof *v, by_modified);
	*out = v;
	return n;
}

static void
free_drafts(draft *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].label);
		free(v[i].country);
	}
	free(v);
}

/* A file name from the country: its code ("tha.yaml"), or for free text
 * its ASCII letters and digits (a hash for other scripts), never empty,
 * never leaving the folder; "tha-2.yaml" when taken. */
static char *
draft_path(const char *dir, const char *country)
{
	char slug[64];

	itype_country_stem(country, slug, sizeof slug);
	if (slug[0] == '\0')
		snprintf(slug, sizeof slug, "plan");
	for (int k = 1; k < 1000; k++) {
		char name[96];
		struct stat st;
		if (k == 1)
			snprintf(name, sizeof name, "%s.yaml", slug);
		else
			snprintf(name, sizeof name, "%s-%d.yaml", slug, k);
		char *p = store_join(dir, name);
		if (!p)
			return NULL;
		if (lstat(p, &st) != 0 && errno == ENOENT)
			return p;
		free(p);
	}
	return NULL;
}

static bool
new_plan(tui *t, const char *dir, qn_set *qns, char **qn_id, char **country,
	 char **path)
{
	size_t pick = 0;
	if (qns->n == 0) {
		char *l[] = {_("No questionnaire was found. Set "
			       "ACTIONPLAN_QUESTIONNAIRES to the folder that "
			       "holds ariat-2000.yaml.")};
		tui_pager(t, _("New plan"), l, 1, _("Enter: back"));
		return false;
	}
	/* The build's default questionnaire comes first. */
	for (size_t i = 1; i < qns->n; i++)
		if (!strcmp(qns->v[i]->id, AP_DEFAULT_QN) &&
		    strcmp(qns->v[0]->id, AP_DEFAULT_QN) != 0) {
			qn *d = qns->v[i];
			memmove(qns->v + 1, qns->v, i * sizeof *qns->v);
			qns->v[0] = d;
			break;
		}
	if (qns->n > 1) {
		char **lines = calloc(qns->n, sizeof *lines);
		if (!lines)
			return false;
		for (size_t i = 0; i < qns->n; i++) {
			char buf[512];
			snprintf(buf, sizeof buf, "%s (%s, %s %ld)",
				 i18n_qn_title(qns->v[i]), qns->v[i]->id, _("version"),
				 qns->v[i]->version);
			lines[i] = strdup(buf);
			if (!lines[i])
				lines[i] = strdup("?");
		}
		long k = tui_choose(t, _("New plan: choose the questionnaire"),
				    lines, qns->n, pick,
				    _("Enter: choose   Esc: back"), NULL, NULL);
		tui_free_lines(lines, qns->n);
		if (k < 0)
			return false;
		pick = (size_t)k;
	}
	/* A plain screen behind the prompt. */
	werase(stdscr);
	wattrset(stdscr, A_BOLD);
	char head[512];
	snprintf(head, sizeof head, _("New plan: %s"),
		 i18n_qn_title(qns->v[pick]));
	tui_draw_cut(t, stdscr, 0, 1, head, strlen(head), t->cols - 2);
	wattrset(stdscr, A_NORMAL);
	const char *hint = _("Type the country whose government submits the "
			     "plan, then Enter (Esc: back).");
	tui_draw_cut(t, stdscr, 2, 1, hint, strlen(hint), t->cols - 2);
	wnoutrefresh(stdscr);
	char *c = NULL;
	long ci = qns->v[pick]->country_item;
	if (ci >= 0 && tui_n_options(&qns->v[pick]->items[ci]) > 0) {
		/* Picked from the list, by a name in any language or the
		 * code. */
		long k = tui_pick_option(t, head, qns->v[pick], (size_t)ci,
					 NULL);
		const qn_item *it = &qns->v[pick]->items[ci];

		if (k < 0)
			return false;
		c = strdup(itype_of(it)->option_id(it, (size_t)k));
	} else {
		c = tui_prompt(t, _("Country: "), "", NULL);
	}
	if (!c)
		return false;
	if (!c[0]) {
		free(c);
		return false;
	}
	*path = draft_path(dir, c);
	*qn_id = strdup(qns->v[pick]->id);
	*country = c;
	return *path != NULL;
}

/* The list's lines: "+ New plan", each draft, and after each final plan
 * "+ New revision of ..."; which[k] says what line k is: -1 new plan, i
 * draft i, -2 - i a new revision of draft i. */
static char **
start_lines(const draft *drafts, size_t nd, long *which, size_t *n)
{
	char **lines = calloc(2 * nd + 1, sizeof *lines);
	char buf[1024];

	*n = 0;
	if (!lines)
		return NULL;
	which[*n] = -1;
	lines[(*n)++] = strdup(_("+ New plan"));
	for (size_t i = 0; i < nd; i++) {
		which[*n] = (long)i;
		lines[(*n)++] = strdup(drafts[i].label);
		if (!drafts[i].final)
			continue;
		snprintf(buf, sizeof buf,
			 _("  + New revision of %s (from revision %lu)"),
			 drafts[i].country && drafts[i].country[0]
				 ? itype_country_name(drafts[i].country,
						      i18n_ui_language())
				 : _("(no country)"),
			 drafts[i].revision);
		which[*n] = -2 - (long)i;
		lines[(*n)++] = strdup(buf);
	}
	return lines;
}

char *
tui_start_screen(tui *t, char **qn_id, char **country, char **from)
{
	diag_list dl = DIAG_LIST_INIT;
	char *dir = session_drafts_dir(true, &dl);
	char *result = NULL;
	qn_set qns = {NULL, 0};

	*qn_id = NULL;
	*country = NULL;
	*from = NULL;
	if (!dir) {
		size_t n = 0;
		char *lines[1] = {dl.n ? diag_format(&dl.v[0]) : NULL};
		if (lines[0])
			n = 1;
		tui_pager(t, _("The drafts folder cannot be used"), lines, n,
			  _("Enter: quit"));
		free(lines[0]);
		diag_list_free(&dl);
		return NULL;
	}
	diag_list_free(&dl);
	load_qns(&qns);
	for (;;) {
		draft *drafts;
		size_t nd = scan_drafts(dir, &qns, &drafts), nl = 0;
		long *which = calloc(2 * nd + 1, sizeof *which);
		char **lines = which ? start_lines(drafts, nd, which, &nl)
				     : NULL;
		if (!lines) {
			free(which);
			free_drafts(drafts, nd);
			break;
		}
		char title[512];
		snprintf(title, sizeof title,
			 _("Country action plans: resume a draft or start a "
			   "new plan (drafts in %s)"),
			 dir);
		wint_t key = 0;
		tui_screen_action act;
		tui_layout(t);
		long k = tui_choose(t, title, lines, nl, nd ? 1 : 0,
				    _("Enter: open   n: new plan   q: quit"),
				    tui_start_letters(), &key);
		long w = k >= 0 && (size_t)k < nl ? which[k] : -1;
		tui_free_lines(lines, nl);
		free(which);
		act = tui_keyset_action(TUI_KEYS_START, key, false);
		if (k < 0 || act == SA_QUIT) {
			free_drafts(drafts, nd);
			break;
		}
		if (w <= -2 && act != SA_NEW_PLAN) {
			/* The next revision, in a new file of the folder. */
			const draft *dr = &drafts[-2 - w];
			result = draft_path(dir, dr->country ? dr->country
							     : "plan");
			*from = strdup(dr->path);
			free_drafts(drafts, nd);
			if (result && *from)
				break;
			free(result);
			free(*from);
			result = *from = NULL;
			continue;
		}
		if (w == -1 || act == SA_NEW_PLAN) {
			free_drafts(drafts, nd);
			if (new_plan(t, dir, &qns, qn_id, country, &result))
				break;
			free(*qn_id);
			free(*country);
			free(result);
			*qn_id = *country = result = NULL;
			continue;
		}
		result = strdup(drafts[w].path);
		free_drafts(drafts, nd);
		break;
	}
	free_qns(&qns);
	free(dir);
	return result;
}
