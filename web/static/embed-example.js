// Embedding trustdraft in a trust page: import, init, ask. See embed-example.html.
import init, { ask } from './pkg/trustdraft_web.js';

await init();
document.body.dataset.embedReady = 'true';

const words = { yes: 'Yes', no: 'No', partial: 'Partially', 'not-applicable': 'Not applicable', 'needs-review': 'Not covered' };
document.querySelector('form').addEventListener('submit', (event) => {
  event.preventDefault();
  const draft = ask(document.querySelector('#q').value);
  const sources = draft.citations.map((c) => `${c.page} ${c.ref}`).join('; ');
  document.querySelector('#answer').textContent =
    `${words[draft.answer]}: ${draft.text || 'ask us directly.'}${sources ? ` (Sources: ${sources})` : ''}`;
});
