#!/usr/bin/env python3
"""Generates the benchmark's plans: N final plans of about SIZE bytes each
(default 1,000 of 40 KB), each a different country, answers in English
(most), Thai, Vietnamese and Chinese, deterministic.

Usage: gen-bench.py SOURCE_ROOT OUT_DIR [N] [SIZE]"""
import copy
import os
import random
import sys

import yaml

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
size = int(sys.argv[4]) if len(sys.argv) > 4 else 40000
rng = random.Random(1000)

template = yaml.safe_load(open(os.path.join(src, "exports", "united-states-2000.yaml"),
                               encoding="utf-8"))
english = [p for v in template["answers"].values()
           for p in (v if isinstance(v, str) else v.get("explanation", "")).split("\n\n")
           if p]
other = {
    "th": "คณะกรรมการแห่งชาติประชุมทุกสามเดือนเพื่อติดตามความคืบหน้า "
          "สำนักงานจังหวัดรายงานคดีต่อกระทรวงภายในสามสิบวัน "
          "องค์กรพัฒนาเอกชนดำเนินการบ้านพักผู้เสียหายโดยได้รับงบประมาณจากรัฐ",
    "vi": "Ủy ban quốc gia họp ba tháng một lần để xem xét tiến độ. "
          "Các tỉnh báo cáo vụ việc lên bộ trong vòng ba mươi ngày. "
          "Các tổ chức phi chính phủ điều hành nhà tạm lánh với kinh phí nhà nước.",
    "zh-CN": "国家委员会每三个月召开一次会议，审查工作进展。各省在三十天内向部里报告案件。"
             "非政府组织在政府资助下管理大部分庇护所。边境官员接受了识别受害者的培训。",
}
# Every text answer and explanation is generated.
text_items = [k for k, v in template["answers"].items() if k != "prevention.6"]


# The C emitter when PyYAML has it: generating 40 MB is then seconds.
class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


Dumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))

os.makedirs(out, exist_ok=True)
# The header and details take about 1 KB.
per_item = (size - 1000) // len(text_items)
for i in range(n):
    lang = ["en"] * 7 + ["th", "vi", "zh-CN"]
    lang = lang[i % 10]
    plan = copy.deepcopy(template)
    plan["details"]["country"] = "Country %04d" % i
    plan["details"]["language"] = lang
    for k in text_items:
        paras, total = [], 0
        while total < per_item:
            p = rng.choice(english) if lang == "en" else other[lang]
            if lang != "en":
                p = p[: rng.randint(40, len(p))]
            # Cut the last paragraph to the item's share (at a space
            # when there is one), so the files come out near SIZE.
            room = per_item - total
            if len(p.encode("utf-8")) > room:
                cut = p.encode("utf-8")[:room].decode("utf-8", "ignore")
                p = cut.rsplit(" ", 1)[0] if " " in cut[20:] else cut
            p = p.strip() or "-"
            paras.append(p)
            total += len(p.encode("utf-8")) + 2
        if isinstance(plan["answers"][k], dict):
            plan["answers"][k]["explanation"] = "\n\n".join(paras)
        else:
            plan["answers"][k] = "\n\n".join(paras)
    with open(os.path.join(out, "plan-%04d.yaml" % i), "w", encoding="utf-8") as f:
        yaml.dump(plan, f, Dumper=Dumper, allow_unicode=True, sort_keys=False,
                  width=10**6)
