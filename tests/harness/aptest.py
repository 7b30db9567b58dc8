"""aptest: the one harness of the Python suites. It finds and runs the
built program in an isolated environment, drives it in a real terminal
(tmux on a private socket is the screen oracle: doc/DESIGN.md, "Testing
the form"), and reads, waits for, builds and compares files. Tests count
their checks through it and say why they skip. Every wait polls until
what it waits for holds; nothing sleeps blindly.

meson finds this module through PYTHONPATH, set once in tests/meson.build
(run a test by hand with PYTHONPATH=tests/harness)."""

import difflib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

SKIP = 77

# ---- where things are ----

SRC = os.path.abspath(os.environ.get(
    "AP_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD = os.path.abspath(os.environ.get("AP_BUILD_ROOT",
                                       os.path.join(SRC, "build")))
PROG = os.path.join(BUILD, "src", "cli", "actionplan")
QN_DIR = os.path.join(SRC, "questionnaires")
PODIR = os.path.join(BUILD, "po")
REFERENCE = os.path.join(SRC, "exports", "united-states-2000.yaml")
REFERENCE_TEXT = os.path.join(SRC, "exports", "united-states-2000.txt")
FIGURES_DIR = os.path.join(BUILD, "meson-logs", "proof")
EPOCH = "946684800"  # 2000-01-01, the default SOURCE_DATE_EPOCH

# What a terminal would act on: C0 controls but '\n' (and '\t' where
# allowed), DEL, and C1 controls encoded in UTF-8 (U+0080..U+009F).
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
# A report of AddressSanitizer or UndefinedBehaviorSanitizer on stderr.
SANITIZER = re.compile(rb"Sanitizer|runtime error:")


def skip(why):
    print("SKIP:", why)
    sys.exit(SKIP)


def need_program():
    if not os.path.exists(PROG):
        print("program not built: " + PROG)
        sys.exit(1)


def need_tmux():
    if shutil.which("tmux") is None:
        skip("tmux is missing")


def tempdir(prefix="ap-test-"):
    """A temporary folder removed when the with block ends."""
    return tempfile.TemporaryDirectory(prefix=prefix)


# ---- checks that count ----

class Checks:
    """Failed checks of one test: each printed as it happens, the test's
    status from them at the end. verbose: passed checks are printed too."""

    def __init__(self, verbose=False):
        self.failures = []
        self.checks = 0
        self.verbose = verbose

    def check(self, cond, what, detail=""):
        self.checks += 1
        if cond:
            if self.verbose:
                print("ok:", what)
            return True
        self.failures.append(what)
        print("FAIL:", what)
        if detail:
            detail = str(detail)
            print(detail if len(detail) < 6000 else detail[-6000:])
        sys.stdout.flush()
        return False

    def fail(self, what, detail=""):
        return self.check(False, what, detail)

    def finish(self):
        if self.failures:
            print("%d of %d checks failed" % (len(self.failures),
                                              self.checks))
            sys.exit(1)
        print("all %d checks passed" % self.checks)
        sys.exit(0)


CHECKS = Checks()
failures = CHECKS.failures
check = CHECKS.check
fail = CHECKS.fail
finish = CHECKS.finish


# ---- the program ----

