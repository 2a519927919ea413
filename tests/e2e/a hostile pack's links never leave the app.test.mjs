// Issue 16: evidence a stranger wrote (a vendor's pack, a colleague's library) such as
// `//evil.example/phish` or `/\evil.example/phish` was rendered as a link, and a click left the
// app. Now one function decides what may be a link; every link on every page showing a hostile
// pack or library is clicked, and none leaves the app's origin.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dropAndDraft, dropFile, launch, openApp } from './helpers.mjs';

const CORPUS = resolve(import.meta.dirname, '../hostile');
const expected = JSON.parse(await readFile(join(CORPUS, 'expected.json'), 'utf8'));

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

/** Every link in `scope`: where it points is this origin or an e-mail; a real click (in a new
 *  tab, so that the app stays open) lands on this origin, or nowhere for an e-mail. */
async function clickEveryLink(page, scope) {
  const origin = new URL(env.url).origin;
  const links = page.locator(`${scope} a[href]`);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
  for (const [i, href] of hrefs.entries()) {
    assert.ok(href.startsWith(`${origin}/`) || /^mailto:[^?&,;]+$/.test(href), `${scope}: ${href}`);
    const opened = env.context.waitForEvent('page', { timeout: 1500 }).catch(() => null);
    await links.nth(i).click({ modifiers: ['Control'] });
    const tab = await opened;
    if (tab) {
      await tab.waitForLoadState('commit').catch(() => {});
      const url = tab.url();
      // An e-mail link opens nothing here (no mail program); a site path opens this origin.
      const stays = url === '' || url.startsWith('about:') || url.startsWith('mailto:') || url.startsWith(`${origin}/`);
      assert.ok(stays, `${href} opened ${url}`);
      await tab.close();
    }
  }
  return hrefs;
}

function noRequestLeft() {
  const origin = new URL(env.url).origin;
  const away = env.requests.filter((u) => !u.startsWith(origin) && !/^(blob|data|mailto|about|chrome-error):/.test(u));
  assert.deepEqual(away, [], 'no request left the origin');
  assert.ok(!env.requests.some((u) => u.includes('evil.example')));
}

test("a hostile pack's links never leave the app: review sources, Ask and the Posture page", async () => {
  const c = expected.packs.find((p) => p.file === 'hostile-pack.json');
  const page = await openApp(env, '#questionnaire');
  page.on('dialog', (d) => d.accept());
  await page.waitForSelector('[data-testid="drop-zone"]');
  await dropFile(page, 'hostile-pack.json', await readFile(join(CORPUS, c.file)));
  await page.waitForSelector('[data-testid="pack-banner"] >> text=Answer pack on Fabrikam');
  assert.notEqual(await page.title(), 'pwned');
  const seen = new Set();
  for (const id of ['H1', 'H2', 'H3', 'H4', 'H5']) {
    await page.click(`tr[data-id="${id}"] button[aria-controls]`);
    await page.waitForSelector('.sources');
    for (const h of await clickEveryLink(page, '.sources')) seen.add(h);
    await page.click(`tr[data-id="${id}"] button[aria-controls]`);
    await page.waitForSelector('.sources', { state: 'detached' });
  }
  // The hostile strings are there, as text.
  await page.click('tr[data-id="H4"] button[aria-controls]');
  const sources = await page.locator('.sources').innerText();
  for (const text of ['//evil.example/phish', '/\\evil.example/phish', 'javascript:alert(document.domain)', 'https://fabrikam.example@evil.example/login']) {
    assert.ok(sources.includes(text), `${text} shown as text`);
  }
  const origin = new URL(env.url).origin;
  const made = [...seen].map((h) => (h.startsWith(origin) ? h.slice(origin.length) : h)).sort();
  assert.deepEqual(made, [...c.links].sort(), 'only what may be a link is one');

  // Ask answers from the pack's posture, whose page links //evil.example: text again.
  await page.click('nav a[href="#ask"]');
  await page.fill('#ask-input', 'Is stored data encrypted?');
  await page.waitForSelector('section.answer');
  await clickEveryLink(page, 'main');
  await page.click('nav a[href="#browse"]');
  await page.waitForSelector('.posture-page');
  await clickEveryLink(page, 'main');
  noRequestLeft();
  assert.deepEqual(page.errors, []);
});

test("a colleague's hostile library: its evidence shows as text where a reused answer cites it", async () => {
  const c = expected.libraries.find((l) => l.file === 'hostile-library.json');
  const page = await openApp(env, '#library');
  page.on('dialog', (d) => d.accept());
  await page.click('nav a[href="#browse"]');
  await page.click('button:has-text("Back to the embedded default")').catch(() => {});
  await page.click('nav a[href="#library"]');
  await page.setInputFiles('#library-import', join(CORPUS, c.file));
  await page.waitForSelector(`.notice >> text=Imported ${c.entries} approved answers from ${c.file}`);
  await dropAndDraft(page, 'q.csv', Buffer.from('id,question\nQ1,Is customer data encrypted at rest?\n'), 1);
  await page.click('tr[data-id="Q1"] button[aria-controls]');
  const sources = await page.locator('.sources').innerText();
  assert.ok(sources.includes('//evil.example/phish') && sources.includes('javascript:alert(1)'), sources);
  const hrefs = await clickEveryLink(page, '.sources');
  const origin = new URL(env.url).origin;
  assert.deepEqual(hrefs.map((h) => h.slice(origin.length)), c.links);
  // Its formula answer text is exported with a leading apostrophe; CR-led text too.
  await page.click('nav a[href="#library"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export CSV")')]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /"'=HYPERLINK\(""https:\/\/evil\.example\/""/);
  assert.match(csv, /"'\r=1\+1"/);
  noRequestLeft();
  assert.deepEqual(page.errors, []);
});
