"""Drives the real actionplan form in a real terminal: tmux on a private
socket is the screen oracle (doc/DESIGN.md, "Testing the form"). Tests poll the
screen for what they expect; nothing sleeps blindly."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77

SRC = os.environ.get("AP_SOURCE_ROOT",
                     os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD = os.environ.get("AP_BUILD_ROOT", os.path.join(SRC, "build"))
PROG = os.path.join(BUILD, "src", "cli", "actionplan")
QN_DIR = os.path.join(SRC, "questionnaires")


def need_tmux():
    if shutil.which("tmux") is None:
        print("tmux is missing: skipped")
        sys.exit(SKIP)


class Fail(Exception):
    pass


class Term:
    """One tmux server with one pane running the program."""

    count = 0

    def __init__(self, tmp, cols=80, rows=24, term="tmux-256color", env=None):
        need_tmux()
        Term.count += 1
        self.sock = "apt-%d-%d" % (os.getpid(), Term.count)
        self.tmp = tmp
        self.cols, self.rows = cols, rows
        self.term = term
        self.env = {
            "HOME": os.path.join(tmp, "home"),
            "XDG_DATA_HOME": os.path.join(tmp, "home", "data"),
            "ACTIONPLAN_QUESTIONNAIRES": QN_DIR,
            "TERM": term,
            "LC_ALL": os.environ.get("LC_ALL", "C.UTF-8"),
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "946684800"),
            "TZ": "UTC",
            "EDITOR": "false",
        }
        if env:
            self.env.update(env)
        self.started = False

    def tmux(self, *args, check=True):
        r = subprocess.run(["tmux", "-L", self.sock] + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=self._client_env())
        if check and r.returncode != 0:
            raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
        return r.stdout

    def _client_env(self):
        e = dict(os.environ)
        e.setdefault("LC_ALL", "C.UTF-8")
        e.pop("TMUX", None)
        return e

    def start(self, *args, cwd=None, wrapper=None, shell_suffix=None):
        """Starts the program (args after the program name) under a shell
        that writes its exit status to a file (tmux loses it at times)."""
        os.makedirs(self.env["HOME"], exist_ok=True)
        self.status_file = os.path.join(self.tmp, ".status-%s" % self.sock)
        if os.path.exists(self.status_file):
            os.unlink(self.status_file)
        envs = " ".join("%s=%s" % (k, shquote(v)) for k, v in self.env.items())
        prog = " ".join(shquote(w) for w in (wrapper or [])) + " " + shquote(PROG)
        cmd = "env -i PATH=%s %s %s %s; echo $? > %s" % (
            shquote(os.environ.get("PATH", "/usr/bin:/bin")), envs, prog,
            " ".join(shquote(a) for a in args), shquote(self.status_file))
        if shell_suffix:
            cmd += "; " + shell_suffix
        cmd = "cd %s && %s" % (shquote(cwd or self.tmp), cmd)
        subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null",
                        "new-session", "-d", "-x", str(self.cols), "-y", str(self.rows),
                        cmd, ";", "set-option", "-g", "remain-on-exit", "on"],
                       check=True, env=self._client_env())
        self.started = True
        self.shell_pid = int(self.tmux("display-message", "-p", "#{pane_pid}").strip())
        self._pid = None

    def pid(self):
        """The program's pid (a child of the pane's shell)."""
        if self._pid:
            return self._pid
        end = time.monotonic() + 5
        while time.monotonic() < end:
            for task in os.listdir("/proc/%d/task" % self.shell_pid):
                with open("/proc/%d/task/%s/children" % (self.shell_pid, task)) as f:
                    for c in f.read().split():
                        try:
                            exe = os.readlink("/proc/%s/exe" % c)
                        except OSError:
                            continue
                        if os.path.basename(exe) == os.path.basename(PROG):
                            self._pid = int(c)
                            return self._pid
            time.sleep(0.02)
        raise Fail("no program process under the pane")

    def screen(self):
        return self.tmux("capture-pane", "-p")

    def lines(self):
        return self.screen().split("\n")

    def keys(self, *names):
        self.tmux("send-keys", *names)

    def type(self, text):
        # -l: literal UTF-8, no key names.
        self.tmux("send-keys", "-l", text)

    def paste(self, text, bracketed=True):
        """Pastes like a terminal does: bracketed when the program asked
        (bracketed=False: as a terminal without bracketed paste does).
        The text goes through a file, so it may be of any size."""
        buf = os.path.join(self.tmp, ".paste-%s" % self.sock)
        with open(buf, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self.tmux("load-buffer", buf)
        self.tmux("paste-buffer", *(["-p"] if bracketed else []))
        os.unlink(buf)

    def resize(self, cols, rows):
        self.tmux("resize-window", "-x", str(cols), "-y", str(rows))
        self.cols, self.rows = cols, rows

    def dead(self):
        out = self.tmux("display-message", "-p", "#{pane_dead} #{pane_dead_status}",
                        check=False).split()
        if not out:
            return True, None
        return out[0] == "1", (int(out[1]) if len(out) > 1 and out[1] else None)

    def wait(self, what, timeout=8.0, msg=None):
        """Waits until the screen contains what (a string, or a predicate on
        the screen text). Returns the screen."""
        scr = wait_screen(self.screen, what, timeout)
        if scr is None:
            raise Fail("timed out waiting for %r\n--- screen ---\n%s"
                       % (msg or what, self.screen()))
        return scr

    def wait_gone(self, what, timeout=8.0):
        return self.wait(lambda s: what not in s, timeout, msg="no " + what)

    def wait_exit(self, timeout=8.0):
        """Waits for the program to end; returns its exit status."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                with open(self.status_file) as f:
                    txt = f.read().strip()
                if txt:
                    return int(txt)
            except FileNotFoundError:
                pass
            time.sleep(0.02)
        raise Fail("the program did not exit\n" + self.screen())

    def cursor(self):
        x, y = self.tmux("display-message", "-p", "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def kill(self, sig):
        os.kill(self.pid(), sig)

    def close(self):
        if self.started:
            self.tmux("kill-server", check=False)
            self.started = False


def header(scr):
    """The item pane's first line (right of the outline when shown)."""
    return scr.split("\n")[0].split("\u2502")[-1].strip()


def goto(t, ref, title):
    """Ctrl-G ref Enter, then waits for the item's header to start with
    title."""
    t.keys("C-g")
    t.wait("Go to:")
    t.type(ref)
    t.keys("Enter")
    return t.wait(lambda s: header(s).startswith(title), msg=title)


def goto_agency(t):
    """Goes to the item "Ministry or agency" (D3), a line of text: tests
    that type into a one-line answer use it, the country being picked from
    a list."""
    t.keys("C-g")
    t.wait("Go to:")
    t.type("D3")
    t.keys("Enter")
    return t.wait("The ministry, agency or interagency body")


def pick_country(t, typed, shown, timeout=8.0, on_item=False):
    """In the country picker (the new-plan screen's, or on_item the one
    typing opens on a country item): types typed (a code or a name in any
    language), waits for the entry shown ("Thailand (THA)", the name in
    the language of messages) to be the first match, and picks it with
    Enter."""
    if not on_item:
        t.wait(lambda s: first_pick(s) is not None, timeout,
               msg="the picker")
    t.type(typed)
    t.wait(lambda s: first_pick(s) == shown, timeout,
           msg="%r first when %r is typed" % (shown, typed))
    t.keys("Enter")


def first_pick(scr):
    """The picker's first entry (its fourth row, under its title, the
    filter and a blank row), or None when the screen is not a picker."""
    lines = scr.split("\n")
    if len(lines) < 4 or lines[2].strip() or "\u2502" in lines[1]:
        return None
    return lines[3].strip()


def mouse(t, x, y, button=0):
    """A mouse press at column x, row y (0-based) as an xterm sends it
    (button 0: the first, 64/65: the wheel up/down), then its release."""
    t.tmux("send-keys", "-l", "\x1b[M%c%c%c" % (32 + button, 33 + x, 33 + y))
    if button < 64:
        t.tmux("send-keys", "-l", "\x1b[M%c%c%c" % (35, 33 + x, 33 + y))


def wait_screen(read, what, timeout=8.0):
    """Polls read() (the screen as text) until it contains what (a string,
    or a predicate on the text), then until it stops changing for 0.1 s:
    one key can be drawn in more than one update (the status line after
    the item), and a slow build (sanitizers) may be caught in between.
    Returns that screen, or None when what never held. Every suite that
    drives the form in tmux waits through this."""
    end = time.monotonic() + timeout

    def holds(scr):
        return what(scr) if callable(what) else what in scr

    scr = read()
    while not holds(scr):
        if time.monotonic() > end:
            return None
        time.sleep(0.02)
        scr = read()
    still = time.monotonic()
    while time.monotonic() - still < 0.1 and time.monotonic() < end:
        time.sleep(0.02)
        now = read()
        if now != scr:
            if not holds(now):
                break
            scr, still = now, time.monotonic()
    return scr


def shquote(s):
    return "'" + str(s).replace("'", "'\\''") + "'"


def wait_file(path, pred, timeout=8.0):
    """Polls a file until pred(bytes) holds; returns the bytes."""
    end = time.monotonic() + timeout
    data = None
    while True:
        try:
            with open(path, "rb") as f:
                data = f.read()
            if pred(data):
                return data
        except FileNotFoundError:
            pass
        if time.monotonic() > end:
            raise Fail("timed out waiting for %s; it holds:\n%r" % (path, data))
        time.sleep(0.02)


def load_yaml(path):
    import yaml
    with open(path, "rb") as f:
        return yaml.safe_load(f.read().decode("utf-8"))


def answer(doc, item):
    """An answer of a plan document, wherever it is stored."""
    for group in ("details", "answers"):
        g = doc.get(group) or {}
        if item in g:
            return g[item]
    return None


def run(main):
    """Runs a test body with a temporary folder and tmux cleanup."""
    need_tmux()
    if not os.path.exists(PROG):
        print("program not built: " + PROG)
        sys.exit(1)
    tmp = tempfile.mkdtemp(prefix="ap-tui-")
    terms = []

    def make(*a, **k):
        t = Term(tmp, *a, **k)
        terms.append(t)
        return t

    status = 0
    try:
        main(tmp, make)
        print("ok")
    except Fail as e:
        print("FAIL: %s" % e)
        status = 1
    except AssertionError as e:
        import traceback
        traceback.print_exc()
        for t in terms:
            if t.started:
                print("--- screen ---\n" + t.screen())
        status = 1
    finally:
        for t in terms:
            t.close()
        if status == 0:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("files kept in " + tmp)
    sys.exit(status)
