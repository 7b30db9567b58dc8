"""The next revision in the form (issue 20): the start screen offers "New
revision of ..." for a final plan; the outline marks every carried-over
answer; Esc k keeps one, editing another reviews it; F7 and Esc d show the
current item's word diff against last year's plan, in the notation of
`actionplan diff`; the outline filters to the items changed since then;
finishing with only carried-over answers left asks once, "no" lists them,
"yes" keeps them all and makes revision OLD+1 final. Then `fill NEW --from
OLD` in the form, "does not apply" with a reason (F8, Esc -), and the
offer to carry a draft over to a newer questionnaire version. In English,
then the same review in Thai."""

import os
import shutil

import aptest
from aptest import SRC, QN_DIR, goto, header, load_yaml, wait_file

REF = os.path.join(SRC, "exports", "united-states-2000.yaml")
V2_DIR = os.path.join(SRC, "tests", "migrate")


def drafts_dir(tmp):
    d = os.path.join(tmp, "home", "data", "actionplan", "drafts")
    os.makedirs(d, exist_ok=True)
    return d


def outline_row(scr, title):
    """The outline's row of the item whose title starts so."""
    for line in scr.split("\n"):
        left = line.split("\u2502")[0]
        # An item's row: its mark, a space, then its number and title
        # (a section's heading starts at the first column).
        if left[1:2] == " " and title in left:
            return left
    raise aptest.Fail("no outline row %r in\n%s" % (title, scr))


def review(tmp, make):
    ddir = drafts_dir(tmp)
    shutil.copy(REF, os.path.join(ddir, "usa-2000.yaml"))
    t = make(cols=100, rows=30, env={"SOURCE_DATE_EPOCH": "978307200"})
    t.start()
    scr = t.wait("+ New revision of United States (from revision 1)")
    # The final plan's line is selected: the next line starts a revision.
    t.keys("Down")
    t.keys("Enter")
    scr = t.wait("40 answers were carried over: review each (Esc k keeps "
                 "one as it is).")
    new = [f for f in os.listdir(ddir)
           if f.endswith(".yaml") and f != "usa-2000.yaml"]
    # Named by the country's code.
    assert new == ["usa.yaml"], new
    path = os.path.join(ddir, new[0])
    doc = load_yaml(path)
    assert doc["revision"] == 2 and doc["based_on"]["revision"] == 1, doc
    assert doc["details"]["date"] == "2001-01"
    assert outline_row(scr, "Introduction").startswith("\u21ba"), scr
    assert outline_row(scr, "Country").startswith("\u2713"), scr

    # Esc k keeps the current item; its mark becomes the answered one.
    scr = goto(t, "P6", "Prevention 6")
    assert "carried over (revision 1): Esc k keeps it" in scr, scr
    t.keys("Escape", "k")
    scr = t.wait("Prevention 6: kept as it is (carried over from revision "
                 "1).")
    assert outline_row(scr, "6 Compulsory").startswith("\u2713"), scr
    wait_file(path, lambda b: b"  prevention.6: 1\n" not in b)

    # Editing reviews an answer: P1 gets new words.
    goto(t, "P1", "Prevention 1")
    t.keys("C-e")
    t.type(" This year the plan was renewed.")
    t.keys("C-s")
    scr = t.wait("Saved.")
    assert outline_row(scr, "1 National").startswith("\u2713"), scr
    doc = load_yaml(path)
    assert "prevention.1" not in doc["carried_over"], doc["carried_over"]

    # F7: what changed in this item since revision 1.
    t.keys("F7")
    scr = t.wait("Prevention 1 since revision 1: [-deleted-] {+inserted+}")
    flat = " ".join(line.strip() for line in scr.split("\n"))
    # The country by its ISO 3166-1 name in the reader's language.
    assert "--- " in flat and "usa-2000.yaml (United States, " \
        "revision 1, final" in flat, scr
    assert "Prevention 1 (prevention.1): changed" in flat, scr
    assert "{+ This year the plan was renewed.+}" in flat, scr
    t.keys("Escape")
    t.wait_gone("since revision 1:")
    goto(t, "P2", "Prevention 2")
    t.keys("Escape", "d")
    t.wait("Prevention 2 has not changed since revision 1.")

    # The outline, filtered to the items changed since then.
    t.keys("Escape", "c")
    scr = t.wait("The outline lists the 2 items changed since revision 1")
    left = [l.split("\u2502")[0] for l in scr.split("\n")]
    assert any("Month and year" in l for l in left), scr
    assert any("1 National" in l for l in left), scr
    assert not any("6 Compulsory" in l for l in left), scr
    t.keys("F6")
    t.keys("c")
    scr = t.wait("The outline lists every item.")
    assert "6 Compulsory" in scr
    t.keys("F6")

    # Finishing: only carried-over answers are left.
    t.keys("F10")
    t.wait("38 answers carried over, not reviewed: keep them all as they "
           "are? (yes/no)")
    t.type("no")
    t.keys("Enter")
    scr = t.wait("38 problems to fix before the plan is final")
    assert "Introduction: carried over from revision 1, not reviewed" in scr
    t.keys("Escape")
    t.keys("F10")
    t.wait("keep them all as they are?")
    t.type("yes")
    t.keys("Enter")
    t.wait("Export to folder:")
    t.keys("Enter")
    t.wait("The plan is final (revision 2)")
    t.keys("Enter")
    t.keys("C-q")
    assert t.wait_exit() == 0
    doc = load_yaml(path)
    assert doc["status"] == "final" and doc["revision"] == 2, doc
    assert "carried_over" not in doc and doc["format"] == "actionplan-plan/1"


