import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the Posture page lists all 81 rows in 8 tables, the objectives and the pointers', async () => {
  const page = await openApp(env, '#posture');
  await page.waitForSelector('#browse-title');
  assert.equal(await page.locator('.posture-page tbody tr').count(), 81);
  const captions = await page.locator('.posture-page caption').allInnerTexts();
  assert.equal(captions.length, 8);
  assert.equal(captions[0], 'Status by ISMS clause (4–10)');
  const row = page.locator('tr[data-ref="A.5.3–5.6"]');
  assert.match(await row.innerText(), /Partial/);
  assert.match(await row.innerText(), /covers A\.5\.3, A\.5\.4, A\.5\.5, A\.5\.6/);
  const api = page.locator('table.objectives tr', { hasText: 'API — primary' });
  assert.match(await api.innerText(), /≤ 60 seconds\s+= 0\s+✓ Met\s+1, 2, 3, 4, 5, 9/);
  assert.equal(await page.locator('dt[data-pointer^="dr-scenario:"]').count(), 11);
  assert.match(await page.locator('dt[data-pointer="dr-scenario:22"] + dd').innerText(), /cited by A\.8\.13, Database — backup restore, Backup integrity/);
});

test('the navigation moves between Ask and Posture and marks the current page', async () => {
  const page = await openApp(env, '#ask');
  await page.click('nav a[href="#browse"]');
  await page.waitForSelector('#browse-title');
  assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Posture');
  await page.goBack();
  await page.waitForSelector('#ask-input');
});

test('the app asks nothing of any origin but its own', async () => {
  const page = await openApp(env, '#ask');
  await page.fill('#ask-input', 'MFA');
  await page.waitForSelector('.hits > li');
  const foreign = env.requests.filter((u) => !u.startsWith(env.url));
  assert.deepEqual(foreign, []);
  assert.ok(env.requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded from the app');
});
