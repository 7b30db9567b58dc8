#!/usr/bin/env python3
"""`actionplan collect` on a generated set of plans (many countries and
languages, resubmissions, drafts, broken files, another questionnaire
version): submissions.yaml, report.txt, matrix.csv and rejected.txt are the
expected files byte for byte, for the main group and for version 2 apart;
the exit status says that files were rejected; a second run, and runs on
1, 3 and 16 threads, give the same bytes; a run does not read its own output; --excel gives a BOM and CRLF; the
error cases give their exit statuses."""
import os
import subprocess

import yaml

from common import (BIN, check, compare, env_for, finish, generate, normalize,
                    run, tempdir)

with tempdir() as tmp:
    generate(tmp)
    r = run(tmp, "collect", "in", "-o", "out")
    err = normalize(r.stderr, tmp).decode()
    check(r.returncode == 1, f"exit status {r.returncode}, want 1 (files rejected): {err}")
    check("12 plans collected into out (2 of ariat-2000 version 2 in "
          "out/ariat-2000-v2); 5 resubmissions replaced; 9 files rejected "
          "(see out/rejected.txt); 2 other files skipped" in err,
          f"summary on stderr: {err}")
    out = os.path.join(tmp, "out")
    for name in ["submissions.yaml", "rejected.txt", "report.txt", "matrix.csv",
                 "ariat-2000-v2/report.txt", "ariat-2000-v2/matrix.csv"]:
        path = os.path.join(out, name)
        if check(os.path.exists(path), f"{name} not written"):
            compare(name, normalize(open(path, "rb").read(), tmp))

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
    subs = yaml.safe_load(open(os.path.join(out, "submissions.yaml"), encoding="utf-8"))
    thai = [s for s in subs if s["country"] == "Thailand"]
    check(len(thai) == 1 and thai[0]["revision"] == 3 and
          [r["file"] for r in thai[0]["replaced"]] ==
          ["in/usb/thailand-r2.yaml", "in/email/thailand.yaml"],
          f"Thailand's resubmissions: {thai}")
    viet = [s for s in subs if s["country"] == "Việt Nam"]
    check(len(viet) == 1 and viet[0]["file"] == "in/email/vietnam-r2a.yaml" and
          len(viet[0]["replaced"]) == 2,
          f"Việt Nam (same revision twice, typed in capitals once): {viet}")
    check(sorted({(s["questionnaire"], s["version"]) for s in subs}) ==
          [("ariat-2000", 1), ("ariat-2000", 2)], "both versions listed")

    # Same input, same bytes; the output folder inside the input is skipped.
    before = {}
    for root, _, files in os.walk(out):
        for f in files:
            p = os.path.join(root, f)
            before[os.path.relpath(p, out)] = open(p, "rb").read()
    r2 = run(tmp, "collect", "in", "-o", "out")
    after = {}
    for root, _, files in os.walk(out):
        for f in files:
            p = os.path.join(root, f)
            after[os.path.relpath(p, out)] = open(p, "rb").read()
    check(r2.returncode == 1 and before == after, "a second run gives other bytes")

    # Any number of threads, the same bytes (and the same summary).
    def tree(d):
        got = {}
        for root, _, files in os.walk(d):
            for f in files:
                p = os.path.join(root, f)
                got[os.path.relpath(p, d)] = open(p, "rb").read()
        return got

    for jobs in ["1", "3", "16"]:
        rj = run(tmp, "collect", "--jobs", jobs, "in", "-o", "jobs" + jobs)
        check(rj.returncode == 1 and
              normalize(rj.stderr, tmp).decode().replace("jobs" + jobs, "out") == err,
              f"--jobs {jobs}: status {rj.returncode}, {rj.stderr!r}")
        check(tree(os.path.join(tmp, "jobs" + jobs)) == before,
              f"--jobs {jobs} gives other bytes")
    for bad in ["0", "17", "x", ""]:
        rb = run(tmp, "collect", "--jobs", bad, "in", "-o", "bad")
        check(rb.returncode == 2 and not os.path.exists(os.path.join(tmp, "bad")),
              f"--jobs {bad!r}: status {rb.returncode}")
    os.rename(out, os.path.join(tmp, "in", "out"))
    r3 = run(tmp, "collect", "in", "-o", "in/out")
    check(r3.returncode == 1, f"output inside the input: status {r3.returncode}")
    again = open(os.path.join(tmp, "in", "out", "rejected.txt"), "rb").read()
    check(again == before["rejected.txt"],
          "with the output folder inside the input, its files were read")

    # --excel: BOM, CRLF, and otherwise the same cells.
    r = run(tmp, "collect", "--excel", "in", "-o", "excel")
    m = open(os.path.join(tmp, "excel", "matrix.csv"), "rb").read()
    check(m.startswith(b"\xef\xbb\xbf"), "--excel: no byte-order mark")
    check(m[3:].replace(b"\r\n", b"\n") == before["matrix.csv"] and
          b"\n" not in m.replace(b"\r\n", b""),
          "--excel: not the same matrix with CRLF line ends")

    # A set where everything is taken: status 0.
    r = run(tmp, "collect", "in/shared/2000/usa.yaml", "in/usb/china.yaml", "-o", "clean")
    check(r.returncode == 0, f"clean set: status {r.returncode} {r.stderr}")
    check(open(os.path.join(tmp, "clean", "rejected.txt"), "rb").read() == b"",
          "clean set: rejected.txt not empty")

    # No plan taken at all (nothing found; only a broken file): no group,
    # yet submissions.yaml and rejected.txt are written, on any number of
    # threads.
    os.makedirs(os.path.join(tmp, "none", "empty"))
    os.makedirs(os.path.join(tmp, "none", "bad"))
    with open(os.path.join(tmp, "none", "bad", "broken.yaml"), "w") as f:
        f.write("x: [\n")
    for jobs in ["1", "2"]:
        r = run(tmp, "collect", "-j", jobs, "none/empty", "-o", "none/out0-" + jobs)
        out0 = os.path.join(tmp, "none", "out0-" + jobs)
        check(r.returncode == 0 and
              open(os.path.join(out0, "submissions.yaml"), "rb").read() == b"[]\n" and
              open(os.path.join(out0, "rejected.txt"), "rb").read() == b"" and
              not os.path.exists(os.path.join(out0, "report.txt")),
              f"nothing to collect (-j {jobs}): status {r.returncode} {r.stderr!r}")
        r = run(tmp, "collect", "-j", jobs, "none/bad", "-o", "none/out1-" + jobs)
        out1 = os.path.join(tmp, "none", "out1-" + jobs)
        check(r.returncode == 1 and
              open(os.path.join(out1, "submissions.yaml"), "rb").read() == b"[]\n" and
              b"broken.yaml: broken" in
              open(os.path.join(out1, "rejected.txt"), "rb").read(),
              f"only a broken file (-j {jobs}): status {r.returncode} {r.stderr!r}")

    # Usage and I/O errors.
    r = run(tmp, "collect", "in")
    check(r.returncode == 2, f"no -o: status {r.returncode}")
    r = run(tmp, "collect", "-o", "x")
    check(r.returncode == 2, f"no PATH: status {r.returncode}")
    open(os.path.join(tmp, "afile"), "w").close()
    r = run(tmp, "collect", "in", "-o", "afile")
    check(r.returncode == 3, f"-o names a file: status {r.returncode}")
    r = run(tmp, "collect", "in/usb", "no-such-folder", "-o", "missing")
    check(r.returncode == 3 and b"no-such-folder" in r.stderr,
          f"a PATH that does not exist: status {r.returncode}")
    check(b"no-such-folder: cannot be read" in
          open(os.path.join(tmp, "missing", "rejected.txt"), "rb").read(),
          "a PATH that does not exist is not in rejected.txt")

    # A full disk: status 3, the reason named, no temporary file left.
    full = os.path.join(tmp, "full")
    os.mkdir(full)
    script = (f"mount -t tmpfs -o size=64k tmpfs {full} && "
              f"{BIN} collect in -o {full}/out; echo status=$?; ls -A {full}/out")
    r = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=tmp,
                       env=env_for(tmp), capture_output=True, timeout=60)
    if b"status=" not in r.stdout:
        print("unshare/tmpfs not available here: full-disk case skipped")
    else:
        check(b"status=3" in r.stdout and b"No space left on device" in r.stderr,
              f"full disk: {r.stdout!r} {r.stderr[-300:]!r}")
        check(r.stdout.split(b"status=3")[-1].strip() == b"",
              f"full disk: files left behind: {r.stdout!r}")

finish()
