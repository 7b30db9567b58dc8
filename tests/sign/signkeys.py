"""The signing suite's key fixtures: minisign beside actionplan, the keys
folder of a user, a new key pair and its id. Running the program, checks
and files are aptest's."""
import os
import shutil
import subprocess

import aptest

MINISIGN = shutil.which("minisign")


def need_minisign():
    if MINISIGN is None:
        aptest.skip("minisign is missing (.ci/install-deps --tests)")


def minisign(*args, input=None, cwd=None):
    return subprocess.run([MINISIGN, *args], input=input, cwd=cwd,
                          capture_output=True, timeout=120,
                          start_new_session=True)


def keys_dir(home):
    return os.path.join(home, "config", "actionplan")


def key_id(pub_path):
    """The key id from a public key file's comment (minisign's words),
    as 16 hex digits: minisign writes it without its leading zeros (about
    one key in 16 has one)."""
    first = aptest.read_bytes(pub_path).decode().split("\n")[0]
    return first.rsplit(" ", 1)[-1].upper().zfill(16)


def new_key(home, passphrase=None):
    """actionplan key new in home; returns the public key file."""
    if passphrase is None:
        r = aptest.run(["key", "new", "--no-passphrase"], home=home,
                       new_session=True)
    else:
        r = aptest.run(["key", "new", "--passphrase-fd", "0"], home=home,
                       new_session=True,
                       input=passphrase.encode() + b"\n")
    assert r.returncode == 0, r.stderr
    return os.path.join(keys_dir(home), "actionplan.pub")
