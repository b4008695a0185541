// Starts the app: load the one wasm module, mount the UI, expose the API as window.ecsCapacity.
// Every function works as soon as window.ecsCapacity exists (simulate() included).
// A file rather than an inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
import * as api from './ecs-capacity.js';

const root = document.getElementById('app');
try {
  await api.default();
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
