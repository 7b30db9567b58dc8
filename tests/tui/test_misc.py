"""Validation when leaving an item; choices and conditions (yes/no with an explanation shows or hides a
dependent item; multi as checkboxes), $EDITOR (taken back, bad UTF-8
refused, no temporary file left), a draft open in another editor opens
read-only, and the terminal is restored after a normal exit and after a
crash (SIGSEGV)."""

import os
import signal
import stat

import aptest
from aptest import answer, load_yaml, wait_file


def stty_ok(path):
    txt = wait_file(path, lambda b: b"icanon" in b).decode()
    words = txt.split()
    for w in ("icanon", "echo", "ixon", "isig"):
        assert w in words and "-" + w not in words, (w, txt)


def main(tmp, make):
    path = os.path.join(tmp, "plan.yaml")
    tmpdir = os.path.join(tmp, "tmpdir")
    os.mkdir(tmpdir)
    ed = os.path.join(tmp, "ed.sh")
    with open(ed, "w") as f:
        f.write("#!/bin/sh\n"
                "case \"$(cat \"$1\")\" in\n"
                "  *BAD*) printf 'bad \\377 byte' > \"$1\" ;;\n"
                "  *) printf '%s\\n' 'from the editor: ผู้ใหญ่' >> \"$1\" ;;\n"
                "esac\n")
    os.chmod(ed, 0o755)

    t = make(env={"EDITOR": ed, "TMPDIR": tmpdir})
    t.start("fill", path, shell_suffix="stty -a > %s" % aptest.shquote(
        os.path.join(tmp, "stty-after-quit.txt")))
    t.wait("Country")

    # Leaving an item shows its problem and marks it "!", never blocking.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("D5")
    t.keys("Enter")
    t.wait("Contact e-mail")
    t.type("not an address")
    t.keys("C-n")
    scr = t.wait(lambda s: "! Contact e-mail" in s and "Contact e-mail: " in s,
                 msg="the e-mail's problem, marked and said")
    assert "Language of the answers" in scr
    t.keys("C-p", "C-u")
    t.type("ok@example.org")
    t.keys("C-n")
    t.wait("✓ Contact e-mail")

    # Yes/no with an explanation; "no" shows Prosecution 2, "yes" hides it.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("Ps1")
    t.keys("Enter")
    scr = t.wait("Prosecution 1")
    assert " 2 If there are no l" not in scr
    t.keys("n")
    t.wait(" 2 If there are no l")
    t.keys("y")
    t.wait_gone(" 2 If there are no l")
    # Items that do not apply can be listed, marked "-".
    t.keys("F6", "a")
    t.wait("-  2 If there are no l")
    t.keys("a")
    t.wait_gone(" 2 If there are no l")
    t.keys("F6")
    t.keys("Tab")
    t.type("Article 1 of the penal code.")
    t.wait("Article 1 of the penal code.")
    t.keys("C-s")
    t.wait("Saved.")
    doc = load_yaml(path)
    assert answer(doc, "prosecution.1") == {
        "value": "yes", "explanation": "Article 1 of the penal code."}, answer(doc, "prosecution.1")

    # Multi: checkboxes.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("S1")
    t.keys("Enter")
    t.wait("[ ] Reintegration")
    t.keys("Space", "Down", "Down", "Space")
    t.wait("[x] Reintegration")
    t.keys("Up", "Up", "Space")
    t.wait("[ ] Prevention")
    t.keys("Space")
    t.wait("[x] Prevention")
    t.keys("C-s")
    t.wait("Saved.")
    assert answer(load_yaml(path), "summary.1") == {"value": ["prevention", "reintegration"]}

    # $EDITOR: F4 on a text answer, the text comes back.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("intro")
    t.keys("Enter")
    t.wait("Describe trafficking")
    t.type("Typed here.")
    t.keys("F4")
    t.wait("from the editor: ผู้ใหญ่")
    t.wait("The answer was taken from the editor.")
    got = answer(load_yaml(path), "introduction")
    assert got == "Typed here.\nfrom the editor: ผู้ใหญ่", repr(got)
    # Ctrl-X e on a one-line answer: the newline becomes a space.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("D3")
    t.keys("Enter")
    t.wait("Ministry or agency")
    t.type("Ministry")
    t.keys("C-x", "e")
    t.wait("Ministry from the editor")
    # An editor that writes bad UTF-8: refused, the answer kept.
    t.keys("C-u")
    t.type("BAD")
    t.keys("F4")
    t.wait("not valid UTF-8")
    t.wait("BAD")
    assert os.listdir(tmpdir) == [], os.listdir(tmpdir)

    # The same draft in a second terminal opens read-only and says why.
    t2 = make()
    t2.start("fill", path)
    t2.wait("read-only: opened in another editor (")
    before = open(path, "rb").read()
    t2.type("Z")
    t2.wait("read-only")
    t2.keys("C-s")
    t2.keys("C-q")
    assert t2.wait_exit() == 0
    assert open(path, "rb").read() == before

    # The first one still saves; quitting restores the tty (IXON too).
    t.keys("C-q")
    assert t.wait_exit() == 0
    assert answer(load_yaml(path), "agency") == "BAD"
    stty_ok(os.path.join(tmp, "stty-after-quit.txt"))

    # A crash: the handler resets the screen and the tty modes.
    t3 = make()
    t3.start("fill", os.path.join(tmp, "crash.yaml"),
             shell_suffix="stty -a > %s" % aptest.shquote(os.path.join(tmp, "stty-after-crash.txt")))
    t3.wait("Country")
    t3.kill(signal.SIGSEGV)
    assert t3.wait_exit() == 128 + signal.SIGSEGV
    stty_ok(os.path.join(tmp, "stty-after-crash.txt"))
    alt = t3.tmux("display-message", "-p", "#{alternate_on}").strip()
    assert alt == "0", alt


aptest.with_terms(main)
