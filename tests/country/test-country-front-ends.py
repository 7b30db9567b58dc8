#!/usr/bin/env python3
"""Countries as officials pick them (issue 16, points 2, 4, 7 and 8), with
the real program:
  form     the new-plan screen in English, Thai, Vietnamese and Chinese
           (tmux): typing ไทย, Thái, 泰国, tha or th puts Thailand first,
           named in the language of messages with its code; a plan per
           language picked by a native name is the draft CODE.yaml; a
           second plan of one country is CODE-2.yaml, the first untouched
  line     the line mode takes a code or any name in any language (case,
           spaces and decomposed accents aside) as the country's code,
           lists the matches of a name several share or of part of a
           name, refuses a name that is no country; --answers maps a name
           to its code
  files    older plans whose country is free text (the reference plan's
           United States of America, decomposed Việt Nam, a Thai name)
           load as their countries without a word; exports are named by
           the code for the four languages' names (tha, vnm, chn, usa);
           free text keeps its letters, with a hash when it has none
  without  iso-codes missing (ACTIONPLAN_ISO_3166 and
           ACTIONPLAN_ISO_LOCALEDIR pointing at nothing): the line mode and
           the form say so once and take the country as free text; two
           Chinese-named countries in one drafts folder never collide
  test-country-front-ends.py form|line|files|without"""

import os
import re
import shutil
import sys
import tempfile
import unicodedata

import aptest
from aptest import (PODIR, REFERENCE, check, first_pick, load_yaml,
                    pick_country, wait_file)

THA = {"code": "THA", "name": "Thailand"}
VNM = {"code": "VNM", "name": "Viet Nam"}
NFD_VIET_NAM = unicodedata.normalize("NFD", "Việt Nam")
aptest.CHECKS.verbose = True


def run(tmp, args, stdin="", **extra):
    """(status, stdout, stderr) of actionplan args, HOME in tmp."""
    return aptest.decoded(aptest.run(args, input=stdin, cwd=tmp,
                                     home=os.path.join(tmp, "home"),
                                     **extra))


def details(path):
    return (load_yaml(path) or {}).get("details") or {}


def free_text_plan(country):
    """The reference plan as an older file wrote it: its country a name."""
    text = aptest.read_text(REFERENCE)
    block = '  country:\n    code: "USA"\n    name: "United States"\n'
    assert block in text
    return text.replace(block, '  country: "%s"\n' % country.replace(
        "\\", "\\\\").replace('"', '\\"'))


# ---- the form ----

# --lang, what is typed, the first entry then (the country in the
# language of messages, with its code), the code.
FORM = [
    ("en", "Japan", "Japan (JPN)", "JPN"),
    ("th", "ไทย", "ไทย (THA)", "THA"),
    ("vi", "Việt Nam", "Việt Nam (VNM)", "VNM"),
    ("zh-CN", "泰国", "泰国 (THA)", "THA"),
]
# Typed on the new-plan screen in English: all find Thailand first.
THAILAND_TYPED = ["ไทย", "Thái", "泰国", "tha", "th", "THAILAND"]


def new_plan(t, lang, typed, first):
    t.wait(lambda s: first_pick(s) is None and "+ " in s, 15,
           msg="the start screen")
    t.keys("n")
    pick_country(t, typed, first, 15)
    # The form opens on the item after the country.
    t.wait(lambda s: "\u2502" in s, 15, msg="the form")


