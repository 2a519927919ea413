// Issue 14: before the file is written the user sees how many cells go where and what is kept;
// after, the app says what its read-back check found — and the file holds exactly that.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the plan and the check match the written file', async () => {
  const original = await readFile(join(FIXTURES, 'questionnaires/marks-filled.xlsx'));
  const page = await openApp(env);
  await dropAndDraft(page, 'marks-filled.xlsx', original, 5);
  // Issue 22: only assertions and approved answers are written; here the one drafted answer is
  // a suggestion, so the reviewer approves what is shown first.
  await page.click('button:has-text("Approve the")');
  await page.click('button:has-text("Export marks-filled.xlsx answered")');
  const plan = await page.locator('[data-testid="export-plan"]').innerText();
  const m = plan.match(/(\d+) cells? in 1 sheet — Self-Assessment: (.*?)\. (\d+) questions? answered/);
  assert.ok(m, plan);
  assert.match(plan, /\(0 assertions, 1 approved answer\)/);
  assert.match(plan, /2 questions already answered in the workbook kept as they were/);
  assert.match(plan, /never a formula, a hidden sheet or a locked cell/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Write and download")')]);
  const notice = await page.locator('.notice').innerText();
  assert.match(notice, /Exported marks-filled-answered\.xlsx/);
  assert.match(notice, /Checked after writing: \d+ other parts of the workbook byte for byte the same/);
  assert.match(notice, new RegExp(`the ${m[1]} written cells read back as written`));

  // The file holds exactly as many changed cells as the plan said.
  const [a, b] = [XLSX.read(original), XLSX.read(await readFile(await download.path()))];
  let changed = 0;
  for (const name of a.SheetNames) {
    const keys = new Set([...Object.keys(a.Sheets[name]), ...Object.keys(b.Sheets[name])].filter((k) => !k.startsWith('!')));
    for (const k of keys) if ((a.Sheets[name][k]?.v ?? '') !== (b.Sheets[name][k]?.v ?? '')) changed += 1;
  }
  assert.equal(changed, Number(m[1]));
  // The earlier marks are still there.
  assert.equal(b.Sheets['Self-Assessment'].G5.v, 'YES');
  assert.deepEqual(page.errors, []);
});
