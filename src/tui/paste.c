/* Pasted text stays text: what the terminal brackets as a paste, or what
 * arrives at once without the brackets, is collected here and goes into
 * the answer in one piece, never as keys (a tab, a line break, "Esc q" or
 * Ctrl-A inside it do not move, quit or edit).
 *
 * Both read the terminal directly, a chunk at a time: through wget_wch a
 * character at a time, a MiB took seconds. ncurses has read nothing past
 * the key it returned last (the start marker, or a printable character:
 * no longer key starts with either), and what is read past the end of the
 * paste is made into keys here (queue_bytes). */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "tui_int.h"

/* The end of a bracketed paste. */
static const char end_mark[] = "\033[201~";
#define END_MARK_LEN (sizeof end_mark - 1)
/* Bytes read at a time in a bracketed paste, and in a burst (where at
 * most that much is read past a key that ends it). */
#define PASTE_CHUNK 65536
#define BURST_CHUNK 64
/* A burst is read while input keeps arriving without a pause a person
 * could make: the terminal writes a long paste in pieces, so a few
 * milliseconds between pieces still belong to it. */
#define BURST_GAP_MS 15

/* The state of one paste or burst being read. */
typedef struct collector {
	size_t cap;        /* allocated size of t->paste */
	mbstate_t mbs;
	bool cr;           /* the character before was CR */
	bool truncated;    /* past TUI_PASTE_MAX, or out of memory */
	bool burst;        /* a key (control character) ends it */
	bool done;         /* the end marker, or the key ending a burst */
	size_t after;      /* where what follows the end starts */
	size_t breaks;     /* tabs and line breaks taken */
	size_t others;     /* other characters taken */
	size_t n;          /* characters read (a burst's keys) */
	wint_t keys[TUI_BURST_PASTE];
	const char *rest;  /* read past the end: keys typed after it */
	size_t rest_n;
} collector;

/* What a paste keeps of a character: '\n' for a line break (CR LF is one
 * line break), the tab, printable text; 0 for what is left out; *skip for
 * the LF of a CR LF. */
