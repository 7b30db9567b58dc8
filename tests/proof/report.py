#!/usr/bin/env python3
"""The proof report: gathers the figures every proof and fuzz test left in
meson-logs/proof/*.json (the CI's fuzzing run among them: fuzz-ci.json,
written by tests/fuzz/ci.py), and the recorded long fuzzing campaign
(tests/fuzz/campaign.json), prints them and writes them to
meson-logs/proof-report.txt. Fails only when a test recorded lost bytes."""

import json
import os
import sys
import time

import aptest

CAMPAIGN = os.path.join(aptest.SRC, 'tests', 'fuzz', 'campaign.json')
REPORT = os.path.join(aptest.BUILD, 'meson-logs', 'proof-report.txt')
STALE = 6 * 3600  # figures older than this come from an earlier run


def load_figures():
    figs = {}
    if not os.path.isdir(aptest.FIGURES_DIR):
        return figs
    for n in sorted(os.listdir(aptest.FIGURES_DIR)):
        if not n.endswith('.json'):
            continue
        path = os.path.join(aptest.FIGURES_DIR, n)
        try:
            with open(path) as f:
                d = json.load(f)
        except (OSError, ValueError):
            continue
        d.setdefault('when', os.stat(path).st_mtime)
        figs[n[:-5]] = d
    return figs


def main():
    figs = load_figures()
    now = time.time()
    out = []

    def say(s=''):
        out.append(s)

    def total(key, prefix=''):
        return sum(int(d.get(key, 0)) for k, d in figs.items()
                   if k.startswith(prefix))

    kill = figs.get('kill', {})
    faults = total('faults_injected')
    replayed = total('inputs_replayed', 'fuzz-')
    lost = total('bytes_lost')
    failed = sorted(k for k, d in figs.items() if d.get('failures'))
    skipped = sorted(k for k, d in figs.items() if d.get('skipped'))
    stale = sorted(k for k, d in figs.items()
                   if now - float(d.get('when', now)) > STALE)
    campaign = {}
    if os.path.exists(CAMPAIGN):
        with open(CAMPAIGN) as f:
            campaign = json.load(f)
    targets = campaign.get('targets', {})
    last = campaign.get('last', {})
    execs = sum(int(t.get('executions', 0)) for t in targets.values())
    crashes = sum(int(t.get('crashes_found', 0)) for t in targets.values())
    fixed = sum(int(t.get('crashes_fixed', 0)) for t in targets.values())

    def fig(name, key):
        return int(figs.get(name, {}).get(key, 0))

    say('actionplan proof report')
    say('=======================')
    if kill:
        say('kill test: %d trials, largest loss window %d characters '
            '(%d ms), bytes lost: %d'
            % (kill.get('trials', 0), kill.get('largest_loss_chars', 0),
               kill.get('largest_loss_ms', 0), kill.get('bytes_lost', 0)))
    else:
        say('kill test: not run')
    say('write faults injected: %d (ENOSPC, EDQUOT, EIO, EACCES, EROFS at '
        'open, fallocate, write, fsync, close, rename), old file kept '
        'every time' % faults)
    say('locks: %d writers refused while the plan was open elsewhere '
        '(exit 4, holder named); %d stale locks taken over'
        % (fig('lock-writers', 'lock_refusals'),
           fig('lock-stale', 'stale_locks_taken_over')))
    say('conflicts detected: %d (a plan changed behind an open editor: '
        'never written over, saved beside it)'
        % total('conflicts_detected', 'conflict-'))
    lk = figs.get('leftovers-kill', {})
    say('leftovers cleaned: %d temporary files of killed writers (%d kills '
        'in a 1 MB save, %d of them inside it: none left after the next '
        'start, bytes lost %d); %d newer copies recovered'
        % (total('leftovers_cleaned', 'leftovers-'),
           int(lk.get('leftover_kills', 0)),
           int(lk.get('leftover_kills_in_save', 0)),
           int(lk.get('bytes_lost', 0)),
           total('leftovers_recovered', 'leftovers-')))
    say('read-only: %d plans opened read-only saying why; %d unsafe '
        'folders refused' % (total('read_only_opens', 'readonly-'),
                             total('unsafe_folders_refused', 'readonly-')))
    al = figs.get('alloc', {})
    if al:
        say('allocation failure points survived: %d (of %d allocations, '
            '%s; out of memory said, nothing torn, no leak under ASan)'
            % (int(al.get('alloc_failure_points', 0)),
               int(al.get('alloc_calls', 0)), al.get('alloc_every', '?')))
    else:
        say('allocation failure points survived: not run')
    say('fuzz corpus replayed: %d inputs (%s)' % (
        replayed, ', '.join('%s %d' % (k[len('fuzz-'):],
                                       int(d.get('inputs_replayed', 0)))
                            for k, d in sorted(figs.items())
                            if k.startswith('fuzz-') and k != 'fuzz-ci')))
    ci = figs.get('fuzz-ci', {})
    if ci.get('targets'):
        t = ci['targets']
        say('fuzzing in CI (%s, %d s each): %d executions (%s); %d '
            'problems' % (ci.get('tool', 'libFuzzer'),
                          int(ci.get('seconds_each', 0)),
                          sum(int(v.get('executions', 0))
                              for v in t.values()),
                          ', '.join('%s %d' % (k, int(v.get('executions',
                                                            0)))
                                    for k, v in sorted(t.items())),
                          sum(int(v.get('problems', 0))
                              for v in t.values())))
    else:
        say('fuzzing in CI: not run with this build (.ci/run runs it)')
    if targets:
        say('fuzzing campaign recorded (%s%s): %d executions in all; %d '
            'crashes found, %d fixed'
            % (campaign.get('tool', 'libFuzzer'),
               ', last %s at %s' % (last.get('date', '?'),
                                    last.get('commit', '?')[:10])
               if last else '', execs, crashes, fixed))
        for name, tt in sorted(targets.items()):
            d = os.path.join(aptest.SRC, 'tests', 'fuzz', 'corpus', name)
            files = os.listdir(d) if os.path.isdir(d) else []
            size = sum(os.path.getsize(os.path.join(d, n)) for n in files)
            say('  %-7s %10d executions in %5d s; corpus %d files, %d KiB'
                % (name, tt.get('executions', 0), tt.get('seconds', 0),
                   len(files), size // 1024))
    else:
        say('fuzzing campaign: none recorded')
    say('hostile text: %d escape sequences, %d hostile files checked, '
        'never raw on a terminal' % (
            figs.get('hostile-export', {}).get('hostile_sequences', 0),
            figs.get('hostile-check', {}).get('hostile_files_checked', 0)))
    say('files: %d country names tried, %d symlinks planted' % (
        figs.get('files-names', {}).get('country_names_tried', 0),
        figs.get('files-symlinks', {}).get('symlinks_planted', 0)))
    say('checks: %d in %d tests' % (total('checks'), len(figs)))
    say('bytes lost: %d' % lost)
    if failed:
        say('tests with failures: ' + ', '.join(failed))
    if skipped:
        say('skipped: ' + ', '.join('%s (%s)' % (k, figs[k]['skipped'])
                                    for k in skipped))
    if stale:
        say('from an earlier run: ' + ', '.join(stale))
    text = '\n'.join(out) + '\n'
    sys.stdout.write(text)
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, 'w') as f:
        f.write(text)
    if not figs:
        print('no figures found in ' + aptest.FIGURES_DIR)
        return 1
    return 1 if lost else 0


if __name__ == '__main__':
    sys.exit(main())
