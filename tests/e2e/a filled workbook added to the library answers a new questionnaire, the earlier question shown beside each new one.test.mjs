// Issue 23: a filled questionnaire added on the Library page answers the next questionnaire.
// The same question in the same words is reused as the answer; one asked in other words only
// puts the earlier answer beside the fresh draft, as a suggestion; the review shows the earlier
// question beside the new one, where it came from, how it matched and how closely. The
// questions are our own.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { launch, openApp, dropAndDraft } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

async function workbook(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Questions');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('earlier answers from a filled workbook: the same words reused, other words beside the draft as a suggestion', async () => {
  const page = await openApp(env, '#library');
  await page.waitForSelector('#library-title');
  const filled = await workbook([
    ['ID', 'Question', 'Answer', 'Comments'],
    ['ACC-1', 'Do administrators sign in with a second factor?', 'Yes', 'Hardware keys for every admin account.'],
    ['DAT-1', 'Is customer data encrypted while stored?', 'Yes', 'Disk and database encryption with keys in a managed KMS.'],
  ]);
  await page.evaluate(async ({ name, b64 }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    const zone = document.querySelector('[data-testid="library-drop"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name: 'portal-review-2025.xlsx', b64: filled.toString('base64') });
  await page.waitForSelector('li.source[data-file="portal-review-2025.xlsx"]');
  await page.waitForSelector('[data-testid="library-count"] >> text=2 approved answers');

  const next = await workbook([
    ['ID', 'Question'],
    ['N1', 'Do administrators sign in with a second factor?'],
    ['N4', 'Are administrators required to sign in with a second factor on every console?'],
  ]);
  await dropAndDraft(page, 'next-review.xlsx', next, 2);

  // The same words: reused as the answer, the earlier question and its source beside it.
  const same = page.locator('tr[data-id="N1"] [data-testid="earlier-answer"]');
  await same.waitFor();
  const sameText = await same.innerText();
  assert.match(sameText, /Answered before\s+Do administrators sign in with a second factor\?/);
  assert.match(sameText, /same question \(score 1\.00\); reused as the answer/);
  assert.match(sameText, /portal-review-2025\.xlsx › ACC-1/);
  assert.match(sameText, /Given for\s+portal-review-2025/);
  assert.match(await page.locator('tr[data-id="N1"]').innerText(), /Hardware keys for every admin account\./);

  // Other words: the earlier answer is beside the fresh draft, only a suggestion, not the answer.
  const other = page.locator('tr[data-id="N4"] [data-testid="earlier-answer"]');
  await other.waitFor();
  const otherText = await other.innerText();
  assert.match(otherText, /This question\s+Are administrators required to sign in with a second factor on every console\?/);
  assert.match(otherText, /Answered before\s+Do administrators sign in with a second factor\?/);
  assert.match(otherText, /other wording \(score 0\.\d\d\); only a suggestion/);
  assert.doesNotMatch(await page.locator('tr[data-id="N4"] .answer-text').innerText(), /Hardware keys/);
  assert.deepEqual(page.errors, []);
});
