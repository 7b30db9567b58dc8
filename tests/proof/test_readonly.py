#!/usr/bin/env python3
"""Plans that must not be written open read-only, saying why and what to
run: a file without write permission, a file of another user, a folder
this user may not write in, a read-only file system (a tmpfs remounted
read-only in a private mount namespace), and folders other users can
change (world- or group-writable without the sticky bit, or another
user's, the plan's own or one above it, as OpenSSH's StrictModes judges
them). Export and check still read such plans; the drafts folder is not
used when it is unsafe.
  test_readonly.py modes|rofs|unsafe"""

import os
import shutil
import subprocess
import sys

import aptest
from aptest import read_bytes
from test_locking import draft  # noqa: E402

NOBODY = 65534
TYPED = b':goto D4\nTyped while read-only\n:quit\n'


def read_only_open(p, what, path, words, status=3, env=None, prefix=()):
    """The line mode opens path read-only: says so with words, saves
    nothing, exits with status; export and check still read it."""
    before = read_bytes(path)
    st = os.stat(path)
    rc, out, err = p.run(['fill', '--plain', path], stdin=TYPED, env=env,
                         prefix=prefix)
    txt = (out + err).decode('utf-8', 'replace')
    ok = p.check('read-only' in txt and all(w in txt for w in words),
                 '%s: opens read-only, saying %s' % (what, words),
                 txt[-2000:])
    ok &= p.check(rc == status, '%s: typing then quitting gives status %d '
                  '(was %d)' % (what, status, rc))
    after = os.stat(path)
    ok &= p.check(read_bytes(path) == before and after.st_ino == st.st_ino
                  and after.st_uid == st.st_uid and
                  after.st_mode == st.st_mode,
                  '%s: the file is untouched (bytes, inode, owner, mode)'
                  % what)
    rc, out, err = p.run(['export', path, '--format', 'text', '--draft'],
                         env=env, prefix=prefix)
    ok &= p.check(rc == 0 and b'Ruritania' in out, '%s: export reads it '
                  '(status %d)' % (what, rc), err)
    rc, out, err = p.run(['check', path], env=env, prefix=prefix)
    ok &= p.check(rc in (0, 1) and b'error' not in err.lower().replace(
        b'warning', b''), '%s: check reads it (status %d)' % (what, rc),
        err)
    return 1 if ok else 0


def writable_open(p, what, path):
    rc, out, err = p.run(['fill', '--plain', path], stdin=TYPED)
    p.check(rc == 0 and b'Typed while read-only' in read_bytes(path),
            '%s: opens and saves (status %d)' % (what, rc),
            (out + err).decode('utf-8', 'replace')[-1500:])


def as_nobody(p):
    if os.getuid() != 0 or shutil.which('setpriv') is None:
        return None
    prefix = ['setpriv', '--reuid=%d' % NOBODY, '--regid=%d' % NOBODY,
              '--clear-groups']
    r = aptest.run(['--version'], prefix=prefix)
    return prefix if r.returncode == 0 else None


def case_modes(p):
    n = 0
    folder = os.path.join(p.tmp, 'plans')
    os.mkdir(folder, 0o700)
    path = os.path.join(folder, 'plan.yaml')
    draft(path)
    os.chmod(path, 0o444)
    n += read_only_open(p, 'a file without write permission', path,
                        ['no write permission', 'chmod u+w %s' % path])
    os.chmod(path, 0o644)
    if os.getuid() == 0:
        os.chown(path, NOBODY, NOBODY)
        n += read_only_open(p, 'a file of another user', path,
                            ['belongs to user', 'a copy of your own'])
        os.chown(path, 0, 0)
    prefix = as_nobody(p)
    if prefix is not None:
        # nobody's own file in root's folder, which nobody may not write.
        mine = os.path.join(p.tmp, 'shared')
        os.mkdir(mine, 0o755)
        os.chmod(p.tmp, 0o755)
        theirs = os.path.join(mine, 'plan.yaml')
        draft(theirs)
        os.chown(theirs, NOBODY, NOBODY)
        os.chmod(theirs, 0o644)
        env = p.env(HOME=p.tmp, XDG_DATA_HOME=p.tmp)
        n += read_only_open(p, 'a folder this user may not write in', theirs,
                            ['you may not write in the folder %s' % mine],
                            env=env, prefix=prefix)
    else:
        print('not root or no setpriv: the unwritable folder not tried')
    writable_open(p, 'the same plan, writable again', path)

    # The form: says why on its status line and refuses to edit.
    draft(path)
    os.chmod(path, 0o444)
    if shutil.which('tmux') is not None:
        t = aptest.Term(p.tmp, cols=200, rows=30)
        before = read_bytes(path)
        try:
            t.start('fill', path)
            scr = t.wait('no write permission')
            p.check('read-only' in scr, 'the form says read-only and why',
                    scr)
            t.keys('C-g')
            t.wait('Go to')
            t.type('D4')
            t.keys('Enter')
            t.type('x')
            t.keys('C-s')
            t.keys('C-q')
            t.wait_exit(20)
            p.check(read_bytes(path) == before, 'the form wrote nothing')
            n += 1
        except aptest.Fail as e:
            p.check(False, 'form read-only', str(e))
        finally:
            t.close()
    p.write_figures(read_only_opens=n)


INNER = r'''
set -e
mount -t tmpfs -o size=4m tmpfs "$1"
cp "$2" "$1/plan.yaml"
mount -o remount,ro "$1"
cd "$1"
printf ':goto D4\nTyped while read-only\n:quit\n' |
    "$3" fill --plain "$1/plan.yaml" >"$4/fill.out" 2>&1 || echo $? >"$4/fill.rc"
"$3" export "$1/plan.yaml" --format text --draft >"$4/export.out" 2>&1 ||
    echo $? >"$4/export.rc"
"$3" check "$1/plan.yaml" >"$4/check.out" 2>&1 || echo $? >"$4/check.rc"
cmp "$2" "$1/plan.yaml"
'''


