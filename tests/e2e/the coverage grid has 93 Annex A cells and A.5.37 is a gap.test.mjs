import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

test('93 Annex A cells by theme, clauses of both standards, A.5.37 a gap, a click opens the rows', async () => {
  const page = await openApp(env, '#coverage');
  await page.waitForSelector('#coverage-title');
  const annex = page.locator('button.cov-cell[data-control^="ISO27001:A."]');
  assert.equal(await annex.count(), 93);
  for (const [theme, n] of [['A-5', 37], ['A-6', 8], ['A-7', 14], ['A-8', 34]]) {
    assert.equal(await page.locator(`section[aria-labelledby="theme-${theme}"] button.cov-cell`).count(), n, theme);
  }
  const gap = page.locator('button[data-control="ISO27001:A.5.37"]');
  assert.match(await gap.innerText(), /A\.5\.37\s+Gap/);
  assert.match(await gap.getAttribute('class'), /cov-gap/);
  assert.equal(await page.locator('button.cov-gap[data-control^="ISO27001:A."]').count(), 1);
  assert.match(await page.locator('[data-testid="annex-counts"]').innerText(), /Met · .* Partial · 1 Gap/);
  assert.equal(await page.locator('section[aria-labelledby="clauses-27001"] button.cov-cell').count(), 7);
  assert.equal(await page.locator('section[aria-labelledby="clauses-22301"] button.cov-cell').count(), 7);
  assert.match(await page.locator('.cert-status').innerText(), /ISO\/IEC 27001:2022 — not pursuing in 2026/);

  await page.click('button[data-control="ISO27001:A.8.24"]');
  const detail = page.locator('.coverage-detail');
  assert.match(await detail.locator('h2').innerText(), /ISO27001:A\.8\.24 Use of cryptography — Met/);
  assert.match(await detail.innerText(), /AES-256-GCM at rest/);
  await page.click('button[data-control="ISO27001:A.5.37"]');
  assert.match(await detail.innerText(), /No row of the posture covers this control/);
});
