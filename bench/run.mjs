// The benchmark: speed, size and answer quality of the built app in headless Chromium, side by
// side with MiniSearch on the same rows and questions. Run with `npm run bench` (it builds the
// release wasm first). Prints a table, writes bench/results.json and docs/BENCHMARKS.md.
import { cp, mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { dropFile } from '../tests/e2e/helpers.mjs';
import XLSX from 'xlsx';
import { questionnaireCsv, questions as bankQuestions } from './question-bank.mjs';
import { clicksWhileDraftingLong } from './long-questions.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(process.env.SHARED ?? join(ROOT, '..', 'shared'));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1], n: s.length };
};

/** A workbook of `n` questions from our own question bank (ID, Question, Answer, Comments). */
function bigWorkbook(n) {
  const rows = [['ID', 'Question', 'Answer', 'Comments'], ...bankQuestions(n).map((q, i) => [`Q${i + 1}`, q, '', ''])];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Questions');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
}

/** A small CSV reader (quoted fields); a row with extra fields joins them into `question`. */
function readCsv(text) {
  const rows = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim())) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (c === '"' && quoted && line[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  const [header, ...body] = rows;
  return body.map((cells) => {
    const extra = cells.length - header.length;
    const qi = header.indexOf('question');
    if (extra > 0 && qi >= 0) cells.splice(qi, extra + 1, cells.slice(qi, qi + extra + 1).join(','));
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').trim()]));
  });
}

async function labelled() {
  const dev = join(SHARED, 'eval/dev-questions.csv');
  const file = existsSync(dev) ? dev : join(ROOT, 'tests/fixtures/labelled/seed-questions.csv');
  const list = (v) => (v ? v.split('|').map((s) => s.trim()).filter(Boolean) : []);
  return { file, items: readCsv(await readFile(file, 'utf8')).map((r) => ({ ...r, accept: list(r.accept), refs: list(r.expect_refs), evidence: list(r.expect_evidence) })) };
}

async function mvsp() {
  const dir = join(SHARED, 'data/mvsp');
  if (!existsSync(join(dir, 'controls.csv'))) return null;
  const controls = readCsv(await readFile(join(dir, 'controls.csv'), 'utf8'));
  const pairs = readCsv(await readFile(join(dir, 'iso27001-2022-mapping.csv'), 'utf8'));
  return controls.map((c) => ({ text: `${c.title}. ${c.statement}`, gold: pairs.filter((p) => p.mvsp_id === c.mvsp_id).map((p) => `ISO27001:${p.iso27001_2022_ref}`) }))
    .filter((c) => c.gold.length);
}

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await files(p)); else out.push(p);
  }
  return out;
}

const fmt = (x, d = 1) => (x === null || x === undefined ? '—' : Number(x).toFixed(d));
const ms = (s) => `${fmt(s.median)} ms (min ${fmt(s.min)}, max ${fmt(s.max)})`;

