#!/usr/bin/env python3
"""Generates a deterministic set of country plans for the collect tests, as
coordinators receive them: many countries and languages (Thai, Vietnamese,
Chinese, English), resubmissions (revisions 1, 2, 3; equal revisions told
apart by their timestamps; the same country typed in another case; a
conflict of two different plans with the same revision and time; a copy;
a symbolic link to a plan), a draft,
broken and incomplete files, files that are not plans, a plan of version 2
of a copied questionnaire (in its own questionnaires folder) and one of a
version nobody has, a symbolic link to a folder, and hostile text aimed at
the HTML site.

Usage: gen-plans.py SOURCE_ROOT OUT_DIR
Writes OUT_DIR/in/... (the plans) and OUT_DIR/qdir/ (the copied
questionnaire, version 2). Same arguments, same bytes."""
import os
import random
import sys

import yaml

SRC, OUT = sys.argv[1], sys.argv[2]
rng = random.Random(20000131)

QN = yaml.safe_load(open(os.path.join(SRC, "questionnaires", "ariat-2000.yaml"),
                         encoding="utf-8"))
ITEMS = [(s, it) for s in QN["sections"] for it in s["items"]]

SENTENCES = {
    "en": [
        "The national committee meets every three months to review progress.",
        "Provincial offices report cases to the ministry within thirty days.",
        "Non-governmental organizations run most of the shelters, with public funding.",
        "Border officials received training on identifying victims in 1999.",
        "A hotline answers calls in four languages, day and night.",
        "Prosecutors work with social workers so that victims are heard as witnesses.",
        "Radio spots warn young people about false offers of work abroad.",
        "The plan will be reviewed with the neighbouring countries next year.",
    ],
    "th": [
        "คณะกรรมการแห่งชาติประชุมทุกสามเดือนเพื่อติดตามความคืบหน้า",
        "สำนักงานจังหวัดรายงานคดีต่อกระทรวงภายในสามสิบวัน",
        "องค์กรพัฒนาเอกชนดำเนินการบ้านพักผู้เสียหายโดยได้รับงบประมาณจากรัฐ",
        "เจ้าหน้าที่ด่านชายแดนได้รับการอบรมเรื่องการคัดแยกผู้เสียหาย",
        "สายด่วนให้บริการตลอดยี่สิบสี่ชั่วโมงในสี่ภาษา",
        "ผู้ใหญ่บ้านช่วยเผยแพร่ข้อมูลเรื่องการหลอกลวงไปทำงานต่างประเทศ",
    ],
    "vi": [
        "Ủy ban quốc gia họp ba tháng một lần để xem xét tiến độ.",
        "Các tỉnh báo cáo vụ việc lên bộ trong vòng ba mươi ngày.",
        "Các tổ chức phi chính phủ điều hành nhà tạm lánh với kinh phí nhà nước.",
        "Cán bộ biên phòng được tập huấn về nhận diện nạn nhân.",
        "Đường dây nóng hoạt động suốt ngày đêm bằng bốn thứ tiếng.",
        "Phụ nữ và trẻ em hồi hương được hỗ trợ học nghề và vay vốn.",
    ],
    "zh-CN": [
        "国家委员会每三个月召开一次会议，审查工作进展。",
        "各省在三十天内向部里报告案件。",
        "非政府组织在政府资助下管理大部分庇护所。",
        "边境官员接受了识别受害者的培训。",
        "热线电话以四种语言全天候接听。",
        "返回的妇女和儿童可以获得职业培训和小额贷款。",
    ],
}

COUNTRIES = [
    # name, language, file name
    ("Cambodia", "en", "cambodia"),
    ("中国", "zh-CN", "china"),
    ("Indonesia", "en", "indonesia"),
    ("Lao People's Democratic Republic", "en", "laos"),
    ("Malaysia", "en", "malaysia"),
    ("Philippines", "en", "philippines"),
    ("Thailand", "th", "thailand"),
    ("Việt Nam", "vi", "vietnam"),
    ("United States of America", "en", "usa"),
    # Markup, and a right-to-left override that would make the name read
    # backwards ("exe.jpg") wherever it is shown raw (issue 14).
    ("<script>alert(1)</script>\u202egpj.exe", "en", "hostile"),
]


