/* The form's dialogs: a one-line prompt, full-screen lists (help, problems,
 * drafts), handing an answer to $EDITOR, and finishing the plan. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui_int.h"

char *
tui_prompt(tui *t, const char *label, const char *initial)
{
	editor *e = editor_create(initial, 0, true);
	WINDOW *w = NULL;
	char *answer = NULL;
	bool redraw = true;

	if (!e)
		return NULL;
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
			tui_draw_text(t->w_msg, 0, 0, label, strlen(label),
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
			for (size_t i = 0; i < t->paste_len; i++)
				if (t->paste[i] == '\n' || t->paste[i] == '\t')
					t->paste[i] = ' ';
			editor_insert(e, t->paste, t->paste_len);
			free(t->paste);
			t->paste = NULL;
			continue;
		}
		if (k == TK_CHAR && ch == '\n') {
			size_t len;
			const char *s = editor_text(e, &len);
			answer = malloc(len + 1);
			if (answer) {
				memcpy(answer, s, len);
				answer[len] = '\0';
			}
			break;
		}
		if (k == TK_CHAR && (ch == 27 || ch == CTRL('G')))
			break;
		if (k == TK_KEY && ch == KEY_F(12))
			break;
		editor_key(e, ch, k == TK_KEY);
	}
	if (w)
		delwin(w);
	editor_destroy(e);
	t->in_prompt--;
	if (t->w_msg)
		t->dirty |= D_MSG;
	return answer;
}

long
tui_list(tui *t, const char *title, char *const *lines, size_t n,
	 bool selectable, size_t initial, const char *hint, const char *keys,
	 wint_t *key_out)
{
	WINDOW *w = NULL, *h = NULL;
	size_t sel = initial < n ? initial : 0, top = 0;
	long result = -1;
	bool full = true;

	t->in_list++;
	for (;;) {
		if (t->too_small) {
			werase(stdscr);
			char buf[128];
			snprintf(buf, sizeof buf,
				 _("terminal too small: %dx%d needed"),
				 TUI_MIN_COLS, TUI_MIN_ROWS);
			tui_draw_text(stdscr, 0, 0, buf, strlen(buf), t->cols);
			wnoutrefresh(stdscr);
			doupdate();
		} else {
			if (!w) {
				w = newwin(t->rows - 1, t->cols, 0, 0);
				h = newwin(1, t->cols, t->rows - 1, 0);
				full = true;
			}
			int rows = t->rows - 3;
			if (rows < 1)
				rows = 1;
			if (selectable) {
				if (sel < top)
					top = sel;
				if (sel >= top + (size_t)rows)
					top = sel - (size_t)rows + 1;
			} else if (n > (size_t)rows && top > n - (size_t)rows) {
				top = n - (size_t)rows;
			}
			werase(w);
			wattrset(w, A_BOLD);
			tui_draw_text(w, 0, 1, title, strlen(title),
				      t->cols - 2);
			wattrset(w, A_NORMAL);
			int cy = 2;
			for (int r = 0; r < rows && top + (size_t)r < n; r++) {
				size_t i = top + (size_t)r;
				bool on = selectable && i == sel;
				wattrset(w, on ? A_REVERSE : A_NORMAL);
				int x = tui_draw_text(w, 2 + r, 1, lines[i],
						      strlen(lines[i]),
						      t->cols - 2);
				if (on) {
					for (x += 1; x < t->cols - 1; x++)
						mvwaddch(w, 2 + r, x, ' ');
					cy = 2 + r;
				}
				wattrset(w, A_NORMAL);
			}
			if (!selectable && n > (size_t)rows) {
				char more[64];
				snprintf(more, sizeof more, "%zu-%zu/%zu",
					 top + 1,
					 top + (size_t)rows < n ?
						 top + (size_t)rows :
						 n,
					 n);
				int mw = (int)strlen(more);
				tui_draw_text(w, 0, t->cols - mw - 1, more,
					      strlen(more), mw);
			}
			wmove(w, cy, 0);
			if (full) {
				wbkgdset(h, ' ' | tui_attr_status(t));
				werase(h);
				wattrset(h, tui_attr_status(t));
				tui_draw_text(h, 0, 1, hint, strlen(hint),
					      t->cols - 2);
				wattrset(h, A_NORMAL);
				wnoutrefresh(h);
				full = false;
			}
			wnoutrefresh(w);
			doupdate();
		}
		wint_t ch;
		tui_keykind k = tui_get_key(t, &ch);
		if (k == TK_RESIZE) {
			if (w)
				delwin(w);
			if (h)
				delwin(h);
			w = h = NULL;
			continue;
		}
		if (k == TK_TICK || k == TK_PASTE) {
			free(t->paste);
			t->paste = NULL;
			continue;
		}
		int rows = t->rows - 3 > 1 ? t->rows - 3 : 1;
		if (k == TK_KEY) {
			switch (ch) {
			case KEY_UP:
				if (selectable && sel > 0)
					sel--;
				else if (!selectable && top > 0)
					top--;
				continue;
			case KEY_DOWN:
				if (selectable && sel + 1 < n)
					sel++;
				else if (!selectable &&
					 top + (size_t)rows < n)
					top++;
				continue;
			case KEY_PPAGE:
				if (selectable)
					sel = sel > (size_t)rows ?
						      sel - (size_t)rows :
						      0;
				else
					top = top > (size_t)rows ?
						      top - (size_t)rows :
						      0;
				continue;
			case KEY_NPAGE:
				if (selectable)
					sel = sel + (size_t)rows < n ?
						      sel + (size_t)rows :
						      (n ? n - 1 : 0);
				else
					top += (size_t)rows;
				continue;
			case KEY_HOME:
				sel = top = 0;
				continue;
			case KEY_END:
				sel = n ? n - 1 : 0;
				top = n;
				continue;
			case KEY_F(1):
			case KEY_F(10):
				/* Close a page of text; a choice wants a choice. */
				if (!selectable)
					goto out;
				continue;
			case KEY_F(12):
				goto out;
			default:
				continue;
			}
		}
		if (ch == '\n') {
			if (selectable && n)
				result = (long)sel;
			goto out;
		}
		if (ch == 27 || ch == CTRL('Q') || ch == CTRL('G'))
			goto out;
		if (keys && ch < 128 && ch > 0 && strchr(keys, (int)ch)) {
			if (key_out)
				*key_out = ch;
			result = (long)sel;
			goto out;
		}
		if (ch == 'q' && !selectable)
			goto out;
		if (ch == ' ' && !selectable)
			top += (size_t)rows;
		if (selectable && (ch == 'k' || ch == CTRL('P')) && sel > 0)
			sel--;
		if (selectable && (ch == 'j' || ch == CTRL('N')) &&
		    sel + 1 < n)
			sel++;
	}
