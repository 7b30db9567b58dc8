#!/usr/bin/env python3
"""The collected site in a real browser: headless Chromium (Debian's
chromium package) driven through its DevTools protocol. In English and in
Thai, the index, a section page and item pages lay out at 1280 and at 390
CSS pixels (the page never scrolls sideways and no element is wider than
the viewport, but inside a scroll box that is not) and are saved as
screenshots (build/meson-logs/collect-screenshots/); every answer of every
plan is in the DOM of its item page; the hostile plan's markup shows as
text, with no element or handler injected. Skipped (77) without
/usr/bin/chromium."""
import os

import yaml

from browser import CHROMIUM, Browser
import aptest
from aptest import check, finish, tempdir

if not os.access(CHROMIUM, os.X_OK):
    aptest.skip(f"{CHROMIUM} not found")

SHOTS = os.environ.get("AP_SCREENSHOTS") or os.path.join(
    aptest.BUILD, "meson-logs", "collect-screenshots")

# Elements wider than the viewport or off its edges, but those inside a
# box that scrolls (or clips) sideways, which may hold a wide table.
LAYOUT = """(() => {
  const vw = document.documentElement.clientWidth, bad = [];
  if (document.documentElement.scrollWidth > vw)
    bad.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
  for (const el of document.body.querySelectorAll('*')) {
    let p = el.parentElement, inside = false;
    for (; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { inside = true; break; }
    }
    if (inside) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5))
      bad.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
               ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return bad.slice(0, 8);
})()"""

TAGS = "Array.from(document.querySelectorAll('*'), e => [e.tagName.toLowerCase(), " \
       "Array.from(e.attributes, a => a.name)])"


def flat(s):
    return " ".join(s.split())


def answers(plan):
    """Every answer of a plan as the text the site shows of it."""
    out = {}
    for iid, v in plan["answers"].items():
        texts = []
        if isinstance(v, dict):
            if isinstance(v.get("value"), str) and v["value"] not in ("yes", "no"):
                texts.append(v["value"])
            texts.append(v.get("explanation") or "")
        elif v not in ("yes", "no"):
            texts.append(v)
        # Controls and bidirectional controls show in the notation of the
        # one harmless-text rule ("<U+001B>").
        out[iid] = [flat(shown(p.replace("* ", "").replace("- ", "")))
                    for t in texts for p in t.split("\n") if p.strip()]
    return out


def shown(s):
    """s as the harmless-text rule shows it (src/base/utext_show.h)."""
    def escaped(c):
        o = ord(c)
        return ((o < 0x20 and c not in "\t\n") or 0x7f <= o <= 0x9f or
                o in (0x061c, 0x200e, 0x200f, 0x2028, 0x2029) or
                0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069 or
                0xfdd0 <= o <= 0xfdef or (o & 0xfffe) == 0xfffe)
    return "".join(f"<U+{ord(c):04X}>" if escaped(c) else c for c in s)


with tempdir("ap-collect-") as tmp:
    E = aptest.plan_set(tmp)
    os.makedirs(SHOTS, exist_ok=True)
    for lang in ["en", "th"]:
        r = aptest.run(["collect", "--lang", lang, "in", "-o", lang], cwd=tmp, env=E)
        check(r.returncode == 1, f"collect --lang {lang}: status {r.returncode}")
    subs = yaml.safe_load(open(os.path.join(tmp, "en", "submissions.yaml"), encoding="utf-8"))
    plans = [(e, yaml.safe_load(open(os.path.join(tmp, e["file"]), encoding="utf-8")))
             for e in subs["plans"] if e["version"] == 1]
    site = {lang: os.path.join(tmp, lang, "site") for lang in ["en", "th"]}
    laid_out = shots = 0
    with Browser(tmp) as b:
        # Layout and screenshots: the index, a section, a text item and a
        # yes/no item, in both languages, at both widths.
        for lang in ["en", "th"]:
            for page in ["index.html", "section-prevention.html",
                         "item-prevention-2.html", "item-prevention-6.html"]:
                for width in [1280, 390]:
                    b.open("file://" + os.path.join(site[lang], page), width=width)
                    bad = b.eval(LAYOUT)
                    check(not bad, f"{lang}/{page} at {width} px: wider than the "
                                   f"viewport: {bad}")
                    check(b.eval("document.documentElement.lang") == lang,
                          f"{lang}/{page}: lang {b.eval('document.documentElement.lang')}")
                    name = f"{lang}-{page[:-5]}-{width}.png"
                    b.screenshot(os.path.join(SHOTS, name))
                    laid_out += 1
                    shots += 1
        # Every answer of every plan in the DOM of its item's page.
        items = sorted({iid for _, p in plans for iid in p["answers"]})
        missing = 0
        for iid in items:
            b.open("file://" + os.path.join(site["en"], "item-" + iid.replace(".", "-") + ".html"))
            text = flat(b.eval("document.body.innerText"))
            bad = b.eval(LAYOUT)
            check(not bad, f"item page of {iid}: {bad}")
            for e, plan in plans:
                for para in answers(plan).get(iid, []):
                    if para not in text:
                        missing += 1
                        check(False, f"{e['country']}'s answer to {iid} not in the DOM: "
                                     f"{para[:40]!r}")
            tags = b.eval(TAGS)
            check(not any(t in ("script", "img") or any(a.startswith("on") for a in attrs)
                          for t, attrs in tags), f"{iid}: an element or handler injected")
        # The hostile plan, as text.
        b.open("file://" + os.path.join(site["en"], "country-script-alert-1-script-u-202e-gpj-exe.html"))
        text = flat(b.eval("document.body.innerText"))
        for want in ["<script>alert(1)</script> & \"quotes\" 'apostrophes'",
                     "\"><img src=x onerror=alert(1)>", "O'Brien & <b>Partners</b>"]:
            check(want in text, f"the hostile page does not show {want!r} as text")
        tags = b.eval(TAGS)
        check(not any(t in ("script", "img", "b") or any(a.startswith("on") for a in attrs)
                      for t, attrs in tags),
              "an element or handler was injected into the hostile page")
        # The Thai site shows Thai words and Thai answers.
        b.open("file://" + os.path.join(site["th"], "item-prevention-6.html"))
        text = b.eval("document.body.innerText")
        check("ใช่" in text and "ไม่ใช่" in text, "the Thai item page lacks ใช่/ไม่ใช่")
    print(f"{laid_out} page layouts checked at 1280 and 390 px, {shots} screenshots in "
          f"{SHOTS}; answers of {len(plans)} plans on {len(items)} item pages, "
          f"{missing} missing")

finish()
