/* The form's dialogs: a one-line prompt on the message line (with its
 * history) and handing an answer to $EDITOR (the full-screen lists are in
 * list.c, pager.c, chooser.c, picker.c; finishing in finish.c). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileread.h"
#include "tui_int.h"

void
tui_prompt_hist_free(tui_prompt_hist *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	h->n = 0;
}

/* An answer joins the history (not twice in a row; the oldest goes). */
static void
prompt_hist_add(tui_prompt_hist *h, const char *answer)
{
	char *c;

	if (!h || !answer[0] || (h->n && !strcmp(h->v[h->n - 1], answer)))
		return;
	c = strdup(answer);
	if (!c)
		return;
	if (h->n == TUI_PROMPT_HIST) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof h->v[0]);
		h->n--;
	}
	h->v[h->n++] = c;
}

/* Up (dir -1) and Down (1) in a prompt's history: *at is the entry shown
 * (h->n: what was being typed, kept in *draft). */
static void
prompt_hist_move(tui_prompt_hist *h, editor *e, int dir, size_t *at,
		 char **draft)
{
	size_t len;
	const char *s;

	if (!h || (dir < 0 && *at == 0) || (dir > 0 && *at >= h->n))
		return;
	if (*at == h->n) {
		s = editor_text(e, &len);
		free(*draft);
		*draft = strdup(s);
	}
	*at = dir < 0 ? *at - 1 : *at + 1;
	editor_set_text(e, *at < h->n ? h->v[*at] : (*draft ? *draft : ""));
}

char *
tui_prompt(tui *t, const char *label, const char *initial,
	   tui_prompt_hist *ph)
{
	editor *e = editor_create(initial, 0, true);
	WINDOW *w = NULL;
	char *answer = NULL, *draft = NULL;
	bool redraw = true;
	size_t at = ph ? ph->n : 0;

	if (!e)
		return NULL;
	editor_set_killring(e, t->kr);
	editor_set_cursor(e, strlen(initial));
	if (t->q && !t->in_list)
		tui_render(t);
	t->in_prompt++;
	for (;;) {
		if (redraw && !t->too_small && t->w_msg) {
			int lw = (int)tui_text_width(label, strlen(label));
			if (lw > t->cols - 10)
				lw = t->cols - 10;
			if (w)
				delwin(w);
			w = newwin(1, t->cols - lw, t->rows - 2, lw);
			werase(t->w_msg);
			wattrset(t->w_msg, A_BOLD);
			tui_draw_cut(t, t->w_msg, 0, 0, label, strlen(label),
				     lw);
			wattrset(t->w_msg, A_NORMAL);
			wnoutrefresh(t->w_msg);
			redraw = false;
		}
		if (w) {
			editor_draw(e, w);
			wnoutrefresh(w);
		}
		doupdate();
		wint_t ch;
		tui_keykind k = tui_get_key(t, &ch);
		tui_screen_action act;
		if (k == TK_RESIZE) {
			if (t->q)
				tui_render(t);
			redraw = true;
			if (w)
				delwin(w);
			w = NULL;
			continue;
		}
		if (k == TK_TICK)
			continue;
		if (k == TK_PASTE) {
			size_t n;
			char *line = tui_paste_split_line(t, &n);

			if (line) {
				/* Typed ahead: the answer, then Enter. */
				editor_insert(e, line, n);
				free(line);
				k = TK_CHAR;
				ch = '\n';
			} else {
				tui_paste_one_line(t, false);
				editor_insert(e, t->paste, t->paste_len);
				tui_drop_paste(t);
				continue;
			}
		}
		act = tui_keyset_action(TUI_KEYS_PROMPT, ch, k == TK_KEY);
		if (act == SA_ACCEPT) {
			size_t len;
			const char *s = editor_text(e, &len);
			answer = malloc(len + 1);
			if (answer) {
				memcpy(answer, s, len);
				answer[len] = '\0';
			}
			break;
		}
		if (act == SA_CANCEL)
			break;
		if (act == SA_OLDER || act == SA_NEWER) {
			prompt_hist_move(ph, e, act == SA_OLDER ? -1 : 1, &at,
					 &draft);
			continue;
		}
		if (act == SA_WORD_LEFT || act == SA_WORD_RIGHT) {
			editor_command(e, act == SA_WORD_LEFT ?
						  EDCMD_WORD_LEFT :
						  EDCMD_WORD_RIGHT);
			continue;
		}
		editor_key(e, ch, k == TK_KEY);
	}
	if (answer)
		prompt_hist_add(ph, answer);
	free(draft);
	if (w)
		delwin(w);
	editor_destroy(e);
	t->in_prompt--;
	if (t->w_msg)
		t->dirty |= D_MSG;
	return answer;
}

