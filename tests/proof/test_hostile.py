#!/usr/bin/env python3
"""Hostile text: control characters and terminal escape sequences inside an
imported plan (clear screen, OSC 52 clipboard, window title, the C1 CSI
U+009B, BEL, backspace, CR, DEL, NEL) never reach the terminal raw and never
break the text export.
  test_hostile.py export|check|line|form"""

import os
import re
import signal
import sys
import time

import aptest
from aptest import RAW_CONTROL, plan_yaml, read_bytes

ESC = '\x1b'
# Each one does something visible to a terminal that takes it raw.
SEQS = {
    'clear': ESC + '[2J' + ESC + '[H',
    'clipboard': ESC + ']52;c;SGFja2Vk\x07',
    'title': ESC + ']0;PWNED\x07',
    'csi-c1': '\x9b2J',
    'osc-c1': '\x9d0;C1TITLE\x9c',
    'altscreen': ESC + '[?1049l',
    'report': ESC + '[6n',
    'bell': '\x07',
    'backspace': 'abc\x08\x08\x08',
    'del': '\x7f',
    'nel': '\x85',
    # Reorders what follows: "exe.jpg" reads as "gpj.exe" (issue 14).
    'rlo': '\u202e',
    'isolate': '\u2067',
}
# Raw forms that must never appear in anything written to a terminal.
RAW_MARKERS = [b'\x1b[2J\x1b[H', b'\x1b]52;c;SGFja2Vk', b'\x1b]0;PWNED',
               b'\xc2\x9b2J', b'\xc2\x9d0;C1TITLE', b'\x1b[6n', b'\x07',
               b'\x08', b'\x7f', b'\xc2\x85', b'\xe2\x80\xae',
               b'\xe2\x81\xa7']


def all_seqs(tag):
    return tag + ' ' + ' '.join('%s=%s|' % (k, v) for k, v in SEQS.items())


def hostile_plan():
    return plan_yaml(
        details={'country': 'Ruri' + SEQS['clear'] + 'tania' + SEQS['title'],
                 'date': '2000-01',
                 'agency': 'Agency ' + SEQS['csi-c1'] + SEQS['clipboard'],
                 'contact': 'Bell' + SEQS['bell'] + ' back' +
                 SEQS['backspace'] + ' cr\rover',
                 'email': 'x' + SEQS['rlo'] + 'gpj.exe@example.invalid'},
        answers={'introduction': all_seqs('intro') + '\n\nsecond ' +
                 SEQS['osc-c1'] + ' paragraph' + SEQS['report'],
                 'prevention.1': SEQS['altscreen'] + ' wiped' +
                 SEQS['nel'] + SEQS['del'],
                 'prosecution.1': {'value': 'no',
                                   'explanation': 'law ' + SEQS['clear']
                                   + SEQS['clipboard']},
                 'summary.1': ['prevention']})


def inert(p, data, what, allow_tab=False):
    """No raw control character (but '\n'), no C1, valid UTF-8."""
    try:
        data.decode('utf-8')
        utf8 = True
    except UnicodeDecodeError as e:
        utf8 = False
        p.check(False, what + ': valid UTF-8', repr(e))
    m = RAW_CONTROL.search(data.replace(b'\t', b'') if allow_tab else data)
    p.check(m is None, what + ': no raw control character',
            m and repr(data[max(0, m.start() - 60):m.end() + 60]))
    return utf8 and m is None


def case_export(p):
    path = os.path.join(p.tmp, 'hostile.yaml')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(hostile_plan())
    rc, out, err = p.run(['export', path, '--format', 'text', '--draft'])
    p.check(rc == 0, 'text export of a hostile plan works (status %d)' % rc,
            err.decode('utf-8', 'replace'))
    inert(p, out, 'text export')
    text = out.decode('utf-8', 'replace')
    # Escapes are visible, in the one notation of harmless text.
    for shown in ['Ruri<U+001B>[2J<U+001B>[Htania<U+001B>]0;PWNED<U+0007>',
                  '<U+009B>2J', '<U+001B>]52;c;SGFja2Vk<U+0007>',
                  'Bell<U+0007> back', 'abc<U+0008><U+0008><U+0008>',
                  '<U+009D>0;C1TITLE<U+009C>', '<U+001B>[6n',
                  'wiped<U+0085><U+007F>', 'x<U+202E>gpj.exe@example.invalid',
                  'rlo=<U+202E>|', 'isolate=<U+2067>|',
                  'law <U+001B>[2J<U+001B>[H<U+001B>]52;c;SGFja2Vk<U+0007>']:
        p.check(shown in text, 'export shows %r visibly' % shown, text)
    p.check('cr\nover' in text or 'cr over' in text,
            'a CR in a one-line answer is a line break, never a raw CR',
            text)
    p.check(text.endswith('\n') and not text.endswith('\n\n'),
            'export ends with one newline')
    # Written to a file too (the same bytes), and the YAML export keeps
    # the text exactly while staying printable.
    outp = os.path.join(p.tmp, 'out.txt')
    rc, _, err = p.run(['export', path, '--format', 'text', '--draft',
                        '-o', outp])
    p.check(rc == 0 and read_bytes(outp) == out, 'export -o gives the '
            'same bytes', err)
    rc, y, err = p.run(['export', path, '--format', 'yaml', '--draft'])
    p.check(rc == 0, 'YAML export works', err)
    inert(p, y, 'YAML export')
    import yaml
    doc = yaml.safe_load(y.decode('utf-8'))
    p.check(doc['answers']['introduction'].startswith(all_seqs('intro')),
            'YAML export keeps the hostile text exactly (escaped)')
    p.write_figures(hostile_sequences=len(SEQS))


