#!/usr/bin/env python3
"""Files: the drafts folder is 0700 and plan files 0600 whatever the umask;
symlinks at a destination (export -o, the plan, its lock, the exports of
:finish) are replaced or refused, never followed; file names made from a
country ("../../etc/passwd", "a/b", "..") never leave their folder.
  test_files.py modes|symlinks|names"""

import os
import re
import stat
import sys

import aptest
from aptest import read_bytes, yaml_str

US = os.path.join(aptest.SRC, 'exports', 'united-states-2000.yaml')
UMASK0 = ['sh', '-c', 'umask 0; exec "$0" "$@"']


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def complete_draft(country):
    """The US reference plan as a complete draft of another country."""
    text = read_bytes(US).decode('utf-8')
    usa = '  country:\n    code: "USA"\n    name: "United States"'
    assert usa in text
    text = text.replace(usa, '  country: ' + yaml_str(country))
    text = text.replace('status: "final"', 'status: "draft"')
    text = text.replace('revision: 1', 'revision: 0')
    return text


def snapshot(root):
    """Every path under root (files, links, folders)."""
    found = set()
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            found.add(os.path.relpath(os.path.join(d, n), root))
    return found


def case_modes(p):
    # Line mode: a new plan, under umask 0, is 0600; so is its lock.
    path = os.path.join(p.tmp, 'new.yaml')
    env = p.env()
    rc, out, err = p.run(['fill', '--plain', path],
                         stdin=b'Canada\n:quit\n', env=env,
                         prefix=UMASK0)
    p.check(rc == 0 and os.path.exists(path), 'line mode saved a new plan',
            out + err)
    p.check(mode(path) == 0o600, 'new plan file is 0600 under umask 0 '
            '(is %o)' % mode(path))
    # A plan someone made world-readable becomes 0600 at the next save.
    os.chmod(path, 0o666)
    rc, out, err = p.run(['fill', '--plain', path],
                         stdin=b':goto D3\nMinistry\n:quit\n', env=env,
                         prefix=UMASK0)
    p.check(rc == 0 and mode(path) == 0o600,
            'a 0666 plan is 0600 after a save (is %o)' % mode(path))
    # Exports too.
    outp = os.path.join(p.tmp, 'export.txt')
    rc, out, err = p.run(['export', US, '--format', 'text', '-o', outp],
                         prefix=UMASK0)
    p.check(rc == 0 and mode(outp) == 0o600, 'export -o writes 0600 '
            '(is %o)' % (mode(outp) if os.path.exists(outp) else 0))
    plan = os.path.join(p.tmp, 'full.yaml')
    with open(plan, 'w') as f:
        f.write(complete_draft('Ruritania'))
    outdir = os.path.join(p.tmp, 'exports')
    rc, out, err = p.run(['fill', '--plain', '-o', outdir, plan],
                         stdin=b':finish\n:quit\n', prefix=UMASK0)
    made = sorted(os.listdir(outdir)) if os.path.isdir(outdir) else []
    p.check(rc == 0 and len(made) == 2, ':finish wrote two exports %r'
            % made, (out + err).decode('utf-8', 'replace')[-2000:])
    for n in made:
        p.check(mode(os.path.join(outdir, n)) == 0o600,
                ':finish export %s is 0600' % n)

    # The form's drafts folder, created from nothing under umask 0.
    import shutil
    if shutil.which('tmux') is None:
        p.skip('tmux is missing for the drafts folder part')
    term = aptest.Term(p.tmp)
    term.env['XDG_DATA_HOME'] = os.path.join(p.tmp, 'fresh', 'data')
    try:
        term.start(wrapper=UMASK0)
        term.wait('+ New plan')
        term.keys('Enter')
        # The country is picked from the list: the file is named by its
        # code.
        term.wait('Type to narrow the list')
        term.type('Thai')
        term.wait('Thailand (THA)')
        term.keys('Enter')
        term.wait('Month and year of the plan')
        term.type('2000-01')
        term.keys('C-s')
        base = os.path.join(p.tmp, 'fresh', 'data', 'actionplan')
        drafts = os.path.join(base, 'drafts')
        aptest.wait_file(os.path.join(drafts, 'tha.yaml'),
                          lambda b: b'2000-01' in b)
        for d in (base, drafts):
            p.check(mode(d) == 0o700, '%s is 0700 under umask 0 (is %o)'
                    % (os.path.relpath(d, p.tmp), mode(d)))
        # (A save in progress may have its temporary file there.)
        files = sorted(n for n in os.listdir(drafts) if n[0] != '.')
        p.check(files == ['tha.yaml', 'tha.yaml.lock'] or
                files == ['tha.yaml'],
                'Thailand picked gives the draft tha.yaml inside the '
                'drafts folder %r' % files)
        for n in files:
            p.check(mode(os.path.join(drafts, n)) == 0o600,
                    'draft file %s is 0600 (is %o)'
                    % (n, mode(os.path.join(drafts, n))))
        term.keys('C-q')
        term.wait_exit()
    except aptest.Fail as e:
        p.check(False, 'form part', str(e))
    finally:
        term.close()