def mode_form(tmp):
    aptest.need_tmux()
    drafts = os.path.join(tmp, "home", "data", "actionplan", "drafts")
    # Every way of typing Thailand, on one new-plan screen.
    t = aptest.Term(tmp, env={"ACTIONPLAN_LOCALEDIR": PODIR})
    try:
        t.start("--lang", "en")
        t.wait("+ New plan", 15)
        t.keys("n")
        t.wait(lambda s: first_pick(s) is not None, 15, msg="the picker")
        for typed in THAILAND_TYPED:
            t.keys("C-u")
            t.type(typed)
            scr = t.wait(lambda s, x=typed: "list: " + x in s, 15,
                         msg="%r typed" % typed)
            scr = aptest.wait_screen(t.screen, lambda s: first_pick(s) ==
                                      "Thailand (THA)", 15) or scr
            check(first_pick(scr) == "Thailand (THA)",
                  "new-plan screen: %r finds Thailand first" % typed,
                  scr)
        # Backspace takes back one character of what was typed (the
        # picker's key table, keys.c).
        t.keys("C-u")
        t.type("Japanq")
        t.wait(lambda s: "list: Japanq" in s and
               first_pick(s) != "Japan (JPN)", 15,
               msg="nothing matches Japanq")
        t.keys("BSpace")
        scr = t.wait(lambda s: first_pick(s) == "Japan (JPN)", 15,
                     msg="Backspace: Japan again")
        check("list: Japanq" not in scr and "list: Japan" in scr,
              "new-plan screen: Backspace takes back one character", scr)
        t.keys("Escape")
        t.wait("+ New plan", 15)
        t.keys("q")
        t.wait_exit(15)
    except aptest.Fail as e:
        check(False, "new-plan screen: %s" % e)
    finally:
        t.close()

    # A plan per language, its country picked by its name in that
    # language: the draft is named by the code.
    made = []
    for lang, typed, first, code in FORM:
        t = aptest.Term(tmp, env={"ACTIONPLAN_LOCALEDIR": PODIR})
        try:
            t.start("--lang", lang)
            new_plan(t, lang, typed, first)
            path = os.path.join(drafts, code.lower() + ".yaml")
            if code in made:
                path = os.path.join(drafts, code.lower() + "-2.yaml")
            wait_file(path, lambda b, c=code: ('code: "%s"' % c).encode()
                      in b, 15)
            check(details(path).get("country", {}).get("code") == code,
                  "%s: %r picked gives %s with %s" %
                  (lang, typed, os.path.basename(path), code))
            t.keys("C-q")
            t.wait_exit(15)
        except aptest.Fail as e:
            check(False, "%s: a plan picked by %r: %s" % (lang, typed, e))
        finally:
            t.close()
        made.append(code)
    # Thailand twice (th, then zh-CN): tha.yaml and tha-2.yaml, both kept.
    names = sorted(n for n in os.listdir(drafts) if n.endswith(".yaml"))
    check(names == ["jpn.yaml", "tha-2.yaml", "tha.yaml", "vnm.yaml"],
          "a second plan of one country is tha-2.yaml: %r" % names)
    check(load_yaml(os.path.join(drafts, "tha.yaml"))["details"]
          ["language"] == "th" and
          load_yaml(os.path.join(drafts, "tha-2.yaml"))["details"]
          ["language"] == "zh-CN",
          "the first plan of Thailand is not overwritten by the second")


# ---- the line mode ----

