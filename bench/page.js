// The in-browser half of the benchmark: loads the app's two wasm modules (the page's, which
// drafts, and the file module, which the app runs in a worker; here both run in the page so
// that their time is measured alone) and the peer (MiniSearch), and times them on the same
// data. run.mjs drives it through window.bench.
import init, { ask, draftQuestions, mapQuestion, rows, catalog, profileOpen } from './pkg/trustdraft_web.js';
import initFiles, { run, profileBuild } from './worker/trustdraft_worker.js';
import MiniSearch from './minisearch.js';

const wasm = await init();
await initFiles();

/** Imports a questionnaire file with the file module, as the app's worker does. */
function importFile(name, bytes) {
  const [reply] = run(JSON.stringify({ job: 'open', name }), bytes, () => {});
  const parsed = JSON.parse(reply);
  if (parsed.reply !== 'questionnaire') throw new Error(`${name}: ${reply.slice(0, 200)}`);
  return parsed.questionnaire;
}

function time(fn) {
  const t = performance.now();
  const value = fn();
  return [performance.now() - t, value];
}

function peerIndex() {
  const docs = rows().map((r, id) => ({ id, ref: r.ref, requirement: r.requirement, text: r.text, section: r.section, status: r.status, page: r.page }));
  const mini = new MiniSearch({
    fields: ['ref', 'requirement', 'text', 'section'],
    storeFields: ['ref', 'status', 'page'],
    searchOptions: { boost: { requirement: 2, ref: 2 }, prefix: true, fuzzy: 0.2 },
  });
  mini.addAll(docs);
  return mini;
}

function peerCatalog() {
  const mini = new MiniSearch({ fields: ['id', 'title'], storeFields: ['id'], searchOptions: { prefix: true, fuzzy: 0.2 } });
  mini.addAll(catalog().filter((e) => e.kind === 'control').map((e, i) => ({ id: e.control, title: e.title, n: i })));
  return mini;
}

window.bench = {
  /** The engine build, part by part (ms), `rounds` times in this page (the first is coldest). */
  profile(rounds) {
    return Array.from({ length: rounds }, () => ({ ...profileBuild(), snapshot: profileOpen() }));
  },
  wasmMemory: () => wasm.memory.buffer.byteLength,
  jsHeap: () => performance.memory?.usedJSHeapSize ?? null,

  /** Per-question latency of ask() (ours) and of a MiniSearch query (the peer). */
  asks(questions, rounds) {
    const ours = [];
    const peer = [];
    const [peerBuild, mini] = time(peerIndex);
    for (let r = 0; r < rounds; r += 1) {
      for (const q of questions) {
        ours.push(time(() => ask(q))[0]);
        peer.push(time(() => mini.search(q))[0]);
      }
    }
    return { ours, peer, peerBuild };
  },

  /** Drafting a whole questionnaire: import (the file module) + draft (the page's module), as
   * the app does, the questionnaire passed between them as JSON; search per question (the peer). */
  questionnaire(name, csv, rounds) {
    const bytes = new TextEncoder().encode(csv);
    const questions = csv.trim().split('\n').slice(1).map((l) => l.slice(l.indexOf(',') + 2, -1));
    const ours = [];
    const peer = [];
    let drafted = 0;
    for (let r = 0; r < rounds; r += 1) {
      const [ms, counts] = time(() => draftQuestions(JSON.stringify(importFile(name, bytes))));
      ours.push(ms);
      drafted = counts.drafted;
      const mini = peerIndex();
      peer.push(time(() => questions.map((q) => mini.search(q)[0]))[0]);
    }
    return { ours, peer, drafted };
  },

  /** Answers and cited rows for the labelled questions, ours and the peer's. */
  quality(questions) {
    const mini = peerIndex();
    return questions.map((q) => {
      const d = ask(q);
      const top = mini.search(q)[0];
      return {
        ours: { answer: d.answer, refs: d.citations.map((c) => c.ref), evidence: d.citations.flatMap((c) => c.evidence) },
        peer: top ? { answer: top.status === 'Met' ? 'yes' : 'partial', refs: [top.ref] } : { answer: 'needs-review', refs: [] },
      };
    });
  },

  /** The top five controls for each mapping question, ours and the peer's. */
  mapping(questions) {
    const mini = peerCatalog();
    return questions.map((q) => ({
      ours: mapQuestion(q, 5).map((m) => m.control),
      peer: mini.search(q).slice(0, 5).map((h) => h.id),
    }));
  },
};
document.body.dataset.benchReady = 'true';
