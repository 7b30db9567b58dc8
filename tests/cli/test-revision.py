#!/usr/bin/env python3
"""The next revision, its review, questionnaire migration and "does not
apply" through the real program (issue 20), in the line mode and on the
command line, in English and Thai.

Usage: test-revision.py MODE

Modes:
  from     fill --plain NEW --from OLD: revision OLD+1 based on OLD, today's
           date, the same country and language, every other answer marked
           carried over (format 2); a draft or an existing NEW refused; the
           marks said with each answer; :keep clears one; :finish with only
           carried-over answers left asks once: "no" goes back, "yes" keeps
           them all and makes revision OLD+1 final (format 1 again)
  check    check warns about carried-over answers of a draft (at their
           lines, exit 0) and refuses them in a final plan (exit 1)
  migrate  migrate the reference plan to tests/migrate's version 2: the
           renamed and split answers moved and marked, the dropped one
           whole in NAME-v2.dropped.txt, the old file untouched, an
           existing OUT and an older VERSION refused, a chain of two steps
           (1 to 3 through 2), and check of migrate_from declarations
  na       :na REASON where the questionnaire allows it (refused elsewhere
           and without a reason); diff shows it; a required item that does not apply
           counts as answered; the text export says "Does not apply:
           REASON"; collect's matrix counts it as n/a
  thai     the same review in Thai (--lang th): the marks, :keep, the
           question, and the text export's "does not apply"
"""

import csv
import os
import re
import shutil
import sys
import tempfile


import aptest
from aptest import QN_DIR as QNS, REFERENCE as REF, SRC, check, load_yaml

V2 = os.path.join(SRC, "tests", "migrate")
TMP = tempfile.mkdtemp(prefix="revision-test-")
aptest.CHECKS.verbose = True


def run(*args, stdin="", qdirs=(QNS,), epoch="978307200", lang=None):
    """The program with args; SOURCE_DATE_EPOCH 2001-01-01 by default."""
    pre = ["--lang", lang] if lang else []
    r = aptest.run(pre + list(args), input=stdin, timeout=60,
                   env=aptest.env(TMP, ACTIONPLAN_QUESTIONNAIRES=":".join(qdirs),
                                  XDG_DATA_HOME=os.path.join(TMP, "xdg"),
                                  SOURCE_DATE_EPOCH=epoch))
    return aptest.decoded(r)



def path(name):
    return os.path.join(TMP, name)


def old_plan(name="old.yaml"):
    """The reference plan (final, revision 1) as last year's plan."""
    shutil.copy(REF, path(name))
    return path(name)


def roles_and_others(doc):
    items = list(doc.get("details", {})) + list(doc.get("answers", {}))
    roles = {"country", "date", "language"}
    return [i for i in items if i in roles], [i for i in items
                                               if i not in roles]