def mode_line(tmp):
    # Each way of naming Thailand is read as THA.
    names = [x for x in THAILAND_TYPED if x != "Thái"]
    for n, typed in enumerate(names + ["  thailand  ", "Kingdom of Thailand",
                                       "Thái Lan"]):
        path = os.path.join(tmp, "t%d.yaml" % n)
        rc, out, err = run(tmp, ["fill", "--plain", path],
                           typed + "\n:quit\n")
        check(rc == 0 and os.path.exists(path) and
              details(path).get("country") == THA,
              "line mode: %r is Thailand" % typed, out[-800:] + err)
    # Decomposed Vietnamese, in the Vietnamese line mode.
    path = os.path.join(tmp, "vi.yaml")
    rc, out, err = run(tmp, ["--lang", "vi", "fill", "--plain", path],
                       NFD_VIET_NAM + "\n:quit\n")
    check(os.path.exists(path) and details(path).get("country") == VNM,
          "line mode: decomposed Việt Nam is VNM", out[-800:] + err)
    # Part of a name (Thái of Thái Lan): the countries it may mean are
    # listed, Thailand first.
    rc, out, err = run(tmp, ["fill", "--plain", os.path.join(tmp, "p.yaml")],
                       "Thái\n:quit\n")
    lines = out.split("\n")
    at = lines.index("Country: several match; type one of these:") \
        if "Country: several match; type one of these:" in lines else -2
    check(lines[at + 1] == "  Thailand (THA)",
          "line mode: 'Thái' lists Thailand first", out)
    # A name several countries share: listed, nothing stored; then one.
    path = os.path.join(tmp, "korea.yaml")
    rc, out, err = run(tmp, ["fill", "--plain", path],
                       "Korea\nKOR\n:quit\n")
    lines = out.split("\n")
    check("Country: several match; type one of these:" in lines and
          "  Korea, Democratic People's Republic of (PRK)" in lines and
          "  Korea, Republic of (KOR)" in lines,
          "line mode: 'Korea' lists both Koreas with their codes", out)
    check(details(path).get("country") == {"code": "KOR",
                                           "name": "Korea, Republic of"},
          "line mode: then KOR is taken")
    # Part of one country's name only: shown, not taken until typed.
    path = os.path.join(tmp, "part.yaml")
    rc, out, err = run(tmp, ["fill", "--plain", path], "Thai L\n:quit\n")
    lines = out.split("\n")
    check("Country: no exact match; type it as shown:" in lines and
          "  Thailand (THA)" in lines and not os.path.exists(path),
          "line mode: part of one name shows the country, stores nothing",
          out)
    # No country: refused, nothing stored.
    path = os.path.join(tmp, "none.yaml")
    rc, out, err = run(tmp, ["fill", "--plain", path],
                       "Ruritania\n:quit\n")
    check("Country: no country has that name" in out and
          not os.path.exists(path),
          "line mode: a name that is no country is refused", out)
    # --answers: a name in any language mapped to the code, silently.
    answers = os.path.join(tmp, "answers.yaml")
    with open(answers, "w", encoding="utf-8") as f:
        f.write('details:\n  country: "ไทย"\n')
    path = os.path.join(tmp, "pre.yaml")
    rc, out, err = run(tmp, ["fill", "--plain", path, "--answers", answers],
                       ":quit\n")
    check(rc == 0 and details(path).get("country") == THA and
          "ISO 3166" not in out + err,
          "--answers: ไทย is preloaded as THA", out + err)
    check("Current answer: Thailand (THA)" in out,
          "--answers: the preloaded country shown by name and code", out)


# ---- files ----

