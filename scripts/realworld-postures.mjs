#!/usr/bin/env node
// The posture half of `npm run realworld`: runs the release CLI over every file in
// ../shared/postures/ (when that folder is here) and prints, per file, how it was read (form,
// columns, status words as read, ref styles, what was skipped), the rows read against
// expected.json and EXPECTED.md, and the answer to "Is data encrypted at rest?" drafted from it.
// A measurement, not a test: the files are licensed and never leave ../shared.
//
//   node scripts/realworld-postures.mjs        (TRUSTDRAFT=path/to/trustdraft to use another build)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = resolve(ROOT, '..', 'shared', 'postures');
const QUESTION = 'Is data encrypted at rest?';

if (!existsSync(DIR)) {
  console.log('realworld postures: ../shared/postures is not here; nothing to read');
  process.exit(0);
}

const exe = process.env.TRUSTDRAFT ?? join(ROOT, 'target', 'release', 'trustdraft');
if (!process.env.TRUSTDRAFT) {
  // Always rebuild: a stale binary would measure yesterday's code.
  const built = spawnSync('cargo', ['build', '--release', '-p', 'trustdraft-cli'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const run = (...args) => spawnSync(exe, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const expectedRows = existsSync(join(DIR, 'expected.json')) ? JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) : {};
// EXPECTED.md: `| file | what it is | what a correct read gives |`.
const expectedText = {};
if (existsSync(join(DIR, 'EXPECTED.md'))) {
  for (const line of readFileSync(join(DIR, 'EXPECTED.md'), 'utf8').split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
    if (cells.length >= 5 && existsSync(join(DIR, cells[1]))) expectedText[cells[1]] = cells[3];
  }
}

const files = readdirSync(DIR).filter((f) => !['EXPECTED.md', 'expected.json'].includes(f) && !f.startsWith('.')).sort();
let asExpected = 0;
let judged = 0;
console.log(`realworld postures: ${files.length} files in ../shared/postures with ${exe}`);
for (const name of files) {
  const path = join(DIR, name);
  console.log(`\n${name}`);
  if (expectedText[name]) console.log(`  expected: ${expectedText[name]}`);

  const json = run('rows', '--json', '--posture', path);
  if (json.status !== 0) {
    console.log(`  read failed: ${(json.stderr.trim().split('\n').pop() ?? '').trim()}`);
    if (name in expectedRows) judged += 1;
    continue;
  }
  const rows = JSON.parse(json.stdout);
  // The report lines the text output prints under the page title.
  const text = run('rows', '--posture', path).stdout.split('\n');
  for (const line of text.filter((l) => /^ {2}\S.*: read as /.test(l) || /^ {4}(columns|statuses|refs|skipped):/.test(l))) {
    console.log(`  ${line.trim()}`);
  }
  const statuses = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const want = expectedRows[name];
  const mark = want === undefined ? '' : rows.length === want ? ' ✔' : ' ✘';
  if (want !== undefined) {
    judged += 1;
    if (rows.length === want) asExpected += 1;
  }
  console.log(`  rows read: ${rows.length}${want === undefined ? '' : ` (expected ${want})`}${mark}`);
  if (rows.length) {
    console.log(`  statuses as read: ${Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(', ')}`);
    const refs = rows.slice(0, 4).map((r) => r.translated ? `${r.ref} (${r.translated})` : (r.framework ? `${r.ref} (${r.framework})` : r.ref));
    console.log(`  first refs: ${refs.join(', ')}`);
  }

  const ask = run('ask', QUESTION, '--json', '--posture', path);
  if (ask.status !== 0) {
    console.log(`  "${QUESTION}" failed: ${(ask.stderr.trim().split('\n').pop() ?? '').trim()}`);
    continue;
  }
  const d = JSON.parse(ask.stdout);
  const cite = d.citations?.[0];
  const cited = cite ? ` — cites ${cite.page} › ${cite.ref}${cite.status ? ` [${cite.status}]` : ''}` : '';
  const text_ = d.text ? `: ${d.text.length > 140 ? `${d.text.slice(0, 137)}…` : d.text}` : '';
  console.log(`  "${QUESTION}" → ${d.answer} (${d.confidence})${text_}${cited}`);
}
console.log(`\nrealworld postures: ${asExpected} of ${judged} files with an expected row count read as expected`);
