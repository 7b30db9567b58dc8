#!/usr/bin/env python3
"""collect's answers as data, opened by the real programs: answers.xlsx
read by python3-openpyxl and by LibreOffice (soffice --headless
--convert-to csv, every sheet) and answers.sqlite by the sqlite3 program.

- The workbook: a first sheet with every country's status (final with
  revision and time, draft only, rejected and why), then a sheet per
  section; every Thai, Chinese and Vietnamese answer identical to the
  plan's in both readers; no cell is a formula (not in the XML, not in
  LibreOffice's values: "=1+1" stays "=1+1"), text that looks like a
  number or a date stays text; yes/no in the coordinator's language
  (--lang th), dates as dates; header row and country column frozen,
  wrapped text, column widths; the answer longer than a cell cut at 32,767
  characters with a note, and listed in rejected.txt's warnings; the same
  plans give the same bytes.
- The database: PRAGMA integrity_check and foreign_key_check pass; the
  three example queries of README.md run and give what the plans say; a
  full-text query for a Thai word and for a Chinese word finds exactly the
  plans that hold it; every plan taken and the resubmission it replaced,
  with SHA-256; items in each language installed; byte-identical from run
  to run.
- matrix.csv: the country named like a formula is neutralised, with and
  without --excel.

Skips (77) when openpyxl, soffice or sqlite3 is missing (install them with
.ci/install-deps --tests)."""
import csv
import glob
import gettext
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile

import aptest
from aptest import check, finish, tempdir

try:
    import openpyxl
except ImportError:
    aptest.skip("python3-openpyxl is not installed")
SOFFICE = shutil.which("soffice")
SQLITE3 = shutil.which("sqlite3")
if not SOFFICE or not SQLITE3:
    aptest.skip("soffice (libreoffice-calc-nogui) or sqlite3 is missing")

gen = __import__("gen-data-plans")

CELL_MAX = 32767


def th(msgid, ctx=None):
    """msgid in the Thai catalog the program uses."""
    mo = os.path.join(aptest.PODIR, "th", "LC_MESSAGES", "actionplan.mo")
    t = gettext.GNUTranslations(open(mo, "rb"))
    return t.pgettext(ctx, msgid) if ctx else t.gettext(msgid)


def collect(tmp, out, *opts):
    # Only the generated questionnaire.
    env = aptest.env(ACTIONPLAN_QUESTIONNAIRES=os.path.join(tmp, "qdir"))
    return aptest.run(["collect", *opts, "in", "-o", out], cwd=tmp, env=env)


def sqlite_cli(db, sql):
    r = subprocess.run([SQLITE3, "-batch", "-bail", db], input=sql.encode(),
                       capture_output=True, timeout=60)
    check(r.returncode == 0, f"sqlite3 failed on {sql[:200]!r}: {r.stderr!r}")
    return r.stdout.decode()


def readme_queries():
    """The example queries of README.md's answers.sqlite section: each
    ```sql block's statements, with the comment line above each."""
    text = open(os.path.join(aptest.SRC, "README.md"), encoding="utf-8").read()
    m = re.search(r"### answers\.sqlite.*?```sql\n(.*?)```", text, re.S)
    if not check(m, "README.md has no ```sql block under ### answers.sqlite"):
        return []
    return [q.strip() + ";" for q in m.group(1).split(";") if q.strip()]


