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

// A vendor's answer pack that lies and phishes (issue 16). Its posture is Fabrikam's own page;
// the pack claims to come from someone else, cites a status its posture contradicts, a row its
// posture lacks and a control no catalog has, and carries evidence that would leave the app.
const FABRIKAM = [
  '<!doctype html><html><head><title>Fabrikam trust</title></head><body>',
  '<h1>Fabrikam Ltd — ISO/IEC 27001:2022</h1>',
  '<p>Status: certified since 2025 · certificate FB-2090</p>',
  '<p>Fabrikam Ltd is ISO 27001 certified; our security team answers at security@fabrikam.example.</p>',
  '<h2>Annex A — selected controls</h2>',
  '<table><tr><th>Ref</th><th>Requirement</th><th>Status</th><th>How we meet it / gap</th></tr>',
  '<tr><td>A.8.24</td><td>Use of cryptography</td><td>Met</td><td>Stored data is encrypted with AES-256; see /security/crypto and <a href="//evil.example/phish">our key policy</a>.</td></tr>',
  '<tr><td>A.8.13</td><td>Information backup</td><td>Not met</td><td>Backups are taken nightly but no restore has been tested yet.</td></tr>',
  '<tr><td>A.8.5</td><td>Secure authentication</td><td>Met</td><td>Every login uses a hardware key; see /security/mfa and <a href="javascript:alert(document.domain)">the guide</a>.</td></tr>',
  '<tr><td>A.9.99</td><td>Quantum key registry</td><td>Met</td><td>A registry of post-quantum keys, reviewed monthly.</td></tr>',
  '</table></body></html>',
].join('\n');
const cite = (ref, status, evidence = []) => ({ page: 'Fabrikam Ltd — ISO/IEC 27001:2022', section: 'Annex A — selected controls', ref, status, evidence });
const answer = (id, question, text, citations, controls) => ({ sheet: 'vendor-questions.csv', id, question, answer: 'yes', text, citations, controls });
await small('hostile-pack.json', () => Buffer.from(JSON.stringify({
  format: 'trustdraft-answer-pack',
  version: 1,
  app_version: '0.1.0',
  created: '2026-11-22',
  vendor: 'Glassbreak Ltd (verified by trustdraft)',
  questionnaire: 'vendor-questions.csv',
  posture: [{ name: 'fabrikam-trust.html', text: FABRIKAM }],
  answers: [
    answer('H1', 'Are backup restores tested?', 'Yes: restores are tested every quarter.', [cite('A.8.13', 'Met')], ['ISO27001:A.8.13']),
    answer('H2', 'Do you run data loss prevention?', 'Yes: DLP covers every endpoint.', [cite('A.8.12', 'Met')], ['ISO27001:A.8.12']),
    answer('H3', 'Do you keep a registry of post-quantum keys?', 'Yes: a registry reviewed monthly.', [cite('A.9.99', 'Met')], ['ISO27001:A.9.99']),
    answer('H4', 'Is customer data encrypted at rest?', 'Yes: AES-256 at rest. <img src=x onerror="document.title=\'pwned\'">', [cite('A.8.24', 'Met', [
      '/security/crypto', '//evil.example/phish', '/\\evil.example/phish', '/\t/evil.example/tab', 'javascript:alert(document.domain)',
      'https://fabrikam.example@evil.example/login', 'mailto:security@fabrikam.example?body=send%20your%20password', 'security@fabrikam.example',
    ])], ['ISO27001:A.8.24']),
    answer('H5', 'Is MFA enforced for every login?', 'Yes: a hardware key on every login.', [cite('A.8.5', 'Met', ['/security/mfa'])], ['ISO27001:A.8.5']),
  ],
}, null, 2)));
// An answer library from a colleague, with evidence that would leave the app, a formula as
// answer text and markup as a question.
await small('hostile-library.json', () => Buffer.from(JSON.stringify({
  version: 1,
  entries: [
    { question: 'Is customer data encrypted at rest?', answer: 'yes', text: '=HYPERLINK("https://evil.example/","Encrypted: click for proof")',
      citations: [{ page: 'ISO/IEC 27001:2022', section: 'Annex A — Technological controls (A.8, 34 controls)', ref: 'A.8.24', status: 'Met',
        evidence: ['//evil.example/phish', '/\\evil.example/phish', '/\t/evil.example/tab', 'javascript:alert(1)', '/technology/encryption'] }],
      approved: '2026-11-01', source: 'colleague.xlsx › Q1' },
    { question: '<script>document.title="pwned"</script>Do you have an incident response plan?', answer: 'yes', text: '\r=1+1',
      citations: [], approved: '2026-11-01', source: 'colleague.xlsx › Q2' },
  ],
}, null, 2)));
// JSON that is not a pack, and a file named .json that holds no JSON: refused by name, the work unchanged.
await small('not-a-pack.json', () => Buffer.from('[1,2,3]\n'));
await small('plain-text.json', () => Buffer.from('These are my notes, not an answer pack.\n'));
// A pack of 200 small pages: 150 are over the page count and are not loaded, and that is said.
await small('two-hundred-pages-pack.json', () => Buffer.from(JSON.stringify({
  format: 'trustdraft-answer-pack', version: 1, app_version: '0.1.0', created: '2026-11-22', vendor: 'Contoso', questionnaire: 'q.csv',
  posture: Array.from({ length: 200 }, (_, i) => ({ name: `page-${String(i + 1).padStart(3, '0')}.md`,
    text: `# Contoso — ISO/IEC 27001:2022\nStatus: certified since 2024\n## Controls\n| Ref | Status | How |\n|---|---|---|\n| A.5.${(i % 37) + 1} | Met | Page ${i + 1} says how. |\n` })),
  answers: [],
}, null, 2)));

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
// A pack of 45 MB whose one page is 44 MB (over the page limit: not loaded, and said), and a
// 60 MB pack (over the pack limit: refused by name).
const bigPage = (mb) => `# Contoso — ISO/IEC 27001:2022\nStatus: certified\n${'Contoso writes long pages about everything it does. '.repeat(Math.ceil(mb * 1024 * 1024 / 52))}\n`;
const pack = (pages) => JSON.stringify({ format: 'trustdraft-answer-pack', version: 1, app_version: '0.1.0', created: '2026-11-22', vendor: 'Contoso', questionnaire: 'q.csv', posture: pages, answers: [] });
await writeFile(join(LARGE, 'huge-page-pack.json'), pack([
  { name: 'small.md', text: '# Contoso — ISO/IEC 27001:2022\nStatus: certified\n## Controls\n| Ref | Status | How |\n|---|---|---|\n| A.5.1 | Met | Policies. |\n' },
  { name: 'huge.md', text: bigPage(44) },
]));
await writeFile(join(LARGE, 'sixty-megabyte-pack.json'), pack([{ name: 'a.md', text: bigPage(4) }, ...Array.from({ length: 14 }, (_, i) => ({ name: `p${i}.md`, text: bigPage(4) }))]));
console.log(`hostile corpus ready in ${HERE}`);
