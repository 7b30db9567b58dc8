#!/usr/bin/env python3
"""Fuzzing in CI: runs every libFuzzer target of a -Dfuzzing=true build
(clang, ASan+UBSan) for a bounded time from its checked-in corpus (new
inputs go to a scratch folder; the corpus is left as it is), fails when an
input crashes, times out or runs out of memory, and writes what ran to
FIGURES (JSON), from which the proof report writes its fuzzing line.

  tests/fuzz/ci.py BUILD-FUZZ FIGURES.json [--seconds 60] [--scratch DIR]"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzrun  # noqa: E402


def clang_version():
    try:
        out = subprocess.run(['clang', '--version'], capture_output=True,
                             text=True).stdout
    except OSError:
        return 'clang'
    first = out.splitlines()[0] if out else 'clang'
    return first.replace('Debian ', '').replace(' version', '')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('build')
    ap.add_argument('figures')
    ap.add_argument('--seconds', type=int, default=60)
    ap.add_argument('--scratch')
    a = ap.parse_args()
    names = fuzzrun.targets(a.build)
    if not names:
        print('ci.py: no fuzz targets in %s (set up with -Dfuzzing=true)'
              % a.build)
        return 1
    scratch = a.scratch or tempfile.mkdtemp(prefix='ap-fuzz-ci-')
    figures = {'tool': 'libFuzzer, %s, ASan+UBSan' % clang_version(),
               'seconds_each': a.seconds, 'when': time.time(),
               'targets': {}}
    bad = 0
    for t in names:
        corpus = os.path.join(fuzzrun.HERE, 'corpus', t)
        seeds = [corpus] if os.path.isdir(corpus) else []
        r = fuzzrun.run(a.build, t, a.seconds, scratch, seeds)
        figures['targets'][t] = {'executions': r['executions'],
                                 'seconds': r['seconds'],
                                 'problems': len(r['problems'])}
        print('fuzz %-8s %9d executions in %3d s%s'
              % (t, r['executions'], r['seconds'],
                 '; PROBLEMS: ' + ', '.join(r['problems'])
                 if r['problems'] else ''))
        if r['problems'] or r['executions'] == 0:
            bad += 1
            with open(r['log'], errors='replace') as f:
                print(f.read()[-4000:])
    os.makedirs(os.path.dirname(os.path.abspath(a.figures)), exist_ok=True)
    with open(a.figures, 'w') as f:
        json.dump(figures, f, indent=2, sort_keys=True)
        f.write('\n')
    if bad:
        print('ci.py: %d targets found problems; inputs kept in %s'
              % (bad, scratch))
        return 1
    if not a.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
