#!/usr/bin/env python3
"""Locking: two editors on one plan (line mode and the form, in every
pairing) -- the second opens read-only, says so, and changes nothing;
`export` and `check` read a plan while an editor holds its lock, without
disturbing the lock; every other writer of a plan file (`export -o`,
`--answers` in the line mode and the form, the exports that finishing
writes) refuses with exit status 4 and names the holder; a lock left by a
killed editor (SIGKILL) is taken over, and odd lock files never hang the
program.
  test_locking.py two-sessions|export-while-locked|writers|stale"""

import os
import shutil
import signal
import subprocess
import sys
import time

import aptest
from aptest import read_bytes, yaml_str

US = os.path.join(aptest.SRC, 'exports', 'united-states-2000.yaml')
READ_ONLY_LINE = b'open in another editor'


def draft(path, country='Ruritania'):
    text = read_bytes(US).decode('utf-8')
    # The reference plan stores its country by code; a made-up name is
    # kept as free text (the questionnaire's country item reads it so).
    text = text.replace('  country:\n    code: "USA"\n    name: "United '
                        'States"', '  country: ' + yaml_str(country))
    text = text.replace('status: "final"', 'status: "draft"')
    text = text.replace('revision: 1', 'revision: 0')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


class LineHolder:
    """A line-mode session left waiting at its first question."""

    def __init__(self, p, path):
        self.proc = subprocess.Popen(
            [aptest.PROG, 'fill', '--plain', path], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=p.env())
        self.seen = b''
        self.wait_for(b'> ')

    def wait_for(self, what, secs=15):
        self.seen = aptest.read_until(self.proc.stdout.fileno(), what,
                                      self.seen, secs)
        return what in self.seen

    def send(self, text):
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def quit(self):
        try:
            self.send(b':quit\n')
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        rest = self.proc.stdout.read()
        self.seen += rest
        return self.proc.wait(timeout=20)

    def kill(self):
        self.proc.kill()
        self.proc.wait(timeout=10)


def form(p, tmp):
    if shutil.which('tmux') is None:
        return None
    return aptest.Term(tmp)


def second_line_read_only(p, path, holder_pid, what):
    before = read_bytes(path)
    rc, out, err = p.run(['fill', '--plain', path],
                         stdin=b':goto D3\nChanged by the second editor\n'
                         b':save\n:quit\n')
    txt = (out + err).decode('utf-8', 'replace')
    p.check(READ_ONLY_LINE in out + err, '%s: the second (line mode) '
            'says the plan is open in another editor' % what, txt[-2000:])
    if holder_pid:
        p.check(('pid %d' % holder_pid) in txt, '%s: and names the holder '
                '(pid %d)' % (what, holder_pid), txt[-2000:])
    p.check(rc == 4, '%s: unsaved changes give exit status 4 (was %d)'
            % (what, rc))
    p.check(read_bytes(path) == before, '%s: the second editor changed '
            'nothing on disk' % what)


def case_two_sessions(p):
    # line + line
    path = os.path.join(p.tmp, 'a.yaml')
    draft(path)
    h = LineHolder(p, path)
    second_line_read_only(p, path, h.proc.pid, 'line + line')
    h.send(b':goto D4\nFirst editor keeps working\n')
    p.check(h.quit() == 0, 'line + line: the first editor exits cleanly')
    p.check(b'First editor keeps working' in read_bytes(path),
            'line + line: the first editor saved its change')
    p.check(not os.path.exists(path + '.lock'),
            'the lock file is removed when its editor ends')

    term = form(p, p.tmp)
    if term is None:
        p.skip('tmux missing: the form pairings were not tried')
    try:
        # form + line
        path = os.path.join(p.tmp, 'b.yaml')
        draft(path)
        term.start('fill', path)
        term.wait('Plan details')
        second_line_read_only(p, path, term.pid(), 'form + line')
        # form + form
        t2 = aptest.Term(p.tmp)
        try:
            before = read_bytes(path)
            t2.start('fill', path)
            scr = t2.wait('read-only')
            p.check('another editor' in scr, 'form + form: the second '
                    'form says read-only, opened in another editor', scr)
            t2.keys('C-g')
            t2.wait('Go to')
            t2.type('D4')
            t2.keys('Enter')
            t2.type('typed in the second form')
            t2.keys('C-s')
            time.sleep(0.5)
            p.check(read_bytes(path) == before,
                    'form + form: nothing the second form did reached the '
                    'file')
            t2.keys('C-q')
            t2.wait_exit()
        finally:
            t2.close()
        term.keys('C-q')
        term.wait_exit()
        # line + form
        path = os.path.join(p.tmp, 'c.yaml')
        draft(path)
        h = LineHolder(p, path)
        t3 = aptest.Term(p.tmp)
        try:
            t3.start('fill', path)
            scr = t3.wait('read-only')
            p.check(('%d' % h.proc.pid) in scr or 'another editor' in scr,
                    'line + form: the form opens read-only', scr)
            t3.keys('C-q')
            t3.wait_exit()
        finally:
            t3.close()
        p.check(h.quit() == 0, 'line + form: the line session ends well')
    except aptest.Fail as e:
        p.check(False, 'form pairings', str(e))
    finally:
        term.close()


