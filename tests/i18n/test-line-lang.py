#!/usr/bin/env python3
"""The line mode (actionplan fill --plain) in Thai, Vietnamese and Chinese,
chosen by the locale and by --lang: the questionnaire's sections, titles
and guidance and the program's prompts and messages in that language, the
country picked by typing its name in that language (a name several share
lists them), and a new plan's language item
starting as the language of messages."""
import os
import tempfile
import unicodedata

import yaml

import aptest

DATA = os.path.join(aptest.SRC, "tests", "i18n", "data")

# The country, picked by typing: first part of a name that several
# countries share (the matches are listed, in the language of messages,
# with their codes), then a name in the language (Vietnamese decomposed,
# as some keyboards type it), read as the country's code.
SEVERAL = {
    "th": ("เกาหลี", ["เกาหลีเหนือ (PRK)", "เกาหลีใต้ (KOR)"]),
    "vi": ("Virgin", ["Quần Đảo Vơ-chin Anh (VGB)",
                      "Quần Đảo Vơ-chin Mỹ (VIR)"]),
    "zh_CN": ("维尔京", ["英属维尔京群岛 (VGB)", "美属维尔京群岛 (VIR)"]),
}
TYPED = {
    "th": ("ไทย", {"code": "THA", "name": "Thailand"}),
    "vi": (unicodedata.normalize("NFD", "Việt Nam"),
           {"code": "VNM", "name": "Viet Nam"}),
    "zh_CN": ("中国", {"code": "CHN", "name": "China"}),
}

lp = aptest.locpath()
for lang, loc in aptest.LOCALES.items():
    qt = aptest.qn_text(lang)
    cat = aptest.parse_po(os.path.join(aptest.SRC, "po", lang + ".po"))
    for how in ("locale", "--lang"):
        with tempfile.TemporaryDirectory() as tmp:
            plan = os.path.join(tmp, "new.yaml")
            args = ["fill", "--plain", plan]
            extra = dict(LOCPATH=lp, HOME=tmp, XDG_DATA_HOME=tmp)
            if how == "locale":
                extra["LC_ALL"] = loc + ".UTF-8"
            else:
                args = ["--lang", lang.replace("_", "-")] + args
            # The country, a month that does not exist, the month, quit.
            stdin = (f"{SEVERAL[lang][0]}\n{TYPED[lang][0]}\n"
                     "2000-13\n2000-03\n:quit\n")
            r = aptest.run(args, input=stdin.encode(), **extra)
            out = r.stdout.decode("utf-8", "replace")
            name = f"{lang} ({how})"
            if r.returncode != 0:
                aptest.fail(f"{name}: status {r.returncode}: {r.stderr!r}")
            for ctx in ("section:details", "country", "country#guidance",
                        "date", "date#guidance", "agency"):
                if qt[ctx] not in out:
                    aptest.fail(f"{name}: {ctx} not shown as {qt[ctx]!r}")
            for english in ("Plan details", "Month and year of the plan",
                            "The country whose government"):
                if english in out:
                    aptest.fail(f"{name}: English {english!r} shown")
            listed = cat[(None, "several match; type one of these:")]
            if listed not in out or not all("  " + m in out.split("\n")
                                            for m in SEVERAL[lang][1]):
                aptest.fail(f"{name}: {SEVERAL[lang][0]!r} does not list "
                       f"{SEVERAL[lang][1]}")
            want = cat[(None, "expected a month like 2000-01")]
            if want not in out:
                aptest.fail(f"{name}: the bad month's message is not {want!r}")
            # Every line the program writes itself is translated: none is
            # one of the English prompts.
            for english in ("Current answer", "Type the answer",
                            "An empty line keeps"):
                if english in out:
                    aptest.fail(f"{name}: English prompt {english!r} left")
            try:
                with open(plan, encoding="utf-8") as f:
                    saved = yaml.safe_load(f)
            except OSError as e:
                aptest.fail(f"{name}: no plan saved: {e}")
                continue
            d = saved.get("details", {})
            if d.get("country") != TYPED[lang][1]:
                aptest.fail(f"{name}: country saved as {d.get('country')!r}")
            if d.get("date") != "2000-03":
                aptest.fail(f"{name}: date saved as {d.get('date')!r}")
            code = lang.replace("_", "-")
            if d.get("language") != code:
                aptest.fail(f"{name}: a new plan's language is "
                       f"{d.get('language')!r}, not {code!r}")
aptest.finish()