with tempdir("ap-collect-") as tmp:
    aptest.plan_set(tmp, "collect/gen-data-plans.py")
    r = collect(tmp, "out", "--lang", "th")
    check(r.returncode == 1, f"exit {r.returncode}, want 1: {r.stderr[-500:]!r}")
    out = os.path.join(tmp, "out")
    xlsx = os.path.join(out, "answers.xlsx")
    db = os.path.join(out, "answers.sqlite")
    check(os.path.exists(xlsx) and os.path.exists(db), "answers.xlsx or "
          "answers.sqlite not written")
    leftovers = [f for f in os.listdir(out) if f.startswith(".") and
                 f != ".actionplan-collect"] + \
        [f for f in os.listdir(out) if "-journal" in f or "-wal" in f]
    check(not leftovers, f"files left beside the outputs: {leftovers}")

    # What the plans say, from the plan files themselves.
    import yaml
    qn = yaml.safe_load(open(os.path.join(tmp, "qdir", "ariat-data.yaml"),
                             encoding="utf-8"))
    items = {it["id"]: it for s in qn["sections"] for it in s["items"]}
    plans = {}
    for path in sorted(glob.glob(os.path.join(tmp, "in", "*.yaml"))):
        p = yaml.safe_load(open(path, encoding="utf-8"))
        c = p["details"]["country"]
        key = c["code"] if isinstance(c, dict) else c
        if p["status"] == "final" and "prevention.3" in p["answers"]:
            if key not in plans or p["revision"] > plans[key]["revision"]:
                plans[key] = p
    names_th = {"THA": "ไทย", "CHN": "จีน", "VNM": "เวียดนาม"}

    # ---- The workbook, through openpyxl ----
    wb = openpyxl.load_workbook(xlsx)
    status = wb.worksheets[0]
    check(status.title == th("Status"), f"first sheet {status.title!r}")
    rows = [[c.value for c in row] for row in status.iter_rows()]
    by_code = {row[1]: row for row in rows[1:] if row[1]}
    check(rows[0][0] == th("Country"), f"status header {rows[0]!r}")
    want = {"THA": "final", "CHN": "final", "SGP": "final", "LAO": "final",
            "VNM": "final", "KHM": "final", "MMR": "draft only",
            "BRN": "rejected"}
    for code, word in want.items():
        row = by_code.get(code)
        if not check(row, f"status sheet: no row for {code}"):
            continue
        check(row[2] == th(word, "status"),
              f"{code}: status {row[2]!r}, want {th(word, 'status')!r}")
        if code in names_th:
            check(row[0] == names_th[code], f"{code}: name {row[0]!r}")
        # The signature of the plan taken, as report.txt says it
        # (collect was given no keys: unsigned plans say so).
        if word == "final":
            check(row[8] == th("not signed"),
                  f"{code}: signature {row[8]!r}, want "
                  f"{th('not signed')!r}")
        else:
            check(row[8] is None, f"{code}: signature {row[8]!r} for a "
                  "country without a plan taken")
    check(rows[0][8] == th("Signature"), f"status header {rows[0]!r}")
    tha = by_code.get("THA")
    if tha:
        check(tha[3] == 2, f"THA revision {tha[3]!r}, want 2")
        check(str(tha[4]) == "2000-03-20 08:00:00",
              f"THA modified {tha[4]!r} is not the date 2000-03-20 08:00")
    brn = by_code.get("BRN")
    if brn:
        check(brn[7] and "Prevention 3" in brn[7], f"BRN: why {brn[7]!r}")
    check(any(row[0] == '=HYPERLINK("http://x","y")' for row in rows),
          "the country named like a formula is not kept as its text")

    # A section sheet's row per country, a column per item.
    def sheet_rows(ws):
        head = [c.value for c in ws[1]]
        return head, {r[0].value: r for r in ws.iter_rows(min_row=2)}

    seen_text = 0
    for ws in wb.worksheets:
        check(ws.freeze_panes == "B2", f"{ws.title}: frozen at {ws.freeze_panes}")
        check(ws.column_dimensions["A"].width >= 20 and
              ws.column_dimensions["B"].width >= 8,
              f"{ws.title}: column widths not set")
    sec_sheets = wb.worksheets[1:]
    check(len(sec_sheets) == len(qn["sections"]),
          f"{len(sec_sheets)} section sheets for {len(qn['sections'])} sections")
    for sec, ws in zip(qn["sections"], sec_sheets):
        head, body = sheet_rows(ws)
        ids = [it["id"] for it in sec["items"] if it["id"] != "country"]
        for code, p in plans.items():
            name = names_th.get(code)
            row = body.get(name) if name else None
            if row is None:
                continue
            for col, iid in enumerate(ids, start=1):
                ans = {**p["details"], **p["answers"]}.get(iid)
                cell = row[col]
                t = items[iid]["type"]
                if t == "text" and isinstance(ans, str) and len(ans) < 30000:
                    seen_text += 1
                    check(cell.value == ans and cell.data_type == "s",
                          f"{code} {iid}: cell {str(cell.value)[:60]!r} is not "
                          f"the plan's {ans[:60]!r}")
                    check(cell.alignment.wrap_text,
                          f"{code} {iid}: text not wrapped")
                elif t == "yesno":
                    v = ans["value"] if isinstance(ans, dict) else ans
                    word = th({"yes": "Yes", "no": "No"}[v])
                    check(str(cell.value).startswith(word),
                          f"{code} {iid}: {cell.value!r}, want {word!r}")
                elif t == "date":
                    check(cell.is_date and cell.value.strftime("%Y-%m") == ans,
                          f"{code} {iid}: {cell.value!r} is not the date {ans}")
    check(seen_text >= 3 * 20, f"only {seen_text} Thai/Chinese/Vietnamese "
          "answers compared")

    # The tricky answers stay text, as written. openpyxl 3.0.9 does not
    # decode the format's escape _xHHHH_ (Excel and LibreOffice do, and
    # LibreOffice's reading is checked below), so it is decoded here.
    def xstring(v):
        return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)),
                      v) if isinstance(v, str) else v

    khm = None
    for ws in sec_sheets:
        for row in ws.iter_rows(min_row=2):
            if row[0].value in ("กัมพูชา", "Cambodia"):
                for c in row[1:]:
                    if xstring(c.value) in gen.TRICKY:
                        check(c.data_type == "s", f"{c.value!r} not text")
                        khm = (khm or set()) | {xstring(c.value)}
    check(khm == set(gen.TRICKY), f"tricky answers found as text: {khm}")

    # The long answer: cut at the cell's limit, with a note; listed.
    intro = wb.worksheets[2]
    long_cell = None
    for row in intro.iter_rows(min_row=2):
        if row[0].value == "ไทย":
            long_cell = row[1].value
    if check(long_cell, "no Introduction cell for Thailand"):
        whole = plans["THA"]["answers"]["introduction"]
        check(len(long_cell) <= CELL_MAX, f"long cell {len(long_cell)} > {CELL_MAX}")
        check(len(long_cell) > CELL_MAX - 400, f"long cell cut at {len(long_cell)}")
        body_len = long_cell.index("\n\n")
        check(whole.startswith(long_cell[:body_len]), "long cell is not the answer's start")
        check("40000" in long_cell[body_len:] and "plans/" in long_cell[body_len:],
              f"no note in the cut cell: {long_cell[body_len:]!r}")
    check(re.search(r"01-tha-r2\.yaml.*answers\.xlsx: .*40000.*32767",
                    r.stderr.decode()), f"no warning on stderr: {r.stderr[-600:]!r}")
    rejected = open(os.path.join(out, "rejected.txt"), encoding="utf-8").read()
    check(re.search(r"\n\n.*\n.*01-tha-r2\.yaml: answers\.xlsx: .*introduction.*"
                    r"40000.*32767", rejected),
          f"rejected.txt does not warn of the cut answer:\n{rejected}")

    # No formula anywhere in the file, whatever openpyxl makes of it.
    with zipfile.ZipFile(xlsx) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/"):
                data = z.read(n).decode()
                check("<f>" not in data and "<f " not in data, f"{n}: a formula")
                check(not re.search(r'<c [^>]*t="(?:str|e|b)"', data),
                      f"{n}: a cell of a type other than text, number, date")

    # ---- The workbook, through LibreOffice ----
    lo = os.path.join(tmp, "lo")
    r = subprocess.run(
        [SOFFICE, "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile"),
         "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", lo, xlsx], capture_output=True, timeout=240)
    check(r.returncode == 0, f"soffice failed: {r.stderr[-500:]!r}")
    lo_cells = {}
    for sec, ws in zip(qn["sections"], sec_sheets):
        path = os.path.join(lo, "answers-%s.csv" % ws.title)
        if not check(os.path.exists(path), f"LibreOffice wrote no {path}"):
            continue
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        ids = [it["id"] for it in sec["items"] if it["id"] != "country"]
        for row in rows[1:]:
            for iid, v in zip(ids, row[1:]):
                lo_cells[(row[0], iid)] = v
    compared = 0
    for code, name in names_th.items():
        p = plans[code]
        for iid, ans in {**p["details"], **p["answers"]}.items():
            if items[iid]["type"] == "text" and isinstance(ans, str) and len(ans) < 30000:
                got = lo_cells.get((name, iid))
                compared += 1
                check(got == ans, f"LibreOffice: {code} {iid}: {str(got)[:60]!r} "
                      f"is not the plan's {ans[:60]!r}")
    check(compared >= 3 * 20, f"LibreOffice: only {compared} answers compared")
    lo_all = "".join(open(f, encoding="utf-8").read()
                     for f in glob.glob(os.path.join(lo, "*.csv")))
    for t in gen.TRICKY:
        check(t in lo_all, f"LibreOffice: {t!r} not kept as written")
    check("=HYPERLINK" in lo_all, "LibreOffice: the formula-like country is gone")

    # ---- The database, through the sqlite3 program ----
    check(sqlite_cli(db, "PRAGMA integrity_check;").strip() == "ok",
          "integrity_check")
    check(sqlite_cli(db, "PRAGMA foreign_keys = ON; PRAGMA foreign_key_check;")
          .strip() == "", "foreign_key_check")
    queries = readme_queries()
    check(len(queries) == 3, f"README.md has {len(queries)} example queries, want 3")
    results = [sqlite_cli(db, q) for q in queries]
    if len(results) == 3:
        # 1: who mentions a hotline (the Chinese word is in CHN and SGP).
        check(set(results[0].split()) == {"CHN", "SGP"},
              f"query 1 (hotline) gave {results[0]!r}")
        # 2: countries without a final plan, and why.
        check("BRN|rejected|" in results[1] and "MMR|draft only|" in results[1]
              and "THA" not in results[1], f"query 2 gave {results[1]!r}")
        # 3: each country's plans and the ones they replaced.
        check(re.search(r"THA\|2\|taken\|[0-9a-f]{64}\|[^\n]*\nTHA\|1\|replaced\|",
                        results[2]),
              f"query 3 gave {results[2]!r}")

    def fts(word):
        return set(sqlite_cli(db, f"""
            SELECT DISTINCT c.code FROM answers_fts
            JOIN answers a ON a.id = answers_fts.rowid
            JOIN plans p ON p.id = a.plan_id
            JOIN countries c ON c.id = p.country_id
            WHERE answers_fts MATCH '"{word}"';""").split())

    def holding(word):
        return {k for k, p in plans.items()
                if word in yaml.safe_dump(p["answers"], allow_unicode=True)}

    check(fts(gen.THAI_WORD) == holding(gen.THAI_WORD) == {"THA", "LAO"},
          f"Thai word: found {fts(gen.THAI_WORD)}, held by {holding(gen.THAI_WORD)}")
    check(fts(gen.CHINESE_WORD) == holding(gen.CHINESE_WORD) == {"CHN", "SGP"},
          f"Chinese word: found {fts(gen.CHINESE_WORD)}, held by "
          f"{holding(gen.CHINESE_WORD)}")
    check(fts("tập huấn") == holding("tập huấn"), "Vietnamese words")

    con = sqlite3.connect(db)
    sha = hashlib.sha256(open(os.path.join(tmp, "in", "00-tha-r1.yaml"), "rb")
                         .read()).hexdigest()
    check(con.execute("SELECT status, revision, replaced_by IS NOT NULL FROM plans "
                      "WHERE sha256 = ?", (sha,)).fetchall() == [("replaced", 1, 1)],
          "THA's first revision is not recorded as replaced, with its SHA-256")
    langs = {r[0] for r in con.execute("SELECT DISTINCT lang FROM item_texts")}
    check(langs == {"en", "th", "vi", "zh-CN"}, f"item_texts languages {langs}")
    differ = con.execute("SELECT count(*) FROM item_texts t JOIN item_texts e "
                         "ON e.item_id = t.item_id AND e.lang = 'en' WHERE "
                         "t.lang = 'th' AND t.title <> e.title").fetchone()[0]
    check(differ > 30, f"only {differ} Thai item titles are Thai")
    whole = con.execute("SELECT length(a.text) FROM answers a JOIN items i ON "
                        "i.id = a.item_id JOIN plans p ON p.id = a.plan_id "
                        "JOIN countries c ON c.id = p.country_id WHERE "
                        "c.code = 'THA' AND i.item = 'introduction'").fetchone()
    check(whole == (gen.LONG_CHARS,), f"the database cut the long answer: {whole}")
    # A choice of several: value holds its ids, one a line, nothing else
    # (it once began with the word-cut text of the answer before it).
    bad = [row for row in con.execute(
        "SELECT a.id, a.value, group_concat(ac.choice, char(10)) FROM answers a "
        "JOIN answer_choices ac ON ac.answer_id = a.id GROUP BY a.id")
        if sorted((row[1] or "").split("\n")) != sorted(row[2].split("\n"))]
    check(not bad, f"answers.value is not the choices chosen: {bad[:2]}")
    con.close()

    # ---- The same plans, the same bytes; matrix.csv in both variants ----
    r2 = collect(tmp, "again", "--lang", "th")
    for name in ["answers.xlsx", "answers.sqlite"]:
        a = open(os.path.join(out, name), "rb").read()
        b = open(os.path.join(tmp, "again", name), "rb").read()
        check(a == b, f"{name} differs between two runs on the same plans")
    r3 = collect(tmp, "excel", "--excel")
    for d in ["out", "excel"]:
        m = open(os.path.join(tmp, d, "matrix.csv"), encoding="utf-8-sig").read()
        check('"\'=HYPERLINK(""http://x"",""y"")"' in m and
              "\n=HYPERLINK" not in m,
              f"{d}/matrix.csv: the formula-like country not neutralised")

finish()
