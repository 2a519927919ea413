import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('the answer appears as the user types, with the reasons, triggers and cited page', async () => {
  const page = await openApp(env, '#ask');
  await page.locator('#ask-input').pressSequentially('are you ISO 27001 certified', { delay: 10 });
  const answer = page.locator('section.answer');
  await page.waitForFunction(() => document.querySelector('section.answer')?.dataset.answer === 'no');
  assert.match(await answer.locator('.answer-word').innerText(), /^Answer: No/);
  const text = await answer.locator('.answer-text').innerText();
  assert.match(text, /not currently ISO 27001 certified/);
  assert.match(text, /not pursuing in 2026/);
  assert.match(text, /EU-headquartered ARR exceeds £500,000/);
  assert.match(await answer.locator('.citations').innerText(), /When we will start\s+ISO\/IEC 27001:2022/);
  // The URL carries the question: opening it elsewhere shows the same answer.
  assert.equal(new URL(page.url()).hash, '#ask?q=are%20you%20ISO%2027001%20certified');
  const shared = await openApp(env, '#ask?q=are%20you%20ISO%2027001%20certified');
  await shared.waitForSelector('section.answer[data-answer="no"]');
  assert.equal(await shared.inputValue('#ask-input'), 'are you ISO 27001 certified');
});

test('a first visit suggests questions, and a suggestion answers with links to evidence', async () => {
  const page = await openApp(env, '#ask');
  const suggestions = page.locator('button.suggestion');
  assert.ok(await suggestions.count() >= 4);
  await page.click('button.suggestion:has-text("Is customer data encrypted at rest?")');
  await page.waitForSelector('section.answer[data-answer="yes"]');
  assert.equal(await page.locator('section.answer .citations a').first().getAttribute('href'), '/technology/encryption');
  assert.match(await page.locator('section.answer .citations').innerText(), /A\.8\.24\s+✓ Met/);
});
