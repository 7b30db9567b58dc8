/* answers.sqlite (SQLite's C library): the collection as a database for
 * questions across countries and years: countries and their statuses,
 * every plan taken and every resubmission it replaced, the
 * questionnaires' items in each language installed, every answer, and a
 * full-text index over the answers (FTS5) that finds words in Thai and
 * Chinese as well as in spaced languages: the text indexed has a space
 * put between the words of scripts written without them, as the project
 * cuts words (utext_words: libthai's dictionary for Thai, ICU's for
 * Chinese), which measured half the time and less than half the size
 * of FTS5's trigram tokenizer and finds two-character Chinese words,
 * which trigrams cannot (README.md has the figures). The schema is README.md's; written in one
 * transaction into the staging folder. */
#include "collect_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "itype.h"
#include "store.h"
#include "strindex.h"
#include "utext_break.h"

/* The schema, as README.md documents it. user_version says which. */
#define DB_VERSION "1"

static const char schema[] =
	"PRAGMA user_version = " DB_VERSION ";\n"
	"CREATE TABLE questionnaires (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  UNIQUE (name, version));\n"
	"CREATE TABLE countries (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  code TEXT,\n"
	"  name TEXT NOT NULL,\n"
	"  status TEXT NOT NULL CHECK (status IN\n"
	"    ('final', 'rejected', 'draft only', 'not received')),\n"
	"  reason TEXT);\n"
	"CREATE INDEX countries_code ON countries (code);\n"
	"CREATE TABLE plans (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  country_id INTEGER NOT NULL REFERENCES countries (id),\n"
	"  questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id),\n"
	"  status TEXT NOT NULL CHECK (status IN ('taken', 'replaced')),\n"
	"  replaced_by INTEGER REFERENCES plans (id),\n"
	"  revision INTEGER NOT NULL,\n"
	"  created TEXT,\n"
	"  modified TEXT,\n"
	"  file TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL,\n"
	"  signature TEXT NOT NULL);\n"
	"CREATE INDEX plans_country ON plans (country_id);\n"
	"CREATE INDEX plans_replaced_by ON plans (replaced_by);\n"
	"CREATE INDEX plans_questionnaire ON plans (questionnaire_id);\n"
	"CREATE TABLE rejected_files (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file TEXT NOT NULL,\n"
	"  reason TEXT NOT NULL,\n"
	"  country_id INTEGER REFERENCES countries (id),\n"
	"  revision INTEGER,\n"
	"  draft INTEGER NOT NULL);\n"
	"CREATE INDEX rejected_files_country ON rejected_files (country_id);\n"
	"CREATE TABLE items (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id),\n"
	"  item TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL,\n"
	"  section TEXT NOT NULL,\n"
	"  number TEXT NOT NULL,\n"
	"  type TEXT NOT NULL,\n"
	"  UNIQUE (questionnaire_id, item));\n"
	"CREATE TABLE item_texts (\n"
	"  item_id INTEGER NOT NULL REFERENCES items (id),\n"
	"  lang TEXT NOT NULL,\n"
	"  section_title TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  guidance TEXT NOT NULL,\n"
	"  PRIMARY KEY (item_id, lang)) WITHOUT ROWID;\n"
	"CREATE TABLE choices (\n"
	"  item_id INTEGER NOT NULL REFERENCES items (id),\n"
	"  choice TEXT NOT NULL,\n"
	"  lang TEXT NOT NULL,\n"
	"  label TEXT NOT NULL,\n"
	"  PRIMARY KEY (item_id, choice, lang)) WITHOUT ROWID;\n"
	"CREATE TABLE answers (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  item_id INTEGER NOT NULL REFERENCES items (id),\n"
	"  state TEXT NOT NULL CHECK (state IN\n"
	"    ('answered', 'not answered', 'not applicable')),\n"
	"  value TEXT,\n"
	"  text TEXT,\n"
	"  explanation TEXT,\n"
	"  na_reason TEXT,\n"
	"  UNIQUE (plan_id, item_id));\n"
	"CREATE INDEX answers_item ON answers (item_id);\n"
	"CREATE TABLE answer_choices (\n"
	"  answer_id INTEGER NOT NULL REFERENCES answers (id),\n"
	"  choice TEXT NOT NULL,\n"
	"  PRIMARY KEY (answer_id, choice)) WITHOUT ROWID;\n"
	"CREATE INDEX answer_choices_choice ON answer_choices (choice);\n"
	"CREATE VIRTUAL TABLE answers_fts USING fts5 (\n"
	"  text, explanation, na_reason,\n"
	"  content = '',\n"
	"  tokenize = 'unicode61 remove_diacritics 0');\n";

