#!/usr/bin/env python3
# Line mode tests: the real program (`actionplan fill --plain`, or the
# line_run driver while the CLI does not parse that yet) run with a script
# on standard input; the plan files it writes are checked byte for byte.
# Usage: test-line.py CASE DRIVER CLI
import difflib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

import aptest
from aptest import SRC, check, read_bytes

QN_PATH = os.path.join(SRC, 'questionnaires', 'ariat-2000.yaml')
REF_PATH = os.path.join(SRC, 'exports', 'united-states-2000.yaml')
CASE, DRIVER, CLI = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix='line-test-')
aptest.CHECKS.verbose = True


def program():
    """The CLI when it knows `fill --plain`, else the driver."""
    if os.path.exists(CLI):
        r = subprocess.run([CLI, 'fill', '--help'], capture_output=True,
                           text=True, timeout=10)
        if r.returncode == 0 and '--plain' in r.stdout:
            return [CLI, 'fill', '--plain']
    return [DRIVER, 'fill', '--plain']


PROG = program()


def env():
    return aptest.env(TMP, XDG_DATA_HOME=os.path.join(TMP, 'xdg'))


def run(plan, script, opts=(), timeout=30):
    """Runs line mode on plan with script (str or bytes) on stdin."""
    return aptest.decoded(aptest.run(list(opts) + [plan], prog=PROG,
                                     input=script, env=env(),
                                     timeout=timeout))


def expect_lines(out, lines, what):
    have = out.splitlines()
    missing = [l for l in lines if l not in have]
    check(not missing, what, 'missing lines: %r\n--- output:\n%s'
          % (missing, out))


def load_qn():
    with open(QN_PATH, encoding='utf-8') as f:
        return yaml.safe_load(f)


def items(q):
    for s in q['sections']:
        for it in s['items']:
            yield s, it


def label(s, it):
    if it.get('number'):
        return '%s %s' % (s['title'], it['number'])
    return it['title']


def text_lines(t):
    """Lines of a text answer as typed, with the escapes of line mode."""
    out = []
    for l in t.split('\n'):
        if l and set(l) == {'.'}:
            l = '.' + l
        elif l.startswith(':'):
            l = ':' + l
        out.append(l)
    return out + ['.']


def shown(it, answers):
    w = it.get('when')
    if not w:
        return True
    a = answers.get(w['item'])
    if isinstance(a, dict):
        a = a.get('value')
    vals = [w['is']] if 'is' in w else w['in']
    if isinstance(a, list):
        return any(v in vals for v in a)
    return a in vals


def script_for(q, answers):
    """Input lines answering every shown item of q with answers."""
    lines = []
    for s, it in items(q):
        if not shown(it, answers):
            continue
        a = answers.get(it['id'])
        value, expl = a, None
        if it.get('explain'):
            value = a.get('value') if isinstance(a, dict) else None
            expl = a.get('explanation') if isinstance(a, dict) else None
        if it['type'] == 'text':
            lines += text_lines(value) if value is not None else ['.']
        elif it['type'] == 'multi':
            lines.append(', '.join(value or []))
        elif it['type'] == 'country' and isinstance(value, dict):
            # Typed as an official would: the name the source document
            # uses, read as the country's code.
            lines.append('United States of America'
                         if value['code'] == 'USA' else value['name'])
        else:
            lines.append(value if value is not None else '')
        if it.get('explain'):
            lines += text_lines(expl) if expl is not None else ['.']
    return lines


def reference_answers():
    with open(REF_PATH, encoding='utf-8') as f:
        ref = yaml.safe_load(f)
    answers = dict(ref.get('details') or {})
    answers.update(ref.get('answers') or {})
    return answers


