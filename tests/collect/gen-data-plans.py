#!/usr/bin/env python3
"""Plans for the tests of collect's data outputs (answers.xlsx,
answers.sqlite): a copy of ARIAT as questionnaire ariat-data (its country
item of type country, its introduction without a length limit) and plans
of countries by code in Thai, Chinese, Vietnamese and English, with known
words in known plans, a resubmission, a draft, an incomplete plan, a
country named like a spreadsheet formula, answers that look like
formulas, numbers and dates, and one answer longer than a spreadsheet
cell holds.

Usage: gen-data-plans.py SOURCE_ROOT OUT_DIR
Writes OUT_DIR/qdir/ariat-data.yaml and OUT_DIR/in/*.yaml, and prints
nothing. Same arguments, same bytes. The test imports PLANS and WORDS."""
import os
import sys

import yaml

THAI_WORD = "ช่วยเหลือ"   # to help: in THA and LAO only
CHINESE_WORD = "热线"      # hotline: in CHN and SGP only
LONG_CHARS = 40000         # THA's introduction: more than a cell holds

TEXT = {
    "th": ["คณะกรรมการแห่งชาติประชุมทุกสามเดือน",
           "เจ้าหน้าที่ด่านชายแดนได้รับการอบรมเรื่องการคัดแยกผู้เสียหาย",
           "องค์กรพัฒนาเอกชนดำเนินการบ้านพักโดยได้รับงบประมาณจากรัฐ"],
    "zh-CN": ["国家委员会每三个月召开一次会议。",
              "边境官员接受了识别受害者的培训。",
              "非政府组织在政府资助下管理大部分庇护所。"],
    "vi": ["Ủy ban quốc gia họp ba tháng một lần để xem xét tiến độ.",
           "Cán bộ biên phòng được tập huấn về nhận diện nạn nhân.",
           "Phụ nữ và trẻ em hồi hương được hỗ trợ học nghề và vay vốn."],
    "en": ["The national committee meets every three months.",
           "Border officials received training on identifying victims.",
           "Radio spots warn young people about false offers of work."],
}
# Text a spreadsheet would take for something else.
TRICKY = ["=1+1", "+3", "-2", "@SUM(A1:A2)", "0012", "1e5", "TRUE",
          "2000-01-31", "_x0041_ stays as written"]

# code, name stored, language, words, revision, status, extra
PLANS = [
    ("THA", "Thailand", "th", [THAI_WORD], 1, "final", "r1"),
    ("THA", "Thailand", "th", [THAI_WORD], 2, "final", "long"),
    ("LAO", "Lao People's Democratic Republic", "th", [THAI_WORD], 1, "final", ""),
    ("CHN", "China", "zh-CN", [CHINESE_WORD], 1, "final", ""),
    ("SGP", "Singapore", "zh-CN", [CHINESE_WORD], 1, "final", ""),
    ("VNM", "Viet Nam", "vi", [], 1, "final", ""),
    ("KHM", "Cambodia", "en", [], 1, "final", "tricky"),
    (None, '=HYPERLINK("http://x","y")', "en", [], 1, "final", ""),
    ("MMR", "Myanmar", "en", [], 0, "draft", ""),
    ("BRN", "Brunei Darussalam", "en", [], 1, "final", "incomplete"),
]


def questionnaire(src):
    q = open(os.path.join(src, "questionnaires", "ariat-2000.yaml"),
             encoding="utf-8").read()
    q = q.replace("id: ariat-2000\n", "id: ariat-data\n", 1)
    # ARIAT's own country item is of type country already; an older
    # copy of it is made so.
    old = ("      - id: country\n        title: Country\n        type: line\n"
           "        required: true\n        max_length: 100\n")
    q = q.replace(old, "      - id: country\n        title: Country\n"
                  "        type: country\n        required: true\n", 1)
    assert "      - id: country\n        title: Country\n        type: country\n" in q
    old = "        type: text\n        required: true\n        max_length: 20000\n"
    i = q.index("  - id: introduction")
    j = q.index(old, i)
    q = q[:j] + "        type: text\n        required: true\n" + q[j + len(old):]
    return q


def answer_text(lang, k, words, item_no):
    s = TEXT[lang][(k + item_no) % 3]
    if words and item_no % 4 == 0:
        sep = "" if lang in ("th", "zh-CN") else " "
        s = s + sep + words[0] + sep + TEXT[lang][(k + 1) % 3]
    return s


def make_plan(qn, k, entry):
    code, name, lang, words, revision, status, extra = entry
    details, answers, texts = {}, {}, []
    n = 0
    for sec in qn["sections"]:
        for it in sec["items"]:
            iid, t = it["id"], it["type"]
            n += 1
            if iid == "country":
                v = {"code": code, "name": name} if code else name
            elif iid == "date":
                v = "2000-0%d" % (1 + k % 9)
            elif iid == "agency":
                v = "Ministry of Social Welfare"
            elif iid == "contact":
                v = "Office of the Coordinator"
            elif iid == "email":
                v = "ariat@example.invalid"
            elif iid == "language":
                v = lang
            elif t == "yesno":
                v = ["yes", "no"][(k + n) % 2]
                if it.get("explain"):
                    v = {"value": v, "explanation": answer_text(lang, k, words, n)}
            elif t == "multi":
                ids = [c["id"] for c in it["choices"]]
                v = {"value": ids[: 1 + k % 2],
                     "explanation": answer_text(lang, k, words, n)}
            elif t == "choice":
                v = it["choices"][k % len(it["choices"])]["id"]
            else:
                v = answer_text(lang, k, words, n)
                if t == "text" and not sec.get("details"):
                    texts.append(iid)
            (details if sec.get("details") else answers)[iid] = v
    if extra == "long":
        unit = TEXT["th"][0]
        answers["introduction"] = (unit * (LONG_CHARS // len(unit) + 1))[:LONG_CHARS]
    if extra == "tricky":
        for i, t in zip(texts[1:], TRICKY):
            answers[i] = t
    if extra == "incomplete":
        del answers["prevention.3"]
    p1 = answers.get("prosecution.1")
    if isinstance(p1, dict) and p1["value"] == "yes":
        answers.pop("prosecution.2", None)
    return {
        "format": "actionplan-plan/1",
        "questionnaire": {"id": "ariat-data", "version": 1},
        "status": status,
        "revision": revision,
        "created": "2000-01-05T08:00:00Z",
        "modified": "2000-0%d-20T08:00:00Z" % (1 + revision),
        "details": details,
        "answers": answers,
    }


def main():
    src, out = sys.argv[1], sys.argv[2]
    q = questionnaire(src)
    os.makedirs(os.path.join(out, "qdir"), exist_ok=True)
    os.makedirs(os.path.join(out, "in"), exist_ok=True)
    with open(os.path.join(out, "qdir", "ariat-data.yaml"), "w",
              encoding="utf-8") as f:
        f.write(q)
    qn = yaml.safe_load(q)
    for k, e in enumerate(PLANS):
        name = "%02d-%s-r%d.yaml" % (k, (e[0] or "formula").lower(), e[4])
        with open(os.path.join(out, "in", name), "w", encoding="utf-8") as f:
            yaml.safe_dump(make_plan(qn, k, e), f, allow_unicode=True,
                           sort_keys=False, width=10**6)


if __name__ == "__main__":
    main()
