import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { dropFile, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

async function dropExpect(page, name, bytes, pattern) {
  await dropFile(page, name, bytes);
  await page.waitForFunction((n) => {
    const t = document.querySelector('.notice')?.textContent ?? '';
    const h = document.querySelector('.import-report h2')?.textContent ?? '';
    return t.includes(n) || h.includes(n);
  }, name, { timeout: 60_000 });
  const notice = await page.locator('.notice').count() ? await page.locator('.notice').innerText() : '';
  const report = await page.locator('.import-report').count() ? await page.locator('.import-report').innerText() : '';
  assert.match(`${notice}\n${report}`, pattern, name);
}

test('each hostile file: a message naming it, or a correct import; the page keeps working', async () => {
  const page = await openApp(env, '#questionnaire');
  page.on('dialog', (d) => d.accept());
  let dialogs = 0;
  page.on('dialog', () => { dialogs += 1; });

  await dropExpect(page, 'empty.xlsx', Buffer.alloc(0), /empty\.xlsx: the file is empty/);

  const bomb = new JSZip();
  bomb.file('[Content_Types].xml', '<Types/>');
  bomb.file('xl/workbook.xml', '<workbook/>');
  bomb.file('xl/worksheets/sheet1.xml', '<worksheet>' + ' '.repeat(220 * 1024 * 1024));
  const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  await dropExpect(page, 'bomb.xlsx', bombBytes, /bomb\.xlsx: part xl\/worksheets\/sheet1\.xml, inflated \(230 MB\) is over the limit of 200 MB/);

  const blank = new ExcelJS.Workbook();
  blank.addWorksheet('Notes').getCell('A1').value = 'Nothing to answer here.';
  await dropExpect(page, 'no-questions.xlsx', await blank.xlsx.writeBuffer(), /no-questions\.xlsx: no questions found/);

  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,question\nQ1,Is data encrypted at rest — always?\n', 'utf16le')]);
  await dropExpect(page, 'utf16.csv', utf16, /1 questions in 1 sheet/);
  await dropExpect(page, 'cp1252.csv', Buffer.from('id,question\nQ1,Do you encrypt donn\xe9es?\n', 'latin1'), /1 questions in 1 sheet/);
  await dropExpect(page, 'big-cell.csv', Buffer.from(`id,question\nQ1,"${'encrypt '.repeat(131072)}"\nQ2,Do you keep logs?\n`), /2 questions in 1 sheet/);
  await page.locator('details.skipped summary').click();
  assert.match(await page.locator('.import-report').innerText(), /question text cut to its first 10000 characters/);

  const nasty = 'id,question\nQ1,<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'"> Is data encrypted?\nQ2,=cmd|\' /C calc\'!A0\nQ3,هل البيانات مشفرة أثناء التخزين؟\nQ4,Is 🔐 encryption used at rest?\n';
  await dropExpect(page, 'nasty.csv', Buffer.from(nasty), /4 questions in 1 sheet/);
  await page.click('button:has-text("Draft all 4 questions")');
  await page.waitForSelector('text=Drafted 4 of 4 questions');
  const q1 = page.locator('tr[data-id="Q1"]');
  assert.match(await q1.innerText(), /<script>document\.title="pwned"<\/script>/, 'markup is shown as text');
  assert.notEqual(await page.title(), 'pwned');
  assert.equal(await page.locator('table.review script, table.review img').count(), 0);
  assert.match(await page.locator('tr[data-id="Q3"]').innerText(), /هل البيانات مشفرة/);
  assert.equal(dialogs, 0, 'no dialog was opened by the content');

  const big = new ExcelJS.Workbook();
  const ws = big.addWorksheet('Questions');
  ws.addRow(['ID', 'Question']);
  for (let i = 1; i <= 20000; i += 1) ws.addRow([`Q${i}`, `Is customer data encrypted at rest in system ${i}?`]);
  await dropExpect(page, 'twenty-thousand.xlsx', await big.xlsx.writeBuffer(), /20000 questions in 1 sheet/);
  // Still responsive: navigation works.
  await page.click('nav a[href="#ask"]');
  await page.fill('#ask-input', 'mfa');
  await page.waitForSelector('section.answer');
});
