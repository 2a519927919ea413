import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, loadPosture, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('after A.8.24 goes from Met to Partial, the encryption answer is flagged (not reused) while the others still come from the library', async () => {
  const page = await openApp(env);
  page.on('dialog', (d) => d.accept());
  const original = await readFile(join(FIXTURES, 'posture/northwind-iso27001.md'), 'utf8');
  await loadPosture(page, [{ name: 'northwind-iso27001.md', bytes: original }]);
  const csv = await readFile(join(FIXTURES, 'questionnaires/northwind-questions.csv'));
  await dropAndDraft(page, 'northwind-questions.csv', csv, 6);
  assert.match(await page.locator('tr[data-id="NW-1"] .band').innerText(), /drafted Yes/);
  await page.click('button:has-text("Approve the 6 shown")');
  const approved = Number((await page.locator('[data-testid="counts"]').innerText()).split(' ')[0]);
  assert.ok(approved >= 4, `${approved} approved`);

  // The page is edited: encryption is now only partly in place.
  const changed = original.replace('| A.8.24 | Met |', '| A.8.24 | Partial |');
  assert.notEqual(changed, original);
  await loadPosture(page, [{ name: 'northwind-iso27001.md', bytes: changed }]);

  // The open questionnaire is redrafted against the changed posture.
  await page.click('nav a[href="#questionnaire"]');
  await page.waitForSelector('text=Drafted 6 of 6 questions');
  const first = page.locator('table.review tbody tr[data-id]').first();
  assert.equal(await first.getAttribute('data-id'), 'NW-1', 'the flagged answer comes first');
  const band = await first.locator('.band').innerText();
  assert.match(band, /review: library answer/);
  assert.match(band, /not reused: A\.8\.24: Met → Partial since/);
  assert.match(await first.locator('select').inputValue(), /partial/, 'the fresh draft from the changed row');
  assert.equal(await first.locator('input[type="checkbox"]').isChecked(), false);
  // Answers whose rows did not change are still reused.
  const reused = await page.$$eval('table.review .band-library', (b) => b.length);
  assert.equal(reused, approved - 1);

  // The library keeps the approved answer as approved, for the reviewer to compare.
  await page.click('nav a[href="#library"]');
  assert.match(await page.locator('tr[data-question="Is customer data encrypted at rest?"]').innerText(), /A\.8\.24 \[Met\]/);
  assert.deepEqual(page.errors, []);
});
