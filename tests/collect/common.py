"""Shared by the collect tests: paths, the generated plan set, running the
program, and comparing outputs with the expected files (set
AP_UPDATE_EXPECTED=1 to rewrite them after a deliberate change)."""
import difflib
import os
import subprocess
import sys
import tempfile

SRC = os.environ["AP_SOURCE_ROOT"]
BIN = os.path.join(os.environ["AP_BUILD_ROOT"], "src", "cli", "actionplan")
HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def generate(tmp):
    """The generated set in tmp/in, the copied questionnaire in tmp/qdir."""
    subprocess.run([sys.executable, os.path.join(HERE, "gen-plans.py"), SRC, tmp],
                   check=True)


def env_for(tmp):
    return dict(os.environ,
                ACTIONPLAN_QUESTIONNAIRES=os.path.join(tmp, "qdir") + ":" +
                os.path.join(SRC, "questionnaires"))


def run(tmp, *args, cwd=None):
    return subprocess.run([BIN, *args], cwd=cwd or tmp, env=env_for(tmp),
                          capture_output=True, timeout=120)


def normalize(data, tmp):
    """Machine-specific folders out of a file's bytes."""
    return (data.replace(os.path.realpath(tmp).encode(), b"$TMP")
            .replace(tmp.encode(), b"$TMP")
            .replace(os.path.realpath(SRC).encode(), b"$SRC")
            .replace(SRC.encode(), b"$SRC"))


def compare(name, got):
    path = os.path.join(EXPECTED, name)
    if os.environ.get("AP_UPDATE_EXPECTED"):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(got)
        print("updated", name)
        return
    try:
        want = open(path, "rb").read()
    except FileNotFoundError:
        fail(f"{name}: no expected file (run with AP_UPDATE_EXPECTED=1)")
        return
    if got != want:
        diff = difflib.unified_diff(want.decode("utf-8", "replace").splitlines(),
                                    got.decode("utf-8", "replace").splitlines(),
                                    "expected/" + name, "got", lineterm="", n=2)
        fail(f"{name} differs from the expected file:\n" +
             "\n".join(list(diff)[:60]))


def tree(d):
    """Every file below d (and every symbolic link) by its path relative
    to d, with its bytes."""
    got = {}
    for root, dirs, files in os.walk(d):
        for name in files + [x for x in dirs if os.path.islink(os.path.join(root, x))]:
            p = os.path.join(root, name)
            got[os.path.relpath(p, d)] = open(p, "rb").read()
    return got


def finish():
    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


def tempdir():
    return tempfile.TemporaryDirectory(prefix="ap-collect-")
