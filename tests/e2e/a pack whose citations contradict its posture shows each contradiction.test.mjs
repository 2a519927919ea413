// Issue 16: a vendor's pack citing A.8.13 as Met where its own posture says Not met, a row its
// posture lacks and a control no catalog has was shown approved, "▲ high", under the banner of
// whatever name the pack gave itself. Now each contradiction is shown on its answer, in red and
// in words; the banner names the vendor as the pages name themselves, the pack's claim as a claim.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dropFile, launch, openApp } from './helpers.mjs';

const CORPUS = resolve(import.meta.dirname, '../hostile');
const expected = JSON.parse(await readFile(join(CORPUS, 'expected.json'), 'utf8'));
const c = expected.packs.find((p) => p.file === 'hostile-pack.json');

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

async function checkShown(page) {
  const banner = await page.locator('[data-testid="pack-banner"]').innerText();
  assert.match(banner, new RegExp(`Answer pack on ${c.vendor}'s posture`));
  assert.doesNotMatch(banner, /Answer pack (from|on) Glassbreak/, 'the claim is never the title');
  assert.match(await page.locator('[data-testid="pack-claim"]').innerText(), new RegExp(`The pack says it comes from .${c.claimed.replace(/[()]/g, '\\$&')}.\\. That is the pack's own claim`));
  assert.match(await page.locator('[data-testid="pack-verdict"]').innerText(), new RegExp(`${c.contradicted} of ${c.answers} answers contradict the posture in the pack`));
  for (const [id, words] of Object.entries(c.contradictions)) {
    const cell = page.locator(`tr[data-id="${id}"] [data-testid="contradictions"]`);
    const text = await cell.innerText();
    for (const w of words) assert.ok(text.includes(w), `${id}: ${w}\n${text}`);
    // In red: the colour of Not met.
    assert.equal(await cell.evaluate((e) => getComputedStyle(e).color), 'rgb(164, 14, 38)');
    assert.doesNotMatch(await page.locator(`tr[data-id="${id}"]`).innerText(), /▲ high/);
  }
  assert.match(await page.locator('tr[data-id="H5"]').innerText(), /agrees with its posture/);
  assert.match(await page.locator('.site-footer').innerText(), new RegExp(`${c.vendor}'s posture from the answer pack hostile-pack\\.json`));
}

test('a pack whose citations contradict its posture shows each contradiction, and still after a reload', async () => {
  const page = await openApp(env, '#questionnaire');
  await page.waitForSelector('[data-testid="drop-zone"]');
  await dropFile(page, c.file, await readFile(join(CORPUS, c.file)));
  await page.waitForSelector('[data-testid="pack-verdict"]');
  await checkShown(page);
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('[data-testid="pack-verdict"]');
  await checkShown(page);
  assert.deepEqual(page.errors, []);
});
