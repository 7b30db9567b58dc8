#!/usr/bin/env python3
"""collect --keys DIR: Thailand's good revision 2 is kept when revision 3
comes with a bad signature (rejected, with the line) and revision 4 with
none (listed as replaced, unsigned); a Vietnamese plan signed with
Thailand's key and a plan signed by an unknown key are rejected; an
unsigned plan is taken, unless --require-signatures. submissions.yaml
records size, SHA-256, signature and key id of every plan taken and
replaced (checked against the files) and lists the files rejected; report.txt and the site show each
country's status; signature files are not counted as skipped files.
Without --keys nothing is rejected for its signature and the highest
revision wins. Two plans of one country with the same revision and time
and other answers are a conflict, which a good signature decides when
keys are given."""
import os

import yaml

import aptest
from aptest import check, finish, read_bytes, reference_plan, sha256, tempdir, write
from signkeys import key_id, new_key



def by_country(doc):
    """submissions.yaml's plans by country, under its code and its English
    name (collect's outputs name countries as the roster work decides;
    either is taken here)."""
    by = {s["country"]: s for s in doc["plans"]}
    for code, name in (("THA", "Thailand"), ("VNM", "Viet Nam"),
                       ("KHM", "Cambodia")):
        if code in by:
            by[name] = by[code]
    return by

def collect(home, tmp, *args):
    return aptest.run(["collect", "in", "-o", "out", *args],
                      home=home, new_session=True, cwd=tmp)