async function main() {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'pkg/trustdraft_web_bg.wasm'))) throw new Error('dist/ is not built: run `npm run bench`, which builds it');
  const root = await mkdtemp(join(tmpdir(), 'trustdraft-bench-'));
  await cp(dist, root, { recursive: true });
  await cp(join(ROOT, 'node_modules/minisearch/dist/es/index.js'), join(root, 'minisearch.js'));
  await cp(join(ROOT, 'bench/page.js'), join(root, 'bench-page.js'));
  await cp(join(ROOT, 'bench/page.html'), join(root, 'bench.html'));
  const { server, url } = await startServer({ root, port: 0 });
  const servers = [server];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const results = { date: new Date().toISOString(), machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, chromium: browser.version() }, runs: RUNS };
  try {
    // Size: each module, and what the Ask page's first visit fetches (every file but the file
    // module, which is fetched on first use, and the embedding example).
    const all = await files(dist);
    const sizeOf = async (list) => {
      let raw = 0;
      let gzip = 0;
      for (const f of list) {
        const b = await readFile(f);
        raw += b.length;
        gzip += gzipSync(b, { level: 9 }).length;
      }
      return { raw, gzip };
    };
    const fileModule = (f) => f.includes(`${sep}worker${sep}`) || f.endsWith(`${sep}worker.js`);
    const example = (f) => /embed-example\.(html|js)$/.test(f);
    results.size = {
      pageModule: await sizeOf([join(dist, 'pkg/trustdraft_web_bg.wasm')]),
      fileModule: await sizeOf([join(dist, 'worker/trustdraft_worker_bg.wasm')]),
      askFirstVisit: await sizeOf(all.filter((f) => !fileModule(f) && !example(f))),
      fileModuleFiles: await sizeOf(all.filter(fileModule)),
    };

    // Page load to ready, cold (a new profile each run); with BENCH_BASELINE=<a dist/ of another
    // build>, that build's cold loads interleaved with ours, so that both see the same machine.
    const baseline = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : null;
    const base = baseline ? await startServer({ root: baseline, port: 0 }) : null;
    servers.push(base?.server);
    const coldLoad = async (at) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Bytes from the page's own resource timing, so that nothing reads bodies over the
      // DevTools protocol while the load is being timed.
      await page.goto(at);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      const out = {
        ready: Number(await page.getAttribute('body', 'data-ready-ms')),
        index: Number(await page.getAttribute('body', 'data-index-ms')),
      };
      await page.waitForLoadState('networkidle');
      out.transferred = await page.evaluate(() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .reduce((sum, e) => sum + e.encodedBodySize, 0));
      await context.close();
      return out;
    };
    const cold = [];
    const baseCold = [];
    for (let r = 0; r < RUNS; r += 1) {
      cold.push(await coldLoad(url));
      if (base) baseCold.push(await coldLoad(base.url));
    }
    results.load = {
      readyMs: stats(cold.map((c) => c.ready)),
      indexMs: stats(cold.map((c) => c.index)),
      transferredBytes: stats(cold.map((c) => c.transferred)),
      baseline: base ? { dir: baseline, readyMs: stats(baseCold.map((c) => c.ready)), transferredBytes: stats(baseCold.map((c) => c.transferred)) } : null,
    };

    // Warm: the service worker has precached the build (both modules); each run a reload.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForLoadState('networkidle');
      const warm = [];
      for (let r = 0; r < RUNS; r += 1) {
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        warm.push(Number(await page.getAttribute('body', 'data-ready-ms')));
      }
      results.load.warmReadyMs = stats(warm);

      // The file module: from a file dropped on the Questionnaire page to the module able to work
      // (downloaded, compiled, started in its worker), warm (precached) and cold (a first visit).
      const usable = async (p) => {
        await p.goto(`${url}#questionnaire`);
        await p.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        await p.waitForSelector('#questionnaire-title');
        await dropFile(p, 'small.csv', Buffer.from('ID,Question,Answer\nQ1,Is data encrypted at rest?,\n'));
        await p.waitForSelector('body[data-worker-ready-ms]', { timeout: 60_000 });
        return Number(await p.getAttribute('body', 'data-worker-ready-ms')) - Number(await p.getAttribute('body', 'data-worker-start-ms'));
      };
      const warmDrop = [];
      for (let r = 0; r < RUNS; r += 1) {
        const p = await context.newPage();
        warmDrop.push(await usable(p));
        await p.close();
      }
      const coldDrop = [];
      for (let r = 0; r < RUNS; r += 1) {
        const fresh = await browser.newContext();
        coldDrop.push(await usable(await fresh.newPage()));
        await fresh.close();
      }
      results.fileModule = { warmMs: stats(warmDrop), coldMs: stats(coldDrop) };

      // Whether the page answers a click while a 20,000-row workbook is imported: the delay of
      // each click from the moment the browser received it to its handler on the page.
      const p = await context.newPage();
      await p.goto(`${url}#questionnaire`);
      await p.waitForSelector('#questionnaire-title');
      await p.evaluate(() => {
        window.clickDelays = [];
        addEventListener('pointerdown', (e) => window.clickDelays.push(performance.now() - e.timeStamp), true);
      });
      const big = bigWorkbook(20_000);
      const started = Date.now();
      await dropFile(p, 'big.xlsx', big);
      let imported = false;
      p.waitForSelector('text=20000 questions in', { timeout: 120_000 }).then(() => { imported = true; });
      while (!imported) {
        await p.mouse.click(4, 4);
        await p.waitForTimeout(40);
      }
      const delays = await p.evaluate(() => window.clickDelays);
      results.clicksWhileImporting = { rows: 20_000, bytes: big.length, importMs: Date.now() - started, clicks: delays.length, delayMs: stats(delays) };
      await context.close();
    }
    results.clicksWhileDraftingLong = await clicksWhileDraftingLong(browser, url, stats);

    // The engine, through the app's module: questions, questionnaires, quality.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url + 'bench.html');
    await page.waitForSelector('body[data-bench-ready="true"]', { timeout: 60_000 });
    const builds = await page.evaluate((n) => window.bench.profile(n), RUNS);
    results.engineBuild = Object.fromEntries(['posture', 'catalog', 'index', 'prepared', 'total', 'snapshot'].map((k) => [k, stats(builds.map((b) => b[k]))]));
    const labels = await labelled();
    const texts = labels.items.map((i) => i.question);
    const asks = await page.evaluate(({ texts, rounds }) => window.bench.asks(texts, rounds), { texts, rounds: RUNS });
    results.ask = { ours: stats(asks.ours), peer: stats(asks.peer), peerIndexBuildMs: asks.peerBuild };

    results.questionnaires = {};
    for (const n of [261, 825, 5000]) {
      const csv = questionnaireCsv(n);
      const rounds = n >= 5000 ? Math.min(3, RUNS) : RUNS;
      const r = await page.evaluate(({ n, csv, rounds }) => window.bench.questionnaire(`bench-${n}.csv`, csv, rounds), { n, csv, rounds });
      if (r.drafted !== n) throw new Error(`drafted ${r.drafted} of ${n}`);
      results.questionnaires[n] = { ours: stats(r.ours), peer: stats(r.peer), perQuestionMs: stats(r.ours).median / n };
    }
    results.memory = { jsHeapBytes: await page.evaluate(() => window.bench.jsHeap()), wasmMemoryBytes: await page.evaluate(() => window.bench.wasmMemory()) };

    const q = await page.evaluate((texts) => window.bench.quality(texts), texts);
    const score = (who) => {
      let ok = 0; let refsJudged = 0; let refsOk = 0; let topJudged = 0; let topOk = 0;
      labels.items.forEach((item, i) => {
        const got = q[i][who];
        if (item.accept.includes(got.answer)) ok += 1;
        if (item.refs.length) {
          refsJudged += 1; topJudged += 1;
          if (got.refs.some((r) => item.refs.includes(r))) refsOk += 1;
          if (got.refs[0] && item.refs.includes(got.refs[0])) topOk += 1;
        }
      });
      return { answersAccepted: ok / labels.items.length, citesExpectedRow: refsOk / refsJudged, topRowExpected: topOk / topJudged };
    };
    results.quality = { file: labels.file.replace(ROOT, '.').replace(SHARED, '../shared'), questions: labels.items.length, ours: score('ours'), peer: score('peer') };

    const m = await mvsp();
    if (m) {
      const maps = await page.evaluate((texts) => window.bench.mapping(texts), m.map((x) => x.text));
      const mapScore = (who) => {
        let hit = 0; let recall = 0;
        m.forEach((x, i) => {
          const got = maps[i][who];
          if (got[0] && x.gold.includes(got[0])) hit += 1;
          recall += x.gold.filter((g) => got.includes(g)).length / x.gold.length;
        });
        return { hitAt1: hit / m.length, recallAt5: recall / m.length };
      };
      results.mapping = { questions: m.length, ours: mapScore('ours'), peer: mapScore('peer') };
    }
    await context.close();
  } finally {
    await browser.close();
    for (const s of servers) s?.close();
    await rm(root, { recursive: true, force: true });
  }
  report(results);
}

