"""Shared by the signing tests: running actionplan with a keys folder of
its own, making final plans of a country from the reference plan, and
counting failed checks (each test prints them and exits 1)."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
SRC = os.environ["AP_SOURCE_ROOT"]
BIN = os.path.join(os.environ["AP_BUILD_ROOT"], "src", "cli", "actionplan")
GOLDEN = os.path.join(SRC, "exports", "united-states-2000.yaml")
MINISIGN = shutil.which("minisign")

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL", msg)
    return cond


def finish():
    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


def need_minisign():
    if MINISIGN is None:
        print("minisign is missing (.ci/install-deps --tests): skipped")
        sys.exit(SKIP)


def tempdir():
    return tempfile.TemporaryDirectory(prefix="ap-sign-")


def env_for(home, **extra):
    """HOME and XDG_CONFIG_HOME of a user of our own: the keys go there."""
    e = dict(os.environ, HOME=home,
             XDG_CONFIG_HOME=os.path.join(home, "config"),
             XDG_DATA_HOME=os.path.join(home, "data"),
             ACTIONPLAN_QUESTIONNAIRES=os.path.join(SRC, "questionnaires"))
    e.update(extra)
    return e


def run(home, *args, input=None, cwd=None, **extra):
    """actionplan ARGS; input (bytes) on standard input. No terminal:
    a new session, so /dev/tty cannot be opened."""
    os.makedirs(home, exist_ok=True)
    return subprocess.run([BIN, *args], input=input, cwd=cwd or home,
                          env=env_for(home, **extra), capture_output=True,
                          timeout=120, start_new_session=True)


def minisign(*args, input=None, cwd=None):
    return subprocess.run([MINISIGN, *args], input=input, cwd=cwd,
                          capture_output=True, timeout=120,
                          start_new_session=True)


def keys_dir(home):
    return os.path.join(home, "config", "actionplan")


def plan_text(country="Thailand", revision=2, status="final", extra=""):
    """The reference plan, of another country and revision."""
    txt = open(GOLDEN, encoding="utf-8").read()
    # The country as code and name, or one line of free text: replaced by
    # a name (read as its country when it is one).
    txt = re.sub(r'(?m)^  country:( .*|\n    code: .*\n    name: .*)$',
                 '  country: "%s"' % country, txt, 1)
    txt = re.sub(r"(?m)^revision: .*$", "revision: %d" % revision, txt, 1)
    txt = re.sub(r"(?m)^status: .*$", 'status: "%s"' % status, txt, 1)
    return txt + extra


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)
    return data


def read(path):
    with open(path, "rb") as f:
        return f.read()


def sha256(path):
    return hashlib.sha256(read(path)).hexdigest()


def key_id(pub_path):
    """The key id from a public key file's comment (minisign's words),
    as 16 hex digits: minisign writes it without its leading zeros (about
    one key in 16 has one)."""
    first = read(pub_path).decode().split("\n")[0]
    return first.rsplit(" ", 1)[-1].upper().zfill(16)


def new_key(home, passphrase=None):
    """actionplan key new in home; returns the public key file."""
    if passphrase is None:
        r = run(home, "key", "new", "--no-passphrase")
    else:
        r = run(home, "key", "new", "--passphrase-fd", "0",
                input=passphrase.encode() + b"\n")
    assert r.returncode == 0, r.stderr
    return os.path.join(keys_dir(home), "actionplan.pub")
