// Whether the page answers a click while it drafts a workbook of very long questions (issue 22):
// the delay of each click from the moment the browser received it to its handler on the page.
// Half the questions repeat one security word to the 10,000-character limit, half run our
// question bank's varied words to it; one such question once took hundreds of ms to draft.
import XLSX from 'xlsx';
import { dropFile } from '../tests/e2e/helpers.mjs';
import { questions as bankQuestions } from './question-bank.mjs';

const CHARS = 10_000;
const WORDS = ['encryption', 'backups', 'access', 'logging', 'firewall', 'incident', 'supplier', 'training'];

/** `count` questions of just under `CHARS` characters each, alternately one word and varied. */
export function longQuestions(count) {
  const varied = bankQuestions(400).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const text = i % 2 ? varied.slice(i * 37) + ' ' + varied : `${WORDS[(i / 2) % WORDS.length]} `.repeat(CHARS);
    const cut = text.slice(0, CHARS - 1);
    return cut.slice(0, cut.lastIndexOf(' '));
  });
}

function workbook(texts) {
  const rows = [['ID', 'Question', 'Answer', 'Comments'], ...texts.map((q, i) => [`L${i + 1}`, q, '', ''])];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Questions');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
}

/**
 * Drops a workbook of `count` very long questions on the Questionnaire page of a fresh profile,
 * starts drafting and clicks every 40 ms until every question is drafted.
 */
export async function clicksWhileDraftingLong(browser, url, stats, count = 60) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}#questionnaire`);
    await page.waitForSelector('#questionnaire-title');
    await page.evaluate(() => {
      window.clickDelays = [];
      addEventListener('pointerdown', (e) => window.clickDelays.push(performance.now() - e.timeStamp), true);
    });
    const texts = longQuestions(count);
    await dropFile(page, 'long-questions.xlsx', workbook(texts));
    await page.waitForSelector(`text=${count} questions in`, { timeout: 120_000 });
    const started = Date.now();
    await page.click(`button:has-text("Draft all ${count} questions")`);
    let drafted = false;
    let failed = null;
    // Not a `text=` selector: matching it reads every question's 10,000 characters on the page,
    // at each poll, and would delay the very clicks measured.
    const done = `Drafted ${count} of ${count} questions`;
    page.waitForFunction((t) => [...document.querySelectorAll('.progress span')].some((s) => s.textContent === t), done, { timeout: 300_000, polling: 200 })
      .then(() => { drafted = true; }, (e) => { failed = e; drafted = true; });
    while (!drafted) {
      await page.mouse.click(4, 4);
      await page.waitForTimeout(40);
    }
    if (failed) throw failed;
    const draftMs = Date.now() - started;
    const delays = await page.evaluate(() => window.clickDelays);
    const chars = Math.max(...texts.map((t) => t.length));
    return { questions: count, chars, draftMs, clicks: delays.length, delayMs: stats(delays) };
  } finally {
    await context.close();
  }
}
