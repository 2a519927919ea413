// The benchmark: speed, size and answer quality of the built app in headless Chromium, side by
// side with MiniSearch on the same rows and questions. Run with `npm run bench` (it builds the
// release wasm first). Prints a table, writes bench/results.json and docs/BENCHMARKS.md.
import { cp, mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { questionnaireCsv, questions as bankQuestions } from './question-bank.mjs';

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
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const results = { date: new Date().toISOString(), machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, chromium: browser.version() }, runs: RUNS };
  try {
    // Size and first visit.
    const wasm = await readFile(join(dist, 'pkg/trustdraft_web_bg.wasm'));
    const all = await files(dist);
    let raw = 0;
    let gz = 0;
    for (const f of all.filter((f) => !f.endsWith('embed-example.html') && !f.endsWith('embed-example.js'))) {
      const b = await readFile(f);
      raw += b.length;
      gz += gzipSync(b, { level: 9 }).length;
    }
    results.size = { wasmRaw: wasm.length, wasmGzip: gzipSync(wasm, { level: 9 }).length, firstVisitRaw: raw, firstVisitGzip: gz };

    // Page load to ready, cold (a new profile each run).
    const ready = [];
    const index = [];
    const transferred = [];
    for (let r = 0; r < RUNS; r += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Bytes from the page's own resource timing, so that nothing reads bodies over the
      // DevTools protocol while the load is being timed.
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      ready.push(Number(await page.getAttribute('body', 'data-ready-ms')));
      index.push(Number(await page.getAttribute('body', 'data-index-ms')));
      await page.waitForLoadState('networkidle');
      transferred.push(await page.evaluate(() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .reduce((sum, e) => sum + e.encodedBodySize, 0)));
      await context.close();
    }
    results.load = { readyMs: stats(ready), indexMs: stats(index), transferredBytes: stats(transferred) };

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
    server.close();
    await rm(root, { recursive: true, force: true });
  }
  report(results);
}

function report(r) {
  const target = (ok) => (ok ? 'met' : '**missed**');
  const lines = [];
  const row = (what, ours, peer, goal) => lines.push(`| ${what} | ${ours} | ${peer} | ${goal} |`);
  lines.push('| measure | trustdraft | MiniSearch (peer) | target |', '|---|---|---|---|');
  row('wasm size', `${fmt(r.size.wasmRaw / 1e6, 2)} MB raw, ${fmt(r.size.wasmGzip / 1e6, 2)} MB gzip`, '—', `≤ 1 MB gzip: ${target(r.size.wasmGzip <= 1e6)}`);
  row('first visit, all files', `${fmt(r.size.firstVisitRaw / 1e6, 2)} MB raw, ${fmt(r.size.firstVisitGzip / 1e6, 2)} MB gzip`, '—', '');
  row('page load → ready (cold)', ms(r.load.readyMs), '—', `≤ 300 ms: ${target(r.load.readyMs.median <= 300)}`);
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
    writeFile(join(ROOT, 'docs/BENCHMARKS.md'), `# Benchmarks\n\n\`npm run bench\` builds the release wasm, serves it on 127.0.0.1, drives headless Chromium and\nprints this table; it also writes \`bench/results.json\`. Figures are medians of ${r.runs} runs with min\nand max; the peer, [MiniSearch](https://lucaong.github.io/minisearch/), indexes the same control\nrows in the same page and answers the same questions (its top row's status as the answer:\nMet → yes, otherwise partial). Quality uses \`${r.quality.file}\`${r.mapping ? ' and the MVSP mapping in ../shared/data/mvsp' : ''}.\nQuestionnaires of 261, 825 and 5,000 questions are generated from our own question bank\n(\`bench/question-bank.mjs\`); their timing covers import and drafting through the app's own\nmodule (\`draftQuestionnaire\`).\n\n## Latest run (${r.date.slice(0, 10)})\n\n${machine}.\n\n${table}\n\n${NOTES}\n`),
  ]);
}