def bad_plans():
    """Plans with hostile text where the loader complains about it."""
    e = SEQS['clear'] + SEQS['title'] + SEQS['csi-c1'] + SEQS['bell']
    plans = {
        'bad-yesno': plan_yaml(details={'country': 'X'},
                               answers={'prevention.6': 'yes' + e}),
        'unknown-item': plan_yaml(details={'country': 'X'},
                                  answers={'prevention.99' + e: 'x'}),
        'bad-choice': plan_yaml(answers={'summary.1': ['prevention' + e]}),
        'bad-date': plan_yaml(details={'date': '2000-01' + e}),
        'bad-email': plan_yaml(details={'email': 'a' + e + '@b'},
                               status='final', revision=1),
        'bad-status': plan_yaml(status='draft' + e),
        'unknown-qn': plan_yaml(qn_id='ariat' + e),
        'qn-version': plan_yaml(qn_version='"1%s"' % ''.join(
            '\\x%02x' % ord(c) if ord(c) < 0x20 or 0x80 <= ord(c) < 0xa0
            else c for c in e)),
    }
    key = aptest.yaml_str('key' + e)
    plans['unknown-key'] = plan_yaml() + '%s: 1\n' % key
    plans['duplicate-key'] = plan_yaml() + '%s: 1\n%s: 2\n' % (key, key)
    plans['bad-format'] = plan_yaml().replace(
        '"actionplan-plan/1"', aptest.yaml_str('actionplan-plan/1' + e))
    plans['bad-revision'] = plan_yaml().replace(
        'revision: 0', 'revision: ' + aptest.yaml_str(e))
    return plans


def case_check(p):
    tried = 0
    for name, text in sorted(bad_plans().items()):
        path = os.path.join(p.tmp, name + '.yaml')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        rc, out, err = p.run(['check', path])
        tried += 1
        both = out + err
        p.check((rc != 0 or b'warning' in err) and b'.yaml:' in err,
                '%s: check reports a problem (status %d)' % (name, rc),
                both.decode('utf-8', 'replace'))
        inert(p, both, '%s: check output' % name)
        for raw in RAW_MARKERS:
            p.check(raw not in both, '%s: %r never reaches the terminal'
                    % (name, raw))
    # A file whose very name is hostile (a submission saved under the
    # name it was sent with).
    evil = os.path.join(p.tmp, 'plan' + SEQS['clear'] + SEQS['csi-c1'] +
                        '\xff'.encode('latin-1').decode('utf-8', 'surrogateescape')
                        + '.yaml')
    with open(os.fsencode(evil), 'w') as f:
        f.write(bad_plans()['bad-yesno'])
    rc, out, err = p.run(['check', evil])
    inert(p, out + err, 'check output naming a hostile file name')
    rc, out, err = p.run(['export', evil, '--format', 'text'])
    inert(p, out + err, 'export errors naming a hostile file name')
    p.write_figures(hostile_files_checked=tried + 1)


def case_line(p):
    path = os.path.join(p.tmp, 'hostile.yaml')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(hostile_plan())
    script = (':goto D1\n\n:goto D3\n\n:goto intro\n.\n:show\n:problems\n'
              ':goto Ps1\n\n.\n:quit\n')
    rc, out, err = p.run(['fill', '--plain', path], stdin=script.encode())
    p.check(rc == 0, 'line mode opens the hostile plan (status %d)' % rc,
            err.decode('utf-8', 'replace'))
    inert(p, out + err, 'line mode output')
    for raw in RAW_MARKERS:
        p.check(raw not in out + err, 'line mode: %r never reaches the '
                'terminal raw' % raw)
    text = out.decode('utf-8', 'replace')
    p.check('<U+001B>' in text and '<U+202E>' in text,
            'line mode shows ESC and U+202E in the notation of harmless text',
            text[-3000:])


