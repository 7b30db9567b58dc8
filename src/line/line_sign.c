/* Line mode's offer to sign a plan just made final, when the official has
 * a key: a yes/no question, the passphrase read with echo off when the
 * input is a terminal (wiped from the input buffers after use), and the
 * signature written beside the YAML export (src/sign does the work). */
#include "line_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>

#include <sodium.h>

#include "intl.h"
#include "sig_keys.h"
#include "sig_plan.h"

static bool
said_yes(const char *w)
{
	while (*w == ' ')
		w++;
	return !strcasecmp(w, "yes") || !strcasecmp(w, "y") ||
	       !strcasecmp(w, _("yes")) || !strcasecmp(w, _("y"));
}

/* The last line read held a secret: nothing of it may stay in memory. */
static void
wipe_line(lm *m)
{
	if (m->line)
		sodium_memzero(m->line, m->line_cap);
	m->line_len = 0;
	/* Everything before start was read already; past len are stale
	 * copies that fill() left when it moved a partial line down. */
	sodium_memzero(m->buf, m->start);
	sodium_memzero(m->buf + m->len, MAX_LINE + CHUNK - m->len);
}

/* Reads the passphrase as the next line, echo off on a terminal. */
static bool
read_pass(lm *m, sig_pass *p)
{
	struct termios saved, quiet;
	bool tty = m->in_tty && tcgetattr(m->fd, &saved) == 0;
	in_status st;

	lm_say(m, "%s", _("Passphrase of your secret key (typing is not "
			  "shown):"));
	if (tty) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		tcsetattr(m->fd, TCSAFLUSH, &quiet);
	}
	lm_prompt(m);
	st = lm_read_line(m);
	if (tty) {
		tcsetattr(m->fd, TCSAFLUSH, &saved);
		fputc('\n', m->out); /* the Enter typed was not shown */
	}
	if (st != IN_LINE) {
		wipe_line(m);
		return false;
	}
	if (m->line_len > SIG_PASS_MAX) {
		wipe_line(m);
		lm_say(m, _("The passphrase is longer than %d bytes."),
		       SIG_PASS_MAX);
		return false;
	}
	memcpy(p->s, m->line, m->line_len);
	p->len = m->line_len;
	p->s[p->len] = '\0';
	wipe_line(m);
	return true;
}

static void
say_problem(lm *m, const diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *line = diag_format(&d->v[i]);

		lm_say(m, "%s", line ? line : d->v[i].message);
		free(line);
	}
	lm_say(m, "%s", _("The plan was not signed."));
}

void
lm_offer_sign(lm *m, const char *yaml)
{
	diag_list d = DIAG_LIST_INIT;
	sig_seckey *k = NULL;
	sig_pass *pass = NULL;
	char *dir = NULL, *sec = NULL, id[SIG_ID_HEX];

	if (yaml == NULL || !sig_keys_own(&dir, &sec, id))
		goto out; /* no key: nothing to offer */
	lm_say(m, _("Sign the plan with your key %s? Answer yes or no."), id);
	lm_prompt(m);
	if (lm_read_line(m) != IN_LINE || !said_yes(m->line)) {
		lm_say(m, "%s", _("The plan was not signed."));
		goto out;
	}
	k = sig_keys_load_secret(dir, sec, &d);
	if (k == NULL) {
		say_problem(m, &d);
		goto out;
	}
	if (sig_seckey_locked(k)) {
		pass = sig_pass_create();
		if (pass == NULL || !read_pass(m, pass)) {
			lm_say(m, "%s", _("The plan was not signed."));
			goto out;
		}
		lm_say(m, "%s", _("Checking the passphrase (a few seconds)..."));
		fflush(m->out);
		if (!sig_seckey_unlock(k, sec, pass, &d)) {
			say_problem(m, &d);
			goto out;
		}
	}
	if (!sig_plan_sign_file(yaml, k, &d)) {
		say_problem(m, &d);
		goto out;
	}
	lm_say(m, _("Signed: %s%s"), yaml, SIG_SUFFIX);
out:
	sig_pass_destroy(pass);
	sig_seckey_destroy(k);
	free(dir);
	free(sec);
	diag_list_free(&d);
}
