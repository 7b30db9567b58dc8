#!/usr/bin/env python3
"""The command line in Thai, Vietnamese and Chinese.

Usage: test-i18n-cli.py MODE

Modes:
  help      --help in each language, chosen by LC_ALL (a real locale built
            with localedef), by LANGUAGE, and by --lang: the translated
            text, no line wider than 80 columns, the option column kept
  messages  problems, usage errors and the incomplete-plan notice in each
            language, with the usual exit statuses
  export    the text export of a draft plan written in each language:
            headings, titles, dates and words in the plan's language (the
            golden files in data/), whatever the language of messages;
            lines at most 72 columns; --bilingual adds the English title
            in brackets under each translated one and nothing else
"""
import os
import re
import sys

import aptest

DATA = os.path.join(aptest.SRC, "tests", "i18n", "data")

HELP_FIRST = ("Usage: actionplan [--lang LANG] [COMMAND] [OPTION]... "
              "[FILE]...\nFill in, check and export country action plans "
              "(ARIAT 2000 questionnaire).\n")


def po(lang):
    return aptest.parse_po(os.path.join(aptest.SRC, "po", lang + ".po"))


def check_help(out, lang, how):
    text = out.decode("utf-8")
    want = po(lang)[(None, HELP_FIRST)]
    if not want or not text.startswith(want):
        aptest.fail(f"{how}: help does not start with the {lang} text: "
               f"{text[:120]!r}")
    for english in ("Commands:", "Options of fill:", "Exit status:"):
        if english in text:
            aptest.fail(f"{how}: English {english!r} left in the {lang} help")
    for line in text.split("\n"):
        if aptest.width(line) > 80:
            aptest.fail(f"{how}: line {aptest.width(line)} columns wide: {line!r}")
        # Option lines keep their descriptions in column 28 (27 before).
        m = re.match(r"^(  \S.*?\s{2,})(\S.*)$", line)
        if m and line.startswith("  -") and aptest.width(m.group(1)) != 27:
            aptest.fail(f"{how}: description at column {aptest.width(m.group(1))}: "
                   f"{line!r}")


def mode_help():
    lp = aptest.locpath()
    for lang, loc in aptest.LOCALES.items():
        # The locale alone.
        r = aptest.run(["--help"], LOCPATH=lp, LC_ALL=loc + ".UTF-8")
        check_help(r.stdout, lang, f"LC_ALL={loc}.UTF-8")
        # LANGUAGE over the locale.
        other = "vi" if lang != "vi" else "th"
        r = aptest.run(["--help"], LOCPATH=lp, LC_ALL=aptest.LOCALES[other] + ".UTF-8",
                  LANGUAGE=lang)
        check_help(r.stdout, lang, f"LANGUAGE={lang}")
        # --lang over both, before or after --help, as a plan code.
        code = lang.replace("_", "-")
        for args in (["--lang", code, "--help"], ["--help", "--lang", code],
                     [f"--lang={code}", "help"]):
            r = aptest.run(args, LOCPATH=lp, LC_ALL=aptest.LOCALES[other] + ".UTF-8",
                      LANGUAGE=other)
            check_help(r.stdout, lang, " ".join(args))
            if r.returncode != 0:
                aptest.fail(f"{args}: status {r.returncode}")
    # --lang en is English whatever the environment.
    r = aptest.run(["--lang", "en", "--help"], LOCPATH=lp, LC_ALL="th_TH.UTF-8")
    if not r.stdout.decode().startswith(HELP_FIRST):
        aptest.fail("--lang en: not the English help")
    # A bad code is a usage error, in the language of messages.
    r = aptest.run(["--lang", "../../x", "--help"], LOCPATH=lp,
              LC_ALL="th_TH.UTF-8")
    if r.returncode != 2 or "--lang" not in r.stderr.decode():
        aptest.fail(f"bad --lang: status {r.returncode}, {r.stderr!r}")


