"""What the form shows and how it reopens: below 40x12 keys do nothing to
the plan and the notice wraps down to 20x5 (the size alone below that);
nothing is cut without a mark (help descriptions wrapped by display width
in Vietnamese at 80 and 50 columns, "..." outside UTF-8, a failed save's
cause opened in full with one key); the mouse (outline, answer, choice,
wheel; NO_MOUSE=1; reporting off after an exit and after a crash); a
draft reopens where it was left, a stale position falls back to the first
unanswered item."""

import os
import re
import signal
import subprocess

import aptest
from aptest import answer, goto, header, load_yaml, mouse


def mouse_flags(t):
    return t.tmux("display-message", "-p",
                  "#{mouse_any_flag}#{mouse_standard_flag}"
                  "#{mouse_button_flag}").strip()


def too_small(t, path):
    goto(t, "intro", "Introduction")
    t.type("kept")
    t.keys("C-s")
    t.wait("Saved.")
    before = open(path, "rb").read()
    t.resize(30, 10)
    scr = t.wait("40x12")
    assert "terminal too small:" in scr and "needed" in scr, scr
    # Keys do nothing to the plan: typing, a paste, Ctrl-K, undo, Tab.
    t.type("xyz")
    t.paste("pasted")
    t.keys("C-k", "C-_", "Tab", "C-n")
    t.resize(20, 5)
    scr = t.wait("40x12")
    assert "needed" in scr, scr
    t.resize(10, 3)
    scr = t.wait(lambda s: "40x12" in s and "needed" not in s, msg="40x12")
    t.keys("C-s")
    t.resize(80, 24)
    scr = t.wait("required answered")
    assert header(scr).startswith("Introduction"), header(scr)
    assert "kept" in scr and "xyz" not in scr and "pasted" not in scr, scr
    assert open(path, "rb").read() == before


def rows_of(lines):
    """The rows of a full-screen list's body (before its hint line)."""
    return len(lines) - 2 if lines[-1] == "" else len(lines) - 1


def help_wraps(make, tmp, loc):
    # Vietnamese at 80 columns and at 50x15: descriptions wrap onto the
    # following rows beside their keys; nothing is cut without a mark.
    env = {"LANGUAGE": "vi", "LANG": "vi_VN.UTF-8", "LOCPATH": loc,
           "LC_ALL": "vi_VN.UTF-8"}
    for cols, rows in ((80, 24), (50, 15)):
        t = make(cols=cols, rows=rows, env=env)
        t.start("fill", os.path.join(tmp, "vi-%d.yaml" % cols))
        t.wait("/")
        t.keys("F1")
        scr = t.wait(lambda s: re.search(r"\d+-\d+/\d+", s), msg="help")
        rows = []
        for _ in range(40):
            lines = scr.split("\n")
            rows += lines[2:rows_of(lines)]
            m = re.search(r"(\d+)-(\d+)/(\d+)", lines[0])
            if m.group(2) == m.group(3):
                break
            t.keys("NPage")
            scr = t.wait(lambda s, old=lines[0]: s.split("\n")[0] != old,
                         msg="next page")
        # Every row fits, none is cut: descriptions wrap beside their
        # keys (a row with keys and a description, or a description
        # under one, indented to the same column).
        assert all(len(l) <= cols for l in rows), rows
        assert not any("\u2026" in l for l in rows), rows
        undo = [k for k, l in enumerate(rows) if "Ctrl-_," in l][0]
        assert len(rows[undo].split("Esc u")[-1].strip()) > 3 or \
            rows[undo + 1].startswith(" " * 10), rows[undo:undo + 3]
        # The pager's keys (its table in keys.c): Home to the first page,
        # End to the last one (a full page), Up one row above it.
        total = int(m.group(3))
        page = int(m.group(2)) - int(m.group(1)) + 1
        t.keys("Home")
        t.wait(lambda s: s.split("\n")[0].rstrip().endswith(
            "1-%d/%d" % (page, total)), msg="Home: the first page")
        t.keys("End")
        t.wait(lambda s: s.split("\n")[0].rstrip().endswith(
            "%d-%d/%d" % (total - page + 1, total, total)),
            msg="End: the last full page")
        t.keys("Up")
        t.wait(lambda s: s.split("\n")[0].rstrip().endswith(
            "%d-%d/%d" % (total - page, total - 1, total)),
            msg="Up: one row above the last page")
        t.keys("Escape")
        t.keys("C-q")
        t.wait_exit()
        t.close()


def ascii_marks(make, tmp):
    # Outside UTF-8 a cut title ends in "...".
    t = make(env={"LC_ALL": "C", "LANG": "C"})
    t.start("fill", os.path.join(tmp, "c.yaml"))
    scr = t.wait("required answered")
    assert re.search(r"Month and year of ?t?\.\.\.", scr), scr
    assert "\u2026" not in scr
    t.keys("C-q")
    t.wait_exit()


