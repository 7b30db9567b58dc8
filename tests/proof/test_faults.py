#!/usr/bin/env python3
"""Write faults at the program level: `actionplan export -o OUT` when the
disk is full (a tiny tmpfs in a private mount namespace), the file system
is read-only, the folder is not ours (EACCES), and when write, fsync,
close or rename fail with EIO, ENOSPC or EDQUOT (libfiu, or our preload
shim). Every time: exit status 3, a message naming OUT and the reason, OUT
byte-identical, no temporary file left; once the fault clears the same
command succeeds.
  test_faults.py CASE [SHIM.so]
  test_faults.py --inner CASE MOUNTPOINT   (run inside `unshare -rm`)"""

import errno
import os
import shutil
import stat
import subprocess
import sys

import aptest
from aptest import leftovers, read_bytes

OLD = b'the old export: it must survive every failed save\n'
PLAN_SRC = os.path.join(aptest.SRC, 'exports', 'united-states-2000.yaml')
THIS = os.path.abspath(__file__)


def asan_build():
    r = subprocess.run(['ldd', aptest.PROG], capture_output=True,
                       text=True)
    return 'libasan' in r.stdout


class Scenario:
    """OUT in folder, an old file there, and the export it should get."""

    def __init__(self, p, folder, plan=None):
        self.p = p
        self.folder = folder
        self.out = os.path.join(folder, 'plan.txt')
        self.plan = plan or PLAN_SRC
        rc, self.expected, err = p.run(['export', self.plan, '--format',
                                        'text'])
        if rc != 0:
            p.check(False, 'reference export works', err)
        self.faults = 0

    def put_old(self):
        with open(self.out, 'wb') as f:
            f.write(OLD)

    def export(self, env=None, prefix=()):
        return self.p.run(['export', self.plan, '--format', 'text', '-o',
                           self.out], env=env, prefix=prefix)

    def expect_fault(self, what, err_no, env=None, prefix=(),
                     names_reason=True):
        """One failed save, checked; returns True when all held."""
        p = self.p
        rc, out, err = self.export(env=env, prefix=prefix)
        self.faults += 1
        msg = err.decode('utf-8', 'replace')
        ok = p.check(rc == 3, '%s: exit status 3 (was %d)' % (what, rc), msg)
        reason = os.strerror(err_no)
        if names_reason:
            ok &= p.check(self.out in msg and reason in msg,
                          '%s: the message names %s and says %r'
                          % (what, os.path.basename(self.out), reason), msg)
        ok &= p.check(read_bytes(self.out) == OLD,
                      '%s: the old file is byte-identical' % what)
        left = leftovers(self.folder)
        ok &= p.check(not left, '%s: no temporary file left' % what, left)
        return ok

    def expect_success(self, what, env=None, prefix=()):
        p = self.p
        rc, out, err = self.export(env=env, prefix=prefix)
        p.check(rc == 0 and read_bytes(self.out) == self.expected,
                '%s: once the fault clears the export is written (status '
                '%d)' % (what, rc), err.decode('utf-8', 'replace'))
        p.check(not leftovers(self.folder), '%s: still no temporary file'
                % what)


# --- inside a private mount namespace (unshare -rm) -------------------

def fill(folder, leave=0):
    """Fills the file system of folder, leaving about `leave` bytes."""
    path = os.path.join(folder, 'filler')
    chunk = b'\0' * 4096
    with open(path, 'wb', buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError:
            pass
    if leave:
        with open(path, 'r+b') as f:
            size = os.fstat(f.fileno()).st_size
            f.truncate(max(0, size - leave))
    return path


def inner(case, mnt):
    p = aptest.Proof('faults-%s-inner' % case)
    p.record = False
    subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=256k,mode=0755',
                    'tmpfs', mnt], check=True)
    s = Scenario(p, mnt)
    s.put_old()
    if case == 'enospc':
        filler = fill(mnt)
        s.expect_fault('disk full', errno.ENOSPC)
        os.unlink(filler)
        # Room for part of the export only: the space is reserved before
        # any byte is written, so the failure comes before a partial file.
        filler = fill(mnt, leave=8192)
        s.expect_fault('disk nearly full', errno.ENOSPC)
        os.unlink(filler)
        s.expect_success('disk full')
    elif case == 'erofs':
        subprocess.run(['mount', '-o', 'remount,ro', mnt], check=True)
        s.expect_fault('read-only file system', errno.EROFS)
        subprocess.run(['mount', '-o', 'remount,rw', mnt], check=True)
        s.expect_success('read-only file system')
    print('FAULTS %d' % s.faults)
    p.finish()


def run_in_namespace(p, case):
    p.need_unshare()
    mnt = os.path.join(p.tmp, 'mnt')
    os.mkdir(mnt)
    r = subprocess.run(['unshare', '-rm', sys.executable, THIS, '--inner',
                        case, mnt], capture_output=True, text=True,
                       env=p.env(), timeout=120)
    print(r.stdout, r.stderr)
    if 'mount: ' in r.stderr and 'permission denied' in r.stderr.lower():
        p.skip('cannot mount a tmpfs in a user namespace')
    faults = sum(int(l.split()[1]) for l in r.stdout.splitlines()
                 if l.startswith('FAULTS '))
    p.check(r.returncode == 0, '%s scenario in a private mount namespace'
            % case)
    p.write_figures(faults_injected=faults, bytes_lost=0)


# --- outside ------------------------------------------------------------