# --- the form, in tmux (screen and terminal state) and through a pty (the
# raw bytes it writes) ---

def form_bytes(p, path):
    """Runs the form in a pty, visits the hostile items, quits; returns
    everything it wrote to the terminal."""
    pid, fd = aptest.spawn_pty(['fill', path], p.env(TERM='xterm-256color'))
    out = bytearray()

    def pump(secs):
        aptest.read_until(fd, None, out, secs)

    pump(1.0)
    for ref in ['D1', 'D3', 'D4', 'D5', 'intro', 'P1', 'Ps1']:
        os.write(fd, b'\x07' + ref.encode() + b'\r')
        pump(0.4)
    os.write(fd, b'\x11')  # Ctrl-Q
    pump(1.0)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return bytes(out)


def case_form(p):
    import shutil as sh
    if sh.which('tmux') is None:
        p.skip('tmux is missing')
    path = os.path.join(p.tmp, 'hostile.yaml')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(hostile_plan())
    before = read_bytes(path)

    raw = form_bytes(p, path)
    p.check(len(raw) > 1000, 'the form drew a screen (%d bytes)' % len(raw))
    for m in RAW_MARKERS:
        if m in (b'\x07', b'\x08'):
            continue  # curses may beep or move left on its own
        p.check(m not in raw, 'form: %r never written raw' % m)
    p.check(re.search(rb'\xc2[\x80-\x9f]', raw) is None,
            'form: no C1 control written')

    # tmux: the screen keeps its layout, the title and the clipboard stay
    # untouched, escapes show as <U+001B>.
    t = aptest.Term(p.tmp, 80, 24)
    t.start('fill', path, shell_suffix='sleep 60',
            options=[('set-clipboard', 'on'), ('allow-rename', 'on')])
    tmux = t.tmux
    try:
        def wait(pred, what, secs=8):
            s = t.poll(pred, secs)
            if s is None:
                p.check(False, what, t.screen())
                return t.screen()
            return s

        title0 = tmux('display-message', '-p', '#{pane_title}')
        # The form reopens where the pty run above left it: any item.
        wait(lambda s: 'required answered' in s, 'form started')
        seen = {}
        for ref, expect in [('D1', 'Ruri<U+001B>[2J<U+001B>[Htania'),
                            ('D3', '<U+001B>]52;c;SGFja2Vk<U+0007>'),
                            ('D4', 'Bell<U+0007> backabc<U+0008>'),
                            ('D5', 'x<U+202E>gpj.exe'),
                            ('intro', 'intro clear=<U+001B>[2J<U+001B>[H|'),
                            ('P1', ' wiped<U+0085><U+007F>'),
                            ('Ps1', 'law <U+001B>[2J<U+001B>[H')]:
            tmux('send-keys', 'C-g')
            wait(lambda s: 'Go to' in s, 'go-to prompt for ' + ref)
            tmux('send-keys', '-l', ref)
            tmux('send-keys', 'Enter')
            s = wait(lambda s: expect in s, '%s: escapes shown as <U+001B> '
                     '(looking for %r)' % (ref, expect))
            seen[ref] = s
            # ESC [2J, ESC [H or a raw CSI would wipe or move the screen:
            # the outline must still be there, with its first line.
            # the outline and its border on every row, the status line
            # at the bottom.
            lines = s.split('\n')
            framed = sum(1 for l in lines[:22] if '\u2502' in l and
                         l.split('\u2502')[0].strip())
            p.check(framed >= 20, '%s: screen not cleared (%d framed '
                    'outline rows)' % (ref, framed), s)
            p.check(any('required answered' in l for l in lines[-3:]),
                    '%s: the status line is in place' % ref, s)
        title1 = tmux('display-message', '-p', '#{pane_title}')
        p.check(title0 == title1 and 'PWNED' not in title1 and
                'C1TITLE' not in title1,
                'window title unchanged (%r)' % title1.strip())
        bufs = tmux('list-buffers', check=False)
        p.check('SGFja2Vk' not in bufs and 'Hacked' not in bufs and
                bufs.strip() == '', 'clipboard (OSC 52) untouched', bufs)
        alt = tmux('display-message', '-p', '#{alternate_on}').strip()
        p.check(alt == '1', 'still on the alternate screen (%r)' % alt)
        tmux('send-keys', 'C-q')
        time.sleep(0.5)
    finally:
        t.close()
    p.check(read_bytes(path) == before or b'PWNED' in read_bytes(path),
            'the plan file still holds the text')


def main():
    aptest.need_program()
    case = sys.argv[1]
    p = aptest.Proof('hostile-' + case)
    {'export': case_export, 'check': case_check, 'line': case_line,
     'form': case_form}[case](p)
    p.finish()


if __name__ == '__main__':
    main()