def case_us_plan():
    q = load_qn()
    plan = os.path.join(TMP, 'us.yaml')
    outdir = os.path.join(TMP, 'out')
    lines = script_for(q, reference_answers()) + [':finish']
    rc, out, err = run(plan, '\n'.join(lines) + '\n', ['-o', outdir])
    check(rc == 0, 'exit status 0 after :finish (was %d)' % rc, out + err)
    ref = read_bytes(REF_PATH)
    got = read_bytes(plan) if os.path.exists(plan) else b''
    # The same answers first (a clearer message when only bytes differ).
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    with open(REF_PATH, encoding='utf-8') as f:
        want = yaml.safe_load(f)
    check(doc == want, 'plan file holds the reference answers, final, '
          'revision 1')
    diff = ''.join(list(difflib.unified_diff(
        ref.decode('utf-8', 'replace').splitlines(True),
        got.decode('utf-8', 'replace').splitlines(True),
        'reference', 'line mode', n=0))[:40])
    check(got == ref, 'plan file is byte-identical to the reference export',
          diff)
    # Exports are named by the country's code.
    name = os.path.join(outdir, 'usa-2000-01')
    check(os.path.exists(name + '.yaml') and
          read_bytes(name + '.yaml') == ref,
          'YAML export NAME.yaml is byte-identical to the reference')
    check(os.path.exists(name + '.txt') and
          os.path.getsize(name + '.txt') > 10000,
          'text export NAME.txt written')
    ref_txt = REF_PATH[:-len('.yaml')] + '.txt'
    if os.path.exists(ref_txt) and os.path.exists(name + '.txt'):
        check(read_bytes(name + '.txt') == read_bytes(ref_txt),
              'text export NAME.txt is byte-identical to '
              'exports/united-states-2000.txt')
    expect_lines(out, ['The plan is final (revision 1) and saved to %s.'
                       % plan,
                       'Exports written: %s.yaml and %s.txt.'
                       % (name, name)], 'finish says where exports went')
    check('Problems' not in out and 'cannot be made final' not in out,
          'no problems said for the complete plan', out[-3000:])
    # The same answers in one go with every item asked once: the number of
    # items asked equals the shown items.
    n_shown = sum(1 for s, it in items(q)
                  if shown(it, reference_answers()))
    check(out.count('\nSection: ') == n_shown,
          'each shown item asked once (%d)' % n_shown)


def case_wrong_answers():
    plan = os.path.join(TMP, 'wrong.yaml')
    script = '\n'.join([
        'Ruritania',        # country: not one of ISO 3166-1
        'Canada',
        '2000-13',          # date: bad month
        '2000-01',          # date again
        'Ministry',         # agency
        'Official',         # contact
        'not-an-address',   # e-mail: bad
        'a@example.invalid',
        'english language',  # language: pattern
        'en',
        '.',                # introduction: left empty
        ':goto P6',
        'maybe',            # yes/no: refused
        'yes',
        ':goto summary.1',
        'prevention, nonsense',  # multi: an unknown choice
        '1 3',
        '.',                # explanation left empty
        ':problems',
        ':finish',
    ]) + '\n'
    rc, out, err = run(plan, script)
    check(rc == 0, 'exit status 0 at end of input (was %d)' % rc, out + err)
    expect_lines(out, [
        'Country: no country has that name',
        'Month and year of the plan: expected a month like 2000-01',
        'Contact e-mail: expected an e-mail address like name@example.org',
        'Language of the answers: use a language code such as en, th, vi '
        'or zh-CN',
        'Prevention 6: type 1 or yes, 2 or no',
        "Summary questions 1: 'nonsense' is not one of the choices 1–4",
        'Introduction: an answer is required',
        'Prevention 1: an answer is required',
        'Protection 3: an answer is required',
        'The plan cannot be made final yet:',
        'End of input: draft saved to %s.' % plan,
    ], 'problems said in words, item named')
    check(out.count('Introduction: an answer is required') == 2,
          'required problems only at :problems and :finish')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['details'] == {'country': {'code': 'CAN', 'name': 'Canada'}, 'date': '2000-01',
                             'agency': 'Ministry', 'contact': 'Official',
                             'email': 'a@example.invalid', 'language': 'en'},
          'corrected answers stored', repr(doc.get('details')))
    check(doc['answers'].get('prevention.6') == 'yes', 'yes stored')
    check(doc['answers'].get('summary.1') ==
          {'value': ['prevention', 'reintegration']},
          'multi stored as ids in questionnaire order',
          repr(doc['answers'].get('summary.1')))
    check(doc['status'] == 'draft', 'still a draft')


