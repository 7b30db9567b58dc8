#!/usr/bin/env python3
"""Maintains po/: regenerates the template and merges the translations
(refresh), prints or checks how much of each language is translated against
a freshly extracted template (coverage, which also reports glossary
consistency), checks that po/questionnaires.pot and po/POTFILES are current
(fragment, potfiles), and that every string using a term of po/glossary.tsv
uses its translation (glossary). See po/README.md.

Run through meson (meson compile -C build actionplan-po-refresh or
actionplan-po-coverage); the tests in tests/i18n call it directly.
Exit status: 0 fine, 1 a check failed, 2 wrong usage, 77 tools missing."""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

DOMAIN = 'actionplan'
REVIEW = 'X-Review-Status: awaiting review by a native speaker'
# Strings with translatable calls; a file holding one must be in POTFILES.
MARK_RE = re.compile(r'\b(?:_|N_|C_|NC_|ngettext|dngettext|i18n_pgettext_expr)\s*\(')


def tool(name):
    path = shutil.which(name)
    if not path:
        print(f'po-tool: {name} not found (Debian package gettext)',
              file=sys.stderr)
        sys.exit(77)
    return path


def linguas(src):
    langs = []
    with open(os.path.join(src, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            langs += line.split()
    return langs


def potfiles(src):
    names = []
    with open(os.path.join(src, 'po', 'POTFILES'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                names.append(line)
    return names


def questionnaires(src):
    return sorted(glob.glob(os.path.join(src, 'questionnaires', '*.yaml')))


def extract(args, out):
    """The questionnaires' fragment, written to out."""
    cmd = [args.extractor, '--root', args.source_root, '-o', out]
    cmd += questionnaires(args.source_root)
    subprocess.run(cmd, check=True)


def xgettext(args, listing, out):
    """Runs xgettext as meson's actionplan-pot target does."""
    cmd = [tool('xgettext'), '--package-name=' + DOMAIN,
           '-p', os.path.dirname(out), '-f', listing,
           '-D', args.source_root, '-k_', '-o', os.path.basename(out)]
    cmd += args.xgettext_arg
    subprocess.run(cmd, check=True, env=dict(os.environ, LC_ALL='C.UTF-8'))


def fresh_template(args, tmp):
    """A template made from the sources as they are now, in tmp."""
    frag = os.path.join(tmp, 'questionnaires.pot')
    extract(args, frag)
    listing = os.path.join(tmp, 'POTFILES')
    with open(listing, 'w', encoding='utf-8') as f:
        for name in potfiles(args.source_root):
            f.write((frag if name == 'po/questionnaires.pot' else name)
                    + '\n')
    pot = os.path.join(tmp, DOMAIN + '.pot')
    xgettext(args, listing, pot)
    return pot


def unquote(s):
    out, i = [], 0
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    s = s[1:-1]
    esc = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\',
           'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            if n in esc:
                out.append(esc[n])
                i += 2
                continue
            m = re.match(r'[0-7]{1,3}', s[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
        out.append(c)
        i += 1
    return ''.join(out)


def parse_po(path):
    """Entries of a PO file as dicts: ctx, id, plural, strs, flags,
    comments; obsolete (#~) entries are skipped."""
    entries, cur, key = [], None, None

    def finish():
        nonlocal cur
        if cur is not None and 'id' in cur:
            entries.append(cur)
        cur = None

    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if not line.strip():
                finish()
                key = None
                continue
            if line.startswith('#~'):
                continue
            if cur is None:
                cur = {'ctx': None, 'plural': None, 'strs': {}, 'flags': set(),
                       'comments': [], 'refs': []}
            if line.startswith('#,'):
                cur['flags'] |= {x.strip() for x in line[2:].split(',')}
            elif line.startswith('#.'):
                cur['comments'].append(line[2:].strip())
            elif line.startswith('#:'):
                cur['refs'] += line[2:].split()
            elif line.startswith('#'):
                pass
            elif line.startswith('msgctxt '):
                if 'id' in cur:
                    finish()
                    cur = {'ctx': None, 'plural': None, 'strs': {},
                           'flags': set(), 'comments': [], 'refs': []}
                key = 'ctx'
                cur['ctx'] = unquote(line[8:])
            elif line.startswith('msgid_plural '):
                key = 'plural'
                cur['plural'] = unquote(line[13:])
            elif line.startswith('msgid '):
                if 'id' in cur:
                    finish()
                    cur = {'ctx': None, 'plural': None, 'strs': {},
                           'flags': set(), 'comments': [], 'refs': []}
                key = 'id'
                cur['id'] = unquote(line[6:])
            elif line.startswith('msgstr['):
                n = int(line[7:line.index(']')])
                key = ('str', n)
                cur['strs'][n] = unquote(line[line.index(']') + 1:])
            elif line.startswith('msgstr '):
                key = ('str', 0)
                cur['strs'][0] = unquote(line[7:])
            elif line.startswith('"'):
                if key in ('ctx', 'id', 'plural'):
                    cur[key] += unquote(line)
                elif isinstance(key, tuple):
                    cur['strs'][key[1]] += unquote(line)
    finish()
    return entries


def header(entries):
    for e in entries:
        if e['id'] == '' and e['ctx'] is None:
            return e['strs'].get(0, '')
    return ''


def counts(entries):
    t = fz = u = 0
    for e in entries:
        if e['id'] == '' and e['ctx'] is None:
            continue
        strs = [e['strs'].get(k, '') for k in sorted(e['strs'])] or ['']
        if 'fuzzy' in e['flags']:
            fz += 1
        elif all(strs):
            t += 1
        else:
            u += 1
    return t, fz, u


BRACES = re.compile(r'\{[A-Za-z0-9._-]+\}')
# A date template may write the year in the Buddhist era instead
# (export_date.c): {year_be} stands for {year}.
SAME_PLACEHOLDER = {'{year_be}': '{year}'}


def placeholders(s):
    return sorted(SAME_PLACEHOLDER.get(p, p) for p in BRACES.findall(s))


def problems_of(entries):
    """Mistakes msgfmt --check does not see: {ITEM-ID} placeholders of plan
    titles and dates, kept exactly."""
    out = []
    for e in entries:
        if e['id'] == '' or 'fuzzy' in e['flags']:
            continue
        want = placeholders(e['id'])
        for s in e['strs'].values():
            if s and placeholders(s) != want:
                out.append(f'{e["ctx"] or ""}|{e["id"][:40]}: placeholders '
                           f'{want} changed to {placeholders(s)}')
    return out


# ---- The glossary: po/glossary.tsv and po/glossary-exceptions.tsv ----

GLOSSARY = 'glossary.tsv'
EXCEPTIONS = 'glossary-exceptions.tsv'
GLOSSARY_LANGS = ('th', 'vi', 'zh_CN')
# A term counts as a whole word only: not inside an option, a key, a path or
# an item id ("--draft", "explain_label", "actionplan/drafts",
# "prevention.6"). A term of several words matches across line breaks.
TERM_BEFORE = r'(?<![\w/$.-])'
TERM_AFTER = r'(?![\w-]|\.\w)'
TSV_ESCAPES = {'n': '\n', 't': '\t', '\\': '\\'}


def fold(s):
    """Case and composition do not matter when comparing terms."""
    return unicodedata.normalize('NFC', s).casefold()


def forms_of(cell):
    """'victim | victims' -> ['victim', 'victims']: the first form is the
    term, the others forms grammar needs."""
    return [f.strip() for f in cell.split('|') if f.strip()]


def read_tsv(path):
    """Rows of a tab-separated file as dicts (with 'line'): lines starting
    with '#' and blank lines are skipped; the first other line names the
    columns."""
    cols, rows = None, []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cells = [c.strip() for c in line.split('\t')]
            if cols is None:
                cols = cells
                continue
            if len(cells) != len(cols):
                raise ValueError(f'{path}:{n}: {len(cells)} columns, '
                                 f'expected {len(cols)} ({", ".join(cols)})')
            row = dict(zip(cols, cells))
            row['line'] = n
            rows.append(row)
    return cols or [], rows


class Term:
    """One row of the glossary: the English forms, the accepted forms in
    each language, where the term comes from."""

    def __init__(self, row):
        self.forms = forms_of(row['term'])
        self.name = self.forms[0] if self.forms else ''
        self.tr = {lang: forms_of(row.get(lang, '')) for lang in
                   GLOSSARY_LANGS}
        self.source = row.get('source', '')
        self.line = row['line']
        self.res = [re.compile(TERM_BEFORE +
                               r'\s+'.join(map(re.escape, f.split())) +
                               TERM_AFTER, re.I) for f in self.forms]

    def kept_in_english(self, text):
        """A key, value or command the translation keeps in English (the
        file format's "explanation:", the status "final")."""
        return any(rx.search(text) for rx in self.res)

    def translated_in(self, lang, text):
        t = fold(text)
        return any(fold(f) in t for f in self.tr.get(lang, []))


def load_glossary(src):
    """The glossary's terms; raises ValueError on a malformed file."""
    path = os.path.join(src, 'po', GLOSSARY)
    cols, rows = read_tsv(path)
    need = ['term', *GLOSSARY_LANGS, 'source']
    if cols != need:
        raise ValueError(f'{path}: columns must be {need}, not {cols}')
    terms = [Term(r) for r in rows]
    seen = {}
    for t in terms:
        missing = [c for c in ('term', *GLOSSARY_LANGS, 'source')
                   if not (t.forms if c == 'term' else
                           t.source if c == 'source' else t.tr[c])]
        if missing:
            raise ValueError(f'{path}:{t.line}: empty {", ".join(missing)}')
        for f in t.forms:
            if fold(f) in seen:
                raise ValueError(f'{path}:{t.line}: "{f}" is already a form '
                                 f'of the term at line {seen[fold(f)]}')
            seen[fold(f)] = t.line
    return terms


def tsv_unescape(s):
    return re.sub(r'\\(.)', lambda m: TSV_ESCAPES.get(m.group(1),
                                                      m.group(0)), s)


def load_exceptions(src):
    """Exceptions as dicts: term, msgid (\\n for a line break; a final
    '...' makes it a prefix), language ('*' for every language), reason."""
    path = os.path.join(src, 'po', EXCEPTIONS)
    cols, rows = read_tsv(path)
    need = ['term', 'msgid', 'language', 'reason']
    if cols != need:
        raise ValueError(f'{path}: columns must be {need}, not {cols}')
    for r in rows:
        if not r['reason'] or not r['msgid'] or not r['term']:
            raise ValueError(f'{path}:{r["line"]}: an exception needs a '
                             f'term, a msgid and a reason')
        if r['language'] != '*' and r['language'] not in GLOSSARY_LANGS:
            raise ValueError(f'{path}:{r["line"]}: unknown language '
                             f'{r["language"]}')
        r['msgid'] = tsv_unescape(r['msgid'])
    return rows


def exception_for(exceptions, term, lang, msgid):
    """Index of the exception that excuses term in msgid for lang, or
    None."""
    for i, ex in enumerate(exceptions):
        if fold(ex['term']) != fold(term.name) or \
                ex['language'] not in ('*', lang):
            continue
        pat = ex['msgid']
        if pat == msgid or (pat.endswith('...') and
                            msgid.startswith(pat[:-3])):
            return i
    return None


def terms_used(terms, msgid):
    """The terms msgid uses. The longest match wins a stretch of text, so
    "trafficking in women and children" is not also "trafficking"."""
    cands = [(m.start(), m.end(), t) for t in terms for rx in t.res
             for m in rx.finditer(msgid)]
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken, used = [], []
    for a, b, t in cands:
        if any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        if t not in used:
            used.append(t)
    return used


def glossary_check(entries, lang, terms, exceptions):
    """Checks the translated entries of one language. Returns a dict:
    uses (entry and term pairs seen), consistent, excepted, drifts (a list
    of (entry, term)), used_exceptions (indexes)."""
    res = {'uses': 0, 'consistent': 0, 'excepted': 0, 'drifts': [],
           'used_exceptions': set()}
    for e in entries:
        if not e['id'] or 'fuzzy' in e['flags']:
            continue
        strs = [s for s in e['strs'].values() if s]
        if not strs:
            continue
        english = e['id'] + ('\n' + e['plural'] if e['plural'] else '')
        for t in terms_used(terms, english):
            res['uses'] += 1
            if all(t.translated_in(lang, s) or t.kept_in_english(s)
                   for s in strs):
                res['consistent'] += 1
                continue
            k = exception_for(exceptions, t, lang, e['id'])
            if k is not None:
                res['excepted'] += 1
                res['used_exceptions'].add(k)
            else:
                res['drifts'].append((e, t))
    return res


def glossary_line(lang, res):
    return (f'{lang}: glossary: {res["uses"]} uses of its terms, '
            f'{res["consistent"]} consistent, {res["excepted"]} excepted, '
            f'{len(res["drifts"])} inconsistent')


def drift_text(lang, e, t):
    where = e['refs'][0] if e['refs'] else '?'
    ctx = e['ctx'] + ' | ' if e['ctx'] else ''
    return (f'  {where}: {ctx}{e["id"][:70]!r}: uses "{t.name}" but the '
            f'{lang} translation has none of {t.tr[lang]}')


def merged(po, pot, tmp):
    out = os.path.join(tmp, os.path.basename(po))
    subprocess.run([tool('msgmerge'), '-q', '--previous', '--add-location=file', '-o', out, po, pot],
                   check=True)
    return out


def report(args, tmp, pot, check):
    """Coverage of every language against pot; with check, also every
    other mistake. Returns the number of failures."""
    bad = 0
    total = None
    try:
        terms = load_glossary(args.source_root)
        exceptions = load_exceptions(args.source_root)
    except (OSError, ValueError) as err:
        terms = exceptions = None
        print(f'glossary not checked: {err}')
    for lang in linguas(args.source_root):
        po = os.path.join(args.source_root, 'po', lang + '.po')
        if not os.path.exists(po):
            print(f'{lang}: missing {po}')
            bad += 1
            continue
        entries = parse_po(merged(po, pot, tmp))
        t, fz, u = counts(entries)
        total = t + fz + u
        pct = 100.0 * t / total if total else 100.0
        print(f'{lang}: {t}/{total} translated ({pct:.1f}%), {fz} fuzzy, '
              f'{u} untranslated')
        if terms is not None and lang in GLOSSARY_LANGS:
            g = glossary_check(entries, lang, terms, exceptions)
            print(glossary_line(lang, g))
            for e, term in g['drifts']:
                print(drift_text(lang, e, term))
        if not check:
            continue
        if fz or u:
            bad += 1
            for e in entries:
                if e['id'] and ('fuzzy' in e['flags'] or
                                not all(e['strs'].values())):
                    kind = 'fuzzy' if 'fuzzy' in e['flags'] else 'untranslated'
                    where = e['refs'][0] if e['refs'] else '?'
                    print(f'  {kind}: {where}: {e["ctx"] + " | " if e["ctx"] else ""}'
                          f'{e["id"][:60]!r}')
        r = subprocess.run([tool('msgfmt'), '--check', '-o', os.devnull, po],
                           capture_output=True, text=True,
                           env=dict(os.environ, LC_ALL='C.UTF-8'))
        if r.returncode != 0:
            bad += 1
            print(f'  msgfmt --check {lang}.po failed:\n{r.stderr}')
        own = parse_po(po)
        h = header(own)
        for need in (REVIEW, 'Plural-Forms: nplurals=1; plural=0;',
                     'Language: ' + lang, 'charset=UTF-8'):
            if need not in h:
                bad += 1
                print(f'  {lang}.po header lacks "{need}"')
        if not any('native speaker' in line
                   for line in open(po, encoding='utf-8').readlines()[:12]
                   if line.startswith('# ')):
            bad += 1
            print(f'  {lang}.po has no translator comment about the review')
        for p in problems_of(own):
            bad += 1
            print(f'  {lang}.po: {p}')
    return bad


def cmd_refresh(args):
    podir = os.path.join(args.source_root, 'po')
    frag = os.path.join(podir, 'questionnaires.pot')
    tmpfrag = frag + '.tmp'
    extract(args, tmpfrag)
    os.replace(tmpfrag, frag)
    xgettext(args, os.path.join(podir, 'POTFILES'),
             os.path.join(podir, DOMAIN + '.pot'))
    pot = os.path.join(podir, DOMAIN + '.pot')
    for lang in linguas(args.source_root):
        po = os.path.join(podir, lang + '.po')
        if os.path.exists(po):
            subprocess.run([tool('msgmerge'), '-q', '--previous', '--add-location=file',
                            '--update', '--backup=off', po, pot], check=True)
        else:
            subprocess.run([tool('msginit'), '--input', pot, '--output-file',
                            po, '--locale', lang, '--no-translator'],
                           check=True)
    with tempfile.TemporaryDirectory() as tmp:
        report(args, tmp, pot, False)
    return 0


def cmd_coverage(args):
    with tempfile.TemporaryDirectory() as tmp:
        pot = fresh_template(args, tmp)
        bad = report(args, tmp, pot, args.check)
    if bad:
        print(f'po-tool: {bad} problem(s); see po/README.md')
        return 1
    return 0


def cmd_glossary(args):
    """Every translated string that uses a glossary term uses its
    translation, or is excused in glossary-exceptions.tsv; every exception
    still excuses something."""
    try:
        terms = load_glossary(args.source_root)
        exceptions = load_exceptions(args.source_root)
    except (OSError, ValueError) as err:
        print(f'po-tool: {err}')
        return 1
    bad = 0
    used = set()
    for lang in linguas(args.source_root):
        if lang not in GLOSSARY_LANGS:
            print(f'{lang}: not in the glossary (add a column for it)')
            bad += 1
            continue
        po = os.path.join(args.source_root, 'po', lang + '.po')
        g = glossary_check(parse_po(po), lang, terms, exceptions)
        used |= g['used_exceptions']
        print(glossary_line(lang, g))
        for e, t in g['drifts']:
            print(drift_text(lang, e, t))
        bad += len(g['drifts'])
    for i, ex in enumerate(exceptions):
        if i not in used:
            print(f'po/{EXCEPTIONS}:{ex["line"]}: excuses nothing any more '
                  f'("{ex["term"]}", {ex["language"]}, '
                  f'{ex["msgid"][:50]!r}): remove it')
            bad += 1
    if bad:
        print(f'po-tool: {bad} glossary problem(s); see po/README.md, '
              f'"Glossary"')
        return 1
    return 0


def cmd_fragment(args):
    """po/questionnaires.pot must be what qn-extract writes now."""
    with tempfile.TemporaryDirectory() as tmp:
        frag = os.path.join(tmp, 'questionnaires.pot')
        extract(args, frag)
        with open(frag, encoding='utf-8') as f:
            fresh = f.read()
    with open(os.path.join(args.source_root, 'po', 'questionnaires.pot'),
              encoding='utf-8') as f:
        kept = f.read()
    if fresh != kept:
        print('po/questionnaires.pot is out of date: run '
              'meson compile -C build actionplan-po-refresh')
        return 1
    return 0


def cmd_potfiles(args):
    """Every source with translatable strings is in POTFILES, and every
    file POTFILES names exists."""
    listed = set(potfiles(args.source_root))
    bad = 0
    for name in sorted(listed):
        if not os.path.exists(os.path.join(args.source_root, name)):
            print(f'POTFILES names a missing file: {name}')
            bad += 1
    for path in sorted(glob.glob(os.path.join(args.source_root, 'src', '*',
                                              '*.[ch]'))):
        rel = os.path.relpath(path, args.source_root)
        if rel in listed or rel.endswith('qn-extract.c') or \
                rel == 'src/base/intl.h':
            continue
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        # Definitions of the macros themselves do not count.
        text = re.sub(r'#\s*define[^\n]*', '', text)
        if MARK_RE.search(text):
            print(f'POTFILES does not list {rel}, which has translatable '
                  f'strings')
            bad += 1
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('command', choices=['refresh', 'coverage', 'fragment',
                                        'potfiles', 'glossary'])
    ap.add_argument('--source-root', required=True)
    ap.add_argument('--extractor')
    ap.add_argument('--xgettext-arg', action='append', default=[])
    ap.add_argument('--check', action='store_true',
                    help='coverage: fail on anything untranslated, fuzzy '
                         'or wrong')
    args = ap.parse_args()
    if args.command in ('refresh', 'coverage', 'fragment') and \
            not args.extractor:
        ap.error('--extractor is needed')
    return {'refresh': cmd_refresh, 'coverage': cmd_coverage,
            'fragment': cmd_fragment, 'potfiles': cmd_potfiles,
            'glossary': cmd_glossary}[
                args.command](args)


if __name__ == '__main__':
    sys.exit(main())
