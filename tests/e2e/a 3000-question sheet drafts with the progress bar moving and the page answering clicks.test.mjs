import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { dropFile, launch, openApp } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

// A question bank of our own: subjects × phrasings.
const SUBJECTS = ['data encrypted at rest', 'MFA enforced for administrators', 'a disaster recovery plan tested',
  'backups verified', 'a background check done for new hires', 'security training given every year',
  'an incident response plan documented', 'a list of sub-processors published', 'SSO offered to customers',
  'a data loss prevention tool deployed', 'CCTV used in the offices', 'a penetration test run every year',
  'audit logging enabled', 'vulnerability scanning run monthly', 'the asset inventory kept current'];
const FORMS = ['Is {s}?', 'Can you confirm {s}?', 'Please state whether {s}.', 'Describe how {s} is ensured.',
  'Is it true that {s} in production?', 'For each product, is {s}?', 'Has {s} been reviewed this year?',
  'Who checks that {s}?', 'Is evidence kept that {s}?', 'Is {s} across every environment?'];

test('3,000 questions draft in slices: the bar moves and clicks are handled meanwhile', async () => {
  const lines = ['ID,Question,Response,Comments'];
  for (let i = 0; i < 3000; i += 1) {
    const q = FORMS[i % FORMS.length].replace('{s}', SUBJECTS[Math.floor(i / FORMS.length) % SUBJECTS.length]);
    lines.push(`Q${i + 1},"${q} (item ${i + 1})",,`);
  }
  const page = await openApp(env);
  await page.click('nav a[href="#questionnaire"]');
  await dropFile(page, 'big.csv', Buffer.from(lines.join('\n')));
  await page.waitForSelector('text=3000 questions in');
  const started = Date.now();
  await page.click('button:has-text("Draft all 3000 questions")');

  // The bar moves: several distinct values before the end.
  const seen = new Set();
  let clicked = false;
  while (true) {
    const value = Number(await page.getAttribute('#draft-progress', 'value'));
    seen.add(value);
    if (value >= 3000) break;
    if (!clicked && value > 0 && await page.locator('#filter-text').count()) {
      // A click while drafting is under way is handled before drafting ends.
      await page.click('label:has-text("Hide approved") input');
      const during = Number(await page.getAttribute('#draft-progress', 'value'));
      assert.equal(await page.locator('label:has-text("Hide approved") input').isChecked(), true);
      clicked = during < 3000;
    }
    await page.waitForTimeout(50);
  }
  const ms = Date.now() - started;
  assert.ok(seen.size >= 3, `progress values seen: ${[...seen].join(', ')}`);
  assert.ok(clicked, 'a click was handled while drafting');
  await page.waitForSelector('text=Drafted 3000 of 3000 questions');
  assert.match(await page.locator('[data-testid="review-summary"]').innerText(), /^3000 drafted/);
  console.log(`# drafted 3000 questions in ${ms} ms (wall clock, including rendering)`);
});
