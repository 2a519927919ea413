// Issue 14: last year's answers are shown beside the drafts, kept on export, replaced only for
// the questions the user ticks, and can join the answer library.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const sheetOf = (bytes) => XLSX.read(bytes).Sheets['Security Questions'];
const at = (ws, addr) => ws[addr]?.v ?? '';

async function exportIt(page) {
  await page.click('button:has-text("Export filled-protected.xlsx answered")');
  await page.waitForSelector('[data-testid="export-plan"]');
  const plan = await page.locator('[data-testid="export-plan"]').innerText();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Write and download")')]);
  return { plan, bytes: await readFile(await download.path()) };
}

test('earlier answers are shown, kept, replaced where ticked, and added to the library', async () => {
  const original = await readFile(join(FIXTURES, 'questionnaires/filled-protected.xlsx'));
  const page = await openApp(env);
  await dropAndDraft(page, 'filled-protected.xlsx', original, 5);
  assert.match(await page.locator('[data-testid="existing-summary"]').innerText(), /3 questions are already answered in this workbook/);
  const s1 = page.locator('tr[data-id="S-1"]');
  assert.match(await s1.locator('[data-testid="earlier"]').innerText(), /Answered before: Yes — Enforced for every admin since 2024\./);
  assert.equal(await page.locator('tr[data-id="S-2"] [data-testid="earlier"]').count(), 0);

  // Kept: the earlier answers are in the file as they were.
  let { plan, bytes } = await exportIt(page);
  assert.match(plan, /3 questions already answered in the workbook kept as they were/);
  let ws = sheetOf(bytes);
  assert.equal(at(ws, 'C2'), 'Yes');
  assert.equal(at(ws, 'D2'), 'Enforced for every admin since 2024.');
  assert.equal(at(ws, 'D5'), 'Scans run weekly.');
  assert.notEqual(at(ws, 'D3'), '', 'an unanswered question gets its draft');

  // Replaced where ticked: the reviewer answers S-4 No and replaces last year's
  // comment with it; S-1 and S-3 stay.
  const s4 = page.locator('tr[data-id="S-4"]');
  await s4.locator('select').selectOption('No');
  await s4.locator('[data-testid="earlier"] input').click();
  assert.match(await s4.locator('[data-testid="earlier"]').innerText(), /replaced by this draft on export/);
  ({ plan, bytes } = await exportIt(page));
  ws = sheetOf(bytes);
  assert.equal(at(ws, 'C5'), 'No');
  // Issue 22: S-4's draft is now a suggestion with text; the reviewer's answer goes out with it,
  // and last year's comment does not stay beside the new answer.
  assert.notEqual(at(ws, 'D5'), 'Scans run weekly.', 'the earlier comment does not stay beside the new answer');
  assert.equal(at(ws, 'C2'), 'Yes');
  assert.match(plan, /replaced/);

  // Last year's answers join the library, marked with the file.
  // Two of the three say Yes or No; a comment alone is no answer to reuse.
  await page.click('button:has-text("Add 2 of these answers to the library")');
  await page.waitForSelector('.notice >> text=2 earlier answers of filled-protected.xlsx added to the library');
  await page.click('nav a[href="#library"]');
  await page.waitForSelector('text=filled-protected.xlsx › S-1 (answered before)');
  assert.deepEqual(page.errors, []);
});
