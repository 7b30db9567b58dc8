#!/usr/bin/env python3
"""Whole screens, compared with golden files as tig's tests do: the start
screen, an item with its guidance in each of the four languages, the
problem list and the help screen, each at 80x24 and 40x12. Every cell of
the screen counts, not only the text a test looks for.

The goldens are tests/tui/screens/NAME-COLSxROWS.screen. After a change
to what the form shows is intended, refresh them with

    AP_UPDATE_SCREENS=1 meson test -C build tui-whole-screens-match-goldens

and read the difference (git diff tests/tui/screens) before committing.

The files live in a folder of a fixed name, so that a path the form shows
(the drafts folder in the start screen's title) is the same every run."""

import os
import shutil

from aptest import PODIR, Fail, golden, with_terms

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "screens")
SIZES = ((80, 24), (40, 12))
LANGS = (("en", "en"), ("th", "th"), ("vi", "vi"), ("zh-CN", "zh-CN"))
# One fixed place (per user): the start screen shows its path.
FIXED = "/tmp/ap-screens-%d" % os.getuid()

DRAFT = """format: "actionplan-plan/1"
questionnaire:
  id: "ariat-2000"
  version: 1
status: "draft"
revision: 0
created: "2000-01-05T09:00:00Z"
modified: "2000-01-05T10:30:00Z"
details:
  country: "Testland"
  date: "2000-01"
answers:
  introduction: "An introduction."
"""

FINAL = DRAFT.replace('status: "draft"', 'status: "final"').replace(
    "revision: 0", "revision: 2").replace("Testland", "Otherland").replace(
    "10:30:00Z", "11:45:00Z")


def compare(name, screen):
    golden(os.path.join(GOLDEN, name + ".screen"), screen,
           "AP_UPDATE_SCREENS")


def env_for(lang):
    return {
        "HOME": os.path.join(FIXED, "home"),
        "XDG_DATA_HOME": os.path.join(FIXED, "data"),
        "XDG_STATE_HOME": os.path.join(FIXED, "state"),
        "XDG_CONFIG_HOME": os.path.join(FIXED, "config"),
        "ACTIONPLAN_LOCALEDIR": PODIR,
        "NO_MOUSE": "1",
    }


def fresh():
    shutil.rmtree(FIXED, ignore_errors=True)
    drafts = os.path.join(FIXED, "data", "actionplan", "drafts")
    os.makedirs(drafts, mode=0o700)
    os.chmod(os.path.join(FIXED, "data", "actionplan"), 0o700)
    for name, text in (("testland.yaml", DRAFT), ("otherland.yaml", FINAL)):
        with open(os.path.join(drafts, name), "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(os.path.join(drafts, name), 0o600)
    with open(os.path.join(FIXED, "plan.yaml"), "w", encoding="utf-8") as f:
        f.write(DRAFT)


def quit(t):
    """Ends the program and waits for it, so that the next scene starts
    from fresh files."""
    t.keys("C-q")
    try:
        t.wait_exit()
    except Fail:
        pass
    t.close()


def main(tmp, make):
    for cols, rows in SIZES:
        size = f"{cols}x{rows}"
        fresh()
        t = make(cols=cols, rows=rows, env=env_for("en"))
        t.start("--lang", "en")
        compare(f"start-{size}", t.wait("Otherland"))
        quit(t)
        for code, lang in LANGS:
            fresh()
            t = make(cols=cols, rows=rows, env=env_for(lang))
            t.start("--lang", lang, "fill", os.path.join(FIXED, "plan.yaml"))
            t.wait("/42", msg="the form's status line")
            # Prevention 1, which has guidance.
            t.keys("C-g")
            t.wait(lambda s: True)
            t.type("P1")
            t.keys("Enter")
            scr = t.wait(lambda s: "/42" in s and "P1" not in s,
                         msg="Prevention 1")
            compare(f"item-{code}-{size}", scr)
            if code == "en":
                t.keys("F10")
                compare(f"problems-{size}",
                        t.wait(lambda s: "problem" in s.split("\n")[0],
                               msg="the problem list"))
                t.keys("Escape")
                t.wait(lambda s: "problem" not in s.split("\n")[0],
                       msg="back")
                t.keys("F1")
                compare(f"help-{size}",
                        t.wait(lambda s: s.startswith(" Help"),
                               msg="help"))
                t.keys("Escape")
            quit(t)
    shutil.rmtree(FIXED, ignore_errors=True)


if __name__ == "__main__":
    with_terms(main)
