#!/usr/bin/env python3
"""The static site of a collection: every page is well-formed HTML5 (tags
balanced, one doctype, UTF-8 declared), uses only the elements and
attributes the generator writes (no script, no event handlers, no
javascript: links), every link and fragment leads somewhere, everything
from a plan is escaped (the hostile plan's markup reads as text), and the
pages hold each country's answers: a country page all of its own, a
section page every country's answer to each of its items."""
import html.parser
import os
import re

import yaml

from common import check, finish, generate, run, tempdir, SRC

VOID = {"meta", "br"}
ALLOWED = {
    "html": {"lang"}, "head": set(), "meta": {"charset", "name", "content"},
    "title": set(), "style": set(), "body": set(), "header": set(),
    "nav": set(), "main": set(), "footer": set(), "section": set(),
    "h1": set(), "h2": {"id"}, "h3": {"id"}, "p": {"class"},
    "div": {"dir", "lang"}, "ul": set(), "li": set(), "br": set(),
    "dl": set(), "dt": set(), "dd": {"dir"}, "a": {"href", "aria-current"},
    "bdi": set(),
}


class Page(html.parser.HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.stack = []
        self.problems = []
        self.doctypes = 0
        self.text = []
        self.ids = set()
        self.links = []
        self.nav = []
        self.in_nav = False
        self.charset = None

    def handle_decl(self, decl):
        self.doctypes += 1
        if decl.lower() != "doctype html":
            self.problems.append(f"doctype {decl!r}")

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"element <{tag}> at {self.getpos()}")
        for k, v in attrs:
            if k not in ALLOWED.get(tag, set()):
                self.problems.append(f"attribute {k}= on <{tag}> at {self.getpos()}")
            if k == "id":
                self.ids.add(v)
            if k == "href":
                self.links.append(v)
                if self.in_nav:
                    self.nav.append(v)
            if k == "charset":
                self.charset = v
        if tag == "nav":
            self.in_nav = True
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag of void </{tag}>")
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} closes "
                                 f"{self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag == "nav":
            self.in_nav = False

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("style", "title"):
            return
        self.text.append(data)


def parse(path):
    raw = open(path, "rb").read()
    page = Page(path)
    page.raw = raw
    try:
        page.feed(raw.decode("utf-8"))
        page.close()
    except UnicodeDecodeError as e:
        page.problems.append(f"not UTF-8: {e}")
    if page.stack:
        page.problems.append(f"unclosed: {page.stack}")
    if page.doctypes != 1:
        page.problems.append(f"{page.doctypes} doctypes")
    if page.charset != "utf-8":
        page.problems.append("no <meta charset=utf-8>")
    if re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", raw):
        page.problems.append("control characters in the page")
    page.alltext = " ".join("".join(page.text).split())
    return page


def flat(s):
    return " ".join(s.split())


