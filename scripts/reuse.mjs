// npm run reuse: the development pair of issue 23. Answers ../shared/realq/hecvat-lite-2.11.xlsx
// with tests/reuse/hecvat-lite-2.11-answers.csv (the default posture's company, in our own
// words), drafts ../shared/realq/hecvat-4.14.xlsx with that filled copy as the library, and
// counts, for the labelled pairs of tests/reuse/hecvat-4.14-pairs.csv (a 4.14 question and the
// Lite question asking the same, `same` or `close` wording), how many are reused right (the
// draft's answer is the Lite answer) and wrong, and how many are only suggested — in the tune
// and check halves (sha1(id)[0] % 2, 0 = tune, as ../shared/tools/realcheck.py). Thresholds are
// set on tune and only counted on check. The licensed workbooks stay outside the repository:
// without them this prints a note and exits 0. A measurement, not a test.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const shared = process.env.SHARED || join(root, '..', 'shared');
const lite = join(shared, 'realq', 'hecvat-lite-2.11.xlsx');
const full = join(shared, 'realq', 'hecvat-4.14.xlsx');
const td = join(root, 'target', 'release', 'trustdraft');

if (!existsSync(lite) || !existsSync(full)) {
  console.log(`reuse: ${join(shared, 'realq')} does not hold both HECVATs (kept outside the repository); nothing to measure`);
  process.exit(0);
}
if (!existsSync(td)) {
  console.log('reuse: no release CLI; run `cargo build --release -p trustdraft-cli` first');
  process.exit(2);
}

/** RFC 4180 CSV → rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  const [head, ...body] = rows.filter((r) => r.some((c) => c !== ''));
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const xmlText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const colOf = (ref) => ref.replace(/\d+$/, '');
const colOrder = (a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** A row's cells with `C`/`D` set to inline strings (style kept), in column order. */
function setCells(rowXml, rowNum, values) {
  const open = rowXml.match(/^<row\b[^>]*?(\/?)>/);
  const cells = [...rowXml.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => m[0]);
  const byCol = new Map(cells.map((c) => [colOf(c.match(/\br="([A-Z]+\d+)"/)[1]), c]));
  for (const [col, text] of Object.entries(values)) {
    if (!text) continue;
    const style = (byCol.get(col) || '').match(/\bs="(\d+)"/);
    const s = style ? ` s="${style[1]}"` : '';
    byCol.set(col, `<c r="${col}${rowNum}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`);
  }
  const head = open[0].replace(/\/>$/, '>');
  return `${head}${[...byCol.keys()].sort(colOrder).map((k) => byCol.get(k)).join('')}</row>`;
}