static uint32_t
paste_char(wint_t c, bool *cr, bool *skip)
{
	bool was_cr = *cr;

	*cr = c == '\r';
	*skip = false;
	if (c == '\n' && was_cr) {
		*skip = true;
		return 0;
	}
	if (c == '\r' || c == '\n')
		return '\n';
	if (c == '\t')
		return '\t';
	if (c < 0x20 || (c >= 0x7f && c < 0xa0) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return (uint32_t)c;
}

/* Appends cp to t->paste. False when the paste is full or memory ran
 * out. */
static bool
paste_add(tui *t, collector *c, uint32_t cp)
{
	char u[4];
	size_t n = utext_encode(cp, u);
	char *g;

	if (t->paste_len + n > TUI_PASTE_MAX)
		return false;
	if (t->paste_len + n + 1 > c->cap) {
		g = realloc(t->paste, c->cap * 2);
		if (!g)
			return false;
		t->paste = g;
		c->cap *= 2;
	}
	memcpy(t->paste + t->paste_len, u, n);
	t->paste_len += n;
	t->paste[t->paste_len] = '\0';
	return true;
}

static bool
paste_start(tui *t, collector *c, bool burst)
{
	tui_drop_paste(t);
	memset(c, 0, sizeof *c);
	c->burst = burst;
	c->cap = 4096;
	t->paste = malloc(c->cap);
	if (!t->paste)
		return false;
	t->paste[0] = '\0';
	return true;
}

void
tui_drop_paste(tui *t)
{
	free(t->paste);
	t->paste = NULL;
	t->paste_len = 0;
	t->paste_dropped = 0;
	t->paste_burst = false;
	t->paste_pending = false;
}

/* Takes one character into the paste. */
static void
take_char(tui *t, collector *c, wint_t wc)
{
	uint32_t cp;
	bool skip;

	if (c->n < TUI_BURST_PASTE)
		c->keys[c->n] = wc;
	c->n++;
	cp = paste_char(wc, &c->cr, &skip);
	if (skip)
		return;
	if (cp == 0) {
		t->paste_dropped++;
		return;
	}
	if (cp == '\n' || cp == '\t')
		c->breaks++;
	else
		c->others++;
	if (!c->truncated && !paste_add(t, c, cp))
		c->truncated = true;
}

/* Characters a burst takes as text; any other ends it. */
static bool
burst_text(wint_t wc)
{
	bool cr = false, skip;

	return wc == '\t' || wc == '\n' || wc == '\r' ||
	       paste_char(wc, &cr, &skip) != 0;
}

/* Takes the characters of buf[0..have) into the paste, up to the end
 * (c->done, c->after) or up to a character cut short by the end of the
 * buffer. Returns how many bytes were used. */
static size_t
take_bytes(tui *t, collector *c, const char *buf, size_t have)
{
	size_t i = 0, n;
	wchar_t wc;

	while (i < have) {
		if (buf[i] == '\033' && !c->burst) {
			if (have - i >= END_MARK_LEN &&
			    !memcmp(buf + i, end_mark, END_MARK_LEN)) {
				c->done = true;
				c->after = i + END_MARK_LEN;
				return i;
			}
			if (have - i < END_MARK_LEN &&
			    !memcmp(buf + i, end_mark, have - i))
				return i; /* maybe the marker: read on */
		}
		n = mbrtowc(&wc, buf + i, have - i, &c->mbs);
		if (n == (size_t)-2) {
			/* Cut short: mbrtowc kept the bytes in its state;
			 * they are given again with the rest. */
			memset(&c->mbs, 0, sizeof c->mbs);
			return i;
		}
		if (n == (size_t)-1 || n == 0) {
			/* Not a character of the locale, or NUL. */
			memset(&c->mbs, 0, sizeof c->mbs);
			if (c->burst) {
				c->done = true;
				c->after = i;
				return i;
			}
			t->paste_dropped++;
			i++;
			continue;
		}
		if (c->burst && !burst_text((wint_t)wc)) {
			/* A key ends a burst: it is read as a key. */
			c->done = true;
			c->after = i;
			return i;
		}
		i += n;
		take_char(t, c, (wint_t)wc);
	}
	return i;
}

static void
queue_key(tui *t, wint_t ch, bool is_key)
{
	if (t->keyq_n < TUI_KEYQ_MAX) {
		t->keyq[t->keyq_n].ch = ch;
		t->keyq[t->keyq_n].is_key = is_key;
		t->keyq_n++;
	}
}

/* Bytes read past the end of a paste, as the keys ncurses would have
 * made of them (ungetch would not do: ncurses waits on the terminal, not
 * on its queue, for the rest of an escape sequence). A mouse report's
 * data is dropped with it. */
static void
queue_bytes(tui *t, const char *s, size_t n)
{
	char seq[17];
	size_t i = 0, len, best, k;
	int code, got;
	mbstate_t mbs;
	wchar_t wc;

	memset(&mbs, 0, sizeof mbs);
	while (i < n) {
		if (s[i] == '\033') {
			best = 0;
			code = 0;
			for (len = 2; len < sizeof seq && i + len <= n; len++) {
				memcpy(seq, s + i, len);
				seq[len] = '\0';
				/* key_defined also answers for a string that
				 * goes on past a key: the first match is it. */
				got = key_defined(seq);
				if (got == 0)
					break;
				if (got > 0) {
					best = len;
					code = got;
					break;
				}
			}
			if (best > 0) {
				if (code != KEY_MOUSE)
					queue_key(t, (wint_t)code, true);
				i += best + (code == KEY_MOUSE ? 3 : 0);
				continue;
			}
		}
		k = mbrtowc(&wc, s + i, n - i, &mbs);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&mbs, 0, sizeof mbs);
			i++;
			continue;
		}
		queue_key(t, (wint_t)wc, false);
		i += k;
	}
}

/* Reads the terminal into the paste until the end (the end marker, a key
 * after a burst, or a pause: a second for a bracketed paste, whose end
 * marker was lost; BURST_GAP_MS for a burst). What was read past the end
 * is left in c->rest for queue_bytes, after the burst's own keys. */
static void
read_paste(tui *t, collector *c)
{
	static char buf[PASTE_CHUNK];
	size_t chunk = c->burst ? BURST_CHUNK : PASTE_CHUNK, have = 0, used;
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	ssize_t r;

	while (!c->done && !session_signal) {
		r = poll(&p, 1, c->burst ? BURST_GAP_MS : 1000);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || !(p.revents & POLLIN))
			break;
		r = read(STDIN_FILENO, buf + have, chunk - have);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		used = take_bytes(t, c, buf, have);
		if (c->done)
			break;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	if (!c->done) {
		if (have > 0)
			t->paste_dropped++; /* a character cut short */
		return;
	}
	if (have - c->after > BURST_CHUNK) {
		/* More than a few keys glued to the end of a paste can only
		 * be more of it. */
		c->burst = false;
		c->done = false;
		take_bytes(t, c, buf + c->after, have - c->after);
		return;
	}
	c->rest = buf + c->after;
	c->rest_n = have - c->after;
}

