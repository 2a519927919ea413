// The service worker: precaches the whole app (html, js, wasm, css, the embedded posture is in
// the wasm) in a cache named after the build, so that after one visit the app loads and answers
// with no network. build-web.sh fills in VERSION and FILES.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `trustdraft-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('trustdraft-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(event.request, { ignoreSearch: true });
      if (hit) return hit;
      if (event.request.mode === 'navigate') {
        const index = await cache.match('./index.html');
        if (index) return index;
      }
      return fetch(event.request);
    }),
  );
});