/* The statements, in the order of the tables. */
enum {
	ST_QN,
	ST_COUNTRY,
	ST_PLAN,
	ST_REJECTED,
	ST_ITEM,
	ST_ITEM_TEXT,
	ST_CHOICE,
	ST_ANSWER,
	ST_ANSWER_CHOICE,
	ST_FTS,
	N_ST
};

static const char *const sql[N_ST] = {
	"INSERT INTO questionnaires VALUES (?1, ?2, ?3, ?4)",
	"INSERT INTO countries VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO plans VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12)",
	"INSERT INTO rejected_files VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"INSERT INTO items VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO item_texts VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO choices VALUES (?1, ?2, ?3, ?4)",
	"INSERT INTO answers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"INSERT INTO answer_choices VALUES (?1, ?2)",
	"INSERT INTO answers_fts (rowid, text, explanation, na_reason) "
	"VALUES (?1, ?2, ?3, ?4)",
};

/* The languages whose questionnaire texts go into item_texts: English
 * and each translation installed. */
static const char *const langs[] = {"en", "th", "vi", "zh_CN"};
#define N_LANGS (sizeof(langs) / sizeof(langs[0]))

typedef struct db {
	const collect_run *r;
	sqlite3 *h;
	sqlite3_stmt *st[N_ST];
	int rc;
	const char *what; /* the statement that failed */
	strindex countries; /* country key -> countries.id */
	i18n_cat *cats[N_LANGS]; /* NULL: English, or not installed */
	bool have[N_LANGS];
	sbuf tmp, words;
	sbuf cut[3]; /* the index's text of each column of answers_fts */
	utext_word *pieces;
	size_t n_pieces;
} db;

/* text (NULL: SQL's NULL) into column col of statement s: copied with
 * SQLITE_TRANSIENT; with SQLITE_STATIC read in place, for text that stays
 * as it is until the statement has run (the plans' own, or a buffer not
 * touched before then). */
static void
bind_with(db *d, int s, int col, const char *text, sqlite3_destructor_type how)
{
	if (d->rc != SQLITE_OK)
		return;
	d->rc = text ? sqlite3_bind_text(d->st[s], col, text, -1, how)
		     : sqlite3_bind_null(d->st[s], col);
}

static void
bind_text(db *d, int s, int col, const char *text)
{
	bind_with(d, s, col, text, SQLITE_TRANSIENT);
}

static void
bind_static(db *d, int s, int col, const char *text)
{
	bind_with(d, s, col, text, SQLITE_STATIC);
}

static void
bind_int(db *d, int s, int col, sqlite3_int64 v)
{
	if (d->rc == SQLITE_OK)
		d->rc = sqlite3_bind_int64(d->st[s], col, v);
}

static void
bind_null(db *d, int s, int col)
{
	if (d->rc == SQLITE_OK)
		d->rc = sqlite3_bind_null(d->st[s], col);
}

/* Runs statement s with what was bound, and resets it. */
static void
step(db *d, int s)
{
	if (d->rc == SQLITE_OK) {
		int rc = sqlite3_step(d->st[s]);

		d->rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		if (d->rc != SQLITE_OK)
			d->what = sql[s];
	}
	sqlite3_reset(d->st[s]);
	sqlite3_clear_bindings(d->st[s]);
}

/* Whether cp belongs to a script written without spaces between words
 * (Thai, Lao, Myanmar, Khmer, Chinese, Japanese), whose words FTS5's
 * unicode61 tokenizer cannot tell apart. */
