// The calibrated figures of `npm run quality`, for each labelled set in two fixed halves (by the
// first byte of the SHA-1 of each question id, as ../shared/tools/realcheck.py splits them):
// `tune`, the half to look at while changing rules, and `check`, the half only to count. For
// each: answers accepted, assertions (band high or library) right and false yes, suggestions
// (medium/low) right, and must-answer (the label accepts no needs-review) drafted right in any
// band; and the questions left for review with a row cited to start from, with how often that
// row is one the label names. A change that lifts tune but not check is overfitting. Then mapping, measured on the
// same halves: for each question whose label names the rows that answer it, the ISO controls
// of those rows are the expected mapping; hit@1 is the share whose first mapped control is one
// of them, any@5 the share with one in the first five.
//   node scripts/halves.mjs TRUSTDRAFT LABELLED.csv…
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XLSX from 'xlsx';

const [exe, ...sets] = process.argv.slice(2);
const half = (id) => (createHash('sha1').update(id).digest()[0] % 2 ? 'check' : 'tune');
const pct = (a, b) => (b ? `${a}/${b} = ${Math.round((100 * a) / b)}%` : '0/0');

function rowsOf(file) {
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', raw: true, codepage: 65001 });
  return XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { defval: '', raw: false });
}

function drafts(rows) {
  const dir = mkdtempSync(join(tmpdir(), 'halves-'));
  try {
    const file = join(dir, 'questions.csv');
    const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;
    writeFileSync(file, ['id,question', ...rows.map((r) => `${quote(r.id)},${quote(r.question)}`)].join('\n'));
    const out = JSON.parse(execFileSync(exe, ['draft', file, '--format', 'json'], { maxBuffer: 1 << 28 }));
    return new Map((Array.isArray(out) ? out : out.drafts).map((d) => [String(d.id), d]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each posture row's ref → the ISO controls it covers (a ref may name rows on both pages).
const controlsOf = new Map();
for (const row of JSON.parse(execFileSync(exe, ['rows', '--json'], { maxBuffer: 1 << 26 }))) {
  const set = controlsOf.get(row.ref) || new Set();
  for (const c of row.controls || []) set.add(c);
  controlsOf.set(row.ref, set);
}

for (const file of sets) {
  const rows = rowsOf(file).filter((r) => r.id && r.question && r.accept);
  const got = drafts(rows);
  console.log(`## ${file}: calibrated, in halves`);
  for (const name of ['tune', 'check']) {
    const part = rows.filter((r) => half(String(r.id)) === name);
    let acc = 0, asserts = 0, aOk = 0, falseYes = 0, suggs = 0, sOk = 0, must = 0, mustOk = 0;
    // Left for review with a row to start from: how often that row is one the label names.
    let started = 0, named = 0, namedOk = 0;
    for (const r of part) {
      const accept = new Set(String(r.accept).split('|'));
      const d = got.get(String(r.id)) || {};
      const a = String(d.answer || '');
      acc += accept.has(a);
      if (!accept.has('needs-review')) { must += 1; mustOk += accept.has(a); }
      if (a === 'needs-review' && d.citations?.length) {
        started += 1;
        if (r.expect_refs) {
          named += 1;
          namedOk += String(r.expect_refs).split('|').includes(d.citations[0].ref);
        }
      }
      if (a && a !== 'needs-review') {
        if (d.band === 'high' || d.band === 'library') {
          asserts += 1; aOk += accept.has(a); falseYes += a === 'yes' && !accept.has('yes');
        } else {
          suggs += 1; sOk += accept.has(a);
        }
      }
    }
    console.log(`  ${name}: accepted ${pct(acc, part.length)}; assertions right ${pct(aOk, asserts)}, false yes ${falseYes}; ` +
      `suggestions right ${pct(sOk, suggs)}; must-answer drafted right ${pct(mustOk, must)}; ` +
      `left for review with a row to start from ${started} (a row the label names ${pct(namedOk, named)})`);
  }
  for (const name of ['tune', 'check']) {
    let n = 0, hit = 0, any5 = 0;
    for (const r of rows.filter((r) => half(String(r.id)) === name && r.expect_refs)) {
      const expected = new Set(String(r.expect_refs).split('|').flatMap((ref) => [...(controlsOf.get(ref) || [])]));
      if (!expected.size) continue;
      const mapped = (got.get(String(r.id)) || {}).controls || [];
      n += 1;
      hit += expected.has(mapped[0]);
      any5 += mapped.slice(0, 5).some((c) => expected.has(c));
    }
    if (n) console.log(`  ${name} mapping (controls of the rows the label cites, ${n} questions): hit@1 ${(hit / n).toFixed(2)}, any@5 ${(any5 / n).toFixed(2)}`);
  }
}
