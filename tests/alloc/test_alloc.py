#!/usr/bin/env python3
"""Allocation failures, as SQLite tests them: each scenario is run again
and again with the 1st, 2nd, 3rd... allocation failing (AP_ALLOC_FAIL,
alloc_fail.c), until a run makes fewer allocations than the one asked to
fail. Every run must end cleanly: no crash, no hang, no sanitizer report
(ASan's leak check among them), no temporary or lock file left; and either
the failure was absorbed (the same status, output and files as a run
without failures) or the program said it ran out of memory, and every file
it was writing is byte-identical to before or to what a good run writes.

Scenarios: loading a plan and its questionnaire in the line mode, answering
(validated) and saving; the text export to a file; check; diff; collect
over 5 plans (on one thread, so that the Nth allocation is the same one
each time; and once more on two).

  test_alloc.py ACTIONPLAN-ALLOCFAIL

By default each scenario tries about AP_ALLOC_POINTS failure points
spread evenly over its allocations (400; 60 under AddressSanitizer, whose
leak check makes a run take a tenth of a second), so that the suite stays
quick; AP_ALLOC_STRIDE=1 tries every one.

Environment:
  AP_ALLOC_STRIDE=K    every Kth failure point (1: every one)
  AP_ALLOC_POINTS=P    about P points a scenario when no stride is given
  AP_ALLOC_FULL=1      also the reference plan with the ARIAT questionnaire
  AP_ALLOC_PERSIST=K   also fail every allocation from a point on, for
                       every Kth point (0, the default: not done)
  AP_ALLOC_JOBS=J      runs at once (default: processors)"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

import aptest
from aptest import plan_yaml, read_bytes

import yaml  # noqa: E402

OOM = re.compile(rb'out of memory|Cannot allocate memory|Out of memory')
SANITIZER = re.compile(rb'Sanitizer|runtime error:')
TIMEOUT = 60


class Scenario:
    """A command, its stdin, and the files it writes (restored to their
    old contents before each run)."""

    def __init__(self, name, args, stdin=b'', writes=(), tree=None,
                 scripted=False):
        self.name = name
        self.args = args
        self.stdin = stdin
        self.writes = list(writes)  # file names in the work folder
        self.tree = tree            # a folder name it writes into
        # Answers typed from a script: a line the program said it had no
        # memory for is dropped, and the script goes on regardless, so a
        # save may then hold other answers than a good run's (still a
        # whole plan, never a torn one).
        self.scripted = scripted

    def prepare(self, seed, work):
        """work as seed; once made, only what a run writes is put back."""
        if not os.path.exists(work):
            shutil.copytree(seed, work, symlinks=True)
            return
        for n in self.writes:
            shutil.copyfile(os.path.join(seed, n), os.path.join(work, n))
        if self.tree:
            shutil.rmtree(os.path.join(work, self.tree), ignore_errors=True)
            if os.path.exists(os.path.join(seed, self.tree)):
                shutil.copytree(os.path.join(seed, self.tree),
                                os.path.join(work, self.tree))
        for d, _, files in os.walk(work):
            for f in files:
                if self.stray_file(work, d, f):
                    os.unlink(os.path.join(d, f))

    def run(self, exe, work, env, fail=None):
        e = dict(env)
        report = os.path.join(work, '.alloc-report')
        e['AP_ALLOC_REPORT'] = report
        if fail is not None:
            e['AP_ALLOC_FAIL'] = fail
        else:
            e.pop('AP_ALLOC_FAIL', None)
        try:
            r = subprocess.run([exe] + self.args, input=self.stdin,
                               capture_output=True, env=e, cwd=work,
                               timeout=TIMEOUT)
            status, out, err = r.returncode, r.stdout, r.stderr
        except subprocess.TimeoutExpired as t:
            status, out, err = 'timeout', t.stdout or b'', t.stderr or b''
        calls = failed = 0
        if os.path.exists(report):
            m = re.match(r'calls (\d+) failed (\d+)', open(report).read())
            if m:
                calls, failed = int(m.group(1)), int(m.group(2))
            os.unlink(report)
        return status, out, err, calls, failed

    def outputs(self, work):
        """What the run left: the written files, and the tree."""
        got = {}
        for n in self.writes:
            p = os.path.join(work, n)
            got[n] = read_bytes(p) if os.path.exists(p) else None
        if self.tree:
            root = os.path.join(work, self.tree)
            for d, _, files in os.walk(root):
                for f in files:
                    p = os.path.join(d, f)
                    got[os.path.relpath(p, work)] = read_bytes(p)
        return got

    def stray(self, work):
        """Temporary and lock files anywhere in the work folder."""
        out = []
        for d, dirs, files in os.walk(work):
            for f in files:
                if self.stray_file(work, d, f):
                    out.append(os.path.relpath(os.path.join(d, f), work))
        return out

    def stray_file(self, work, d, f):
        """A lock or temporary file; not the report of the allocation
        hook, nor the marker that collect keeps in its output folder (it
        names the folder as collect's own, to be replaced whole)."""
        if f.endswith('.lock'):
            return True
        if not f.startswith('.') or f == '.alloc-report':
            return False
        return not (self.tree and f == '.actionplan-collect' and
                    os.path.relpath(d, work) == self.tree)


def make_seed(root, full):
    """The work folder every run starts from."""
    seed = os.path.join(root, 'seed')
    qdir = os.path.join(seed, 'q')
    os.makedirs(qdir)
    shutil.copy(os.path.join(aptest.SRC, 'tests', 'plan', 'test-qn.yaml'),
                qdir)
    if full:
        shutil.copy(os.path.join(aptest.QN_DIR, 'ariat-2000.yaml'), qdir)
        shutil.copy(os.path.join(aptest.SRC, 'exports',
                                 'united-states-2000.yaml'),
                    os.path.join(seed, 'us.yaml'))
    golden = read_bytes(os.path.join(aptest.SRC, 'tests', 'plan',
                                     'golden-full.yaml'))
    with open(os.path.join(seed, 'plan.yaml'), 'wb') as f:
        f.write(golden)
    with open(os.path.join(seed, 'old.yaml'), 'wb') as f:
        f.write(golden.replace(b'First paragraph', b'An older paragraph'))
    with open(os.path.join(seed, 'out.txt'), 'wb') as f:
        f.write(b'an old export, to be kept whole\n')
    inbox = os.path.join(seed, 'inbox')
    os.mkdir(inbox)
    for i, (c, lang) in enumerate((('Viet Nam', 'vi'), ('Thailand', 'th'),
                                    ('China', 'zh-CN'), ('Laos', 'en'),
                                    ('Cambodia', 'en'))):
        text = plan_yaml(
            details={'country': c, 'date': '2000-01', 'language': lang},
            answers={'intro': 'Plan of %s.' % c, 'law': 'yes',
                     'law.name': 'Law %d' % i, 'level': 'high',
                     'level.high': 'Very.'},
            status='final', revision=1, qn_id='plan-test', qn_version='3')
        with open(os.path.join(inbox, 'p%d.yaml' % i), 'w') as f:
            f.write(text)
    return seed


def scenarios(full):
    s = [
        Scenario('line mode: load, answer, validate, save',
                 ['fill', '--plain', 'plan.yaml'],
                 stdin=b':goto M1\nA new introduction\n.\n:quit\n',
                 writes=['plan.yaml'], scripted=True),
        Scenario('text export to a file',
                 ['export', 'plan.yaml', '--format', 'text', '--draft', '-o',
                  'out.txt'], writes=['out.txt']),
        Scenario('check', ['check', 'plan.yaml', 'old.yaml',
                           'q/test-qn.yaml']),
        Scenario('diff', ['diff', 'old.yaml', 'plan.yaml']),
        Scenario('collect over 5 plans',
                 ['collect', 'inbox', '-o', 'report', '--jobs', '1'],
                 tree='report'),
        # On two threads the Nth allocation is not always the same one;
        # the runs must end cleanly all the same.
        Scenario('collect over 5 plans on 2 threads',
                 ['collect', 'inbox', '-o', 'report', '--jobs', '2'],
                 tree='report'),
    ]
    if full:
        s += [
            Scenario('ARIAT: line mode on the reference plan',
                     ['fill', '--plain', 'us.yaml'],
                     stdin=b':goto P6\nA new answer\n.\n:quit\n',
                     writes=['us.yaml'], scripted=True),
            Scenario('ARIAT: text export of the reference plan',
                     ['export', 'us.yaml', '--format', 'text', '-o',
                      'out.txt'], writes=['out.txt']),
            Scenario('ARIAT: check', ['check', 'us.yaml']),
            Scenario('ARIAT: diff', ['diff', 'us.yaml', 'us.yaml']),
        ]
    return s


def whole_plan(data):
    """A plan file as a save writes it: YAML, a plan's header."""
    try:
        doc = yaml.safe_load(data.decode('utf-8'))
    except Exception:
        return False
    return isinstance(doc, dict) and doc.get('format') == 'actionplan-plan/1'


def judge(sc, ref, old, got, status, out, err):
    """Problems with one run (an empty list when it ended cleanly)."""
    bad = []
    said = out + err
    if status == 'timeout':
        return ['hung (no end within %d s)' % TIMEOUT]
    if status < 0 or status > 4:
        bad.append('ended with status %d' % status)
    if SANITIZER.search(err):
        bad.append('sanitizer report:\n' + err.decode('utf-8', 'replace')
                   [-3000:])
    ref_status, ref_out, ref_files = ref
    absorbed = status == ref_status and got == ref_files and \
        (out == ref_out or sc.tree)
    if absorbed:
        return bad
    if not OOM.search(said):
        bad.append('status %s, output differs from a good run, and it did '
                   'not say it ran out of memory:\n%s'
                   % (status, said.decode('utf-8', 'replace')[-1500:]))
    for name in set(got) | set(old) | set(ref_files):
        g = got.get(name)
        if g != old.get(name) and g != ref_files.get(name) and \
                not (sc.scripted and whole_plan(g)):
            bad.append('%s is neither as before nor as a good run writes it'
                       % name)
    if sc.tree:
        # All of the tree as before, or all of it new: never a mix.
        olds = {k: v for k, v in old.items() if k.startswith(sc.tree)}
        news = {k: v for k, v in ref_files.items() if k.startswith(sc.tree)}
        mine = {k: v for k, v in got.items() if k.startswith(sc.tree)}
        if mine != olds and mine != news:
            bad.append('%s/ is a mix of the old and the new outputs'
                       % sc.tree)
    return bad


def run_scenario(exe, sc, seed, root, env, stride, points, persist, jobs):
    base = os.path.join(root, 'w-%s' % re.sub(r'\W+', '-', sc.name))
    sc.prepare(seed, base + '-ref')
    if sc.tree:
        # An earlier collect's outputs are there (over 4 plans).
        keep = os.path.join(base + '-ref', 'inbox', 'p4.yaml')
        aside = keep + '.aside'
        os.rename(keep, aside)
        sc.run(exe, base + '-ref', env)
        os.rename(aside, keep)
    old = sc.outputs(base + '-ref')
    seed_here = base + '-seed'
    shutil.copytree(base + '-ref', seed_here, symlinks=True)
    status, out, err, calls, _ = sc.run(exe, base + '-ref', env)
    ref = (status, out, sc.outputs(base + '-ref'))
    problems = []
    if SANITIZER.search(err) or status not in (0, 1):
        problems.append('the run without failures: status %s\n%s'
                        % (status, err.decode('utf-8', 'replace')[-2000:]))
        return 0, 0, problems
    step = stride or max(1, calls // max(1, points))
    tries = [str(n) for n in range(1, calls + 1, step)]
    if persist:
        tries += ['%d+' % n for n in range(1, calls + 1, persist)]
    counted = [0]

    def one(i_fail):
        i, fail = i_fail
        work = '%s-%d' % (base, i % jobs if jobs > 0 else 0)
        sc.prepare(seed_here, work)
        status, out, err, c, failed = sc.run(exe, work, env, fail)
        got = sc.outputs(work)
        bad = judge(sc, ref, old, got, status, out, err)
        stray = sc.stray(work)
        if stray:
            bad.append('left behind: %s' % stray)
        if failed == 0 and not fail.endswith('+'):
            bad.append('the failure was never reached (%d calls)' % c)
        return fail, failed, bad

    # Each worker thread owns one work folder: runs i, i+jobs, ... share
    # it one after the other.
    lanes = [[(i, f) for i, f in enumerate(tries) if i % jobs == k]
             for k in range(jobs)]

    def lane(items):
        res = []
        for it in items:
            res.append(one(it))
        return res

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        for res in ex.map(lane, lanes):
            for fail, failed, bad in res:
                counted[0] += 1 if failed else 0
                for b in bad:
                    problems.append('failing allocation %s: %s' % (fail, b))
    return calls, counted[0], problems


def main():
    exe = sys.argv[1]
    full = os.environ.get('AP_ALLOC_FULL') == '1'
    stride = int(os.environ.get('AP_ALLOC_STRIDE', '0'))
    asan = b'libasan' in subprocess.run(['ldd', exe],
                                        capture_output=True).stdout
    points = int(os.environ.get('AP_ALLOC_POINTS', '60' if asan else '400'))
    persist = int(os.environ.get('AP_ALLOC_PERSIST', '0'))
    jobs = int(os.environ.get('AP_ALLOC_JOBS', str(os.cpu_count() or 2)))
    p = aptest.Proof('alloc')
    root = os.path.join(p.tmp, 'runs')
    os.makedirs(root)
    seed = make_seed(root, full)
    env = p.env(ACTIONPLAN_QUESTIONNAIRES=os.path.join('q'),
                LC_ALL='C.UTF-8')
    env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') +
                           ':allocator_may_return_null=1').lstrip(':')
    total_points = total_failed = 0
    per = {}
    t0 = time.monotonic()
    for sc in scenarios(full):
        t = time.monotonic()
        calls, failed, problems = run_scenario(exe, sc, seed, root, env,
                                               stride, points, persist, jobs)
        for pr in problems[:8]:
            p.check(False, '%s: %s' % (sc.name, pr))
        p.check(not problems and calls > 0,
                '%s: %d failure points, each ended cleanly (%d problems, '
                '%.0f s)' % (sc.name, failed, len(problems),
                             time.monotonic() - t))
        total_points += calls
        total_failed += failed
        per[sc.name] = failed
    every = 'every one' if stride == 1 else \
        ('every %dth' % stride if stride else 'about %d a scenario' % points)
    print('allocation failure points survived: %d of %d allocations (%s); '
          '%.0f s' % (total_failed, total_points, every,
                      time.monotonic() - t0))
    p.write_figures(alloc_failure_points=total_failed,
                    alloc_calls=total_points, alloc_every=every,
                    alloc_scenarios=per)
    p.finish()


if __name__ == '__main__':
    main()
