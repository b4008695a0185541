// Starts the app: initialise the WebAssembly, mount the UI, expose the API as window.ecsCapacity.
// A file rather than an inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
import init, * as api from './ecs-capacity.js';

const root = document.getElementById('app');
try {
  await init();
  root.textContent = '';
  api.mount(root);
  const { default: _init, ...functions } = api;
  window.ecsCapacity = Object.freeze({ ...functions });
} catch (e) {
  root.textContent = 'ECS Capacity Planner could not start: ' + (e && e.message ? e.message : e) +
    '. It needs a browser with WebAssembly (any current Chrome, Edge, Firefox or Safari).';
  root.className = 'fatal';
}
