#!/usr/bin/env python3
"""No leftovers: temporary files of writers that were killed during a save
are removed when the plan is next opened (its lock held, the plan itself
checked whole first); a newer whole one is kept as
PLAN.recovered-DATE.yaml when the plan is not whole, and the user is told;
collect removes its own; and the kill test: writers killed at random
points of a 1 MB save leave, after the next start, no temporary file and
nothing lost.
  test_leftovers.py clean|recover|collect|kill SHIM.so

kill: AP_LEFTOVER_KILLS (default 100) trials, seed AP_LEFTOVER_SEED."""

import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import aptest
from aptest import plan_yaml, read_bytes

import yaml  # noqa: E402

DETAILS = {'country': 'Ruritania', 'date': '2000-01'}
WORDS = ('trafficking prevention shelters hotline การค้ามนุษย์ 打击人口贩运 '
         'Tiếng Việt école victims ministry cooperation budget').split()


def dead_pid():
    """A pid whose process has ended."""
    c = subprocess.Popen(['true'])
    c.wait()
    return c.pid


def temps(folder, base):
    return sorted(n for n in os.listdir(folder)
                  if n.startswith('.' + base + '.') and
                  not n.endswith('.lock'))


def put(path, data, mtime=None):
    with open(path, 'wb') as f:
        f.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def open_and_quit(p, path, extra=b''):
    """The next start: the line mode opens the plan and quits."""
    rc, out, err = p.run(['fill', '--plain', path], stdin=extra + b':quit\n',
                         timeout=60)
    return rc, (out + err).decode('utf-8', 'replace')


def small_plan(text='An answer on disk'):
    return plan_yaml(details=DETAILS,
                     answers={'prevention.1': text}).encode()


def case_clean(p):
    folder = os.path.join(p.tmp, 'plans')
    os.mkdir(folder, 0o700)
    path = os.path.join(folder, 'plan.yaml')
    put(path, small_plan())
    gone = dead_pid()
    live = subprocess.Popen(['sleep', '60'])
    whole = '.plan.yaml.%d.Whole1' % gone
    partial = '.plan.yaml.%d.Part12' % gone
    put(os.path.join(folder, whole), small_plan('newer work'),
        time.time() + 10)
    put(os.path.join(folder, partial), small_plan()[:40])
    put(os.path.join(folder, '.plan.yaml.%d.Alive1' % live.pid), b'x')
    put(os.path.join(folder, '.other.yaml.%d.Other1' % gone), b'x')
    put(os.path.join(folder, '.plan.yaml.NoPid1'), b'x')
    before = read_bytes(path)
    rc, txt = open_and_quit(p, path)
    left = temps(folder, 'plan.yaml')
    p.check(rc == 0, 'the plan opens (status %d)' % rc, txt[-2000:])
    p.check(whole not in left and partial not in left,
            'the whole plan\'s leftovers of a killed writer are removed',
            left)
    p.check('.plan.yaml.%d.Alive1' % live.pid in left,
            'a temporary file of a writer still running is kept', left)
    p.check('.plan.yaml.NoPid1' in left and
            os.path.exists(os.path.join(folder, '.other.yaml.%d.Other1'
                                        % gone)),
            'files that are not this plan\'s temporary files are kept')
    p.check(read_bytes(path) == before, 'the plan is untouched')
    live.kill()
    live.wait()
    cleaned = 2

    # The form cleans up the same way.
    if shutil.which('tmux') is not None:
        gone = dead_pid()
        put(os.path.join(folder, '.plan.yaml.%d.Form12' % gone), b'cut')
        t = aptest.Term(p.tmp)
        try:
            t.start('fill', path)
            t.wait('Plan details')
            left = temps(folder, 'plan.yaml')
            p.check('.plan.yaml.%d.Form12' % gone not in left,
                    'the form removes them too', left)
            cleaned += 1
            t.keys('C-q')
            t.wait_exit()
        except aptest.Fail as e:
            p.check(False, 'form', str(e))
        finally:
            t.close()

    # Read-only (another editor holds the lock): nothing is touched.
    from test_locking import LineHolder
    holder = LineHolder(p, path)
    lone = os.path.join(folder, '.plan.yaml.%d.Held12' % dead_pid())
    put(lone, b'cut')
    rc, txt = open_and_quit(p, path)
    p.check(os.path.exists(lone), 'a read-only open (lock held elsewhere) '
            'removes nothing', txt[-1000:])
    holder.quit()
    p.write_figures(leftovers_cleaned=cleaned)