def env(home=None, base=None, qdirs=(), **extra):
    """The environment of a run, alike for every suite: nothing of the
    caller's language (LC_*, LANG, LANGUAGE) or terminal session (TMUX),
    C.UTF-8, UTC, a fixed time, the questionnaires and catalogs of the
    trees, no terminal (TERM=dumb). home: HOME and the XDG folders there
    (created), so no file of the developer is read or written. base: the
    variables to start from (default: this process's). qdirs: folders of
    questionnaires searched before the tree's. extra: more variables;
    None removes one."""
    e = {k: v for k, v in (os.environ if base is None else base).items()
         if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE", "TMUX"))}
    e.update(LC_ALL="C.UTF-8", TZ="UTC", TERM="dumb",
             ACTIONPLAN_QUESTIONNAIRES=":".join(list(qdirs) + [QN_DIR]),
             ACTIONPLAN_LOCALEDIR=PODIR)
    e["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH", EPOCH)
    if home is not None:
        e.update(HOME=home, XDG_DATA_HOME=os.path.join(home, "data"),
                 XDG_CONFIG_HOME=os.path.join(home, "config"),
                 XDG_STATE_HOME=os.path.join(home, "state"))
        os.makedirs(home, exist_ok=True)
    for k, v in extra.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = str(v)
    return e


def run(args, input=None, env=None, cwd=None, timeout=120, prefix=(),
        prog=None, new_session=False, checks=None, home=None, **extra):
    """Runs the program (prog, default the built actionplan) with args,
    input (bytes or str) on standard input, in env (default:
    env(home, **extra)) and cwd (default: home); returns the
    CompletedProcess (bytes). A sanitizer report on stderr is a failed
    check whatever the status. new_session: no controlling terminal, so
    /dev/tty cannot be opened."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    cmd = list(prefix) + ([prog] if isinstance(prog, str) else
                          list(prog or [PROG])) + [str(a) for a in args]
    r = subprocess.run(cmd, input=input, capture_output=True,
                       env=(globals()["env"](home, **extra) if env is None
                            else env),
                       cwd=cwd or home, timeout=timeout,
                       start_new_session=new_session)
    if SANITIZER.search(r.stderr):
        (checks or CHECKS).fail(
            "no sanitizer report from %s" % " ".join(map(str, args)),
            r.stderr.decode("utf-8", "replace"))
    return r


def decoded(r, errors="replace"):
    """(status, stdout, stderr) of a CompletedProcess, as text (errors:
    "strict" when output that is not UTF-8 must fail the test)."""
    return (r.returncode, r.stdout.decode("utf-8", errors),
            r.stderr.decode("utf-8", errors))


def spawn_pty(args, env, cols=80, rows=24):
    """Starts the program with args in a pseudo-terminal of cols x rows
    of its own (for the raw bytes it writes, which tmux would interpret);
    returns (pid, fd of the terminal's master side)."""
    import pty
    import struct
    import termios
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(PROG, [os.path.basename(PROG)] + list(args), env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_until(fd, what, seen=b"", timeout=15.0):
    """Reads the output of a process on fd (a pipe or a pty) until what
    (bytes; None: nothing) shows in seen and what was read since, the
    output ends, or timeout seconds pass. Returns seen and what was read:
    a bytearray seen is extended in place and returned, so a long output
    is not copied at each call."""
    out = seen if isinstance(seen, bytearray) else bytearray(seen)
    end = time.monotonic() + timeout
    while what is None or what not in out:
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], min(left, 0.05))
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out if out is seen else bytes(out)


class Proof(Checks):
    """A proof test (tests/proof, tests/alloc): a temporary folder with a
    HOME of its own, counted checks (each printed), and the figures the
    test leaves for the proof report (meson-logs/proof/NAME.json)."""

    def __init__(self, name):
        super().__init__(verbose=True)
        self.name = name
        self.tmp = tempfile.mkdtemp(prefix="ap-proof-%s-" % name)
        self.figures = {}
        self.record = True  # False: leave no figures (a helper process)

    def skip(self, why):
        print("SKIP:", why)
        self.write_figures(skipped=why)
        shutil.rmtree(self.tmp, ignore_errors=True)
        sys.exit(SKIP)

    def need_unshare(self):
        """Skips unless this user may make a user and mount namespace
        (unshare -rm), where a test mounts file systems of its own."""
        why = subprocess.run(["unshare", "-rm", "true"], capture_output=True,
                             text=True)
        if why.returncode != 0:
            self.skip("unshare -rm is not permitted here: "
                      + why.stderr.strip())

    def env(self, **extra):
        return env(os.path.join(self.tmp, "home"), **extra)

    def run(self, args, stdin=b"", env=None, timeout=30, prefix=()):
        """Runs actionplan ARGS in the folder; returns (status, stdout
        bytes, stderr bytes)."""
        r = run(args, input=stdin, env=env or self.env(), cwd=self.tmp,
                timeout=timeout, prefix=prefix, checks=self)
        return r.returncode, r.stdout, r.stderr

    def write_figures(self, **figures):
        self.figures.update(figures)
        if not self.record:
            return
        os.makedirs(FIGURES_DIR, exist_ok=True)
        self.figures["checks"] = self.checks
        self.figures["failures"] = len(self.failures)
        self.figures["when"] = time.time()
        path = os.path.join(FIGURES_DIR, self.name + ".json")
        with open(path + ".tmp", "w") as f:
            json.dump(self.figures, f, sort_keys=True)
        os.replace(path + ".tmp", path)

    def finish(self):
        self.write_figures()
        if self.failures:
            print("%d of %d checks failed; files kept in %s"
                  % (len(self.failures), self.checks, self.tmp))
            sys.exit(1)
        shutil.rmtree(self.tmp, ignore_errors=True)
        print("all %d checks passed" % self.checks)
        sys.exit(0)


# ---- languages ----

# Catalog name -> the locale used for it.
LOCALES = {"th": "th_TH", "vi": "vi_VN", "zh_CN": "zh_CN"}


def locpath():
    """A LOCPATH with th_TH.UTF-8, vi_VN.UTF-8 and zh_CN.UTF-8, built with
    localedef once per build tree under a lock (tests run in parallel;
    CI machines have only C.UTF-8). Skips without localedef."""
    if not shutil.which("localedef"):
        skip("localedef not found (Debian package locales)")
    d = os.path.join(BUILD, "tests", "i18n", "locpath")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for loc in LOCALES.values():
            out = os.path.join(d, loc + ".UTF-8")
            if os.path.exists(os.path.join(out, "LC_CTYPE")):
                continue
            if not os.path.exists(os.path.join("/usr/share/i18n/locales",
                                               loc)):
                skip(f"no locale source for {loc} (package locales)")
            tmp = out + ".tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            # localedef exits 1 for mere warnings: judge by its output.
            r = subprocess.run(["localedef", "-i", loc, "-f", "UTF-8", tmp],
                               capture_output=True, text=True)
            if not os.path.exists(os.path.join(tmp, "LC_CTYPE")):
                skip(f"localedef {loc} failed: {r.stderr.strip()}")
            shutil.rmtree(out, ignore_errors=True)
            os.rename(tmp, out)
    return d


def width(s):
    """Columns a terminal gives s: 0 for combining marks and format
    characters, 2 for wide and full-width ones."""
    n = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me",
                                                                 "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n


def po_tool():
    """po/po-tool.py as a module: its PO parser and checks."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "potool", os.path.join(SRC, "po", "po-tool.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse_po(path):
    """{(msgctxt, msgid): msgstr} of a PO file (first form of plurals)."""
    return {(e["ctx"], e["id"]): e["strs"].get(0, "")
            for e in po_tool().parse_po(path)}


def qn_text(lang):
    """The questionnaire's text in lang: {context: translation}."""
    return {ctx: s for (ctx, _), s in
            parse_po(os.path.join(SRC, "po", lang + ".po")).items() if ctx}


# ---- the terminal ----

class Fail(Exception):
    pass


def shquote(s):
    return "'" + str(s).replace("'", "'\\''") + "'"


def tmux_env():
    """The environment of a tmux client: its own server, UTF-8."""
    e = dict(os.environ)
    e.setdefault("LC_ALL", "C.UTF-8")
    e.pop("TMUX", None)
    return e


class Term:
    """One tmux server (a private socket) with one pane running the
    program, cols x rows."""

    count = 0

    def __init__(self, tmp, cols=80, rows=24, term="tmux-256color", env=None,
                 socket=None):
        need_tmux()
        Term.count += 1
        self.sock = "apt-%d-%d" % (os.getpid(), Term.count)
        # socket: a socket file of a server started elsewhere (in a mount
        # namespace of its own, say); else a private name.
        self.server = ["-S", socket] if socket else ["-L", self.sock]
        self.tmp = tmp
        self.cols, self.rows = cols, rows
        self.term = term
        # Started with env -i: only these reach the program.
        home = os.path.join(tmp, "home")
        self.env = globals()["env"](
            home, base={}, TERM=term, EDITOR="false",
            XDG_CONFIG_HOME=None, XDG_STATE_HOME=None)
        if env:
            self.env.update(env)
        self.started = bool(socket)

    def tmux(self, *args, check=True):
        r = subprocess.run(["tmux"] + self.server + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=tmux_env(), timeout=30)
        if check and r.returncode != 0:
            raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
        return r.stdout

    def start(self, *args, cwd=None, wrapper=None, shell_suffix=None,
              prog=None, options=()):
        """Starts the program (prog, default actionplan; args after its
        name) under a shell that writes its exit status to a file (tmux
        loses it at times). options: more (name, value) server options."""
        os.makedirs(self.env["HOME"], exist_ok=True)
        self.status_file = os.path.join(self.tmp, ".status-%s" % self.sock)
        if os.path.exists(self.status_file):
            os.unlink(self.status_file)
        self.prog = prog or PROG
        envs = " ".join("%s=%s" % (k, shquote(v)) for k, v in self.env.items())
        words = " ".join(shquote(w) for w in (wrapper or [])) + " " + \
            shquote(self.prog)
        cmd = "env -i PATH=%s %s %s %s; echo $? > %s" % (
            shquote(os.environ.get("PATH", "/usr/bin:/bin")), envs, words,
            " ".join(shquote(a) for a in args), shquote(self.status_file))
        if shell_suffix:
            cmd += "; " + shell_suffix
        self.start_shell("cd %s && %s" % (shquote(cwd or self.tmp), cmd),
                         [("remain-on-exit", "on")] + list(options))

    def start_shell(self, cmd, options=(), server_env=None):
        """Starts a pane running the shell command cmd as it is, with
        these (name, value) server options; server_env: the environment
        of the tmux server, so of cmd (default: this process's)."""
        opts = []
        for name, value in options:
            opts += [";", "set-option", "-g", name, value]
        subprocess.run(["tmux"] + self.server + ["-f", "/dev/null",
                        "new-session", "-d", "-x", str(self.cols), "-y",
                        str(self.rows), cmd] + opts,
                       check=True, env=server_env or tmux_env(), timeout=30)
        self.started = True
        self.shell_pid = int(self.tmux("display-message", "-p",
                                       "#{pane_pid}").strip())
        self._pid = None

    def pid(self):
        """The program's pid (a child of the pane's shell)."""
        if self._pid:
            return self._pid
        name = os.path.basename(getattr(self, "prog", PROG))
        end = time.monotonic() + 5
        while time.monotonic() < end:
            for task in os.listdir("/proc/%d/task" % self.shell_pid):
                with open("/proc/%d/task/%s/children"
                          % (self.shell_pid, task)) as f:
                    for c in f.read().split():
                        try:
                            exe = os.readlink("/proc/%s/exe" % c)
                        except OSError:
                            continue
                        if os.path.basename(exe) == name:
                            self._pid = int(c)
                            return self._pid
            time.sleep(0.02)
        raise Fail("no program process under the pane")

    def screen(self):
        """The whole screen as text, one line per row."""
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
        out = self.tmux("display-message", "-p",
                        "#{pane_dead} #{pane_dead_status}",
                        check=False).split()
        if not out:
            return True, None
        return out[0] == "1", (int(out[1]) if len(out) > 1 and out[1]
                               else None)

    def wait(self, what, timeout=8.0, msg=None):
        """Waits until the screen contains what (a string, or a predicate
        on the screen text) and has settled. Returns the screen."""
        scr = wait_screen(self.screen, what, timeout)
        if scr is None:
            raise Fail("timed out waiting for %r\n--- screen ---\n%s"
                       % (msg or what, self.screen()))
        return scr

    def poll(self, what, timeout=8.0):
        """As wait, but returns None when what never showed."""
        return wait_screen(self.screen, what, timeout)

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
        x, y = self.tmux("display-message", "-p",
                         "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def kill(self, sig):
        os.kill(self.pid(), sig)

    def close(self):
        if self.started:
            self.tmux("kill-server", check=False)
            self.started = False


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


def mouse(t, x, y, button=0):
    """A mouse press at column x, row y (0-based) as an xterm sends it
    (button 0: the first, 64/65: the wheel up/down), then its release."""
    t.tmux("send-keys", "-l", "\x1b[M%c%c%c" % (32 + button, 33 + x, 33 + y))
    if button < 64:
        t.tmux("send-keys", "-l", "\x1b[M%c%c%c" % (35, 33 + x, 33 + y))


def tmux_widths(strings, cols=400):
    """How far tmux moves its cursor over each string, printed alone at the
    start of a line: one private tmux server, one probe (tmux_probe.py
    beside this file) asking the cursor position (DSR) after each string.
    Independent of the C code, so it can tell it wrong."""
    probe = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "tmux_probe.py")
    with tempdir("ap-width-") as tmp:
        src = os.path.join(tmp, "in.json")
        dst = os.path.join(tmp, "out.json")
        write(src, json.dumps(list(strings)))
        t = Term(tmp, cols, 10)
        try:
            # The probe under this Python; it writes dst whole (rename).
            t.start_shell(" ".join(shquote(w) for w in (
                sys.executable or "python3", probe, src, dst)),
                server_env=dict(tmux_env(), LC_ALL="C.UTF-8"))
            return json.loads(wait_file(dst, lambda b: True, 60))
        finally:
            t.close()


def python_wcwidth():
    """Python's wcwidth module when it is current enough to measure what
    terminals draw today (emoji ZWJ sequences as one emoji, Hangul medial
    jamo as nothing: wcwidth 0.2.9 and later); else None. Debian 12's
    python3-wcwidth is 0.2.5, which counts the parts."""
    try:
        import wcwidth
    except ImportError:
        return None
    if (wcwidth.wcswidth("\U0001F468\u200d\U0001F469\u200d\U0001F467") != 2
            or wcwidth.wcswidth("\u1100\u1161\u11a8") != 2):
        return None
    return wcwidth


def terminal_widths(strings):
    """Widths of the strings by the terminal oracles available: a list of
    (name, [widths]); tmux first. AP_WIDTH_ORACLE=tmux or wcwidth keeps
    one."""
    out = []
    if shutil.which("tmux") and os.environ.get("AP_WIDTH_ORACLE") != "wcwidth":
        out.append(("tmux", tmux_widths(strings)))
    wc = python_wcwidth()
    if wc and os.environ.get("AP_WIDTH_ORACLE") != "tmux":
        out.append(("wcwidth %s" % getattr(wc, "__version__", "?"),
                    [wc.wcswidth(s) for s in strings]))
    return out


def with_terms(main):
    """Runs main(tmp, make) with a temporary folder; make(...) makes a
    Term there (Term's arguments after tmp). Every Term is closed at the
    end; a failure prints each screen and keeps the folder."""
    need_tmux()
    need_program()
    tmp = tempfile.mkdtemp(prefix="ap-tui-")
    terms = []

    def make(*a, **k):
        t = Term(tmp, *a, **k)
        terms.append(t)
        return t

    status = 0
    try:
        main(tmp, make)
        if CHECKS.failures:
            raise Fail("%d checks failed" % len(CHECKS.failures))
        print("ok")
    except Fail as e:
        print("FAIL: %s" % e)
        status = 1
    except AssertionError:
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


# ---- the form's screens ----

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


# ---- files ----

def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, data, mode=0o644):
    """Writes data (str as UTF-8, or bytes) to path, making its folder;
    returns the bytes."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)
    return data


def sha256(path):
    import hashlib
    return hashlib.sha256(read_bytes(path)).hexdigest()


def load_yaml(path):
    import yaml
    with open(path, "rb") as f:
        return yaml.safe_load(f.read().decode("utf-8"))


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
            raise Fail("timed out waiting for %s; it holds:\n%r"
                       % (path, data))
        time.sleep(0.02)


def answer(doc, item):
    """An answer of a plan document, wherever it is stored."""
    for group in ("details", "answers"):
        g = doc.get(group) or {}
        if item in g:
            return g[item]
    return None


def tree(d):
    """Every file below d (and every symbolic link) by its path relative
    to d, with its bytes."""
    got = {}
    for root, dirs, files in os.walk(d):
        for name in files + [x for x in dirs
                             if os.path.islink(os.path.join(root, x))]:
            p = os.path.join(root, name)
            got[os.path.relpath(p, d)] = read_bytes(p)
    return got


def leftovers(folder):
    """Temporary files a save may leave: dot files other than locks."""
    return sorted(n for n in os.listdir(folder)
                  if n.startswith(".") and not n.endswith(".lock"))


def yaml_str(s):
    """A YAML double-quoted scalar holding s exactly (escapes for every
    control character, so the file itself stays printable)."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif c < 0x20 or c == 0x7f or 0x80 <= c < 0xa0:
            out.append("\\x%02x" % c)
        elif c in (0x2028, 0x2029, 0x85):
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def plan_yaml(details=None, answers=None, status="draft", revision=0,
              qn_id="ariat-2000", qn_version="1"):
    """A plan file of the ARIAT questionnaire with these answers (values
    are strings, lists or {'value':..,'explanation':..} mappings)."""
    lines = ['format: "actionplan-plan/1"', "questionnaire:",
             "  id: %s" % yaml_str(qn_id), "  version: %s" % qn_version,
             'status: "%s"' % status, "revision: %d" % revision]

    def group(name, d):
        if not d:
            return
        lines.append("%s:" % name)
        for k, v in d.items():
            key = yaml_str(k)
            if isinstance(v, dict):
                lines.append("  %s:" % key)
                for kk, vv in v.items():
                    lines.append("    %s: %s" % (kk, yaml_str(vv)))
            elif isinstance(v, list):
                lines.append("  %s: [%s]" % (key, ", ".join(yaml_str(x)
                                                           for x in v)))
            else:
                lines.append("  %s: %s" % (key, yaml_str(v)))
    group("details", details)
    group("answers", answers)
    return "\n".join(lines) + "\n"


