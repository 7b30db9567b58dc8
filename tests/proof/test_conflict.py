#!/usr/bin/env python3
"""A plan changed on disk by another program while it is open (a text
editor, a copy, a sync tool: writers that know nothing of our lock): the
line mode and the form never write over it. Their next save goes to
PLAN.conflict-PID.yaml beside it, the user is told in words what happened
and what to run, later saves go there too, and `actionplan diff` shows the
two. Tried with the file replaced (a new inode), changed in place, and
removed.
  test_conflict.py line|form"""

import glob
import os
import shutil
import sys

import aptest
from aptest import read_bytes
from test_locking import LineHolder, draft  # noqa: E402

import yaml  # noqa: E402

TOLD = 'was changed by another program'


def replace(path, text):
    """Another program's save: a new file renamed over the plan."""
    tmp = path + '.other'
    with open(tmp, 'wb') as f:
        f.write(text)
    os.replace(tmp, path)


def in_place(path, text):
    with open(path, 'r+b') as f:
        f.truncate(0)
        f.write(text)


def answer(path, item):
    with open(path, 'rb') as f:
        doc = yaml.safe_load(f.read().decode('utf-8'))
    return ((doc.get('answers') or {}).get(item) or
            (doc.get('details') or {}).get(item))


def theirs_of(path):
    return read_bytes(path).replace(b'Ruritania', b'Changed Elsewhere')


def check_diff(p, what, path, copy, mine):
    rc, out, err = p.run(['diff', path, copy])
    txt = out.decode('utf-8', 'replace')
    p.check(rc == 1 and mine in txt and 'Changed Elsewhere' in txt,
            '%s: actionplan diff shows the two (status %d)' % (what, rc),
            txt[:3000] + err.decode('utf-8', 'replace'))


def line_case(p, what, change, removed=False):
    path = os.path.join(p.tmp, '%s.yaml' % what.replace(' ', '-'))
    draft(path)
    h = LineHolder(p, path)
    theirs = theirs_of(path)
    change(path, theirs)
    h.send(b':goto D4\nMine after the change\n')
    told = h.wait_for(TOLD.encode(), 20)
    copies = glob.glob(path + '.conflict-*.yaml')
    txt = h.seen.decode('utf-8', 'replace')
    p.check(told, '%s: the line mode says the plan was changed by another '
            'program' % what, txt[-3000:])
    p.check(('actionplan diff' in txt), '%s: and says what to run '
            '(actionplan diff)' % what, txt[-3000:])
    p.check(len(copies) == 1 and copies[0].endswith('.conflict-%d.yaml'
                                                    % h.proc.pid),
            '%s: one PLAN.conflict-PID.yaml beside it' % what, copies)
    if not removed:
        p.check(read_bytes(path) == theirs, '%s: the other program\'s '
                'file is untouched' % what)
    else:
        p.check(not os.path.exists(path), '%s: the removed plan is not '
                'made again' % what)
    if not copies:
        h.kill()
        return 0
    copy = copies[0]
    p.check(answer(copy, 'contact') == 'Mine after the change',
            '%s: the answer is in the conflict copy' % what)
    h.send(b':goto D3\nA later answer\n')
    h.quit()
    p.check(answer(copy, 'agency') == 'A later answer',
            '%s: later saves go to the copy too' % what)
    if not removed:
        p.check(read_bytes(path) == theirs, '%s: still untouched at the '
                'end' % what)
        check_diff(p, what, path, copy, 'Mine after')
    p.check(not [n for n in os.listdir(p.tmp) if n.startswith('.')
                 and not n.startswith('.status')],
            '%s: no temporary or lock file left' % what)
    return 1


def case_line(p):
    n = 0
    n += line_case(p, 'replaced', replace)
    n += line_case(p, 'changed in place', in_place)
    n += line_case(p, 'removed', lambda path, text: os.unlink(path),
                   removed=True)
    # Saved by us, then changed: the check follows our own saves.
    path = os.path.join(p.tmp, 'saved-first.yaml')
    draft(path)
    h = LineHolder(p, path)
    h.send(b':goto D4\nFirst save is ours\n:save\n')
    p.check(h.wait_for(b'Draft saved to %s.' % path.encode(), 15),
            'our own save goes to the plan itself')
    theirs = theirs_of(path)
    replace(path, theirs)
    h.send(b':goto D3\nAfter theirs\n')
    p.check(h.wait_for(TOLD.encode(), 15), 'a change after our own save '
            'is seen too')
    h.quit()
    p.check(read_bytes(path) == theirs, 'and their file is untouched')
    n += 1
    p.write_figures(conflicts_detected=n)


def case_form(p):
    if shutil.which('tmux') is None:
        p.skip('tmux missing')
    path = os.path.join(p.tmp, 'plan.yaml')
    draft(path)
    t = aptest.Term(p.tmp, cols=200, rows=30)
    n = 0
    errs = os.path.join(p.tmp, 'stderr.txt')
    try:
        # Standard error to a file as well: what is said after the form
        # ends (the screen given back) does not always stay in the pane.
        t.start('fill', path, wrapper=['sh', '-c', 'exec "$0" "$@" 2>%s'
                                       % aptest.shquote(errs)])
        t.wait('Plan details')
        theirs = theirs_of(path)
        replace(path, theirs)
        t.keys('C-g')
        t.wait('Go to')
        t.type('D4')
        t.keys('Enter')
        t.keys('C-u')
        t.type('Typed in the form')
        t.keys('C-s')
        scr = t.wait(TOLD, 20)
        copies = glob.glob(path + '.conflict-*.yaml')
        p.check(len(copies) == 1 and copies[0].endswith(
            '.conflict-%d.yaml' % t.pid()),
            'form: one PLAN.conflict-PID.yaml beside it', copies)
        p.check(TOLD in scr, 'form: the screen says the plan was changed '
                'by another program', scr)
        p.check(read_bytes(path) == theirs, 'form: the other program\'s '
                'file is untouched')
        t.type(' and more')
        t.keys('C-q')
        st = t.wait_exit(20)
        p.check(st == 0, 'form: quits with status 0 (was %s)' % st,
                t.screen())
        said = read_bytes(errs).decode('utf-8', 'replace')
        p.check('your answers are in %s' % (copies[0] if copies else '?')
                in said, 'form: at the end it says again where the answers '
                'are', said)
        if copies:
            p.check(answer(copies[0], 'contact') ==
                    'Typed in the form and more',
                    'form: every save went to the copy')
            check_diff(p, 'form', path, copies[0], 'Typed')
        p.check(read_bytes(path) == theirs, 'form: untouched at the end')
        n += 1
    except aptest.Fail as e:
        p.check(False, 'form conflict', str(e))
    finally:
        t.close()
    p.write_figures(conflicts_detected=n)


def main():
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('conflict-' + case)
    {'line': case_line, 'form': case_form}[case](p)
    p.finish()


if __name__ == '__main__':
    main()
