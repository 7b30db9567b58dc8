#!/usr/bin/env python3
"""Passphrases at a real terminal (tmux), never shown: `actionplan key
new` asks twice with echo off; finishing a plan in the form offers to sign
with that key, takes the passphrase on the message line without drawing
it, and writes a signature that verifies; the line mode at a terminal
asks the same with echo off and refuses a wrong passphrase without
writing a signature; the line mode from a script signs with the right
one."""
import os
import re

import aptest

PASS = "s3cr3t-ไทย-phrase"
WRONG = "n0pe-wrong-phrase"
SLOW = 90  # scrypt takes seconds, more under sanitizers


def draft(path):
    """The reference plan as a complete draft."""
    aptest.write(path, aptest.reference_plan(None, 0, "draft"))


def verify(tmp, path):
    # The keys where the form made them: HOME/.config.
    return aptest.run(["verify", path], home=os.path.join(tmp, "home"),
                      XDG_CONFIG_HOME=None)


def main(tmp, make):
    # key new at a terminal: asked twice, never echoed.
    t = make(cols=100, rows=30)
    t.start("key", "new")
    t.wait("New passphrase for the secret key:", timeout=SLOW)
    t.type(PASS)
    t.keys("Enter")
    t.wait("The same passphrase again:")
    t.type(PASS)
    t.keys("Enter")
    scr = t.wait("New key pair", timeout=SLOW)
    assert t.wait_exit(timeout=SLOW) == 0
    assert PASS not in scr and "s3cr3t" not in scr, scr
    kid = re.search(r"key id ([0-9A-F]{16})", scr).group(1)

    # The form: finish, then sign with the key.
    plan = os.path.join(tmp, "form", "us-draft.yaml")
    draft(plan)
    t = make(cols=100, rows=30)
    t.start("fill", plan)
    t.wait("Country")
    t.keys("F10")
    t.wait("Export to folder: ")
    t.keys("Enter")
    t.wait("The plan is final (revision 1)")
    t.keys("Enter")
    t.wait("Sign the plan with your key %s? (yes/no)" % kid)
    t.type("yes")
    t.keys("Enter")
    t.wait("Passphrase (typing is not shown):")
    t.type(PASS)
    scr = t.screen()
    assert "s3cr3t" not in scr and "*" * 5 not in scr, scr
    t.keys("Enter")
    yaml_out = os.path.join(tmp, "form", "usa-2000-01.yaml")
    scr = t.wait("Signed: ", timeout=SLOW)
    assert "s3cr3t" not in scr, scr
    t.keys("C-q")
    assert t.wait_exit() == 0
    r = verify(tmp, yaml_out)
    assert r.returncode == 0 and kid.encode() in r.stdout, (r.stdout, r.stderr)

    # The line mode at a terminal: echo off; a wrong passphrase signs
    # nothing.
    plan2 = os.path.join(tmp, "line", "us-draft.yaml")
    draft(plan2)
    t = make(cols=100, rows=30)
    t.start("fill", "--plain", plan2)
    t.wait(lambda s: s.rstrip().endswith("\n>"), msg="the prompt")
    t.type(":finish")
    t.keys("Enter")
    t.wait("Sign the plan with your key %s? Answer yes or no." % kid)
    t.type("yes")
    t.keys("Enter")
    t.wait("Passphrase of your secret key (typing is not shown):")
    t.type(WRONG)
    t.keys("Enter")
    scr = t.wait("The plan was not signed.", timeout=SLOW)
    assert "wrong passphrase" in scr, scr
    assert "n0pe" not in scr, scr
    assert t.wait_exit() == 0
    yaml2 = os.path.join(tmp, "line", "usa-2000-01.yaml")
    assert os.path.exists(yaml2) and not os.path.exists(yaml2 + ".minisig")

    # The line mode from a script: the right passphrase signs.
    plan3 = os.path.join(tmp, "script", "us-draft.yaml")
    draft(plan3)
    r = aptest.run(["fill", "--plain", plan3],
                   input=":finish\nyes\n%s\n" % PASS,
                   home=os.path.join(tmp, "home"), cwd=tmp,
                   XDG_CONFIG_HOME=None)
    yaml3 = os.path.join(tmp, "script", "usa-2000-01.yaml")
    assert r.returncode == 0 and b"Signed: " + yaml3.encode() in r.stdout, r.stdout
    assert PASS.encode() not in r.stdout and PASS.encode() not in r.stderr
    assert verify(tmp, yaml3).returncode == 0


aptest.with_terms(main)