def mode_from():
    old = old_plan()
    before = open(old, "rb").read()
    new = path("new.yaml")
    rc, out, err = run("fill", "--plain", new, "--from", old, stdin=":quit\n")
    check(rc == 0, "fill NEW --from OLD", out + err)
    doc = load_yaml(new)
    ref = load_yaml(REF)
    check(doc["format"] == "actionplan-plan/2", "the marks need format 2")
    check(doc["status"] == "draft" and doc["revision"] == 2,
          "a draft of revision OLD+1 (%s)" % doc["revision"])
    check(doc["based_on"] == {"revision": 1, "file": os.path.realpath(old)},
          "based on the final plan it came from")
    check(doc["details"]["date"] == "2001-01", "today's date (%s)"
          % doc["details"]["date"])
    check(doc["details"]["country"] == ref["details"]["country"] and
          doc["details"]["language"] == ref["details"]["language"],
          "the same country and language")
    roles, others = roles_and_others(ref)
    check(sorted(doc["carried_over"]) == sorted(others) and
          set(doc["carried_over"].values()) == {1},
          "every answer but the roles carried over from revision 1",
          repr(sorted(set(others) ^ set(doc["carried_over"]))))
    check(doc["answers"] == ref["answers"], "the answers themselves copied")
    check(open(old, "rb").read() == before, "OLD untouched")
    check("A new revision (2) of the final plan of revision 1." in out and
          "40 answers were carried over" in out, "says what it started",
          out)

    rc, out, err = run("fill", "--plain", new, "--from", old, stdin="")
    check(rc == 1 and "exists already" in out, "an existing NEW refused",
          out + err)
    rc, out, err = run("fill", "--plain", path("x.yaml"), "--from", new)
    check(rc == 1 and "a new revision starts from a final plan" in out,
          "a draft refused as OLD", out + err)
    check(not os.path.exists(path("x.yaml")), "and nothing written")
    rc, out, err = run("fill", "--plain", "--from", old)
    check(rc == 2, "--from needs the new FILE")

    # The marks said, and :keep.
    rc, out, err = run("fill", "--plain", new,
                       stdin=":goto P6\n:keep\n:goto D1\n:keep\n:quit\n")
    check("Current answer: Yes\nCarried over from revision 1, not "
          "reviewed: type :keep to keep it as it is, or a new answer." in out,
          "the mark said after the answer", out)
    check("Kept as it is." in out and
          "This answer is not marked as carried over." in out,
          ":keep keeps a marked answer; the country is not marked", out)
    doc = load_yaml(new)
    check("prevention.6" not in doc["carried_over"] and
          len(doc["carried_over"]) == 39, ":keep cleared one mark")
    # Changing an answer clears its mark; the same text does not.
    rc, out, err = run("fill", "--plain", new, stdin=":goto P8\n"
                       "New words for this year.\n.\n:goto Pr1\n.\n:quit\n")
    doc = load_yaml(new)
    check("prevention.8" not in doc["carried_over"] and
          "protection.1" in doc["carried_over"],
          "a changed answer is reviewed; an empty (kept) answer is not")

    # Finishing: only carried-over answers left.
    rc, out, err = run("fill", "--plain", new, stdin=":finish\nno\n:quit\n")
    check("38 answers were carried over from an earlier revision and not "
          "reviewed:" in out and "Keep them all as they are and make the "
          "plan final?" in out, "finishing lists them and asks", out)
    check(out.count("carried over from revision 1, not reviewed") == 38,
          "each named once", out)
    check(load_yaml(new)["status"] == "draft", '"no" goes back')
    rc, out, err = run("fill", "--plain", new, "-o", path("exports"),
                       stdin=":finish\nyes\n")
    doc = load_yaml(new)
    check(rc == 0 and doc["status"] == "final" and doc["revision"] == 2,
          '"yes": final, revision OLD+1', out + err)
    check(doc["format"] == "actionplan-plan/1" and "carried_over" not in doc
          and "based_on" not in doc, "no marks left: format 1 again")


def mode_check():
    old = old_plan()
    new = path("new.yaml")
    run("fill", "--plain", new, "--from", old, stdin=":quit\n")
    rc, out, err = run("check", new)
    lines = err.splitlines()
    check(rc == 0 and len(lines) == 40, "a draft: 40 warnings, exit 0",
          err)
    text = open(new, encoding="utf-8").read().split("\n")
    m = re.match(r".*new.yaml:(\d+):(\d+): warning: Prevention 6: carried "
                 r"over from revision 1, not reviewed \[item prevention.6\]$",
                 next((l for l in lines if "prevention.6" in l), ""))
    check(m is not None and text[int(m.group(1)) - 1].strip()
          .startswith("prevention.6:"), "at the answer's line", err)
    # A final plan with a mark (made by hand): an error.
    doc = open(new, encoding="utf-8").read()
    doc = doc.replace('status: "draft"\nrevision: 2\nbased_on:\n  revision: 1\n',
                      'status: "final"\nrevision: 2\n')
    doc = re.sub(r'  file: ".*"\n', "", doc, count=1)
    with open(path("final.yaml"), "w", encoding="utf-8") as f:
        f.write(doc)
    rc, out, err = run("check", path("final.yaml"))
    check(rc == 1 and "error: Introduction: carried over from revision 1, "
          "not reviewed" in err, "a final plan: errors, exit 1", err)


