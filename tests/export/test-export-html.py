#!/usr/bin/env python3
"""Tests of the HTML export (actionplan export --format html).

Usage: test-export-html.py MODE DRIVER

Modes:
  golden  every data/*.yaml plan with a data/*.html next to it gives those
          bytes (export-text-driver --html), the same under other locales
  safe    nothing runs and nothing is fetched: only the expected elements,
          no script, no URL, a Content-Security-Policy that allows
          nothing but the inline style; a plan's markup stays text
  lang    through the command line: lang is the plan's language, the
          words are the plan's language's (Thai), --bilingual adds the
          English titles in lang="en", --draft marks the draft
  pdf     printed to PDF by headless Chromium (--print-to-pdf) on Letter
          and on A4, read back with pdftotext: every answer's words are
          there in order (the reference plan in English, a plan in Thai),
          pages are numbered, and no page ends with an item's title (a
          control print without the rule that keeps titles with their
          text shows that the check can see one). Skipped (77) without
          chromium or pdftotext.
"""

import glob
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

import aptest
from aptest import REFERENCE, SRC, check

DATA = os.path.join(SRC, "tests", "export", "data")
SMALL_QN = os.path.join(DATA, "small-qn.yaml")
CHROMIUM = os.environ.get("AP_CHROMIUM", "/usr/bin/chromium")
THAI = os.path.join(SRC, "tests", "i18n", "data", "plan-th.yaml")
aptest.CHECKS.verbose = True


def driver(drv, plan, *flags, env=None):
    r = aptest.run(["--html", *flags, SMALL_QN, plan], prog=drv, env=env,
                   timeout=60)
    check(r.returncode == 0, "driver on %s" % os.path.basename(plan),
          r.stderr.decode())
    return r.stdout


def cli(*args, **extra):
    """actionplan args; extra: more environment variables."""
    return aptest.run(args, timeout=60, **extra)


def golden(drv):
    for path in sorted(glob.glob(os.path.join(DATA, "*.html"))):
        name = os.path.basename(path)
        plan = os.path.join(DATA, name.split(".")[0] + ".yaml")
        flags = ["--draft"] if name.endswith(".draft.html") else []
        want = open(path, "rb").read()
        got = driver(drv, plan, *flags)
        check(got == want, "%s matches its golden file" % name,
              got.decode("utf-8", "replace"))
        for loc in ("C", "th_TH.UTF-8", "zh_CN.UTF-8"):
            env = dict(os.environ, LC_ALL=loc, LANGUAGE="th", TZ="Asia/Tokyo")
            check(driver(drv, plan, *flags, env=env) == want,
                  "%s: same bytes under LC_ALL=%s" % (name, loc))


