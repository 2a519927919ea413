// Issue 16: a 4.9 MB page of nested tables froze the page for 20 s and a 10,000-row page for
// seconds at each step, and the nested page was read as one table of one row. Now the work is
// bounded (budgets that cut and say so), done once, and in steps the page shows between which
// it answers clicks. How long each step takes is measured by bench/huge-pages.mjs, not here.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launch, openApp } from './helpers.mjs';

const LARGE = resolve(import.meta.dirname, '../hostile/large');

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** Records, from now on, every step of work the page shows and every click it answers. */
function watch(page) {
  return page.evaluate(() => {
    window.__steps = [];
    window.__clicks = 0;
    new MutationObserver(() => {
      for (const e of document.querySelectorAll('[data-testid="posture-progress"]')) {
        if (window.__steps.at(-1) !== e.textContent) window.__steps.push(e.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    document.addEventListener('click', () => { window.__clicks += 1; }, true);
  });
}

test('the 10,000-row page: parsed once with its steps shown, the page answering a click while it is indexed', async () => {
  assert.ok(existsSync(join(LARGE, 'ten-thousand-rows.md')), 'run node tests/hostile/make-corpus.mjs first');
  const page = await openApp(env, '#browse');
  await watch(page);
  await page.setInputFiles('#posture-files', join(LARGE, 'ten-thousand-rows.md'));
  await page.waitForSelector('[data-testid="posture-report"]');
  assert.match(await page.locator('[data-testid="posture-report"] .summary').innerText(), /1 page read: 10000 rows in 1 tables/);
  // While it is indexed, the page shows so, and a click on the navigation is answered.
  await page.click('button:has-text("Replace the current posture")');
  await page.click('nav a[href="#coverage"]');
  await page.waitForSelector('.notice >> text=Now answering from 1 page with 10000 rows', { timeout: 120_000 });
  await page.waitForSelector('.coverage-grid');
  const steps = await page.evaluate(() => window.__steps);
  assert.ok(steps.some((s) => /Parsing 1 page/.test(s)), steps.join(' | '));
  assert.ok(steps.some((s) => /indexing 10000 rows/.test(s)), steps.join(' | '));
  assert.ok(await page.evaluate(() => window.__clicks) >= 1);
  // The Posture page shows a first part of the table at once, the rest a click away.
  await page.click('nav a[href="#browse"]');
  await page.waitForSelector('button:has-text("Show all 10000 rows of this table")');
  assert.equal(await page.locator('.posture-page tbody tr').count(), 200);
  // And the posture answers.
  await page.click('nav a[href="#ask"]');
  await page.fill('#ask-input', 'access review');
  await page.waitForSelector('.hits > li');
  assert.deepEqual(page.errors, []);
});

test('the 4.9 MB nested-table page is read as the tables it holds, the cut said, without holding the page', async () => {
  const page = await openApp(env, '#browse');
  page.on('dialog', (d) => d.accept());
  await page.click('button:has-text("Back to the embedded default")').catch(() => {});
  await watch(page);
  const bytes = await readFile(join(LARGE, 'nested-tables.html'));
  await page.setInputFiles('#posture-files', [{ name: 'nested-tables.html', mimeType: 'text/html', buffer: bytes }]);
  await page.waitForSelector('[data-testid="posture-report"]');
  const report = await page.locator('[data-testid="posture-report"]').innerText();
  assert.match(report, /1 page read: 8 rows in /);
  assert.match(report, /nested-tables\.html:18: tables nested more than 8 deep are not read/);
  await page.click('button:has-text("Replace the current posture")');
  await page.waitForSelector('.notice >> text=Now answering from 1 page with 8 rows', { timeout: 60_000 });
  assert.ok((await page.evaluate(() => window.__steps)).some((s) => /Parsing 1 page/.test(s)));
  assert.deepEqual(page.errors, []);
});
