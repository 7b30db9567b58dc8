#!/usr/bin/env python3
"""Tests of the text export through tests/export/export-text-driver.

Usage: test-export-text.py MODE DRIVER

Modes:
  golden         every data/*.yaml plan that has a data/*.txt next to it
                 (data/*.draft.txt: exported with --draft) must give those
                 bytes exactly
  widths         Thai, decomposed Vietnamese, Chinese and emoji answers:
                 every line at most 72 columns wide, measured by a
                 terminal (tmux's cursor, and Python's wcwidth when a
                 current one is installed: aptest.terminal_widths,
                 independent of the C code), and no character cluster cut
                 between two lines
  draft          the draft mark, "(no answer)", and hidden items left out
  deterministic  the same bytes twice, and under other locales and time
                 zones
  yaml           the YAML export: a final plan, hidden answers dropped, a
                 draft's revision raised, a final plan's kept
  reference      the word-for-word excerpt of the United States' plan of
                 January 2000: unwrapping each paragraph of the export
                 gives back the answer's paragraph
"""

import glob
import os
import sys
import unicodedata

import yaml

import aptest
from aptest import SRC, fail

DATA = os.path.join(SRC, "tests", "export", "data")
SMALL_QN = os.path.join(DATA, "small-qn.yaml")
ARIAT_QN = os.path.join(SRC, "questionnaires", "ariat-2000.yaml")
WIDTH = 72

def run(driver, qn, plan, *flags, env=None):
    r = aptest.run([*flags, qn, plan], prog=driver, env=env, timeout=60)
    if r.returncode != 0:
        fail("%s %s: exit %d: %s" % (os.path.basename(plan), flags,
                                     r.returncode, r.stderr.decode()))
    return r.stdout


def check_common(name, out, width_limit=WIDTH):
    """What holds for every export: UTF-8, one final newline, no
    trailing spaces, no raw control characters, lines within the width."""
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: not UTF-8: %s" % (name, e))
        return []
    if not text.endswith("\n") or text.endswith("\n\n"):
        fail("%s: does not end with exactly one newline" % name)
    lines = text[:-1].split("\n")
    for n, line in enumerate(lines, 1):
        if line.endswith(" "):
            fail("%s:%d: trailing space" % (name, n))
        for c in line:
            if unicodedata.category(c) in ("Cc", "Zl", "Zp"):
                fail("%s:%d: raw control character U+%04X" % (name, n,
                                                              ord(c)))
    # Only lines beyond ASCII need a terminal to measure them.
    wide = [(n, ln) for n, ln in enumerate(lines, 1)
            if not ln.isascii() or len(ln) > width_limit]
    if wide:
        for oracle, ws in aptest.terminal_widths([ln for _, ln in wide]):
            for (n, line), w in zip(wide, ws):
                if w > width_limit:
                    fail("%s:%d: %d columns wide by %s: %r"
                         % (name, n, w, oracle, line))
    return lines


def mode_golden(driver):
    cases = 0
    for expected in sorted(glob.glob(os.path.join(DATA, "*.txt"))):
        base = os.path.basename(expected)[:-4]
        flags = []
        if base.endswith(".draft"):
            base = base[:-6]
            flags.append("--draft")
        plan = os.path.join(DATA, base + ".yaml")
        qn = ARIAT_QN if base.startswith("us-") else SMALL_QN
        out = run(driver, qn, plan, *flags)
        want = open(expected, "rb").read()
        cases += 1
        if out != want:
            got = out.decode("utf-8", "replace").split("\n")
            exp = want.decode("utf-8", "replace").split("\n")
            for n, (g, e) in enumerate(zip(got, exp), 1):
                if g != e:
                    fail("%s:%d: got %r, want %r" % (
                        os.path.basename(expected), n, g, e))
                    break
            else:
                fail("%s: got %d lines, want %d" % (
                    os.path.basename(expected), len(got), len(exp)))
        check_common(os.path.basename(expected), out)
    if cases < 4:
        fail("only %d golden files found in %s" % (cases, DATA))


