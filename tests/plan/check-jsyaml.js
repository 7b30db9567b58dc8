// Proves that js-yaml (a YAML 1.2 reader) reads every answer of the plans
// written by test-plan-roundtrip as the very same string. Skipped (77) when
// node has no js-yaml: `npm install --no-save js-yaml` in the source root.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const child = require('child_process');

function findYaml() {
  const root = process.env.AP_SOURCE_ROOT || '.';
  for (const where of [path.join(root, 'node_modules', 'js-yaml'),
                       'js-yaml']) {
    try {
      return require(where);
    } catch (e) {
      // try the next place
    }
  }
  return null;
}

function get(doc, p) {
  let node = doc;
  for (const part of p.split('/')) node = node[part];
  return node;
}

function main() {
  const yaml = findYaml();
  if (yaml === null) {
    console.log('js-yaml is not installed: skipped');
    return 77;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-jsyaml-'));
  const problems = [];
  let rows;
  try {
    child.execFileSync(process.argv[2], ['--dump', tmp], {stdio: 'ignore'});
    rows = fs.readFileSync(path.join(tmp, 'expected.tsv'), 'utf8')
      .split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
    const docs = {};
    for (const [name, p, hex] of rows) {
      if (!(name in docs)) {
        const doc = yaml.load(fs.readFileSync(path.join(tmp, name), 'utf8'));
        docs[name] = doc;
        if (doc.format !== 'actionplan-plan/1' || doc.status !== 'draft' ||
            doc.revision !== 0 || doc.created !== '2000-01-01T00:00:00Z' ||
            doc.questionnaire.version !== 3 ||
            doc.answers.law.value !== 'yes' ||
            JSON.stringify(doc.answers.summary.value) !== '["x","yes"]') {
          problems.push(`${name}: header or fixed answers read differently`);
        }
      }
      const got = get(docs[name], p);
      if (typeof got !== 'string') {
        problems.push(`${name} ${p}: read as ${typeof got} ${got}`);
      } else if (Buffer.from(got, 'utf8').toString('hex') !== hex) {
        const want = Buffer.from(hex, 'hex').toString('utf8');
        problems.push(`${name} ${p}: read as ${JSON.stringify(got)}, ` +
                      `wrote ${JSON.stringify(want)}`);
      }
    }
  } finally {
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  for (const p of problems.slice(0, 50)) console.log(p);
  console.log(`${rows.length - problems.length} passed, ` +
              `${problems.length} failed`);
  return problems.length ? 1 : 0;
}

process.exitCode = main();
