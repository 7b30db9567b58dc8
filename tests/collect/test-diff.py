#!/usr/bin/env python3
"""`actionplan diff OLD NEW` on two revisions of the United States plan:
items added, removed and changed, in questionnaire order, each changed
answer as a word diff with unchanged paragraphs left out (the expected
output byte for byte); a deleted space shows; `--html` writes a page with
the same changes in <del> and <ins>, everything from a plan escaped; exit
0 for the same answers, 1 for differences, 2 for plans of different
questionnaires or wrong usage, 3 for a file that cannot be read; control
characters in answers never reach the terminal."""
import html.parser
import os

import aptest
from aptest import check, finish, normalize, tempdir

base = open(os.path.join(aptest.SRC, "exports", "united-states-2000.yaml"), encoding="utf-8").read()


def edit(text, old, new):
    check(old in text, f"the reference plan lacks {old[:50]!r}")
    return text.replace(old, new, 1)


def drop_answer(text, iid):
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith(f"  {iid}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith("    ") or lines[end] == ""):
        end += 1
    return "\n".join(lines[:start] + lines[end:])


old = drop_answer(base, "prevention.9")
new = edit(base, "revision: 1", "revision: 2")
new = edit(new, 'modified: "2000-01-01T00:00:00Z"', 'modified: "2000-06-30T12:00:00Z"')
new = edit(new, 'prevention.6: "yes"', 'prevention.6: "no"')
new = edit(new, "Such media campaigns do not currently exist.",
           "Such media campaigns now exist in three states.")
# The third paragraph of prevention.8 changes; the others do not.
new = edit(new, "The Department of Justice (DOJ) does not have a specific database",
           "The Department of Justice (DOJ) now keeps a database")
new = drop_answer(new, "prevention.5")
new = edit(new, "This partnership is an open and transparent process.",
           "This partnership is an open process.")
# An escape sequence (written the YAML way) must not reach the terminal.
new = edit(new, 'contact: "Office of the Senior Coordinator', 'contact: "\\e[2JOffice of the Senior Coordinator')

# Spacing alone: two spaces where there was one.
new = edit(new, "The President's Interagency Council on Women",
           "The President's Interagency  Council on Women")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.problems = [], [], []
        self.dels, self.inss, self.cur = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("meta", "br"):
            self.stack.append(tag)
        if tag in ("del", "ins"):
            self.cur = (tag, [])

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag in ("del", "ins") and self.cur:
            (self.dels if tag == "del" else self.inss).append("".join(self.cur[1]))
            self.cur = None

    def handle_data(self, data):
        if self.cur:
            self.cur[1].append(data)


with tempdir("ap-collect-") as tmp:
    E = aptest.env(qdirs=[os.path.join(tmp, "qdir")])
    for name, text in [("old.yaml", old), ("new.yaml", new), ("same.yaml", base)]:
        with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
            f.write(text)
    os.makedirs(os.path.join(tmp, "qdir"))

    r = aptest.run(["diff", "old.yaml", "new.yaml"], cwd=tmp, env=E)
    check(r.returncode == 1, f"different plans: status {r.returncode} {r.stderr}")
    check(b"\x1b" not in r.stdout, "an escape sequence reached standard output")
    aptest.golden("collect/expected/diff.txt", normalize(r.stdout, tmp),
                  "AP_UPDATE_EXPECTED")
    out = r.stdout.decode()
    heads = [l for l in out.split("\n") if l.endswith((": added", ": removed", ": changed"))]
    check(heads == ["Contact official (contact): changed",
                    "Prevention 4 (prevention.4): changed",
                    "Prevention 5 (prevention.5): removed",
                    "Prevention 6 (prevention.6): changed",
                    "Prevention 8 (prevention.8): changed",
                    "Prevention 9 (prevention.9): added",
                    "Summary questions 3 (summary.3): changed"],
          f"items: {heads}")

    check("Interagency[- -]{+  +}Council" in out, "a change of spacing is not shown")
    # The country in the reader's language (iso-codes' names), the plan's
    # code whatever its name.
    for lang, name in [("th", "สหรัฐ"), ("vi", "Mỹ"), ("zh-CN", "美国")]:
        rl = aptest.run(["--lang", lang, "diff", "old.yaml", "new.yaml"], cwd=tmp, env=E)
        first = rl.stdout.decode().split("\n", 1)[0]
        check(first.startswith(f"--- old.yaml ({name}, "),
              f"diff in {lang}: the country is not named {name}: {first!r}")

    # The same as a page.
    r = aptest.run(["diff", "--html", "old.yaml", "new.yaml"], cwd=tmp, env=E)
    check(r.returncode == 1, f"--html: status {r.returncode} {r.stderr}")
    page = Page()
    page.feed(r.stdout.decode("utf-8"))
    check(not page.problems and not page.stack, f"--html: not well-formed: {page.problems}")
    check(r.stdout.startswith(b"<!DOCTYPE html>") and b"<script" not in r.stdout and
          b"\x1b" not in r.stdout, "--html: not a plain page")
    for d in ["do not currently exist", "does not have a specific", " and transparent", " "]:
        check(d in page.dels, f"--html: no <del>{d}</del> in {page.dels}")
    for i in ["now exist in three states", "now keeps a", "  "]:
        check(i in page.inss, f"--html: no <ins>{i}</ins> in {page.inss}")
    for h in ["Prevention 5 (prevention.5): removed", "Prevention 9 (prevention.9): added"]:
        check(h.encode() in r.stdout, f"--html: no heading {h!r}")

    r = aptest.run(["diff", "same.yaml", aptest.REFERENCE],
                   cwd=tmp, env=E)
    check(r.returncode == 0 and r.stdout == b"", f"same plan: status {r.returncode} {r.stdout[:200]!r}")

    # Another version of the questionnaire: refused.
    q = open(os.path.join(aptest.SRC, "questionnaires", "ariat-2000.yaml"), encoding="utf-8").read()
    with open(os.path.join(tmp, "qdir", "v2.yaml"), "w", encoding="utf-8") as f:
        f.write(q.replace("version: 1\n", "version: 2\n", 1))
    with open(os.path.join(tmp, "v2.yaml"), "w", encoding="utf-8") as f:
        f.write(base.replace("  version: 1\n", "  version: 2\n", 1))
    r = aptest.run(["diff", "old.yaml", "v2.yaml"], cwd=tmp, env=E)
    check(r.returncode == 2 and b"one questionnaire" in r.stderr,
          f"different versions: status {r.returncode} {r.stderr!r}")

    r = aptest.run(["diff", "--html", "same.yaml", "same.yaml"], cwd=tmp, env=E)
    check(r.returncode == 0 and b"</html>" in r.stdout, f"--html, same plan: status {r.returncode}")

    r = aptest.run(["diff", "old.yaml", "missing.yaml"], cwd=tmp, env=E)
    check(r.returncode == 3, f"missing file: status {r.returncode}")
    r = aptest.run(["diff", "old.yaml"], cwd=tmp, env=E)
    check(r.returncode == 2, f"one file: status {r.returncode}")
    with open(os.path.join(tmp, "broken.yaml"), "w") as f:
        f.write("format: [\n")
    r = aptest.run(["diff", "old.yaml", "broken.yaml"], cwd=tmp, env=E)
    check(r.returncode == 2 and b"broken.yaml:" in r.stderr,
          f"broken file: status {r.returncode} {r.stderr!r}")

finish()
