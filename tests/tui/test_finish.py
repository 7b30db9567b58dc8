"""Finish with problems: the list shows every one, Enter jumps to its item;
fix them (a yes/no, a wrong e-mail, a text pasted with bracketed paste, a
ticked box), finish again, export to a folder, and compare the exports
with the expected files: the United States' plan of January 2000."""

import os
import re

import aptest
from aptest import SRC, answer, header, load_yaml

GOLDEN_YAML = os.path.join(SRC, "exports", "united-states-2000.yaml")
GOLDEN_TEXT = os.path.join(SRC, "exports", "united-states-2000.txt")


def make_draft(path):
    """The golden plan as an unfinished draft with three problems and one
    box unticked."""
    src = open(GOLDEN_YAML, encoding="utf-8").read()
    lines = src.split("\n")
    out = []
    skip = False
    for line in lines:
        if line.startswith("  protection.3:"):
            skip = True
            continue
        if skip and line.startswith("  ") and not line.startswith("    ") and line.strip():
            skip = False
        if skip:
            continue
        if line == '  prevention.6: "yes"':
            continue
        out.append(line)
    txt = "\n".join(out)
    txt = re.sub(r"(?m)^status: .*$", "status: draft", txt, 1)
    txt = re.sub(r"(?m)^revision: .*$", "revision: 0", txt, 1)
    txt = re.sub(r'(?m)^  email: .*$', '  email: "ariat at example"', txt, 1)
    txt = txt.replace('["prevention", "protection", "reintegration", "prosecution"]',
                      '["prevention", "protection", "prosecution"]', 1)
    assert txt.count("status: draft") == 1 and "ariat at example" in txt
    with open(path, "w", encoding="utf-8") as f:
        f.write(txt)



def main(tmp, make):
    golden = load_yaml(GOLDEN_YAML)
    prot3 = answer(golden, "protection.3")
    draft = os.path.join(tmp, "us-draft.yaml")
    make_draft(draft)
    outdir = os.path.join(tmp, "out")

    t = make(cols=100, rows=30)
    t.start("fill", draft)
    t.wait("Country")

    # Finish: three problems, in questionnaire order.
    t.keys("F10")
    scr = t.wait("3 problems to fix before the plan is final")
    assert re.search(r"Contact e-mail: .+", scr), scr
    assert "Prevention 6: " in scr
    assert "Protection 3: " in scr
    assert scr.index("Contact e-mail") < scr.index("Prevention 6") < scr.index("Protection 3")
    t.keys("Enter")
    scr = t.wait(lambda s: "ariat at example" in s and "problems to fix" not in s,
                 msg="the e-mail item")
    # Fix the e-mail: the line is cleared and retyped.
    t.keys("End", "C-u")
    t.wait_gone("ariat at example")
    t.type("ariat@example.invalid")
    t.wait("ariat@example.invalid")

    # Escape from F10's list changes nothing; Ctrl-X f is F10 too (Esc f
    # moves a word forward, as in readline).
    t.keys("C-x", "f")
    t.wait("2 problems to fix")
    t.keys("Enter")
    scr = t.wait(lambda s: header(s).startswith("Prevention 6"), msg="Prevention 6")
    assert "( ) Yes" in scr and "( ) No" in scr
    t.keys("y")
    t.wait("(•) Yes")

    t.keys("F10")
    t.wait("1 problem to fix")
    t.keys("Enter")
    t.wait(lambda s: header(s).startswith("Protection 3"), msg="Protection 3")
    # A terminal paste of several paragraphs arrives as one insertion.
    t.paste(prot3)
    t.wait(prot3.split()[-1])
    t.wait("%d / 20000 characters" % len(prot3))

    # Tick the box left out.
    t.keys("C-g")
    t.wait("Go to:")
    t.type("S1")
    t.keys("Enter")
    scr = t.wait("[ ] Reintegration")
    assert "[x] Prevention" in scr
    t.keys("Down", "Down", "Space")
    t.wait("[x] Reintegration")

    # Nothing left: the export folder, then what was written.
    t.keys("F10")
    t.wait("Export to folder: " + tmp)
    t.keys("C-u")
    t.type(outdir)
    t.keys("Enter")
    scr = t.wait("The plan is final (revision 1)")
    # Named by the country's code.
    yaml_out = os.path.join(outdir, "usa-2000-01.yaml")
    text_out = os.path.join(outdir, "usa-2000-01.txt")
    assert yaml_out in scr and text_out in scr, scr
    t.keys("Enter")
    t.wait("Final plan written to")
    t.keys("C-q")
    assert t.wait_exit() == 0

    # The exports, and the plan itself, are the expected files.
    want = open(GOLDEN_YAML, "rb").read()
    got = open(yaml_out, "rb").read()
    assert got == want, "YAML export differs from %s" % GOLDEN_YAML
    assert open(draft, "rb").read() == want, "the finished draft differs"
    if os.path.exists(GOLDEN_TEXT):
        want_text = open(GOLDEN_TEXT, "rb").read()
    else:
        r = aptest.run(["export", GOLDEN_YAML, "--format", "text"],
                       SOURCE_DATE_EPOCH=aptest.EPOCH)
        assert r.returncode == 0, r.stderr
        want_text = r.stdout
    assert open(text_out, "rb").read() == want_text, "text export differs"


aptest.with_terms(main)
