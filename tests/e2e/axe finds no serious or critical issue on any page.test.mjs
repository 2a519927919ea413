import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { dropAndDraft, FIXTURES, launch, loadPosture, openApp } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let env;
// axe is injected as a script: this context alone bypasses the app's CSP to allow that.
before(async () => { env = await launch({ bypassCSP: true }); });
after(async () => { await env.close(); });

async function audit(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], what);
}

test('Ask (empty and answered), Coverage, Posture (with a parse report), the Questionnaire review and the Library pass axe', async () => {
  const page = await openApp(env, '#ask');
  await audit(page, 'Ask, first visit');
  await page.fill('#ask-input', 'are you ISO 27001 certified');
  await page.waitForSelector('section.answer');
  await audit(page, 'Ask, answered');
  await page.click('nav a[href="#coverage"]');
  await page.click('button[data-control="ISO27001:A.5.37"]');
  await audit(page, 'Coverage');
  await page.click('nav a[href="#browse"]');
  await page.waitForSelector('#browse-title');
  await audit(page, 'Posture');
  await loadPosture(page, [{ name: 'northwind-trust.html', bytes: await readFile(join(FIXTURES, 'posture/northwind-trust.html')) }], null);
  await audit(page, 'Posture, parse report');
  await page.click('button:has-text("Cancel")');
  await page.click('nav a[href="#questionnaire"]');
  await audit(page, 'Questionnaire, empty');
  await dropAndDraft(page, 'caiq-layout.xlsx', await readFile(join(FIXTURES, 'questionnaires/caiq-layout.xlsx')), 21);
  await audit(page, 'Questionnaire, review');
  await page.click('button:has-text("Approve the 21 shown")');
  await page.click('nav a[href="#library"]');
  await page.waitForSelector('table.library');
  await audit(page, 'Library');
});