function report(r) {
  const target = (ok) => (ok ? 'met' : '**missed**');
  const lines = [];
  const row = (what, ours, peer, goal) => lines.push(`| ${what} | ${ours} | ${peer} | ${goal} |`);
  lines.push('| measure | trustdraft | MiniSearch (peer) | target |', '|---|---|---|---|');
  const mb = (x) => `${fmt(x.raw / 1e6, 2)} MB raw, ${fmt(x.gzip / 1e6, 2)} MB gzip`;
  row('page module (Ask, Coverage, Posture; drafting)', mb(r.size.pageModule), '—', '');
  row('file module (fetched when a file is first given)', mb(r.size.fileModule), '—', '');
  row('Ask page first visit, every file it fetches', mb(r.size.askFirstVisit), '—', `≤ 1 MB gzip: ${target(r.size.askFirstVisit.gzip <= 1e6)}; stretch ≤ 600 KB: ${target(r.size.askFirstVisit.gzip <= 6e5)}`);
  row('of which transferred (measured, uncompressed server)', `${fmt(r.load.transferredBytes.median / 1e6, 2)} MB`, '—', '');
  row('page load → ready (cold)', ms(r.load.readyMs), '—', `≤ 250 ms: ${target(r.load.readyMs.median <= 250)}; stretch ≤ 200 ms: ${target(r.load.readyMs.median <= 200)}`);
  if (r.load.baseline) row(`page load → ready (cold), the build in ${r.load.baseline.dir.split('/').slice(-2).join('/')}, interleaved`, ms(r.load.baseline.readyMs), '—', `transferred ${fmt(r.load.baseline.transferredBytes.median / 1e6, 2)} MB`);
  row('page load → ready (warm: precached, a reload)', ms(r.load.warmReadyMs), '—', '');
  row('file module usable after a drop (warm)', ms(r.fileModule.warmMs), '—', `≤ 300 ms: ${target(r.fileModule.warmMs.median <= 300)}`);
  row('file module usable after a drop (cold, first visit)', ms(r.fileModule.coldMs), '—', '');
  const c = r.clicksWhileImporting;
  row(`clicks while a ${c.rows.toLocaleString('en')}-row workbook is imported (${fmt(c.bytes / 1e6, 2)} MB, ${fmt(c.importMs / 1000, 1)} s)`, `${c.clicks} clicks, delay median ${fmt(c.delayMs.median)} ms, max ${fmt(c.delayMs.max)} ms`, '—', `each ≤ 100 ms: ${target(c.clicks > 0 && c.delayMs.max <= 100)}`);
  const l = r.clicksWhileDraftingLong;
  if (l) row(`clicks while ${l.questions} questions of ${l.chars.toLocaleString('en')} characters are drafted (${fmt(l.draftMs / 1000, 1)} s)`, `${l.clicks} clicks, delay median ${fmt(l.delayMs.median)} ms, max ${fmt(l.delayMs.max)} ms`, '—', `each ≤ 100 ms: ${target(l.clicks > 0 && l.delayMs.max <= 100)}`);
  row('of which opening the engine (prebuilt)', ms(r.load.indexMs), `${fmt(r.ask.peerIndexBuildMs)} ms (index of the rows)`, '');
  const eb = r.engineBuild;
  row('engine in a warm page', `opened from the prebuilt snapshot ${fmt(eb.snapshot.median)} ms; built from the pages (a posture the user loads) ${fmt(eb.total.median)} ms: posture ${fmt(eb.posture.median)}, index ${fmt(eb.index.median)}, drafting data ${fmt(eb.prepared.median)}`, '—', '');
  row('one question', `median ${fmt(r.ask.ours.median, 2)} ms, p95 ${fmt(r.ask.ours.p95, 2)} ms`, `median ${fmt(r.ask.peer.median, 2)} ms, p95 ${fmt(r.ask.peer.p95, 2)} ms`, `≤ 5 ms: ${target(r.ask.ours.median <= 5)}`);
  for (const [n, goal] of [[261, 100], [825, 300], [5000, null]]) {
    const x = r.questionnaires[n];
    row(`${n} questions (import + draft)`, `${ms(x.ours)}; ${fmt(x.perQuestionMs, 3)} ms/question`, ms(x.peer), goal ? `≤ ${goal} ms: ${target(x.ours.median <= goal)}` : '');
  }
  row('memory after 5,000', `JS heap ${fmt((r.memory.jsHeapBytes ?? 0) / 1e6)} MB, wasm memory ${fmt(r.memory.wasmMemoryBytes / 1e6)} MB`, '(same page)', '');
  const pct = (x) => `${fmt(x * 100)}%`;
  row(`answers accepted (${r.quality.questions} labelled)`, pct(r.quality.ours.answersAccepted), pct(r.quality.peer.answersAccepted), `above the peer: ${target(r.quality.ours.answersAccepted > r.quality.peer.answersAccepted)}`);
  row('top cited row is an expected one', pct(r.quality.ours.topRowExpected), pct(r.quality.peer.topRowExpected), `above the peer: ${target(r.quality.ours.topRowExpected > r.quality.peer.topRowExpected)}`);
  row('cites an expected row', pct(r.quality.ours.citesExpectedRow), pct(r.quality.peer.citesExpectedRow), '');
  if (r.mapping) {
    row(`MVSP mapping hit@1 (${r.mapping.questions})`, fmt(r.mapping.ours.hitAt1, 2), fmt(r.mapping.peer.hitAt1, 2), `above the peer: ${target(r.mapping.ours.hitAt1 > r.mapping.peer.hitAt1)}`);
    row('MVSP mapping recall@5', fmt(r.mapping.ours.recallAt5, 2), fmt(r.mapping.peer.recallAt5, 2), `above the peer: ${target(r.mapping.ours.recallAt5 > r.mapping.peer.recallAt5)}`);
  }
  const table = lines.join('\n');
  const machine = `${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, ${r.machine.os}, Chromium ${r.machine.chromium}`;
  console.log(`\ntrustdraft benchmark — ${r.date}\n${machine}; every figure is the median of ${r.runs} runs (min, max)\n\n${table}\n`);
  return Promise.all([
    writeFile(join(ROOT, 'bench/results.json'), JSON.stringify(r, null, 2) + '\n'),
    writeFile(join(ROOT, 'docs/BENCHMARKS.md'), `# Benchmarks\n\n\`npm run bench\` builds the release wasm, serves it on 127.0.0.1, drives headless Chromium and\nprints this table; it also writes \`bench/results.json\`. Figures are medians of ${r.runs} runs with min\nand max; the peer, [MiniSearch](https://lucaong.github.io/minisearch/), indexes the same control\nrows in the same page and answers the same questions (its top row's status as the answer:\nMet → yes, otherwise partial). Quality uses \`${r.quality.file}\`${r.mapping ? ' and the MVSP mapping in ../shared/data/mvsp' : ''}.\nQuestionnaires of 261, 825 and 5,000 questions are generated from our own question bank\n(\`bench/question-bank.mjs\`); their timing covers import (the file module's \`run\`) and drafting\n(the page module's \`draftQuestions\`), both in the page. With \`BENCH_BASELINE=<another build's dist/>\`\nthat build's cold loads are interleaved with ours.\n\n## Latest run (${r.date.slice(0, 10)})\n\n${machine}.\n\n${table}\n\n${NOTES}\n`),
  ]);
}