def mode_files(tmp):
    # Older plans: free-text names of countries load as those countries.
    for name, code in (("United States of America", "USA"),
                       (NFD_VIET_NAM, "VNM"), ("ไทย", "THA"),
                       ("Thái Lan", "THA"), ("中国", "CHN")):
        path = os.path.join(tmp, "old-%s.yaml" % code.lower())
        with open(path, "w", encoding="utf-8") as f:
            f.write(free_text_plan(name))
        rc, out, err = run(tmp, ["check", path])
        check(rc == 0 and err == "",
              "an older plan naming %r checks without a word" % name, err)
        rc, out, err = run(tmp, ["export", path, "--format", "yaml"])
        doc = load_yaml_text(out)
        check(doc.get("details", {}).get("country", {}).get("code") == code,
              "an older plan naming %r is %s" % (name, code), out[:400])
    # Not a country: kept, with a warning naming the closest.
    path = os.path.join(tmp, "old-free.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(free_text_plan("Thailandd"))
    rc, out, err = run(tmp, ["check", path])
    check('"Thailandd" is not a country of ISO 3166-1; kept as free text '
          '(did you mean Thailand (THA)' in err,
          "a name that is no country: a warning naming the closest", err)

    # Exports named by the code, from names in the four languages; free
    # text keeps its letters, a hash without them.
    outdir = os.path.join(tmp, "out")
    want = {"Thailand": "tha", "ไทย": "tha", NFD_VIET_NAM: "vnm",
            "中国": "chn", "United States of America": "usa",
            "Ruritania": "ruritania", "示例国": None}
    got = {}
    for i, (name, stem) in enumerate(want.items()):
        od = os.path.join(outdir, str(i))
        path = os.path.join(tmp, "plan-%d.yaml" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(free_text_plan(name).replace('status: "final"',
                                                 'status: "draft"'))
        rc, out, err = run(tmp, ["fill", "--plain", "-o", od, path],
                           ":finish\n:quit\n")
        got[name] = sorted(os.listdir(od)) if os.path.isdir(od) else []
        if stem is not None:
            check(got[name] == ["%s-2000-01.txt" % stem,
                                "%s-2000-01.yaml" % stem],
                  "%r exports as %s-2000-01: %r" % (name, stem, got[name]),
                  out[-600:] + err)
    check(len(got["示例国"]) == 2 and all(
        re.fullmatch(r"country-[0-9a-f]{8}-2000-01\.(txt|yaml)", n)
        for n in got["示例国"]),
        "a free-text name without Latin letters gets a hash: %r"
        % got["示例国"])


def load_yaml_text(text):
    import yaml
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return {}


# ---- without iso-codes ----

def mode_without(tmp):
    nowhere = {"ACTIONPLAN_ISO_3166": os.path.join(tmp, "no", "iso.json"),
               "ACTIONPLAN_ISO_LOCALEDIR": os.path.join(tmp, "no")}
    said = "the list of countries (iso-codes) cannot be read"
    # The line mode: said once, then the country is free text.
    path = os.path.join(tmp, "line.yaml")
    rc, out, err = run(tmp, ["fill", "--plain", path],
                       "Ruritania\n:goto country\n示例国\n:quit\n",
                       **nowhere)
    check(rc == 0 and (out + err).count(said) == 1,
          "line mode: says once that iso-codes cannot be read", out + err)
    check(details(path).get("country") == "示例国",
          "line mode: the country is free text", repr(details(path)))

    # The form: two Chinese-named countries in one drafts folder, each
    # typed as free text on the new-plan screen, never collide.
    aptest.need_tmux()
    drafts = os.path.join(tmp, "home", "data", "actionplan", "drafts")
    for name in ("示例国", "另一个国家"):
        t = aptest.Term(tmp, env=dict(nowhere, ACTIONPLAN_LOCALEDIR=PODIR))
        try:
            t.start()
            t.wait("+ New plan", 15)
            t.keys("n")
            t.wait("Country:", 15)
            t.type(name)
            t.keys("Enter")
            scr = t.wait(said, 15)
            check(scr.count(said) == 1,
                  "form: says once that iso-codes cannot be read", scr)
            t.keys("C-q")
            t.wait_exit(15)
        except aptest.Fail as e:
            check(False, "form without iso-codes: %s" % e)
        finally:
            t.close()
    names = sorted(n for n in os.listdir(drafts) if n.endswith(".yaml")) \
        if os.path.isdir(drafts) else []
    countries = sorted(details(os.path.join(drafts, n)).get("country")
                       for n in names)
    check(len(names) == 2 and all(re.fullmatch(r"country-[0-9a-f]{8}\.yaml",
                                               n) for n in names),
          "two Chinese-named drafts get two hashed names: %r" % names)
    check(countries == sorted(["示例国", "另一个国家"]),
          "each draft holds its own country: %r" % countries)


MODES = {"form": mode_form, "line": mode_line, "files": mode_files,
         "without": mode_without}

if __name__ == "__main__":
    if not os.path.exists("/usr/share/iso-codes/json/iso_3166-1.json"):
        aptest.skip("iso-codes is missing")
    mode = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="ap-country-")
    try:
        MODES[mode](tmp)
    finally:
        if aptest.failures:
            print("files kept in " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    aptest.finish()
