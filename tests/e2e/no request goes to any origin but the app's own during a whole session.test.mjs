import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('every request of a session (ask, coverage, browse, questionnaire, export) is same-origin', async () => {
  const page = await openApp(env, '#ask');
  await page.fill('#ask-input', 'MFA');
  await page.waitForSelector('section.answer');
  for (const route of ['#coverage', '#browse', '#questionnaire']) {
    await page.click(`nav a[href="${route}"]`);
  }
  await dropAndDraft(page, 'id-question.csv', await readFile(join(FIXTURES, 'questionnaires/id-question.csv')), 2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Drafts as JSON")')]);
  assert.equal(download.suggestedFilename(), 'id-question-answered.json');
  const foreign = env.requests.filter((u) => !u.startsWith(env.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.ok(env.requests.some((u) => u.endsWith('.wasm')));
  // The CSP forbids anything else, on the wire and in the page.
  const response = await page.request.get(env.url);
  assert.match(response.headers()['content-security-policy'], /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /default-src 'self'/);
});
