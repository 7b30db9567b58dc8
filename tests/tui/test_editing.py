"""Faithful editing in a real terminal: a bracketed paste with a tab,
newlines, Esc q, Ctrl-A and Thai into a one-line and a text answer, and
one without the markers, goes in as text; undo and redo (typing a word at
a time, a cut, a choice, $EDITOR, after an autosave, across items); the
kill ring (joined kills, yank into another item, Esc y); words in Thai
(Ctrl-W takes a syllable, not the clause) and word moves; the cursor after
a line that fills the pane; characters counted as people count them (the
form and `check` agree on NFD Vietnamese)."""

import os
import unicodedata

import aptest
from aptest import answer, goto, goto_agency, header, load_yaml, wait_file

THAI = ("การค้ามนุษย์เป็นปัญหาร้ายแรงที่รัฐบาลได้ดำเนินมาตรการหลายอย่าง"
        "เพื่อต่อต้าน")


def saved(path, item, want, timeout=8):
    """Waits until the plan file holds want as item's answer."""
    def ok(_):
        try:
            return answer(load_yaml(path), item) == want
        except Exception:
            return False
    try:
        wait_file(path, ok, timeout)
    except aptest.Fail:
        raise aptest.Fail("%s is %r, not %r" % (
            item, answer(load_yaml(path), item), want))


def pastes(t, path):
    # A one-line answer: the paste stays in it; the line break becomes a
    # space, the tab stays, Esc and Ctrl-A are left out (Esc q does not
    # quit), and the message line says so.
    t.wait("Country")
    goto_agency(t)
    t.paste("Rur\titania\nnorth\x1bq\x01ผู้ใหญ่")
    scr = t.wait("The answer has one line: 1 line break became a space.")
    assert header(scr).startswith("Plan details"), header(scr)
    t.keys("F9")
    t.wait("were left out of the paste.")
    assert "2 control characters" in t.screen()
    t.keys("Escape")
    t.wait("required answered")
    t.keys("C-s")
    saved(path, "agency", "Rur\titania northqผู้ใหญ่")
    # Undone and redone in one step each.
    t.keys("C-_")
    t.wait_gone("Rur")
    t.keys("C-s")
    saved(path, "agency", None)
    t.keys("Escape", "r")
    t.wait("Rur")
    t.keys("C-s")
    saved(path, "agency", "Rur\titania northqผู้ใหญ่")

    # A text answer keeps the line breaks and the tab.
    goto(t, "intro", "Introduction")
    t.paste("Line one\tTab\nLine two\x1bq\x01\n\nผู้ใหญ่")
    t.wait("ผู้ใหญ่")
    t.keys("C-s")
    saved(path, "introduction", "Line one\tTab\nLine twoq\n\nผู้ใหญ่")

    # Without the terminal's markers: a burst with a tab and a line break
    # inside still stays in the one-line answer.
    goto(t, "D4", "Plan details")
    t.wait("Contact official")
    t.paste("Ana\tMaria\nSilva", bracketed=False)
    t.wait("Silva")
    scr = t.screen()
    assert "Contact official" in scr, scr
    t.keys("C-s")
    saved(path, "contact", "Ana\tMaria Silva")


def undo_redo(t, path):
    goto(t, "P1", "Prevention 1")
    # Typing is undone a word at a time (typed slowly enough to be keys).
    for word in ("alpha ", "beta ", "gamma"):
        t.type(word)
        t.wait(word.strip())
    t.keys("C-_")
    t.wait_gone("gamma")
    t.keys("Escape", "u")
    t.wait_gone("beta")
    t.wait("alpha")
    t.keys("Escape", "r")
    t.wait("alpha beta")
    # Undo after an autosave works, and is saved in turn.
    saved(path, "prevention.1", "alpha beta ")
    t.keys("C-_")
    saved(path, "prevention.1", "alpha ")
    t.keys("Escape", "r")
    saved(path, "prevention.1", "alpha beta ")
    # A cut is one step.
    t.keys("C-a", "C-k")
    t.wait_gone("alpha")
    t.keys("C-_")
    t.wait("alpha beta")
    # The history stays over a move to another item and back.
    goto(t, "P2", "Prevention 2")
    t.type("x")
    goto(t, "P1", "Prevention 1")
    t.keys("C-_")  # "beta " again
    t.wait_gone("beta")
    t.keys("Escape", "r")  # and back
    t.wait("alpha beta")
    # A choice change is one step.
    goto(t, "P6", "Prevention 6")
    t.keys("y")
    t.wait("(•) Yes")
    t.keys("C-_")
    t.wait("( ) Yes")
    t.keys("Escape", "r")
    t.wait("(•) Yes")
    # An external edit is one step.
    goto(t, "P1", "Prevention 1")
    t.keys("F4")
    t.wait("from the editor")
    t.keys("C-_")
    t.wait_gone("from the editor")
    t.keys("C-s")
    saved(path, "prevention.1", "alpha beta ")


def kills(t):
    goto(t, "P3", "Prevention 3")
    t.type("one two three")
    t.wait("one two three")
    # Two kills in a row join; Ctrl-Y in another item yanks them.
    t.keys("C-a", "Escape", "DC", "Escape", "DC")
    t.wait(lambda s: " three" in s and "two" not in s, msg="two killed")
    goto(t, "P4", "Prevention 4")
    t.keys("C-y")
    t.wait("one two")
    # Esc y right after: the kill before it instead (Ctrl-K in P1).
    t.keys("Escape", "y")
    t.wait("alpha beta")
    t.wait_gone("one two")