const NOTES = `## Where targets are missed, and why

This VM's speed changes through the day by more than some of the changes measured here, so a
change is judged by an A/B run at the same hour, the previous build and this one one after
the other, and MiniSearch's figures in the same run show how fast the machine was.

- **wasm size (≤ 1 MB gzip): missed, 1.60 MB.** Until 26ee795 the wasm was not link-time
  optimised at all: the web crate was declared \`cdylib\` and \`rlib\`, and Cargo drops
  \`lto\` for such a crate, so the profile's \`lto = true\` did nothing. Now it is a
  \`cdylib\` only: 5.06 → 4.43 MB raw, 1.68 → 1.60 MB gzip. Of the rest, before
  compression: tantivy's bit-packing 0.49 MB (unrolled scalar code for every bit width; the
  reader's half, decompression, is 0.31 MB); tantivy and its columnar fast fields about
  1.1 MB; regex's Unicode tables 0.31 MB of data, which stay because tantivy turns on regex's
  \`unicode\` feature (it formats facets with a regex) and our own drafting patterns use
  regex at query time; the workbook stack (calamine, zip, zlib-rs, zopfli, quick-xml, crc32,
  encoding_rs with its CJK tables for .xls code pages) about 0.55 MB; the prebuilt engine
  0.28 MB; yew and the interface about 0.6 MB. \`wasm-opt -Oz\` saves 2 KB gzip on the
  optimised module (it made the earlier one 47 KB larger), so the build only strips debug
  sections. What would fix it: a second module for everything that reads or writes files
  (workbook import and export, HTML pages, indexing a posture the user loads, tantivy's
  writer and the compressing half of bit-packing), fetched on first use. By the figures above
  the first module would still be about 1.1 MB gzip unless tantivy's regex went too, which
  takes a change to tantivy itself.
- **Page load to ready (≤ 300 ms): at the edge — 282, 306 and 349 ms in the medians of three
  bench runs this evening (single loads 200–410 ms); met in one of the three.** Two changes
  brought it here from 400–510 ms. The service worker is now registered once the app has
  started: registered at once, its precache fetched the 4.4 MB wasm a second time during the
  first load (interleaved A/B, 21 loads each: medians 300–359 → 234–287 ms). And the default
  posture's engine is built at compile time (\`web/build.rs\`, \`core::snapshot\`), so it
  opens in 25–35 ms cold instead of being built in 230–270 ms. What is left is mostly the
  browser: navigation, the glue, fetching, validating and lazily compiling 4.4 MB of wasm;
  our own code (opening the engine, mostly JSON, and yew's first render) is about 60–90 ms of
  it. Link-time optimisation did not move it measurably. A smaller first module is what
  would give it a margin.

Met now and why:

- **Drafting.** 261 / 825 / 5,000 questions in 32–46 / 94–120 / 640–940 ms over seven runs
  this evening, 0.12–0.19 ms a question, faster than MiniSearch only searching the same
  questions in the same runs (51–78 / 159–224 / 1,050–1,810 ms). A CPU profile of drafting in Chromium showed a third of the time compiling
  regexes: the certification check compiled each scheme's pattern for every question, and a
  certification question about a scheme with no page of its own matched every passage and
  row against it. The patterns are now compiled once, the certification regex is skipped for
  ASCII questions that hold none of its words, and the mentions of a scheme are kept with
  the engine. With the link-time optimisation, a question went from 0.30–0.44 ms to
  0.12–0.19 ms, with the same drafts (every quality figure is unchanged).

Fixed while measuring (earlier): drafting was 0.63 ms/question in the browser (261 questions in
163 ms, 825 in 523 ms). Profiling natively showed the evidence regexes with capture groups
running the slow PikeVM inside every query, the mapper scanning every phrase of every control,
and three tantivy fields per query word; plain-match regexes, a first-stem index and one
weighted field brought it to 0.3 ms/question with the same quality.`;

main().catch((e) => { console.error(e); process.exit(1); });