def case_export_while_locked(p):
    path = os.path.join(p.tmp, 'plan.yaml')
    draft(path)
    rc, expected, err = p.run(['export', path, '--format', 'text',
                               '--draft'])
    p.check(rc == 0, 'export without a lock works', err)
    rc0, _, err0 = p.run(['check', path])
    h = LineHolder(p, path)
    lock = read_bytes(path + '.lock')
    rc, got, err = p.run(['export', path, '--format', 'text', '--draft'],
                         timeout=10)
    p.check(rc == 0 and got == expected, 'export reads the plan while an '
            'editor holds its lock (status %d)' % rc, err)
    outp = os.path.join(p.tmp, 'out.yaml')
    rc, _, err = p.run(['export', path, '--format', 'yaml', '-o', outp],
                       timeout=10)
    p.check(rc == 0 and os.path.exists(outp), 'export -o to another file '
            'works while locked', err)
    rc, _, err = p.run(['check', path], timeout=10)
    p.check(rc == rc0, 'check gives the same answer while locked (%d, '
            'was %d)' % (rc, rc0), err)
    p.check(os.path.exists(path + '.lock') and
            read_bytes(path + '.lock') == lock,
            'the lock file is untouched by export and check')
    second_line_read_only(p, path, h.proc.pid, 'after export')
    p.check(h.quit() == 0, 'the editor ends cleanly')


def refused(p, what, rc, out, err, holder, path, before):
    """A writer refused by the lock: status 4, the holder named, nothing
    written. Returns 1 when it all held (a refusal to count)."""
    txt = (out + err).decode('utf-8', 'replace')
    joined = txt.replace('\n', '')  # the screen wraps long lines
    ok = p.check(rc == 4, '%s: refused with exit status 4 (was %d)'
                 % (what, rc), txt[-2000:])
    ok &= p.check('in another editor' in joined and
                  ('pid %d' % holder) in joined,
                  '%s: the message names the holder (pid %d)'
                  % (what, holder), txt[-2000:])
    ok &= p.check(read_bytes(path) == before, '%s: the plan on disk is '
                  'untouched' % what)
    return 1 if ok else 0


def case_writers(p):
    folder = os.path.join(p.tmp, 'plans')
    os.mkdir(folder, 0o700)
    path = os.path.join(folder, 'a.yaml')
    other = os.path.join(folder, 'b.yaml')
    draft(path)
    draft(other, 'Other Land')
    answers = os.path.join(p.tmp, 'answers.yaml')
    with open(answers, 'w') as f:
        f.write('answers:\n  prevention.1: "preloaded"\n')
    n = 0
    h = LineHolder(p, path)
    before = read_bytes(path)
    lock = read_bytes(path + '.lock')
    for fmt in ('yaml', 'text'):
        rc, out, err = p.run(['export', path, '--format', fmt, '--draft',
                              '-o', path], timeout=20)
        n += refused(p, 'export --format %s -o over the open plan' % fmt,
                     rc, out, err, h.proc.pid, path, before)
    rc, out, err = p.run(['export', other, '--format', 'yaml', '--draft',
                          '-o', path], timeout=20)
    n += refused(p, 'export of another plan -o over the open plan', rc, out,
                 err, h.proc.pid, path, before)
    rc, out, err = p.run(['fill', '--plain', '--answers', answers, path],
                         timeout=20)
    n += refused(p, 'line mode --answers into the open plan', rc, out, err,
                 h.proc.pid, path, before)
    p.check(read_bytes(path + '.lock') == lock, 'the holder keeps its lock')

    if shutil.which('tmux') is not None:
        t = aptest.Term(p.tmp)
        try:
            t.start('fill', '--answers', answers, path)
            st = t.wait_exit(timeout=20)
            scr = t.screen()
            n += refused(p, 'form --answers into the open plan', st,
                         scr.encode(), b'', h.proc.pid, path, before)
        except aptest.Fail as e:
            p.check(False, 'form --answers', str(e))
        finally:
            t.close()

    # Finishing writes DIR/CODE-DATE.yaml: a plan another editor may
    # have open is not written over either.
    final = os.path.join(folder, 'us.yaml')
    with open(final, 'wb') as f:
        f.write(read_bytes(US).replace(b'status: "final"',
                                       b'status: "draft"'))
    target = os.path.join(folder, 'usa-2000-01.yaml')
    draft(target, 'Held Land')
    h2 = LineHolder(p, target)
    held = read_bytes(target)
    rc, out, err = p.run(['fill', '--plain', final],
                         stdin=b':finish\n:quit\n', timeout=30)
    txt = (out + err).decode('utf-8', 'replace')
    ok = p.check(('pid %d' % h2.proc.pid) in txt and
                 'open in another editor' in txt,
                 'finishing: the export over an open plan is refused, '
                 'naming its holder', txt[-2000:])
    ok &= p.check(read_bytes(target) == held, 'finishing: the open plan '
                  'is untouched')
    n += 1 if ok else 0
    p.check(h2.quit() == 0, 'the second holder ends cleanly')

    p.check(h.quit() == 0, 'the holder ends cleanly')
    rc, out, err = p.run(['export', other, '--format', 'yaml', '--draft',
                          '-o', path], timeout=20)
    p.check(rc == 0 and b'Other Land' in read_bytes(path),
            'once the holder is gone export -o writes the plan (status %d)'
            % rc, err)
    p.check(not os.path.exists(path + '.lock'), 'and leaves no lock file')
    p.write_figures(lock_refusals=n)


