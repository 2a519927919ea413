// Issue 22: a question the default posture answers in other words gets a suggestion — the
// engine's best answer, the row it rests on and the question's words no row states — not an
// assertion. The Questionnaire page says so in words and marks the unstated words; the export
// leaves it out of the customer's workbook until a person approves it, and writes it after; the
// Ask page shows it as what the posture says, never as the answer. The questions are our own.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { askAnswer, dropAndDraft, launch, openApp } from './helpers.mjs';

const SHOTS = resolve(import.meta.dirname, '../../target/e2e-shots');

// Answered by the posture in other words: a suggestion with a row and unstated words.
const SUGGESTION = { id: 'S-1', question: 'Do you keep an inventory of your hardware and software assets?', ref: 'A.5.9', unstated: 'hardware' };
// Stated outright by a Met row: an assertion, written as drafted.
const ASSERTION = { id: 'S-2', question: 'Do you perform background checks on new hires?' };
// Touched by nothing in the posture: not covered, no text.
const UNCOVERED = { id: 'S-3', question: 'Are there CCTV cameras in your offices?' };
const QUESTIONS = [SUGGESTION, ASSERTION, UNCOVERED];

/** A small questionnaire as a customer would send it: ID, Question, Answer, Comments. */
async function workbook() {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Security');
  sheet.addRow(['ID', 'Question', 'Answer', 'Comments']);
  for (const q of QUESTIONS) sheet.addRow([q.id, q.question, null, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The answer and comment cells of each question in an exported workbook. */
async function cells(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const sheet = wb.getWorksheet('Security');
  const out = {};
  sheet.eachRow((row) => {
    const id = row.getCell(1).value;
    if (QUESTIONS.some((q) => q.id === id)) out[id] = { answer: row.getCell(3).value ?? '', comment: String(row.getCell(4).value ?? '') };
  });
  return out;
}

/** Plans the export, returns the plan's words and the written workbook's cells. */
async function exportCells(page) {
  await page.click('button:has-text("Export bands.xlsx answered")');
  const plan = await page.locator('[data-testid="export-plan"]').innerText();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Write and download")')]);
  return { plan, cells: await cells(await readFile(await download.path())) };
}

let env;
before(async () => { env = await launch(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await env.close(); });

test('the Ask page shows a suggestion as what the posture says, not as the answer', async () => {
  const page = await openApp(env);
  const shown = await askAnswer(page, SUGGESTION.question);
  const card = page.locator('section.answer');
  assert.equal(await card.getAttribute('data-kind'), 'suggestion');
  const heading = await card.locator('.answer-word').innerText();
  assert.match(heading, /Not a confirmed answer/);
  assert.doesNotMatch(heading, /Answer: (Yes|No|Partial|N\/A)/);
  assert.match(await card.locator('.posture-says').innerText(), /^The posture says: .+ — not a confirmed answer\.$/s);
  // What the posture says, without drafting's answer word: "Partially." would read as the answer.
  assert.doesNotMatch(await card.locator('.posture-says q').innerText(), /^(Partially|No)\. /);
  assert.ok(shown.cites.some((c) => c.startsWith(SUGGESTION.ref)), shown.cites.join(' | '));
  assert.match(await card.locator('[data-testid="unstated"] mark').allInnerTexts().then((w) => w.join(' ')), new RegExp(SUGGESTION.unstated));
  assert.doesNotMatch(await page.locator('#ask-summary').innerText(), /Answer: (Yes|No|Partial)/);
  await card.screenshot({ path: join(SHOTS, 'ask-suggestion.png') });

  // An assertion is the answer; a question nothing touches is not covered.
  await askAnswer(page, ASSERTION.question);
  assert.equal(await card.getAttribute('data-kind'), 'assertion');
  assert.match(await card.locator('.answer-word').innerText(), /^Answer: Yes/);
  const none = await askAnswer(page, UNCOVERED.question);
  assert.equal(none.answer, 'needs-review');
  assert.match(await card.locator('.answer-word').innerText(), /Not covered by the published posture/);
  assert.deepEqual(page.errors, []);
});

test('a suggestion is marked on the Questionnaire page and exported only once approved', async () => {
  const page = await openApp(env);
  await dropAndDraft(page, 'bands.xlsx', await workbook(), QUESTIONS.length);
  const row = page.locator(`tr[data-id="${SUGGESTION.id}"]`);
  assert.equal(await row.locator('[data-testid="kind"]').innerText(), 'Suggestion — not exported until approved');
  assert.match(await row.locator('.band').innerText(), /(low|medium)[\s\S]*drafted (Yes|No|Partial|N\/A)/);
  assert.match(await row.locator('[data-testid="rests-on"]').innerText(), new RegExp(`Rests on: ${SUGGESTION.ref}`));
  const unstated = await row.locator('[data-testid="unstated"] mark').allInnerTexts();
  assert.ok(unstated.includes(SUGGESTION.unstated), unstated.join(', '));
  const drafted = await row.locator('select').inputValue();
  await row.screenshot({ path: join(SHOTS, 'questionnaire-suggestion-row.png') });

  const assertion = page.locator(`tr[data-id="${ASSERTION.id}"]`);
  assert.equal(await assertion.locator('[data-testid="kind"]').innerText(), 'Assertion — exported as drafted');
  const uncovered = page.locator(`tr[data-id="${UNCOVERED.id}"]`);
  assert.equal(await uncovered.locator('[data-testid="kind"]').innerText(), 'Not covered by the posture');
  // No row answers it, but one states a word of it: shown as a row that touches it, with no answer.
  assert.match(await uncovered.locator('.answer-text').innerText(), /no text: no row answers it/);
  assert.match(await uncovered.locator('[data-testid="touching"]').innerText(), /Rows that touch it \(none answers it\): A\.7\.1–7\.6 states “offices”/);
  assert.equal(await uncovered.locator('[data-testid="rests-on"]').count(), 0);

  // The band filter reads as assertions and suggestions.
  const bands = await page.locator('#filter-band option').allInnerTexts();
  assert.ok(bands.includes('high — assertions') && bands.includes('low — suggestions'), bands.join(' | '));

  // Unapproved, the suggestion is not written: only the assertion is.
  const first = await exportCells(page);
  assert.match(first.plan, /1 question answered \(1 assertion, 0 approved answers\); 1 suggestion left for your review, not written until approved/);
  assert.equal(first.cells[ASSERTION.id].answer, 'Yes');
  assert.deepEqual(first.cells[SUGGESTION.id], { answer: '', comment: '' });
  assert.deepEqual(first.cells[UNCOVERED.id], { answer: '', comment: '' });

  // Approved, it counts: written with its text and its row.
  await row.locator('input[type="checkbox"]').click();
  await page.waitForFunction((id) => document.querySelector(`tr[data-id="${id}"] [data-testid="kind"]`)?.textContent.includes('Approved'), SUGGESTION.id);
  const second = await exportCells(page);
  assert.match(second.plan, /2 questions answered \(1 assertion, 1 approved answer\); 0 suggestions left for your review/);
  const written = second.cells[SUGGESTION.id];
  const label = { yes: 'Yes', no: 'No', partial: 'Partial', 'not-applicable': 'N/A' }[drafted];
  assert.equal(written.answer, label);
  assert.match(written.comment, new RegExp(`Sources: .*${SUGGESTION.ref}`));
  assert.deepEqual(second.cells[UNCOVERED.id], { answer: '', comment: '' });
  assert.deepEqual(page.errors, []);
});
