#!/usr/bin/env python3
"""Proves that PyYAML (a YAML 1.1 reader) reads every answer of the plans
written by test-plan-roundtrip as the very same string, and the header
fields with the same types: no "yes" turned into True, no date, no number."""
import os
import sys

import yaml

import aptest


def get(doc, path):
    node = doc
    for part in path.split('/'):
        node = node[part]
    return node


def check_header(doc, name, problems):
    want = {'format': 'actionplan-plan/1', 'status': 'draft', 'revision': 0,
            'created': '2000-01-01T00:00:00Z',
            'modified': '2000-01-01T00:00:00Z',
            'questionnaire': {'id': 'plan-test', 'version': 3}}
    for key, value in want.items():
        if doc.get(key) != value or type(doc.get(key)) is not type(value):
            problems.append(f'{name}: {key} read as {doc.get(key)!r}')
    law = doc['answers']['law']['value']
    summary = doc['answers']['summary']['value']
    if law != 'yes' or summary != ['x', 'yes']:
        problems.append(f'{name}: law {law!r}, summary {summary!r}')


def main():
    helper = sys.argv[1]
    loaders = [('SafeLoader', yaml.SafeLoader)]
    if getattr(yaml, 'CSafeLoader', None) is not None:
        loaders.append(('CSafeLoader', yaml.CSafeLoader))
    problems = []
    with aptest.tempdir('ap-pyyaml-') as tmp:
        r = aptest.run(['--dump', tmp], prog=helper)
        if not aptest.check(r.returncode == 0, 'the helper writes its plans',
                            r.stderr.decode('utf-8', 'replace')):
            aptest.finish()
        with open(os.path.join(tmp, 'expected.tsv'), encoding='utf-8') as f:
            rows = [line.rstrip('\n').split('\t') for line in f]
        if not aptest.check(len(rows) >= 100, f'only {len(rows)} '
                            'expectations: helper broken?'):
            aptest.finish()
        for lname, loader in loaders:
            docs = {}
            for name, path, hexv in rows:
                if name not in docs:
                    with open(os.path.join(tmp, name), 'rb') as f:
                        docs[name] = yaml.load(f, Loader=loader)
                    check_header(docs[name], name, problems)
                got = get(docs[name], path)
                if not isinstance(got, str):
                    problems.append(f'{lname} {name} {path}: read as '
                                    f'{type(got).__name__} {got!r}')
                elif got.encode('utf-8').hex() != hexv:
                    want = bytes.fromhex(hexv).decode('utf-8')
                    problems.append(f'{lname} {name} {path}: read as '
                                    f'{got!r}, wrote {want!r}')
    aptest.check(not problems, f'{len(rows) * len(loaders) - len(problems)} '
                 f'of {len(rows) * len(loaders)} strings read back the same',
                 '\n'.join(problems[:50]))
    aptest.finish()


if __name__ == '__main__':
    main()
