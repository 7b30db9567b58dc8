#!/usr/bin/env python3
"""`actionplan collect --expect ROSTER` with a roster of 12 countries,
plans made from the reference plan for a copy of ARIAT whose country item
is `type: country`: 8 sent a final plan (Thailand's free-text "ไทย" and
Viet Nam's two spellings each grouped by code), Myanmar only a draft,
Indonesia a broken file, Singapore and Japan nothing; Australia is not on
the roster; a plan whose name is another country than its code is rejected
with both named; a free-text country holding a right-to-left override.
Every output (report.txt, the site's index, matrix.csv, submissions.yaml)
says so for each country, the override shown as <U+202E>; the outputs name
countries in the coordinator's language, in English where iso-codes has no
translation; without iso-codes collect says so once and compares names as
free text; a wrong roster line is reported at its place and nothing is
collected."""
import os
import re
import sqlite3
import unicodedata

import yaml

import aptest
from aptest import check, finish, tempdir

RLO = "\u202e"


def questionnaire(tmp):
    """ARIAT with its country item of type country, as ariat-roster."""
    text = open(os.path.join(aptest.SRC, "questionnaires", "ariat-2000.yaml"),
                encoding="utf-8").read()
    text = text.replace("id: ariat-2000\n", "id: ariat-roster\n", 1)
    m = re.search(r"      - id: country\n(        .*\n)+?(?=      - )", text)
    item = m.group(0)
    item = re.sub(r"        type: \w+\n", "        type: country\n", item)
    item = re.sub(r"        max_length: \d+\n", "", item)
    text = text[:m.start()] + item + text[m.end():]
    os.makedirs(os.path.join(tmp, "qdir"), exist_ok=True)
    with open(os.path.join(tmp, "qdir", "ariat-roster.yaml"), "w", encoding="utf-8") as f:
        f.write(text)


REFERENCE = open(os.path.join(aptest.SRC, "exports", "united-states-2000.yaml"),
                 encoding="utf-8").read()


