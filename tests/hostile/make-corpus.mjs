// The hostile-input corpus: small files are committed (written here only when missing, so a
// test run never changes them); large ones — a zip bomb, 20,000 rows, a megabyte in one cell —
// are generated into large/ (ignored by git) on every run. `expected.json` says what the user
// must see for each; the CLI tests (index/tests/hostile_corpus.rs) and the browser scenario
// (tests/e2e/hostile files …) both read it.
//
//   node tests/hostile/make-corpus.mjs
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const HERE = import.meta.dirname;
const LARGE = join(HERE, 'large');

async function small(name, make) {
  const path = join(HERE, name);
  if (!existsSync(path)) await writeFile(path, await make());
}

async function workbook(rows, sheet = 'Questions') {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

await mkdir(LARGE, { recursive: true });

await small('empty.xlsx', () => Buffer.alloc(0));
await small('renamed-pdf.xlsx', () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'));
await small('truncated.xlsx', async () => {
  const whole = await readFile(join(HERE, '../fixtures/questionnaires/caiq-layout.xlsx'));
  return whole.subarray(0, Math.floor(whole.length / 3));
});
await small('no-questions.xlsx', () => workbook([['Notes'], ['Nothing to answer here, only a cover sheet.']], 'Cover'));
await small('far-away-cell.xlsx', async () => {
  // One question, and one cell at the sheet's last address: 6 KB that once asked for 550 GB.
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  const ws = wb.addWorksheet('Questions');
  ws.addRow(['ID', 'Question']);
  ws.addRow(['Q1', 'Is customer data encrypted at rest?']);
  ws.getCell('XFD1048576').value = 'far away';
  return Buffer.from(await wb.xlsx.writeBuffer());
});
await small('utf16.csv', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,question\nQ1,Is data encrypted at rest — always?\nQ2,Is “MFA” enforced for administrators?\n', 'utf16le')]));
await small('windows-1252.csv', () => Buffer.from('id,question\nQ1,Do you encrypt donn\xe9es at rest?\nQ2,Is the r\xe9sum\xe9 of staff checked before hire?\n', 'latin1'));
await small('script-formula-rtl-emoji.csv', () => Buffer.from([
  'id,question',
  'Q1,<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'"> Is data encrypted?',
  'Q2,=cmd|\' /C calc\'!A0',
  'Q3,هل البيانات مشفرة أثناء التخزين؟',
  'Q4,Is 🔐 encryption used at rest?',
  '',
].join('\n')));
await small('broken-table.md', () => Buffer.from([
  '# Acme — ISO/IEC 27001:2022',
  'Status: certified since 2024',
  '## Controls',
  '| Ref | Requirement | Status | How |',
  '|---|---|---|',
  '| A.8.24 | Use of cryptography | Met | AES-256 everywhere | extra | pipes |',
  '| A.5.7 | Threat intelligence |',
  '| | | Met | a row without a ref |',
  '| A.9.99 | Not a control | Met | the ref is not in the catalog |',
  '',
].join('\n')));
await small('no-tables.md', () => Buffer.from('# Acme security\nWe take security seriously.\nAsk us anything at security@acme.example.\n'));

// Large files: generated every run.
const bomb = new JSZip();
bomb.file('[Content_Types].xml', '<Types/>');
bomb.file('xl/workbook.xml', '<workbook/>');
bomb.file('xl/worksheets/sheet1.xml', '<worksheet>' + ' '.repeat(220 * 1024 * 1024));
await writeFile(join(LARGE, 'zip-bomb.xlsx'), await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
const rows = [['ID', 'Question']];
for (let i = 1; i <= 20000; i += 1) rows.push([`Q${i}`, `Is customer data encrypted at rest in system ${i}?`]);
await writeFile(join(LARGE, 'twenty-thousand-rows.xlsx'), await workbook(rows));
const wide = new ExcelJS.Workbook();
const wws = wide.addWorksheet('Questions');
wws.addRow(['ID', 'Question']);
for (let r = 2; r <= 6000; r += 1) { wws.getCell(r, 1).value = `Q${r}`; wws.getCell(r, 1000).value = 'x'; }
await writeFile(join(LARGE, 'too-many-cells.xlsx'), Buffer.from(await wide.xlsx.writeBuffer()));
await writeFile(join(LARGE, 'one-megabyte-cell.csv'), `id,question\nQ1,"${'encrypt '.repeat(131072)}"\nQ2,Do you keep audit logs?\n`);

// A trust page of tables nested in tables, 4.9 MB: each table's last cell holds the next table.
// It once froze the page for 20 s and was read as one table of one enormous row.
const nest = [];
const close = [];
nest.push('<!doctype html><html><head><title>Nested</title></head><body><h1>Fabrikam Ltd — ISO/IEC 27001:2022</h1><p>Status: certified since 2025</p>');
for (let level = 0; level < 2000; level += 1) {
  const theme = 5 + (level % 4);
  const control = `A.${theme}.${1 + (level % [37, 8, 14, 34][theme - 5])}`;
  nest.push(`<table><tr><th>Ref</th><th>Requirement</th><th>Status</th><th>How we meet it / gap</th></tr>`);
  nest.push(`<tr><td>${control}</td><td>Control ${level}</td><td>${level % 3 ? 'Met' : 'Partial'}</td><td>${'Level ' + level + ' keeps records of what it does and reviews them every quarter. '.repeat(36)}`);
  close.push('</td></tr></table>');
}
await writeFile(join(LARGE, 'nested-tables.html'), nest.join('\n') + close.reverse().join('') + '</body></html>\n');
// A markdown page at the row limit: 10,000 rows of one table.
const md = ['# Contoso — ISO/IEC 27001:2022', 'Status: certified since 2024', '## Annex A', '| Ref | Requirement | Status | How we meet it / gap |', '|---|---|---|---|'];
for (let i = 0; i < 10000; i += 1) {
  const theme = 5 + (i % 4);
  md.push(`| A.${theme}.${1 + (i % [37, 8, 14, 34][theme - 5])} | Requirement ${i} | ${['Met', 'Partial', 'Not met'][i % 3]} | Row ${i}: access to system ${i} is reviewed quarterly; see /policies/access-${i % 50} §${1 + (i % 9)}. |`);
}
await writeFile(join(LARGE, 'ten-thousand-rows.md'), md.join('\n') + '\n');
console.log(`hostile corpus ready in ${HERE}`);
