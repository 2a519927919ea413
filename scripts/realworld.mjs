// npm run realworld: the CLI over every real questionnaire in ../shared/realq/ (licensed files
// kept outside this repository; skipped with a note when absent). Per file: questions found
// against expected.json, sheets used and left out (with the reason), cells written, and — read
// back with SheetJS, an independent xlsx reader (exceljs expands a validation over
// N1:XFD1048576 cell by cell and never finishes on a stock HECVAT) — every cell of every sheet compared with the
// original: cells changed outside the planned answer cells must be 0. Then the posture half
// (scripts/realworld-postures.mjs) when it exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import XLSX from 'xlsx';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const shared = process.env.SHARED || join(root, '..', 'shared');
const td = join(root, 'target', 'release', 'trustdraft');
const realq = join(shared, 'realq');

function cli(args) {
  const r = spawnSync(td, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`trustdraft ${args.join(' ')}: ${r.stderr.trim().split('\n').pop()}`);
  return r.stdout;
}

/** Every non-empty cell of every sheet: `Sheet!C3` → value and formula. */
function cells(path) {
  const wb = XLSX.read(readFileSync(path), { cellFormula: true, cellStyles: false, cellDates: false });
  const out = new Map();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue;
      const value = cell.v === undefined ? '' : String(cell.v);
      const formula = cell.f ?? '';
      if (value !== '' || formula !== '') out.set(`${name}!${addr}`, `${value}\u0000${formula}`);
    }
  }
  return out;
}

if (!existsSync(td)) {
  console.log('realworld: building the release CLI');
  execFileSync('cargo', ['build', '--release', '-p', 'trustdraft-cli'], { cwd: root, stdio: 'inherit' });
}

let failures = 0;
if (!existsSync(realq)) {
  console.log(`realworld: ${realq} is not here (the real questionnaires are kept outside the repository); nothing to check`);
} else {
  const expected = existsSync(join(realq, 'expected.json')) ? JSON.parse(readFileSync(join(realq, 'expected.json'), 'utf8')) : {};
  const files = readdirSync(realq).filter((f) => /\.(xlsx|xls|ods|csv)$/i.test(f)).sort();
  const tmp = mkdtempSync(join(tmpdir(), 'trustdraft-realworld-'));
  console.log('## Real questionnaires\n');
  for (const f of files) {
    const path = join(realq, f);
    console.log(`### ${f}`);
    try {
      const t0 = Date.now();
      const q = JSON.parse(cli(['import', path, '--json']));
      const ms = Date.now() - t0;
      const used = q.sheets.filter((s) => s.kind === 'questionnaire');
      const left = q.sheets.filter((s) => s.kind !== 'questionnaire');
      const e = expected[f];
      let verdict = '';
      if (e) {
        const [lo, hi] = e.questions;
        const sheetsOk = JSON.stringify(used.map((s) => s.name)) === JSON.stringify(e.question_sheets);
        const countOk = q.questions.length >= lo && q.questions.length <= hi;
        verdict = countOk && sheetsOk ? ' ✔' : ' ✘';
        if (!(countOk && sheetsOk)) failures += 1;
        verdict += ` (expected ${lo}–${hi} in ${e.question_sheets.join(', ')})`;
      }
      console.log(`- questions: ${q.questions.length}${verdict}; imported in ${ms} ms (CLI, whole process)`);
      console.log(`- sheets used: ${used.map((s) => `${s.name} (${s.questions})`).join(', ')}`);
      for (const s of left) console.log(`- left out: ${s.name} — ${s.kind}: ${s.reason}`);
      const existing = q.questions.filter((x) => x.existing).length;
      if (existing) console.log(`- already answered in the workbook: ${existing}`);
      if (/\.csv$/i.test(f)) { console.log(''); continue; }

      const out = join(tmp, f.replace(/(\.[^.]+)$/, '-answered$1'));
      const fill = JSON.parse(cli(['fill', path, '-o', out, '--json']));
      console.log(`- written: ${fill.sentence}`);
      console.log(`- our check: ${fill.verified ? 'passed' : 'none (CSV)'}`);
      const planned = new Set(fill.cells.map(([sheet, cell]) => `${sheet}!${cell}`));
      const [a, b] = [cells(path), cells(out)];
      const keys = new Set([...a.keys(), ...b.keys()]);
      const outside = [];
      let inside = 0;
      for (const k of keys) {
        if (a.get(k) === b.get(k)) continue;
        if (planned.has(k)) inside += 1; else outside.push(k);
      }
      const sheetsWritten = [...new Set(fill.cells.map(([s]) => s))];
      const wrongSheets = sheetsWritten.filter((s) => !used.some((u) => u.name === s));
      console.log(`- read back with SheetJS: ${inside} answer cells changed; ${outside.length} cells changed outside them${outside.length ? ` ✘ (${outside.slice(0, 8).join(', ')})` : ' ✔'}; sheets written: ${sheetsWritten.join(', ') || 'none'}${wrongSheets.length ? ` ✘ not questionnaires: ${wrongSheets.join(', ')}` : ''}`);
      if (outside.length || wrongSheets.length) failures += 1;
    } catch (err) {
      failures += 1;
      console.log(`- ✘ ${err.message}`);
    }
    console.log('');
  }
  rmSync(tmp, { recursive: true, force: true });
}

const postures = join(root, 'scripts', 'realworld-postures.mjs');
if (existsSync(postures)) {
  const r = spawnSync(process.execPath, [postures], { stdio: 'inherit', env: { ...process.env, SHARED: shared } });
  if (r.status) failures += 1;
}
if (failures) {
  console.log(`realworld: ${failures} file(s) not as expected`);
  process.exit(1);
}