/** The Lite workbook with the answers written into its answer (C) and comment (D) cells. */
async function fillLite(answers) {
  const zip = await JSZip.loadAsync(readFileSync(lite));
  const workbook = await zip.file('xl/workbook.xml').async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels').async('string');
  const rid = workbook.match(/<sheet\b[^>]*name="HECVAT - Lite"[^>]*\/>/)[0].match(/r:id="([^"]+)"/)[1];
  const target = rels.match(new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*/>`))[0].match(/Target="([^"]+)"/)[1];
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sst = zip.file('xl/sharedStrings.xml') ? await zip.file('xl/sharedStrings.xml').async('string') : '';
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unxml([...m[1].matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  let xml = await zip.file(sheetPath).async('string');
  let written = 0;
  xml = xml.replace(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g, (row) => {
    const n = row.match(/\br="(\d+)"/)[1];
    const a = row.match(new RegExp(`<c\\b[^>]*\\br="A${n}"[^>]*>[\\s\\S]*?<\\/c>`));
    if (!a) return row;
    const v = a[0].match(/<v>([\s\S]*?)<\/v>/);
    const id = /t="s"/.test(a[0]) && v ? strings[Number(v[1])] : v ? unxml(v[1]) : '';
    const answer = answers.get((id || '').trim());
    if (!answer) return row;
    written += 1;
    return setCells(row, n, { C: answer.answer, D: answer.comment });
  });
  zip.file(sheetPath, xml);
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), written };
}

const half = (id) => createHash('sha1').update(id).digest()[0] % 2;
const answers = new Map(parseCsv(readFileSync(join(root, 'tests/reuse/hecvat-lite-2.11-answers.csv'), 'utf8')).map((r) => [r.id, r]));
const pairs = parseCsv(readFileSync(join(root, 'tests/reuse/hecvat-4.14-pairs.csv'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'trustdraft-reuse-'));
try {
  const filled = await fillLite(answers);
  const filledPath = join(tmp, 'hecvat-lite-2.11-glassbreak.xlsx');
  writeFileSync(filledPath, filled.bytes);
  const listed = spawnSync(td, ['library', filledPath], { encoding: 'utf8' });
  console.log(`library: ${listed.stdout.trim() || listed.stderr.trim()} (${filled.written} rows written)`);
  const r = spawnSync(td, ['draft', full, '--library', filledPath, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`trustdraft draft: ${r.stderr.trim().split('\n').pop()}`);
  const drafts = new Map(JSON.parse(r.stdout).map((d) => [d.id, d]));
  if (process.env.REUSE_DUMP) writeFileSync(process.env.REUSE_DUMP, r.stdout);
  const word = (a) => { const w = a.trim().toLowerCase(); return w === 'yes' || w === 'no' ? w : null; };
  const reused = (l) => l && !l.suggestion && !(l.changed || []).length && !(l.conflicts || []).length;
  const count = {};
  const bump = (k) => { count[k] = (count[k] || 0) + 1; };
  const paired = new Set();
  for (const p of pairs) {
    paired.add(p.id);
    const expected = word(answers.get(p.lite_id)?.answer || '');
    const h = half(p.id) ? 'check' : 'tune';
    const d = drafts.get(p.id);
    if (!expected) { bump(`${h}|${p.kind}|no Lite answer`); continue; }
    if (!d) { bump(`${h}|${p.kind}|not imported`); continue; }
    const l = d.library;
    const from = l && l.source.includes(`\u203a ${p.lite_id} `);
    const status = !l ? 'not found'
      : reused(l) ? (d.answer === expected ? 'reused right' : 'reused WRONG')
      : l.conflicts?.length ? 'conflict shown'
      : (l.answer === expected ? `suggested right (${l.matched})` : `suggested wrong (${l.matched})`);
    bump(`${h}|${p.kind}|${status}${l && !from ? ' [other entry]' : ''}`);
  }
  // Outside the labelled pairs there is no Lite answer to compare with: only counted.
  let outside = { same: 0, close: 0, suggested: 0 }, related = 0, falseYes = 0;
  for (const [id, d] of drafts) {
    const l = d.library;
    if (!l) continue;
    if (l.matched === 'related') related += 1;
    const p = pairs.find((x) => x.id === id);
    if (p) {
      if (reused(l) && d.answer === 'yes' && word(answers.get(p.lite_id)?.answer || '') !== 'yes') falseYes += 1;
    } else if (reused(l)) outside[l.matched] += 1;
    else if (l.matched !== 'related') outside.suggested += 1;
  }
  console.log(`\npairs: ${pairs.length} (4.14 question → Lite question asking the same), counted where the Lite answer is Yes or No\n`);
  for (const h of ['tune', 'check']) {
    console.log(`## ${h}`);
    for (const k of Object.keys(count).filter((k) => k.startsWith(`${h}|`)).sort()) console.log(`- ${k.slice(h.length + 1).replace('|', ': ')}: ${count[k]}`);
  }
  console.log(`\nfalse yes from the library (pairs): ${falseYes}`);
  console.log(`questions outside the pairs: reused ${outside.same} by the same words, ${outside.close} by other words; ${outside.suggested} other wordings suggested`);
  console.log(`related earlier answers offered (same controls, never the answer): ${related} of ${drafts.size} questions`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
