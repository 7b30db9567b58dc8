#!/usr/bin/env python3
"""The command line of signed plans: `key new` (folder 0700, files 0600,
never replacing a key, refusing a folder others can read, an empty
passphrase, or no terminal without --passphrase-fd), `key show`, `sign`
(the plan's bytes unchanged, a draft refused, the lock honoured with
exit 4, a wrong passphrase leaving the old signature byte for byte),
`export --sign`, and `verify` with each status and exit code: good 0,
bad 1 (changed plan at line 2, swapped trusted comment at line 3,
truncated and hostile signature files at their line), unsigned 5, and
untrusted 6 (unknown key; key of another country, by file name, ISO code
and comment)."""
import fcntl
import os

import aptest
from aptest import SRC, check, finish, read_bytes, reference_plan, tempdir, write
from signkeys import key_id, keys_dir, new_key


def lines(data):
    return data.decode("utf-8", "replace")


with tempdir("ap-sign-") as tmp:
    home = os.path.join(tmp, "official")
    plan = os.path.join(tmp, "plans", "thailand.yaml")
    plan_bytes = write(plan, reference_plan("Thailand", 2))

    # key new: where, which modes, what it says.
    r = aptest.run(["key", "new", "--no-passphrase"], home=home, new_session=True)
    check(r.returncode == 0, f"key new: {r.stderr}")
    kd = keys_dir(home)
    pub = os.path.join(kd, "actionplan.pub")
    check(oct(os.stat(kd).st_mode & 0o777) == "0o700", "folder not 0700")
    check(oct(os.stat(os.path.join(kd, "actionplan.key")).st_mode & 0o777) == "0o600",
          "secret key not 0600")
    kid = key_id(pub)
    check(len(kid) == 16 and kid.encode() in r.stdout and b"NOT encrypted" in r.stdout,
          f"key new output: {r.stdout}")
    r = aptest.run(["key", "show"], home=home, new_session=True)
    check(r.returncode == 0 and r.stdout == read_bytes(pub), f"key show: {r.stdout}")
    r = aptest.run(["key", "new", "--no-passphrase"], home=home, new_session=True)
    check(r.returncode == 1 and b"never replaced" in r.stderr, f"second key new: {r.stderr}")
    r = aptest.run(["key", "show"], home=os.path.join(tmp, "nobody"), new_session=True)
    check(r.returncode == 1 and b"actionplan key new" in r.stderr, f"show without key: {r.stderr}")
    # A folder others can read: refused, and what to run.
    os.chmod(kd, 0o755)
    r = aptest.run(["sign", plan], home=home, new_session=True)
    check(r.returncode == 1 and b"others can read it (mode 0755)" in r.stderr
          and b"chmod 700" in r.stderr, f"open folder: {r.returncode} {r.stderr}")
    os.chmod(kd, 0o700)
    os.chmod(os.path.join(kd, "actionplan.key"), 0o644)
    r = aptest.run(["sign", plan], home=home, new_session=True)
    check(r.returncode == 1 and b"chmod 600" in r.stderr, f"open key: {r.stderr}")
    os.chmod(os.path.join(kd, "actionplan.key"), 0o600)
    other_home = os.path.join(tmp, "open")
    os.makedirs(os.path.join(other_home, "config", "actionplan"))
    os.chmod(os.path.join(other_home, "config", "actionplan"), 0o755)
    r = aptest.run(["key", "new", "--no-passphrase"], home=other_home, new_session=True)
    check(r.returncode == 1 and b"chmod 700" in r.stderr
          and not os.path.exists(os.path.join(other_home, "config", "actionplan",
                                              "actionplan.key")),
          f"key new into an open folder: {r.stderr}")
    # Passphrases: never from a terminal that is not there, never empty.
    r = aptest.run(["key", "new"], home=os.path.join(tmp, "p1"), new_session=True)
    check(r.returncode == 1 and b"--passphrase-fd" in r.stderr, f"no terminal: {r.stderr}")
    r = aptest.run(["key", "new", "--passphrase-fd", "0"],
                   home=os.path.join(tmp, "p2"), new_session=True, input=b"\n")
    check(r.returncode == 1 and b"--no-passphrase" in r.stderr, f"empty: {r.stderr}")
    r = aptest.run(["key", "new", "--passphrase-fd", "x"],
                   home=os.path.join(tmp, "p3"), new_session=True)
    check(r.returncode == 2, "bad --passphrase-fd")
    r = aptest.run(["key", "new", "--passphrase-fd", "0"],
                   home=os.path.join(tmp, "p4"), new_session=True, input=b"x" * 1025 + b"\n")
    check(r.returncode == 1 and b"longer than 1024" in r.stderr, f"too long: {r.stderr}")

    # sign: the plan file is only read.
    r = aptest.run(["sign", plan], home=home, new_session=True)
    check(r.returncode == 0 and read_bytes(plan) == plan_bytes, f"sign: {r.stderr}")
    sig = read_bytes(plan + ".minisig")
    check(sig.startswith(b"untrusted comment: signature by actionplan key " + kid.encode()),
          sig)
    draft = os.path.join(tmp, "plans", "draft.yaml")
    write(draft, reference_plan("Thailand", 1, status="draft"))
    r = aptest.run(["sign", draft], home=home, new_session=True)
    check(r.returncode == 1 and b"a draft cannot be signed" in r.stderr
          and not os.path.exists(draft + ".minisig"), f"draft: {r.stderr}")
    # The lock: an editor holds the plan.
    with open(plan + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        r = aptest.run(["sign", plan], home=home, new_session=True)
        check(r.returncode == 4 and b"open in another editor" in r.stderr,
              f"locked: {r.returncode} {r.stderr}")
    os.unlink(plan + ".lock")
    check(read_bytes(plan + ".minisig") == sig, "a refused sign changed the signature")

    # verify: good, with the signer's own key by default.
    r = aptest.run(["verify", plan], home=home, new_session=True)
    check(r.returncode == 0 and b"good signature by key " + kid.encode() in r.stdout
          and b"trusted comment: questionnaire:ariat-2000\tversion:1\tcountry:Thailand"
          in r.stdout, f"verify: {r.returncode} {r.stdout} {r.stderr}")
    # Bad: the plan changed after signing (still a plan).
    write(plan, plan_bytes.replace(b"Department of State", b"Department of Peace"))
    r = aptest.run(["verify", plan], home=home, new_session=True)
    check(r.returncode == 1 and b"thailand.yaml.minisig:2: error: the signature does "
          b"not match the file" in r.stderr and b"bad signature" in r.stderr,
          f"changed plan: {r.returncode} {r.stderr}")
    write(plan, plan_bytes)
    # Bad: the trusted comment of another signature (same key).
    other = os.path.join(tmp, "plans", "other.yaml")
    write(other, reference_plan("Thailand", 7))
    aptest.run(["sign", other], home=home, new_session=True)
    other_sig = read_bytes(other + ".minisig").split(b"\n")
    mine = sig.split(b"\n")
    write(plan + ".minisig", b"\n".join(mine[:2] + other_sig[2:3] + mine[3:]))
    r = aptest.run(["verify", plan], home=home, new_session=True)
    check(r.returncode == 1 and b".minisig:3: error: the trusted comment was changed"
          in r.stderr, f"swapped comment: {r.returncode} {r.stderr}")
    # Hostile signature files: each refused at its line, never crashing.
    hostile = [
        (sig[:sig.index(b"\n") + 1], b".minisig:2: error: the file ends here"),
        (sig[:len(sig) // 2], b".minisig:4: error: the file ends here"),
        (b"untrusted comment: x\n" + b"A" * 20000,
         b".minisig: larger than the limit of 16384 bytes"),
        (sig.replace(b"\n", b"\nZZ", 1), b".minisig:2: error: the signature: 102 characters"),
        (b"\n".join(mine[:1] + [b"R" + mine[1][1:].replace(b"U", b"*", 1)] + mine[2:]),
         b".minisig:2: error: the signature: not base64"),
        (sig.replace(b"\ntrusted comment: ", b"\ntrusted comment: \x1b]0;owned\x07", 1),
         b".minisig:3: error: the trusted comment holds a control character"),
        (b"\x00" * 10, b".minisig:1: error: a NUL byte"),
    ]
    for text, want in hostile:
        write(plan + ".minisig", text)
        r = aptest.run(["verify", plan], home=home, new_session=True)
        check(r.returncode == 1 and want in r.stderr and b"\x1b" not in r.stderr,
              f"hostile {text[:40]!r}: {r.returncode} {r.stderr}")
    # Unsigned.
    os.unlink(plan + ".minisig")
    r = aptest.run(["verify", plan], home=home, new_session=True)
    check(r.returncode == 5 and b"is not signed" in r.stderr, f"unsigned: {r.returncode}")

    # A wrong passphrase: refused at full cost, the old signature kept.
    enc = os.path.join(tmp, "enc")
    new_key(enc, passphrase="right")
    r = aptest.run(["sign", plan, "--passphrase-fd", "0"],
                   home=enc, new_session=True, input=b"right\n")
    check(r.returncode == 0, f"sign with passphrase: {r.stderr}")
    before = read_bytes(plan + ".minisig")
    r = aptest.run(["sign", plan, "--passphrase-fd", "0"],
                   home=enc, new_session=True, input=b"wrong\n")
    check(r.returncode == 1 and b"wrong passphrase" in r.stderr, f"wrong: {r.stderr}")
    check(read_bytes(plan + ".minisig") == before, "a wrong passphrase changed the signature")
    check(not any(n.startswith(".thailand") for n in os.listdir(os.path.dirname(plan))),
          "a temporary file was left")

    # export --sign: the YAML export and its signature, nothing else.
    out = os.path.join(tmp, "export", "th.yaml")
    os.makedirs(os.path.dirname(out))
    r = aptest.run(["export", plan, "-f", "yaml", "-o", out, "--sign"],
                   home=home, new_session=True)
    check(r.returncode == 0 and os.path.exists(out + ".minisig"), f"export --sign: {r.stderr}")
    r = aptest.run(["verify", out], home=home, new_session=True)
    check(r.returncode == 0, f"verify the export: {r.stderr}")
    for bad in (["-f", "text", "-o", out + ".txt", "--sign"], ["-f", "yaml", "--sign"],
                ["-f", "yaml", "-o", out, "-s", "x"]):
        r = aptest.run(["export", plan, *bad], home=home, new_session=True)
        check(r.returncode == 2, f"export {bad}: {r.returncode}")

    # Trusted keys by country: file name, ISO code, comment.
    viet = os.path.join(tmp, "plans", "vietnam.yaml")
    write(viet, reference_plan("Viet Nam", 1))
    aptest.run(["sign", viet], home=home, new_session=True)
    aptest.run(["sign", plan], home=home, new_session=True)
    keys = os.path.join(tmp, "keys")
    pub_text = read_bytes(pub)
    for name, text in [("THA.pub", pub_text)]:
        write(os.path.join(keys, name), text)
    r = aptest.run(["verify", plan, "--keys", keys], home=tmp, new_session=True)
    check(r.returncode == 0 and b"THA.pub" in r.stdout, f"THA.pub: {r.returncode} {r.stderr}")
    r = aptest.run(["verify", viet, "--keys", keys], home=tmp, new_session=True)
    check(r.returncode == 6 and b"not trusted for Viet Nam" in r.stderr,
          f"Thai key, Vietnamese plan: {r.returncode} {r.stderr}")
    os.unlink(os.path.join(keys, "THA.pub"))
    write(os.path.join(keys, "coordinator-list-1.pub"),
          pub_text.replace(b"\n", b" country: Viet Nam\n", 1))
    r = aptest.run(["verify", viet, "--keys", keys], home=tmp, new_session=True)
    check(r.returncode == 0, f"comment country: {r.returncode} {r.stderr}")
    r = aptest.run(["verify", plan, "--keys", keys], home=tmp, new_session=True)
    check(r.returncode == 6, f"comment country, other plan: {r.returncode}")
    stranger = os.path.join(tmp, "stranger")
    keys2 = os.path.join(tmp, "keys2")
    write(os.path.join(keys2, "Thailand.pub"), read_bytes(new_key(stranger)))
    r = aptest.run(["verify", plan, "--keys", keys2], home=tmp, new_session=True)
    check(r.returncode == 6 and b"which is not among the trusted keys" in r.stderr,
          f"unknown key: {r.returncode} {r.stderr}")
    r = aptest.run(["verify", plan, "--key", pub, "--keys", keys],
                   home=tmp, new_session=True)
    check(r.returncode == 2, "--key and --keys together")

    # Files the real minisign made (tests/sign/data): prehashed, legacy,
    # by a key with a passphrase; and signing with its unencrypted key.
    data = os.path.join(SRC, "tests", "sign", "data")
    for name, key, sig in [("thailand.yaml", "minisign.pub", None),
                           ("thailand-legacy.yaml", "minisign.pub", None),
                           ("thailand.yaml", "minisign-pass.pub",
                            "thailand-pass.minisig")]:
        copy = os.path.join(tmp, "data", name)
        write(copy, read_bytes(os.path.join(data, name)))
        write(copy + ".minisig", read_bytes(os.path.join(data, sig or name + ".minisig")))
        r = aptest.run(["verify", copy, "--key", os.path.join(data, key)],
                       home=tmp, new_session=True)
        check(r.returncode == 0 and key_id(os.path.join(data, key)).encode() in r.stdout,
              f"minisign's {sig or name}: {r.returncode} {r.stderr}")
    mkey = os.path.join(tmp, "data", "m.key")
    write(mkey, read_bytes(os.path.join(data, "minisign-nopass.key")), 0o600)
    r = aptest.run(["sign", copy, "-s", mkey], home=tmp, new_session=True)
    check(r.returncode == 0, f"sign -s minisign's key: {r.stderr}")
    r = aptest.run(["verify", copy, "--key", os.path.join(data, "minisign.pub")],
                   home=tmp, new_session=True)
    check(r.returncode == 0, f"verify that: {r.stderr}")

finish()