def mode_migrate():
    old = old_plan("us.yaml")
    before = open(old, "rb").read()
    rc, out, err = run("migrate", old, "--to", "2", qdirs=(QNS, V2))
    check(rc == 0, "migrate --to 2", out + err)
    new, dropped = path("us-v2.yaml"), path("us-v2.dropped.txt")
    check("answers to review" in out and dropped in out, "says what it did",
          out)
    check(open(old, "rb").read() == before, "the old file untouched")
    ref, doc = load_yaml(REF), load_yaml(new)
    a = doc["answers"]
    check(doc["questionnaire"] == {"id": "ariat-2000", "version": 2},
          "of version 2")
    check(doc["status"] == "draft" and doc["revision"] == 2 and
          doc["based_on"]["revision"] == 1, "a new revision of the final plan")
    check(a.get("protection.hotlines") == ref["answers"]["protection.2"] and
          "protection.2" not in a, "the renamed item's answer moved")
    check(a.get("prevention.3a") == ref["answers"]["prevention.3"] and
          a.get("prevention.3b") == ref["answers"]["prevention.3"],
          "the split item's answer in both parts")
    check("prevention.10" not in a and "summary.5" not in a,
          "nothing in the added item; the dropped one gone")
    for i in ("protection.hotlines", "prevention.3a", "prevention.3b",
              "introduction"):
        check(doc["carried_over"].get(i) == 1, "%s marked for review" % i)
    text = open(dropped, encoding="utf-8").read()
    check(ref["answers"]["summary.5"] in text and "summary.5" in text,
          "the dropped answer whole in the list beside the plan", text)
    rc, out, err = run("check", new, qdirs=(QNS, V2))
    check(rc == 0 and "carried over from revision 1" in err,
          "the migrated draft checks, with its marks as warnings", err)

    rc, out, err = run("migrate", old, "--to", "2", qdirs=(QNS, V2))
    check(rc == 1 and "exists already" in err, "an existing OUT refused",
          err)
    rc, out, err = run("migrate", new, "--to", "1", qdirs=(QNS, V2))
    check(rc == 1 and "newer version" in err, "no way back", err)
    rc, out, err = run("migrate", old, "-o", path("o.yaml"), qdirs=(QNS,))
    check(rc == 1 and "no newer version" in err,
          "without a newer version installed", err)

    # A chain: version 3 from 2 (an item renamed again).
    qdir = path("q3")
    os.makedirs(qdir)
    v2 = open(os.path.join(V2, "ariat-2000-v2.yaml"), encoding="utf-8").read()
    v3 = re.sub(r"migrate_from:\n(  .*\n)+", "migrate_from:\n  version: 2\n"
                "  items:\n    protection.hotlines: protection.2\n", v2)
    v3 = v3.replace("version: 2\nmigrate_from", "version: 3\nmigrate_from")
    v3 = v3.replace("- id: protection.hotlines", "- id: protection.2")
    with open(os.path.join(qdir, "ariat-2000-v3.yaml"), "w",
              encoding="utf-8") as f:
        f.write(v3)
    rc, out, err = run("migrate", old, "-o", path("us-v3.yaml"),
                       qdirs=(QNS, V2, qdir))
    doc = load_yaml(path("us-v3.yaml")) if rc == 0 else {}
    check(rc == 0 and doc["questionnaire"]["version"] == 3 and
          doc["answers"].get("protection.2") == ref["answers"]["protection.2"]
          and doc["answers"].get("prevention.3b") ==
          ref["answers"]["prevention.3"],
          "the newest by default, through version 2", out + err)

    # check validates the declarations, against the version they name.
    bad = v2.replace("    summary.5: drop\n", "    summary.9: drop\n")
    with open(path("bad-v2.yaml"), "w", encoding="utf-8") as f:
        f.write(bad)
    rc, out, err = run("check", path("bad-v2.yaml"), qdirs=(QNS,))
    line = bad.split("\n").index("    summary.9: drop") + 1
    check(rc == 1 and ("bad-v2.yaml:%d:5: error: migrate_from: version 1 of "
                       "ariat-2000 has no item \"summary.9\"" % line) in err,
          "a rule naming an item version 1 lacks", err)
    check("warning: migrate_from: answers to item \"summary.5\" of version 1 "
          "have no place in this version" in err,
          "an answer dropped without saying so: a warning", err)
    rc, out, err = run("check", os.path.join(V2, "ariat-2000-v2.yaml"))
    check(rc == 0 and err == "", "the shipped version 2 checks clean", err)


def make_v2_plan(name):
    """A draft of version 2: the reference plan carried over, reviewed."""
    run("migrate", old_plan(name + "-v1.yaml"), "-o", path(name),
        qdirs=(QNS, V2))
    run("fill", "--plain", path(name), stdin=":quit\n", qdirs=(QNS, V2))
    doc = open(path(name), encoding="utf-8").read()
    doc = re.sub(r"carried_over:\n(  .*\n)+", "", doc)
    with open(path(name), "w", encoding="utf-8") as f:
        f.write(doc)
    return path(name)


