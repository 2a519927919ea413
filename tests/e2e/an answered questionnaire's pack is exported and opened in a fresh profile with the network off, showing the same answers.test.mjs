import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { askAnswer, dropAndDraft, dropFile, FIXTURES, launch, loadPosture, openApp } from './helpers.mjs';

let vendor;
let customer;
before(async () => { vendor = await launch(); customer = await launch(); });
after(async () => { await vendor.close(); await customer.close(); });

/** The review table's rows: id, answer, text and how many sources each cites. */
function answers(page) {
  return page.$$eval('table.review tbody tr[data-id]', (rows) => rows.map((tr) => ({
    id: tr.dataset.id,
    answer: tr.querySelector('select').value,
    text: tr.querySelector('.answer-text').textContent.replace(' (edited)', ''),
    sources: tr.querySelector('button[aria-controls]').textContent,
  })).sort((a, b) => a.id.localeCompare(b.id)));
}

test('the vendor exports a pack; the customer opens it offline in a fresh profile and sees the same answers and the vendor\'s posture', async () => {
  // The vendor: their own posture, a questionnaire drafted, one answer edited, all approved.
  const page = await openApp(vendor);
  const html = await readFile(join(FIXTURES, 'posture/northwind-trust.html'));
  await loadPosture(page, [{ name: 'northwind-trust.html', bytes: html }]);
  const csv = await readFile(join(FIXTURES, 'questionnaires/northwind-questions.csv'));
  await dropAndDraft(page, 'northwind-questions.csv', csv, 6);
  const row = page.locator('tr[data-id="NW-6"]');
  await row.locator('select').selectOption('no');
  await row.locator('.answer-text').dblclick();
  await page.locator('textarea[id^="edit-"]').fill('No public bug bounty; researchers report to security@northwind.example.');
  await page.click('button:has-text("Save")');
  await page.click('button:has-text("Approve the 6 shown")');
  await row.locator('input[type="checkbox"]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="counts"]')?.textContent.startsWith('6 of 6 approved'));
  const sent = await answers(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Answer pack")')]);
  assert.equal(download.suggestedFilename(), 'northwind-questions.trustdraft-pack.json');
  const pack = await readFile(await download.path());
  const parsed = JSON.parse(pack.toString('utf8'));
  assert.equal(parsed.format, 'trustdraft-answer-pack');
  assert.equal(parsed.version, 1);
  assert.equal(parsed.vendor, 'Northwind Analytics');
  assert.equal(parsed.answers.length, 6);
  assert.equal(parsed.posture[0].name, 'northwind-trust.html');

  // The customer: a fresh profile that has never seen Northwind, the network off.
  const mine = await openApp(customer);
  // The service worker (registered once the app has started) has precached the app, so the
  // second test below can open it again offline.
  await mine.evaluate(() => navigator.serviceWorker.ready);
  await customer.context.setOffline(true);
  const from = customer.requests.length;
  await mine.click('nav a[href="#questionnaire"]');
  await mine.waitForSelector('#questionnaire-title');
  await dropFile(mine, 'northwind-questions.trustdraft-pack.json', pack);
  await mine.waitForSelector('[data-testid="pack-banner"]');
  const banner = await mine.locator('[data-testid="pack-banner"]').innerText();
  assert.match(banner, /Answer pack on Northwind Analytics's posture[\s\S]*6 answers to northwind-questions\.csv[\s\S]*trustdraft 0\.1\.0/);
  // Made by the app from approved drafts: every citation agrees with the posture it carries.
  assert.match(banner, /Every answer's citations agree with the posture in the pack/);
  assert.equal(await mine.locator('[data-testid="pack-claim"]').count(), 0, 'the pack names the vendor its pages name');
  assert.equal(await mine.locator('[data-testid="contradictions"]').count(), 0);
  assert.match(await mine.locator('[data-testid="pack-fingerprint"]').getAttribute('title'), /^sha256:[0-9a-f]{64}$/);
  await mine.waitForSelector('table.review tbody tr[data-id="NW-6"]');
  assert.deepEqual(await answers(mine), sent);
  assert.match(await mine.locator('tr[data-id="NW-6"] .answer-text').innerText(), /security@northwind\.example/);
  // Their citations open, with statuses.
  await mine.click('tr[data-id="NW-2"] button[aria-controls]');
  assert.match(await mine.locator('.sources').innerText(), /A\.8\.13\D+Not met/);
  // No workbook to write into, so no such button; CSV and JSON remain.
  assert.equal(await mine.locator('button:has-text("answered")').count(), 0);

  // Further questions are answered from the vendor's posture, and coverage is the vendor's.
  const further = await askAnswer(mine, 'Is access protected with single sign-on?');
  assert.match(further.cites[0], /A\.8\.5.*Northwind Analytics/);
  await mine.click('nav a[href="#coverage"]');
  await mine.waitForSelector('.coverage-grid');
  assert.match(await mine.locator('.site-footer').innerText(), /Northwind Analytics's posture from the answer pack/);
  // Nothing went anywhere but the app's own origin while offline (nothing at all, in fact).
  const origin = new URL(customer.url).origin;
  assert.deepEqual(customer.requests.slice(from).filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(mine.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);

  // Opening a pack where the user had loaded a posture of their own never loses it.
  page.on('dialog', (d) => d.accept());
  await dropFile(page, 'northwind-questions.trustdraft-pack.json', pack);
  await page.waitForSelector('[data-testid="pack-banner"]');
  await page.click('nav a[href="#browse"]');
  await page.click('button:has-text("Back to your own posture (loaded")');
  await page.waitForSelector('[data-testid="posture-source"] >> text=Your posture, loaded');
});

test('the version 1 fixture pack still opens', async () => {
  const mine = await openApp(customer);
  await mine.click('nav a[href="#questionnaire"]');
  await mine.waitForSelector('#questionnaire-title');
  mine.on('dialog', (d) => d.accept()); // it replaces the pack opened before
  await dropFile(mine, 'pack-v1.json', await readFile(join(FIXTURES, 'packs/pack-v1.json')));
  await mine.waitForSelector('[data-testid="pack-banner"] >> text=3 answers to');
  assert.equal(await mine.locator('table.review tbody tr[data-id]').count(), 3);
  assert.equal(await mine.locator('tr[data-id="N2"] select').inputValue(), 'no');
});
