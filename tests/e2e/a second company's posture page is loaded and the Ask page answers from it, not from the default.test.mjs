import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { askAnswer, FIXTURES, launch, loadPosture, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const page_ = (name) => readFile(join(FIXTURES, 'posture', name)).then((bytes) => ({ name, bytes }));

test('a markdown page with Planned, Not met and N/A rows replaces the default, survives a reload, then the HTML variant and the default return', async () => {
  const page = await openApp(env);
  const before = await askAnswer(page, 'Are backup restores tested?');
  assert.ok(before.cites.every((c) => !c.includes('Northwind')), 'the default posture answers first');

  // The parse report, before anything is replaced.
  const report = await loadPosture(page, [await page_('northwind-iso27001.md')], null);
  assert.match(report, /1 page read: 4 rows in 1 tables, 4 evidence pointers\./);
  assert.match(report, /Northwind Analytics — ISO\/IEC 27001:2022/);
  assert.match(report, /1 Met, 1 N\/A, 1 Planned, 1 Not met/);
  assert.match(report, /certified since March 2025/);
  await page.click('button:has-text("Replace the current posture")');
  await page.waitForSelector('.notice >> text=Now answering from 1 page with 4 rows');

  const backups = await askAnswer(page, 'Are backup restores tested?');
  assert.equal(backups.answer, 'no');
  assert.match(backups.text, /restores are not tested/);
  assert.equal(backups.cites.length, 1);
  assert.match(backups.cites[0], /A\.8\.13.*Not met.*Northwind Analytics/);

  const threat = await askAnswer(page, 'Do you consume threat intelligence?');
  assert.notEqual(threat.answer, 'yes', 'a Planned row is never a yes');
  assert.match(threat.cites[0], /A\.5\.7.*Planned/);

  const cert = await askAnswer(page, 'Are you ISO 27001 certified?');
  assert.equal(cert.answer, 'yes', 'Northwind is certified; the default is not');

  // Saved: a reload answers from Northwind again, and the footer says whose posture it is.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.locator('.site-footer').innerText(), /Your posture, loaded \d{4}-\d\d-\d\d: northwind-iso27001\.md · 4 rows/);
  assert.match((await askAnswer(page, 'Are backup restores tested?')).cites[0], /Northwind/);

  // The JS entry a trust page calls answers from the same posture.
  const viaJs = await page.evaluate(async () => {
    const m = await import('./pkg/trustdraft_web.js');
    return m.ask('Are backup restores tested?');
  });
  assert.equal(viaJs.citations[0].page, 'Northwind Analytics — ISO/IEC 27001:2022');

  // The same company's page published as HTML: columns in another order, links as evidence.
  const html = await loadPosture(page, [await page_('northwind-trust.html')], null);
  assert.match(html, /1 page read: 5 rows in 1 tables, \d+ evidence pointers\./);
  await page.click('button:has-text("Replace the current posture")');
  await page.waitForSelector('.notice >> text=Now answering from 1 page with 5 rows');
  const sso = await askAnswer(page, 'Do employees sign in with single sign-on and hardware security keys?');
  assert.equal(sso.answer, 'yes');
  assert.match(sso.cites[0], /A\.8\.5.*Met/);
  const crypto = await askAnswer(page, 'Is customer data encrypted at rest?');
  assert.match(crypto.cites[0], /A\.8\.24/);
  assert.match(crypto.cites[0], /\/security\/crypto/);

  // Coverage follows the posture: five rows cover five Annex A controls.
  await page.click('nav a[href="#coverage"]');
  await page.waitForSelector('.coverage-grid');
  const covered = await page.$$eval('.cov-cell', (cells) => cells.filter((c) => !c.className.includes('gap')).length);
  assert.ok(covered <= 10, `${covered} cells covered`);

  // Back to the embedded default.
  page.once('dialog', (d) => d.accept());
  await page.click('nav a[href="#browse"]');
  await page.click('button:has-text("Back to the embedded default")');
  await page.waitForSelector('text=The embedded default posture');
  const again = await askAnswer(page, 'Are backup restores tested?');
  assert.ok(again.cites.every((c) => !c.includes('Northwind')));
  assert.deepEqual(page.errors, []);
});
