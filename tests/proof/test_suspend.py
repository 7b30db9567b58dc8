#!/usr/bin/env python3
"""Ctrl-Z in the form saves what was typed before the job stops (a
suspended form may never be resumed), and `fg` brings the form back drawn
anew; a form stopped and continued from outside (SIGSTOP, SIGCONT) redraws
a screen that was scribbled over meanwhile. Driven in tmux: an interactive
bash for job control, and the form on its own for SIGCONT.
  test_suspend.py"""

import os
import shutil
import signal
import time

import aptest
from aptest import read_bytes
from test_locking import draft  # noqa: E402


def state(pid):
    with open('/proc/%d/stat' % pid) as f:
        return f.read().rsplit(')', 1)[1].split()[0]


def wait_state(pid, want, secs=10):
    end = time.monotonic() + secs
    while time.monotonic() < end:
        if state(pid) in want:
            return True
        time.sleep(0.02)
    return False


class Shell(aptest.Term):
    """A pane running an interactive bash, so that Ctrl-Z stops a job."""

    def start_bash(self):
        os.makedirs(self.env['HOME'], exist_ok=True)
        envs = ' '.join('%s=%s' % (k, aptest.shquote(v))
                        for k, v in self.env.items())
        self.start_shell(
            'cd %s && env -i PATH=%s %s PS1=%s bash --norc --noprofile -i'
            % (aptest.shquote(self.tmp),
               aptest.shquote(os.environ.get('PATH', '/usr/bin:/bin')),
               envs, aptest.shquote('ready$ ')))
        self.status_file = os.path.join(self.tmp, '.status-none')


def case_ctrl_z(p, path):
    t = Shell(p.tmp, cols=120, rows=30)
    try:
        t.start_bash()
        t.wait('ready$')
        t.type('%s fill %s' % (aptest.PROG, path))
        t.keys('Enter')
        t.wait('Plan details')
        pid = t.pid()
        t.keys('C-g')
        t.wait('Go to')
        t.type('D4')
        t.keys('Enter')
        t.keys('C-u')
        # Ctrl-Z at once: the autosave (a second after the last key)
        # has not run yet.
        t.type('Typed just before Ctrl-Z')
        t.keys('C-z')
        scr = t.wait('Stopped', 15)
        p.check(wait_state(pid, 'T'), 'Ctrl-Z stops the form (state %s)'
                % state(pid), scr)
        p.check(b'Typed just before Ctrl-Z' in read_bytes(path),
                'what was typed was saved before it stopped')
        t.type('fg')
        t.keys('Enter')
        scr = t.wait(lambda s: 'Typed just before Ctrl-Z' in s and
                     'Stopped' not in s and 'ready$' not in s, 15,
                     msg='the form drawn anew')
        p.check('Contact official' in scr, 'fg brings the form back, drawn '
                'anew over the shell\'s lines', scr)
        t.type(' and after')
        t.keys('C-q')
        t.wait('ready$')
        p.check(b'Typed just before Ctrl-Z and after' in read_bytes(path),
                'the form goes on working and saving after fg')
    except aptest.Fail as e:
        p.check(False, 'Ctrl-Z in a job-control shell', str(e))
    finally:
        t.close()


def case_sigcont(p, path):
    t = aptest.Term(p.tmp, cols=100, rows=30)
    try:
        t.start('fill', path)
        t.wait('Plan details')
        pid = t.pid()
        tty = t.tmux('display-message', '-p', '#{pane_tty}').strip()
        os.kill(pid, signal.SIGSTOP)
        p.check(wait_state(pid, 'T'), 'SIGSTOP stops the form')
        with open(tty, 'w') as f:
            f.write('\033[2J\033[HSCRIBBLED OVER WHILE STOPPED\r\n')
        t.wait('SCRIBBLED')
        os.kill(pid, signal.SIGCONT)
        scr = t.wait(lambda s: 'SCRIBBLED' not in s and 'Plan details' in s,
                     15, msg='the form redrawn')
        p.check('Plan details' in scr, 'SIGCONT redraws the whole form',
                scr)
        # Ctrl-Z where nothing can stop it (no job control): it saves
        # and the form goes on.
        t.keys('C-g')
        t.wait('Go to')
        t.type('D4')
        t.keys('Enter')
        t.keys('C-u')
        t.type('Saved by Ctrl-Z alone')
        t.keys('C-z')
        end = time.monotonic() + 30
        while time.monotonic() < end and \
                b'Saved by Ctrl-Z alone' not in read_bytes(path):
            time.sleep(0.05)
        p.check(b'Saved by Ctrl-Z alone' in read_bytes(path),
                'without job control Ctrl-Z still saves')
        t.keys('C-q')
        p.check(t.wait_exit(15) == 0, 'and the form goes on and quits '
                'cleanly')
    except aptest.Fail as e:
        p.check(False, 'SIGSTOP/SIGCONT', str(e))
    finally:
        t.close()


def main():
    aptest.need_program()
    p = aptest.Proof('suspend')
    if shutil.which('tmux') is None or shutil.which('bash') is None:
        p.skip('tmux or bash missing')
    path = os.path.join(p.tmp, 'plan.yaml')
    draft(path)
    case_ctrl_z(p, path)
    case_sigcont(p, path)
    p.finish()


if __name__ == '__main__':
    main()
