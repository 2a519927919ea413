import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('a CCM-style crosswalk maps the CAIQ questions by control id, redrafts them and tags them; a useless file is refused by name', async () => {
  const page = await openApp(env);
  const caiq = await readFile(join(FIXTURES, 'questionnaires/caiq-layout.xlsx'));
  await dropAndDraft(page, 'caiq-layout.xlsx', caiq, 21);
  assert.equal(await page.locator('.crosswalk-tag').count(), 0);

  const crosswalk = await readFile(join(FIXTURES, 'crosswalk/ccm-style.csv'));
  await page.setInputFiles('#crosswalk-file', { name: 'ccm-style.csv', mimeType: 'text/csv', buffer: crosswalk });
  await page.waitForSelector('.notice >> text=Crosswalk ccm-style.csv loaded');
  await page.waitForSelector('text=Drafted 21 of 21 questions');
  const summary = await page.locator('[data-testid="crosswalk-report"] summary').innerText();
  const [, mapped] = summary.match(/Crosswalk ccm-style\.csv: 5 entries; maps (\d+) of 21 questions/);
  assert.ok(Number(mapped) >= 5, summary);
  await page.click('[data-testid="crosswalk-report"] summary');
  assert.match(await page.locator('[data-testid="crosswalk-report"] p').innerText(), /CEK-03\.1/);
  assert.equal(await page.locator('.crosswalk-tag').count(), Math.min(Number(mapped), 21));
  // The mapping shows in the sources: CEK-03 → A.8.24.
  await page.click('tr[data-id="CEK-03.1"] button[aria-controls]');
  assert.match(await page.locator('.sources .controls').innerText(), /ISO27001:A\.8\.24/);

  await page.setInputFiles('#crosswalk-file', { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\nx,y\n') });
  await page.waitForSelector('.notice-error >> text=notes.csv: no column of ISO/IEC 27001 or ISO 22301 references found in any sheet. The drafts are unchanged.');
  assert.deepEqual(page.errors, []);
});