def plan(tmp, rel, country, revision=1, status="final"):
    """The reference plan as another country's: country is a YAML value
    (a quoted name, or a {code, name} flow map)."""
    text = REFERENCE.replace('id: "ariat-2000"', 'id: "ariat-roster"', 1)
    # The reference plan stores its country by code (or, in an older
    # export, by name).
    for stored in ('  country:\n    code: "USA"\n    name: "United States"\n',
                   '  country: "United States of America"\n'):
        text = text.replace(stored, f"  country: {country}\n", 1)
    text = text.replace('status: "final"', f'status: "{status}"', 1)
    text = text.replace("revision: 1\n", f"revision: {revision}\n", 1)
    text = text.replace('modified: "2000-01-01T00:00:00Z"',
                        f'modified: "2000-0{revision}-15T08:00:00Z"', 1)
    path = os.path.join(tmp, "in", rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def env(tmp, **extra):
    return aptest.env(qdirs=[os.path.join(tmp, "qdir")], **extra)


def collect(tmp, *args, **extra):
    return aptest.run(["collect", *args], cwd=tmp, env=env(tmp, **extra))


def read(tmp, rel):
    return open(os.path.join(tmp, rel), encoding="utf-8").read()


ROSTER = """# ARIAT 2000: who should send a plan
THA
Việt Nam          # a name in Vietnamese (composed)
中国
KHM
lao people's democratic republic
MM                # alpha-2
Indonesia
Malaysia
PHL
Singapore
日本
USA
"""

with tempdir("ap-collect-") as tmp:
    questionnaire(tmp)
    # 8 final plans: Thailand by its Thai name as free text (mapped on
    # load), Viet Nam twice (a code, then a decomposed free-text name, a
    # later revision), the others by code and name.
    plan(tmp, "email/thailand.yaml", '"ไทย"')
    plan(tmp, "email/vn-1.yaml", "{code: VNM, name: Viet Nam}")
    plan(tmp, "usb/vn-2.yaml", '"  Vie\u0323\u0302t Nam "', revision=2)
    for code, name in [("CHN", "China"), ("KHM", "Cambodia"),
                       ("LAO", "Lao People's Democratic Republic"),
                       ("MYS", "Malaysia"), ("PHL", "Philippines"),
                       ("USA", "United States")]:
        plan(tmp, f"email/{code.lower()}.yaml", f'{{code: {code}, name: "{name}"}}')
    # Only a draft; a broken file (told by its name); nothing from
    # Singapore and Japan.
    plan(tmp, "usb/mmr.yaml", "{code: MMR, name: Myanmar}", revision=3, status="draft")
    with open(os.path.join(tmp, "in", "usb", "idn-2000-03.yaml"), "w") as f:
        f.write("format: actionplan-plan/1\nanswers: [unclosed\n")
    # Not on the roster; name and code of two countries; a hostile name.
    plan(tmp, "usb/aus.yaml", "{code: AUS, name: Australia}")
    plan(tmp, "usb/mismatch.yaml", "{code: THA, name: Viet Nam}")
    plan(tmp, "usb/hostile.yaml", '"Free' + RLO + 'donia"')
    with open(os.path.join(tmp, "roster.txt"), "w", encoding="utf-8") as f:
        f.write(ROSTER)

    r = collect(tmp, "in", "-o", "out", "--expect", "roster.txt")
    err = r.stderr.decode()
    check(r.returncode == 1, f"status {r.returncode}: {err}")
    check("10 plans collected into out; 1 resubmission replaced; 3 files rejected "
          "(see out/rejected.txt); 4 of 12 countries expected have no final plan" in err,
          f"summary: {err}")
    check("the code THA is Thailand but the name \"Viet Nam\" is Viet Nam (VNM): two "
          "different countries" in read(tmp, "out/rejected.txt"),
          f"name and code of two countries: {read(tmp, 'out/rejected.txt')}")

    # report.txt opens with the table: every expected country in the
    # roster's order, then those not on it.
    report = read(tmp, "out/report.txt")
    want = [("Thailand (THA)", "final: revision 1, 15 January 2000"),
            ("Viet Nam (VNM)", "final: revision 2, 15 February 2000"),
            ("China (CHN)", "final: revision 1"),
            ("Cambodia (KHM)", "final: revision 1"),
            ("Lao People's Democratic Repub...", "final: revision 1"),
            ("Myanmar (MMR)", "only a draft: revision 3, in/usb/"),
            ("Indonesia (IDN)", "rejected: in/usb/idn-2000-03.yaml:"),
            ("Malaysia (MYS)", "final: revision 1"),
            ("Philippines (PHL)", "final: revision 1"),
            ("Singapore (SGP)", "nothing received"),
            ("Japan (JPN)", "nothing received"),
            ("United States (USA)", "final: revision 1")]
    rows = re.findall(r"^(\S.*?)  +(final|only a draft|rejected|nothing received)(.*)$",
                      report.split("Received from countries not on the roster:")[0],
                      re.M)
    got = [(n.strip(), s + rest) for n, s, rest in rows]
    check(len(got) == 12 and all(g[0] == w[0] and g[1].startswith(w[1])
                                 for g, w in zip(got, want)),
          f"report.txt's table: {got}")
    check(report.index("COUNTRIES EXPECTED") < report.index("Plan details") and
          "12 countries expected (roster.txt): 8 final, 1 only a draft, 1 rejected,\n"
          "2 nothing received. 2 countries not on the roster sent files." in report,
          f"report.txt does not open with the table: {report[:800]}")
    others = report.split("Received from countries not on the roster:")[1].split("=====")[0]
    check("Australia (AUS)" in others and "Free<U+202E>donia" in others and
          "Thailand" not in others, f"not on the roster: {others}")
    # One Viet Nam, whatever its spellings; its first revision replaced.
    check(report.count("-- Viet Nam --") == report.count("-- Thailand --") > 0,
          "Viet Nam's two spellings are not one country")

    # The site's index: the same table first, each final plan linked to
    # its page, named by code.
    index = read(tmp, "out/site/index.html")
    check(index.index('id="received"') < index.index('id="completeness"'),
          "the index does not show the table first")
    for name, cls, text in [("Thailand (THA)", "final", "final: revision 1"),
                            ("Myanmar (MMR)", "draft", "only a draft: revision 3"),
                            ("Indonesia (IDN)", "rejected", "rejected: in/usb/idn-2000-03.yaml"),
                            ("Singapore (SGP)", "nothing", "nothing received"),
                            ("Japan (JPN)", "nothing", "nothing received")]:
        check(re.search(f'<bdi>{re.escape(name)}</bdi>(</a>)?</td><td class="{cls}">'
                        f'{re.escape(text)}', index),
              f"index: {name} is not {cls}")
    check('<a href="country-tha.html"><bdi>Thailand (THA)</bdi></a>' in index and
          os.path.exists(os.path.join(tmp, "out/site/country-vnm.html")) and
          os.path.exists(os.path.join(tmp, "out/plans/vnm.yaml")),
          "pages and copies not named by code")

    # matrix.csv: a row for every expected country, empty cells for those
    # without a final plan.
    matrix = read(tmp, "out/matrix.csv").splitlines()
    check(matrix[0].startswith("country,code,status,expected,date,"), f"header {matrix[0]}")
    cells = len(matrix[0].split(","))
    by_code = {l.split(",")[1]: l for l in matrix[1:] if not l.startswith('"')}
    for code, status in [("SGP", "nothing"), ("JPN", "nothing"), ("MMR", "draft"),
                         ("IDN", "rejected")]:
        row = by_code.get(code, "")
        check(re.match(f"[^,]+,{code},{status},yes" + "," * (cells - 4) + "$", row),
              f"matrix.csv: {code}: {row!r}")
    check(by_code.get("THA", "").startswith("Thailand,THA,final,yes,answered:") and
          by_code.get("AUS", "").startswith("Australia,AUS,final,no,") and
          len(matrix) == 1 + 12 + 2, f"matrix.csv rows: {[l[:30] for l in matrix]}")

    # submissions.yaml records it: codes and English names as data.
    doc = yaml.safe_load(read(tmp, "out/submissions.yaml"))
    states = {c["code"] or c["country"]: c for c in doc["countries"]}
    check(doc["roster"] == "roster.txt" and len(doc["countries"]) == 14 and
          [c["code"] for c in doc["countries"][:12]] ==
          ["THA", "VNM", "CHN", "KHM", "LAO", "MMR", "IDN", "MYS", "PHL", "SGP", "JPN", "USA"],
          f"submissions.yaml countries: {doc['countries']}")
    check(states["SGP"]["status"] == "nothing" and states["SGP"]["expected"] is True and
          states["MMR"]["status"] == "draft" and states["MMR"]["revision"] == 3 and
          states["IDN"]["status"] == "rejected" and "broken" in states["IDN"]["reason"] and
          states["VNM"]["revision"] == 2 and states["VNM"]["country"] == "Viet Nam" and
          states["AUS"]["expected"] is False and
          states["Free<U+202E>donia"]["status"] == "final",
          f"submissions.yaml statuses: {states}")
    # answers.sqlite (and the workbook's status sheet, made from the same
    # rows): every expected country, with what it sent.
    con = sqlite3.connect(os.path.join(tmp, "out", "answers.sqlite"))
    db = dict(con.execute("SELECT code, status FROM countries WHERE code IS NOT NULL"))
    check(db.get("SGP") == "not received" and db.get("JPN") == "not received" and
          db.get("MMR") == "draft only" and db.get("IDN") == "rejected" and
          db.get("THA") == "final" and db.get("AUS") == "final",
          f"answers.sqlite countries: {db}")
    check(con.execute("SELECT count(*) FROM rejected_files r JOIN countries c "
                      "ON r.country_id = c.id WHERE c.code = 'IDN'").fetchone()[0] == 1,
          "answers.sqlite: Indonesia's broken file not tied to Indonesia")
    con.close()
    vnm = [p for p in doc["plans"] if p["code"] == "VNM"]
    check(len(vnm) == 1 and [x["file"] for x in vnm[0]["replaced"]] == ["in/email/vn-1.yaml"],
          f"Viet Nam's two spellings: {vnm}")

    # The override shows as <U+202E> in every output, never raw.
    for rel in ["out/report.txt", "out/site/index.html", "out/matrix.csv",
                "out/submissions.yaml", "out/rejected.txt"]:
        data = read(tmp, rel)
        check(RLO not in data, f"{rel}: a raw U+202E")
        if rel != "out/rejected.txt":
            check("Free<U+202E>donia" in data or "Free&lt;U+202E&gt;donia" in data,
                  f"{rel}: the override not shown")
    check(RLO not in err, "stderr: a raw U+202E")

    # Names in the coordinator's language; English where iso-codes has no
    # translation (here: none at all).
    r = collect(tmp, "in", "-o", "th", "--expect", "roster.txt", "--lang", "th")
    th = read(tmp, "th/report.txt")
    check("ไทย (THA)" in th and "เวียดนาม (VNM)" in th and "ญี่ปุ่น (JPN)" in th and
          "ไทย,THA,final" in read(tmp, "th/matrix.csv") and
          '<bdi>จีน (CHN)</bdi>' in read(tmp, "th/site/index.html"),
          f"Thai names: {th[:1200]}")
    check(yaml.safe_load(read(tmp, "th/submissions.yaml"))["countries"][0]["country"] ==
          "Thailand", "submissions.yaml's names are not English data")
    empty = os.path.join(tmp, "no-translations")
    os.makedirs(empty)
    # (Saved as Windows editors save: a byte-order mark, CRLF.)
    with open(os.path.join(tmp, "codes.txt"), "wb") as f:
        f.write(b"\xef\xbb\xbfTHA\r\nJPN\r\n")
    r = collect(tmp, "in", "-o", "th-en", "--expect", "codes.txt", "--lang", "th",
                ACTIONPLAN_ISO_LOCALEDIR=empty)
    th_en = read(tmp, "th-en/report.txt") if r.returncode == 1 else r.stderr.decode()
    check(r.returncode == 1 and "Thailand (THA)" in th_en and "Japan (JPN)" in th_en and
          "ไทย (THA)" not in th_en, f"no translation: {r.stderr[-300:]!r} {th_en[:600]}")

    # Without iso-codes: said once, names compared as free text.
    with open(os.path.join(tmp, "names.txt"), "w", encoding="utf-8") as f:
        f.write("Australia\nChina\nSingapore\n")
    r = collect(tmp, "in", "-o", "noiso", "--expect", "names.txt",
                ACTIONPLAN_ISO_3166=os.path.join(tmp, "missing.json"))
    err = r.stderr.decode()
    check(r.returncode == 1 and err.count("missing.json") == 1 and
          err.count("countries are compared as free text") == 1,
          f"iso-codes missing: status {r.returncode}: {err}")
    noiso = read(tmp, "noiso/report.txt")
    check("Australia  " in noiso and "Singapore  " in noiso and "nothing received" in noiso and
          "(AUS)" not in noiso, f"without iso-codes: {noiso[:900]}")

    # Without --expect: every country seen, with its status.
    r = collect(tmp, "in", "-o", "plain")
    plain = read(tmp, "plain/report.txt")
    check(plain.index("COUNTRIES\n") < plain.index("Plan details") and
          re.search(r"^Myanmar \(MMR\) +only a draft", plain, re.M) and
          "Singapore" not in plain and "nothing received" not in plain.split("Plan details")[0]
          .split("Status")[1], f"without a roster: {plain[:900]}")
    check(read(tmp, "plain/matrix.csv").splitlines()[0].startswith("country,code,status,date,"),
          "matrix.csv without a roster has an expected column")

    # No final plan at all (only the draft and the broken file): the
    # report, the site and the matrix still say what each country sent.
    r = collect(tmp, "in/usb/mmr.yaml", "in/usb/idn-2000-03.yaml", "-o", "none",
                "--expect", "roster.txt")
    none = read(tmp, "none/report.txt") if r.returncode == 1 else ""
    check(none.startswith("No final plan was collected.") and
          re.search(r"^Myanmar \(MMR\) +only a draft", none, re.M) and
          re.search(r"^Singapore \(SGP\) +nothing received", none, re.M) and
          "Singapore,SGP,nothing,yes\n" in read(tmp, "none/matrix.csv") and
          '<td class="rejected">rejected: in/usb/idn-2000-03.yaml' in
          read(tmp, "none/site/index.html"),
          f"no plan taken: status {r.returncode} {r.stderr[-300:]!r} {none[:500]}")

    # A wrong roster: each bad line at its place, with what to write;
    # nothing collected.
    with open(os.path.join(tmp, "bad.txt"), "w", encoding="utf-8") as f:
        f.write("# roster\nTHA\n   Thailnd\nXX  # no such code\nไทย\n")
    r = collect(tmp, "in", "-o", "bad", "--expect", "bad.txt")
    err = r.stderr.decode()
    check(r.returncode == 2 and not os.path.exists(os.path.join(tmp, "bad")) and
          re.search(r"bad.txt:3:4: .*\"Thailnd\" is not a country of ISO 3166-1: did you mean "
                    r"Thailand \(THA\)", err) and
          "bad.txt:4:1: " in err and
          "bad.txt:5:1: warning: Thailand is listed already on line 2" in err,
          f"a wrong roster: status {r.returncode}: {err}")
    r = collect(tmp, "in", "-o", "bad", "--expect", "no-such-roster.txt")
    check(r.returncode == 3 and b"no-such-roster.txt" in r.stderr,
          f"a missing roster: status {r.returncode}")

    # check names both countries in the reader's language.
    r = aptest.run(["--lang", "th", "check", "in/usb/mismatch.yaml"], cwd=tmp,
                   env=env(tmp))
    out = unicodedata.normalize("NFC", (r.stdout + r.stderr).decode())
    check(r.returncode != 0 and "THA" in out and "ไทย" in out and "เวียดนาม" in out,
          f"check in Thai: {out}")

finish()