def case_recover(p):
    folder = os.path.join(p.tmp, 'plans')
    os.mkdir(folder, 0o700)
    path = os.path.join(folder, 'plan.yaml')
    broken = small_plan()[:60]  # cut inside a quoted string
    put(path, broken, time.time() - 100)
    gone = dead_pid()
    newer = os.path.join(folder, '.plan.yaml.%d.Newer1' % gone)
    older = os.path.join(folder, '.plan.yaml.%d.Older1' % gone)
    cut = os.path.join(folder, '.plan.yaml.%d.Cut123' % gone)
    good = small_plan('the work saved last')
    put(newer, good, time.time() - 50)
    put(older, small_plan('older work'), time.time() - 200)
    put(cut, good[:70], time.time() - 10)
    rc, txt = open_and_quit(p, path)
    rec = glob.glob(path + '.recovered-*.yaml')
    p.check(len(rec) == 1 and read_bytes(rec[0]) == good,
            'the newest whole leftover is kept as PLAN.recovered-DATE.yaml',
            rec)
    p.check(rec and rec[0] in txt and 'interrupted' in txt,
            'the user is told, naming the copy', txt[-2000:])
    p.check(rec and ('mv %s %s' % (rec[0], path)) in txt,
            'and what to run to go on from it', txt[-2000:])
    p.check(rc != 0 and read_bytes(path) == broken,
            'the broken plan is not opened and not touched (status %d)'
            % rc)
    p.check(os.path.exists(older) and os.path.exists(cut),
            'the plan is not sound: nothing else is removed')
    recovered = 1 if rec else 0

    # The plan is missing (its first save was killed before the rename):
    # the copy is kept, the user told, and a new plan opens.
    path2 = os.path.join(folder, 'new.yaml')
    gone = dead_pid()
    first = os.path.join(folder, '.new.yaml.%d.First1' % gone)
    put(first, good)
    rc, txt = open_and_quit(p, path2)
    rec = glob.glob(path2 + '.recovered-*.yaml')
    p.check(rc == 0 and len(rec) == 1 and read_bytes(rec[0]) == good and
            rec[0] in txt, 'a missing plan: its whole leftover is kept and '
            'announced', txt[-2000:])
    recovered += 1 if rec else 0

    # Recovered in the form: said on the screen.
    if shutil.which('tmux') is not None:
        path3 = os.path.join(folder, 'form.yaml')
        put(path3, broken, time.time() - 100)
        gone = dead_pid()
        put(os.path.join(folder, '.form.yaml.%d.Form12' % gone), good)
        t = aptest.Term(p.tmp, cols=200, rows=30)
        try:
            t.start('fill', path3)
            st = t.wait_exit(20)
            scr = t.screen().replace('\n', '')
            rec = glob.glob(path3 + '.recovered-*.yaml')
            p.check(st != 0 and len(rec) == 1 and 'interrupted' in scr,
                    'the form says so too (status %s)' % st, t.screen())
            recovered += 1 if rec else 0
        except aptest.Fail as e:
            p.check(False, 'form', str(e))
        finally:
            t.close()
    p.write_figures(leftovers_recovered=recovered)


