import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, dropFile, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('bad files get a clear message naming them; the current questionnaire is untouched', async () => {
  const page = await openApp(env);
  const csv = await readFile(join(FIXTURES, 'questionnaires/id-question.csv'));
  await dropAndDraft(page, 'id-question.csv', csv, 2);
  const rowsBefore = await page.locator('tr[data-id]').count();

  page.on('dialog', (d) => d.accept());
  const caiq = await readFile(join(FIXTURES, 'questionnaires/caiq-layout.xlsx'));
  await dropFile(page, 'truncated.xlsx', caiq.subarray(0, 4000));
  const alert = page.locator('.notice-error');
  await alert.waitFor();
  assert.match(await alert.innerText(), /truncated\.xlsx: the workbook is damaged and cannot be read/);
  assert.match(await alert.innerText(), /Your current work is unchanged/);
  assert.equal(await page.locator('tr[data-id]').count(), rowsBefore);
  assert.match(await page.locator('.import-report h2').innerText(), /id-question\.csv/);

  await dropFile(page, 'security-report.xlsx', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'));
  await page.waitForFunction(() => document.querySelector('.notice-error')?.textContent.includes('security-report.xlsx'));
  assert.match(await alert.innerText(), /security-report\.xlsx: this is a PDF document, not a spreadsheet/);
  assert.equal(await page.locator('tr[data-id]').count(), rowsBefore);
});