out:
	if (w)
		delwin(w);
	if (h)
		delwin(h);
	t->in_list--;
	t->dirty = D_ALL;
	return result;
}

void
tui_help(tui *t)
{
	size_t n = 0;
	char **lines = tui_help_lines(&n);
	if (!lines)
		return;
	tui_list(t, _("Help"), lines, n, false, 0,
		 _("Up, Down, PgUp, PgDn: scroll   Esc, q, Enter: back"),
		 NULL, NULL);
	tui_free_lines(lines, n);
}

/* Reads the file the editor wrote: bounded, regular, strict UTF-8. */
static char *
read_back(tui *t, const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t got = 0, bad = 0;
	if (fd < 0) {
		tui_message(t, true, _("cannot read the edited text: %s"),
			    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > TUI_EDIT_FILE_MAX) {
		tui_message(t, true, "%s",
			    _("the edited text is too large or not a file; "
			      "the answer was kept"));
		goto fail;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		goto fail;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	buf[got] = '\0';
	if (!utext_valid(buf, got, &bad) || memchr(buf, 0, got)) {
		tui_message(t, true,
			    _("the edited text is not valid UTF-8 (byte %zu); "
			      "the answer was kept"),
			    bad);
		goto fail;
	}
	close(fd);
	*len = got;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
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

static char *
dup_printf(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, fmt, a, b ? b : "");
	return s;
}

static bool
problems_list(tui *t, val_list *vl)
{
	char **lines = calloc(vl->n + 1, sizeof *lines);
	char title[256];
	size_t n = 0;
	if (!lines)
		return false;
	for (size_t i = 0; i < vl->n; i++) {
		char name[256];
		tui_item_name(t, vl->v[i].item, name, sizeof name);
		lines[n] = dup_printf("%s: %s", name, vl->v[i].message);
		if (lines[n])
			n++;
	}
	snprintf(title, sizeof title,
		 dngettext("actionplan", "%zu problem to fix before the plan is final",
			  "%zu problems to fix before the plan is final",
			  vl->n),
		 vl->n);
	long k = tui_list(t, title, lines, n, true, 0,
			  _("Enter: go to the item   Esc: back"), NULL, NULL);
	if (k >= 0 && (size_t)k < vl->n) {
		t->focus = FOCUS_PANE;
		tui_goto_item(t, vl->v[k].item);
	}
	tui_free_lines(lines, n);
	return true;
}

void
tui_finish(tui *t)
{
	val_list vl = VAL_LIST_INIT;
	diag_list d = DIAG_LIST_INIT;
	char *dir = NULL, *yaml = NULL, *text = NULL, *def = NULL;

	tui_commit(t);
	if (t->s->read_only) {
		tui_message(t, true, "%s", t->ro_msg ? t->ro_msg : "");
		return;
	}
	if (validate_plan(t->s->plan, true, &vl) > 0) {
		problems_list(t, &vl);
		goto out;
	}
	if (t->export_dir) {
		def = strdup(t->export_dir);
	} else {
		char *p = strdup(t->s->path);
		if (p)
			def = strdup(dirname(p));
		free(p);
	}
	tui_layout(t);
	tui_render(t);
	dir = tui_prompt(t, _("Everything is answered. Export to folder: "),
			 def ? def : ".");
	if (!dir)
		goto out;
	if (!session_finish(t->s, dir[0] ? dir : NULL, &vl, &yaml, &text,
			    &d)) {
		if (vl.n) {
			problems_list(t, &vl);
		} else {
			size_t n = 0;
			char **lines = calloc(d.n + 1, sizeof *lines);
			for (size_t i = 0; lines && i < d.n; i++)
				if ((lines[n] = diag_format(&d.v[i])))
					n++;
			tui_list(t, _("The plan could not be finished"), lines,
				 n, false, 0, _("Enter: back"), NULL, NULL);
			tui_free_lines(lines, n);
		}
		goto out;
	}
	{
		char rev[64];
		snprintf(rev, sizeof rev, "%lu", t->s->plan->revision);
		char *lines[6] = {
			dup_printf(_("The plan is final (revision %s) and "
				     "saved.%s"),
				   rev, NULL),
			strdup(""),
			strdup(_("Written:")),
			dup_printf("  %s%s", yaml ? yaml : "", NULL),
			dup_printf("  %s%s", text ? text : "", NULL),
			strdup(""),
		};
		size_t n = 0;
		char *v[6];
		for (size_t i = 0; i < 6; i++)
			if (lines[i])
				v[n++] = lines[i];
		tui_list(t, _("Finished"), v, n, false, 0,
			 _("Enter: back to the form"), NULL,
			 NULL);
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		tui_message(t, false, _("Final plan written to %s"),
			    yaml ? yaml : "");
		tui_offer_sign(t, yaml);
	}
	tui_refresh_states(t);
out:
	free(def);
	free(dir);
	free(yaml);
	free(text);
	val_list_finish(&vl);
	diag_list_finish(&d);
	t->dirty = D_ALL;
}
