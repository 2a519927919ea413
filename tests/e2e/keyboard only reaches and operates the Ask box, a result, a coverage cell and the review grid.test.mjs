import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** Presses Tab until `predicate` holds for the focused element (at most `max` times). */
async function tabTo(page, predicate, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`not reached with Tab: ${predicate}`);
}

test('Tab and Enter: Ask box, a suggestion, an evidence link, a coverage cell', async () => {
  const page = await openApp(env, '#ask');
  await tabTo(page, () => document.activeElement?.id === 'ask-input');
  await page.keyboard.type('do you support sso');
  await page.waitForSelector('section.answer');
  await tabTo(page, () => document.activeElement?.closest('section.answer, .hits') !== null);
  await page.goto(env.url + '#ask');
  await page.waitForSelector('button.suggestion');
  await tabTo(page, () => document.activeElement?.classList.contains('suggestion'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('section.answer');

  await page.goto(env.url + '#coverage');
  await page.waitForSelector('button.cov-cell');
  await tabTo(page, () => document.activeElement?.dataset.control === 'ISO27001:A.5.2', 120);
  await page.keyboard.press('Enter');
  assert.match(await page.locator('.coverage-detail h2').innerText(), /ISO27001:A\.5\.2 .* — Met/);
});

test('the review grid: arrows move, Enter edits, Esc cancels, Enter approves', async () => {
  const page = await openApp(env);
  await dropAndDraft(page, 'caiq-layout.xlsx', await readFile(join(FIXTURES, 'questionnaires/caiq-layout.xlsx')), 21);
  await page.focus('#cell-0-1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-1-1');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-1-6');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  const editor = page.locator('textarea[id^="edit-"]');
  await editor.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
  await page.keyboard.type(' extra words');
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-1-5');
  assert.doesNotMatch(await page.locator('#cell-1-5').innerText(), /extra words/);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="counts"]')?.textContent.startsWith('1 of 21 approved'));
});
