import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the service worker precaches the app; offline, a reload still answers', async () => {
  const page = await openApp(env, '#ask');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  // Wait until this page is controlled (the worker claims it once installed).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await env.context.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await page.fill('#ask-input', 'how are backups verified');
    await page.waitForSelector('section.answer[data-answer="yes"]');
    assert.match(await page.locator('section.answer').innerText(), /DR scenario 22/);
    await page.click('nav a[href="#coverage"]');
    await page.waitForSelector('button[data-control="ISO27001:A.5.37"]');
  } finally {
    await env.context.setOffline(false);
  }
});
