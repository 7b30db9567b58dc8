"""Shared by the translation tests: real locales built with localedef in a
scratch LOCPATH (CI machines have only C.UTF-8), display widths as a
terminal counts them, the program and the catalogs of the build tree."""
import fcntl
import os
import shutil
import subprocess
import sys
import unicodedata

SRC = os.environ.get("AP_SOURCE_ROOT",
                     os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("AP_BUILD_ROOT", ".")
BIN = os.path.join(BUILD, "src", "cli", "actionplan")
PODIR = os.path.join(BUILD, "po")
DATA = os.path.join(SRC, "tests", "i18n", "data")

# The form's own test helpers: one wait for every suite that drives it.
sys.path.insert(0, os.path.join(SRC, "tests", "tui"))
from tuitest import wait_screen  # noqa: E402
# Catalog name -> locale used for it.
LOCALES = {"th": "th_TH", "vi": "vi_VN", "zh_CN": "zh_CN"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg, file=sys.stderr)


def finish():
    if failures:
        print(f"{len(failures)} failure(s)", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)


def skip(why):
    print("SKIP:", why)
    sys.exit(77)


def locpath():
    """A LOCPATH with th_TH.UTF-8, vi_VN.UTF-8 and zh_CN.UTF-8, built once
    per build tree under a lock (tests run in parallel)."""
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


def env(**extra):
    """The environment of a run: no language from the caller's session,
    catalogs and questionnaires from the trees, fixed time."""
    e = {k: v for k, v in os.environ.items()
         if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    e.update(ACTIONPLAN_LOCALEDIR=PODIR,
             ACTIONPLAN_QUESTIONNAIRES=os.path.join(SRC, "questionnaires"),
             SOURCE_DATE_EPOCH="946684800", LC_ALL="C.UTF-8")
    for k, v in extra.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    return e


def run(args, stdin=None, **extra):
    return subprocess.run([BIN, *args], env=env(**extra), input=stdin,
                          capture_output=True, timeout=60)


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


def parse_po(path):
    """{(msgctxt, msgid): msgstr} of a PO file (first form of plurals)."""
    sys.path.insert(0, os.path.join(SRC, "po"))
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "potool", os.path.join(SRC, "po", "po-tool.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return {(e["ctx"], e["id"]): e["strs"].get(0, "")
            for e in mod.parse_po(path)}


def qn_text(lang):
    """The questionnaire's text in lang: {context: translation}."""
    return {ctx: s for (ctx, _), s in
            parse_po(os.path.join(SRC, "po", lang + ".po")).items() if ctx}


class Tmux:
    """The form in a real terminal: tmux on a private socket is the screen
    oracle (doc/DESIGN.md, "Testing the form"). Polls; never sleeps blindly."""

    def __init__(self, name, cmd, environ, cols=80, rows=24):
        if not shutil.which("tmux"):
            skip("tmux not found")
        self.sock = f"ap-i18n-{os.getpid()}-{name}"
        envs = " ".join(f"{k}={shlex_quote(v)}" for k, v in environ.items())
        line = f"env -i {envs} {' '.join(shlex_quote(c) for c in cmd)}"
        self.tmux("new-session", "-d", "-x", str(cols), "-y", str(rows),
                  line + "; sleep 30")

    def tmux(self, *args):
        e = dict(os.environ, LC_ALL="C.UTF-8")
        e.pop("TMUX", None)
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null",
                               *args], env=e, capture_output=True,
                              text=True, timeout=20).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p").split("\n")

    def cursor(self):
        x, y = self.tmux("display", "-p", "#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def wait_for(self, text, timeout=10.0):
        # Until the text shows, then until the screen stops changing.
        scr = wait_screen(lambda: "\n".join(self.screen()), text, timeout)
        if scr is not None:
            return scr.split("\n")
        fail(f"screen never showed {text!r}:\n" + "\n".join(self.screen()))
        return None

    def keys(self, *keys, literal=False):
        self.tmux("send-keys", *(["-l"] if literal else []), *keys)

    def close(self):
        self.tmux("kill-server")


def shlex_quote(s):
    import shlex
    return shlex.quote(s)
