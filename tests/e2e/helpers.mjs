// Shared set-up for the browser scenarios: serve dist/ on a free loopback port, start Debian's
// headless Chromium through playwright-core, open the app and wait until its index is built.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const DIST = resolve(import.meta.dirname, '../../dist');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  // The machine has no internet: keep Chromium from calling home.
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the server and a browser; returns { url, browser, context, requests, close }. */
export async function launch(options = {}) {
  const { server, url } = await startServer({ root: DIST, port: 0 });
  const userDataDir = await mkdtemp(join(tmpdir(), 'trustdraft-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    ...options,
  });
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  const close = async () => {
    await context.close();
    server.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  return { url, context, requests, close };
}

/** Opens `path` of the app in a new page and waits for the index to be ready. */
export async function openApp(env, path = '') {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.url + path);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  page.errors = errors;
  return page;
}

/** Types a question into the Ask box and waits for the results to update. */
export async function ask(page, question) {
  await page.fill('#ask-input', question);
  await page.waitForFunction(
    (q) => document.querySelector('#ask-input').value === q
      && document.querySelectorAll('.hits > li').length > 0,
    question,
  );
}

/** The `data-ref` of the result cards that are control rows, in order. */
export function rowRefs(page) {
  return page.$$eval('.hits > li.hit-row', (items) => items.map((li) => li.dataset.ref));
}

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** Drops a file on the questionnaire drop zone, as a user dragging it from the desktop. */
export async function dropFile(page, name, bytes) {
  await page.evaluate(async ({ name, b64 }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name));
    const zone = document.querySelector('[data-testid="drop-zone"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, b64: Buffer.from(bytes).toString('base64') });
}

/** Opens the Questionnaire page, drops `name` from the fixtures and drafts it all. */
export async function dropAndDraft(page, name, bytes, count) {
  await page.click('nav a[href="#questionnaire"]');
  await page.waitForSelector('#questionnaire-title');
  await dropFile(page, name, bytes);
  await page.waitForSelector(`text=${count} questions in`);
  await page.click(`button:has-text("Draft all ${count} questions")`);
  await page.waitForSelector(`text=Drafted ${count} of ${count} questions`, { timeout: 120_000 });
}

/** Loads posture page files on the Posture page and presses `action` ("Replace the current
 *  posture" or "Add to the current posture"); returns the parse report's text. */
export async function loadPosture(page, files, action = 'Replace the current posture') {
  await page.click('nav a[href="#browse"]');
  await page.waitForSelector('#posture-files');
  await page.setInputFiles('#posture-files', files.map(({ name, bytes }) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(bytes) })));
  const report = await page.locator('[data-testid="posture-report"]').innerText();
  if (action) {
    await page.click(`button:has-text("${action}")`);
    await page.waitForSelector('.notice >> text=Now answering from');
  }
  return report;
}

/** Asks on the Ask page and returns { answer, text, cites: ['ref [status] page'] }. */
export async function askAnswer(page, question) {
  await page.click('nav a[href="#ask"]');
  await ask(page, question);
  await page.waitForSelector('section.answer');
  return page.$eval('section.answer', (s) => ({
    answer: s.dataset.answer,
    text: s.querySelector('.answer-text')?.textContent ?? '',
    cites: [...s.querySelectorAll('.citations > li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
  }));
}
