"""The form on every TERM it supports (xterm, xterm-256color, screen,
tmux-256color, linux, vt100): it draws, Ctrl-S saves without freezing the
output (flow control is off), Ctrl-Q quits (not eaten by the tty); colours
only when allowed (NO_COLOR, monochrome terminals); ASCII marks when the
locale is not UTF-8; a screen too small says so and recovers."""

import os
import re

import aptest
from aptest import answer, load_yaml

COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5;\d+|48;5;\d+)[;m]")


def one_term(make, tmp, term, n, env=None):
    path = os.path.join(tmp, "plan-%d.yaml" % n)
    t = make(term=term, env=env)
    t.start("fill", path)
    scr = t.wait("required answered")
    assert "Country" in scr and "Plan details" in scr, scr
    # Typing on the country item opens the list, narrowed as one types.
    aptest.pick_country(t, "Thai", "Thailand (THA)", on_item=True)
    t.wait(lambda s: aptest.first_pick(s) is None and "Thailand (THA)" in s,
           msg="Thailand picked")
    t.keys("C-s")
    t.wait("Saved.")
    assert answer(load_yaml(path), "country") == {"code": "THA",
                                                  "name": "Thailand"}
    # With IXON on, Ctrl-S would have stopped all output here.
    t.keys("C-n")
    t.wait("Month and year of the plan")
    t.type("2000-01")
    t.wait("2000-01")
    coloured = bool(COLOUR.search(t.tmux("capture-pane", "-p", "-e")))
    t.keys("C-q")
    assert t.wait_exit() == 0, term
    assert answer(load_yaml(path), "date") == "2000-01"
    return coloured, t


def main(tmp, make):
    n = 0
    for term in ("xterm", "xterm-256color", "screen", "tmux-256color", "linux", "vt100"):
        n += 1
        coloured, _ = one_term(make, tmp, term, n)
        assert coloured == (term != "vt100"), (term, coloured)

    # NO_COLOR (non-empty) turns colours off.
    n += 1
    coloured, _ = one_term(make, tmp, "tmux-256color", n, env={"NO_COLOR": "1"})
    assert not coloured

    # Not UTF-8: ASCII marks.
    n += 1
    path = os.path.join(tmp, "plan-c.yaml")
    t = make(env={"LC_ALL": "C"})
    t.start("fill", path)
    t.wait("required answered")
    aptest.pick_country(t, "Lao", "Lao People's Democratic Republic (LAO)",
                         on_item=True)
    t.keys("C-n")
    t.wait("* Country")

    # Too small, then big enough; 40x12 hides the outline.
    t2 = make(cols=39, rows=11)
    t2.start("fill", os.path.join(tmp, "small.yaml"))
    t2.wait("terminal too small: 40x12 needed")
    t2.resize(40, 12)
    scr = t2.wait("required answered")
    assert "│" not in scr and "Country" in scr
    t2.keys("F6")
    t2.wait("Prevention")
    t2.keys("Escape", "Escape")
    t2.wait_gone("Prevention")
    t2.keys("C-q")
    assert t2.wait_exit() == 0


aptest.with_terms(main)
