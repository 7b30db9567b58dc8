#!/usr/bin/env python3
"""Widths agree with the terminal (issue 14, point 4): the width rule of
utext.h against tmux's actual cursor movement over a table of clusters, and
the text export of each cluster repeated: its widest line is never over 72
columns as tmux and (when a current one is installed) Python's wcwidth
measure it.

Usage: test_widths_tmux.py WIDTH_DRIVER EXPORT_DRIVER"""

import os
import sys
import tempfile
import unicodedata

import aptest
from aptest import fail

SMALL_QN = os.path.join(aptest.SRC, "tests", "export", "data", "small-qn.yaml")


def nfd(s):
    return unicodedata.normalize("NFD", s)


# (what, cluster). Each is one grapheme cluster, or a short word of them.
CLUSTERS = [
    ("Thai consonant", "ก"),
    ("Thai above vowel and tone mark", "ที่"),
    ("Thai below vowel and tone mark", "ผู้"),
    ("Thai tone mark and sara am", "น้ำ"),
    ("Thai sara am", "กำ"),
    ("Thai word", "ผู้เสียหาย"),
    ("Thai mai han-akat and tone", "ปั้น"),
    ("Vietnamese NFC", "Việt"),
    ("Vietnamese NFD e + circumflex + dot", nfd("ệ")),
    ("Vietnamese NFD word", nfd("Người")),
    ("CJK ideograph", "中"),
    ("CJK punctuation", "，"),
    ("fullwidth letter", "\uff21"),
    ("fullwidth exclamation", "\uff01"),
    ("halfwidth katakana", "\uff76"),
    ("ideographic space", "\u3000"),
    ("Devanagari vowel sign (Mc)", "कि"),
    ("Devanagari long i", "की"),
    ("Devanagari conjunct", "क्ष"),
    ("Devanagari conjunct with vowel sign", "क्षि"),
    ("Devanagari word", "नमस्ते"),
    ("Hangul NFD syllable", nfd("각")),
    ("Hangul NFD word", nfd("한국")),
    ("Hangul precomposed", "한"),
    ("Hangul old jamo medial U+D7B0", "\u1100\ud7b0"),
    ("circled number U+3248", "\u3248"),
    ("Yijing hexagram U+4DC0", "\u4dc0"),
    ("flag", "\U0001F1F9\U0001F1ED"),
    ("lone regional indicator", "\U0001F1FB"),
    ("skin tone", "\U0001F44D\U0001F3FD"),
    ("skin tone dark", "\U0001F469\U0001F3FF"),
    ("ZWJ family of three", "\U0001F468\u200d\U0001F469\u200d\U0001F467"),
    ("ZWJ family of four",
     "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"),
    ("ZWJ with skin tone", "\U0001F469\U0001F3FD\u200d\U0001F4BB"),
    ("ZWJ rainbow flag", "\U0001F3F3\ufe0f\u200d\U0001F308"),
    ("emoji", "\U0001F600"),
    ("text heart with VS16", "\u2764\ufe0f"),
    ("text heart alone", "\u2764"),
    ("smiley with VS15", "\u263a\ufe0e"),
    ("wide watch with VS15", "\u231a\ufe0e"),
    ("keycap", "1\ufe0f\u20e3"),
    ("soft hyphen", "a\u00adb"),
    ("zero width space", "a\u200bb"),
    ("Arabic number sign U+0600", "\u0600"),
    ("combining acute", nfd("é")),
]

# Where tmux 3.3a draws otherwise than the rule, and why that is right.
TMUX_DIFFERS = {
    "text heart with VS16": "tmux 3.3a ignores U+FE0F; terminals with "
                            "emoji presentation draw 2, the rule's count, "
                            "which only makes a line narrower in tmux",
    "keycap": "the same: U+FE0F ignored by tmux 3.3a",
    "ZWJ rainbow flag": "the same: U+FE0F ignored by tmux 3.3a",
    "lone regional indicator": "tmux 3.3a draws 1, current wcwidth 2: the "
                               "rule counts the wider",
}

# Clusters whose repetition is still one cluster (prepended marks join
# what follows): a line of its own whatever its width, as the wrapper never
# cuts inside a cluster. Only in the table.
ONE_CLUSTER = {"Arabic number sign U+0600"}

def rule_widths(driver, strings):
    r = aptest.run([], prog=driver, input="\n".join(strings) + "\n",
                   timeout=60)
    assert r.returncode == 0, r.stderr
    return [int(x) for x in r.stdout.split()]


def plan_yaml(answer):
    esc = answer.replace("\\", "\\\\").replace('"', '\\"')
    return ("format: actionplan-plan/1\nquestionnaire:\n  id: export-small\n"
            "  version: 1\nstatus: draft\nrevision: 0\n"
            "created: \"2000-01-01T00:00:00Z\"\n"
            "modified: \"2000-01-01T00:00:00Z\"\n"
            "details:\n  country: \"X\"\n"
            "answers:\n  introduction: \"%s\"\n" % esc)


def main():
    width_driver, export_driver = sys.argv[1], sys.argv[2]
    aptest.need_tmux()
    names = [c[0] for c in CLUSTERS]
    strings = [c[1] for c in CLUSTERS]
    ours = rule_widths(width_driver, strings)
    tmux = aptest.tmux_widths(strings)
    for name, s, w, t in zip(names, strings, ours, tmux):
        if name in TMUX_DIFFERS:
            if w == t:
                fail("%s %r: listed as differing, but tmux agrees (%d)"
                     % (name, s, w))
            elif w < t:
                fail("%s %r: the rule counts %d, under tmux's %d"
                     % (name, s, w, t))
        elif w != t:
            fail("%s %r: the rule counts %d, tmux moves %d"
                 % (name, s, w, t))
    print("%d clusters: the rule agrees with tmux but for %d listed"
          % (len(strings), len(TMUX_DIFFERS)))

    # The export of each cluster, repeated 200 times (as "कि" in the
    # issue), alone and between words: every line at most 72 columns.
    tmp = tempfile.mkdtemp(prefix="ap-widths-")
    lines = []
    for name, s in CLUSTERS:
        if name in ONE_CLUSTER:
            continue
        for answer in (s * 200, ("word " + s * 7 + " ") * 30):
            path = os.path.join(tmp, "p.yaml")
            aptest.write(path, plan_yaml(answer))
            r = aptest.run([SMALL_QN, path], prog=export_driver, timeout=60)
            if r.returncode != 0:
                fail("%s: export failed: %s" % (name, r.stderr.decode()))
                continue
            lines += [(name, ln) for ln in
                      r.stdout.decode("utf-8").split("\n") if ln]
    texts = [ln for _, ln in lines]
    for oracle, ws in aptest.terminal_widths(texts):
        widest = max(ws)
        over = [(lines[i][0], texts[i], w) for i, w in enumerate(ws)
                if w > 72]
        for name, text, w in over[:10]:
            fail("%s: export line %d columns wide by %s: %r"
                 % (name, w, oracle, text))
        print("export of %d clusters, %d lines: widest %d columns by %s"
              % (len(CLUSTERS), len(texts), widest, oracle))
    aptest.finish()


if __name__ == "__main__":
    main()
