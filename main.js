// Starts the app: initialise the planner module, mount the UI, expose the API as window.ecsCapacity.
// The simulator comes with the panels module, fetched when a panel opens or when a script calls
// `await window.ecsCapacity.ready()`; until then simulate() answers { ok: false } saying so.
// A file rather than an inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
import * as api from './ecs-capacity.js';

const root = document.getElementById('app');
try {
  await api.initPlanner();
  root.textContent = '';
  api.mount(root);
  const { default: _init, initPlanner: _planner, ...functions } = api;
  window.ecsCapacity = Object.freeze({ ...functions });
  // Offline after the first visit (sw.js). Not from file:// (the single-file build), where
  // service workers do not exist.
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register('./sw.js').catch(() => {});
  }
} catch (e) {
  root.textContent = 'ECS Capacity Planner could not start: ' + (e && e.message ? e.message : e) +
    '. It needs a browser with WebAssembly (any current Chrome, Edge, Firefox or Safari).';
  root.className = 'fatal';
}
