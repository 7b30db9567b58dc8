#!/usr/bin/env python3
"""Runs `actionplan check` on every broken or hostile file of the corpus and
on large ones generated here, and compares the exit status and the first
problem with expected.tsv. Every file must be answered within the time
limit, never by a crash."""
import os
import subprocess
import sys
import time

import aptest
from aptest import fail

HERE = os.path.dirname(os.path.abspath(__file__))
# Sanitizer builds run several times slower; meson says which one this is
# (run-corpus.py SLOW_FACTOR).
LIMIT = 1.0 * float(sys.argv[1] if len(sys.argv) > 1 else "1")


def generate(tmp):
    """Large inputs are made here, not committed."""
    cases = []
    big = os.path.join(tmp, "big-50mb.yaml")
    with open(big, "wb") as f:
        f.write(b"format: actionplan-plan/1\nanswers:\n  introduction: |\n")
        line = b"    " + b"x" * 95 + b"\n"
        f.write(line * (50 * 1024 * 1024 // len(line) + 1))
    cases.append((big, 1, "larger than"))
    deep = os.path.join(tmp, "deep-flow-100k.yaml")
    with open(deep, "wb") as f:
        f.write(b"answers: " + b"[" * 100000 + b"]" * 100000 + b"\n")
    cases.append((deep, 1, "nest"))
    deep2 = os.path.join(tmp, "deep-flow-2mb.yaml")
    with open(deep2, "wb") as f:
        f.write(b"[" * (2 * 1024 * 1024))
    cases.append((deep2, 1, "nest"))
    deepmap = os.path.join(tmp, "deep-map-100k.yaml")
    with open(deepmap, "wb") as f:
        f.write(b"a: " + b"{a: " * 100000 + b"}" * 100000 + b"\n")
    cases.append((deepmap, 1, "nest"))
    return cases


def main():
    cases = []
    with open(os.path.join(HERE, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, status, want = line.rstrip("\n").split("\t")
            cases.append((os.path.join(HERE, name), int(status), want))
    alone = []
    with aptest.tempdir("ap-corpus-") as tmp:
        cases += generate(tmp)
        for path, status, want in cases:
            name = os.path.relpath(path, HERE) if path.startswith(HERE) \
                else os.path.basename(path)
            t0 = time.monotonic()
            try:
                r = aptest.run(["check", path], timeout=60)
            except subprocess.TimeoutExpired:
                fail(f"{name}: hung for 60 s")
                continue
            dt = time.monotonic() - t0
            err = r.stderr.decode("utf-8", "replace")
            problems = []
            if r.returncode < 0 or r.returncode > 4:
                problems.append(f"crashed or odd status {r.returncode}")
            elif r.returncode != status:
                problems.append(f"status {r.returncode}, expected {status}")
            if want and want not in err:
                problems.append(f"expected {want!r} in the messages")
            if "Sanitizer" in err or "runtime error" in err:
                problems.append("sanitizer report")
            if status != 0 and not err.startswith(path + ":"):
                problems.append("first message does not start with FILE:")
            if dt > LIMIT:
                problems.append(f"took {dt:.2f} s (limit {LIMIT:.1f} s)")
            if problems:
                fail(f"{name}: {'; '.join(problems)}",
                     "     stderr: " + err.strip().replace("\n", "\n             "))
            else:
                print(f"ok   {name} ({dt*1000:.0f} ms): {err.splitlines()[0] if err else '(no messages)'}")
            alone.append((path, r.returncode, r.stderr))
        # All the files in one run (each questionnaire then looked up
        # once): the same messages, file by file, as one run each, and the
        # worst status. Twice over, so that every questionnaire, found or
        # not, is asked for again after it was kept.
        small = [a for a in alone if os.path.getsize(a[0]) < 1 << 20] * 2
        r = aptest.run(["check", *[a[0] for a in small]], timeout=120)
        want_err = b"".join(a[2] for a in small)
        want_status = max(a[1] for a in small)
        if r.stderr != want_err or r.returncode != want_status:
            fail(f"one run over {len(small)} files: status "
                 f"{r.returncode} (want {want_status}), messages "
                 f"{'the same' if r.stderr == want_err else 'differ'}")
        else:
            print(f"ok   one run over {len(small)} files: the same "
                  f"messages as a run each")
    aptest.finish()


if __name__ == "__main__":
    main()
