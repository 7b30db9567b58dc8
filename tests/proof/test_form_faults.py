#!/usr/bin/env python3
"""The form when saving fails: the draft lives on a tiny tmpfs in a private
mount namespace (tmux runs inside it, so the test can fill and free that
file system with `tmux run-shell`); then a preload shim makes writes fail
with EDQUOT, fsyncs with EIO and creating the temporary file with EROFS. Each time the form
shows the error and keeps the text, the old file stays byte-identical with
no temporary file left, quitting asks first, and once the fault clears the
next save holds everything typed.
  test_form_faults.py SHIM.so"""

import os
import shutil
import subprocess
import sys
import time

import aptest
from aptest import plan_yaml, read_bytes

import yaml  # noqa: E402

COLS, ROWS = 250, 30


def form_cmd(p, plan, status, extra_env=None):
    env = p.env(TERM='tmux-256color')
    keep = ['HOME', 'XDG_DATA_HOME', 'ACTIONPLAN_QUESTIONNAIRES', 'LC_ALL',
            'TZ', 'SOURCE_DATE_EPOCH', 'ASAN_OPTIONS', 'UBSAN_OPTIONS']
    pairs = ["%s='%s'" % (k, env[k]) for k in keep if k in env]
    pairs += ["%s='%s'" % kv for kv in (extra_env or {}).items()]
    return ("env TERM=tmux-256color %s '%s' fill '%s'; echo $? > '%s'; "
            "sleep 600" % (' '.join(pairs), aptest.PROG, plan, status))


def ended(status):
    """The shell has written the form's exit status (not just made the
    file)."""
    return os.path.exists(status) and os.path.getsize(status) > 0


def answer(path):
    with open(path, 'rb') as f:
        doc = yaml.safe_load(f.read().decode('utf-8'))
    return ((doc or {}).get('answers') or {}).get('introduction') or ''


def go_intro(f):
    f.keys('C-g')
    f.poll('Go to', 10)
    f.type('intro')
    f.keys('Enter')
    return f.poll('Describe trafficking', 10)


def scenario(p, f, plan, snap, break_cmd, mend_cmd, reason, label):
    """Saves A, breaks the disk, types B, expects the error and the old
    file, refuses to quit, mends, expects A+B on disk."""
    text_a = 'Saved before the fault (%s).' % label
    text_b = ' Typed while the disk failed: every word kept.'
    f.type(text_a)
    f.keys('C-s')
    p.check(f.poll('Saved.', 10) is not None or f.poll('saved ', 10) is not None,
            '%s: first save works' % label, f.screen())
    snap()
    before = read_bytes(plan)
    p.check(answer(plan).endswith(text_a), '%s: text A on disk' % label)
    break_cmd()
    f.type(text_b)
    f.keys('C-s')
    scr = f.poll(lambda s: 'not saved' in s and reason in s, 10)
    p.check(scr is not None, '%s: the form shows the error (%r)'
            % (label, reason), f.screen())
    scr = f.screen()
    p.check(text_b.strip()[:30] in scr, '%s: the form keeps the text'
            % label, scr)
    # Autosave retries while failing: give it a few rounds.
    time.sleep(2.5)
    snap()
    p.check(read_bytes(plan) == before, '%s: the old file is '
            'byte-identical after failed saves' % label)
    left = aptest.leftovers(os.path.dirname(plan))
    p.check(not left, '%s: no temporary file left' % label, left)
    # Quitting with unsaved text asks first; "no" keeps the form.
    f.keys('C-q')
    scr = f.poll('Quit anyway', 10)
    p.check(scr is not None, '%s: quitting unsaved asks first' % label,
            f.screen())
    f.type('no')
    f.keys('Enter')
    p.check(f.poll(lambda s: 'Quit anyway' not in s, 10) is not None,
            '%s: "no" goes back to the form' % label)
    mend_cmd()
    ok = None
    end = time.monotonic() + 10
    while time.monotonic() < end:
        snap()
        if answer(plan).endswith(text_a + text_b):
            ok = True
            break
        time.sleep(0.2)
    p.check(ok is not None, '%s: once the fault clears the next save '
            'holds everything typed' % label, answer(plan)[-200:])
    p.check(f.poll(lambda s: 'not saved' not in s, 10) is not None,
            '%s: the error goes away' % label, f.screen())
    f.keys('Enter', 'Enter')


