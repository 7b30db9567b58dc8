/* The form's offer to sign a plan just finished, when the official has a
 * key: the question, the passphrase typed without being shown, and the
 * signature written beside the YAML export (src/sign does the work). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "sig_keys.h"
#include "sig_plan.h"
#include "tui_int.h"
#include "utext.h"

/* Removes the last character (all its UTF-8 bytes) of p. */
static void
drop_last(sig_pass *p)
{
	while (p->len > 0 && ((unsigned char)p->s[p->len - 1] & 0xc0) == 0x80)
		p->s[--p->len] = '\0';
	if (p->len > 0)
		p->s[--p->len] = '\0';
}

static void
append(sig_pass *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n && p->len < SIG_PASS_MAX; i++)
		if (s[i] != '\n' && s[i] != '\r')
			p->s[p->len++] = s[i];
	p->s[p->len] = '\0';
}

/* Reads a passphrase on the message line: what is typed is never drawn,
 * not even as stars. False when cancelled (Esc, Ctrl-G, F12). */
static bool
read_secret(tui *t, const char *label, sig_pass *p)
{
	bool redraw = true, done = false, ok = false;

	t->in_prompt++;
	while (!done) {
		if (redraw && !t->too_small && t->w_msg) {
			werase(t->w_msg);
			wattrset(t->w_msg, A_BOLD);
			tui_draw_text(t->w_msg, 0, 0, label, strlen(label),
				      t->cols);
			wattrset(t->w_msg, A_NORMAL);
			wnoutrefresh(t->w_msg);
			doupdate();
			redraw = false;
		}
		wint_t ch;
		tui_keykind k = tui_get_key(t, &ch);
		char u[4];
		size_t n;

		switch (k) {
		case TK_RESIZE:
			if (t->q)
				tui_render(t);
			redraw = true;
			break;
		case TK_TICK:
			break;
		case TK_PASTE:
			append(p, t->paste, t->paste_len);
			sodium_memzero(t->paste, t->paste_len);
			free(t->paste);
			t->paste = NULL;
			break;
		case TK_KEY:
			if (ch == KEY_BACKSPACE)
				drop_last(p);
			else if (ch == KEY_ENTER)
				done = ok = true;
			else if (ch == KEY_F(12))
				done = true;
			break;
		case TK_CHAR:
			if (ch == '\n' || ch == '\r') {
				done = ok = true;
			} else if (ch == 27 || ch == CTRL('G')) {
				done = true;
			} else if (ch == 127 || ch == CTRL('H')) {
				drop_last(p);
			} else if (ch == CTRL('U')) {
				sig_pass_clear(p);
			} else if (ch >= 0x20 &&
				   (n = utext_encode((uint32_t)ch, u)) > 0) {
				append(p, u, n);
				sodium_memzero(u, sizeof(u));
			}
			break;
		}
	}
	t->in_prompt--;
	if (t->w_msg)
		t->dirty |= D_MSG;
	if (!ok)
		sig_pass_clear(p);
	return ok;
}

/* The first problem as the message line shows it. */
static void
say_problem(tui *t, const char *what, const diag_list *d)
{
	char *line = d->n > 0 ? diag_format(&d->v[0]) : NULL;

	tui_message(t, true, "%s: %s", what, line ? line : "");
	free(line);
}

void
tui_offer_sign(tui *t, const char *yaml)
{
	diag_list d = DIAG_LIST_INIT;
	sig_seckey *k = NULL;
	sig_pass *pass = NULL;
	char *dir = NULL, *sec = NULL, *answer = NULL;
	char question[256], id[SIG_ID_HEX];

	if (yaml == NULL || !sig_keys_own(&dir, &sec, id))
		goto out; /* no key: nothing to offer */
	if (id[0])
		snprintf(question, sizeof(question),
			 _("Sign the plan with your key %s? (yes/no) "), id);
	else
		snprintf(question, sizeof(question), "%s",
			 _("Sign the plan with your key? (yes/no) "));
	answer = tui_prompt(t, question, "", NULL);
	if (answer == NULL || (answer[0] != 'y' && answer[0] != 'Y')) {
		tui_message(t, false, "%s", _("The plan was not signed."));
		goto out;
	}
	k = sig_keys_load_secret(dir, sec, &d);
	if (k == NULL) {
		say_problem(t, _("The plan was not signed"), &d);
		goto out;
	}
	if (sig_seckey_locked(k)) {
		pass = sig_pass_create();
		if (pass == NULL ||
		    !read_secret(t, _("Passphrase (typing is not shown): "),
				 pass)) {
			tui_message(t, false, "%s",
				    _("The plan was not signed."));
			goto out;
		}
		tui_message(t, false, "%s",
			    _("Checking the passphrase (a few seconds)..."));
		tui_render(t);
		if (!sig_seckey_unlock(k, sec, pass, &d)) {
			say_problem(t, _("The plan was not signed"), &d);
			goto out;
		}
	}
	if (!sig_plan_sign_file(yaml, k, &d)) {
		say_problem(t, _("The plan was not signed"), &d);
		goto out;
	}
	tui_message(t, false, _("Signed: %s%s"), yaml, SIG_SUFFIX);
out:
	free(answer);
	sig_pass_destroy(pass);
	sig_seckey_destroy(k);
	free(dir);
	free(sec);
	diag_list_free(&d);
}
