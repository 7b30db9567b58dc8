#!/usr/bin/env python3
"""Dates in Thai (issue 21, point 5): the form shows the date typed in the
language of messages under the field, in Thai in the Buddhist era
("มีนาคม พ.ศ. 2543" for 2000-03, with the format to type, in the Common
Era), so a year typed in the wrong era shows at once (2543-03 reads
พ.ศ. 3086); English shows "March 2000". The plan file keeps the Gregorian
YYYY-MM, whatever the language."""
import os
import tempfile

import aptest
from aptest import Fail, Term, answer, load_yaml, need_tmux, \
    pick_country, wait_file  # noqa: E402

WAIT = 15.0
THAILAND = {"th": "ไทย (THA)", "en": "Thailand (THA)", "zh-CN": "泰国 (THA)"}
CASES = [
    # (--lang, shown for 2000-03, the format line, wrong era shown)
    ("th", "มีนาคม พ.ศ. 2543", "รูปแบบ: YYYY-MM (ค.ศ.)", "มีนาคม พ.ศ. 3086"),
    ("en", "March 2000", "format: YYYY-MM", "March 2543"),
    ("zh-CN", "2000年3月", "格式：YYYY-MM", "2543年3月"),
]


def one(tmp, lang, shown, fmt, wrong):
    plan = os.path.join(tmp, f"plan-{lang}.yaml")
    t = Term(tmp, 80, 24, env={"ACTIONPLAN_LOCALEDIR": aptest.PODIR})
    thailand = THAILAND[lang]
    try:
        t.start("--lang", lang, "fill", plan)
        t.wait(lambda s: "│" in s, WAIT)
        # The country, by its code (listed by its name in the language).
        pick_country(t, "tha", thailand, WAIT, on_item=True)
        t.wait(lambda s: thailand in s and "│" in s, WAIT)
        t.keys("C-n")         # the date
        t.type("2000-03")
        scr = t.wait(shown, WAIT)
        row = next(r for r in scr.split("\n") if shown in r)
        if fmt not in row:
            aptest.fail(f"{lang}: {fmt!r} not beside the date: {row!r}")
        # A year in the wrong era is plain to see.
        t.keys(*["BSpace"] * 7)
        t.type("2543-03")
        t.wait(wrong, WAIT)
        t.keys(*["BSpace"] * 7)
        t.type("2000-03")
        t.wait(shown, WAIT)
        t.keys("C-q")
        t.wait_exit(WAIT)
        wait_file(plan, lambda b: b"2000-03" in b, WAIT)
        got = answer(load_yaml(plan), "date")
        if got != "2000-03":
            aptest.fail(f"{lang}: the plan holds date {got!r}, not 2000-03")
    except Fail as e:
        aptest.fail(f"{lang}: {e}")
    finally:
        t.close()


need_tmux()
with tempfile.TemporaryDirectory(prefix="ap-date-") as tmp:
    for case in CASES:
        one(tmp, *case)
aptest.finish()
