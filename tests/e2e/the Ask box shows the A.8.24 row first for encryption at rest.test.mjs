import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ask, launch, openApp, rowRefs } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the Ask box shows the A.8.24 row first for "is data encrypted at rest"', async () => {
  const page = await openApp(env, '#ask');
  await ask(page, 'is data encrypted at rest');
  const first = page.locator('.hits > li').first();
  assert.equal(await first.getAttribute('data-ref'), 'A.8.24');
  assert.match(await first.locator('.status').innerText(), /Met/);
  assert.match(await first.locator('.where').innerText(), /ISO\/IEC 27001:2022 › Annex A — Technological controls/);
  const marked = await first.locator('mark').allInnerTexts();
  assert.ok(marked.includes('rest') && marked.includes('encryption'), `marked: ${marked}`);
  const link = first.locator('.evidence a');
  assert.equal(await link.getAttribute('href'), '/technology/encryption');
  assert.deepEqual(page.errors, []);
});

test('"DR scenario 22" shows the backup rows', async () => {
  const page = await openApp(env, '#ask');
  await ask(page, 'DR scenario 22');
  const refs = (await rowRefs(page)).slice(0, 3).sort();
  assert.deepEqual(refs, ['A.8.13', 'Backup integrity', 'Database — backup restore']);
});

test('each page\'s certification status line is shown at the top', async () => {
  const page = await openApp(env);
  const banner = await page.locator('.status-banner').innerText();
  assert.match(banner, /ISO\/IEC 27001:2022 — Status: not pursuing in 2026 · reassessed quarterly · last updated 27 May 2026/);
  assert.match(banner, /ISO 22301:2019 — Business Continuity — Status: not pursuing in 2026/);
  assert.match(banner, /not currently ISO 27001 certified/);
});