const NOTES = `## Where targets are missed, and why

This VM's speed changes through the day by more than some of the changes measured here, so a
change is judged by an A/B run at the same hour: \`BENCH_BASELINE\` interleaves the cold loads of
another build with ours, and MiniSearch's figures in the same run show how fast the machine was.

- **Ready (≤ 250 ms cold): met in one run of three on 7 December**, 210 ms median (min 141 ms)
  in the last run, 292 and 359 ms medians in two earlier runs the same day on a loaded VM; the
  1 December runs gave 172 and 204 ms. The build changed little between those runs (drafting
  rules and vocabulary, +4 KB gzip), so the spread is the machine's; not measured A/B.
- **The snapshot's JSON parse** is gone: the prebuilt engine's drafting data is postcard
  (binary); opening it is 20–25 ms of a cold load and 5–7 ms in a warm page.

Met now and why:

- **Ask page first visit (≤ 1 MB gzip): met, 0.81 MB** (1.13 MB before issue 22's second
  session). Two cuts, both measured from the names section and the call graph: search boxes its
  own clause type (\`core/src/search/clause.rs\`: tantivy's term and phrase weights, wrapped so
  that nothing prints or explains a term) instead of tantivy's boxed \`TermQuery\`, whose
  \`Debug\` and \`explain\` pulled in \`Facet\`'s formatter, a static regex with its Unicode
  tables, and the fast-field range query (the page's data section 738 → 392 KB raw); and
  tantivy's \`bitpacking\` is built with debug assertions in \`wasm-release\`, which selects its
  compact unpacking loop instead of code unrolled for every bit width (≈ 64 KB gzip). Scores,
  order and drafts are unchanged (a unit test compares both clause kinds; every labelled set's
  drafts identical). \`wasm-opt -Oz\` would save 2 KB gzip more for 1–2 minutes of every build:
  not turned on.
- **A click answered within 100 ms while the page drafts very long questions: met**, longest
  wait 44–62 ms over 60 questions of 10,000 characters (the issue measured 505 ms): search and
  drafting read a question's first 2,000 characters (\`limits::MAX_DRAFTED_CHARS\`; the draft
  says the rest was not read), the review grid shows such a question up to there, and the
  certification check tries one combined pattern before its sixteen.
- **The file module usable ≤ 300 ms after a drop (warm): met**, 55–64 ms (101–108 ms cold, on
  a first visit before the service worker has precached it).
- **A click answered within 100 ms while a 20,000-row workbook is imported: met**; the import
  runs in the worker, and the page's longest wait for a click was 41–52 ms on 1 December and
  82 ms today, with one run at 110 ms on the loaded VM (when the reply arrives and the import
  report is drawn).
- **Drafting speed and quality**: 0.17–0.19 ms a question for a whole questionnaire, now
  including the questionnaire's JSON passed from the file module to the page's (0.15–0.17 ms
  measured in one module after issue 15's drafting rules); one question 0.30 ms median,
  MiniSearch's search 0.30 ms in the same run. The MVSP figures are unchanged; the dev set went
  from 97.5% to 100% with issue 15's second pass (docs/QUALITY.md).`;

main().catch((e) => { console.error(e); process.exit(1); });