def from_option(tmp, make):
    """fill NEW --from OLD opens the new revision in the form."""
    old = os.path.join(tmp, "old.yaml")
    shutil.copy(REF, old)
    new = os.path.join(tmp, "new.yaml")
    t = make(cols=100, rows=30)
    t.start("fill", new, "--from", old)
    scr = t.wait("40 answers were carried over")
    assert outline_row(scr, "Introduction").startswith("\u21ba"), scr
    t.keys("C-q")
    assert t.wait_exit() == 0
    doc = load_yaml(new)
    assert doc["revision"] == 2 and len(doc["carried_over"]) == 40


def v2_draft(tmp, name):
    """The reference plan carried over to version 2, as a draft."""
    old = os.path.join(tmp, name + "-v1.yaml")
    shutil.copy(REF, old)
    out = os.path.join(tmp, name)
    r = aptest.run(["migrate", old, "-o", out],
                   ACTIONPLAN_QUESTIONNAIRES=QN_DIR + ":" + V2_DIR)
    assert r.returncode == 0, r.stderr
    return out


def not_applicable(tmp, make):
    plan = v2_draft(tmp, "na.yaml")
    t = make(cols=100, rows=30,
             env={"ACTIONPLAN_QUESTIONNAIRES": QN_DIR + ":" + V2_DIR})
    t.start("fill", plan)
    t.wait("answers were carried over")
    goto(t, "P1", "Prevention 1")
    t.keys("F8")
    t.wait("This item must be answered: the questionnaire does not let it "
           "be marked as not applying.")
    goto(t, "R1", "Reintegration 1")
    t.keys("Escape", "-")
    t.wait("Does not apply, because:")
    t.type("No trafficked nationals were returned.")
    t.keys("Enter")
    t.wait("This replaces the answer. Mark the item as not applying?")
    t.type("yes")
    t.keys("Enter")
    scr = t.wait("Marked as not applying.")
    assert "(does not apply: No trafficked national" in scr, scr
    assert outline_row(scr, "1 Programs to receive").startswith("\u2205"), scr
    doc = load_yaml(plan)
    assert doc["not_applicable"] == {
        "reintegration.1": "No trafficked nationals were returned."}, doc
    assert "reintegration.1" not in doc["answers"]
    # Typing an answer makes it apply again.
    t.type("The program.")
    t.keys("C-s")
    scr = t.wait("Saved.")
    assert "(does not apply" not in scr, scr
    doc = load_yaml(plan)
    assert "not_applicable" not in doc and \
        doc["answers"]["reintegration.1"] == "The program.", doc
    t.keys("C-q")
    assert t.wait_exit() == 0


def migration_offer(tmp, make):
    draft = os.path.join(tmp, "draft.yaml")
    text = open(REF, encoding="utf-8").read()
    text = text.replace('status: "final"', 'status: "draft"')
    with open(draft, "w", encoding="utf-8") as f:
        f.write(text)
    before = open(draft, "rb").read()
    t = make(cols=100, rows=30,
             env={"ACTIONPLAN_QUESTIONNAIRES": QN_DIR + ":" + V2_DIR})
    t.start("fill", draft)
    t.wait("Version 2 is installed: carry this draft over to it (a new "
           "file)? (yes/no)")
    t.type("yes")
    t.keys("Enter")
    scr = t.wait("Carried over to")
    assert "draft-v2.yaml (version 2): 40 answers to review;" in scr, scr
    # The message in full (F9): where the answers without a place went.
    t.keys("F9")
    scr = t.wait("draft-v2.dropped.txt")
    assert "what has no" in scr and "place is in" in scr, scr
    t.keys("Escape")
    goto(t, "Pr2", "Protection 2")
    t.keys("C-q")
    assert t.wait_exit() == 0
    assert open(draft, "rb").read() == before, "the old draft changed"
    doc = load_yaml(os.path.join(tmp, "draft-v2.yaml"))
    assert doc["questionnaire"]["version"] == 2
    assert os.path.exists(os.path.join(tmp, "draft-v2.dropped.txt"))

    # Declined: the draft stays as it is, of version 1.
    t = make(cols=100, rows=30,
             env={"ACTIONPLAN_QUESTIONNAIRES": QN_DIR + ":" + V2_DIR})
    t.start("fill", draft)
    t.wait("carry this draft over to it")
    t.type("no")
    t.keys("Enter")
    t.wait_gone("carry this draft")
    t.keys("C-q")
    assert t.wait_exit() == 0
    assert open(draft, "rb").read() == before


