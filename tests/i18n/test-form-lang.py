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
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import i18ntest as T  # noqa: E402

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


def check(lang, loc, how):
    qt = T.qn_text(lang)
    name = f"{lang} ({how})"
    with tempfile.TemporaryDirectory() as tmp:
        plan = os.path.join(tmp, "new.yaml")
        e = {k: v for k, v in T.env(LOCPATH=lp).items()
             if k in ("LOCPATH", "ACTIONPLAN_LOCALEDIR",
                      "ACTIONPLAN_QUESTIONNAIRES", "SOURCE_DATE_EPOCH",
                      "LC_ALL", "PATH")}
        e.update(HOME=tmp, XDG_DATA_HOME=tmp, TERM="xterm-256color",
                 TZ="UTC", EDITOR="false")
        cmd = [T.BIN, "fill", plan]
        if how == "locale":
            e["LC_ALL"] = loc + ".UTF-8"
        else:
            e["LC_ALL"] = "C.UTF-8"
            cmd = [T.BIN, "--lang", lang.replace("_", "-"), "fill", plan]
        term = T.Tmux(f"{lang}-{how}", cmd, e)
        try:
            rows = term.wait_for(qt["section:details"])
            if rows is None:
                return
            # The outline: every row's border in the same column.
            cols = {T.width(r[:r.index(SEP)]) for r in rows if SEP in r}
            if len(cols) != 1:
                T.fail(f"{name}: outline border in columns {sorted(cols)}:"
                       "\n" + "\n".join(rows))
            outline = [r[:r.index(SEP)] for r in rows if SEP in r]
            for ctx in ("country", "date", "agency", "section:prevention"):
                if not any(o.strip() == qt[ctx] or
                           (o.strip().endswith("\u2026") and
                            qt[ctx].startswith(o.strip()[:-1].split(" ")[-1]))
                           for o in outline):
                    T.fail(f"{name}: outline lacks {qt[ctx]!r}")
            # Numbered titles are cut with an ellipsis inside the outline,
            # never past the border.
            pane = "\n".join(r[r.index(SEP) + 1:] for r in rows if SEP in r)
            if qt["country"] not in pane:
                T.fail(f"{name}: the item's title is not {qt['country']!r}")
            guid = qt["country#guidance"].split(" ")[0][:8]
            if guid not in pane:
                T.fail(f"{name}: guidance not shown ({guid!r})")
            # Type a name in the language: the list opens, the name whole
            # on its filter line, the cursor after its display width, the
            # country first in the list.
            term.keys(TYPED[lang], literal=True)
            rows = term.wait_for(lambda s: FIRST[lang] in s)
            if rows is None:
                return
            if rows[3].strip() != FIRST[lang]:
                T.fail(f"{name}: {FIRST[lang]!r} is not first:\n" +
                       "\n".join(rows))
            row = next(i for i, r in enumerate(rows) if TYPED[lang] in r)
            start = T.width(rows[row][:rows[row].index(TYPED[lang])])
            x, y = term.cursor()
            want = start + T.width(TYPED[lang])
            if (x, y) != (want, row):
                T.fail(f"{name}: cursor at {x},{y}, not {want},{row}")
            # Pick it, save and quit (Ctrl-Q), then the plan on disk.
            term.keys("Enter")
            term.keys("C-q")
            end = time.time() + 10
            saved = None
            while time.time() < end:
                try:
                    with open(plan, encoding="utf-8") as f:
                        saved = yaml.safe_load(f)
                    if saved and saved.get("details", {}).get("country"):
                        break
                except (OSError, yaml.YAMLError):
                    pass
                time.sleep(0.05)
            got = (saved or {}).get("details", {}).get("country")
            if got != SAVED[lang]:
                T.fail(f"{name}: country saved as {got!r}")
        finally:
            term.close()


lp = T.locpath()
for lang, loc in T.LOCALES.items():
    check(lang, loc, "locale")
check("zh_CN", "zh_CN", "--lang")
T.finish()
