// Issue 16: two tabs on the same questionnaire each saved the whole work, the later save wiping
// the other tab's approvals and edits. Now a tab merges what another tab saved, question by
// question, before it writes (and as soon as it hears of it).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const approved = (page, id) => page.locator(`tr[data-id="${id}"] input[type="checkbox"]`).isChecked();

test('two tabs approving different questions keep both, in both tabs and after a reload', async () => {
  const first = await openApp(env, '#questionnaire');
  first.on('dialog', (d) => d.accept());
  await dropAndDraft(first, 'id-question.csv', await readFile(join(FIXTURES, 'questionnaires/id-question.csv')), 2);
  await first.waitForTimeout(600);
  const second = await openApp(env, '#questionnaire');
  await second.waitForSelector('tr[data-id="S2"]');

  // The second tab edits an answer's text (before any approval re-sorts the rows under the
  // pointer); then both approve at the same moment, each a different question.
  await second.locator('tr[data-id="S2"] .answer-text').dblclick();
  await second.locator('textarea[id="edit-1"]').fill('Listed on our trust page.');
  await second.click('button:has-text("Save")');
  await Promise.all([
    first.locator('tr[data-id="S1"] input[type="checkbox"]').click(),
    second.locator('tr[data-id="S2"] input[type="checkbox"]').click(),
  ]);

  // Each tab shows the other's approval (and the edit) without a reload.
  for (const page of [first, second]) {
    await page.waitForFunction(() => document.querySelector('[data-testid="counts"]')?.textContent.startsWith('2 of 2 approved'), null, { timeout: 10_000 });
    assert.equal(await approved(page, 'S1'), true);
    assert.equal(await approved(page, 'S2'), true);
  }
  await first.waitForSelector('tr[data-id="S2"] .answer-text >> text=Listed on our trust page.');
  assert.match(await first.locator('.notice').innerText(), /Changes made in another tab to 1 question were merged in here/);

  // And what is saved has both.
  await first.waitForTimeout(600);
  await first.reload();
  await first.waitForSelector('tr[data-id="S2"]');
  assert.equal(await approved(first, 'S1'), true);
  assert.equal(await approved(first, 'S2'), true);
  assert.match(await first.locator('tr[data-id="S2"] .answer-text').innerText(), /Listed on our trust page\./);
  await first.click('nav a[href="#library"]');
  await first.waitForSelector('[data-testid="library-count"] >> text=2 approved answers');
  assert.deepEqual([...first.errors, ...second.errors], []);
});
