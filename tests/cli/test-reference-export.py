#!/usr/bin/env python3
"""The reference example: `check` passes on the United States plan, its YAML
export is the committed file byte for byte (load -> save round trip), the
same plan with its country as free text, as older plans wrote it, is read
as USA and saved the same, its
text export is the committed .txt byte for byte, and every item title and
every answer paragraph of the source document appears in the text export,
in order."""
import os
import re

import aptest
from aptest import REFERENCE as PLAN, REFERENCE_TEXT as TEXT, read_bytes

SOURCE = os.environ.get("AP_REFERENCE_SOURCE",
                        os.path.join(aptest.SRC, "..", "shared", "reference",
                                     "us-action-plan-2000.txt"))


def run(*args):
    return aptest.run(args)


r = run("check", PLAN)
if r.returncode != 0 or r.stderr:
    aptest.fail(f"check: status {r.returncode}: {r.stderr.decode()}")

r = run("export", PLAN, "--format", "yaml")
if r.returncode != 0 or r.stdout != read_bytes(PLAN):
    aptest.fail("YAML export differs from exports/united-states-2000.yaml "
                    f"(status {r.returncode}) {r.stderr.decode()}")

# The plan as it was written before countries were ISO 3166 countries:
# its free-text "United States of America" (the name the source document
# uses) is read as USA, silently, and saved in today's form.
old = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                   "ap-reference-free-text-%d.yaml" % os.getpid())
stored = open(PLAN, encoding="utf-8").read()
free = stored.replace('  country:\n    code: "USA"\n    name: "United States"\n',
                      '  country: "United States of America"\n')
if free == stored:
    aptest.fail("the committed plan no longer stores USA as code and name")
with open(old, "w", encoding="utf-8") as f:
    f.write(free)
r = run("check", old)
if r.returncode != 0 or r.stderr:
    aptest.fail(f"check of the free-text plan: status {r.returncode}: "
                    f"{r.stderr.decode()}")
r = run("export", old, "--format", "yaml")
if r.returncode != 0 or r.stdout != read_bytes(PLAN):
    aptest.fail("the free-text United States of America is not saved as "
                    "code USA, name United States")
r2 = run("export", old, "--format", "text")
if r2.stdout != read_bytes(TEXT):
    aptest.fail("the free-text plan's text export differs")
os.unlink(old)

r = run("export", PLAN, "--format", "text")
text = r.stdout
if r.returncode != 0 or text != read_bytes(TEXT):
    aptest.fail("text export differs from exports/united-states-2000.txt "
                    f"(status {r.returncode}) {r.stderr.decode()}")

# The source, paragraph by paragraph, against the text export with all
# wrapping undone. Page breaks cut some paragraphs in two: rejoin them as
# the transcription did.
if os.path.exists(SOURCE):
    lines = open(SOURCE, encoding="utf-8").read().split("\n")
    start = lines.index("INTRODUCTION")
    end = next(i for i, l in enumerate(lines) if l.startswith("¹"))
    raw = [l.replace("\\$", "$") for l in lines[start:end]
           if l.strip() and l.strip() != "[Top of page](#)"]
    paras = []
    for l in raw:
        if (paras and not re.search(r'[.?!:"]$', paras[-1]) and not paras[-1].isupper()
                and not re.match(r"(\d+\. |\* )", l) and not l.isupper()):
            paras[-1] += " " + l
        else:
            paras.append(l)
    # Lines are joined with a space, as the wrapper drops the spaces it
    # breaks at; without one after a hyphen that follows a letter, where
    # Unicode's line breaking lets a line end ("anti-|trafficking").
    flat = re.sub(r"(?<=[A-Za-z]-)\n(?=\S)", "", text.decode("utf-8"))
    flat = " ".join(flat.split())
    pos, found = 0, 0
    for p in paras:
        p = " ".join(p.split())
        at = flat.find(p, pos)
        if at < 0:
            aptest.fail(f"source paragraph not found in order: {p[:80]!r}")
            continue
        pos = at + len(p)
        found += 1
    print(f"{found} of {len(paras)} source paragraphs and titles found in order")
else:
    print(f"source document not found at {SOURCE}: paragraph check skipped")

aptest.finish()
