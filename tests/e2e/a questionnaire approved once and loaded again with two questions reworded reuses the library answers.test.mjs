import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const PENTEST = 'No annual external penetration test yet; the first is booked for Q1.';
const EDITED = 'Yes: AES-256 at rest for every customer datastore (reviewed by our CISO).';

async function bands(page) {
  return page.$$eval('table.review tbody tr[data-id]', (rows) => Object.fromEntries(rows.map((tr) => [tr.dataset.id, {
    band: tr.querySelector('.band').textContent,
    text: tr.querySelector('.answer-text').textContent,
  }])));
}

test('approved answers are reused for the same and the slightly reworded questions, and the library can be exported, edited and imported', async () => {
  const page = await openApp(env);
  page.on('dialog', (d) => d.accept());
  const first = await readFile(join(FIXTURES, 'questionnaires/library-first.csv'));
  await dropAndDraft(page, 'library-first.csv', first, 5);
  const q1 = page.locator('tr[data-id="Q1"]');
  await q1.locator('.answer-text').dblclick();
  await page.locator('textarea[id^="edit-"]').fill(EDITED);
  await page.click('button:has-text("Save")');
  // The posture does not say: the reviewer writes the answer.
  const q4 = page.locator('tr[data-id="Q4"]');
  await q4.locator('select').selectOption('no');
  await q4.locator('.answer-text').dblclick();
  await page.locator('textarea[id^="edit-"]').fill(PENTEST);
  await page.click('button:has-text("Save")');
  // Approved rows move to the end of the table, so each click waits for the count.
  for (const [n, id] of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].entries()) {
    await page.locator(`tr[data-id="${id}"] input[type="checkbox"]`).click();
    await page.waitForFunction((k) => document.querySelector('[data-testid="counts"]')?.textContent.startsWith(`${k} of 5 approved`), n + 1);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="counts"]')?.textContent.startsWith('5 of 5 approved'));

  await page.click('nav a[href="#library"]');
  await page.waitForSelector('[data-testid="library-count"] >> text=5 approved answers');
  assert.match(await page.locator('tr[data-question="Is customer data encrypted at rest?"]').innerText(), /library-first\.csv › Q1/);

  // The same questionnaire, two questions reworded slightly and one new.
  const second = await readFile(join(FIXTURES, 'questionnaires/library-reworded.csv'));
  await dropAndDraft(page, 'library-reworded.csv', second, 5);
  const got = await bands(page);
  assert.match(got.R1.band, /library[\s\S]*from library \(close wording\): approved \d{4}-\d\d-\d\d/);
  assert.equal(got.R1.text, EDITED, 'the reviewer\'s approved text, not a fresh draft');
  assert.match(got.R3.band, /from library \(close wording\)/);
  assert.match(got.R2.band, /from library: approved/);
  assert.match(got.R4.band, /from library: approved/);
  assert.equal(got.R4.text, PENTEST);
  assert.doesNotMatch(got.R5.band, /library/, 'a new question is drafted fresh');
  // Library answers rank above fresh drafts: with doubtful first, they come last.
  const order = await page.$$eval('table.review tbody tr[data-id]', (rows) => rows.map((r) => r.dataset.id));
  assert.equal(order[0], 'R5');
  // The confidence filter has a library band.
  await page.selectOption('#filter-band', 'library');
  assert.equal(await page.locator('table.review tbody tr[data-id]').count(), 4);

  // Export the library as JSON and CSV, edit and remove entries, import the JSON back.
  await page.click('nav a[href="#library"]');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export JSON")')]);
  const saved = await readFile(await json.path());
  assert.equal(JSON.parse(saved.toString('utf8')).entries.length, 5);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export CSV")')]);
  const csvText = (await readFile(await csv.path())).toString('utf8');
  assert.match(csvText, /^question,answer,choice,text,citations,approved,source,scope\n/);
  assert.ok(csvText.includes(EDITED));
  const entry = page.locator('tr[data-question="Is there a business continuity plan?"]');
  await entry.locator('textarea').fill('Edited in the library.');
  await entry.locator('textarea').blur();
  await page.click('button[aria-label="Remove Do you screen new staff?"]');
  await page.waitForSelector('[data-testid="library-count"] >> text=4 approved answers');
  await page.setInputFiles('#library-import', { name: 'trustdraft-library.json', mimeType: 'application/json', buffer: saved });
  await page.waitForSelector('.notice >> text=Imported 5 approved answers from trustdraft-library.json');
  await page.waitForSelector('[data-testid="library-count"] >> text=5 approved answers');

  // The library survives a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('nav a[href="#library"]');
  await page.waitForSelector('[data-testid="library-count"] >> text=5 approved answers');
  assert.deepEqual(page.errors, []);
});
