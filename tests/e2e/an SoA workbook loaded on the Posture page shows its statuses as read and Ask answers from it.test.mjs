import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { askAnswer, FIXTURES, launch, loadPosture, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const file = (name) => readFile(join(FIXTURES, 'posture', 'forms', name)).then((bytes) => ({ name, bytes }));

test('an SoA workbook is loaded on the Posture page, the report shows its statuses as read, and Ask answers from it', async () => {
  const page = await openApp(env);
  const report = await loadPosture(page, [await file('soa-bluefin.xlsx')], null);
  assert.match(report, /soa-bluefin\.xlsx: read as a Statement of Applicability spreadsheet, 7 rows/);
  assert.match(report, /SoA: Status → status/);
  assert.match(report, /SoA: Justification → justification \(not evidence\)/);
  assert.match(report, /Skipped: sheet Lists: hidden; not read/);
  const words = await page.$$eval('[data-testid="status-words"] tbody tr',
    (rows) => rows.map((r) => [...r.cells].slice(0, 3).map((c) => c.textContent.trim())));
  assert.deepEqual(words, [
    ['Implemented', 'Met', '2'],
    ['Partially implemented', 'Partial', '1'],
    ['Planned', 'Planned', '1'],
    ['Applicable: N', 'N/A', '1'],
    ['In place', 'Met', '1'],
    ['Under review', 'Under review', '1'],
  ]);
  assert.match(report, /status `Under review` is not one of the words read/);

  await page.click('button:has-text("Replace the current posture")');
  await page.waitForSelector('.notice >> text=Now answering from 1 page with 7 rows');

  const crypto = await askAnswer(page, 'Is customer data encrypted at rest?');
  assert.equal(crypto.answer, 'yes');
  assert.match(crypto.text, /encrypted at rest with AES-256/);
  assert.doesNotMatch(crypto.text, /must stay confidential/, 'the justification is not quoted as evidence');
  assert.match(crypto.cites[0], /A\.8\.24.*Met.*Bluefin/);

  const screening = await askAnswer(page, 'Do you screen employees before hiring?');
  assert.equal(screening.answer, 'not-applicable');
  assert.match(screening.text, /agency that screens them/);
  assert.deepEqual(page.errors, []);
});
