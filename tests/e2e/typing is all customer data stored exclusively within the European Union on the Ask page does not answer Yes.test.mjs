import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const QUESTION = 'Is all customer data stored exclusively within the European Union?';

test('the answer is not Yes, and the page says which words of the question no row states', async () => {
  const page = await openApp(env, '#ask');
  await page.locator('#ask-input').pressSequentially(QUESTION, { delay: 5 });
  // Wait for the answer to the whole question (the box answers as the user types).
  await page.waitForFunction((q) => document.querySelector('#ask-input').value === q
    && document.querySelector('section.answer') !== null, QUESTION);
  await page.waitForTimeout(200);
  const answer = page.locator('section.answer');
  const word = await answer.getAttribute('data-answer');
  assert.notEqual(word, 'yes', 'a row about customers or storage does not say where data is kept');
  assert.doesNotMatch(await answer.locator('.answer-word').innerText(), /Answer: Yes/);
  const why = await answer.locator('ul.why').innerText();
  assert.match(why, /not stated: .*European/);
  assert.deepEqual(page.errors, []);
});

test('a question the posture states is still answered Yes, with the words its row states', async () => {
  const page = await openApp(env, '#ask?q=' + encodeURIComponent('Is customer data encrypted at rest?'));
  await page.waitForSelector('section.answer[data-answer="yes"]');
  assert.match(await page.locator('section.answer ul.why').innerText(), /A\.8\.24 states: encrypted/);
});