class Elements(html.parser.HTMLParser):
    """The elements, attributes and text of a document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attrs = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_data(self, data):
        self.text.append(data)


ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "h1",
           "h2", "h3", "p", "br", "ul", "li", "dl", "dt", "dd", "section",
           "span"}


def safe(drv):
    for plan in (os.path.join(DATA, "marks.yaml"),
                 os.path.join(DATA, "intl.yaml")):
        doc = driver(drv, plan).decode("utf-8")
        e = Elements()
        e.feed(doc)
        name = os.path.basename(plan)
        check(set(e.tags) <= ALLOWED, "%s: only document elements (%s)"
              % (name, sorted(set(e.tags) - ALLOWED)))
        low = doc.lower()
        for bad in ("<script", "src=", "href=", "url(", "@import",
                    "<link", "<img", "<iframe", "javascript:"):
            check(bad not in low, "%s: no %s" % (name, bad))
        csp = [v for t, k, v in e.attrs if t == "meta" and k == "content"
               and v and "default-src" in v]
        check(csp == ["default-src 'none'; style-src 'unsafe-inline'"],
              "%s: a policy that fetches and runs nothing" % name)
        check(doc.startswith("<!DOCTYPE html>\n<html lang=\"en\">"),
              "%s: doctype and lang" % name)
    doc = driver(drv, os.path.join(DATA, "marks.yaml")).decode("utf-8")
    e = Elements()
    e.feed(doc)
    text = "".join(e.text)
    check("<script>alert('x')</script>" in text,
          "a plan's markup is shown as text")
    check("Ministry of Social Development<U+001B>[31m and Human Security" in text,
          "control characters in the text export's notation")
    check("Does not apply: The government has no national plan" in text,
          "an item that does not apply says so with its reason")
    check(re.search(r"<ul>\n<li>a first bullet</li>\n<li>a second", doc)
          is not None, "bullets are a list")


def lang():
    tmp = tempfile.mkdtemp(prefix="html-lang-")
    try:
        out = os.path.join(tmp, "th.html")
        r = cli("export", THAI, "--format", "html", "--bilingual", "--draft",
                "-o", out)
        check(r.returncode == 0, "export --format html of a Thai plan",
              r.stderr.decode())
        doc = open(out, encoding="utf-8").read()
        check(doc.startswith("<!DOCTYPE html>\n<html lang=\"th\">"),
              "lang is the plan's language")
        check("มีนาคม พ.ศ. 2543" in doc, "the date in Thai words")
        check("<span class=\"en\" lang=\"en\">[Country Action Plan of" in doc,
              "--bilingual: the English title under the Thai one")
        check("<p class=\"draft\">" in doc, "--draft: the draft mark")
        r = cli("export", THAI, "--format", "html")
        check(r.returncode == 1 and b"--draft" in r.stderr,
              "an incomplete plan needs --draft")
        r = cli("export", REFERENCE, "--format", "html")
        check(r.returncode == 0 and r.stdout.startswith(b"<!DOCTYPE html>"),
              "to standard output without -o")
        r2 = cli("export", REFERENCE, "--format", "html",
                 LANGUAGE="th", LC_ALL="C.UTF-8")
        check(r2.stdout == r.stdout,
              "the plan's language, not the reader's: the same bytes")
        r = cli("export", REFERENCE, "--format", "yaml", "--bilingual")
        check(r.returncode == 2, "--bilingual is refused for yaml")
    finally:
        shutil.rmtree(tmp)


# ---- pdf ----

def squeeze(s):
    """Text without whitespace or list bullets: words in order, whatever
    the lines they were laid out on (Thai has no spaces to go by)."""
    return re.sub(r"[\s\u2022\u25e6]+", "", s)


def answer_texts(path):
    """The free text of each answer (details and answers, explanations),
    line by line without bullet markers, in questionnaire order."""
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []
    for group in ("details", "answers"):
        for item, v in (doc.get(group) or {}).items():
            texts = []
            if isinstance(v, dict):
                texts = [v.get("explanation") or ""]
            elif isinstance(v, str) and not re.fullmatch(
                    r"yes|no|\d{4}-\d\d(-\d\d)?|[a-z]{2}(-[A-Z]{2})?", v):
                texts = [v]
            for t in texts:
                for line in t.split("\n"):
                    line = re.sub(r"^[*-] ", "", line)
                    if squeeze(line):
                        out.append((item, squeeze(line)))
    return out


def print_pdf(tmp, page, pdf):
    r = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer",
         "--user-data-dir=" + os.path.join(tmp, "profile"),
         "--print-to-pdf=" + pdf, "file://" + page],
        capture_output=True, timeout=180, env=dict(os.environ, HOME=tmp))
    ok = r.returncode == 0 and os.path.exists(pdf)
    check(ok, "chromium prints %s" % os.path.basename(page),
          r.stderr.decode("utf-8", "replace"))
    return ok


PAGE_NUMBER = re.compile(r"^\s*(\d+) ?/ ?(\d+)\s*$", re.M)


def pdf_pages(pdf):
    """The text of each page, and the page numbers found in the page's
    margin (taken out of the text: they come between the lines of a
    paragraph that goes on over the page)."""
    r = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                       capture_output=True, timeout=60)
    pages = r.stdout.decode("utf-8", "replace").split("\f")
    numbers = [PAGE_NUMBER.findall(p) for p in pages]
    return [PAGE_NUMBER.sub("", p) for p in pages], numbers


def page_size(pdf):
    r = subprocess.run(["pdfinfo", pdf], capture_output=True, timeout=60)
    m = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+) pts", r.stdout)
    return (round(float(m.group(1))), round(float(m.group(2)))) if m else None


def titles_of(doc):
    """The text of every h2 and h3, the English line left out."""
    out = []
    for m in re.finditer(r"<h[23]>(.*?)</h[23]>", doc, re.S):
        inner = re.sub(r"<span class=\"en\".*?</span>", "", m.group(1))
        inner = html.unescape(re.sub(r"<[^>]+>", "", inner))
        out.append(squeeze(inner))
    return out


def orphan_titles(pages, titles):
    """Titles that end a page (its number aside): nothing of their item
    follows them there."""
    found = []
    for n, page in enumerate(pages):
        lines = [l for l in page.split("\n") if l.strip()]
        tail = squeeze("".join(lines[-4:]))
        for t in titles:
            if t and tail.endswith(t[-15:]):
                found.append((n + 1, t[:40]))
    return found


def check_pdf(tmp, html_path, texts, label, size, want_size):
    page = os.path.join(tmp, "%s-%s.html" % (label, size))
    doc = open(html_path, encoding="utf-8").read()
    if size == "A4":
        doc = doc.replace("</style>", "@page{size:A4}\n</style>")
    with open(page, "w", encoding="utf-8") as f:
        f.write(doc)
    pdf = page[:-5] + ".pdf"
    if not print_pdf(tmp, page, pdf):
        return
    check(page_size(pdf) == want_size, "%s on %s: page size %s"
          % (label, size, page_size(pdf)))
    pages, numbers = pdf_pages(pdf)
    whole = squeeze("".join(pages))
    pos, missing = 0, []
    for item, t in texts:
        i = whole.find(t, pos)
        if i < 0:
            missing.append((item, t[:40]))
        else:
            pos = i + len(t)
    check(not missing, "%s on %s: every answer's words, in order (%d)"
          % (label, size, len(texts)), repr(missing[:5]))
    n = len([p for p in pages if p.strip()])
    want = [[(str(k + 1), str(n))] for k in range(n)]
    check(n > 1 and numbers[:n] == want,
          "%s on %s: pages numbered 1 / %d to %d / %d"
          % (label, size, n, n, n), repr(numbers))
    orphans = orphan_titles(pages, titles_of(doc))
    check(not orphans, "%s on %s: no title alone at a page's foot"
          % (label, size), repr(orphans))


def long_plan(tmp):
    """The reference plan with answers cut to lengths that bring many
    titles near a page's foot."""
    with open(REFERENCE, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    words = " ".join(v for v in doc["answers"].values()
                     if isinstance(v, str)).split()
    k = 0
    for n, item in enumerate(list(doc["answers"])):
        if isinstance(doc["answers"][item], str) and len(
                doc["answers"][item]) > 20:
            count = 12 + (n * 37) % 90
            doc["answers"][item] = " ".join(words[k:k + count])
            k += count
    path = os.path.join(tmp, "long.yaml")
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
    return path


def pdf():
    for tool in (CHROMIUM, shutil.which("pdftotext") or "/nonexistent",
                 shutil.which("pdfinfo") or "/nonexistent"):
        if not os.path.exists(tool):
            aptest.skip("%s not found" % tool)
    tmp = tempfile.mkdtemp(prefix="html-pdf-")
    try:
        for label, plan, flags in (("english", REFERENCE, []),
                                   ("thai", THAI, ["--draft"])):
            out = os.path.join(tmp, label + ".html")
            r = cli("export", plan, "--format", "html", "-o", out, *flags)
            check(r.returncode == 0, "export %s" % label, r.stderr.decode())
            texts = answer_texts(plan)
            check_pdf(tmp, out, texts, label, "Letter", (612, 792))
            check_pdf(tmp, out, texts, label, "A4", (595, 842))
        # Titles kept with their text, and the check able to see one that
        # is not: the same document without the rule.
        plan = long_plan(tmp)
        out = os.path.join(tmp, "long.html")
        r = cli("export", plan, "--format", "html", "-o", out)
        check(r.returncode == 0, "export the long plan", r.stderr.decode())
        check_pdf(tmp, out, answer_texts(plan), "long", "Letter", (612, 792))
        doc = open(out, encoding="utf-8").read()
        loose = os.path.join(tmp, "loose.html")
        with open(loose, "w", encoding="utf-8") as f:
            f.write(doc.replace("h1,h2,h3{break-after:avoid;"
                                "page-break-after:avoid;", "h1,h2,h3{"))
        if print_pdf(tmp, loose, loose[:-5] + ".pdf"):
            orphans = orphan_titles(pdf_pages(loose[:-5] + ".pdf")[0],
                                    titles_of(doc))
            check(orphans, "control: without the rule a title ends a page "
                  "(the check sees it)")
    finally:
        shutil.rmtree(tmp)


def main():
    mode = sys.argv[1]
    if mode == "golden":
        golden(sys.argv[2])
    elif mode == "safe":
        safe(sys.argv[2])
    elif mode == "lang":
        lang()
    elif mode == "pdf":
        pdf()
    aptest.finish()


main()