def case_eacces(p):
    folder = os.path.join(p.tmp, 'theirs')
    os.mkdir(folder)
    # The plan must be readable by whoever runs the export.
    plan = os.path.join(p.tmp, 'plan.yaml')
    shutil.copy(PLAN_SRC, plan)
    os.chmod(plan, 0o644)
    os.chmod(p.tmp, 0o755)
    s = Scenario(p, folder, plan)
    s.put_old()
    if os.getuid() == 0:
        # Root ignores permissions: save as nobody into root's folder.
        prefix = ['setpriv', '--reuid=65534', '--regid=65534',
                  '--clear-groups']
        os.chmod(folder, 0o755)
        os.chmod(s.out, 0o644)
        probe = aptest.run(['--version'], prefix=prefix)
        if probe.returncode != 0:
            p.skip('cannot run the program as uid 65534 via setpriv')
        env = p.env(HOME=p.tmp)
        s.expect_fault('folder of another user', errno.EACCES, env=env,
                       prefix=prefix)
        # Given to nobody (a folder writable by every user would now be
        # refused as unsafe, as OpenSSH refuses one).
        os.chown(folder, 65534, 65534)
        s.expect_success('folder of another user', env=env, prefix=prefix)
    else:
        prefix = ()
        os.chmod(folder, 0o555)
        s.expect_fault('read-only folder', errno.EACCES)
        os.chmod(folder, 0o755)
        s.expect_success('read-only folder')
    p.write_figures(faults_injected=s.faults, bytes_lost=0)


def case_fiu(p, point, err_no):
    if shutil.which('fiu-run') is None:
        p.skip('fiu-run not found (Debian package fiu-utils)')
    if asan_build():
        p.skip("libfiu's preload cannot run under AddressSanitizer")
    folder = os.path.join(p.tmp, 'out')
    os.mkdir(folder)
    s = Scenario(p, folder)
    s.put_old()
    prefix = ['fiu-run', '-x', '-c', 'enable name=%s,failinfo=%d'
              % (point, err_no)]
    s.expect_fault('%s fails with %s' % (point, errno.errorcode[err_no]),
                   err_no, prefix=prefix)
    s.expect_success(point)
    p.write_figures(faults_injected=s.faults, bytes_lost=0)


def case_shim(p, shim, call, err_no):
    folder = os.path.join(p.tmp, 'out')
    os.mkdir(folder)
    s = Scenario(p, folder)
    s.put_old()
    flag = os.path.join(p.tmp, 'fault-on')
    with open(flag, 'w'):
        pass
    log = os.path.join(p.tmp, 'faults.log')
    asan = os.environ.get('ASAN_OPTIONS', '')
    env = p.env(LD_PRELOAD=shim, AP_FAULT='%s:%d' % (call, err_no),
                AP_FAULT_WHILE=flag, AP_FAULT_LOG=log,
                ASAN_OPTIONS=(asan + ':' if asan else '') +
                'verify_asan_link_order=0')
    what = '%s fails with %s' % (call, errno.errorcode[err_no])
    s.expect_fault(what, err_no, env=env)
    injected = read_bytes(log).decode().split('\n') if os.path.exists(
        log) else []
    p.check(any(l.startswith(call + ' ') for l in injected),
            '%s: the fault was injected' % what, injected)
    os.unlink(flag)
    s.expect_success(what, env=env)
    p.write_figures(faults_injected=s.faults, bytes_lost=0)


def case_line_cause(p, shim):
    """The line mode's save errors carry their cause: the step of the save
    and the system's words for the errno, as the store wrote them."""
    plan = os.path.join(p.tmp, 'plan.yaml')
    shutil.copy(PLAN_SRC, plan)
    before = read_bytes(plan)
    asan = os.environ.get('ASAN_OPTIONS', '')
    n = 0
    for call, err_no, step in (
            ('write', errno.ENOSPC, 'writing the temporary file'),
            ('fsync', errno.EIO, 'syncing the temporary file'),
            ('rename', errno.EDQUOT, 'renaming the temporary file over it')):
        env = p.env(LD_PRELOAD=shim, AP_FAULT='%s:%d' % (call, err_no),
                    ASAN_OPTIONS=(asan + ':' if asan else '') +
                    'verify_asan_link_order=0')
        rc, out, err = p.run(['fill', '--plain', plan],
                             stdin=b':goto D4\nA new contact\n:quit\n',
                             env=env)
        txt = (out + err).decode('utf-8', 'replace')
        want = 'cannot write %s: %s: %s' % (plan, step,
                                            os.strerror(err_no))
        p.check(rc == 3 and 'Could not save the draft' in txt and
                want in txt, '%s fails with %s: the line mode says %r '
                '(status %d)' % (call, errno.errorcode[err_no], want, rc),
                txt[-1500:])
        p.check(read_bytes(plan) == before, '%s: the plan is untouched'
                % call)
        n += 1
    p.write_figures(faults_injected=n, bytes_lost=0)


def main():
    if sys.argv[1] == '--inner':
        inner(sys.argv[2], sys.argv[3])
        return
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('faults-' + case)
    if case in ('enospc', 'erofs'):
        run_in_namespace(p, case)
    elif case == 'eacces':
        case_eacces(p)
    elif case == 'fiu-write-eio':
        case_fiu(p, 'posix/io/rw/write', errno.EIO)
    elif case == 'fiu-fsync-eio':
        case_fiu(p, 'posix/io/sync/fsync', errno.EIO)
    elif case == 'line-cause':
        case_line_cause(p, sys.argv[2])
    elif case.startswith('shim-'):
        _, call, name = case.split('-')
        case_shim(p, sys.argv[2], call, getattr(errno, name.upper()))
    else:
        raise SystemExit('unknown case ' + case)
    p.finish()


if __name__ == '__main__':
    main()