def case_eof_mid_text():
    plan = os.path.join(TMP, 'eof.yaml')
    # Country, then straight to the introduction, two lines and a partial
    # third, no '.', end of input.
    script = ('Canada\n:goto intro\nFirst line.\n\nThird: '
              'no newline at the end')
    rc, out, err = run(plan, script)
    check(rc == 0, 'exit status 0 (was %d)' % rc, out + err)
    expect_lines(out, ['End of input: draft saved to %s.' % plan],
                 'end of input said')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['answers'].get('introduction') ==
          'First line.\n\nThird: no newline at the end',
          'text so far kept, partial line included',
          repr(doc.get('answers')))
    check(doc['details'].get('country') == {'code': 'CAN', 'name': 'Canada'}, 'earlier answer')
    # A second run with EOF at a prompt keeps everything and changes
    # nothing.
    before = read_bytes(plan)
    rc, out, err = run(plan, '')
    check(rc == 0 and read_bytes(plan) == before,
          'EOF at the first prompt leaves the draft as it was', out + err)
    check(out.split('Section: ')[1].startswith(
          'Plan details\nMonth and year of the plan'),
          'resumes at the first unanswered item', out)


def wait_for(p, text, seen=b''):
    """Reads p's output until text shows (or 20 s pass)."""
    return aptest.read_until(p.stdout.fileno(), text, seen, 20)


def case_sighup_mid_text():
    plan = os.path.join(TMP, 'hup.yaml')
    p = subprocess.Popen(PROG + [plan], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env())
    p.stdin.write(b'Canada\n:goto intro\nTyped before the hang-up.\n'
                  b'half a li')
    p.stdin.flush()
    # Wait until the program has asked for the introduction, so the
    # signal lands while the text is being read (the bytes after it are
    # already in the pipe either way).
    seen = wait_for(p, b"end with a line holding a single '.'")
    check(b'Section: Introduction' in seen, 'introduction asked',
          seen.decode())
    time.sleep(0.2)
    p.send_signal(signal.SIGHUP)
    try:
        p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        check(False, 'exits after SIGHUP')
        return
    seen += p.stdout.read()
    out = seen.decode('utf-8', 'replace')
    err = p.stderr.read().decode('utf-8', 'replace')
    check('Sanitizer' not in err and 'runtime error' not in err,
          'no sanitizer report', err)
    check(p.returncode == 1, 'exit status 1 after a signal (was %d)'
          % p.returncode, out)
    expect_lines(out, ['Interrupted: draft saved to %s.' % plan],
                 'interruption said')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['answers'].get('introduction') ==
          'Typed before the hang-up.\nhalf a li',
          'partial text answer saved', repr(doc.get('answers')))
    p.stdin.close()
    check(not os.path.exists(plan + '.lock'), 'lock released')


def case_commands():
    plan = os.path.join(TMP, 'cmd.yaml')
    script = '\n'.join([
        ':help',
        'Canada',
        ':back',            # back to the country
        '',                 # keep it
        ':skip',            # date left alone
        ':goto P6',
        '1',
        ':goto nowhere',
        ':back',            # from prevention.7 back to prevention.6
        ':next',
        ':goto prosecution.1',
        'yes',              # prosecution.2 is then hidden
        'The law of 1999.',
        '.',
        ':show',
        ':problems',
        ':quit',
        'never read',
    ]) + '\n'
    rc, out, err = run(plan, script)
    check(rc == 0, 'exit status 0 after :quit (was %d)' % rc, out + err)
    expect_lines(out, [
        'Commands, each on a line of its own:',
        '  :goto ITEM    go to a question, for example :goto P6 or '
        ':goto intro',
        'There is no question nowhere. Questions are named like P6, '
        'prev 6 or prevention.6.',
        'Draft saved to %s.' % plan,
        'Problems:',
        'Month and year of the plan: an answer is required',
        'Introduction: an answer is required',
    ], 'help, goto, problems and quit said')
    have = out.splitlines()
    asked = [l for i, l in enumerate(have)
             if i > 0 and have[i - 1].startswith('Section: ')]
    # Order of the questions asked: country, date, country again (:back),
    # date (kept), agency (:skip), P6, P7, P6 (:back), P7 (:next),
    # prosecution.1, then prosecution.3 (2 is hidden by the answer yes).
    want = ['Country', 'Month and year of the plan', 'Country',
            'Month and year of the plan', 'Ministry or agency',
            '6. Compulsory education until the age of 16', '7. ',
            '6. Compulsory education until the age of 16', '7. ',
            '1. Laws that criminalize', '3. Training models']
    check(len(asked) == len(want) and all(a.startswith(w) for a, w in
                                          zip(asked, want)),
          'goto/back/skip/next move as expected, hidden item skipped',
          repr(asked))
    check('Current answer: Canada (CAN)' in out, 'current answer shown', out)
    check('Country Action Plan of Canada' in out,
          ':show prints the plan so far', out)
    check(out.count("Go on typing the answer; end it with a line holding "
                    "a single '.'.") == 2,
          ':show and :problems inside a text answer go on with it')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['answers'].get('prosecution.1') ==
          {'value': 'yes', 'explanation': 'The law of 1999.'},
          'yes/no with explanation stored', repr(doc.get('answers')))
    check('never read' not in out and 'date' not in doc['details'],
          'nothing after :quit')