def paragraphs(lang, n_min=1, n_max=2):
    out = []
    for _ in range(rng.randint(n_min, n_max)):
        if rng.random() < 0.15:
            out.append("\n".join("* " + rng.choice(SENTENCES[lang])
                                 for _ in range(rng.randint(2, 3))))
        else:
            sep = "" if lang in ("th", "zh-CN") else " "
            if lang == "th":
                sep = " "  # Thai separates sentences with a space
            out.append(sep.join(rng.choice(SENTENCES[lang])
                                for _ in range(rng.randint(1, 2))))
    return "\n\n".join(out)


def make_plan(name, lang, slug, revision=1, modified="2000-01-20T08:00:00Z",
              status="final", version=1, qn_items=ITEMS):
    details, answers = {}, {}
    for sec, it in qn_items:
        iid, t = it["id"], it["type"]
        if iid == "country":
            v = name
        elif iid == "date":
            v = "2000-%02d" % rng.randint(1, 3)
        elif iid == "agency":
            v = "Ministry of Social Welfare"
        elif iid == "contact":
            v = "Office of the Coordinator"
        elif iid == "email":
            v = "ariat-%s@example.invalid" % slug
        elif iid == "language":
            v = lang
        elif t == "yesno":
            v = rng.choice(["yes", "no"])
            if it.get("explain"):
                v = {"value": v, "explanation": paragraphs(lang, 1, 1)}
        elif t == "multi":
            ids = [c["id"] for c in it["choices"]]
            v = {"value": sorted(rng.sample(ids, rng.randint(1, 3)), key=ids.index),
                 "explanation": paragraphs(lang, 1, 2)}
        elif t == "text":
            if not it.get("required") and rng.random() < 0.5:
                continue
            v = paragraphs(lang)
        else:
            v = "x"
        (details if sec.get("details") else answers)[iid] = v
    # The condition: prosecution.2 only when prosecution.1 is "no".
    p1 = answers.get("prosecution.1")
    if isinstance(p1, dict) and p1["value"] == "yes":
        answers.pop("prosecution.2", None)
    return {
        "format": "actionplan-plan/1",
        "questionnaire": {"id": "ariat-2000", "version": version},
        "status": status,
        "revision": revision,
        "created": "2000-01-05T08:00:00Z",
        "modified": modified,
        "details": details,
        "answers": answers,
    }


class Dumper(yaml.SafeDumper):
    pass


def str_repr(dumper, s):
    # Answers as literal blocks, the way actionplan writes them.
    if "\n" in s and not any(c in s for c in "\x1b\t") and s == s.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", s)


Dumper.add_representer(str, str_repr)


