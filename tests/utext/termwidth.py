"""Display widths as a terminal draws them, for the tests: tmux's own
cursor (the terminal the tests drive), and Python's wcwidth when a current
one is installed. Independent of the C code, so they can tell it wrong."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "tmux_probe.py")

# The Python the probe runs under inside tmux: this one.
PYTHON = sys.executable or "python3"


def have_tmux():
    return shutil.which("tmux") is not None


def tmux_widths(strings, cols=400):
    """How far tmux moves its cursor over each string, printed alone at the
    start of a line: one private tmux server, one probe asking the cursor
    position (DSR) after each string."""
    tmp = tempfile.mkdtemp(prefix="ap-width-")
    sock = "apw-%d-%d" % (os.getpid(), int(time.monotonic() * 1000) % 100000)
    src = os.path.join(tmp, "in.json")
    dst = os.path.join(tmp, "out.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(list(strings), f)
    env = dict(os.environ)
    env.pop("TMUX", None)
    env["LC_ALL"] = "C.UTF-8"
    cmd = "%s %s %s %s" % (PYTHON, PROBE, src, dst)
    try:
        subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session",
                        "-d", "-x", str(cols), "-y", "10", cmd],
                       check=True, env=env)
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                with open(dst, encoding="utf-8") as f:
                    return json.load(f)
            except (FileNotFoundError, ValueError):
                time.sleep(0.05)
        raise RuntimeError("the tmux width probe gave no answer")
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


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


def widths(strings):
    """Widths of the strings by the terminal oracles available: a list of
    (name, [widths]); tmux first."""
    out = []
    if have_tmux() and os.environ.get("AP_WIDTH_ORACLE") != "wcwidth":
        out.append(("tmux", tmux_widths(strings)))
    wc = python_wcwidth()
    if wc and os.environ.get("AP_WIDTH_ORACLE") != "tmux":
        out.append(("wcwidth %s" % getattr(wc, "__version__", "?"),
                    [wc.wcswidth(s) for s in strings]))
    return out