def case_keep_and_separators():
    plan = os.path.join(TMP, 'keep.yaml')
    script = '\n'.join([
        'Canada',
        ':goto intro',
        'First line.',
        '.',
        # An empty line, then a command: the answer stays.
        ':goto intro',
        '',
        ':goto intro',
        # Only empty lines, then '.': kept, and said.
        '',
        '',
        '.',
        ':goto country',
        '',                 # a one-line answer kept, and said
        # Every separator of a list; a wrong part is named.
        ':goto summary.1',
        '1，3、4',
        '.',
        ':goto summary.1',
        '2；7',
        '2; 3',
        '.',
        ':goto P6',
        'Prevention',       # not a yes/no
        ':goto Ps1',
        '9',
        ':quit',
    ]) + '\n'
    rc, out, err = run(plan, script)
    check(rc == 0, 'exit status 0 after :quit (was %d)' % rc, out + err)
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['answers'].get('introduction') == 'First line.',
          'an empty reply and empty lines keep the introduction',
          repr(doc['answers'].get('introduction')))
    check(doc['details'].get('country') == {'code': 'CAN', 'name': 'Canada'}, 'country kept')
    expect_lines(out, [
        'Only empty lines: the answer is kept as it was (:clear removes '
        'it).',
        'The answer is kept as it was (:clear removes it).',
        "Summary questions 1: '7' is not one of the choices 1–4",
        "Prosecution 1: type 1 or yes, 2 or no",
    ], 'kept answers and wrong parts said')
    check(doc['answers'].get('summary.1') == {'value': ['protection',
                                                        'reintegration']},
          'list with ; and a space', repr(doc['answers'].get('summary.1')))
    # :clear removes, and says so.
    rc, out, err = run(plan, ':goto intro\n:clear\n:quit\n')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check('introduction' not in (doc.get('answers') or {}),
          ':clear removes the introduction', repr(doc.get('answers')))
    expect_lines(out, ['Answer removed.'], ':clear says so')
    # The Chinese separators alone.
    rc, out, err = run(plan, ':goto summary.1\n1，3、4\n.\n:quit\n')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['answers'].get('summary.1') ==
          {'value': ['prevention', 'reintegration', 'prosecution']},
          'list with ， and 、', repr(doc['answers'].get('summary.1')))


