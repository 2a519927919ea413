// Issue 23: the Library page takes filled questionnaires directly (several at once, beside
// library files), shows what each contributed and the product its answers were given for
// (editable), refuses a bad file by name without touching the library, and retires an entry.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** A small questionnaire answered last year, in our own words: four answered, one blank. */
async function filledWorkbook() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Questions');
  ws.addRow(['ID', 'Question', 'Answer', 'Comments']);
  ws.addRow(['ACC-1', 'Do administrators sign in with a second factor?', 'Yes', 'Hardware keys for every admin account.']);
  ws.addRow(['ACC-2', 'Are shared accounts forbidden on production systems?', 'Yes', 'Each engineer has a named account.']);
  ws.addRow(['DAT-1', 'Is customer data encrypted while stored?', 'Yes', 'Disk and database encryption, keys in a managed KMS. <b>not bold</b>']);
  ws.addRow(['DAT-2', 'Do you keep customer data outside the EU?', 'No', 'Everything stays in Frankfurt.']);
  ws.addRow(['BCP-1', 'How often do you rehearse restoring from backup?', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Drops files on the Library page's drop zone, as a user dragging them from the desktop. */
async function dropOnLibrary(page, files) {
  await page.evaluate(async (files) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of files) {
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    }
    const zone = document.querySelector('[data-testid="library-drop"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString('base64') })));
}

test('a filled questionnaire and a damaged one dropped together: one adds its answers with its scope, the other is refused by name', async () => {
  const page = await openApp(env, '#library');
  await page.waitForSelector('#library-title');
  await dropOnLibrary(page, [
    { name: 'portal-review-2025.xlsx', bytes: await filledWorkbook() },
    { name: 'damaged.xlsx', bytes: Buffer.from('PK\x03\x04 this is not really a workbook') },
  ]);
  const source = page.locator('li.source[data-file="portal-review-2025.xlsx"]');
  await source.waitFor();
  assert.match(await source.innerText(), /4 entries from 5 questions: 4 answered, 0 in words only, 1 unanswered/);
  assert.equal(await source.locator('input').inputValue(), 'portal-review-2025', 'the scope defaults from the file name');
  await page.waitForSelector('li.source.error >> text=damaged.xlsx');
  assert.match(await page.locator('li.source.error').innerText(), /^damaged\.xlsx: .*The library is unchanged\.$/s);
  await page.waitForSelector('[data-testid="library-count"] >> text=4 approved answers');
  // The file's own text is text: no element was made from it.
  assert.equal(await page.locator('table.library b').count(), 0);
  const stored = page.locator('tr[data-question="Is customer data encrypted while stored?"] textarea');
  assert.match(await stored.inputValue(), /<b>not bold<\/b>/);

  // The scope is edited for the whole source afterwards.
  await source.locator('input').fill('Customer portal');
  await source.locator('input').press('Enter');
  await source.locator('input').blur();
  const scopes = await page.locator('table.library input[aria-label^="Product or service for"]').evaluateAll((xs) => xs.map((x) => x.value));
  assert.deepEqual(scopes, ['Customer portal', 'Customer portal', 'Customer portal', 'Customer portal']);

  // An entry is retired: kept, said to be retired and never reused.
  await page.click('button[aria-label="Retire Do you keep customer data outside the EU?"]');
  const row = page.locator('tr[data-question="Do you keep customer data outside the EU?"]');
  await row.locator('.retired-note').waitFor();
  assert.match(await row.locator('.retired-note').innerText(), /^retired \d{4}-\d\d-\d\d: never reused$/);
  await page.waitForSelector('[data-testid="library-count"] >> text=4 approved answers (1 retired: never reused)');
  await page.screenshot({ path: process.env.SCREENSHOT || '/tmp/i23-library-page.png', fullPage: true });

  // Kept after a reload: the library persists with its scopes and the retired entry.
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('[data-testid="library-count"] >> text=4 approved answers (1 retired: never reused)');
  assert.equal(await page.locator('tr[data-question="Is customer data encrypted while stored?"] input[type="text"]').inputValue(), 'Customer portal');
  assert.deepEqual(page.errors, []);
});
