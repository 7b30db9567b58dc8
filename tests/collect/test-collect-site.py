#!/usr/bin/env python3
"""The static site of a collection: every page is well-formed HTML5 (tags
balanced, one doctype, UTF-8 declared), uses only the elements and
attributes the generator writes (no script, no event handlers, no
javascript: links), every link and fragment leads somewhere, everything
from a plan is escaped (the hostile plan's markup reads as text), and the
pages hold each country's answers: a country page all of its own, an item
page every country's answer to that item side by side with the totals of
a yes/no item, a section page the index of its items; the index has a
completeness grid whose every cell links to that answer; pages name a
country without Latin letters the same way from run to run; the site is
in the language of --lang (Thai here) and every answer keeps its lang;
and no page is larger than 1 MB for 200 plans of 40 KB."""
import html.parser
import os
import re

import yaml

import aptest
from aptest import check, finish, tempdir

import subprocess
import sys

VOID = {"meta", "br", "link"}
ALLOWED = {
    "html": {"lang"}, "head": set(), "meta": {"charset", "name", "content"},
    "title": set(), "link": {"rel", "href"}, "body": set(), "header": set(),
    "nav": {"class"}, "main": set(), "footer": set(),
    "section": {"class", "id"}, "h1": set(), "h2": {"id"}, "h3": {"id"},
    "p": {"class"}, "div": {"dir", "lang", "class"}, "ul": set(),
    "li": set(), "br": set(), "dl": set(), "dt": set(), "dd": {"dir"},
    "a": {"href", "aria-current", "rel"}, "bdi": {"lang"},
    "table": {"class"}, "caption": set(), "tr": set(), "th": {"class", "colspan"},
    "td": {"class"}, "span": {"class", "style"}, "strong": set(),
    "del": set(), "ins": set(),
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
            # The site's navigation is the first; an item's pager is
            # another.
            self.in_nav = not self.nav
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


with tempdir("ap-collect-") as tmp:
    E = aptest.plan_set(tmp)
    r = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    check(r.returncode == 1, f"collect: status {r.returncode} {r.stderr}")
    # Again, so that there is a previous collection (changes.html).
    r = aptest.run(["collect", "in", "-o", "out"], cwd=tmp, env=E)
    pages = {}
    for site in ["out/site", "out/ariat-2000-v2/site"]:
        folder = os.path.join(tmp, site)
        for name in sorted(os.listdir(folder)):
            if name == "style.css":
                continue
            check(re.fullmatch(r"[a-z0-9-]+\.html", name), f"file name {name!r}")
            pages[site + "/" + name] = parse(os.path.join(folder, name))
    q = yaml.safe_load(open(os.path.join(aptest.SRC, "questionnaires", "ariat-2000.yaml"),
                            encoding="utf-8"))
    items = [it["id"] for s in q["sections"] if not s.get("details") for it in s["items"]]
    sections = [s["id"] for s in q["sections"] if not s.get("details")]
    # index, files, changes, a page per section, per item, per country.
    check(len([p for p in pages if p.startswith("out/site/")]) ==
          3 + len(sections) + len(items) + 9, f"{len(pages)} pages")
    for name, p in pages.items():
        for problem in p.problems:
            check(False, f"{name}: {problem}")
        for href in p.links:
            target, _, frag = href.partition("#")
            tpath = os.path.normpath(os.path.join(os.path.dirname(name), target))
            if target == "style.css":
                continue
            if check(tpath in pages, f"{name}: link to {href!r} leads nowhere") and frag:
                check(frag in pages[tpath].ids, f"{name}: no id {frag!r} in {target}")
        # Markup from a plan must never reach a page as markup.
        for bad in [b"<script", b"<img", b"<b>", b"javascript:alert(1)\""]:
            check(bad not in p.raw, f"{name}: unescaped {bad!r}")

    # The navigation: the questionnaire's sections (not plan details), then
    # Countries and What changed, the same on every page of the main site.
    want_nav = ["section-" + s + ".html" for s in sections] + ["index.html", "changes.html"]
    for name, p in pages.items():
        if name.startswith("out/site/"):
            check(p.nav == want_nav, f"{name}: navigation {p.nav}")
    idx = pages["out/site/index.html"]
    check("Introduction | Prevention | Protection | Reintegration | Prosecution | "
          "Summary questions | Countries | What changed" in idx.alltext, "index: navigation text")
    # Countries of ISO 3166-1 by their names in the site's language ("中国"
    # is China, "Việt Nam" Viet Nam), with their codes in the table of what
    # each country sent, which comes first.
    for country in ["<script>alert(1)</script><U+202E>gpj.exe", "Indonesia", "China",
                    "Thailand", "Viet Nam", "Lao People's Democratic Republic",
                    "China (CHN)", "Myanmar (MMR)"]:
        check(country in idx.alltext, f"index lacks {country!r}")
    # Someone's text inline sits in an isolate; bidirectional controls and
    # other escapes never reach a page raw (issue 14).
    check(re.search(rb"<bdi( lang=\"[a-zA-Z-]+\")?>Indonesia</bdi>", idx.raw),
          "index: country names not in <bdi>")
    for name, p in pages.items():
        for raw in ["\u202e", "\u202b", "\u202c", "\u2067", "\u2069", "\x85",
                    "\x1b"]:
            check(raw not in p.raw.decode("utf-8", "replace"),
                  f"{name}: raw U+{ord(raw):04X}")
    check("11 files were not taken" in idx.alltext and "out/site/files.html" in pages,
          "index: no word of the files not taken")
    check("Plans of ariat-2000 version 2 are reported apart" in idx.alltext,
          "index: no word of the other version")
    check(re.search(r"Thailand</bdi></a></td><td>3</td><td>March 2000</td>",
                    idx.raw.decode()), "index: dates not as months")
    check("2000-03-01T08:00:00Z" not in idx.alltext, "index: a raw date")
    check(re.search(r"Thailand</bdi></a></td><td>3</td><td>March 2000</td>"
                    r"<td>\d+/\d+</td><td>not signed</td>", idx.raw.decode()),
          "index: no signature status")
    files = pages["out/site/files.html"]
    check("in/usb/broken.yaml" in files.alltext and "conflict" in files.alltext,
          "files.html lacks the rejected files")

    # The completeness grid: a cell per country and item, each linking to
    # that country's answer on the item's page.
    grid = [h for h in idx.links if h.startswith("item-") and "#" in h]
    check(len(grid) == 9 * len(items), f"{len(grid)} grid cells, want {9 * len(items)}")
    check("item-prosecution-2.html#tha" in grid, "no cell for Thailand's prosecution 2")
    check(idx.raw.index(b'id="received"') < idx.raw.index(b'id="completeness"') and
          re.search(rb'<tr><td><bdi>Myanmar \(MMR\)</bdi></td><td class="draft">only a draft: '
                    rb'revision 0, in/email/myanmar-draft.yaml</td></tr>', idx.raw),
          "index: what each country sent is not first, or Myanmar's draft not in it")

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

    # A country page holds all of its answers; an item page every
    # country's answer to it.
    thai = yaml.safe_load(open(os.path.join(tmp, "in/shared/2000/final/thailand-r3.yml"),
                               encoding="utf-8"))
    tpage = pages["out/site/country-tha.html"]
    for iid, v in thai["answers"].items():
        text = v["explanation"] if isinstance(v, dict) else v
        if iid.startswith(("prevention.6", "prosecution.1")) and not isinstance(v, dict):
            continue
        for para in text.split("\n\n"):
            para = flat(para.replace("* ", ""))
            check(para in tpage.alltext, f"Thailand's page lacks {iid}: {para[:40]!r}")
    check('lang="th"' in tpage.raw.decode(), "Thai answers not marked lang=th")
    plans = {"Thailand": thai,
             "China": yaml.safe_load(open(os.path.join(tmp, "in/usb/china.yaml"),
                                        encoding="utf-8"))}
    for i in range(1, 10):
        page = pages[f"out/site/item-prevention-{i}.html"]
        for country, plan in plans.items():
            check(country in page.alltext, f"Prevention {i}'s page lacks {country}")
            v = plan["answers"][f"prevention.{i}"]
            if i == 6:
                continue
            first = flat(v.split("\n\n")[0].replace("* ", ""))
            check(first in page.alltext, f"Prevention {i}'s page lacks {country}'s answer")
    p6 = pages["out/site/item-prevention-6.html"]
    tally = re.findall(r"<tr><th>(Yes|No)</th><td>(\d+)</td><td><span class=\"barbox\">"
                       r"<span class=\"bar\" style=\"width:(\d+)%\">", p6.raw.decode())
    check(len(tally) == 2 and sum(int(n) for _, n, _ in tally) == 9 and
          sum(int(w) for _, _, w in tally) in (99, 100),
          f"no totals with bars on the yes/no item's page: {tally}")
    check("Whether school attendance is compulsory" in p6.alltext, "no guidance on the item page")
    check("item-prevention-5.html" in p6.links and "item-prevention-7.html" in p6.links,
          "no previous and next item")
    sec = pages["out/site/section-prevention.html"]
    for i in range(1, 10):
        check(f"item-prevention-{i}.html" in sec.links, f"section page lacks item {i}")
    check("9 answered" in sec.alltext and "Thailand" not in sec.alltext,
          "the section page is not an index with a summary per item")
    v2 = pages["out/ariat-2000-v2/site/item-prevention-10.html"]
    check("10. Warnings about recruitment on the Internet:" in v2.alltext,
          "version 2's own item missing from its site")
    check("Thailand" not in v2.alltext, "version 1 plans merged into version 2")
    ch = pages["out/site/changes.html"]
    check("Nothing changed since the collection in out." in ch.alltext, "changes.html")

    # A country's page is named by its code ("中国" is CHN), the same from
    # run to run, whatever else is collected.
    china = [n for n in pages if n.endswith("/country-chn.html")]
    check(len(china) == 1, f"中国's page: {china}")
    r = aptest.run(["collect", "in/usb/china.yaml", "-o", "only-china"], cwd=tmp, env=E)
    check(os.path.basename(china[0]) in os.listdir(os.path.join(tmp, "only-china", "site")),
          "中国's page has another name when collected alone")

    # The site in Thai: its own words, dates and yes/no in Thai; the answers
    # still in their language.
    r = aptest.run(["collect", "--lang", "th", "in", "-o", "th"], cwd=tmp, env=E)
    check(r.returncode == 1, f"--lang th: status {r.returncode} {r.stderr[-300:]!r}")
    th_idx = parse(os.path.join(tmp, "th", "site", "index.html"))
    th_p6 = parse(os.path.join(tmp, "th", "site", "item-prevention-6.html"))
    th_raw = th_idx.raw.decode()
    check('<html lang="th">' in th_raw, "Thai site: html lang")
    # Thai dates in the Buddhist era (the year plus 543), as the export.
    check("มีนาคม พ.ศ. 2543" in th_idx.alltext, f"Thai site: dates: {th_idx.alltext[:300]}")
    check("Countries" not in th_idx.alltext and "Completeness" not in th_idx.alltext,
          "Thai site: English words left")
    check("ใช่" in th_p6.alltext, "Thai site: yes/no not in Thai")
    # Country names in the site's language (iso-codes' Thai), free text in
    # the plan's.
    check('<bdi>จีน</bdi>' in th_raw and '<bdi>เวียดนาม</bdi>' in th_raw and
          '<bdi>ไทย</bdi>' in th_raw, "Thai site: country names not in Thai")
    th_p1 = parse(os.path.join(tmp, "th", "site", "item-prevention-1.html"))
    check('lang="vi"' in th_p1.raw.decode() and 'lang="zh-CN"' in th_p1.raw.decode(),
          "Thai site: answers lost their lang")
    r = aptest.run(["collect", "--lang", "xx", "in", "-o", "xx"], cwd=tmp, env=E)
    check(r.returncode == 3 and not os.path.exists(os.path.join(tmp, "xx")),
          f"--lang xx: status {r.returncode}")

    # 200 plans of 40 KB: no page over 1 MB.
    gen = os.path.join(aptest.SRC, "bench", "collect", "gen-bench.py")
    subprocess.run([sys.executable, gen, aptest.SRC, os.path.join(tmp, "big"), "200", "40000"],
                   check=True)
    r = aptest.run(["collect", "big", "-o", "big-out"], cwd=tmp, env=E)
    check(r.returncode == 0, f"200 plans: status {r.returncode} {r.stderr[-300:]!r}")
    sizes = {n: os.path.getsize(os.path.join(tmp, "big-out", "site", n))
             for n in os.listdir(os.path.join(tmp, "big-out", "site"))}
    largest = max(sizes, key=sizes.get)
    print(f"200 plans of 40 KB: {len(sizes)} pages, the largest {largest} "
          f"({sizes[largest]} bytes)")
    check(sizes[largest] <= 1 << 20, f"{largest} is {sizes[largest]} bytes")

    # More countries than a page of the grid holds: the grid goes on in
    # pages of its own, linked from the index, every country's row once.
    subprocess.run([sys.executable, gen, aptest.SRC, os.path.join(tmp, "many"), "250", "2000"],
                   check=True)
    r = aptest.run(["collect", "many", "-o", "many-out"], cwd=tmp, env=E)
    site = os.path.join(tmp, "many-out", "site")
    idx = parse(os.path.join(site, "index.html"))
    more = parse(os.path.join(site, "completeness-2.html"))
    check("completeness-2.html" in idx.links and "index.html#completeness" in more.links,
          "the pages of the grid are not linked to each other")
    rows = [h for p in (idx, more) for h in p.links if h.startswith("country-")]
    check(len(set(rows)) == 250, f"{len(set(rows))} countries in the grid's pages")
    check(not more.problems and "Countries 201 to 250" in idx.alltext,
          f"grid page: {more.problems}")

finish()