def case_preload():
    plan = os.path.join(TMP, 'pre.yaml')
    answers = os.path.join(TMP, 'answers.yaml')
    with open(answers, 'w', encoding='utf-8') as f:
        f.write('details:\n  country: "Canada"\n  date: "2000-02"\n'
                'answers:\n  prevention.6: "no"\n')
    # The preloaded country is kept with an empty line; the date is
    # changed; then the rest is left for later.
    rc, out, err = run(plan, '\n2000-03\n:quit\n', ['--answers', answers])
    check(rc == 0, 'exit status 0 (was %d)' % rc, out + err)
    check('Preloaded 3 answers from %s; 0 questions already answered '
          'kept their answers.' % answers in out, 'preload said', out)
    check('Current answer: Canada (CAN)' in out, 'preloaded answer shown', out)
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    # A new plan records the language of messages as its answers' language.
    check(doc['details'] == {'country': {'code': 'CAN', 'name': 'Canada'}, 'date': '2000-03',
                             'language': 'en'} and
          doc['answers'] == {'prevention.6': 'no'},
          'preloaded answers saved, changed one replaced', repr(doc))
    # Preloading into an existing draft keeps its answers.
    with open(answers, 'w', encoding='utf-8') as f:
        f.write('details:\n  country: "Japan"\n  agency: "Ministry"\n')
    rc, out, err = run(plan, ':quit\n', ['--answers', answers])
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['details'].get('country') == {'code': 'CAN', 'name': 'Canada'} and
          doc['details'].get('agency') == 'Ministry',
          'existing answers kept, unanswered ones filled', repr(doc))
    # A broken answers file is refused with file:line:col.
    with open(answers, 'w', encoding='utf-8') as f:
        f.write('answers:\n  no.such.item: "x"\n')
    rc, out, err = run(plan, ':quit\n', ['--answers', answers])
    check(rc != 0 and (answers + ':2:') in out + err,
          'unknown item in answers file refused with its place', out + err)


def case_read_only():
    plan = os.path.join(TMP, 'ro.yaml')
    rc, out, err = run(plan, 'Canada\n:quit\n')
    check(rc == 0, 'first editor saves')
    before = read_bytes(plan)
    # A first editor holds the lock while a second one runs.
    holder = subprocess.Popen(PROG + [plan], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env())
    # Its first question is asked once it holds the lock.
    check(b'Section: ' in wait_for(holder, b'Section: '),
          'first editor running')
    rc, out, err = run(plan, 'Japan\n:save\n:finish\n:quit\n')
    holder.stdin.close()
    holder.wait(timeout=20)
    check('This plan is open in another editor: you can read it, but '
          'nothing you type will be saved.' in out, 'read-only said', out)
    check('This plan is open in another editor: nothing can be saved.'
          in out, ':save refused')
    check('This plan is open in another editor: it cannot be made final '
          'here.' in out, ':finish refused')
    check(rc == 4 and 'Changes not saved' in out,
          'lost changes give exit status 4', out)
    check(read_bytes(plan) == before, 'file untouched by the second editor')


def case_bad_input():
    plan = os.path.join(TMP, 'bad.yaml')
    long_line = b'x' * (1024 * 1024 + 10) + b'\n'
    script = (long_line + b'\xff\xfe bad utf-8\n' + b':frobnicate\n' +
              b'Canada\n' + b':goto intro\n' + b'ok line\n' +
              long_line + b'\xc3\x28\n' + b'.\n' + b'::colon\n' +
              b':quit\n')
    rc, out, err = run(plan, script)
    check(rc == 0, 'exit status 0 (was %d)' % rc, out[-2000:] + err)
    check(out.count('That line is longer than 1048576 bytes and was '
                    'ignored.') == 2, 'over-long lines refused')
    check(out.count('That line is not valid UTF-8 text and was '
                    'ignored.') == 2, 'invalid UTF-8 refused')
    check('Unknown command.' in out, 'unknown command said')
    with open(plan, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    check(doc['details'].get('country') == {'code': 'CAN', 'name': 'Canada'} and
          doc['answers'].get('introduction') == 'ok line',
          'good lines kept', repr(doc))
    check(doc['answers'].get('prevention.1') == ':colon',
          "'::' stands for ':' and :quit keeps the text typed",
          repr(doc))


CASES = {
    'us-plan': case_us_plan,
    'wrong-answers': case_wrong_answers,
    'eof-mid-text': case_eof_mid_text,
    'sighup-mid-text': case_sighup_mid_text,
    'commands': case_commands,
    'keep-and-separators': case_keep_and_separators,
    'preload': case_preload,
    'read-only': case_read_only,
    'bad-input': case_bad_input,
}

print('program:', ' '.join(PROG))
try:
    CASES[CASE]()
finally:
    if not aptest.failures:
        shutil.rmtree(TMP, ignore_errors=True)
aptest.finish()
