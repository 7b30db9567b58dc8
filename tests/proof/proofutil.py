"""Shared by the proof tests: where the program is, a private HOME, checks
that count, and the figures each test leaves for the proof report
(meson-logs/proof/NAME.json in the build folder)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
SRC = os.environ.get('AP_SOURCE_ROOT',
                     os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                  '..', '..')))
BUILD = os.environ.get('AP_BUILD_ROOT', os.path.join(SRC, 'build'))
PROG = os.path.join(BUILD, 'src', 'cli', 'actionplan')
QN_DIR = os.path.join(SRC, 'questionnaires')
FIGURES_DIR = os.path.join(BUILD, 'meson-logs', 'proof')

# What a terminal would act on: C0 controls but '\n' (and '\t' where
# allowed), DEL, and C1 controls encoded in UTF-8 (U+0080..U+009F).
RAW_CONTROL = re.compile(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]')


class Proof:
    """A test run: a temporary folder, a list of failures, figures."""

    def __init__(self, name):
        self.name = name
        self.tmp = tempfile.mkdtemp(prefix='ap-proof-%s-' % name)
        self.failures = []
        self.checks = 0
        self.figures = {}
        self.record = True  # False: leave no figures (a helper process)

    def check(self, cond, what, detail=''):
        self.checks += 1
        if cond:
            print('ok:', what)
            return True
        self.failures.append(what)
        print('FAIL:', what)
        if detail:
            detail = str(detail)
            print(detail if len(detail) < 6000 else detail[-6000:])
        return False

    def skip(self, why):
        print('SKIP:', why)
        self.write_figures(skipped=why)
        shutil.rmtree(self.tmp, ignore_errors=True)
        sys.exit(SKIP)

    def env(self, **extra):
        e = dict(os.environ)
        e['HOME'] = os.path.join(self.tmp, 'home')
        e['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', 'data')
        e['ACTIONPLAN_QUESTIONNAIRES'] = QN_DIR
        e['TERM'] = 'dumb'
        e.setdefault('LC_ALL', 'C.UTF-8')
        e.setdefault('SOURCE_DATE_EPOCH', '946684800')
        e['TZ'] = 'UTC'
        e.pop('TMUX', None)
        os.makedirs(e['HOME'], exist_ok=True)
        e.update(extra)
        return e

    def run(self, args, stdin=b'', env=None, timeout=30, prefix=()):
        """Runs actionplan ARGS; returns (status, stdout bytes, stderr
        bytes). A sanitizer report is a failure whatever the status."""
        r = subprocess.run(list(prefix) + [PROG] + list(args), input=stdin,
                           capture_output=True, env=env or self.env(),
                           timeout=timeout, cwd=self.tmp)
        err = r.stderr.decode('utf-8', 'replace')
        if 'Sanitizer' in err or 'runtime error:' in err:
            self.check(False, 'no sanitizer report from %s' % ' '.join(args),
                       err)
        return r.returncode, r.stdout, r.stderr

    def write_figures(self, **figures):
        self.figures.update(figures)
        if not self.record:
            return
        os.makedirs(FIGURES_DIR, exist_ok=True)
        self.figures.setdefault('checks', self.checks)
        self.figures['checks'] = self.checks
        self.figures['failures'] = len(self.failures)
        self.figures['when'] = time.time()
        path = os.path.join(FIGURES_DIR, self.name + '.json')
        with open(path + '.tmp', 'w') as f:
            json.dump(self.figures, f, sort_keys=True)
        os.replace(path + '.tmp', path)

    def finish(self):
        self.write_figures()
        if self.failures:
            print('%d of %d checks failed; files kept in %s'
                  % (len(self.failures), self.checks, self.tmp))
            sys.exit(1)
        shutil.rmtree(self.tmp, ignore_errors=True)
        print('all %d checks passed' % self.checks)
        sys.exit(0)


def need_program():
    if not os.path.exists(PROG):
        print('program not built: ' + PROG)
        sys.exit(1)


def read_bytes(path):
    with open(path, 'rb') as f:
        return f.read()


def leftovers(folder):
    """Temporary files a save may leave: dot files other than locks."""
    return sorted(n for n in os.listdir(folder)
                  if n.startswith('.') and not n.endswith('.lock'))


def yaml_str(s):
    """A YAML double-quoted scalar holding s exactly (escapes for every
    control character, so the file itself stays printable)."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"' or ch == '\\':
            out.append('\\' + ch)
        elif c < 0x20 or c == 0x7f or 0x80 <= c < 0xa0:
            out.append('\\x%02x' % c)
        elif c in (0x2028, 0x2029, 0x85):
            out.append('\\u%04x' % c)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def plan_yaml(details=None, answers=None, status='draft', revision=0,
              qn_id='ariat-2000', qn_version='1'):
    """A plan file of the ARIAT questionnaire with these answers (values
    are strings, lists or {'value':..,'explanation':..} mappings)."""
    lines = ['format: "actionplan-plan/1"', 'questionnaire:',
             '  id: %s' % yaml_str(qn_id), '  version: %s' % qn_version,
             'status: "%s"' % status, 'revision: %d' % revision]

    def group(name, d):
        if not d:
            return
        lines.append('%s:' % name)
        for k, v in d.items():
            key = yaml_str(k)
            if isinstance(v, dict):
                lines.append('  %s:' % key)
                for kk, vv in v.items():
                    lines.append('    %s: %s' % (kk, yaml_str(vv)))
            elif isinstance(v, list):
                lines.append('  %s: [%s]' % (key, ', '.join(yaml_str(x)
                                                            for x in v)))
            else:
                lines.append('  %s: %s' % (key, yaml_str(v)))
    group('details', details)
    group('answers', answers)
    return '\n'.join(lines) + '\n'
