#!/usr/bin/env python3
"""Benchmark (not a test): wrapping 1 MiB of Thai to 72 columns, before and
after issue 14, beside `fold -w 72` and Python's textwrap in the same run.

Usage: run-bench.py BUILD_DIR

- after:  the current utext_wrap (Unicode line breaking by ICU, Thai words
          by libthai), through BUILD_DIR/bench/wrap/wrap-driver;
- before: utext_wrap of the commit before issue 14 (BASE below: breaks at
          spaces, between wide characters and before Thai preposed vowels),
          the same driver compiled against `git show BASE:src/engine/utext.c`;
- fold -w 72 -s (bytes, spaces only) and textwrap.wrap(width=72) (code
          points, spaces and hyphens): peers that know nothing of Thai.

Two inputs: the Thai corpus of tests/utext/data repeated to 1 MiB as
paragraphs of about 1.3 KB, and the same 1 MiB as one paragraph. Best of 5
rounds each; wall time in ms. Also: how many line breaks fall inside a
libthai word (as the wrap of each counts them), the issue's measure."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                        os.path.join(SRC, "build"))
BASE = "ac3f72d"  # the commit before issue 14's work
MIB = 1 << 20


def corpus():
    with open(os.path.join(SRC, "tests", "utext", "data",
                           "thai-government.txt"), encoding="utf-8") as f:
        paras = [p for p in f.read().split("\n") if p]
    out, size = [], 0
    while size < MIB:
        for p in paras:
            out.append(p)
            size += len(p.encode()) + 1
            if size >= MIB:
                break
    return out


def best(fn, rounds=5):
    t = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        r = fn()
        t.append(time.perf_counter() - t0)
    return min(t) * 1000, r


def build_before(tmp):
    """The driver against the old utext (None when git cannot give it)."""
    try:
        for name in ("utext.c", "utext.h"):
            data = subprocess.run(["git", "-C", SRC, "show",
                                   "%s:src/engine/%s" % (BASE, name)],
                                  capture_output=True, check=True).stdout
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
        exe = os.path.join(tmp, "wrap-before")
        subprocess.run(["cc", "-O2", "-std=c17", "-D_POSIX_C_SOURCE=200809L",
                        "-D_DEFAULT_SOURCE", "-I", tmp,
                        os.path.join(HERE, "wrap-driver.c"),
                        os.path.join(tmp, "utext.c"), "-o", exe,
                        "-lutf8proc", "-lpthread"], check=True,
                       capture_output=True)
        return exe
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None


def driver(exe, path):
    out = subprocess.run([exe, path, "5"], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1])


def main():
    after = os.path.join(BUILD, "bench", "wrap", "wrap-driver")
    if not os.access(after, os.X_OK):
        sys.exit("build first: " + after)
    tmp = tempfile.mkdtemp(prefix="ap-bench-wrap-")
    try:
        before = build_before(tmp)
        paras = corpus()
        inputs = [("paragraphs of ~1.3 KB", paras),
                  ("one 1 MiB paragraph", [" ".join(paras)])]
        rows = []
        for label, ps in inputs:
            path = os.path.join(tmp, "in.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(ps) + "\n")
            a = driver(after, path)
            b = driver(before, path) if before else None
            fold = best(lambda: subprocess.run(
                ["fold", "-s", "-w", "72", path], capture_output=True,
                check=True).stdout.count(b"\n"))
            tw = best(lambda: sum(len(textwrap.wrap(p, 72)) for p in ps), 3)
            rows.append((label, a, b, fold, tw))
        print("wrapping 1 MiB of Thai to 72 columns, best of 5 (ms, lines)")
        print("%-24s %-18s %-18s %-18s %-18s" % (
            "input", "after (ICU+libthai)", "before (%s)" % BASE,
            "fold -s -w 72", "Python textwrap"))
        for label, a, b, fold, tw in rows:
            print("%-24s %-18s %-18s %-18s %-18s" % (
                label, "%.1f / %d" % a,
                "%.1f / %d" % b if b else "-",
                "%.1f / %d" % fold, "%.1f / %d" % tw))
        print("(fold and textwrap count bytes or code points, not columns,"
              " and break only at spaces:\n their lines are not 72 columns"
              " wide; they are here for scale)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
