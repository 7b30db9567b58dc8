#!/usr/bin/env python3
"""collect killed (SIGKILL) at 30 random moments while it replaces an
output folder: after each kill the folder is, byte for byte, the complete
old output or the complete new one (never a mix, never a stale file); only
collect's own marked folders are left beside it, and the next run removes
them all. Two sets of 40 plans (the second a new revision of the first)
are collected into the folder in turn, so that every run replaces a
different output, with word diffs to make. AP_KILL_TRIALS changes the
number of trials."""
import os
import random
import shutil
import subprocess
import sys
import time

import aptest
from aptest import check, finish, tempdir, tree

TRIALS = int(os.environ.get("AP_KILL_TRIALS", "30"))


with tempdir("ap-collect-") as tmp:
    gen = os.path.join(aptest.SRC, "bench", "collect", "gen-bench.py")
    for name, size in [("a", "12000"), ("b", "13000")]:
        subprocess.run([sys.executable, gen, aptest.SRC, os.path.join(tmp, name), "40", size],
                       check=True)
    for f in os.listdir(os.path.join(tmp, "b")):
        p = os.path.join(tmp, "b", f)
        text = open(p, encoding="utf-8").read()
        with open(p, "w", encoding="utf-8") as out:
            out.write(text.replace("\nrevision: 1\n", "\nrevision: 2\n", 1)
                      .replace('modified: "2000-01-01T00:00:00Z"',
                               'modified: "2000-06-01T00:00:00Z"', 1))
    env = aptest.env()
    here, there = os.path.join(tmp, "here"), os.path.join(tmp, "there")
    os.makedirs(here)
    # Someone else's folders beside the output, which must stay: one
    # named as collect names its own, but not marked (nor empty).
    os.makedirs(os.path.join(here, ".out.collect-nomark"))
    open(os.path.join(here, ".out.collect-nomark", "mine.txt"), "w").close()
    os.makedirs(os.path.join(here, "notes"))

    def collect(inputs, cwd):
        return aptest.run(["collect", "../" + inputs, "-o", "out", "-j", "2"],
                          cwd=cwd, env=env)

    r = collect("a", here)
    check(r.returncode == 0, f"first run: {r.returncode} {r.stderr[-300:]!r}")
    # How long a run that replaces an output takes (each trial's
    # reference run may make it longer).
    duration = 0
    for i in range(2):
        shutil.copytree(os.path.join(here, "out"), os.path.join(there, "out"))
        started = time.monotonic()
        collect("ba"[i], there)
        duration = max(duration, time.monotonic() - started)
        shutil.rmtree(there)
    rng = random.Random(17)
    outcomes = {"old": 0, "new": 0}
    leftovers_seen = 0
    current = "a"
    reference = {}
    for trial in range(TRIALS):
        # Always the other set than the output holds.
        inputs = "b" if current == "a" else "a"
        before = tree(os.path.join(here, "out"))
        # The new output this run would make: the same run, not killed,
        # on a copy of the folder as it is now (same name, same inputs).
        # Collecting one set over an output of the other always gives the
        # same bytes, so it is made once for each set.
        if inputs not in reference:
            shutil.rmtree(there, ignore_errors=True)
            os.makedirs(there)
            shutil.copytree(os.path.join(here, "out"), os.path.join(there, "out"),
                            symlinks=True)
            started = time.monotonic()
            r = collect(inputs, there)
            duration = max(duration, time.monotonic() - started)
            check(r.returncode == 0, f"trial {trial}: reference run {r.returncode}")
            reference[inputs] = tree(os.path.join(there, "out"))
        new = reference[inputs]
        check(new != before, f"trial {trial}: the new output is the old one")
        # Moments spread over the whole run, a little past its end.
        moment = duration * 1.2 * (trial + rng.random()) / TRIALS
        p = subprocess.Popen([aptest.PROG, "collect", "../" + inputs, "-o", "out", "-j", "2"],
                             cwd=here, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(moment)
        p.kill()
        p.wait()
        after = tree(os.path.join(here, "out"))
        if after == before:
            outcomes["old"] += 1
        elif after == new:
            outcomes["new"] += 1
            current = inputs
        else:
            changed = sorted(set(after) ^ set(before) | {k for k in after if
                                                         k in before and after[k] != before[k]})
            check(False, f"trial {trial}, killed at {moment:.3f} s: the folder is "
                         f"neither the old output nor the new one: {changed[:5]}")
        beside = sorted(os.listdir(here))
        extra = [n for n in beside if n not in ("out", "notes", ".out.collect-nomark")]
        for n in extra:
            # Killed after making its folder and before marking it, a
            # run leaves it empty; otherwise marked.
            check(n.startswith(".out.collect-") and
                  (os.path.isfile(os.path.join(here, n, ".actionplan-collect")) or
                   os.listdir(os.path.join(here, n)) == []),
                  f"trial {trial}: {n} left beside the output")
        leftovers_seen += len(extra)
    # One more run cleans up after every killed one.
    r = collect("a", here)
    check(r.returncode == 0, f"last run: {r.returncode}")
    check(sorted(os.listdir(here)) == [".out.collect-nomark", "notes", "out"],
          f"left after the last run: {sorted(os.listdir(here))}")
    print(f"kill test: {TRIALS} trials over {duration:.2f} s runs: "
          f"{outcomes['old']} old output, {outcomes['new']} new output, "
          f"{leftovers_seen} leftovers seen, all removed by the next run")

finish()
