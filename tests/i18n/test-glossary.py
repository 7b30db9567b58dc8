#!/usr/bin/env python3
"""The glossary (po/glossary.tsv) holds: at least the key terms the
legal-terminology review asked for, each translated in every language with
its source; every msgid that uses a term has a translation that uses the
term's translation, or an exception with a reason
(po/glossary-exceptions.tsv); no exception is stale. The check itself is
po-tool.py's, shown here to catch drift in strings made up for the test."""
import os
import subprocess
import sys

import aptest

pt = aptest.po_tool()

# The terms issue 21 names; the glossary may hold more.
REQUIRED = [
    "trafficking in persons", "trafficking in women and children", "victim",
    "trafficked person", "trafficker", "recruitment", "exploitation",
    "prevention", "protection", "reintegration", "prosecution", "shelter",
    "hotline", "deportation", "repatriation", "country of origin", "NGO",
    "international organization", "law enforcement", "prosecutor",
    "witness protection", "visa", "illegal migrant", "extradition",
    "mutual legal assistance", "national action plan", "guidance",
    "explanation", "final", "draft", "revision",
]


def entry(msgid, msgstr, ctx=None, flags=()):
    return {"ctx": ctx, "id": msgid, "plural": None, "strs": {0: msgstr},
            "flags": set(flags), "comments": [], "refs": ["test"]}


def check_glossary_file(terms):
    names = {pt.fold(f) for t in terms for f in t.forms}
    for want in REQUIRED:
        if pt.fold(want) not in names:
            aptest.fail(f"glossary lacks the term {want!r}")
    if len(terms) < 25:
        aptest.fail(f"glossary has {len(terms)} terms, fewer than 25")
    for t in terms:
        for lang in pt.GLOSSARY_LANGS:
            for f in t.tr[lang]:
                if f != f.strip() or "\t" in f:
                    aptest.fail(f"{t.name}: {lang} form {f!r} has stray space")


def check_translations():
    """The real catalogs, through the same command the README names."""
    r = subprocess.run([sys.executable, os.path.join(aptest.SRC, "po",
                                                     "po-tool.py"),
                        "glossary", "--source-root", aptest.SRC],
                       capture_output=True, text=True)
    print(r.stdout, end="")
    if r.returncode != 0:
        aptest.fail("po-tool.py glossary failed:\n" + r.stdout + r.stderr)
    for lang in pt.GLOSSARY_LANGS:
        if f"{lang}: glossary:" not in r.stdout:
            aptest.fail(f"no glossary line for {lang}")


def check_detects_drift(terms):
    """Made-up strings: drift is found, the right form, a grammatical
    form, an English key kept, a fuzzy entry and an exception are not."""
    by = {t.name: t for t in terms}
    victim, trafficker, final = by["victim"], by["trafficker"], by["final"]
    entries = [
        entry("Shelters for victims", "庇护所"),          # victim drifted
        entry("Help for the victim", "受害人援助"),                   # right
        entry("Final plan written to %s", "最终计划已写入 %s"),       # form
        entry('status: expected "draft" or "final", found %s',
              'status：应为“draft”或“final”，实际为 %s'),           # kept
        entry("Traffickers", "人贩", flags={"fuzzy"}),               # fuzzy
        entry("Retribution by traffickers", "报复"),                  # excused
        entry("the --final option", "选项 --final"),                  # option
        entry("victims' data in prevention.6", "prevention.6 中的数据"),
    ]
    exceptions = [{"term": "trafficker", "msgid": "Retribution by...",
                   "language": "zh_CN", "reason": "test", "line": 1}]
    res = pt.glossary_check(entries, "zh_CN", terms, exceptions)
    drifts = [(e["id"], t.name) for e, t in res["drifts"]]
    want = [("Shelters for victims", "victim"),
            ("victims' data in prevention.6", "victim")]
    if sorted(drifts) != sorted(want):
        aptest.fail(f"drift found {sorted(drifts)}, expected {sorted(want)}")
    if res["excepted"] != 1 or res["used_exceptions"] != {0}:
        aptest.fail(f"the exception was not used: {res}")
    # The same exception does not excuse another language.
    res = pt.glossary_check(entries[5:6], "th", terms, exceptions)
    if len(res["drifts"]) != 1:
        aptest.fail("a zh_CN exception excused a Thai string")
    # The longest term wins: "trafficking in women and children" is not
    # also "trafficking".
    used = pt.terms_used(terms, "Laws on trafficking in women\nand children")
    if [t.name for t in used] != ["trafficking in women and children"]:
        aptest.fail(f"longest match: {[t.name for t in used]}")
    for t in (victim, trafficker, final):
        if not t.tr["zh_CN"] or not t.source:
            aptest.fail(f"{t.name}: no Chinese or no source")


try:
    glossary = pt.load_glossary(aptest.SRC)
    pt.load_exceptions(aptest.SRC)
except (OSError, ValueError) as err:
    aptest.fail(str(err))
    aptest.finish()
check_glossary_file(glossary)
check_detects_drift(glossary)
check_translations()
aptest.finish()