def write(rel, data):
    path = os.path.join(OUT, "in", rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        text = data
    else:
        text = yaml.dump(data, Dumper=Dumper, allow_unicode=True,
                         sort_keys=False, width=10**6)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


folders = ["email", "usb", "shared/2000"]
for i, (name, lang, slug) in enumerate(COUNTRIES):
    plan = make_plan(name, lang, slug)
    if slug == "hostile":
        plan["details"]["agency"] = "\"><img src=x onerror=alert(1)>"
        plan["details"]["contact"] = "O'Brien & <b>Partners</b>"
        plan["answers"]["introduction"] = (
            "<script>alert(1)</script> & \"quotes\" 'apostrophes'\n\n"
            "* <a href=\"javascript:alert(1)\">click</a>\n"
            "* \"><img src=x onerror=alert(1)>\n\n"
            "Escape \x1b[31mred\x1b[0m and a tab\there.\n\n"
            "Isolate \u2067ABC\u2069, embedding \u202bx\u202c, NEL\u0085.")
    write(os.path.join(folders[i % 3], slug + ".yaml"), plan)

# Resubmissions: Thailand 1, 2, 3 (the last in a deeper folder, as .yml).
for rev, rel in [(2, "usb/thailand-r2.yaml"), (3, "shared/2000/final/thailand-r3.yml")]:
    write(rel, make_plan("Thailand", "th", "thailand", revision=rev,
                         modified="2000-0%d-01T08:00:00Z" % rev))
# Viet Nam: revision 2 twice, the later one modified kept, typed in capitals.
write("email/vietnam-r2a.yaml", make_plan("Việt Nam", "vi", "vietnam", revision=2,
                                          modified="2000-02-15T08:00:00Z"))
write("usb/vietnam-r2b.yaml", make_plan("  VIỆT NAM ", "vi", "vietnam", revision=2,
                                        modified="2000-02-01T08:00:00Z"))
# Cambodia twice with the same revision and time but other answers: a
# conflict, neither taken.
write("usb/cambodia-copy.yaml", make_plan("cambodia", "en", "cambodia"))
# Malaysia's file copied as it is: the same plan twice, one kept.
with open(os.path.join(OUT, "in", folders[4 % 3], "malaysia.yaml"), encoding="utf-8") as f:
    write("email/malaysia-again.yaml", f.read())
# A symbolic link to a file is that file, not a resubmission of it.
os.symlink("../email/vietnam-r2a.yaml", os.path.join(OUT, "in", "usb", "vietnam-link.yaml"))

# Not taken.
write("email/myanmar-draft.yaml", make_plan("Myanmar", "en", "myanmar",
                                            revision=0, status="draft"))
incomplete = make_plan("Brunei Darussalam", "en", "brunei")
del incomplete["answers"]["prevention.3"]
write("email/brunei.yaml", incomplete)
typo = make_plan("Japan", "en", "japan")
typo["answers"]["prevention.66"] = "An answer to a question that is not asked."
write("shared/2000/japan.yaml", typo)
write("usb/broken.yaml", "format: actionplan-plan/1\nquestionnaire:\n  id: ariat-2000\n"
      "  version: 1\nstatus: final\nanswers: [unclosed\n")
write("shared/notes.yaml", "meeting: regional\nagenda: [plans, shelters]\n")
write("shared/empty.yml", "")
with open(os.path.join(SRC, "questionnaires", "ariat-2000.yaml"), encoding="utf-8") as f:
    qtext = f.read()
write("shared/ariat-2000.yaml", qtext)
write("usb/korea-v3.yaml", make_plan("Republic of Korea", "en", "korea", version=3))
write("shared/readme.txt", "Plans received by e-mail and on USB sticks.\n")
write("email/photo.jpg", "not really a photo\n")

# Version 2 of the questionnaire: a new optional item in Prevention.
q2 = qtext.replace("version: 1\n", "version: 2\n", 1)
anchor = "  - id: protection\n"
assert anchor in q2
q2 = q2.replace(anchor, """      - id: prevention.10
        number: "10"
        title: Warnings about recruitment on the Internet
        type: text
        max_length: 20000
        guidance: Campaigns about offers of work or marriage made online.

""" + anchor, 1)
write("../qdir/ariat-2000-v2.yaml", q2)
QN2 = yaml.safe_load(q2)
ITEMS2 = [(s, it) for s in QN2["sections"] for it in s["items"]]
for name, lang, slug in [("Singapore", "en", "singapore"), ("Philippines", "en", "philippines")]:
    write("usb/%s-v2.yaml" % slug, make_plan(name, lang, slug, version=2,
                                              modified="2000-03-10T08:00:00Z",
                                              qn_items=ITEMS2))

# A symbolic link to a folder is not followed (no loops).
os.symlink("../../qdir", os.path.join(OUT, "in", "shared", "questionnaires"))
