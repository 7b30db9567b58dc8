#!/usr/bin/env python3
# Checks exports/united-states-2000.yaml against the source document: every
# paragraph of the source between INTRODUCTION and the footnote must appear,
# in order, under the right item, and nothing else may. Also checks that the
# numbered item titles of questionnaires/ariat-2000.yaml are word for word.
# Usage: data-check.py [SOURCE_ROOT] [SOURCE_TXT]
import difflib
import os
import re
import sys

import yaml

import aptest

root = sys.argv[1] if len(sys.argv) > 1 else aptest.SRC
src = sys.argv[2] if len(sys.argv) > 2 else '/work/shared/reference/us-action-plan-2000.txt'
if not os.path.exists(src):
    aptest.skip(f'source document not found at {src}')
q = yaml.safe_load(open(f'{root}/questionnaires/ariat-2000.yaml', encoding='utf-8'))
plan = yaml.safe_load(open(f'{root}/exports/united-states-2000.yaml', encoding='utf-8'))

# --- source paragraphs -------------------------------------------------------
text = open(src, encoding='utf-8').read().split('\n')
start = text.index('INTRODUCTION')
end = next(i for i, l in enumerate(text) if l.startswith('¹'))
raw = [l.replace('\\$', '$') for l in text[start:end]
       if l.strip() and l.strip() != '[Top of page](#)']
# Rejoin paragraphs cut by a page break: a paragraph that does not end like
# a sentence, a title or a heading continues in the next one, unless that
# one starts an item, a bullet or a heading ("6. ...: Yes" ends bare).
paras, joins = [], 0
for l in raw:
    if (paras and not re.search(r'[.?!:"]$', paras[-1]) and not paras[-1].isupper()
            and not re.match(r'(\d+\. |\* )', l) and not l.isupper()):
        paras[-1] += ' ' + l
        joins += 1
    else:
        paras.append(l)

# --- walk the source: which item does each paragraph belong to? -----------
sections = [s for s in q['sections'] if not s.get('details')]
headings = {s['heading'] for s in sections if s['heading']}
items = [i for s in sections for i in s['items']]
expected = []  # (item id, paragraph)
cur, nxt = None, 0
titles_seen = 0
for p in paras:
    if p in headings:
        if p == 'INTRODUCTION':
            cur = 'introduction'
            nxt = 1
        continue
    m = re.match(r'(\d+)\. (.*)$', p)
    if m and nxt < len(items) and m.group(1) == items[nxt].get('number'):
        it = items[nxt]
        rest = m.group(2)
        # title word for word, then ':' or '?' (kept in the title if the
        # questionnaire keeps it), then perhaps an inline answer
        t = it['title']
        if not rest.startswith(t):
            aptest.fail(f'title of {it["id"]} differs from source: {rest[:90]!r}')
        rest = rest[len(t):]
        if rest[:1] in (':', '?'):
            rest = rest[1:]
        titles_seen += 1
        cur = it['id']
        nxt += 1
        if rest.strip():
            expected.append((cur, rest.strip()))
        continue
    expected.append((cur, p))
if nxt != len(items):
    aptest.fail(f'only {nxt} of {len(items)} item titles found in the source')

# --- paragraphs of the plan file ------------------------------------------
got = []
for it in items:
    a = plan['answers'].get(it['id'])
    if a is None:
        aptest.fail(f'{it["id"]}: no answer')
        continue
    if isinstance(a, dict):
        # the value of an item with an explanation is implied by the text,
        # not printed in the source: checked below
        a = a.get('explanation', '')
    if isinstance(a, str):
        for p in a.split('\n\n'):
            got.append((it['id'], p))
for k in plan['answers']:
    if not any(i['id'] == k for i in items):
        aptest.fail(f'unknown answer id {k}')

def norm(pair):
    # "Yes" in the source is the yes/no value "yes" in the plan
    i, p = pair
    return (i, 'yes' if p == 'Yes' else p)

exp_n = [norm(e) for e in expected]
# Align the two sequences so one slip is reported once, not as a cascade.
sm = difflib.SequenceMatcher(None, exp_n, got, autojunk=False)
matched = sum(b.size for b in sm.get_matching_blocks())
extra = []
for op, i1, i2, j1, j2 in sm.get_opcodes():
    if op == 'equal':
        continue
    for i, p in exp_n[i1:i2]:
        aptest.fail(f'source paragraph not in the plan: {i}: {p[:80]!r}')
    for g in got[j1:j2]:
        extra.append(g)
        aptest.fail(f'plan paragraph not from the source: {g[0]}: {g[1][:80]!r}')
for k, v in (('prosecution.1', 'no'),
             ('summary.1', ['prevention', 'protection', 'reintegration', 'prosecution'])):
    if plan['answers'].get(k, {}).get('value') != v:
        aptest.fail(f'{k}: value is not {v!r}')

# --- details and literal style --------------------------------------------
# The country as plans store it (code and English name), the source's
# United States of America; every other detail a string.
if plan['details'].get('country') != {'code': 'USA', 'name': 'United States'}:
    aptest.fail(f"details.country is not USA: {plan['details'].get('country')!r}")
for k, v in plan['details'].items():
    if k != 'country' and not isinstance(v, str):
        aptest.fail(f'details.{k} is not a string: {v!r}')
rawplan = open(f'{root}/exports/united-states-2000.yaml', encoding='utf-8').read()
if re.search(r':\s*>', rawplan):
    aptest.fail('folded block in plan file')
if '\\$' in rawplan or '[Top of page]' in rawplan or '¹' in rawplan:
    aptest.fail('markdown escape, navigation or footnote left in plan file')

print(f'page breaks rejoined: {joins}')
print(f'item titles found: {titles_seen}/{len(items) - 1}')
print(f'source paragraphs: {len(exp_n)}, matched: {matched}, not matched: {len(exp_n) - matched}')
print(f'plan paragraphs: {len(got)}, not from the source: {len(extra)}')
aptest.finish()
