#!/usr/bin/env python3
"""The form in Thai and Chinese (and Vietnamese), in a real terminal (tmux):
the outline shows the translated sections and titles with the separator in
one column on every row, whatever Thai combining marks or double-width
Chinese are in them; the item shows the translated title and guidance;
a country's name typed in the language (in the list that typing opens on
the country item) stays whole, the cursor lands where the text's display
width says, the country is listed by its name in the language with its
code, and picking it saves its code."""
import os
import tempfile

import yaml

import aptest

DATA = os.path.join(aptest.SRC, "tests", "i18n", "data")

# Typed, the list's first entry then, and the country saved.
TYPED = {
    "th": "ไทย",
    "vi": "Việt Nam",
    "zh_CN": "中国",
}
FIRST = {"th": "ไทย (THA)", "vi": "Việt Nam (VNM)", "zh_CN": "中国 (CHN)"}
SAVED = {"th": {"code": "THA", "name": "Thailand"},
         "vi": {"code": "VNM", "name": "Viet Nam"},
         "zh_CN": {"code": "CHN", "name": "China"}}
SEP = "\u2502"  # the outline's right border


def wait_for(term, what, timeout=10.0):
    """The screen's rows once what shows, or None (a failed check)."""
    scr = term.poll(what, timeout)
    if scr is not None:
        return scr.split("\n")
    aptest.fail(f"screen never showed {what!r}:\n" + term.screen())
    return None


def check(lang, loc, how):
    qt = aptest.qn_text(lang)
    name = f"{lang} ({how})"
    with tempfile.TemporaryDirectory() as tmp:
        plan = os.path.join(tmp, "new.yaml")
        term = aptest.Term(tmp, 80, 24, term="xterm-256color",
                           env={"LOCPATH": lp})
        args = ["fill", plan]
        if how == "locale":
            term.env["LC_ALL"] = loc + ".UTF-8"
        else:
            args = ["--lang", lang.replace("_", "-"), "fill", plan]
        term.start(*args, shell_suffix="sleep 30")
        try:
            rows = wait_for(term, qt["section:details"])
            if rows is None:
                return
            # The outline: every row's border in the same column.
            cols = {aptest.width(r[:r.index(SEP)]) for r in rows if SEP in r}
            if len(cols) != 1:
                aptest.fail(f"{name}: outline border in columns {sorted(cols)}:"
                       "\n" + "\n".join(rows))
            outline = [r[:r.index(SEP)] for r in rows if SEP in r]
            for ctx in ("country", "date", "agency", "section:prevention"):
                if not any(o.strip() == qt[ctx] or
                           (o.strip().endswith("\u2026") and
                            qt[ctx].startswith(o.strip()[:-1].split(" ")[-1]))
                           for o in outline):
                    aptest.fail(f"{name}: outline lacks {qt[ctx]!r}")
            # Numbered titles are cut with an ellipsis inside the outline,
            # never past the border.
            pane = "\n".join(r[r.index(SEP) + 1:] for r in rows if SEP in r)
            if qt["country"] not in pane:
                aptest.fail(f"{name}: the item's title is not {qt['country']!r}")
            guid = qt["country#guidance"].split(" ")[0][:8]
            if guid not in pane:
                aptest.fail(f"{name}: guidance not shown ({guid!r})")
            # Type a name in the language: the list opens, the name whole
            # on its filter line, the cursor after its display width, the
            # country first in the list.
            term.type(TYPED[lang])
            rows = wait_for(term, lambda s: FIRST[lang] in s)
            if rows is None:
                return
            if rows[3].strip() != FIRST[lang]:
                aptest.fail(f"{name}: {FIRST[lang]!r} is not first:\n" +
                       "\n".join(rows))
            row = next(i for i, r in enumerate(rows) if TYPED[lang] in r)
            start = aptest.width(rows[row][:rows[row].index(TYPED[lang])])
            x, y = term.cursor()
            want = start + aptest.width(TYPED[lang])
            if (x, y) != (want, row):
                aptest.fail(f"{name}: cursor at {x},{y}, not {want},{row}")
            # Pick it, save and quit (Ctrl-Q), then the plan on disk.
            term.keys("Enter")
            term.keys("C-q")

            def has_country(data):
                try:
                    doc = yaml.safe_load(data.decode("utf-8"))
                except (UnicodeDecodeError, yaml.YAMLError):
                    return False
                return bool(doc and (doc.get("details") or {}).get("country"))
            try:
                saved = yaml.safe_load(aptest.wait_file(plan, has_country, 10))
            except aptest.Fail:
                saved = None
            got = (saved or {}).get("details", {}).get("country")
            if got != SAVED[lang]:
                aptest.fail(f"{name}: country saved as {got!r}")
            # The program writes where it was left after the save, and
            # the shell its status: both done before the folder goes.
            term.wait_exit(15)
        finally:
            term.close()


lp = aptest.locpath()
for lang, loc in aptest.LOCALES.items():
    check(lang, loc, "locale")
check("zh_CN", "zh_CN", "--lang")
aptest.finish()
