#!/usr/bin/env python3
"""What changed since the last collection: collecting again into the same
folder writes changes.txt (the expected file byte for byte) and site pages
that name new countries, new revisions with the word diff of each changed
item (Thai words in Thai), withdrawn plans and newly rejected files;
--since compares with another collection; a previous submissions.yaml
that is broken is said so and does not stop the run; a copy named outside
the previous folder is never read."""
import os
import re
import shutil

import yaml

import aptest
from aptest import check, finish, normalize, tempdir


def edit(path, old, new, count=1):
    text = open(path, encoding="utf-8").read()
    check(old in text, f"{path} lacks {old[:40]!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, count))


with tempdir("ap-collect-") as tmp:
    E = aptest.plan_set(tmp)
    r = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    check(r.returncode == 1, f"first collection: {r.returncode}")
    shutil.copytree(os.path.join(tmp, "out"), os.path.join(tmp, "first"), symlinks=True)

    # Between the meetings: Thailand sends revision 4 with one answer
    # changed; Brunei completes its plan; Indonesia's plan is withdrawn;
    # Malaysia's two copies are replaced by a broken file.
    thai = os.path.join(tmp, "in", "shared", "2000", "final", "thailand-r3.yml")
    text = open(thai, encoding="utf-8").read()
    plan = yaml.safe_load(text)
    old_answer = plan["answers"]["introduction"]
    first_para = old_answer.split("\n\n")[0].split("\n")[0]
    check(first_para == "เจ้าหน้าที่ด่านชายแดนได้รับการอบรมเรื่องการคัดแยกผู้เสียหาย",
          f"the generated plans changed: {first_para!r}")
    # "officials at the border checkpoint were trained" becomes "police
    # officers at the border were trained", and one word is added.
    edit(thai, first_para,
         "ตำรวจชายแดนได้รับการอบรมเรื่องการคัดแยกผู้เสียหาย ทุกปี")
    edit(thai, "revision: 3", "revision: 4")
    edit(thai, "modified: '2000-03-01T08:00:00Z'", "modified: '2000-05-02T08:00:00Z'")
    brunei = os.path.join(tmp, "in", "email", "brunei.yaml")
    b = yaml.safe_load(open(brunei, encoding="utf-8"))
    b["answers"]["prevention.3"] = "Brochures in every school."
    with open(brunei, "w", encoding="utf-8") as f:
        yaml.safe_dump(b, f, allow_unicode=True, sort_keys=False)
    os.remove(os.path.join(tmp, "in", "shared", "2000", "indonesia.yaml"))
    os.remove(os.path.join(tmp, "in", "email", "malaysia-again.yaml"))
    with open(os.path.join(tmp, "in", "usb", "malaysia.yaml"), "w") as f:
        f.write("format: actionplan-plan/1\nanswers: [\n")

    r = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    check(r.returncode == 1, f"second collection: {r.returncode} {r.stderr[-300:]!r}")
    out = os.path.join(tmp, "out")
    changes = open(os.path.join(out, "changes.txt"), "rb").read()
    aptest.golden("collect/expected/changes-since.txt",
                  normalize(changes, tmp), "AP_UPDATE_EXPECTED")
    text = changes.decode()
    check("Compared with the collection in out: 1 new, 1 revised, 2 withdrawn, 1\n"
          "newly rejected." in text, f"summary: {text[:200]!r}")
    check("* Brunei Darussalam: new, revision 1 (20 January 2000)" in text, "new country")
    check("* Thailand: revision 3 (1 March 2000), now revision 4 (2 May 2000)" in text,
          "new revision")
    check("Introduction (introduction): changed" in text, "changed item not named")
    check("[-" in text and "{+" in text, "no word diff")
    check("Prevention 1 (prevention.1)" not in text.split("No longer")[0].split("Thailand")[1],
          "an unchanged item of Thailand's is listed")
    check("* Indonesia (revision 1, in/shared/2000/indonesia.yaml)" in text and
          "* Malaysia (revision 1, in/email/malaysia-again.yaml)" in text, "withdrawn plans")
    check("* in/usb/malaysia.yaml: broken" in text, "newly rejected file")
    check("Brunei" not in text.split("Newly rejected:")[1], "a file no longer rejected listed")

    # The site: changes.html links each revision to its page of diffs.
    site = os.path.join(out, "site")
    page = open(os.path.join(site, "changes.html"), encoding="utf-8").read()
    check('href="changes-tha.html"' in page and 'href="country-brn.html"' in page,
          "changes.html does not link the new and revised plans")
    diffs = open(os.path.join(site, "changes-tha.html"), encoding="utf-8").read()
    dels = re.findall(r"<del>(.*?)</del>", diffs, re.S)
    inss = re.findall(r"<ins>(.*?)</ins>", diffs, re.S)
    check(any(d for d in dels) and any(i for i in inss), f"diff page: {dels} {inss}")
    check("Introduction (introduction): changed" in diffs, "diff page lacks the item")
    idx = open(os.path.join(site, "index.html"), encoding="utf-8").read()
    check("Since the previous collection: 1 new, 1 revised, 2 withdrawn, 1 newly rejected."
          in idx, "the index does not say what changed")

    # --since another collection: the first one, from a folder of its own.
    r = aptest.run(["collect", "in", "-o", "again", "--since", "first"], cwd=tmp, env=E)
    again = open(os.path.join(tmp, "again", "changes.txt"), "rb").read()
    check(again.replace(b"collection in first", b"collection in out") == changes,
          "--since first differs from comparing with out")

    # A broken previous submissions.yaml: said so, the run goes on.
    with open(os.path.join(out, "submissions.yaml"), "w") as f:
        f.write("plans: [\n")
    r = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    text = open(os.path.join(out, "changes.txt"), encoding="utf-8").read()
    check(r.returncode == 1 and text.startswith("The previous collection in out cannot be read:"),
          f"broken previous: {r.returncode} {text[:200]!r}")

    # A collection from before countries had codes (its entries name the
    # country as the plan typed it, without a code) is matched by the code
    # each name means: nothing is new.
    subs = os.path.join(tmp, "first", "submissions.yaml")
    doc = yaml.safe_load(open(subs, encoding="utf-8"))
    typed = {"CHN": "中国", "VNM": "Việt Nam", "USA": "United States of America"}
    for e in doc["plans"]:
        e["country"] = typed.get(e.pop("code"), e["country"])
    doc.pop("countries")
    with open(os.path.join(tmp, "old-style.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True)
    shutil.copytree(os.path.join(tmp, "first"), os.path.join(tmp, "old-style"), symlinks=True)
    shutil.copy(os.path.join(tmp, "old-style.yaml"),
                os.path.join(tmp, "old-style", "submissions.yaml"))
    r = aptest.run(["collect", "in", "-o", "vs-old", "--since", "old-style"],
                   cwd=tmp, env=E)
    text = open(os.path.join(tmp, "vs-old", "changes.txt"), encoding="utf-8").read()
    aptest.run(["collect", "in", "-o", "vs-first", "--since", "first"], cwd=tmp, env=E)
    want = open(os.path.join(tmp, "vs-first", "changes.txt"), encoding="utf-8").read()
    check(" ".join(text.split()) ==
          " ".join(want.replace("collection in first", "collection in old-style").split()) and
          "1 new, 1 revised, 2\nwithdrawn" in text,
          f"an older collection's names not matched by code: {text[:300]!r}")

    # A copy changed since that collection is not taken for its text.
    copy = os.path.join(tmp, "first", "plans", "tha.yaml")
    edit(copy, "revision: 3", "revision: 9")
    r = aptest.run(["collect", "in", "-o", "again", "--since", "first"], cwd=tmp, env=E)
    text = open(os.path.join(tmp, "again", "changes.txt"), encoding="utf-8").read()
    check("No word diff: the previous text cannot be read (the copy was changed "
          "after that collection)." in text, f"a changed copy was read: {text[:600]!r}")

    # A copy named outside the previous folder is not read.
    subs = os.path.join(tmp, "first", "submissions.yaml")
    doc = yaml.safe_load(open(subs, encoding="utf-8"))
    for e in doc["plans"]:
        if e["country"] == "Thailand":
            e["copy"] = "../in/usb/thailand-r2.yaml"
    with open(subs, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True)
    r = aptest.run(["collect", "in", "-o", "again", "--since", "first"], cwd=tmp, env=E)
    text = open(os.path.join(tmp, "again", "changes.txt"), encoding="utf-8").read()
    check("No word diff: the previous text cannot be read (the previous collection "
          "kept no copy of the plan)." in text, f"a copy outside was read: {text[:600]!r}")

finish()
