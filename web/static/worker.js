// The second module's Web Worker: the file work (questionnaire import and export, answer packs,
// libraries, crosswalks, posture pages and their indexing) runs here, away from the page, so a
// big workbook or page never holds it. Started by the page on first use (web/src/services/worker.rs).
//
// Page → worker: { id, request, bytes }   (request: a jobs::Request as JSON; bytes: the file)
// Worker → page: { kind: 'loading', loaded, total } while the module downloads,
//                { kind: 'ready' } once it can work,
//                { kind: 'step', id, text } during a long job,
//                { kind: 'done', id, reply, bytes } (reply: a jobs::Reply as JSON),
//                { kind: 'failed', error } if the module cannot be loaded,
//                { kind: 'crashed', id, error } if a job trapped (the page starts a new worker).
import init, { run } from './worker/trustdraft_worker.js';

const WASM = new URL('./worker/trustdraft_worker_bg.wasm', import.meta.url);

// The module's download, counted as it arrives (compiled while it streams in).
async function fetchCounted() {
  const response = await fetch(WASM);
  if (!response.ok) throw new Error(`${WASM.pathname.split('/').pop()}: HTTP ${response.status}`);
  const total = Number(response.headers.get('Content-Length')) || 0;
  let loaded = 0;
  let shown = 0;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      if (loaded - shown > 65536 || loaded === total) {
        shown = loaded;
        self.postMessage({ kind: 'loading', loaded, total });
      }
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

const ready = init({ module_or_path: fetchCounted() }).then(
  () => self.postMessage({ kind: 'ready' }),
  (error) => {
    self.postMessage({ kind: 'failed', error: String(error?.message ?? error) });
    throw error;
  },
);

self.addEventListener('message', async (event) => {
  const { id, request, bytes } = event.data;
  try {
    await ready;
  } catch {
    return; // 'failed' was posted: the page fails every job.
  }
  const step = (text) => self.postMessage({ kind: 'step', id, text });
  let reply;
  let out;
  try {
    [reply, out] = run(request, bytes, step);
  } catch (error) {
    // A trap leaves the module unusable: the page ends this worker and starts a new one.
    self.postMessage({ kind: 'crashed', id, error: String(error?.message ?? error) });
    return;
  }
  self.postMessage({ kind: 'done', id, reply, bytes: out }, [out.buffer]);
});