def mode_messages():
    lp = aptest.locpath()
    broken = os.path.join(aptest.SRC, "tests", "corpus", "plans", "bad-status.yaml")
    draft = os.path.join(DATA, "plan-th.yaml")
    for lang, loc in aptest.LOCALES.items():
        cat = po(lang)
        e = dict(LOCPATH=lp, LC_ALL=loc + ".UTF-8")
        # A problem in a plan: severity and message translated, the
        # place and the item id as they are.
        r = aptest.run(["check", broken], **e)
        err = r.stderr.decode()
        sev = cat[("diagnostic", "error")]
        msg = cat[(None, 'status: expected "draft" or "final", found %s')]
        head = msg.split("%s")[0]
        if r.returncode != 1 or f": {sev}: " not in err or head not in err:
            aptest.fail(f"{lang}: check: status {r.returncode}, {err!r}")
        if not err.startswith(broken + ":"):
            aptest.fail(f"{lang}: the place is not first: {err!r}")
        # Usage errors.
        r = aptest.run(["frobnicate"], **e)
        want = cat[(None, "actionplan: unknown command '%s'\n")]
        if r.returncode != 2 or want.replace("%s", "frobnicate") not in \
                r.stderr.decode():
            aptest.fail(f"{lang}: unknown command: {r.stderr!r}")
        r = aptest.run(["export", draft, "--format", "yaml", "--bilingual"], **e)
        want = cat[(None, "--bilingual is only for --format text and html")]
        if r.returncode != 2 or want not in r.stderr.decode():
            aptest.fail(f"{lang}: --bilingual with yaml: {r.stderr!r}")
        # An incomplete plan: the problems name items by their
        # translated section and the questionnaire's translated message;
        # the count is a plural form.
        r = aptest.run(["export", draft, "--format", "text"], **e)
        err = r.stderr.decode()
        req = cat[(None, "an answer is required")]
        prot = cat[("section:protection", "Protection")]
        if r.returncode != 1 or req not in err or prot not in err:
            aptest.fail(f"{lang}: incomplete export: {r.returncode} {err[:300]!r}")
        tail = [l for l in err.split("\n") if l][-1]
        if "--draft" not in tail or "complete" in tail:
            aptest.fail(f"{lang}: notice not translated: {tail!r}")


def golden(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


def mode_export():
    lp = aptest.locpath()
    en = aptest.run(["--lang", "en", "--help"])  # the program runs at all
    if en.returncode != 0:
        aptest.fail(f"actionplan does not run: {en.stderr!r}")
    for code, lang in (("th", "th"), ("vi", "vi"), ("zh-CN", "zh_CN")):
        plan = os.path.join(DATA, f"plan-{code}.yaml")
        cat = po(lang)
        outs = {}
        for bi in (False, True):
            args = ["export", plan, "--format", "text", "--draft"]
            if bi:
                args.append("--bilingual")
            name = f"plan-{code}{'.bilingual' if bi else ''}.txt"
            r = aptest.run(args)
            outs[bi] = r.stdout
            if r.returncode != 0 or r.stdout != golden(name):
                aptest.fail(f"{name}: export differs (status {r.returncode}, "
                       f"{r.stderr!r}); regenerate only after checking "
                       f"the difference")
            # The same bytes whatever the language of messages.
            for loc in aptest.LOCALES.values():
                for language in (None, "vi", "th:zh_CN"):
                    r2 = aptest.run(args, LOCPATH=lp, LC_ALL=loc + ".UTF-8",
                               LANGUAGE=language)
                    if r2.stdout != r.stdout:
                        aptest.fail(f"{name}: differs under {loc}/{language}")
                        break
            text = r.stdout.decode("utf-8")
            for n, line in enumerate(text.split("\n"), 1):
                if aptest.width(line) > 72:
                    aptest.fail(f"{name}:{n}: {aptest.width(line)} columns: {line!r}")
            # The words of the export are the plan's language's.
            for ctx, msgid in (("text export", "DRAFT - not a final plan"),
                               ("text export", "(no answer)"),
                               ("section:prevention#heading", "PREVENTION"),
                               ("month", "March")):
                if cat[(ctx, msgid)] not in text:
                    aptest.fail(f"{name}: {cat[(ctx, msgid)]!r} ({msgid}) "
                           f"missing")
            for english in ("DRAFT", "(no answer)", "PREVENTION", "March"):
                if not bi and english in text:
                    aptest.fail(f"{name}: English {english!r} in the export")
        # Bilingual = the plain export plus "[English]" blocks.
        plain = outs[False].decode().split("\n")
        bil = outs[True].decode().split("\n")
        kept, notes, in_note = [], [], False
        for line in bil:
            s = line.strip()
            if s.startswith("[") or in_note:
                notes.append(s)
                in_note = not s.endswith("]")
                continue
            kept.append(line)
        if kept != plain:
            aptest.fail(f"{code}: --bilingual changed more than adding notes")
        joined = " ".join(notes)
        for title in ("Compulsory education until the age of 16",
                      "PREVENTION", "Month and year of the plan",
                      "Country Action Plan of"):
            if title not in joined:
                aptest.fail(f"{code}: --bilingual lacks [{title}]")
        if not notes:
            aptest.fail(f"{code}: --bilingual added nothing")
    # An English plan gets no notes.
    plan = os.path.join(aptest.SRC, "exports", "united-states-2000.yaml")
    a = aptest.run(["export", plan, "--format", "text"]).stdout
    b = aptest.run(["export", plan, "--format", "text", "--bilingual"]).stdout
    if a != b or not a:
        aptest.fail("--bilingual changed an English plan's export")


MODES = {"help": mode_help, "messages": mode_messages, "export": mode_export}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in MODES:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    MODES[sys.argv[1]]()
    aptest.finish()