bool
tui_collect_paste(tui *t)
{
	collector c;

	if (!paste_start(t, &c, false))
		return false;
	read_paste(t, &c);
	t->keyq_n = t->keyq_pos = 0;
	queue_bytes(t, c.rest, c.rest_n);
	if (c.truncated)
		tui_message(t, true, _("the paste was cut to %u MiB"),
			    TUI_PASTE_MAX >> 20);
	return true;
}

bool
tui_input_waiting(int ms)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

bool
tui_collect_burst(tui *t, wint_t ch)
{
	collector c;
	size_t tail = 0, inside;

	t->keyq_n = t->keyq_pos = 0;
	if (!paste_start(t, &c, true)) {
		queue_key(t, ch, false);
		return false;
	}
	take_char(t, &c, ch);
	read_paste(t, &c);
	t->paste_burst = true;
	/* Tabs and line breaks at the end are keys typed after the text
	 * (Enter after a reference typed quickly), not part of it. */
	while (tail < t->paste_len && tail < TUI_KEYQ_MAX &&
	       (t->paste[t->paste_len - 1 - tail] == '\n' ||
		t->paste[t->paste_len - 1 - tail] == '\t'))
		tail++;
	inside = c.breaks - tail;
	if ((inside > 0 && c.others >= TUI_BURST_MIN) ||
	    c.others + inside >= TUI_BURST_PASTE ||
	    c.n > TUI_BURST_PASTE) {
		t->paste_len -= tail;
		for (size_t i = 0; i < tail; i++)
			queue_key(t, t->paste[t->paste_len + i], false);
		t->paste[t->paste_len] = '\0';
		queue_bytes(t, c.rest, c.rest_n);
		if (c.truncated)
			tui_message(t, true, _("the paste was cut to %u MiB"),
				    TUI_PASTE_MAX >> 20);
		return true;
	}
	tui_drop_paste(t);
	for (size_t i = 0; i < c.n; i++)
		queue_key(t, c.keys[i], false);
	queue_bytes(t, c.rest, c.rest_n);
	return false;
}

char *
tui_paste_split_line(tui *t, size_t *n)
{
	char *nl, *first;
	size_t rest;

	if (!t->paste || !t->paste_burst)
		return NULL;
	nl = memchr(t->paste, '\n', t->paste_len);
	if (!nl)
		return NULL;
	*n = (size_t)(nl - t->paste);
	first = malloc(*n + 1);
	if (!first)
		return NULL;
	memcpy(first, t->paste, *n);
	first[*n] = '\0';
	rest = t->paste_len - *n - 1;
	memmove(t->paste, nl + 1, rest + 1);
	t->paste_len = rest;
	if (rest > 0)
		t->paste_pending = true;
	else
		tui_drop_paste(t);
	return first;
}

size_t
tui_paste_one_line(tui *t, bool tabs)
{
	size_t n = 0;

	for (size_t i = 0; i < t->paste_len; i++) {
		if (t->paste[i] == '\n') {
			t->paste[i] = ' ';
			n++;
		} else if (t->paste[i] == '\t' && !tabs) {
			t->paste[i] = ' ';
		}
	}
	return n;
}

void
tui_paste_message(tui *t, size_t newlines)
{
	char a[256] = "", b[256] = "";

	if (newlines)
		snprintf(a, sizeof a,
			 dngettext("actionplan",
				   "The answer has one line: %zu line break "
				   "became a space.",
				   "The answer has one line: %zu line breaks "
				   "became spaces.",
				   newlines),
			 newlines);
	if (t->paste_dropped)
		snprintf(b, sizeof b,
			 dngettext("actionplan",
				   "%zu control character was left out of "
				   "the paste.",
				   "%zu control characters were left out of "
				   "the paste.",
				   t->paste_dropped),
			 t->paste_dropped);
	if (a[0] || b[0])
		tui_message(t, false, "%s%s%s", a, a[0] && b[0] ? " " : "",
			    b);
}