/* Reads the file the editor wrote: bounded, regular, strict UTF-8. */
static char *
read_back(tui *t, const char *path, size_t *len)
{
	fileread_status st;
	size_t got = 0, bad = 0;
	char *buf = fileread(path, TUI_EDIT_FILE_MAX, &got, &st);

	if (!buf && (st == FILEREAD_OPEN || st == FILEREAD_READ ||
		     st == FILEREAD_NO_MEMORY)) {
		tui_message(t, true, _("cannot read the edited text: %s"),
			    strerror(errno));
		return NULL;
	}
	if (!buf) {
		tui_message(t, true, "%s",
			    _("the edited text is too large or not a file; "
			      "the answer was kept"));
		return NULL;
	}
	if (!utext_valid(buf, got, &bad) || memchr(buf, 0, got)) {
		tui_message(t, true,
			    _("the edited text is not valid UTF-8 (byte %zu); "
			      "the answer was kept"),
			    bad);
		free(buf);
		return NULL;
	}
	*len = got;
	return buf;
}

static bool
write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		len -= (size_t)w;
	}
	return true;
}

char *
tui_external_edit(tui *t, const char *text, size_t len, bool single_line)
{
	const char *tmp = getenv("TMPDIR");
	const char *ed = getenv("VISUAL");
	char path[4096], *cmd = NULL, *out = NULL;
	struct sigaction ign, old_int, old_quit;
	int status = 0, fd;
	size_t nlen = 0;
	pid_t pid;

	if (!ed || !ed[0])
		ed = getenv("EDITOR");
	if (!ed || !ed[0])
		ed = "vi";
	if (!tmp || tmp[0] != '/' || strlen(tmp) > 3000)
		tmp = "/tmp";
	snprintf(path, sizeof path, "%s/actionplan-XXXXXX.txt", tmp);
	/* mkstemps creates the file 0600, O_EXCL. */
	fd = mkstemps(path, 4);
	if (fd < 0) {
		tui_message(t, true, _("cannot make a temporary file: %s"),
			    strerror(errno));
		return NULL;
	}
	bool ok = write_all(fd, text, len) && (len == 0 || text[len - 1] ==
						'\n' || write_all(fd, "\n", 1));
	if (close(fd) != 0 || !ok) {
		tui_message(t, true, _("cannot write a temporary file: %s"),
			    strerror(errno));
		unlink(path);
		return NULL;
	}
	size_t cl = strlen(ed) + 16;
	cmd = malloc(cl);
	if (!cmd) {
		unlink(path);
		return NULL;
	}
	/* As git does: the variable may hold arguments ("emacs -nw"). */
	snprintf(cmd, cl, "%s \"$1\"", ed);

	tui_paste_mode(t, false);
	endwin();
	/* As system() does: the editor gets Ctrl-C, not us. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		struct sigaction dfl;
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	/* Back to the form: the next doupdate restores the terminal. */
	reset_prog_mode();
	tui_paste_mode(t, true);
	clearok(curscr, TRUE);

	if (pid < 0) {
		tui_message(t, true, _("cannot start the editor: %s"),
			    strerror(errno));
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			tui_message(t, true,
				    _("cannot run the editor \"%s\"; set "
				      "VISUAL or EDITOR"),
				    ed);
		else
			tui_message(t, true, "%s",
				    _("the editor failed; the answer was "
				      "kept"));
	} else {
		out = read_back(t, path, &nlen);
	}
	unlink(path);
	if (!out)
		return NULL;
	/* Editors end the last line; the answer did not. */
	if (nlen > 0 && out[nlen - 1] == '\n' &&
	    (len == 0 || text[len - 1] != '\n'))
		out[--nlen] = '\0';
	if (single_line)
		for (size_t i = 0; i < nlen; i++)
			if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t')
				out[i] = ' ';
	if (nlen == len && !memcmp(out, text, len)) {
		tui_message(t, false, "%s", _("The answer is unchanged."));
		free(out);
		return NULL;
	}
	tui_message(t, false, "%s", _("The answer was taken from the editor."));
	return out;
}
