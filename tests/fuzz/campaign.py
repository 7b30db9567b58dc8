#!/usr/bin/env python3
"""Runs a fuzzing campaign with the libFuzzer binaries of a -Dfuzzing=true
build, merges what it found into the checked-in corpora (minimised with
-merge=1) and adds the executions to campaign.json, which the proof report
prints, and this campaign's own figures (campaign.json's "last": the date,
the commit and the executions of each target, as the README quotes them).
Inputs that crash, time out or run out of memory are left in the
scratch folder (crash-*, timeout-*, oom-*) and counted; fix them, copy them
into corpus/TARGET/ and raise crashes_fixed by hand.

  tests/fuzz/campaign.py BUILD-FUZZ [--seconds 480] [--targets plan,qn,...]
                         [--extra-seeds DIR] [--scratch DIR]"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzrun  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, '..', '..'))
CAMPAIGN = os.path.join(HERE, 'campaign.json')
MAX_CORPUS = 1900 * 1024  # under 2 MB with the folder itself
FLAGS = fuzzrun.FLAGS


def corpus_size(d):
    return sum(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d))


def run_target(build, t, seconds, scratch, extra):
    corpus = os.path.join(HERE, 'corpus', t)
    os.makedirs(corpus, exist_ok=True)
    r = fuzzrun.run(build, t, seconds, scratch,
                    [corpus] + ([extra] if extra else []))
    execs, secs, found = r['executions'], r['seconds'], r['problems']
    exe = os.path.join(build, 'tests', 'fuzz', 'fuzz-' + t)
    env = dict(os.environ, AP_SOURCE_ROOT=SRC)
    work = os.path.join(scratch, t)
    # Minimise: the checked-in corpus, the seeds and what was found.
    merged = tempfile.mkdtemp(prefix='merge-%s-' % t, dir=scratch)
    subprocess.run([exe, '-merge=1'] + FLAGS + [merged, corpus, work] +
                   ([extra] if extra else []), env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    keep_corpus(merged, corpus)
    return execs, secs, found


def keep_corpus(merged, corpus):
    """Replaces corpus by the merged inputs, smallest first, up to 2 MB
    (the largest inputs add little coverage and most of the bytes)."""
    names = sorted(os.listdir(merged),
                   key=lambda n: os.path.getsize(os.path.join(merged, n)))
    if not names:
        print('%s: merge gave nothing: kept the old corpus' % corpus)
        return
    for n in os.listdir(corpus):
        os.unlink(os.path.join(corpus, n))
    total = 0
    for n in names:
        data = open(os.path.join(merged, n), 'rb').read()
        if total + len(data) > MAX_CORPUS:
            break
        total += len(data)
        with open(os.path.join(corpus, hashlib.sha1(data).hexdigest()),
                  'wb') as f:
            f.write(data)


def head_commit():
    r = subprocess.run(['git', '-C', SRC, 'rev-parse', 'HEAD'],
                       capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else 'unknown'


def this_campaign(campaign, commit, new):
    """campaign['last']: this campaign, which may be run target by target,
    at one commit (the one the fuzz targets were built from); --new starts
    another. None when the one recorded is of another commit."""
    last = campaign.get('last')
    if new or not last:
        last = campaign['last'] = {'commit': commit, 'targets': {}}
    if last.get('commit') != commit:
        return None
    last['date'] = time.strftime('%Y-%m-%d', time.gmtime())
    return last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('build')
    ap.add_argument('--seconds', type=int, default=480)
    ap.add_argument('--targets', help='default: every target built')
    ap.add_argument('--extra-seeds')
    ap.add_argument('--scratch')
    ap.add_argument('--commit', help='the commit the targets were built '
                    'from (default: the one checked out)')
    ap.add_argument('--new', action='store_true',
                    help='start a new campaign in campaign.json')
    a = ap.parse_args()
    commit = a.commit or head_commit()
    scratch = a.scratch or tempfile.mkdtemp(prefix='ap-fuzz-')
    with open(CAMPAIGN) as f:
        campaign = json.load(f)
    if this_campaign(campaign, commit, a.new) is None:
        print('campaign.json holds a campaign of commit %s: start a new '
              'one with --new' % campaign['last'].get('commit'))
        return 2
    for t in (a.targets.split(',') if a.targets
              else fuzzrun.targets(a.build)):
        execs, secs, found = run_target(a.build, t, a.seconds, scratch,
                                        a.extra_seeds)
        rec = campaign['targets'].setdefault(t, {})
        rec['executions'] = rec.get('executions', 0) + execs
        rec['seconds'] = rec.get('seconds', 0) + secs
        rec['runs'] = rec.get('runs', 0) + 1
        rec['crashes_found'] = rec.get('crashes_found', 0) + len(found)
        rec.setdefault('crashes_fixed', 0)
        now = this_campaign(campaign, commit, False)['targets'].setdefault(
            t, {})
        now['executions'] = now.get('executions', 0) + execs
        now['seconds'] = now.get('seconds', 0) + secs
        now['problems'] = now.get('problems', 0) + len(found)
        corpus = os.path.join(HERE, 'corpus', t)
        rec['corpus_files'] = len(os.listdir(corpus))
        rec['corpus_bytes'] = corpus_size(corpus)
        print('%s: %d executions in %d s, %d new problem inputs %s'
              % (t, execs, secs, len(found), found))
        with open(CAMPAIGN, 'w') as f:
            json.dump(campaign, f, indent=2, sort_keys=True)
            f.write('\n')
    print('scratch: ' + scratch)
    return 0


if __name__ == '__main__':
    sys.exit(main())
