import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openApp } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 390, height: 844 };
let env;
// axe is injected as a script: this context alone bypasses the app's CSP to allow that.
before(async () => { env = await launch({ bypassCSP: true, viewport: PHONE, deviceScaleFactor: 3, isMobile: true, hasTouch: true }); });
after(async () => { await env.close(); });

/** The bounding boxes of every element matching `selector`, in page coordinates. */
function boxes(page, selector) {
  return page.$$eval(selector, (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent.trim(), left: r.left, right: r.right, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
  }));
}

/** How far the page is wider than the screen (0: it does not scroll sideways). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function audit(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], what);
}

test('at 390 × 844 every page is a tap away, the Ask box is on the first screen, and answers and the coverage grid stay inside the screen', async () => {
  const page = await openApp(env, '#ask');

  // Every link of the navigation lies inside the first screen, none of them cut off.
  const links = await boxes(page, 'nav[aria-label="Pages"] a');
  assert.deepEqual(links.map((l) => l.text), ['Ask', 'Questionnaire', 'Coverage', 'Posture', 'Library']);
  for (const l of links) {
    assert.ok(l.left >= 0 && l.right <= PHONE.width && l.bottom <= PHONE.height, `${l.text} at ${JSON.stringify(l)}`);
  }
  // The certification banner keeps its status lines but folds the paragraphs: the Ask box is
  // on the first screen.
  const [input] = await boxes(page, '#ask-input');
  assert.ok(input.bottom <= PHONE.height, `the Ask box ends at ${input.bottom} px`);
  assert.ok(await page.$$eval('details.page-status', (ds) => ds.length > 0 && ds.every((d) => !d.open)));
  await page.click('details.page-status > summary');
  assert.ok(await page.$eval('details.page-status', (d) => d.open), 'a tap opens the paragraph');
  assert.ok(await page.isVisible('details.page-status .page-summary'));
  assert.equal(await overflow(page), 0, 'Ask, first visit');
  await audit(page, 'Ask at 390 px');

  // An answer with its citations and evidence reads without scrolling sideways.
  await page.fill('#ask-input', 'is customer data encrypted at rest');
  await page.waitForSelector('section.answer ul.citations li');
  for (const b of await boxes(page, 'section.answer, section.answer .citations li, .hits > li')) {
    assert.ok(b.left >= 0 && b.right <= PHONE.width, `"${b.text.slice(0, 40)}" spans ${b.left}–${b.right} px`);
  }
  assert.equal(await overflow(page), 0, 'Ask, answered');
  await audit(page, 'Ask answered at 390 px');

  // Coverage is reached by a tap; its grid wraps inside the screen and a cell opens its detail.
  await page.tap('nav a[href="#coverage"]');
  await page.waitForSelector('.coverage-grid');
  // Its certification paragraphs fold under their status lines too.
  assert.ok(await page.$$eval('.cert-status details', (ds) => ds.length > 0 && ds.every((d) => !d.open)));
  for (const b of await boxes(page, '.coverage-grid')) {
    assert.ok(b.left >= 0 && b.right <= PHONE.width, `the grid spans ${b.left}–${b.right} px`);
  }
  await page.tap('button[data-control="ISO27001:A.5.37"]');
  await page.waitForSelector('.coverage-detail');
  assert.equal(await overflow(page), 0, 'Coverage');
  await audit(page, 'Coverage at 390 px');

  // The Posture and Library pages are reached too.
  await page.tap('nav a[href="#browse"]');
  await page.waitForSelector('#browse-title');
  await page.tap('nav a[href="#library"]');
  await page.waitForFunction(() => location.hash === '#library');
  assert.deepEqual(page.errors, []);
});
