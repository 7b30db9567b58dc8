#!/usr/bin/env python3
"""`actionplan collect` on a generated set of plans (many countries and
languages, resubmissions, drafts, broken files, another questionnaire
version): submissions.yaml, report.txt, matrix.csv, rejected.txt and
changes.txt are the expected files byte for byte, for the main group and
for version 2 apart; plans/ holds each plan taken, byte for byte; the exit
status says that files were rejected; two different plans of one country
with the same revision and time are a conflict (both rejected, the country
left out), a copy is one submission, and a link to a plan is that plan; a
second run, and runs on 1, 3 and 16 threads, give the same bytes; a run does
not read its own output; --excel gives a BOM and CRLF; a folder holding
other files is never replaced; the error cases give their exit
statuses."""
import os
import subprocess

import yaml

import aptest
from aptest import check, finish, normalize, tempdir, tree

with tempdir("ap-collect-") as tmp:
    E = aptest.plan_set(tmp)
    r = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    err = normalize(r.stderr, tmp).decode()
    check(r.returncode == 1, f"exit status {r.returncode}, want 1 (files rejected): {err}")
    check("11 plans collected into out (2 of ariat-2000 version 2 in "
          "out/ariat-2000-v2); 5 resubmissions replaced; 11 files rejected "
          "(see out/rejected.txt); 3 other files skipped" in err,
          f"summary on stderr: {err}")
    out = os.path.join(tmp, "out")
    for name in ["submissions.yaml", "rejected.txt", "report.txt", "matrix.csv",
                 "ariat-2000-v2/report.txt", "ariat-2000-v2/matrix.csv"]:
        path = os.path.join(out, name)
        if check(os.path.exists(path), f"{name} not written"):
            aptest.golden("collect/expected/" + name,
                          normalize(aptest.read_bytes(path), tmp),
                          "AP_UPDATE_EXPECTED")

    # The one rule for harmless text (issue 14): the hostile country's
    # right-to-left override is shown as <U+202E> in every output, and no
    # bidirectional or other control reaches any of them raw.
    for name in ["submissions.yaml", "rejected.txt", "report.txt",
                 "matrix.csv"]:
        data = open(os.path.join(out, name), "rb").read().decode("utf-8")
        for raw in "\u202e\u202b\u202c\u2066\u2067\u2068\u2069\u061c\x1b\x85":
            check(raw not in data, f"{name}: raw U+{ord(raw):04X}")
        if name != "rejected.txt":
            check("<script>alert(1)</script><U+202E>gpj.exe" in data,
                  f"{name}: the override not shown as <U+202E>")

    # Every rejected file is also named on stderr; nothing is dropped.
    rejected = open(os.path.join(out, "rejected.txt"), encoding="utf-8").read()
    for line in rejected.splitlines():
        check(line.split(": ", 1)[0] in err, f"not on stderr: {line}")
    for want in ["in/shared/questionnaires: symbolic link to a folder",
                 "in/email/myanmar-draft.yaml: a draft",
                 "in/usb/broken.yaml: broken: 7:1:",
                 "in/usb/korea-v3.yaml: questionnaire ariat-2000 version 3 is not available",
                 "in/email/brunei.yaml: not complete: Prevention 3",
                 "in/shared/ariat-2000.yaml: not a plan: a questionnaire"]:
        check(want in rejected, f"rejected.txt lacks {want!r}")

    # submissions.yaml is YAML that any reader takes as strings and numbers.
    doc = yaml.safe_load(open(os.path.join(out, "submissions.yaml"), encoding="utf-8"))
    check(doc["format"] == "actionplan-collection/1", f"format {doc.get('format')}")
    subs = doc["plans"]
    check(sorted(r["file"] for r in doc["rejected"]) ==
          sorted(l.split(": ", 1)[0] for l in rejected.splitlines()),
          "submissions.yaml's rejected files are not rejected.txt's")
    thai = [s for s in subs if s["country"] == "Thailand"]
    check(len(thai) == 1 and thai[0]["revision"] == 3 and
          [r["file"] for r in thai[0]["replaced"]] ==
          ["in/usb/thailand-r2.yaml", "in/email/thailand.yaml"],
          f"Thailand's resubmissions: {thai}")
    # Plans are grouped by code: "Việt Nam" and "  VIỆT NAM " are VNM,
    # recorded with its English name.
    viet = [s for s in subs if s["code"] == "VNM"]
    check([s["country"] for s in viet] == ["Viet Nam"], f"Việt Nam as data: {viet}")
    check(len(viet) == 1 and viet[0]["file"] == "in/email/vietnam-r2a.yaml" and
          [r["file"] for r in viet[0]["replaced"]] ==
          ["in/usb/vietnam-r2b.yaml", "in/usb/vietnam.yaml"],
          f"Việt Nam (same revision twice, typed in capitals once, a link "
          f"to it not a resubmission): {viet}")
    # A conflict: both files rejected, naming each other; the country is
    # left out of every output.
    for a, b in [("in/email/cambodia.yaml", "in/usb/cambodia-copy.yaml"),
                 ("in/usb/cambodia-copy.yaml", "in/email/cambodia.yaml")]:
        check(f"{a}: conflict: the same revision (1) and time of modification "
              f"(2000-01-20T08:00:00Z) as {b}, with other answers" in rejected,
              f"conflict of {a} not reported")
    check(not [s for s in subs if s["country"].lower() == "cambodia"],
          "a plan in conflict was taken")
    # Its row says so, with empty cells.
    check(b"\nCambodia,KHM,rejected,,,," in open(os.path.join(out, "matrix.csv"), "rb").read(),
          "a plan in conflict is in matrix.csv, or its country has no row")
    malaysia = [s for s in subs if s["country"] == "Malaysia"]
    check(len(malaysia) == 1 and
          [r["file"] for r in malaysia[0]["replaced"]] == ["in/usb/malaysia.yaml"],
          f"a copy of a plan is one submission: {malaysia}")
    # plans/: each plan taken, as it was read.
    for e in subs:
        got = open(os.path.join(out, e["copy"]), "rb").read()
        check(got == open(os.path.join(tmp, e["file"]), "rb").read(),
              f"{e['copy']} is not a copy of {e['file']}")
    check(sorted({(s["questionnaire"], s["version"]) for s in subs}) ==
          [("ariat-2000", 1), ("ariat-2000", 2)], "both versions listed")

    # report.txt fits 72 columns, its completeness table included, in
    # every language of the outputs (the headers' widths differ).
    import unicodedata

    def width(line):
        return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
                   else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    for lang in ["en", "th", "vi", "zh-CN"]:
        r = aptest.run(["collect", "--lang", lang, "in", "-o", "report-" + lang],
                       cwd=tmp, env=E)
        text = open(os.path.join(tmp, "report-" + lang, "report.txt"), encoding="utf-8").read()
        wide = [l for l in text.split("\n") if width(l) > 72]
        check(not wide, f"report.txt in {lang}: {len(wide)} lines over 72 columns: {wide[:2]}")
    check("Lao People's Democratic Rep...         1" in
          open(os.path.join(tmp, "report-en", "report.txt"), encoding="utf-8").read(),
          "the completeness table's country column does not give way")

    # No previous collection: changes.txt says so.
    check(open(os.path.join(out, "changes.txt"), "rb").read() ==
          b"A first collection: there is no previous one to compare with.\n",
          "changes.txt of a first collection")

    # Same input, same bytes (but changes.txt, which now has a previous
    # collection); the output folder inside the input is skipped.
    before = tree(out)
    r2 = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    after = tree(out)
    check(after["changes.txt"].startswith(b"Nothing changed since the collection in out."),
          "second run: changes.txt")
    # What is not about the previous collection is the same.
    check(r2.returncode == 1 and
          {k: v for k, v in before.items() if k != "changes.txt" and "site/" not in k} ==
          {k: v for k, v in after.items() if k != "changes.txt" and "site/" not in k},
          "a second run gives other bytes")
    r2 = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    check(tree(out) == after, "a third run gives other bytes than the second")
    check(not [n for n in os.listdir(tmp) if n.startswith(".")],
          f"left beside out: {os.listdir(tmp)}")

    # Any number of threads, the same bytes (and the same summary).
    for jobs in ["1", "3", "16"]:
        rj = aptest.run(["collect", "--jobs", jobs, "in", "-o", "jobs" + jobs],
                        cwd=tmp, env=E)
        check(rj.returncode == 1 and
              normalize(rj.stderr, tmp).decode().replace("jobs" + jobs, "out") == err,
              f"--jobs {jobs}: status {rj.returncode}, {rj.stderr!r}")
        check(tree(os.path.join(tmp, "jobs" + jobs)) == before,
              f"--jobs {jobs} gives other bytes")
    for bad in ["0", "17", "x", ""]:
        rb = aptest.run(["collect", "--jobs", bad, "in", "-o", "bad"], cwd=tmp, env=E)
        check(rb.returncode == 2 and not os.path.exists(os.path.join(tmp, "bad")),
              f"--jobs {bad!r}: status {rb.returncode}")
    os.rename(out, os.path.join(tmp, "in", "out"))
    r3 = aptest.run(["collect", "in", "-o", "in/out"], cwd=tmp, env=E)
    check(r3.returncode == 1, f"output inside the input: status {r3.returncode}")
    again = open(os.path.join(tmp, "in", "out", "rejected.txt"), "rb").read()
    check(again == before["rejected.txt"],
          "with the output folder inside the input, its files were read")
    # Nor are collect's outputs elsewhere in the input (they hold copies
    # of the plans).
    os.rename(os.path.join(tmp, "in", "out"), os.path.join(tmp, "in", "email", "old-report"))
    r3 = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    check(open(os.path.join(out, "rejected.txt"), "rb").read() == before["rejected.txt"],
          "an output of collect inside the input was read")

    # A folder holding files collect did not write is never replaced.
    mine = os.path.join(tmp, "mine")
    os.makedirs(mine)
    with open(os.path.join(mine, "thesis.odt"), "w") as f:
        f.write("not collect's")
    r = aptest.run(["collect", "in", "-o", "mine"], cwd=tmp, env=E)
    check(r.returncode == 3 and b"holds files that collect did not write (thesis.odt)" in r.stderr and
          os.listdir(mine) == ["thesis.odt"] and
          not [n for n in os.listdir(tmp) if n.startswith(".mine")],
          f"a folder of other files: status {r.returncode} {r.stderr[-300:]!r} {os.listdir(mine)}")
    # An output of the collect before this one (no marker yet) is.
    legacy = os.path.join(tmp, "legacy")
    os.makedirs(os.path.join(legacy, "site"))
    os.makedirs(os.path.join(legacy, "ariat-2000-v2"))
    for name in ["report.txt", "matrix.csv", "submissions.yaml", "rejected.txt",
                 ".report.txt.Ab3dE9z", "site/country-1.html"]:
        open(os.path.join(legacy, name), "w").close()
    r = aptest.run(["collect", "in", "-o", "legacy"], cwd=tmp, env=E)
    check(r.returncode == 1 and not os.path.exists(os.path.join(legacy, "site", "country-1.html")) and
          not os.path.exists(os.path.join(legacy, ".report.txt.Ab3dE9z")) and
          os.path.exists(os.path.join(legacy, ".actionplan-collect")),
          f"an old output not replaced: status {r.returncode} {r.stderr[-300:]!r}")

    # --excel: BOM, CRLF, and otherwise the same cells.
    r = aptest.run(["collect", "--excel", "in", "-o", "excel"], cwd=tmp, env=E)
    m = open(os.path.join(tmp, "excel", "matrix.csv"), "rb").read()
    check(m.startswith(b"\xef\xbb\xbf"), "--excel: no byte-order mark")
    check(m[3:].replace(b"\r\n", b"\n") == before["matrix.csv"] and
          b"\n" not in m.replace(b"\r\n", b""),
          "--excel: not the same matrix with CRLF line ends")

    # A set where everything is taken: status 0.
    r = aptest.run(["collect", "in/shared/2000/usa.yaml", "in/usb/china.yaml", "-o", "clean"],
                   cwd=tmp, env=E)
    check(r.returncode == 0, f"clean set: status {r.returncode} {r.stderr}")
    check(open(os.path.join(tmp, "clean", "rejected.txt"), "rb").read() == b"",
          "clean set: rejected.txt not empty")
    # --since compares with another collection: here the clean one.
    r = aptest.run(["collect", "in", "-o", "since", "--since", "clean"], cwd=tmp, env=E)
    changes = open(os.path.join(tmp, "since", "changes.txt"), encoding="utf-8").read()
    check("Compared with the collection in clean: 9 new, 0 revised, 0 withdrawn, 11\nnewly rejected." in changes,
          f"--since: {changes[:300]!r}")
    r = aptest.run(["collect", "in", "-o", "since2", "--since", "no-such-folder"],
                   cwd=tmp, env=E)
    check(r.returncode == 3 and not os.path.exists(os.path.join(tmp, "since2")),
          f"--since a missing folder: status {r.returncode}")

    # No plan taken at all (nothing found; only a broken file): no group,
    # yet submissions.yaml and rejected.txt are written, on any number of
    # threads.
    os.makedirs(os.path.join(tmp, "none", "empty"))
    os.makedirs(os.path.join(tmp, "none", "bad"))
    with open(os.path.join(tmp, "none", "bad", "broken.yaml"), "w") as f:
        f.write("x: [\n")
    for jobs in ["1", "2"]:
        r = aptest.run(["collect", "-j", jobs, "none/empty", "-o", "none/out0-" + jobs],
                       cwd=tmp, env=E)
        out0 = os.path.join(tmp, "none", "out0-" + jobs)
        check(r.returncode == 0 and
              open(os.path.join(out0, "submissions.yaml"), "rb").read() ==
              b'format: "actionplan-collection/1"\ncountries: []\nplans: []\nrejected: []\n' and
              open(os.path.join(out0, "rejected.txt"), "rb").read() == b"" and
              not os.path.exists(os.path.join(out0, "report.txt")),
              f"nothing to collect (-j {jobs}): status {r.returncode} {r.stderr!r}")
        r = aptest.run(["collect", "-j", jobs, "none/bad", "-o", "none/out1-" + jobs],
                       cwd=tmp, env=E)
        out1 = os.path.join(tmp, "none", "out1-" + jobs)
        check(r.returncode == 1 and
              yaml.safe_load(open(os.path.join(out1, "submissions.yaml"), "rb"))["plans"] == [] and
              b"broken.yaml: broken" in
              open(os.path.join(out1, "rejected.txt"), "rb").read(),
              f"only a broken file (-j {jobs}): status {r.returncode} {r.stderr!r}")

    # A message that quotes plan text shows it as the loader wrote it (the
    # harmless-text rule's <U+001B>), nothing escaped twice.
    os.makedirs(os.path.join(tmp, "esc"))
    usa = open(os.path.join(tmp, "in/shared/2000/usa.yaml"), encoding="utf-8").read()
    with open(os.path.join(tmp, "esc", "esc.yaml"), "w", encoding="utf-8") as f:
        f.write(usa.replace("answers:\n", 'answers:\n  "x\\e[31m": "y"\n', 1))
    r = aptest.run(["collect", "esc", "-o", "escout"], cwd=tmp, env=E)
    why = open(os.path.join(tmp, "escout", "rejected.txt"), encoding="utf-8").read()
    check(r.returncode == 1 and 'unknown item "x<U+001B>[31m"' in why and
          b'unknown item "x<U+001B>[31m"' in r.stderr and "\\" not in why,
          f"escapes in messages: {why!r} {r.stderr[-200:]!r}")

    # Both helps name every option of collect.
    for args in [["--help"], ["collect", "--help"]]:
        r = aptest.run([*args], cwd=tmp, env=E)
        for opt in ["--excel", "--jobs", "--since", "--lang", "--output", "--expect"]:
            check(r.returncode == 0 and opt.encode() in r.stdout,
                  f"actionplan {' '.join(args)} does not list {opt}")

    # Usage and I/O errors.
    r = aptest.run(["collect", "in"], cwd=tmp, env=E)
    check(r.returncode == 2, f"no -o: status {r.returncode}")
    r = aptest.run(["collect", "-o", "x"], cwd=tmp, env=E)
    check(r.returncode == 2, f"no PATH: status {r.returncode}")
    open(os.path.join(tmp, "afile"), "w").close()
    r = aptest.run(["collect", "in", "-o", "afile"], cwd=tmp, env=E)
    check(r.returncode == 3, f"-o names a file: status {r.returncode}")
    r = aptest.run(["collect", "in/usb", "no-such-folder", "-o", "missing"],
                   cwd=tmp, env=E)
    check(r.returncode == 3 and b"no-such-folder" in r.stderr,
          f"a PATH that does not exist: status {r.returncode}")
    check(b"no-such-folder: cannot be read" in
          open(os.path.join(tmp, "missing", "rejected.txt"), "rb").read(),
          "a PATH that does not exist is not in rejected.txt")

    # A full disk: status 3, the reason named, nothing left beside DIR.
    full = os.path.join(tmp, "full")
    os.mkdir(full)
    script = (f"mount -t tmpfs -o size=64k tmpfs {full} && "
              f"{aptest.PROG} collect in -o {full}/out; echo status=$?; ls -A {full}")
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=tmp,
                       env=E, capture_output=True, timeout=60)
    if b"status=" not in r.stdout:
        print("unshare/tmpfs not available here: full-disk case skipped")
    else:
        check(b"status=3" in r.stdout and b"No space left on device" in r.stderr,
              f"full disk: {r.stdout!r} {r.stderr[-300:]!r}")
        check(r.stdout.split(b"status=3")[-1].strip() == b"",
              f"full disk: files left behind: {r.stdout!r}")

finish()
