#!/usr/bin/env python3
"""Signatures and keys interoperate with the real minisign program, both
ways: a plan signed by `actionplan sign` (key without and with a
passphrase) verifies with `minisign -V -P KEY -m PLAN` (also with -H,
prehashed only); minisign signs with actionplan's secret keys, so their
scrypt encryption is minisign's; signatures made by `minisign -S` with
keys from `minisign -G` (without and with a passphrase) and legacy `Ed`
signatures (`minisign -S -l`) verify with `actionplan verify`; actionplan
signs with minisign's secret keys (-s); and a changed plan fails in both
programs."""
import os

import aptest
from aptest import check, finish, read_bytes, reference_plan, tempdir, write
from signkeys import key_id, minisign, need_minisign, new_key

need_minisign()


def pubkey_line(path):
    return read_bytes(path).decode().split("\n")[1]


def minisign_verifies(plan, pub, *extra):
    r = minisign("-V", "-P", pubkey_line(pub), "-m", plan, *extra)
    return r.returncode == 0, (r.stdout + r.stderr).decode()


with tempdir("ap-sign-") as tmp:
    plan = os.path.join(tmp, "thailand.yaml")
    write(plan, reference_plan("Thailand", 2))

    # actionplan signs, minisign verifies: key without a passphrase.
    plain = os.path.join(tmp, "plain")
    pub = new_key(plain)
    r = aptest.run(["sign", plan], home=plain, new_session=True)
    check(r.returncode == 0, f"sign: {r.returncode} {r.stderr}")
    ok, out = minisign_verifies(plan, pub)
    check(ok, f"minisign -V refuses actionplan's signature: {out}")
    check("Trusted comment: questionnaire:ariat-2000\tversion:1\t"
          "country:Thailand\trevision:2\tsha256:" in out, out)
    ok, out = minisign_verifies(plan, pub, "-H")
    check(ok, f"not prehashed (minisign -H): {out}")
    r = minisign("-V", "-p", pub, "-m", plan)
    check(r.returncode == 0, f"minisign -p FILE: {r.stderr}")
    # minisign signs with actionplan's unencrypted key.
    other = os.path.join(tmp, "other.yaml")
    write(other, reference_plan("Thailand", 3))
    r = minisign("-S", "-s", os.path.join(plain, "config", "actionplan",
                                          "actionplan.key"), "-m", other)
    check(r.returncode == 0, f"minisign -S with actionplan's key: {r.stderr}")
    check(minisign_verifies(other, pub)[0], "its signature")

    # With a passphrase: scrypt as minisign does it, both ways.
    enc = os.path.join(tmp, "enc")
    pub_enc = new_key(enc, passphrase="mot de passe ไทย")
    check(read_bytes(os.path.join(enc, "config", "actionplan", "actionplan.key"))
          .startswith(b"untrusted comment: minisign encrypted secret key\nRWRTY0Iy"),
          "the secret key is not scrypt-encrypted as minisign's")
    r = aptest.run(["sign", plan, "--passphrase-fd", "0"],
                   home=enc, new_session=True, input="mot de passe ไทย\n".encode())
    check(r.returncode == 0, f"sign with passphrase: {r.stderr}")
    ok, out = minisign_verifies(plan, pub_enc)
    check(ok and key_id(pub_enc) in read_bytes(plan + ".minisig").decode(),
          f"minisign -V, passphrase key: {out}")
    r = minisign("-S", "-s", os.path.join(enc, "config", "actionplan",
                                          "actionplan.key"), "-m", other,
                 input="mot de passe ไทย\n".encode())
    check(r.returncode == 0, f"minisign cannot open actionplan's encrypted key: {r.stderr}")
    check(minisign_verifies(other, pub_enc)[0], "minisign's signature with it")

    # minisign's keys and signatures, actionplan verifies.
    mkey, mpub = os.path.join(tmp, "m.key"), os.path.join(tmp, "m.pub")
    r = minisign("-G", "-W", "-p", mpub, "-s", mkey)
    check(r.returncode == 0, f"minisign -G -W: {r.stderr}")
    write(plan, reference_plan("Thailand", 4))
    r = minisign("-S", "-s", mkey, "-m", plan)
    check(r.returncode == 0, f"minisign -S: {r.stderr}")
    r = aptest.run(["verify", plan, "--key", mpub], home=tmp, new_session=True)
    check(r.returncode == 0 and b"good signature by key " + key_id(mpub).encode()
          in r.stdout, f"verify minisign's signature: {r.returncode} {r.stdout} {r.stderr}")
    check(b"trusted comment: timestamp:" in r.stdout, r.stdout)
    # Legacy, not prehashed: as minisign accepts them ("Ed" is "RW..."
    # in base64, prehashed "ED" "RU...").
    check(read_bytes(plan + ".minisig").split(b"\n")[1].startswith(b"RU"), "not ED")
    r = minisign("-S", "-l", "-s", mkey, "-m", plan)
    check(r.returncode == 0 and read_bytes(plan + ".minisig").split(b"\n")[1].startswith(b"RW"),
          f"minisign -S -l: {r.stderr}")
    check(minisign("-V", "-p", mpub, "-m", plan).returncode == 0, "minisign's own legacy")
    r = aptest.run(["verify", plan, "--key", mpub], home=tmp, new_session=True)
    check(r.returncode == 0, f"verify a legacy Ed signature: {r.returncode} {r.stderr}")
    # A legacy signature of a changed plan fails too.
    write(plan, reference_plan("Thailand", 4).replace("Department of State", "Department of Stat"))
    r = aptest.run(["verify", plan, "--key", mpub], home=tmp, new_session=True)
    check(r.returncode == 1 and b".minisig:2: error: the signature does not match"
          in r.stderr, f"changed plan, legacy signature: {r.returncode} {r.stderr}")
    check(minisign("-V", "-p", mpub, "-m", plan).returncode != 0,
          "minisign took the changed plan")

    # minisign's key with a passphrase: its signature, and ours with it.
    pkey, ppub = os.path.join(tmp, "p.key"), os.path.join(tmp, "p.pub")
    r = minisign("-G", "-p", ppub, "-s", pkey, input=b"secret\nsecret\n")
    check(r.returncode == 0, f"minisign -G: {r.stderr}")
    write(plan, reference_plan("Thailand", 5))
    r = minisign("-S", "-s", pkey, "-m", plan, input=b"secret\n")
    check(r.returncode == 0, f"minisign -S with passphrase: {r.stderr}")
    r = aptest.run(["verify", plan, "--key", ppub], home=tmp, new_session=True)
    check(r.returncode == 0, f"verify: {r.returncode} {r.stderr}")
    os.unlink(plan + ".minisig")
    r = aptest.run(["sign", plan, "-s", pkey, "--passphrase-fd", "0"],
                   home=tmp, new_session=True, input=b"secret\n")
    check(r.returncode == 0, f"sign -s minisign's key: {r.returncode} {r.stderr}")
    ok, out = minisign_verifies(plan, ppub)
    check(ok, f"minisign -V of actionplan's signature with minisign's key: {out}")

    # A changed plan: both programs refuse it.
    write(plan, reference_plan("Thailand", 5).replace("Department", "Departement", 1))
    check(not minisign_verifies(plan, ppub)[0], "minisign took a changed plan")
    r = aptest.run(["verify", plan, "--key", ppub], home=tmp, new_session=True)
    check(r.returncode == 1 and b"bad signature" in r.stderr,
          f"verify took a changed plan: {r.returncode} {r.stderr}")

finish()