def clusters_of(plan_path):
    """Character clusters that must never be cut, from the answers."""
    doc = yaml.safe_load(open(plan_path, encoding="utf-8"))
    text = "\n".join(str(v) for v in walk(doc))
    found = set()
    for c in ("ผู้", "ญ่", "คุ้", "ที่", "ต้", "ได้", "ทำ",
              unicodedata.normalize("NFD", "ệ"),
              unicodedata.normalize("NFD", "ộ"),
              "👨‍👩‍👧", "👨‍👩‍👧‍👦", "👍🏽", "❤️", "1️⃣", "🇹🇭", "🇻🇳"):
        if c in text:
            found.add(c)
    return text, found


def walk(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)
    elif isinstance(x, str):
        yield x


def mode_widths(driver):
    plan = os.path.join(DATA, "intl.yaml")
    source, must_stay = clusters_of(plan)
    if len(must_stay) < 10:
        fail("intl.yaml lacks the test clusters: %s" % sorted(must_stay))
    for w in (72, 40, 13):
        for flags in ([], ["--draft"]):
            args = flags + (["--width", str(w)] if w != 72 else [])
            name = "intl.yaml %s" % " ".join(args)
            out = run(driver, SMALL_QN, plan, *args)
            lines = check_common(name, out, w)
            text = "\n".join(lines)
            for n, line in enumerate(lines, 1):
                # A line never starts inside a cluster: with a mark,
                # a joiner, a variation selector or a skin tone.
                if line and (unicodedata.category(line[0]) in ("Mn", "Me",
                                                               "Mc")
                             or line[0] in "\u200d\ufe0f"
                             or 0x1F3FB <= ord(line[0]) <= 0x1F3FF):
                    fail("%s:%d: starts inside a cluster: %r" % (name, n,
                                                                line))
                if line.endswith("\u200d"):
                    fail("%s:%d: ends with a joiner" % (name, n))
                # Flags are pairs of regional indicators: a line must not
                # start with the second half of one.
                ri = 0
                for c in line:
                    if 0x1F1E6 <= ord(c) <= 0x1F1FF:
                        ri += 1
                    else:
                        break
                if ri % 2:
                    fail("%s:%d: a flag is cut: %r" % (name, n, line))
            # Every cluster of the answers comes out whole as often as it
            # went in (the export adds none of these characters, and
            # never cuts inside a word of Thai except between clusters).
            for c in must_stay:
                if text.count(c) < 1:
                    fail("%s: cluster %r was cut" % (name, c))


def mode_draft(driver):
    out = run(driver, SMALL_QN, os.path.join(DATA, "draft.yaml"),
              "--draft")
    lines = check_common("draft.yaml --draft", out)
    if lines[:2] != ["DRAFT - not a final plan", ""]:
        fail("draft mark missing: %r" % lines[:2])
    text = "\n".join(lines)
    if "(no answer)" not in text:
        fail("a draft shows unanswered items as (no answer)")
    if "Kept in the draft but hidden" in text:
        fail("a hidden item's answer was printed")
    out = run(driver, SMALL_QN, os.path.join(DATA, "draft.yaml"))
    text = out.decode("utf-8")
    if "DRAFT" in text or "(no answer)" in text:
        fail("without --draft: no mark and no (no answer)")
    out = run(driver, SMALL_QN, os.path.join(DATA, "final.yaml"),
              "--draft")
    if not out.startswith(b"DRAFT - not a final plan\n\n"):
        fail("--draft marks even a complete plan")


def mode_deterministic(driver):
    for plan, qn in (("intl.yaml", SMALL_QN), ("final.yaml", SMALL_QN),
                     ("us-2000-excerpt.yaml", ARIAT_QN)):
        path = os.path.join(DATA, plan)
        first = run(driver, qn, path)
        again = run(driver, qn, path)
        if first != again:
            fail("%s: two runs differ" % plan)
        for extra in ({"LC_ALL": "C"}, {"LC_ALL": "POSIX", "TZ": "Asia/"
                                        "Bangkok"},
                      {"LC_ALL": "", "LANG": "tr_TR.UTF-8",
                       "SOURCE_DATE_EPOCH": "1"}):
            env = dict(os.environ)
            env.update(extra)
            if run(driver, qn, path, env=env) != first:
                fail("%s: output changes with %s" % (plan, extra))