def words(t):
    goto(t, "P5", "Prevention 5")
    t.paste(THAI)
    t.wait("ต่อต้าน")
    # Ctrl-W takes one dictionary word, not the 60 characters.
    t.keys("C-w")
    scr = t.wait(lambda s: "อย่างเพื่อ" in s and "ต่อต้าน" not in s,
                 msg="one word cut")
    assert "การค้ามนุษย์" in scr
    # Word moves: Esc b and Ctrl-Left move back a word, Esc f and
    # Ctrl-Right forward; Esc Backspace cuts the word before.
    x0, y0 = t.cursor()
    t.keys("Escape", "b")
    t.wait(lambda s: t.cursor() != (x0, y0), msg="Esc b moved")
    x1, _ = t.cursor()
    t.keys("C-Left")
    t.wait(lambda s: t.cursor()[0] < x1, msg="Ctrl-Left moved")
    t.keys("C-Right")
    t.wait(lambda s: t.cursor()[0] == x1, msg="Ctrl-Right moved back")
    t.keys("Escape", "f")
    t.wait(lambda s: t.cursor() == (x0, y0), msg="Esc f to the end")
    t.keys("Escape", "BSpace")
    t.wait(lambda s: "หลายอย่าง" in s and "เพื่อ" not in s, msg="Esc BS")


def full_line(make, tmp):
    # 100 columns leave a pane of 69: 69 cells of Thai fill a line.
    t = make(cols=100, rows=24)
    t.start("fill", os.path.join(tmp, "wide.yaml"))
    t.wait("Country")
    goto(t, "P1", "Prevention 1")
    t.paste("กขค" * 23)
    t.wait("กขค" * 5)
    x, y = t.cursor()
    lines = t.screen().split("\n")
    row = lines[y - 1].split("\u2502")[-1]
    assert row.rstrip().endswith("ค"), row
    assert x == 31, (x, y)   # the start of the next row, not on the ค
    t.keys("Left")
    t.wait(lambda s: t.cursor() == (31 + 68, y - 1), msg="Left")
    # The help viewer shows no cursor.
    t.keys("F1")
    t.wait("Keys of the form")
    flag = t.tmux("display-message", "-p", "#{cursor_flag}").strip()
    assert flag == "0", flag
    t.keys("Escape")
    t.wait("required answered")
    flag = t.tmux("display-message", "-p", "#{cursor_flag}").strip()
    assert flag == "1", flag
    t.keys("C-q")
    assert t.wait_exit() == 0


def counts(t, tmp, path):
    # 177 letters of decomposed Vietnamese count 177, as composed ones do.
    nfd = unicodedata.normalize("NFD", "ệ" * 177)
    assert len(nfd) == 531
    goto(t, "P7", "Prevention 7")
    t.paste(nfd)
    t.wait("177 / 20000 characters", timeout=10)
    # check agrees: 20000 decomposed letters fit the introduction's
    # 20000.
    t.keys("C-q")
    assert t.wait_exit() == 0
    doc = load_yaml(path)
    for n, ok in ((20000, True), (20001, False)):
        doc["answers"]["introduction"] = unicodedata.normalize("NFD",
                                                                "ệ" * n)
        f = os.path.join(tmp, "count-%d.yaml" % n)
        import yaml
        with open(f, "w", encoding="utf-8") as fh:
            yaml.safe_dump(doc, fh, allow_unicode=True)
        _, out, err = aptest.decoded(aptest.run(["check", f]))
        length = "20000 characters" in out + err
        assert length != ok, (n, out, err)


def big_paste(make, tmp):
    # 1 MiB goes in whole and is undone in one step (a copy of the
    # questionnaire without its 20,000-character caps stands in).
    qd = os.path.join(tmp, "qn")
    os.mkdir(qd)
    with open(os.path.join(aptest.QN_DIR, "ariat-2000.yaml"),
              encoding="utf-8") as f:
        q = "".join(l for l in f if "max_length: 20000" not in l)
    with open(os.path.join(qd, "ariat-2000.yaml"), "w",
              encoding="utf-8") as f:
        f.write(q)
    path = os.path.join(tmp, "big.yaml")
    t = make(env={"ACTIONPLAN_QUESTIONNAIRES": qd})
    t.start("fill", path)
    t.wait("Country")
    goto(t, "intro", "Introduction")
    text = ("ผู้ใหญ่ 打击人口贩运 words and more words\n" * 40000)
    text = text.encode()[:(1 << 20) - 8].decode("utf-8", "ignore") + "THE END."
    t.paste(text)
    t.wait("THE END.", timeout=20)
    t.keys("C-s")
    saved(path, "introduction", text.rstrip("\n"), timeout=20)
    t.keys("C-_")
    t.wait_gone("THE END.", timeout=20)
    t.keys("C-s")
    saved(path, "introduction", None, timeout=20)
    t.keys("C-q")
    assert t.wait_exit() == 0


def main(tmp, make):
    path = os.path.join(tmp, "plan.yaml")
    ed = os.path.join(tmp, "ed.sh")
    with open(ed, "w") as f:
        f.write("#!/bin/sh\nprintf ' from the editor' >> \"$1\"\n")
    os.chmod(ed, 0o755)
    t = make(env={"EDITOR": ed})
    t.start("fill", path)
    pastes(t, path)
    undo_redo(t, path)
    kills(t)
    words(t)
    counts(t, tmp, path)
    full_line(make, tmp)
    big_paste(make, tmp)


aptest.with_terms(main)