def save_failure(make, tmp):
    # The folder of the plan goes away: the save fails, the status line
    # says so (cut, with the key), F9 shows the cause in full.
    d = os.path.join(tmp, "gone")
    os.mkdir(d)
    path = os.path.join(d, "plan.yaml")
    t = make()
    t.start("fill", path)
    t.wait("Country")
    aptest.goto_agency(t)
    t.type("Ruritania")
    t.keys("C-s")
    t.wait("Saved.")
    os.rename(d, d + "-moved")
    t.type("!")
    t.keys("C-s")
    scr = t.wait("not saved:")
    status = scr.split("\n")[-2] if scr.split("\n")[-1] == "" else \
        scr.split("\n")[-1]
    assert "(F9)" in status or "No such file" in status, status
    t.keys("F9")
    scr = t.wait("No such file or directory")
    assert "cannot write" in scr, scr
    t.keys("Escape")
    os.rename(d + "-moved", d)
    t.keys("C-s")
    t.wait("Saved.")
    t.keys("C-q")
    assert t.wait_exit() == 0
    assert answer(load_yaml(path), "agency") == "Ruritania!"


def mice(make, tmp):
    path = os.path.join(tmp, "mouse.yaml")
    t = make()
    t.start("fill", path)
    scr = t.wait("Country")
    assert mouse_flags(t) != "000", mouse_flags(t)
    # A click on an outline row opens its item.
    y = [i for i, l in enumerate(scr.split("\n")) if "2 Hotlines" in l][0]
    mouse(t, 5, y)
    t.wait(lambda s: header(s).startswith("Protection 2"), msg="click")
    # A click in the answer puts the cursor there.
    t.type("abcdef")
    scr = t.wait("abcdef")
    row = [i for i, l in enumerate(scr.split("\n")) if "abcdef" in l][0]
    mouse(t, 25 + 3, row)
    t.wait(lambda s: t.cursor() == (28, row), msg="cursor on the click")
    t.type("X")
    t.wait("abcXdef")
    # A click on a choice chooses it.
    goto(t, "P6", "Prevention 6")
    scr = t.screen()
    row = [i for i, l in enumerate(scr.split("\n")) if "( ) No" in l][0]
    mouse(t, 27, row)
    t.wait("(•) No")
    # The wheel scrolls the outline.
    mouse(t, 5, 10, 65)
    t.wait(lambda s: not s.split("\n")[0].startswith("Plan details"),
           msg="outline scrolled")
    t.keys("C-q")
    assert t.wait_exit() == 0
    assert mouse_flags(t) == "000", mouse_flags(t)
    doc = load_yaml(path)
    assert answer(doc, "protection.2") == "abcXdef"

    # NO_MOUSE=1: no reporting asked for, a click does nothing.
    t = make(env={"NO_MOUSE": "1"})
    t.start("fill", path)
    scr = t.wait("required answered")
    assert mouse_flags(t) == "000", mouse_flags(t)
    t.keys("C-q")
    t.wait_exit()

    # A crash switches reporting off too.
    t = make()
    t.start("fill", path)
    t.wait("required answered")
    assert mouse_flags(t) != "000"
    t.kill(signal.SIGSEGV)
    t.wait_exit()
    assert mouse_flags(t) == "000", mouse_flags(t)


def reopen(make, tmp, path):
    # Where it was left: item, field and cursor.
    t = make()
    t.start("fill", path)
    goto(t, "P4", "Prevention 4")
    t.type("left here")
    t.keys("Left", "Left", "Left", "Left")
    t.wait("left here")
    pos = t.cursor()
    t.keys("C-q")
    assert t.wait_exit() == 0
    plan_bytes = open(path, "rb").read()
    t = make()
    t.start("fill", path)
    scr = t.wait(lambda s: header(s).startswith("Prevention 4"), msg="P4")
    t.wait(lambda s: t.cursor() == pos, msg="the cursor where it was")
    t.type("!")
    t.wait("left !here")
    t.keys("C-q")
    t.wait_exit()
    assert plan_bytes != open(path, "rb").read()
    state = os.path.join(tmp, "home", ".local", "state", "actionplan",
                         "positions")
    assert os.listdir(state), state
    # The plan changed elsewhere (line mode): the first unanswered item.
    r = aptest.run(["fill", "--plain", path], input=":goto P9\nx\n:quit\n",
                   home=os.path.join(tmp, "home"), XDG_CONFIG_HOME=None,
                   XDG_STATE_HOME=None)
    assert r.returncode == 0, r.stderr
    t = make()
    t.start("fill", path)
    scr = t.wait("required answered")
    assert not header(scr).startswith("Prevention 4"), header(scr)
    t.keys("C-q")
    t.wait_exit()


def main(tmp, make):
    loc = os.path.join(tmp, "loc")
    os.mkdir(loc)
    r = subprocess.run(["localedef", "-i", "vi_VN", "-f", "UTF-8",
                        os.path.join(loc, "vi_VN.UTF-8")],
                       capture_output=True)
    path = os.path.join(tmp, "plan.yaml")
    t = make()
    t.start("fill", path)
    t.wait("Country")
    too_small(t, path)
    t.keys("C-q")
    assert t.wait_exit() == 0
    reopen(make, tmp, path)
    if r.returncode == 0:
        help_wraps(make, tmp, loc)
    else:
        print("no vi_VN locale (localedef): help in Vietnamese not checked")
    ascii_marks(make, tmp)
    save_failure(make, tmp)
    mice(make, tmp)


aptest.with_terms(main)
