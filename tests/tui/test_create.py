"""Creates a plan from the start screen and answers items in English, Thai,
Vietnamese (decomposed, NFD) and Chinese: the screen shows every answer and
the saved draft holds exactly the bytes typed."""

import os
import stat
import unicodedata

import aptest
from aptest import answer, load_yaml, wait_file

THAI = "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ ผู้ใหญ่"
VIET_NFD = unicodedata.normalize("NFD", "Bộ Lao động – Thương binh và Xã hội")
ZH = "人口贩运是一个严重的问题。政府已经采取了许多措施来打击人口贩运，包括立法、执法和保护受害者。"
EN = "Trafficking affects the country as a place of origin and of transit."


def main(tmp, make):
    t = make()
    t.start()
    t.wait("+ New plan")
    t.keys("Enter")
    # The country is picked from the list by its name in Vietnamese.
    aptest.pick_country(t, "Việt Nam", "Viet Nam (VNM)")
    # The form opens on the item after the country.
    t.wait("Month and year of the plan")
    drafts = os.path.join(tmp, "home", "data", "actionplan", "drafts")
    assert stat.S_IMODE(os.stat(drafts).st_mode) == 0o700
    path = os.path.join(drafts, "vnm.yaml")
    wait_file(path, lambda b: b'code: "VNM"' in b)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    t.type("2000-01")
    t.wait("2000-01")
    t.keys("C-n")
    t.wait("Ministry or agency")
    t.type(THAI)
    t.wait(THAI)
    t.keys("C-n")
    t.wait("Contact official")
    t.type(VIET_NFD)
    t.wait(VIET_NFD)
    t.keys("C-n")
    t.wait("Contact e-mail")
    t.type("lienhe@molisa.gov.vn")
    t.keys("C-n")
    t.wait("Language of the answers")
    t.type("vi")
    t.keys("C-n")
    t.wait("Describe trafficking")
    t.type(EN)
    t.keys("Enter", "Enter")
    t.type(ZH)
    t.keys("Enter", "Enter")
    t.type(VIET_NFD)
    scr = t.wait(VIET_NFD)
    # Chinese wraps between characters at the pane's width: every
    # character is on the screen, in order.
    flat = "".join(line.split("│")[-1].strip() for line in scr.split("\n"))
    assert ZH in flat, flat
    assert EN.split()[0] in scr

    # Saved within two seconds of the last keystroke, without any key.
    intro = EN + "\n\n" + ZH + "\n\n" + VIET_NFD
    data = wait_file(path, lambda b: intro.encode() in b or
                     intro.encode() in b.replace(b"\n    ", b"\n"), 4)
    doc = load_yaml(path)
    assert answer(doc, "country") == {"code": "VNM", "name": "Viet Nam"}
    assert answer(doc, "date") == "2000-01"
    assert answer(doc, "agency") == THAI
    assert answer(doc, "contact") == VIET_NFD
    assert answer(doc, "contact").encode() == VIET_NFD.encode()
    assert VIET_NFD.encode() in data
    assert answer(doc, "email") == "lienhe@molisa.gov.vn"
    assert answer(doc, "introduction") == intro, repr(answer(doc, "introduction"))
    scr = t.screen()
    assert "7/42 required answered" in scr or "required answered" in scr

    # Ctrl-S saves at once; the status line says when.
    t.type("!")
    t.keys("C-s")
    t.wait("Saved.")
    doc = load_yaml(path)
    assert answer(doc, "introduction") == intro + "!"

    # The outline marks answered items.
    t.wait("✓ Country")
    t.keys("C-q")
    st = t.wait_exit()
    assert st == 0, st
    assert not os.path.exists(path + ".lock")
    leftovers = [f for f in os.listdir(drafts) if f.startswith(".")]
    assert not leftovers, leftovers

    # The start screen lists the draft with its progress.
    t2 = make()
    t2.start()
    scr = t2.wait("Viet Nam")
    assert "ARIAT Country Action Plan" in scr
    assert "/42 answered" in scr
    t2.keys("Enter")
    # Resuming opens the item where the form was left (the introduction,
    # the cursor after the "!" typed last).
    scr = t2.wait(lambda s: s.split("\n")[0].split("│")[-1].strip()
                  .startswith("Introduction"), msg="Introduction")
    t2.type("?")
    t2.wait(VIET_NFD + "!?")
    t2.keys("C-g")
    t2.wait("Go to:")
    t2.type("D3")
    t2.keys("Enter")
    t2.wait(THAI)
    t2.keys("C-q")
    assert t2.wait_exit() == 0


aptest.with_terms(main)