with tempdir() as tmp:
    generate(tmp)
    r = run(tmp, "collect", "in", "-o", "out")
    check(r.returncode == 1, f"collect: status {r.returncode} {r.stderr}")
    pages = {}
    for site in ["out/site", "out/ariat-2000-v2/site"]:
        folder = os.path.join(tmp, site)
        for name in sorted(os.listdir(folder)):
            check(re.fullmatch(r"[a-z0-9-]+\.html", name), f"file name {name!r}")
            pages[site + "/" + name] = parse(os.path.join(folder, name))
    check(len(pages) == 17 + 9, f"{len(pages)} pages")
    for name, p in pages.items():
        for problem in p.problems:
            check(False, f"{name}: {problem}")
        for href in p.links:
            target, _, frag = href.partition("#")
            tpath = os.path.dirname(name) + "/" + target
            if check(tpath in pages, f"{name}: link to {href!r} leads nowhere") and frag:
                check(frag in pages[tpath].ids, f"{name}: no id {frag!r} in {target}")
        # Markup from a plan must never reach a page as markup.
        for bad in [b"<script", b"<img", b"<b>", b"javascript:alert(1)\""]:
            check(bad not in p.raw, f"{name}: unescaped {bad!r}")

    # The navigation: the questionnaire's sections (not plan details), then
    # Countries, the same on every page.
    q = yaml.safe_load(open(os.path.join(SRC, "questionnaires", "ariat-2000.yaml"),
                            encoding="utf-8"))
    want_nav = ["section-" + s["id"] + ".html" for s in q["sections"]
                if not s.get("details")] + ["index.html"]
    for name, p in pages.items():
        check(p.nav == want_nav, f"{name}: navigation {p.nav}")
    idx = pages["out/site/index.html"]
    check("Introduction | Prevention | Protection | Reintegration | Prosecution | "
          "Summary questions | Countries" in idx.alltext, "index: navigation text")
    for country in ["<script>alert(1)</script><U+202E>gpj.exe", "Cambodia",
                    "中国", "Thailand", "Việt Nam",
                    "Lao People's Democratic Republic"]:
        check(country in idx.alltext, f"index lacks {country!r}")
    # Someone's text inline sits in an isolate; bidirectional controls and
    # other escapes never reach a page raw (issue 14).
    check(b"<bdi>Cambodia</bdi>" in idx.raw, "index: country names not in <bdi>")
    for name, p in pages.items():
        for raw in ["\u202e", "\u202b", "\u202c", "\u2067", "\u2069", "\x85",
                    "\x1b"]:
            check(raw not in p.raw.decode("utf-8", "replace"),
                  f"{name}: raw U+{ord(raw):04X}")

    # The hostile plan: its text is there, as text.
    hostile = pages["out/site/country-script-alert-1-script-u-202e-gpj-exe.html"]
    for text in ["<script>alert(1)</script> & \"quotes\" 'apostrophes'",
                 "\"><img src=x onerror=alert(1)>",
                 "O'Brien & <b>Partners</b>",
                 "<a href=\"javascript:alert(1)\">click</a>"]:
        check(text in hostile.alltext, f"hostile page lacks the text {text!r}")
    check(b"&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.raw,
          "hostile page: title not escaped as expected")
    check("Escape <U+001B>[31mred<U+001B>[0m" in hostile.alltext,
          "hostile page: ESC not shown in the notation")
    check("Isolate <U+2067>ABC<U+2069>, embedding <U+202B>x<U+202C>, "
          "NEL<U+0085>." in hostile.alltext,
          "hostile page: bidirectional controls not shown in the notation")
    check(b"<h1><bdi>Country Action Plan of &lt;script&gt;alert(1)&lt;/script&gt;"
          b"&lt;U+202E&gt;gpj.exe" in hostile.raw,
          "hostile page: title not in an isolate")

    # A country page holds all of its answers; a section page every
    # country's answer to its items.
    thai = yaml.safe_load(open(os.path.join(tmp, "in/shared/2000/final/thailand-r3.yml"),
                               encoding="utf-8"))
    tpage = pages["out/site/country-thailand.html"]
    for iid, v in thai["answers"].items():
        text = v["explanation"] if isinstance(v, dict) else v
        if iid.startswith(("prevention.6", "prosecution.1")) and not isinstance(v, dict):
            continue
        for para in text.split("\n\n"):
            para = flat(para.replace("* ", ""))
            check(para in tpage.alltext, f"Thailand's page lacks {iid}: {para[:40]!r}")
    check('lang="th"' in tpage.raw.decode(), "Thai answers not marked lang=th")
    sec = pages["out/site/section-prevention.html"]
    plans = {"Thailand": thai,
             "中国": yaml.safe_load(open(os.path.join(tmp, "in/usb/china.yaml"),
                                        encoding="utf-8"))}
    for country, plan in plans.items():
        check(country in sec.alltext, f"Prevention page lacks {country}")
        for i in range(1, 10):
            v = plan["answers"][f"prevention.{i}"]
            if i == 6:
                continue
            first = flat(v.split("\n\n")[0].replace("* ", ""))
            check(first in sec.alltext, f"Prevention page lacks {country}'s {i}")
    v2 = pages["out/ariat-2000-v2/site/section-prevention.html"]
    check("10. Warnings about recruitment on the Internet:" in v2.alltext,
          "version 2's own item missing from its site")
    check("Thailand" not in v2.alltext, "version 1 plans merged into version 2")

finish()
