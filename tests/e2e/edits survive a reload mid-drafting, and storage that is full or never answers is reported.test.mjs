import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, dropFile, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('a reload in the middle of drafting keeps the approvals and resumes drafting', async () => {
  for (const p of env.context.pages()) await p.close();
  const lines = ['id,question'];
  for (let i = 1; i <= 3000; i += 1) lines.push(`Q${i},Is customer data encrypted at rest in system ${i}?`);
  const page = await openApp(env, '#questionnaire');
  await dropFile(page, 'many.csv', Buffer.from(lines.join('\n')));
  await page.click('button:has-text("Draft all 3000 questions")');
  await page.waitForFunction(() => Number(document.querySelector('#draft-progress')?.getAttribute('value')) > 200);
  await page.locator('tr[data-id="Q1"] input[type="checkbox"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="counts"]')?.textContent.startsWith('1 of 3000'));
  await page.waitForTimeout(700);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('text=Drafted 3000 of 3000 questions', { timeout: 120_000 });
  assert.match(await page.locator('[data-testid="counts"]').innerText(), /^1 of 3000 approved/);
  // Approved drafts sort last; in questionnaire order Q1 is first.
  await page.locator('label:has-text("Doubtful first") input').click();
  assert.equal(await page.locator('tr[data-id="Q1"] input[type="checkbox"]').isChecked(), true);
});

test('a full storage quota is reported and the work can still be exported', async () => {
  for (const p of env.context.pages()) await p.close();
  // Every IndexedDB write fails as it does when the site's quota is used up.
  const page = await env.context.newPage();
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function put() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  page.on('dialog', (d) => d.accept());
  await page.goto(env.url + '#questionnaire');
  await page.waitForSelector('body[data-ready="true"]');
  await dropAndDraft(page, 'caiq-layout.xlsx', await readFile(join(FIXTURES, 'questionnaires/caiq-layout.xlsx')), 21);
  const notice = page.locator('.notice-error:has-text("could not be saved in this browser")');
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.innerText(), /storage for this site is full\)\. Export it now to keep it\./);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export caiq-layout.xlsx answered")').then(() => page.click('button:has-text("Write and download")'))]);
  assert.equal(download.suggestedFilename(), 'caiq-layout-answered.xlsx');
});

test('a browser storage that never answers is detected and said, and the app still works', async () => {
  for (const p of env.context.pages()) await p.close();
  // Every IndexedDB open hangs, as in a damaged profile: no success, no error, ever.
  const page = await env.context.newPage();
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function open() { return {}; };
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url + '#questionnaire');
  await page.waitForSelector('body[data-ready="true"]');
  const notice = page.locator('.notice-error:has-text("did not answer")');
  await notice.waitFor({ timeout: 15_000 });
  const text = await notice.innerText();
  assert.match(text, /Your saved work could not be restored: the browser's storage did not answer within 4 seconds\. Nothing you do now can be saved either/);
  assert.doesNotMatch(text, /newer/, 'start-up no longer blames a newer version');
  // The app itself still answers.
  await page.click('nav a[href="#ask"]');
  await page.fill('#ask-input', 'Is data encrypted at rest?');
  await page.waitForSelector('section.answer');
  assert.deepEqual(errors, []);
});