def case_collect(p):
    inbox = os.path.join(p.tmp, 'inbox')
    os.mkdir(inbox)
    for i, c in enumerate(('Ruritania', 'Freedonia', 'Sylvania')):
        put(os.path.join(inbox, 'p%d.yaml' % i),
            plan_yaml(details={'country': c, 'date': '2000-01',
                               'agency': 'A', 'contact': 'B',
                               'email': 'a@example.invalid',
                               'language': 'en'},
                      answers={}, status='draft').encode())
    out = os.path.join(p.tmp, 'report')
    rc, o, e = p.run(['collect', inbox, '-o', out])
    p.check(os.path.isdir(out), 'a first collect writes its folder (status '
            '%d)' % rc, e)
    # collect builds its output in a staging folder beside it
    # (.NAME.collect-XXXXXX, marked by a .actionplan-collect file) and
    # swaps it in whole: what a killed run leaves is such a folder.
    base = os.path.dirname(out)
    name = os.path.basename(out)

    def staging(suffix, text):
        d = os.path.join(base, '.%s.collect-%s' % (name, suffix))
        os.mkdir(d)
        put(os.path.join(d, '.actionplan-collect'), b'actionplan-collect/1\n')
        put(os.path.join(d, 'report.txt'), text)
        return d

    planted = [staging('Kill01', b'left by a killed collect'),
               staging('Kill02', b'left by another killed collect')]
    # Not collect's: unmarked, or another folder's name.
    other = os.path.join(base, '.%s.collect-NoMark' % name)
    os.mkdir(other)
    put(os.path.join(other, 'mine.txt'), b"someone else's")
    kept = [other]
    rc, o, e = p.run(['collect', inbox, '-o', out])
    left = [f for f in planted if os.path.exists(f)]
    p.check(not left, 'collect removes the staging folders killed runs '
            'left beside its output (%d planted)' % len(planted), left)
    p.check(all(os.path.exists(f) for f in kept),
            'but not a folder that is not marked as its own')
    p.write_figures(leftovers_cleaned=len(planted) - len(left))


# --- the kill test -------------------------------------------------------

def big_plans(folder):
    """An old plan (small) and answers that make the saved plan 1 MB."""
    rnd = random.Random(7)
    with open(os.path.join(aptest.QN_DIR, 'ariat-2000.yaml')) as f:
        qn = yaml.safe_load(f)
    answers = {}
    for s in qn['sections']:
        for it in s.get('items', []):
            if it.get('type') != 'text':
                continue
            words, n = [], 0
            while n < 17000:
                # Thai and Chinese words half the time: 3 bytes each
                # character, so that the plan passes 1 MB within the
                # questionnaire's 20,000 characters an answer.
                w = rnd.choice(WORDS[4:6] if rnd.random() < 0.5 else WORDS)
                words.append(w + ('\n\n' if rnd.random() < 0.02 else ' '))
                n += len(w) + 1
            answers[it['id']] = ''.join(words).strip()[:19500]
    old = os.path.join(folder, 'old.yaml')
    big = os.path.join(folder, 'answers.yaml')
    put(old, plan_yaml(details=DETAILS, answers={'prevention.6': 'yes'})
        .encode())
    put(big, plan_yaml(details=DETAILS, answers=answers).encode())
    return old, big


def save_time(p, folder, old_path, path, big, env):
    """How long the temporary file of one slow save lives."""
    shutil.copy(old_path, path)
    w = subprocess.Popen([aptest.PROG, 'fill', '--plain', '--answers',
                          big, path], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, env=env)
    w.stdin.write(b':quit\n')
    w.stdin.close()
    seen = gone = None
    while True:
        now = time.monotonic()
        if temps(folder, 'plan.yaml'):
            seen = seen or now
        elif seen is not None:
            gone = now
            break
        if w.poll() is not None:
            break
        time.sleep(0.0005)
    w.wait()
    took = (gone - seen) if seen and gone else 0.1
    print('one slow save: the temporary file lived %.0f ms' % (took * 1000))
    return took