static bool
unspaced(uint32_t cp)
{
	return (cp >= 0x0E00 && cp <= 0x0EFF) ||
	       (cp >= 0x1000 && cp <= 0x109F) ||
	       (cp >= 0x1780 && cp <= 0x17FF) ||
	       (cp >= 0x2E80 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Text for the full-text index: as it is, with a space put between two
 * words that touch when the text has words of a script written without
 * spaces. Points into out, or is s itself. */
static const char *
index_text(db *d, const char *s, sbuf *out)
{
	size_t len, pos = 0;
	bool need = false;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	while (pos < len && !need) {
		/* Every script unspaced() names starts at U+0E00: three
		 * bytes or more, the first 0xE0 or above. The bytes below
		 * (ASCII, Vietnamese's two-byte letters) are skipped
		 * without decoding. */
		if ((unsigned char)s[pos] < 0xE0)
			pos++;
		else
			need = unspaced(utext_next(s, len, &pos));
	}
	if (!need)
		return s;
	if (!utext_words(s, len, 0, len, &d->pieces, &d->n_pieces)) {
		d->rc = SQLITE_NOMEM;
		return s;
	}
	sbuf_reset(out);
	for (size_t i = 0; i < d->n_pieces; i++) {
		const utext_word *w = &d->pieces[i];

		if (i > 0 && w->word && d->pieces[i - 1].word)
			sbuf_char(out, ' ');
		sbuf_add(out, s + w->start, w->end - w->start);
	}
	if (out->failed) {
		d->rc = SQLITE_NOMEM;
		return s;
	}
	return sbuf_cstr(out);
}

static const char *
state_word(unsigned state)
{
	return state == COLLECT_ANSWERED ? "answered"
	       : state == COLLECT_NA	 ? "not applicable"
					 : "not answered";
}

static const char *
status_word(collect_status_kind k)
{
	switch (k) {
	case COLLECT_FINAL:
		return "final";
	case COLLECT_REJECTED:
		return "rejected";
	case COLLECT_DRAFT_ONLY:
		return "draft only";
	case COLLECT_NOT_RECEIVED:
		break;
	}
	return "not received";
}

/* countries: a row per country of the status list (files that name no
 * country are only rejected_files). */
static void
put_countries(db *d)
{
	const collect_status_list *l = &d->r->status;
	sqlite3_int64 id = 0;

	for (size_t i = 0; i < l->n && d->rc == SQLITE_OK; i++) {
		const collect_status *st = &l->v[i];

		if (st->key == NULL)
			continue;
		if (!strindex_put(&d->countries, st->key, (size_t)++id)) {
			d->rc = SQLITE_NOMEM;
			return;
		}
		bind_int(d, ST_COUNTRY, 1, id);
		bind_text(d, ST_COUNTRY, 2, st->code);
		bind_text(d, ST_COUNTRY, 3, st->name);
		bind_text(d, ST_COUNTRY, 4, status_word(st->kind));
		bind_text(d, ST_COUNTRY, 5, st->reason);
		step(d, ST_COUNTRY);
	}
}

static void
put_rejected(db *d)
{
	const collect_set *s = d->r->s;

	for (size_t i = 0; i < collect_n_rejected(s) && d->rc == SQLITE_OK;
	     i++) {
		const collect_rejected *rj = collect_rejected_at(s, i);
		size_t id = 0;
		/* Keyed as its country's plans are (the code, else the
		 * fold of the free text). */
		const char *key = rj->key;

		bind_int(d, ST_REJECTED, 1, (sqlite3_int64)i + 1);
		bind_text(d, ST_REJECTED, 2, rj->path);
		bind_text(d, ST_REJECTED, 3, rj->reason);
		if (key && strindex_get(&d->countries, key, &id))
			bind_int(d, ST_REJECTED, 4, (sqlite3_int64)id);
		if (rj->country || rj->key)
			bind_int(d, ST_REJECTED, 5, (sqlite3_int64)rj->revision);
		bind_int(d, ST_REJECTED, 6, rj->draft);
		step(d, ST_REJECTED);
	}
}

/* One plan's row (taken or replaced). */
static void
put_plan(db *d, sqlite3_int64 id, sqlite3_int64 country, sqlite3_int64 questionnaire,
	 sqlite3_int64 replaced_by, unsigned long revision,
	 const char *created, const char *modified, const char *path,
	 const collect_sig *sig)
{
	bind_int(d, ST_PLAN, 1, id);
	bind_int(d, ST_PLAN, 2, country);
	bind_int(d, ST_PLAN, 3, questionnaire);
	bind_text(d, ST_PLAN, 4, replaced_by ? "replaced" : "taken");
	if (replaced_by)
		bind_int(d, ST_PLAN, 5, replaced_by);
	else
		bind_null(d, ST_PLAN, 5);
	bind_int(d, ST_PLAN, 6, (sqlite3_int64)revision);
	bind_text(d, ST_PLAN, 7, created && created[0] ? created : NULL);
	bind_text(d, ST_PLAN, 8, modified && modified[0] ? modified : NULL);
	bind_text(d, ST_PLAN, 9, path);
	bind_text(d, ST_PLAN, 10, sig->sha256);
	bind_int(d, ST_PLAN, 11, (sqlite3_int64)sig->size);
	bind_text(d, ST_PLAN, 12, sig_status_word(sig->status));
	step(d, ST_PLAN);
}

/* The questionnaire of group g, its items in every language installed,
 * and their choices. Item ids are first_item + i. */
static void
put_questionnaire(db *d, size_t g, sqlite3_int64 first_item)
{
	const qn *q = d->r->views[g].g->qn;

	bind_int(d, ST_QN, 1, (sqlite3_int64)g + 1);
	bind_text(d, ST_QN, 2, q->id);
	bind_int(d, ST_QN, 3, q->version);
	bind_text(d, ST_QN, 4, q->title);
	step(d, ST_QN);
	for (size_t i = 0; i < q->n_items && d->rc == SQLITE_OK; i++) {
		const qn_item *it = &q->items[i];
		sqlite3_int64 id = first_item + (sqlite3_int64)i;

		bind_int(d, ST_ITEM, 1, id);
		bind_int(d, ST_ITEM, 2, (sqlite3_int64)g + 1);
		bind_text(d, ST_ITEM, 3, it->id);
		bind_int(d, ST_ITEM, 4, (sqlite3_int64)i + 1);
		bind_text(d, ST_ITEM, 5, q->sections[it->section].id);
		bind_text(d, ST_ITEM, 6, it->number);
		bind_text(d, ST_ITEM, 7, itype_of(it)->name);
		step(d, ST_ITEM);
		for (size_t l = 0; l < N_LANGS; l++) {
			const i18n_cat *c = d->cats[l];
			char lang[8];

			if (!d->have[l])
				continue;
			snprintf(lang, sizeof(lang), "%s", langs[l]);
			if (lang[2] == '_')
				lang[2] = '-';
			bind_int(d, ST_ITEM_TEXT, 1, id);
			bind_text(d, ST_ITEM_TEXT, 2, lang);
			bind_text(d, ST_ITEM_TEXT, 3,
				  i18n_cat_qn(c, q, I18N_SECTION_TITLE,
					      it->section, 0));
			bind_text(d, ST_ITEM_TEXT, 4,
				  i18n_cat_qn(c, q, I18N_ITEM_TITLE, i, 0));
			bind_text(d, ST_ITEM_TEXT, 5,
				  it->guidance[0]
					  ? i18n_cat_qn(c, q,
							I18N_ITEM_GUIDANCE, i,
							0)
					  : "");
			step(d, ST_ITEM_TEXT);
			for (size_t k = 0; k < it->n_choices; k++) {
				bind_int(d, ST_CHOICE, 1, id);
				bind_text(d, ST_CHOICE, 2, it->choices[k].id);
				bind_text(d, ST_CHOICE, 3, lang);
				bind_text(d, ST_CHOICE, 4,
					  i18n_cat_qn(c, q, I18N_ITEM_CHOICE,
						      i, k));
				step(d, ST_CHOICE);
			}
		}
	}
}

/* Plan k's answers (ids from *answer_id on). */
static void
put_answers(db *d, const collect_gview *v, size_t k, sqlite3_int64 plan_id,
	    sqlite3_int64 first_item, sqlite3_int64 *answer_id)
{
	const plan *p = v->g->plans[k]->plan;
	const qn *q = p->qn;

	for (size_t i = 0; i < q->n_items && d->rc == SQLITE_OK; i++) {
		const plan_answer *a = &p->answers[i];
		unsigned state = collect_state(v, k, i);
		sqlite3_int64 id = ++*answer_id;

		bind_int(d, ST_ANSWER, 1, id);
		bind_int(d, ST_ANSWER, 2, plan_id);
		bind_int(d, ST_ANSWER, 3, first_item + (sqlite3_int64)i);
		bind_text(d, ST_ANSWER, 4, state_word(state));
		const char *text = NULL, *expl = NULL;

		sbuf_reset(&d->tmp);
		if (state == COLLECT_ANSWERED) {
			/* The stored form only where it is not the text
			 * (yes/no, choice ids, dates, country codes): the
			 * text is most of the file, once is enough. */
			text = a->value;
			if (itype_of(&q->items[i])->format ||
			    itype_is_many(&q->items[i])) {
				if (export_value(&d->tmp, d->r->lang.cat, p, i,
						 false))
					text = sbuf_cstr(&d->tmp);
				for (size_t c = 0; c < a->n_values; c++)
					sbuf_printf(&d->words, "%s%s",
						    c ? "\n" : "",
						    a->values[c]);
				bind_text(d, ST_ANSWER, 5,
					  a->n_values ? sbuf_cstr(&d->words)
						      : a->value);
				sbuf_reset(&d->words);
			}
			bind_static(d, ST_ANSWER, 6, text);
			if (q->items[i].explain && a->explanation &&
			    a->explanation[0])
				expl = a->explanation;
			bind_static(d, ST_ANSWER, 7, expl);
		}
		if (a->na_reason)
			bind_static(d, ST_ANSWER, 8, a->na_reason);
		step(d, ST_ANSWER);
		if (text || expl || a->na_reason) {
			bind_int(d, ST_FTS, 1, id);
			bind_static(d, ST_FTS, 2,
				    index_text(d, text, &d->cut[0]));
			bind_static(d, ST_FTS, 3,
				    index_text(d, expl, &d->cut[1]));
			bind_static(d, ST_FTS, 4,
				    index_text(d, a->na_reason, &d->cut[2]));
			step(d, ST_FTS);
		}
		if (state != COLLECT_ANSWERED)
			continue;
		for (size_t c = 0; c < a->n_values; c++) {
			bind_int(d, ST_ANSWER_CHOICE, 1, id);
			bind_text(d, ST_ANSWER_CHOICE, 2, a->values[c]);
			step(d, ST_ANSWER_CHOICE);
		}
	}
	if ((d->tmp.failed || d->words.failed) && d->rc == SQLITE_OK)
		d->rc = SQLITE_NOMEM;
}

/* Every group's questionnaire, plans (taken, then the ones each
 * replaced) and answers. */
static void
put_plans(db *d)
{
	const collect_run *r = d->r;
	sqlite3_int64 plan_id = 0, answer_id = 0, first_item = 1;

	for (size_t g = 0; g < collect_n_groups(r->s) && d->rc == SQLITE_OK;
	     g++) {
		const collect_gview *v = &r->views[g];

		put_questionnaire(d, g, first_item);
		for (size_t k = 0; k < v->g->n_plans && d->rc == SQLITE_OK;
		     k++) {
			const collect_plan *cp = v->g->plans[k];
			sqlite3_int64 taken = ++plan_id;
			size_t country = 0;

			if (!strindex_get(&d->countries, cp->key, &country)) {
				d->rc = SQLITE_INTERNAL;
				d->what = "countries";
				return;
			}
			put_plan(d, taken, (sqlite3_int64)country,
				 (sqlite3_int64)g + 1, 0, cp->plan->revision,
				 cp->plan->created, cp->plan->modified,
				 cp->path, &cp->sig);
			for (size_t i = 0; i < cp->n_replaced; i++) {
				const collect_replaced *rp = &cp->replaced[i];

				put_plan(d, ++plan_id, (sqlite3_int64)country,
					 (sqlite3_int64)g + 1, taken,
					 rp->revision, NULL, rp->modified,
					 rp->path, &rp->sig);
			}
			put_answers(d, v, k, taken, first_item, &answer_id);
		}
		first_item += (sqlite3_int64)v->g->qn->n_items;
	}
}

static void
exec(db *d, const char *text)
{
	if (d->rc == SQLITE_OK) {
		d->rc = sqlite3_exec(d->h, text, NULL, NULL, NULL);
		if (d->rc != SQLITE_OK)
			d->what = text;
	}
}

static bool
database(const collect_run *r, size_t group, void *state, size_t piece,
	 collect_out *o, diag_list *diags)
{
	db d = {.r = r,
		.rc = SQLITE_OK,
		.tmp = SBUF_INIT,
		.words = SBUF_INIT,
		.cut = {SBUF_INIT, SBUF_INIT, SBUF_INIT}};
	char *path = store_join(r->root, "answers.sqlite");
	diag_list quiet = DIAG_LIST_INIT;
	bool ok = false;

	(void)group;
	(void)state;
	(void)piece;
	(void)o;
	if (path == NULL) {
		d.rc = SQLITE_NOMEM;
		goto out;
	}
	for (size_t l = 0; l < N_LANGS; l++) {
		d.have[l] = l == 0 || (d.cats[l] = i18n_cat_open(
					       i18n_localedir(), langs[l],
					       &quiet)) != NULL;
	}
	/* A language left out for want of memory is not "not installed":
	 * the database would hold fewer texts than a good run's. */
	if (diag_out_of_memory(&quiet)) {
		d.rc = SQLITE_NOMEM;
		goto out;
	}
	/* A new file in the new staging folder: never an existing one. */
	d.rc = sqlite3_open_v2(path, &d.h,
			       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				       SQLITE_OPEN_NOMUTEX |
				       SQLITE_OPEN_EXRESCODE,
			       NULL);
	/* No journal and no syncs of its own: a file half written is in
	 * the staging folder, which is thrown away; the folder's one sync
	 * makes it durable before the swap. */
	exec(&d, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
		 "PRAGMA locking_mode = EXCLUSIVE; PRAGMA foreign_keys = ON;");
	/* The CHECKs stay in the schema for whoever writes to the file
	 * later; the words written here are this file's own constants
	 * (state_word, status_word). Checked, SQLite builds the list of
	 * answers.state's three words into a temporary b-tree for every
	 * row: 43,000 of them opened and closed for 1,000 plans, about 6%
	 * of the database's time in a profile. */
	exec(&d, "PRAGMA ignore_check_constraints = ON;");
	exec(&d, "BEGIN");
	exec(&d, schema);
	/* No merging of the index's segments while it is filled: 30% less
	 * time for the index (measured on 1,000 plans), and a few dozen
	 * segments are nothing to a query over one collection. */
	exec(&d, "INSERT INTO answers_fts (answers_fts, rank) "
		 "VALUES ('automerge', 0), ('crisismerge', 2000)");
	for (int s = 0; s < N_ST && d.rc == SQLITE_OK; s++) {
		d.rc = sqlite3_prepare_v2(d.h, sql[s], -1, &d.st[s], NULL);
		if (d.rc != SQLITE_OK)
			d.what = sql[s];
	}
	put_countries(&d);
	put_rejected(&d);
	put_plans(&d);
	/* A text that fell back to English for want of memory would pass
	 * for the translation. */
	for (size_t l = 0; l < N_LANGS && d.rc == SQLITE_OK; l++)
		if (!i18n_cat_complete(d.cats[l]))
			d.rc = SQLITE_NOMEM;
	exec(&d, "COMMIT");
	ok = d.rc == SQLITE_OK;
out:
	/* Out of memory in SQLite or in this file (then the handle's own
	 * message does not say so): said as the system says it. */
	if (!ok && (d.rc & 0xff) == SQLITE_NOMEM)
		diag_add_errno(diags, NULL, ENOMEM, _("cannot write %s"),
			       path ? path : "answers.sqlite");
	else if (!ok)
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot write %s: %s"),
			 path ? path : "answers.sqlite",
			 d.h ? sqlite3_errmsg(d.h) : sqlite3_errstr(d.rc));
	for (int s = 0; s < N_ST; s++)
		sqlite3_finalize(d.st[s]);
	if (d.h && sqlite3_close(d.h) != SQLITE_OK && ok) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, NULL,
			 _("cannot write %s: %s"), path,
			 sqlite3_errmsg(d.h));
		ok = false;
	}
	for (size_t l = 0; l < N_LANGS; l++)
		i18n_cat_destroy(d.cats[l]);
	strindex_free(&d.countries);
	sbuf_free(&d.tmp);
	sbuf_free(&d.words);
	for (size_t i = 0; i < 3; i++)
		sbuf_free(&d.cut[i]);
	free(d.pieces);
	diag_list_free(&quiet);
	free(path);
	return ok;
}

const collect_output collect_output_database = {
	.name = "answers.sqlite",
	.piece = database,
};
