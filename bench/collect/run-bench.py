#!/usr/bin/env python3
"""Benchmark of `actionplan collect`: generates 1,000 plans of about 40 KB
(gen-bench.py), then times collect and a bare libyaml event loop over the
same files (yaml-parse-only), best of five rounds each, and prints wall time,
CPU time and peak memory (getrusage of the child) beside the input's size.
Targets (issue 6): collect within 2x the bare parse, memory within 3x the
input. With --write-floor it also times the least that writing collect's
outputs costs on the same disk: the same files, already in memory, written
into a new folder and synced (write-floor). With --shares it prints each
output's share of the outputs' CPU time (collect-shares, collect's own
timings): issue 18 asks that the workbook and the database together cost
less than the rest of the outputs.

Usage: run-bench.py --actionplan BIN --parse-only BIN [--write-floor BIN]
                    [--shares BIN] [--plans N] [--size B] [--runs N]
                    [--keep DIR]"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))

ap = argparse.ArgumentParser()
ap.add_argument("--actionplan", required=True)
ap.add_argument("--parse-only", required=True)
ap.add_argument("--write-floor")
ap.add_argument("--shares")
ap.add_argument("--plans", type=int, default=1000)
ap.add_argument("--size", type=int, default=40000)
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--keep", help="generate into this folder and keep it")
args = ap.parse_args()


def measure(argv, env=None):
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = (f.read().decode(errors="replace") for f in (out, err))
    return {"wall": wall, "user": ru.ru_utime, "sys": ru.ru_stime,
            "rss": ru.ru_maxrss * 1024, "code": p.returncode, "err": errors,
            "out": text}


def best_each(argvs, env=None):
    runs = []
    for argv in argvs:
        runs.append(measure(argv, env))
        if runs[-1]["code"] != 0:
            sys.exit(f"{argv[0]} failed ({runs[-1]['code']}): {runs[-1]['err'][-2000:]}")
    return min(runs, key=lambda r: r["wall"]), runs


tmp = args.keep or tempfile.mkdtemp(prefix="ap-bench-")
plans = os.path.join(tmp, "plans")
try:
    if not glob.glob(os.path.join(plans, "*.yaml")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen-bench.py"), SRC, plans,
                        str(args.plans), str(args.size)], check=True)
    files = sorted(glob.glob(os.path.join(plans, "*.yaml")))
    size = sum(os.path.getsize(f) for f in files)
    env = dict(os.environ, ACTIONPLAN_QUESTIONNAIRES=os.path.join(SRC, "questionnaires"))
    # A new output folder for each run, like a first collection; the old
    # ones are removed only at the end, because ext4 is slow to allocate
    # inodes right after a thousand were freed and that is not collect's
    # doing. The same run with the outputs in memory (tmpfs) shows the
    # part of the time that is the disk's (making 128 MB durable).
    outs = [os.path.join(tmp, "out%d" % i) for i in range(args.runs)]
    for o in outs:
        shutil.rmtree(o, ignore_errors=True)
    shm = None
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        shm = tempfile.mkdtemp(prefix="ap-bench-", dir="/dev/shm")
    # Round by round, the parse and collect in turn: this machine's speed
    # drifts from minute to minute, and the drift must not fall on one
    # side of the comparison.
    jobs = min(len(os.sched_getaffinity(0)), 16)  # as collect's default
    floors = [os.path.join(tmp, "floor%d" % i) for i in range(args.runs)]
    for f in floors:
        shutil.rmtree(f, ignore_errors=True)
    parses, collects, rams, floor_walls, agains = [], [], [], [], []
    try:
        for i in range(args.runs):
            parses.append(best_each([[args.parse_only, *files]])[0])
            collects.append(best_each([[args.actionplan, "collect", plans,
                                        "-o", outs[i]]], env=env)[0])
            if shm:
                rams.append(best_each([[args.actionplan, "collect", plans,
                                        "-o", os.path.join(shm, "out%d" % i)]],
                                      env=env)[0])
                # Again into the same folder: compared with what it held
                # (changes.txt), then swapped in and the old output
                # removed, as a coordinator runs it before each meeting.
                agains.append(best_each([[args.actionplan, "collect", plans,
                                          "-o", os.path.join(shm, "out%d" % i)]],
                                        env=env)[0])
                shutil.rmtree(os.path.join(shm, "out%d" % i), ignore_errors=True)
            if args.write_floor:
                # Its own clock: reading this round's outputs back into
                # memory is not counted.
                r = best_each([[args.write_floor, outs[i], floors[i],
                                str(jobs)]])[0]
                floor_walls.append(float(r["out"].split()[-2]))
    finally:
        if shm:
            shutil.rmtree(shm, ignore_errors=True)
    parse = min(parses, key=lambda r: r["wall"])
    collect = min(collects, key=lambda r: r["wall"])
    ram = min(rams, key=lambda r: r["wall"]) if rams else None
    again = min(agains, key=lambda r: r["wall"]) if agains else None
    out = outs[collects.index(collect)]
    out_size = sum(os.path.getsize(os.path.join(r, f))
                   for r, _, fs in os.walk(out) for f in fs)

    mb = 1024 * 1024
    print(f"{len(files)} plans, {size / mb:.1f} MiB of YAML "
          f"({size / len(files) / 1024:.1f} KiB each); collect wrote "
          f"{out_size / mb:.1f} MiB; best of {args.runs} runs; "
          f"{len(os.sched_getaffinity(0))} processors (collect uses one "
          f"thread each, the parse one)")
    print(f"{'':24} {'wall s':>8} {'user s':>8} {'sys s':>8} {'CPU s':>8} {'peak RSS MiB':>13}")
    rows = [("yaml-parse-only", parse), ("actionplan collect", collect)]
    if ram:
        rows.append(("  same, outputs in RAM", ram))
    if again:
        rows.append(("  again over its output", again))
    for name, r in rows:
        print(f"{name:24} {r['wall']:8.2f} {r['user']:8.2f} {r['sys']:8.2f} "
              f"{r['user'] + r['sys']:8.2f} {r['rss'] / mb:13.1f}")
    wall_ratio = collect["wall"] / parse["wall"]
    cpu_ratio = (collect["user"] + collect["sys"]) / (parse["user"] + parse["sys"])
    mem_ratio = collect["rss"] / size
    print(f"collect / parse: wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x "
          f"(target 2x); peak RSS / input {mem_ratio:.2f}x (target 3x)")
    if ram:
        print(f"outputs in RAM: wall {ram['wall'] / parse['wall']:.2f}x the parse")
    if again:
        print(f"again into the same folder in RAM (changes, swap, old output "
              f"removed): wall {again['wall'] / parse['wall']:.2f}x the parse")
    if floor_walls:
        floor = min(floor_walls)
        print(f"floor: writing collect's outputs alone (from memory, {jobs} "
              f"threads, one syncfs) took {floor:.2f} s, "
              f"{floor / parse['wall']:.2f}x the parse; collect is "
              f"{collect['wall'] / floor:.2f}x that floor")
    if args.shares:
        # Each output's CPU time (summed over the threads that made it),
        # from collect's own clock: best of the rounds by total.
        best = None
        ram = shm is not None
        for i in range(args.runs):
            d = tempfile.mkdtemp(prefix="ap-shares-",
                                 dir="/dev/shm" if ram else tmp)
            try:
                r = measure([args.shares, plans, os.path.join(d, "out")], env)
            finally:
                shutil.rmtree(d, ignore_errors=True)
            if r["code"] != 0:
                sys.exit(f"collect-shares failed: {r['err'][-2000:]}")
            total = float(r["out"].split("outputs ")[1].split()[0])
            if best is None or total < best[0]:
                best = (total, r["out"])
        print(f"each output's CPU time (best of {args.runs} runs by total"
              f"{', outputs in RAM' if ram else ''}):")
        print(best[1], end="")
        last = best[1].strip().splitlines()[-1]
        data = float(last.split("answers.sqlite ")[1].split()[0])
        rest = float(last.split("the other outputs ")[1].split()[0])
        verdict = "less" if data < rest else \
            f"MORE by {data - rest:.2f} s ({100 * (data - rest) / rest:.0f}% of the others)"
        print(f"workbook + database {data:.2f} s against the other outputs "
              f"{rest:.2f} s: {verdict} (target: less)")
finally:
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        for i in range(args.runs):
            shutil.rmtree(os.path.join(tmp, "out%d" % i), ignore_errors=True)
            shutil.rmtree(os.path.join(tmp, "floor%d" % i), ignore_errors=True)
