// Loads the wasm app and registers the service worker that keeps it working offline. Kept out
// of index.html so the CSP can forbid inline script.
import init from './pkg/trustdraft_web.js';

function registerServiceWorker() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Served from a file:// copy or a host without service workers: the app still runs.
    });
  }
}

init().then(() => {
  // Only once the app has started and the page has loaded: registered at once, the worker's
  // precache downloads the wasm a second time while the page is still fetching and compiling it.
  if (document.readyState === 'complete') registerServiceWorker();
  else window.addEventListener('load', registerServiceWorker, { once: true });
}, (err) => {
  const app = document.getElementById('app');
  app.textContent = '';
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = `trustdraft could not start in this browser: ${err}`;
  app.append(p);
  document.body.dataset.ready = 'error';
});