def paragraphs(lines):
    """Groups output lines into paragraphs, joining wrapped lines back
    with one space (the wrap only ever drops spaces at a break)."""
    paras, cur = [], []
    for line in lines:
        if line == "":
            if cur:
                paras.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        paras.append(cur)
    return paras


def unwrap(lines):
    """The lines of a paragraph joined again: with a space, as the wrapper
    drops the spaces it breaks at; without one after a hyphen that follows
    a letter, where Unicode's line breaking lets a line end
    ("anti-|trafficking")."""
    out = ""
    for line in lines:
        if out and not (out.endswith("-") and len(out) > 1
                        and out[-2].isalpha()):
            out += " "
        out += line
    return out


def mode_reference(driver):
    path = os.path.join(DATA, "us-2000-excerpt.yaml")
    out = run(driver, ARIAT_QN, path)
    lines = check_common("us-2000-excerpt", out)
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    if lines[0] != ("Country Action Plan of the United States of America "
                    "(January 2000)"):
        fail("title: %r" % lines[0])
    paras = paragraphs(lines)
    joined = [unwrap(p) for p in paras]
    answers = doc["answers"]
    texts = [answers["introduction"], answers["prevention.1"],
             answers["prevention.3"], answers["prosecution.1"]["explanation"]]
    for t in texts:
        for para in t.split("\n\n"):
            if para not in joined:
                fail("paragraph not found unwrapped: %r" % para[:60])
    for want in ("PREVENTION", "INTRODUCTION", "PROSECUTION",
                 "6. Compulsory education until the age of 16: Yes",
                 "Ministry or agency: Department of State"):
        if want not in lines:
            fail("line %r missing" % want)
    # Bullets: hanging indent of two spaces, whole text preserved.
    bullets, in_bullet = [], False
    for line in lines:
        if line.startswith("* "):
            bullets.append([line])
            in_bullet = True
        elif in_bullet and line.startswith("  "):
            bullets[-1].append(line)
        else:
            in_bullet = False
    if len(bullets) != 2:
        fail("want 2 bullets, got %d" % len(bullets))
    for b in bullets:
        if len(b) < 2:
            fail("bullet not wrapped: %r" % b[0])
        for cont in b[1:]:
            if cont.startswith("   "):
                fail("bullet continuation not indented by 2: %r" % cont)
        if unwrap(x.strip() for x in b) not in answers["summary.1"][
                "explanation"]:
            fail("bullet text changed: %r" % b[0])


def mode_yaml(driver):
    def load(path):
        return yaml.safe_load(open(path, encoding="utf-8"))

    src = load(os.path.join(DATA, "draft.yaml"))
    out = run(driver, SMALL_QN, os.path.join(DATA, "draft.yaml"), "--yaml")
    doc = yaml.safe_load(out.decode("utf-8"))
    if doc["status"] != "final" or doc["revision"] != src["revision"] + 1:
        fail("a draft exported to YAML: final, revision + 1: %r, %r" % (
            doc["status"], doc["revision"]))
    if "prevention.4" in doc["answers"]:
        fail("the hidden item's answer was kept in the final plan")
    want = dict(src["answers"])
    del want["prevention.4"]
    if doc["answers"] != want or doc["details"] != src["details"]:
        fail("answers changed in the YAML export")
    if run(driver, SMALL_QN, os.path.join(DATA, "draft.yaml"),
           "--yaml") != out:
        fail("YAML export: two runs differ")
    src = load(os.path.join(DATA, "final.yaml"))
    doc = yaml.safe_load(run(driver, SMALL_QN, os.path.join(
        DATA, "final.yaml"), "--yaml").decode("utf-8"))
    if doc["status"] != "final" or doc["revision"] != src["revision"]:
        fail("a final plan keeps its revision")
    if doc["answers"] != src["answers"]:
        fail("answers of a final plan changed")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    mode, driver = sys.argv[1], sys.argv[2]
    {"golden": mode_golden, "widths": mode_widths, "draft": mode_draft,
     "deterministic": mode_deterministic, "yaml": mode_yaml,
     "reference": mode_reference}[mode](driver)
    aptest.finish()


if __name__ == "__main__":
    sys.exit(main())
