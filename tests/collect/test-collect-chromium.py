#!/usr/bin/env python3
"""The collected site in a real browser: headless Chromium (Debian's
chromium package) renders a country page (Thai answers) and a section page
(every country), and the text it shows is the plans' text, the hostile
plan's markup included as text, with no element injected. Skipped (77)
without /usr/bin/chromium."""
import html.parser
import os
import subprocess
import sys

from common import check, finish, generate, run, tempdir

CHROMIUM = os.environ.get("AP_CHROMIUM", "/usr/bin/chromium")
if not os.access(CHROMIUM, os.X_OK):
    print(f"{CHROMIUM} not found: skipped")
    sys.exit(77)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def render(tmp, page):
    profile = os.path.join(tmp, "chromium-profile")
    r = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--user-data-dir=" + profile, "--dump-dom", "file://" + page],
        capture_output=True, timeout=120, env=dict(os.environ, HOME=tmp))
    if r.returncode != 0 or not r.stdout:
        check(False, f"chromium failed on {page}: {r.returncode} {r.stderr[-500:]!r}")
        return None, ""
    d = Dom()
    d.feed(r.stdout.decode("utf-8"))
    return d, " ".join("".join(d.text).split())


with tempdir() as tmp:
    generate(tmp)
    r = run(tmp, "collect", "in", "-o", "out")
    check(r.returncode == 1, f"collect: status {r.returncode}")
    site = os.path.join(tmp, "out", "site")

    dom, text = render(tmp, os.path.join(site, "country-thailand.html"))
    if dom:
        for want in ["Prevention | Protection | Reintegration | Prosecution",
                     "Countries", "Thailand", "1. National anti-trafficking action plan:",
                     "คณะกรรมการแห่งชาติประชุมทุกสามเดือนเพื่อติดตามความคืบหน้า"
                     if "คณะกรรมการแห่งชาติประชุมทุกสามเดือนเพื่อติดตามความคืบหน้า" in
                     open(os.path.join(site, "country-thailand.html"), encoding="utf-8").read()
                     else "ผู้"]:
            check(want in text, f"Thailand's rendered page lacks {want!r}")
        check(("html", {"lang": "en"}) in dom.tags, "page language")

    dom, text = render(tmp, os.path.join(site, "section-prevention.html"))
    if dom:
        for want in ["Prevention", "Cambodia", "中国", "Việt Nam", "Thailand",
                     "<script>alert(1)</script><U+202E>gpj.exe",
                     "2. Government cooperation with international organizations"]:
            check(want in text, f"the rendered Prevention page lacks {want!r}")
        check(not any(t in ("script", "img") for t, _ in dom.tags),
              "an element was injected into the Prevention page")

    dom, text = render(tmp, os.path.join(
        site, "country-script-alert-1-script-u-202e-gpj-exe.html"))
    if dom:
        for want in ["<script>alert(1)</script> & \"quotes\" 'apostrophes'",
                     "\"><img src=x onerror=alert(1)>", "O'Brien & <b>Partners</b>"]:
            check(want in text, f"the hostile page does not show {want!r} as text")
        check(not any(t in ("script", "img", "b") or
                      any(k.startswith("on") for k in a) for t, a in dom.tags),
              "an element or handler was injected into the hostile page")

finish()