def case_stale(p):
    path = os.path.join(p.tmp, 'plan.yaml')
    draft(path)
    trials = 0
    # A line session killed with SIGKILL leaves its lock file behind.
    h = LineHolder(p, path)
    dead = h.proc.pid
    h.kill()
    trials += 1
    p.check(os.path.exists(path + '.lock'), 'SIGKILL left the lock file')
    rc, out, err = p.run(['fill', '--plain', path],
                         stdin=b':goto D3\nAfter the crash\n:quit\n')
    txt = (out + err).decode('utf-8', 'replace')
    p.check(rc == 0 and READ_ONLY_LINE not in out + err,
            'the stale lock of killed pid %d is taken over (status %d)'
            % (dead, rc), txt[-2000:])
    p.check(b'After the crash' in read_bytes(path),
            'the new editor saves')
    p.check(not os.path.exists(path + '.lock'),
            'and removes the lock it took over')

    # A lock file holding garbage and held by nobody.
    with open(path + '.lock', 'wb') as f:
        f.write(b'\xff\x00 garbage \x1b[2J' * 100)
    rc, out, err = p.run(['fill', '--plain', path],
                         stdin=b':goto D3\nAfter garbage\n:quit\n')
    trials += 1
    p.check(rc == 0 and b'After garbage' in read_bytes(path),
            'a garbage lock file nobody holds is taken over',
            (out + err).decode('utf-8', 'replace')[-2000:])

    # Odd lock files: an error, never a hang, never a write through.
    for kind in ('fifo', 'folder'):
        lp = path + '.lock'
        if os.path.lexists(lp):
            os.unlink(lp)
        if kind == 'fifo':
            os.mkfifo(lp)
        else:
            os.mkdir(lp)
        before = read_bytes(path)
        try:
            rc, out, err = p.run(['fill', '--plain', path],
                                 stdin=b':goto D3\nx\n:quit\n', timeout=15)
            p.check(True, 'a %s as lock file does not hang' % kind)
            p.check(rc != 0 or read_bytes(path) != before,
                    'a %s as lock file: refused, or the plan is still '
                    'saved (status %d)' % (kind, rc))
            aptest.RAW_CONTROL.search(out + err)
        except subprocess.TimeoutExpired:
            p.check(False, 'a %s as lock file does not hang' % kind)
        if kind == 'fifo':
            os.unlink(lp)
        else:
            os.rmdir(lp)
        trials += 1

    # The form killed with SIGKILL: the next form opens read-write.
    if shutil.which('tmux') is not None:
        t = aptest.Term(p.tmp)
        t2 = None
        try:
            t.start('fill', path)
            t.wait('Plan details')
            t.kill(signal.SIGKILL)
            trials += 1
            p.check(os.path.exists(path + '.lock'),
                    'the killed form left its lock file')
            t2 = aptest.Term(p.tmp)
            t2.start('fill', path)
            scr = t2.wait('Plan details')
            time.sleep(0.3)
            scr = t2.screen()
            p.check('read-only' not in scr, 'the next form takes the '
                    'stale lock over (not read-only)', scr)
            t2.keys('C-q')
            t2.wait_exit()
        except aptest.Fail as e:
            p.check(False, 'form stale lock', str(e))
        finally:
            t.close()
            if t2:
                t2.close()
    p.write_figures(stale_locks_taken_over=trials)


def main():
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('lock-' + case)
    {'two-sessions': case_two_sessions,
     'export-while-locked': case_export_while_locked,
     'writers': case_writers,
     'stale': case_stale}[case](p)
    p.finish()


if __name__ == '__main__':
    main()
