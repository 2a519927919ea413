// Issue 14: a multi-tab assessment laid out like real ones (formula questions, a header per
// section with no question label, x14 dropdowns on a hidden sheet, an evaluation sheet and a
// hidden, protected scoring sheet that read the answers) comes back with only its answer cells
// changed — read back with SheetJS, not our own reader.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

function cells(bytes) {
  const wb = XLSX.read(bytes, { cellFormula: true });
  const out = new Map();
  for (const name of wb.SheetNames) {
    for (const [addr, c] of Object.entries(wb.Sheets[name])) {
      if (!addr.startsWith('!')) out.set(`${name}!${addr}`, `${c.v ?? ''}|${c.f ?? ''}`);
    }
  }
  return out;
}

test('the assessment is imported with its questions only, and exported with only its answer cells changed', async () => {
  const original = await readFile(join(FIXTURES, 'questionnaires/vendor-assessment.xlsx'));
  const page = await openApp(env);
  await dropAndDraft(page, 'vendor-assessment.xlsx', original, 11);
  const summary = await page.locator('[data-testid="import-summary"]').innerText();
  assert.match(summary, /11 questions in 3 sheets\./);
  assert.match(summary, /Reviewer Evaluation \(report or scoring\)/);
  assert.match(summary, /Scoring \(hidden\)/);
  // Each question once, with its sheet shown; the mirrored qualifier is not asked twice.
  assert.equal(await page.locator('tr[data-id="QUAL-01"]').count(), 1);
  assert.match(await page.locator('tr[data-id="DATA-01"]').innerText(), /Operations › Data protection/);

  await page.click('button:has-text("Export vendor-assessment.xlsx answered")');
  const plan = await page.locator('[data-testid="export-plan"]').innerText();
  // Only question sheets, only their answer (C) and comment (D) columns.
  const m = plan.match(/(\d+) cells? in \d sheets? — (.*?)\. \d+ questions? answered/);
  assert.ok(m, plan);
  for (const part of m[2].split('; ')) assert.match(part, /^(Start|Company|Operations): (answers C|comments D) \(\d+\)(, comments D \(\d+\))?$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Write and download")')]);
  await page.waitForSelector('.notice >> text=Checked after writing');
  const exported = await readFile(await download.path());

  const [a, b] = [cells(original), cells(exported)];
  const changed = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  assert.ok(changed.length > 0, 'some answers were written');
  for (const k of changed) {
    assert.match(k, /^(Start|Company|Operations)![CD](1[89]|2\d)$/, `${k} changed`);
  }
  for (const sheet of ['Reviewer Evaluation', 'Bank', 'Lists', 'Scoring']) {
    assert.ok(!changed.some((k) => k.startsWith(`${sheet}!`)), `${sheet} untouched`);
  }
  // No question, id, formula or general-information cell was written.
  assert.ok(!changed.some((k) => /![ABEH]\d+$/.test(k)));
  assert.deepEqual(page.errors, []);
});