def reference_plan(country="Thailand", revision=2, status="final", extra=""):
    """The reference plan (exports/united-states-2000.yaml) of another
    country (None: its own), revision and status."""
    txt = read_text(REFERENCE)
    # The country as code and name, or one line of free text: replaced by
    # a name (read as its country when it is one).
    if country is not None:
        txt = re.sub(r'(?m)^  country:( .*|\n    code: .*\n    name: .*)$',
                     '  country: "%s"' % country, txt, 1)
    txt = re.sub(r"(?m)^revision: .*$", "revision: %d" % revision, txt, 1)
    txt = re.sub(r"(?m)^status: .*$", 'status: "%s"' % status, txt, 1)
    return txt + extra


def plan_set(tmp, generator="collect/gen-plans.py"):
    """Writes a generated set of plans (by a generator of a suite, under
    tests/) to tmp/in and the questionnaire versions they use to
    tmp/qdir; returns the environment of runs that read them."""
    subprocess.run([sys.executable, os.path.join(SRC, "tests", generator),
                    SRC, tmp], check=True, timeout=300)
    return env(qdirs=[os.path.join(tmp, "qdir")])


def normalize(data, tmp):
    """Machine-specific folders out of a file's bytes: $TMP and $SRC."""
    return (data.replace(os.path.realpath(tmp).encode(), b"$TMP")
            .replace(tmp.encode(), b"$TMP")
            .replace(os.path.realpath(SRC).encode(), b"$SRC")
            .replace(SRC.encode(), b"$SRC"))


def golden(path, got, update_var, checks=None, label=None):
    """Compares got (bytes or str) with the golden file path (relative:
    to tests/, as collect/expected/diff.txt); with the
    environment variable update_var set (AP_UPDATE_EXPECTED,
    AP_UPDATE_SCREENS...), writes got there instead, after a deliberate
    change. A difference is a failed check showing the first lines of a
    unified diff. Returns whether they match (or the file was written)."""
    checks = checks or CHECKS
    path = os.path.join(SRC, "tests", path)
    label = label or os.path.relpath(path, os.path.join(SRC, "tests"))
    if isinstance(got, str):
        got = got.encode("utf-8")
    if os.environ.get(update_var):
        write(path, got)
        print("updated", label)
        return True
    try:
        want = read_bytes(path)
    except FileNotFoundError:
        return checks.fail("%s: no golden file (run with %s=1)"
                           % (label, update_var))
    if got == want:
        return True
    diff = difflib.unified_diff(want.decode("utf-8", "replace").split("\n"),
                                got.decode("utf-8", "replace").split("\n"),
                                label, "got", lineterm="", n=2)
    return checks.fail("%s differs from its golden file (%s=1 rewrites it)"
                       % (label, update_var), "\n".join(list(diff)[:80]))