with tempdir("ap-sign-") as tmp:
    thai, viet, stranger = (os.path.join(tmp, n) for n in ("th", "vn", "xx"))
    thai_pub, viet_pub = new_key(thai), new_key(viet)
    new_key(stranger)
    keys = os.path.join(tmp, "keys")
    write(os.path.join(keys, "THA.pub"), read_bytes(thai_pub))
    write(os.path.join(keys, "Viet Nam.pub"), read_bytes(viet_pub))
    inbox = os.path.join(tmp, "in")

    def plan(name, country, revision, signer=None, tamper=False):
        path = os.path.join(inbox, name)
        write(path, reference_plan(country, revision))
        if signer:
            r = aptest.run(["sign", path], home=signer, new_session=True)
            assert r.returncode == 0, r.stderr
        if tamper:
            write(path, read_bytes(path).replace(b"Department of State",
                                           b"Department of Spin"))
        return path

    th2 = plan("email/thailand-r2.yaml", "Thailand", 2, thai)
    th3 = plan("usb/thailand-r3.yaml", "Thailand", 3, thai, tamper=True)
    th4 = plan("usb/thailand-r4.yaml", "Thailand", 4)
    vn1 = plan("email/vietnam.yaml", "Viet Nam", 1, thai)
    vn2 = plan("email/vietnam-r2.yaml", "Viet Nam", 2, viet)
    la1 = plan("email/laos.yaml", "Laos", 1, stranger)
    kh1 = plan("email/cambodia.yaml", "Cambodia", 1)

    r = collect(tmp, tmp, "--keys", keys)
    err = r.stderr.decode()
    check(r.returncode == 1, f"exit {r.returncode}: {err}")
    check("3 plans collected into out; 1 resubmission replaced; 3 files "
          "rejected (see out/rejected.txt)\n" in err, f"summary: {err}")
    rejected = read_bytes(os.path.join(tmp, "out", "rejected.txt")).decode()
    check("in/usb/thailand-r3.yaml: bad signature: in/usb/thailand-r3.yaml.minisig:2: "
          "the signature does not match the file" in rejected, rejected)
    check("in/email/vietnam.yaml: signed by a key that is not trusted for this "
          f"country: in/email/vietnam.yaml.minisig: good signature by key {key_id(thai_pub)} "
          f"({keys}/THA.pub), but that key is not trusted for Viet Nam" in rejected, rejected)
    check("in/email/laos.yaml: signed by a key that is not trusted for this country: "
          "in/email/laos.yaml.minisig:2: signed by key " in rejected, rejected)

    doc = yaml.safe_load(read_bytes(os.path.join(tmp, "out", "submissions.yaml")))
    by = by_country(doc)
    check(sorted(x["file"] for x in doc["rejected"]) ==
          ["in/email/laos.yaml", "in/email/vietnam.yaml", "in/usb/thailand-r3.yaml"],
          f"submissions.yaml's rejected files: {doc['rejected']}")
    th = by.get("Thailand", {})
    check(th.get("file") == "in/email/thailand-r2.yaml" and th.get("revision") == 2,
          f"Thailand kept: {th}")
    check(th.get("signature") == "good" and th.get("key") == key_id(thai_pub)
          and th.get("sha256") == sha256(th2) and th.get("size") == len(read_bytes(th2)),
          f"Thailand's record: {th}")
    rep = th.get("replaced", [])
    check(len(rep) == 1 and rep[0]["file"] == "in/usb/thailand-r4.yaml"
          and rep[0]["signature"] == "unsigned" and rep[0]["key"] == ""
          and rep[0]["sha256"] == sha256(th4) and rep[0]["revision"] == 4,
          f"Thailand's replaced: {rep}")
    check(by.get("Viet Nam", {}).get("signature") == "good"
          and by["Viet Nam"]["key"] == key_id(viet_pub), f"Viet Nam: {by.get('Viet Nam')}")
    check(by.get("Cambodia", {}).get("signature") == "unsigned", "Cambodia")

    report = read_bytes(os.path.join(tmp, "out", "report.txt")).decode()
    check(any(f"{th}: good signature, key {key_id(thai_pub)}\n" in report
              for th in ("Thailand", "THA"))
          and any(f"{kh}: not signed\n" in report
                  for kh in ("Cambodia", "KHM")), "report.txt SIGNATURES")
    index = read_bytes(os.path.join(tmp, "out", "site", "index.html")).decode()
    check("good signature" in index and "not signed" in index, "site index")
    page = read_bytes(os.path.join(tmp, "out", "site", "country-tha.html")).decode()
    check(sha256(th2) in page and key_id(thai_pub) in page, "country page")

    # Signatures required: the unsigned plan goes too.
    r = collect(tmp, tmp, "--keys", keys, "--require-signatures")
    rejected = read_bytes(os.path.join(tmp, "out", "rejected.txt")).decode()
    check("in/email/cambodia.yaml: not signed (no in/email/cambodia.yaml.minisig), "
          "and signatures are required" in rejected, rejected)
    check("in/usb/thailand-r4.yaml: not signed" in rejected, rejected)
    r = collect(tmp, tmp, "--require-signatures")
    check(r.returncode == 2, "--require-signatures without --keys")
    write(os.path.join(tmp, "badkeys", "THA.pub"), "untrusted comment: x\nRWQ=\n")
    r = collect(tmp, tmp, "--keys", os.path.join(tmp, "badkeys"))
    check(r.returncode == 1 and b"THA.pub:2: error" in r.stderr
          and b"nothing was collected" in r.stderr, f"broken keys: {r.stderr}")

    # Without keys: recorded, not checked; the highest revision wins.
    r = collect(tmp, tmp)
    check(r.returncode == 0, f"without keys: {r.returncode} {r.stderr}")
    doc = yaml.safe_load(read_bytes(os.path.join(tmp, "out", "submissions.yaml")))
    by = by_country(doc)
    th = by.get("Thailand", {})
    check(th.get("file") == "in/usb/thailand-r4.yaml", f"without keys: {th}")
    sigs = {x["file"]: (x["signature"], x["key"]) for x in th.get("replaced", [])}
    check(sigs.get("in/usb/thailand-r3.yaml") == ("unchecked", key_id(thai_pub)),
          f"unchecked with its key id: {sigs}")
    check(b"other file" not in r.stderr, f".minisig counted as skipped: {r.stderr}")

    # Two plans of one country with the same revision and time and other
    # answers are a conflict; with keys, a good signature decides it.
    inbox = os.path.join(tmp, "in2")
    plan("vietnam.yaml", "Viet Nam", 2, viet)
    other = plan("vietnam-other.yaml", "Viet Nam", 2, tamper=True)
    r = aptest.run(["collect", "in2", "-o", "out2", "--keys", keys],
                   home=tmp, new_session=True, cwd=tmp)
    doc = yaml.safe_load(read_bytes(os.path.join(tmp, "out2", "submissions.yaml")))
    vn = doc["plans"][0] if len(doc["plans"]) == 1 else {}
    check(r.returncode == 0 and vn.get("file") == "in2/vietnam.yaml" and
          vn.get("signature") == "good" and
          [(x["file"], x["signature"], x["sha256"]) for x in vn["replaced"]] ==
          [("in2/vietnam-other.yaml", "unsigned", sha256(other))],
          f"a conflict decided by the signature: {r.returncode} {doc}")
    r = aptest.run(["collect", "in2", "-o", "out2"], home=tmp, new_session=True, cwd=tmp)
    rejected = read_bytes(os.path.join(tmp, "out2", "rejected.txt")).decode()
    check(r.returncode == 1 and rejected.count(": conflict: ") == 2,
          f"without keys a conflict: {r.returncode} {rejected}")

finish()