def mode_na():
    plan = make_v2_plan("na.yaml")
    q = (QNS, V2)
    shutil.copy(plan, path("na-before.yaml"))
    rc, out, err = run("fill", "--plain", plan, stdin=":goto P1\n:na whatever"
                       "\n:goto R1\n:na\n:na No returns: the country is not a "
                       "country of origin.\n:quit\n", qdirs=q)
    check("This question must be answered: the questionnaire does not let it "
          "be marked as not applying." in out, "refused where not allowed", out)
    check("Say why on the same line" in out, "a reason is needed", out)
    check("Marked as not applying." in out, "marked with a reason", out)
    doc = load_yaml(plan)
    check(doc["not_applicable"] == {"reintegration.1": "No returns: the "
                                    "country is not a country of origin."}
          and "reintegration.1" not in doc["answers"],
          "the answer replaced by the reason in the file")
    rc, out, err = run("diff", path("na-before.yaml"), plan, qdirs=q)
    check(rc == 1 and "(reintegration.1): changed" in out and
          "{+Does not apply: No returns:" in out,
          "diff shows the answer replaced by the reason", out + err)
    rc, out, err = run("fill", "--plain", plan, stdin=":goto R1\n:quit\n",
                       qdirs=q)
    check("Does not apply: No returns: the country is not a country of "
          "origin." in out, "said when the question is asked again", out)
    rc, out, err = run("fill", "--plain", plan, stdin=":problems\n:quit\n",
                       qdirs=q)
    check("Reintegration 1" not in out and "Prevention 10: an answer is "
          "required" in out,
          "a required item that does not apply is answered; the added "
          "item is not", out)
    rc, out, err = run("export", plan, "--format", "text", "--draft", qdirs=q)
    check("1. Programs to receive trafficking victims returned from other "
          in out and "Does not apply: No returns: the country is not a" in out,
          "the text export says so", out + err)
    # Answered, then finished and collected: n/a in the matrix.
    rc, out, err = run("fill", "--plain", plan, stdin=":goto P10\nThe "
                       "program this year.\n.\n:finish\n", qdirs=q)
    check(rc == 0 and load_yaml(plan)["status"] == "final", "finished", out)
    rc, out, err = run("collect", plan, "-o", path("report"), qdirs=q)
    check(rc == 0, "collect", out + err)
    rows = list(csv.reader(open(os.path.join(path("report"), "matrix.csv"),
                                encoding="utf-8")))
    col = rows[0].index("reintegration.1")
    check(rows[1][col] == "n/a" and rows[1][rows[0].index("prevention.10")]
          .startswith("answered:"), "matrix.csv: n/a", repr(rows[1]))
    report = open(os.path.join(path("report"), "report.txt"),
                  encoding="utf-8").read()
    check("Does not apply: No returns" in report, "report.txt: the reason")


def mode_thai():
    old = old_plan()
    new = path("th.yaml")
    rc, out, err = run("fill", "--plain", new, "--from", old, lang="th",
                       stdin=":goto P6\n:keep\n:finish\nno\n:quit\n")
    check(rc == 0, "--lang th fill --from", out + err)
    check("ฉบับแก้ไขใหม่ (ที่ 2)" in out, "the new revision said in Thai", out)
    check(":keep" in out and "ยังไม่ได้ทบทวน" in out,
          "the carried-over mark in Thai", out)
    check(load_yaml(new)["carried_over"].get("prevention.6") is None,
          ":keep in Thai")
    check(re.search(r"พิมพ์ (yes|ใช่)", out) is not None,
          "the question in Thai", out)
    rc, out, err = run("fill", "--plain", new, lang="th",
                       stdin=":finish\nใช่\n")
    check(rc == 0 and load_yaml(new)["status"] == "final",
          "answered yes in Thai", out + err)

    plan = make_v2_plan("na-th.yaml")
    run("fill", "--plain", plan, lang="th", qdirs=(QNS, V2),
        stdin=":goto R2\n:na ไม่มีโครงการติดตามผล\n:quit\n")
    doc = open(plan, encoding="utf-8").read().replace('language: "en"',
                                                       'language: "th"')
    with open(plan, "w", encoding="utf-8") as f:
        f.write(doc)
    rc, out, err = run("export", plan, "--format", "text", "--draft",
                       qdirs=(QNS, V2))
    check("ไม่เกี่ยวข้อง: ไม่มีโครงการติดตามผล" in out,
          "the Thai text export says so in Thai", out + err)


def main():
    try:
        {"from": mode_from, "check": mode_check, "migrate": mode_migrate,
         "na": mode_na, "thai": mode_thai}[sys.argv[1]]()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    aptest.finish()


main()
