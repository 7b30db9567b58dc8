"""Moves around the United States' plan: next and previous item, go to by
number (P6, prot 3), the outline, search, help; resizes the terminal down
to 40x12, below it and back, keeping the text, the cursor and the scroll
position."""

import os
import re
import shutil

import aptest
from aptest import SRC, answer, header, load_yaml



def main(tmp, make):
    plan = os.path.join(tmp, "us.yaml")
    shutil.copy(os.path.join(SRC, "exports", "united-states-2000.yaml"), plan)
    t = make()
    t.start("fill", plan)
    scr = t.wait(lambda s: "United States (USA)" in s and
                 "43/43 required answered" in s, msg="the US plan, complete")
    # A complete plan opens on its first item.
    assert header(scr).startswith("Plan details"), header(scr)
    assert "43/43 required answered" in scr

    t.keys("C-n", "C-n")
    t.wait("Department of State")
    t.keys("C-p")
    t.wait("2000-01")
    t.keys("Escape", "Down")  # Esc Down: next item, for terminals without Ctrl keys
    t.wait("Department of State")

    # Go to by number.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("P6")
    t.keys("Enter")
    scr = t.wait("Compulsory education until the age of 16")
    assert header(scr).startswith("Prevention 6"), header(scr)
    t.keys("C-g")
    t.wait("Go to:")
    t.type("prot 3")
    t.keys("Enter")
    scr = t.wait("Alternatives to immediate deportation")
    assert header(scr).startswith("Protection 3")
    t.keys("C-g")
    t.wait("Go to:")
    t.type("X99")
    t.keys("Enter")
    t.wait('No item "X99"')

    # The outline: F6 to it, down two, Enter opens Protection 5.
    t.keys("F6", "Down", "Down", "Enter")
    scr = t.wait(lambda s: header(s).startswith("Protection 5"), msg="Protection 5")
    # Ctrl-O, End, Enter: the last item.
    t.keys("C-o", "End", "Enter")
    t.wait(lambda s: header(s).startswith("Summary questions 5"), msg="Summary 5")
    # The outline's own keys (keys.c's table): Space opens too.
    t.keys("F6", "Up", "Space")
    t.wait(lambda s: header(s).startswith("Summary questions 4"), msg="Up, Space: Summary 4")

    # Search: titles and answers, case-insensitive; F3 finds the next.
    t.keys("C-f")
    t.wait("Search:")
    t.type("kofi annan")
    t.keys("Enter")
    scr = t.wait('Found "kofi annan" in Introduction (answer)')
    assert header(scr).startswith("Introduction")
    # The prompt starts empty (typing never adds to the last search);
    # Up brings the last one back, Down what was being typed.
    t.keys("C-f")
    scr = t.wait("Search:")
    assert "Search: kofi" not in scr
    t.type("x")
    t.keys("Up")
    t.wait("Search: kofi annan")
    t.keys("Down")
    t.wait(lambda s: "Search: x" in s and "kofi" not in s, msg="Search: x")
    t.keys("C-u")
    t.type("HOTLINES")
    t.keys("Enter")
    t.wait(lambda s: header(s).startswith("Protection 2"), msg="Protection 2")
    t.keys("F3")
    t.wait(lambda s: header(s).startswith("Protection 2") is False and "Found" in s,
           msg="next match")
    t.keys("C-f")
    t.wait("Search:")
    t.keys("C-u")
    t.type("zzqqxx")
    t.keys("Enter")
    t.wait('"zzqqxx" was not found')

    # Help lists every key; q closes it.
    t.keys("F1")
    scr = t.wait("Keys of the form")
    # Page through: the first line says "1-21/57".
    seen = scr
    while True:
        m = re.search(r"(\d+)-(\d+)/(\d+)", scr.split("\n")[0])
        if not m or m.group(2) == m.group(3):
            break
        t.keys("PageDown")
        scr = t.wait(lambda s, old=m.group(0): old not in s.split("\n")[0],
                     msg="next help page")
        seen += scr
    scr = seen
    for k in ("Ctrl-N", "Ctrl-P", "Ctrl-G", "Ctrl-F", "F10", "Ctrl-Q", "Ctrl-S",
              "Ctrl-X e", "F4", "Ctrl-L", "Tab", "F6", "F2", "F3", "Ctrl-K", "Ctrl-W",
              "Marks in the outline"):
        assert k in scr, k
    t.keys("q")
    t.wait_gone("Keys of the form")
    t.keys("Escape", "h")
    t.wait("Keys of the form")
    t.keys("Enter")
    t.wait_gone("Keys of the form")

    # Guidance hides and shows.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("intro")
    t.keys("Enter")
    t.wait("Describe trafficking")
    t.keys("F2")
    t.wait_gone("Describe trafficking")
    t.keys("C-t")
    t.wait("Describe trafficking")

    # Resize keeps text, cursor and scroll. Type at the start of the
    # answer (the cursor starts at its end), then shrink, break, and grow.
    t.keys(*(["PageUp"] * 8 + ["Home"]))
    t.type("XYZ")
    t.wait("XYZOf all")
    t.resize(50, 15)
    scr = t.wait(lambda s: "│" not in s and "XYZOf all" in s, msg="narrow form")
    t.type("1")
    t.wait("XYZ1Of all")
    t.resize(40, 12)
    t.wait(lambda s: "XYZ1Of" in s and "required answered" in s, msg="40x12")
    t.resize(39, 11)
    t.wait("terminal too small: 40x12 needed")
    t.resize(100, 30)
    t.wait(lambda s: "XYZ1Of all" in s and "│" in s, msg="wide again")
    t.type("2")
    t.wait("XYZ12Of all")

    # Deep in the answer: scroll position and cursor survive a resize.
    for _ in range(4):
        t.keys("PageDown")
    t.type("QQQ")
    t.wait("QQQ")
    t.resize(90, 26)
    t.wait(lambda s: "QQQ" in s and "│" in s, msg="QQQ after resize")
    t.type("W")
    t.wait("QQQW")
    # Ctrl-L redraws everything and changes nothing.
    t.keys("C-l")
    t.wait("QQQW")

    # The narrow outline takes the whole screen while in use.
    t.resize(60, 20)
    t.wait(lambda s: "│" not in s and "QQQW" in s, msg="narrow")
    t.keys("F6")
    t.wait(lambda s: "Prevention" in s and "Protection" in s and "QQQW" not in s,
           msg="outline full screen")
    t.keys("Escape", "Escape")
    t.wait("QQQW")

    t.keys("C-q")
    assert t.wait_exit() == 0
    doc = load_yaml(plan)
    intro = answer(doc, "introduction")
    assert intro.startswith("XYZ12Of all the human rights abuses"), intro[:40]
    assert "QQQW" in intro
    # Editing a final plan makes it a draft again.
    assert doc["status"] == "draft"


aptest.with_terms(main)
