// Issue 16: an approval followed at once by a reload or a closed tab was lost (the throttled save
// had not run yet). Leaving the page now saves at once, and a journal written synchronously
// keeps what the save could not finish.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const approved = (page, id) => page.locator(`tr[data-id="${id}"] input[type="checkbox"]`).isChecked();

test('a reload right after an approval keeps it, and so does closing the tab at once', async () => {
  const page = await openApp(env, '#questionnaire');
  page.on('dialog', (d) => d.accept());
  await dropAndDraft(page, 'id-question.csv', await readFile(join(FIXTURES, 'questionnaires/id-question.csv')), 2);
  await page.waitForTimeout(600); // the import itself is saved

  // Approve, and reload in the same breath: no time for the throttled save.
  await page.locator('tr[data-id="S1"] input[type="checkbox"]').click();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('tr[data-id="S1"]');
  assert.equal(await approved(page, 'S1'), true, 'approved, then reloaded at once: kept');

  // An edit of the text, then the tab closed at once; a new tab has it.
  await page.locator('tr[data-id="S2"] .answer-text').dblclick();
  await page.locator('textarea[id^="edit-"]').fill('Our subprocessors are listed at /legal/subprocessors.');
  await page.click('button:has-text("Save")');
  await page.locator('tr[data-id="S2"] input[type="checkbox"]').click();
  await page.close({ runBeforeUnload: true });
  const again = await openApp(env, '#questionnaire');
  await again.waitForSelector('tr[data-id="S2"]');
  assert.equal(await approved(again, 'S2'), true);
  assert.match(await again.locator('tr[data-id="S2"] .answer-text').innerText(), /listed at \/legal\/subprocessors/);
  assert.match(await again.locator('[data-testid="counts"]').innerText(), /^2 of 2 approved/);
  // The approvals reached the library too.
  await again.click('nav a[href="#library"]');
  await again.waitForSelector('[data-testid="library-count"] >> text=2 approved answers');
  assert.deepEqual(again.errors, []);
});
