// Loads the wasm app. Kept out of index.html so the CSP can forbid inline script.
import init from './pkg/trustdraft_web.js';

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
