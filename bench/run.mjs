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
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
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
      let bytes = 0;
      page.on('response', async (res) => { try { bytes += (await res.body()).length; } catch { /* redirects */ } });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      ready.push(Number(await page.getAttribute('body', 'data-ready-ms')));
      index.push(Number(await page.getAttribute('body', 'data-index-ms')));
      await page.waitForLoadState('networkidle');
      transferred.push(bytes);
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

This VM's speed changes through the day by more than any change measured here, so a change
is judged by an A/B run at the same hour: the previous build (59425a9) and this one, one after
the other. At 16:20 on 2026-11-22: ready 677 ms → 452 ms, of which the engine 272 → 64 ms;
drafting 261 questions 125 → 114 ms, 825 questions 360 → 340 ms (MiniSearch in the same
runs: 94 / 78 ms and 265 / 257 ms). The same previous build had run 261 and 825 questions in
96 and 244 ms that morning, with MiniSearch at 67 and 161 ms.

- **Drafting 261 / 825 questions (≤ 100 / ≤ 300 ms).** Met when the machine is quiet (0.3 ms
  a question: 87 / 248 ms in the last run of the day), missed when it is slow (0.44 ms a
  question in the A/B hour); the drafting code did not change and the peer moved alike. No margin is left for a slow
  machine. Natively a question takes 0.04–0.05 ms, in the browser 0.3; where the difference
  goes was not profiled this round.
- **Page load to ready (≤ 300 ms).** The default posture's engine is now built at compile time
  (\`web/build.rs\`, \`core::snapshot\`): the page opens it in ≈ 60 ms cold (7 ms warm) instead
  of parsing, indexing and compiling regexes for ≈ 230–270 ms; the glue's snippet is preloaded
  too. What is left is mostly the browser: navigation, the JS glue, fetching and validating
  5 MB of wasm (V8 already compiles function bodies lazily — forcing eager compilation adds
  ≈ 250 ms — but validates the whole module first), then yew's first render, each running in
  cold code. Only a smaller module shortens it further.
- **wasm size (≤ 1 MB gzip).** 1.70 MB: the snapshot adds 74 KB gzip (posture, index files,
  drafting data) and stemming English without tantivy's 18-language stemmer saved 43 KB. By
  part, before compression: tantivy's bit-packing 0.50 MB, columnar 0.27 MB and core 0.24 MB;
  regex's Unicode tables 0.31 MB of data, linked because tantivy formats facets with a regex
  (switching our own patterns to regex-lite saved nothing: tantivy keeps regex in, so the
  change was reverted); the workbook stack (calamine, zip, zlib-rs, quick-xml, encoding_rs with
  its CJK tables for .xls code pages) about 0.55 MB; html5gum 0.2 MB with its entity table;
  yew 0.1 MB. \`wasm-opt -Oz\` makes the module 0.57 MB smaller raw but 47 KB larger gzipped,
  so the build strips debug sections only. What would fix it: a second module for everything
  that reads or writes files (workbook import and export, HTML pages, indexing a posture the
  user loads — tantivy's writer), fetched on first use, leaving the reader, drafting and the
  interface in the first; by these figures that first module would still be ≈ 1.2 MB gzip
  unless tantivy stops linking regex.

Fixed while measuring (earlier): drafting was 0.63 ms/question in the browser (261 questions in
163 ms, 825 in 523 ms). Profiling natively showed the evidence regexes with capture groups
running the slow PikeVM inside every query, the mapper scanning every phrase of every control,
and three tantivy fields per query word; plain-match regexes, a first-stem index and one
weighted field brought it to 0.3 ms/question with the same quality.`;

main().catch((e) => { console.error(e); process.exit(1); });
