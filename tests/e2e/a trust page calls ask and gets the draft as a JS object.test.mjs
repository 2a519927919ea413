import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('embed-example.html imports the module and calls ask()', async () => {
  const page = await env.context.newPage();
  await page.goto(env.url + 'embed-example.html');
  await page.waitForSelector('body[data-embed-ready="true"]');
  const draft = await page.evaluate(async () => {
    const m = await import('./pkg/trustdraft_web.js');
    return m.ask('Are you ISO 22301 certified?');
  });
  assert.equal(draft.answer, 'no');
  assert.match(draft.text, /not currently ISO 22301 certified/);
  assert.equal(draft.citations[0].page, 'ISO 22301:2019 — Business Continuity');
  await page.fill('#q', 'is data encrypted at rest');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#answer')?.textContent.startsWith('Yes'));
});