def case_kill(p, shim):
    trials = int(os.environ.get('AP_LEFTOVER_KILLS', '100'))
    seed = int(os.environ.get('AP_LEFTOVER_SEED', '13'))
    rnd = random.Random(seed)
    folder = os.path.join(p.tmp, 'plans')
    os.mkdir(folder, 0o700)
    old_path, big = big_plans(folder)
    path = os.path.join(folder, 'plan.yaml')
    old = read_bytes(old_path)
    # What a save that is not killed writes (the same bytes each time:
    # SOURCE_DATE_EPOCH fixes the time).
    shutil.copy(old_path, path)
    rc, out, err = p.run(['fill', '--plain', '--answers', big, path],
                         stdin=b':quit\n', timeout=120)
    new = read_bytes(path)
    p.check(rc == 0 and len(new) >= 1 << 20, 'the save is of a 1 MB plan '
            '(%d bytes, status %d)' % (len(new), rc), err)
    rc, exported, err = p.run(['export', big, '--format', 'yaml', '--draft'])
    p.check(rc == 0 and len(exported) >= 1 << 20, 'so is the export\'s '
            '(%d bytes)' % len(exported), err)
    # Slow saves (64 KiB writes 3 ms apart, 20 ms before the fsync), so
    # that kills land in every step of one: creating the temporary file,
    # writing it, syncing it, renaming it.
    env = p.env(LD_PRELOAD=shim, AP_SLOW_WRITE='65536:3000',
                AP_SLOW_FSYNC='20000')
    env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') +
                           ':verify_asan_link_order=0').lstrip(':')
    window = 1.25 * save_time(p, folder, old_path, path, big, env)
    stats = {'kills': 0, 'in_save': 0, 'partial': 0, 'whole_temp': 0,
             'cleaned': 0, 'old': 0, 'new': 0}
    bad = []
    for n in range(trials):
        shutil.copy(old_path, path)
        one_shot = n % 4 == 3  # export -o, a one-shot writer, now and then
        want = exported if one_shot else new
        if one_shot:
            cmd = [aptest.PROG, 'export', big, '--format', 'yaml',
                   '--draft', '-o', path]
        else:
            cmd = [aptest.PROG, 'fill', '--plain', '--answers', big, path]
        w = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env)
        if not one_shot:
            w.stdin.write(b':quit\n')
        w.stdin.close()
        # Wait for the temporary file, then kill at a random point of
        # the save (or now and then before it starts).
        end = time.monotonic() + 30
        seen = False
        while time.monotonic() < end and w.poll() is None:
            if temps(folder, 'plan.yaml'):
                seen = True
                break
            time.sleep(0.0005)
        if seen or rnd.random() < 0.1:
            time.sleep(rnd.uniform(0, window))
        try:
            os.kill(w.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        w.wait()
        stats['kills'] += 1
        left = temps(folder, 'plan.yaml')
        if left:
            stats['in_save'] += 1
            data = read_bytes(os.path.join(folder, left[0]))
            if data == want:
                stats['whole_temp'] += 1
            else:
                stats['partial'] += 1
        on_disk = read_bytes(path)
        if on_disk not in (old, want):
            bad.append('trial %d: the plan is neither the old nor the new '
                       'one after the kill (%d bytes)' % (n, len(on_disk)))
            continue
        rc, txt = open_and_quit(p, path)
        after = temps(folder, 'plan.yaml')
        stats['cleaned'] += len(left) - len(after)
        if rc != 0 or after:
            bad.append('trial %d: after the next start (status %d) left: %s'
                       '\n%s' % (n, rc, after, txt[-500:]))
        if read_bytes(path) != on_disk:
            bad.append('trial %d: the next start changed the plan' % n)
        stats['old' if on_disk == old else 'new'] += 1
        if os.path.exists(path + '.lock'):
            bad.append('trial %d: a lock file was left' % n)
        for name in os.listdir(folder):
            if name.startswith('.') or 'recovered' in name:
                os.unlink(os.path.join(folder, name))
    for b in bad[:10]:
        p.check(False, b)
    p.check(not bad, '%d writers killed at random points of a 1 MB save: '
            'no leftover after the next start, the plan always whole '
            '(%d bad)' % (stats['kills'], len(bad)))
    p.check(stats['in_save'] >= trials // 4, 'kills landed inside the save '
            '(%d of %d left a temporary file)' % (stats['in_save'],
                                                  stats['kills']))
    print('kills %(kills)d: %(in_save)d inside the save (%(partial)d '
          'partial temporary files, %(whole_temp)d whole), %(cleaned)d '
          'leftovers cleaned by the next start; plan afterwards: old '
          '%(old)d, new %(new)d' % stats)
    p.write_figures(leftover_kills=stats['kills'],
                    leftover_kills_in_save=stats['in_save'],
                    leftovers_cleaned=stats['cleaned'], bytes_lost=0,
                    seed=seed)


def main():
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('leftovers-' + case)
    if case == 'kill':
        case_kill(p, sys.argv[2])
    else:
        {'clean': case_clean, 'recover': case_recover,
         'collect': case_collect}[case](p)
    p.finish()


if __name__ == '__main__':
    main()