def case_symlinks(p):
    victim = os.path.join(p.tmp, 'victim')
    secret = b'not to be touched\n'

    def fresh_victim():
        with open(victim, 'wb') as f:
            f.write(secret)
        os.chmod(victim, 0o644)

    # export -o onto a symlink to an existing file, and to nowhere.
    fresh_victim()
    link = os.path.join(p.tmp, 'out.txt')
    os.symlink(victim, link)
    rc, out, err = p.run(['export', US, '--format', 'text', '-o', link])
    p.check(rc == 0 and not os.path.islink(link) and os.path.isfile(link),
            'export -o replaced the symlink by a regular file', err)
    p.check(read_bytes(victim) == secret and mode(victim) == 0o644,
            'the symlink target is untouched')
    dangling = os.path.join(p.tmp, 'dangling.txt')
    nowhere = os.path.join(p.tmp, 'created-through-link')
    os.symlink(nowhere, dangling)
    rc, out, err = p.run(['export', US, '--format', 'text', '-o',
                          dangling])
    p.check(rc == 0 and not os.path.exists(nowhere),
            'a dangling symlink is not followed to create its target')

    # The plan file itself a symlink: saving replaces the link.
    fresh_victim()
    plan = os.path.join(p.tmp, 'linked-plan.yaml')
    real = os.path.join(p.tmp, 'real-plan.yaml')
    with open(real, 'w') as f:
        f.write(complete_draft('Ruritania'))
    before = read_bytes(real)
    os.symlink(real, plan)
    rc, out, err = p.run(['fill', '--plain', plan],
                         stdin=b':goto D3\nMinistry of Links\n:quit\n')
    p.check(rc == 0, 'line mode on a symlinked plan (status %d)' % rc,
            out + err)
    p.check(read_bytes(real) == before, 'the symlinked file is untouched')
    p.check(not os.path.islink(plan) and b'Ministry of Links' in
            read_bytes(plan), 'the plan path now holds the saved plan')

    # A lock file planted as a symlink to someone's file.
    fresh_victim()
    plan2 = os.path.join(p.tmp, 'locked.yaml')
    with open(plan2, 'w') as f:
        f.write(complete_draft('Ruritania'))
    os.symlink(victim, plan2 + '.lock')
    rc, out, err = p.run(['fill', '--plain', plan2],
                         stdin=b':goto D3\nMinistry\n:quit\n')
    p.check(read_bytes(victim) == secret,
            'a symlinked lock file is not followed (target untouched, '
            'status %d)' % rc, (out + err).decode('utf-8', 'replace'))

    # :finish writing onto symlinks in the export folder.
    fresh_victim()
    outdir = os.path.join(p.tmp, 'exports')
    os.mkdir(outdir)
    plan3 = os.path.join(p.tmp, 'fin.yaml')
    with open(plan3, 'w') as f:
        f.write(complete_draft('Ruritania'))
    for ext in ('yaml', 'txt'):
        os.symlink(victim, os.path.join(outdir, 'ruritania-2000-01.' + ext))
    rc, out, err = p.run(['fill', '--plain', '-o', outdir, plan3],
                         stdin=b':finish\n:quit\n')
    made = sorted(os.listdir(outdir))
    p.check(rc == 0 and made == ['ruritania-2000-01.txt',
                                 'ruritania-2000-01.yaml'],
            ':finish wrote its exports %r' % made,
            (out + err).decode('utf-8', 'replace')[-2000:])
    for n in made:
        p.check(not os.path.islink(os.path.join(outdir, n)),
                ':finish replaced the symlink %s' % n)
    p.check(read_bytes(victim) == secret, ':finish did not write through '
            'the symlinks')
    p.write_figures(symlinks_planted=6)


HOSTILE_COUNTRIES = [
    '../../etc/passwd', 'a/b', '..', '.', '/', '../', '..\\..\\x',
    '\x1b[2J/..', '~', '-rf', '.hidden', 'x' * 100, '名前/../..',
    'Côte d\'Ivoire', 'United States of America', ' ', '\t..\t',
]


def case_names(p):
    tried = 0
    names = set()
    p.env()  # makes HOME before the first snapshot
    for i, country in enumerate(HOSTILE_COUNTRIES):
        work = os.path.join(p.tmp, 'n%02d' % i)
        outdir = os.path.join(work, 'deep', 'out')
        os.makedirs(outdir)
        plan = os.path.join(work, 'deep', 'plan.yaml')
        with open(plan, 'w', encoding='utf-8') as f:
            f.write(complete_draft(country))
        before = snapshot(p.tmp)
        rc, out, err = p.run(['fill', '--plain', '-o', outdir, plan],
                             stdin=b':finish\n:quit\n')
        tried += 1
        txt = (out + err).decode('utf-8', 'replace')
        after = snapshot(p.tmp)
        new = sorted(after - before)
        inside = [n for n in new if n.startswith(
            os.path.relpath(outdir, p.tmp) + os.sep)]
        outside = [n for n in new if n not in inside and
                   not n.endswith('plan.yaml.lock')]
        p.check(not outside, '%r: nothing written outside the output '
                'folder' % country, outside)
        made = sorted(os.path.basename(n) for n in inside)
        if country.strip() == '':
            # Not a country: :finish refuses, nothing is written.
            p.check(made == [], '%r: an empty country exports nothing'
                    % country, txt[-1500:])
            continue
        p.check(rc == 0 and len(made) == 2, '%r: :finish wrote two '
                'exports %r' % (country, made), txt[-1500:])
        for n in made:
            p.check(re.fullmatch(r'[a-z0-9][a-z0-9-]*\.(yaml|txt)', n)
                    is not None, '%r: export name %r is letters, digits '
                    'and dashes' % (country, n))
            names.add(n)
    # Names of countries of ISO 3166-1 give their codes; free text keeps
    # its letters and digits.
    p.check({'usa-2000-01.txt', 'civ-2000-01.txt', 'etc-passwd-2000-01.txt'}
            <= names, 'country names give the documented file names',
            sorted(names))
    p.write_figures(country_names_tried=tried)


def main():
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('files-' + case)
    {'modes': case_modes, 'symlinks': case_symlinks,
     'names': case_names}[case](p)
    p.finish()


if __name__ == '__main__':
    main()