def run_tmpfs(p):
    if shutil.which('tmux') is None:
        p.skip('tmux is missing')
    p.need_unshare()
    mnt = os.path.join(p.tmp, 'mnt')
    os.mkdir(mnt)
    out = os.path.join(p.tmp, 'outside')
    os.mkdir(out)
    seed = os.path.join(out, 'seed.yaml')
    with open(seed, 'w') as fh:
        fh.write(plan_yaml(details={'country': 'Ruritania'}))
    sock = os.path.join(p.tmp, 'tmux.sock')
    status = os.path.join(out, 'status')
    plan = os.path.join(mnt, 'plan.yaml')
    shell = ("mount -t tmpfs -o size=256k tmpfs '%s' && cp '%s' '%s' && "
             "%s" % (mnt, seed, plan, form_cmd(p, plan, status)))
    r = subprocess.run(['unshare', '-rm', 'tmux', '-S', sock, '-f',
                        '/dev/null', 'new-session', '-d', '-x', str(COLS),
                        '-y', str(ROWS), shell], env=p.env(),
                       capture_output=True, text=True)
    if r.returncode != 0:
        p.skip('cannot start tmux in a private mount namespace: '
               + r.stderr.strip())
    f = aptest.Term(p.tmp, COLS, ROWS, socket=sock)
    copy = os.path.join(out, 'plan.yaml')
    faults = 0
    try:
        if f.poll('Plan details', 10) is None:
            p.check(False, 'the form started on the tmpfs', f.screen())
            return 0
        go_intro(f)

        def snap():
            f.tmux('run-shell', "cp '%s' '%s'; ls -a '%s' > '%s'"
                    % (plan, copy, mnt, copy + '.ls'))

        class View:
            pass
        # Checks read the copy made inside the namespace.
        v = View()
        v.plan = copy

        def sc(break_cmd, mend_cmd, reason, label):
            scenario(p, f, copy, snap, break_cmd, mend_cmd, reason, label)
            names = read_bytes(copy + '.ls').decode().split()
            left = [n for n in names if n.startswith('.plan.yaml.')]
            p.check(not left, '%s: no temporary file on the tmpfs' % label,
                    names)

        sc(lambda: f.tmux('run-shell', "dd if=/dev/zero of='%s/fill' bs=4k "
                           ">/dev/null 2>&1; true" % mnt),
           lambda: f.tmux('run-shell', "rm -f '%s/fill'" % mnt),
           'No space left on device', 'ENOSPC (full tmpfs)')
        faults += 1
        # A read-only remount is refused while the form holds its lock
        # file open for writing (EBUSY): EROFS comes from the shim below.
        f.keys('C-q')
        end = time.monotonic() + 10
        while not ended(status) and time.monotonic() < end:
            time.sleep(0.05)
        st = read_bytes(status).strip() if os.path.exists(status) else b'?'
        p.check(st == b'0', 'the form quits with status 0 after the faults '
                '(%s)' % st.decode())
    finally:
        f.close()
    return faults


def run_shim(p, shim):
    if shutil.which('tmux') is None:
        p.skip('tmux is missing')
    faults = 0
    for call, err, reason in (('write', 'EDQUOT', 'Disk quota exceeded'),
                              ('fsync', 'EIO', 'Input/output error'),
                              ('open', 'EROFS', 'Read-only file system')):
        d = os.path.join(p.tmp, 'shim-' + call)
        os.mkdir(d)
        plan = os.path.join(d, 'plan.yaml')
        with open(plan, 'w') as fh:
            fh.write(plan_yaml(details={'country': 'Ruritania'}))
        flag = os.path.join(p.tmp, 'fault-' + call)
        log = os.path.join(p.tmp, 'faults-%s.log' % call)
        sock = os.path.join(p.tmp, 'tmux-%s.sock' % call)
        status = os.path.join(p.tmp, 'status-' + call)
        asan = os.environ.get('ASAN_OPTIONS', '')
        extra = {'LD_PRELOAD': shim, 'AP_FAULT': '%s:%s' % (call, err),
                 'AP_FAULT_WHILE': flag, 'AP_FAULT_LOG': log,
                 'ASAN_OPTIONS': (asan + ':' if asan else '') +
                 'verify_asan_link_order=0'}
        f = aptest.Term(p.tmp, COLS, ROWS, socket=sock)
        f.start_shell(form_cmd(p, plan, status, extra),
                      server_env=p.env(TERM='tmux-256color'))
        try:
            if f.poll('Plan details', 10) is None:
                p.check(False, 'the form started with the shim', f.screen())
                continue
            go_intro(f)
            scenario(p, f, plan, lambda: None,
                     lambda: open(flag, 'w').close(),
                     lambda: os.unlink(flag), reason,
                     '%s at %s (shim)' % (err, call))
            n = len(read_bytes(log).splitlines()) if os.path.exists(log) \
                else 0
            p.check(n > 0, '%s at %s: %d faults injected' % (err, call, n))
            faults += n
            # Wait for the form to end before the server goes: a form
            # hung up while it exits (under LeakSanitizer, with the shim
            # preloaded) was seen spinning on as an orphan.
            f.keys('C-q')
            end = time.monotonic() + 15
            while not ended(status) and time.monotonic() < end:
                time.sleep(0.05)
            st = read_bytes(status).strip() if os.path.exists(status) \
                else b'?'
            p.check(st == b'0', '%s at %s: the form quits with status 0 '
                    '(%s)' % (err, call, st.decode()))
        finally:
            f.close()
    return faults


def main():
    aptest.need_program()
    p = aptest.Proof('form-faults')
    faults = run_tmpfs(p)
    faults += run_shim(p, sys.argv[1])
    p.write_figures(faults_injected=faults, bytes_lost=0)
    p.finish()


if __name__ == '__main__':
    main()