def case_rofs(p):
    p.need_unshare()
    mnt = os.path.join(p.tmp, 'mnt')
    os.mkdir(mnt)
    src = os.path.join(p.tmp, 'plan.yaml')
    draft(src)
    r = subprocess.run(['unshare', '-rm', 'sh', '-c', INNER, 'sh', mnt, src,
                        aptest.PROG, p.tmp], capture_output=True,
                       env=p.env(), timeout=60)
    if b'mount' in r.stderr and r.returncode != 0 and not os.path.exists(
            os.path.join(p.tmp, 'fill.out')):
        p.skip('cannot mount a tmpfs here: %s' % r.stderr.decode())

    def got(name):
        path = os.path.join(p.tmp, name)
        return read_bytes(path).decode('utf-8', 'replace') \
            if os.path.exists(path) else ''
    p.check(r.returncode == 0, 'the plan on the read-only file system is '
            'byte-identical afterwards', r.stderr.decode())
    fill = got('fill.out')
    p.check('read-only file system' in fill, 'the line mode opens it '
            'read-only, saying the file system is read-only', fill[-2000:])
    p.check(got('fill.rc').strip() == '3', 'typing then quitting gives '
            'status 3 (was %r)' % got('fill.rc').strip())
    p.check(not got('export.rc') and 'Ruritania' in got('export.out'),
            'export reads it', got('export.out')[-1000:])
    p.check(got('check.rc').strip() in ('', '1') and
            'read-only' not in got('check.out'), 'check reads it',
            got('check.out'))
    p.write_figures(read_only_opens=1)


def case_unsafe(p):
    n = 0
    base = os.path.join(p.tmp, 'base')
    os.mkdir(base, 0o755)
    for mode, words in ((0o777, ['(mode 0777)', 'chmod 700']),
                        (0o1777, None)):
        folder = os.path.join(base, 'm%o' % mode)
        os.mkdir(folder)
        os.chmod(folder, mode)
        path = os.path.join(folder, 'plan.yaml')
        draft(path)
        if words:
            words[1] = 'chmod 700 %s' % folder
            n += read_only_open(p, 'a folder every user can change', path,
                                words)
        else:
            writable_open(p, 'a world-writable folder with the sticky bit',
                          path)
    # A folder above.
    inner = os.path.join(base, 'm777', 'inner')
    os.mkdir(inner, 0o700)
    path = os.path.join(inner, 'plan.yaml')
    draft(path)
    n += read_only_open(p, 'a folder above that every user can change',
                        path, ['chmod go-w %s' % os.path.join(base, 'm777')])
    if os.getuid() == 0:
        theirs = os.path.join(base, 'theirs')
        os.mkdir(theirs, 0o755)
        path = os.path.join(theirs, 'plan.yaml')
        draft(path)
        os.chown(theirs, NOBODY, NOBODY)
        n += read_only_open(p, 'a folder of another user', path,
                            ['belongs to user', 'a folder of your own'])
    # A new plan there is refused outright; export -o does not write there.
    new = os.path.join(base, 'm777', 'new.yaml')
    rc, out, err = p.run(['fill', '--plain', new], stdin=b'x\n:quit\n')
    p.check(rc != 0 and not os.path.exists(new) and
            b'chmod 700' in out + err,
            'a new plan in such a folder is refused (status %d)' % rc,
            (out + err).decode('utf-8', 'replace')[-1000:])
    out_path = os.path.join(base, 'm777', 'out.txt')
    rc, out, err = p.run(['export', os.path.join(inner, 'plan.yaml'),
                          '--format', 'text', '--draft', '-o', out_path])
    p.check(rc == 3 and not os.path.exists(out_path) and b'chmod 700' in err,
            'export -o does not write into it (status %d)' % rc, err)
    n += 2

    # The drafts folder: not used, and the form says what to run.
    if shutil.which('tmux') is not None:
        # Wide: the list of the start screen cuts long lines.
        t = aptest.Term(p.tmp, cols=400, rows=30)
        drafts = os.path.join(p.tmp, 'home', 'data', 'actionplan', 'drafts')
        os.makedirs(drafts)
        os.chmod(drafts, 0o777)
        draft(os.path.join(drafts, 'planted.yaml'), 'Planted Land')
        try:
            t.start()
            scr = t.wait('drafts folder cannot be used')
            joined = scr.replace('\n', '')
            p.check('chmod 700 %s' % drafts in joined,
                    'the form does not use a drafts folder every user can '
                    'change, and says what to run', scr)
            p.check('Planted Land' not in scr, 'the planted draft is not '
                    'listed')
            t.keys('Enter')
            t.wait_exit(20)
            n += 1
            os.chmod(drafts, 0o700)
            t2 = aptest.Term(p.tmp, cols=200, rows=30)
            try:
                t2.start()
                scr = t2.wait('New plan')
                p.check('Planted Land' in scr, 'after chmod 700 it is '
                        'used again', scr)
                t2.keys('q')
                t2.wait_exit(20)
            finally:
                t2.close()
        except aptest.Fail as e:
            p.check(False, 'drafts folder', str(e))
        finally:
            t.close()
    p.write_figures(unsafe_folders_refused=n)


def main():
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('readonly-' + case)
    {'modes': case_modes, 'rofs': case_rofs, 'unsafe': case_unsafe}[case](p)
    p.finish()


if __name__ == '__main__':
    main()
