#!/usr/bin/env python3
"""`check` and the loader on text that means two things (issue 14):

  bidi     bidirectional controls in answers and names are warned about
           (not errors: status 0 for a valid plan), naming the item, and
           every output shows them as <U+202E>, while the plan file keeps
           them as typed
  escapes  escaped and raw forms are judged alike: \\uFEFF, \\uFFFE, \\uFFFF
           refused like the raw characters, with file:line:col; a plan
           written by Python's json.dumps (surrogate pairs for characters
           past U+FFFF, \\uXXXX for all the rest) reads as the same strings;
           a lone surrogate is refused at its place
  nel      U+0085 inside a quoted or plain scalar gets a warning naming the
           line (YAML 1.1 readers take it for a line break, YAML 1.2
           readers for a character)"""
import json
import os
import sys

import yaml

import aptest
from aptest import check


def run(*args, cwd=None):
    """(status, stdout, stderr): the outputs must be UTF-8."""
    return aptest.decoded(aptest.run(args, cwd=cwd, timeout=60), "strict")


HEAD = ('format: actionplan-plan/1\nquestionnaire:\n  id: ariat-2000\n'
        '  version: 1\nstatus: draft\nrevision: 0\n')


def write(tmp, name, data):
    """tmp/name holding data (str as UTF-8, or bytes); its path."""
    path = os.path.join(tmp, name)
    aptest.write(path, data)
    return path


def case_bidi(tmp):
    # The example: a country name that reads backwards raw.
    path = write(tmp, "bidi.yaml", HEAD +
                 'details:\n  country: "Indonesia\\u202e(0002 yraunaJ) exe.jpg"\n'
                 'answers:\n  introduction: |-\n'
                 '    Isolate \u2067abc\u2069 and mark \u200f here.\n')
    rc, out, err = run("check", path)
    check(rc == 0, "bidi controls are warnings, not errors: status %d %s" % (rc, err))
    check("bidi.yaml:8:3: warning: Country: 1 bidirectional control character "
          "(the first U+202E)" in err, "check names the country: " + err)
    check("bidi.yaml:10:3: warning: Introduction: 3 bidirectional control "
          "characters (the first U+2067)" in err,
          "check names the introduction: " + err)
    check("\u202e" not in err and "<U+202E>" in err,
          "check's own message shows the notation: " + err)
    # The outputs show them in the notation; the plan keeps them.
    rc, out, err = run("export", path, "--format", "text", "--draft")
    check(rc == 0 and "Indonesia<U+202E>(0002 yraunaJ) exe.jpg" in out and
          "<U+2067>abc<U+2069> and mark <U+200F> here" in out and
          not any(c in out for c in "\u202e\u2067\u2069\u200f"),
          "the text export shows the notation: " + out[:400])
    rc, out, err = run("export", path, "--format", "yaml", "--draft")
    doc = yaml.safe_load(out)
    check(doc["details"]["country"] == "Indonesia\u202e(0002 yraunaJ) exe.jpg",
          "the YAML export (a plan) keeps the override as typed")
    rc, out, err = run("fill", "--plain", path, cwd=tmp)
    check("\u202e" not in out + err, "the line mode never writes U+202E raw")


def case_escapes(tmp):
    plan = {
        "format": "actionplan-plan/1",
        "questionnaire": {"id": "ariat-2000", "version": 1},
        "status": "draft", "revision": 0,
        "details": {"country": "ไทย", "agency": "公安部 👩🏽‍💻",
                    "contact": "ประเทศไทย 🇹🇭"},
        "answers": {"introduction": "Việt Nam 👨‍👩‍👧 \U0001F600 𝄞 ผู้ใหญ่"},
    }
    text = json.dumps(plan)  # ASCII only: \ud83c\uddf9 and the like
    check("\\ud83c\\uddf9" in text, "json.dumps wrote surrogate pairs")
    path = write(tmp, "from-json.yaml", text)
    rc, out, err = run("check", path)
    check(rc == 0 and err == "", "a plan from json.dumps is valid: %d %s" % (rc, err))
    rc, out, err = run("export", path, "--format", "yaml", "--draft")
    doc = yaml.safe_load(out) if rc == 0 else {}
    # The Thai name is read as the country it names.
    plan["details"]["country"] = {"code": "THA", "name": "Thailand"}
    for group in ("details", "answers"):
        for k, v in plan[group].items():
            check(doc.get(group, {}).get(k) == v,
                  "%s reads as %r, not %r" % (k, doc.get(group, {}).get(k), v))
    # A lone surrogate: refused where it stands.
    path = write(tmp, "lone.yaml", HEAD +
                 'details:\n  country: "A \\ud83d\\udc69 then \\udc69 alone"\n')
    rc, out, err = run("check", path)
    check(rc != 0 and "lone.yaml:8:33: error: \\uDC69 is half of a surrogate "
          "pair" in err, "a lone surrogate refused at 8:33: " + err)
    # Escaped and raw forms judged alike, with the same messages.
    for name, esc, raw in [("feff", "\\uFEFF", "\ufeff"),
                           ("fffe", "\\uFFFE", None),
                           ("ffff", "\\U0000FFFF", "\uffff")]:
        msgs = []
        for kind, form in (("escaped", esc), ("raw", raw)):
            if form is None:
                continue
            body = HEAD + 'details:\n  country: "ab%scd"\n' % form
            path = write(tmp, "%s-%s.yaml" % (name, kind), body.encode(
                "utf-8", "surrogatepass"))
            rc, out, err = run("check", path)
            check(rc != 0 and ":8:15: error: " in err,
                  "%s %s refused at 8:15: %s" % (kind, name, err))
            msgs.append(err.split(": error: ", 1)[-1])
        check(len(set(msgs)) == 1, "%s: one message for both forms: %s"
              % (name, msgs))


def case_nel(tmp):
    path = write(tmp, "nel.yaml", HEAD +
                 'details:\n  country: "Lao\u0085PDR"\n  agency: Ministry\u0085'
                 '   of Labour\n', )
    rc, out, err = run("check", path)
    check(rc == 0, "NEL is a warning, not an error: %d %s" % (rc, err))
    check("nel.yaml:8:16: warning: U+0085 (NEL) is a line break to YAML 1.1 "
          "readers" in err, "NEL in a quoted scalar named: " + err)
    check("warning: U+0085 (NEL)" in err.split("\n")[1] if "\n" in err else False,
          "NEL in a plain scalar named too: " + err)
    # PyYAML (YAML 1.1) indeed reads a line break there.
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    check(doc["details"]["country"] != "Lao\u0085PDR",
          "PyYAML reads NEL as a break (the reason for the warning)")


def main():
    which = sys.argv[1]
    with aptest.tempdir("ap-check-text-") as tmp:
        {"bidi": case_bidi, "escapes": case_escapes, "nel": case_nel}[which](tmp)
    aptest.finish()


if __name__ == "__main__":
    main()
