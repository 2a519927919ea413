// Loads the wasm app and registers the service worker that keeps it working offline. Kept out
// of index.html so the CSP can forbid inline script.
import init from './pkg/trustdraft_web.js';

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Served from a file:// copy or a host without service workers: the app still runs.
  });
}

init().catch((err) => {
  const app = document.getElementById('app');
  app.textContent = '';
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = `trustdraft could not start in this browser: ${err}`;
  app.append(p);
  document.body.dataset.ready = 'error';
});