def thai(tmp, make):
    ddir = drafts_dir(tmp)
    for f in os.listdir(ddir):
        os.unlink(os.path.join(ddir, f))
    shutil.copy(REF, os.path.join(ddir, "usa-2000.yaml"))
    t = make(cols=100, rows=30, env={"LANGUAGE": "th",
                                     "SOURCE_DATE_EPOCH": "978307200"})
    t.start("--lang", "th")
    t.wait("+ ฉบับแก้ไขใหม่ของ สหรัฐ")
    t.keys("Down")
    t.keys("Enter")
    scr = t.wait("มีคำตอบที่ยกมา 40 ข้อ")
    assert outline_row(scr, "บทนำ").startswith("\u21ba"), scr
    t.keys("C-g")
    t.type("P6")
    t.keys("Enter")
    scr = t.wait(lambda s: header(s).startswith("การป้องกัน 6"),
                 msg="Prevention 6 in Thai")
    assert "ยกมา (ฉบับแก้ไขที่ 1): Esc k คงไว้" in scr, scr
    t.keys("Escape", "k")
    scr = t.wait("คงไว้ตามเดิมแล้ว (ยกมาจากฉบับแก้ไขที่ 1)")
    assert outline_row(scr, "6 การศึกษา").startswith("\u2713"), scr
    # F7 and Esc c in Thai.
    t.keys("F7")
    t.wait("การป้องกัน ข้อ 6 ไม่มีการเปลี่ยนแปลงตั้งแต่ฉบับแก้ไขที่ 1")
    t.keys("C-g")
    t.type("P1")
    t.keys("Enter")
    t.wait(lambda s: header(s).startswith("การป้องกัน 1"), msg="P1")
    t.keys("C-e")
    t.type(" ปีนี้มีการทบทวนแผน")
    t.keys("Escape", "d")
    scr = t.wait("การป้องกัน ข้อ 1 ตั้งแต่ฉบับแก้ไขที่ 1: [-ลบ-] {+เพิ่ม+}")
    assert "{+ ปีนี้มีการทบทวนแผน+}" in scr, scr
    t.keys("Escape")
    t.keys("Escape", "c")
    t.wait("เค้าโครงแสดง 2 ข้อที่เปลี่ยนไปตั้งแต่ฉบับแก้ไขที่ 1")
    t.keys("Escape", "c")
    t.wait("เค้าโครงแสดงทุกข้อ")
    t.keys("F10")
    t.wait("(yes/no)")
    scr = t.screen()
    assert "คงคำตอบทั้งหมดไว้ตามเดิม" in scr, scr
    t.type("ใช่")
    t.keys("Enter")
    t.wait("ส่งออกไปยังโฟลเดอร์")
    t.keys("Enter")
    t.wait("ฉบับแก้ไขที่ 2")
    t.keys("Enter")
    t.keys("C-q")
    assert t.wait_exit() == 0

    # A draft of version 1 carried over to version 2, then "does not
    # apply" with a reason, in Thai.
    draft = os.path.join(tmp, "th-draft.yaml")
    text = open(REF, encoding="utf-8").read()
    with open(draft, "w", encoding="utf-8") as f:
        f.write(text.replace('status: "final"', 'status: "draft"'))
    t = make(cols=100, rows=30,
             env={"LANGUAGE": "th",
                  "ACTIONPLAN_QUESTIONNAIRES": QN_DIR + ":" + V2_DIR})
    t.start("--lang", "th", "fill", draft)
    t.wait("มีรุ่น 2 ติดตั้งอยู่: ยกฉบับร่างนี้ไปใช้รุ่นนั้น (เป็นไฟล์ใหม่) "
           "หรือไม่ (yes/no)")
    t.type("ใช่")
    t.keys("Enter")
    t.wait("ยกไปไว้ที่")
    t.keys("C-g")
    t.type("R1")
    t.keys("Enter")
    t.wait(lambda s: header(s).startswith("การคืนสู่สังคม 1"), msg="R1")
    t.keys("F8")
    t.wait("ไม่เกี่ยวข้อง เพราะ:")
    t.type("ไม่มีผู้เสียหายที่ถูกส่งกลับ")
    t.keys("Enter")
    t.wait("คำตอบเดิมจะถูกแทนที่")
    t.type("ใช่")
    t.keys("Enter")
    scr = t.wait("ทำเครื่องหมายว่าไม่เกี่ยวข้องแล้ว")
    assert "(ไม่เกี่ยวข้อง: ไม่มีผู้เสียหายที่ถูกส่งกลับ)" in scr, scr
    t.keys("C-q")
    assert t.wait_exit() == 0
    doc = load_yaml(os.path.join(tmp, "th-draft-v2.yaml"))
    assert doc["not_applicable"] == {
        "reintegration.1": "ไม่มีผู้เสียหายที่ถูกส่งกลับ"}, doc


def main(tmp, make):
    review(tmp, make)
    from_option(tmp, make)
    not_applicable(tmp, make)
    migration_offer(tmp, make)
    thai(tmp, make)


aptest.with_terms(main)
