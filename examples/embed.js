// The example page's script (no inline script: the page's CSP forbids it).
import init, { plan, simulate, recommend } from '../ecs-capacity.js';

// 1. The iframe reports its height; size the frame to it.
const frame = document.getElementById('planner');
window.addEventListener('message', (e) => {
  if (e.source === frame.contentWindow && e.data && e.data.type === 'ecs-capacity:height') {
    frame.height = String(Math.max(200, Math.ceil(e.data.height)));
    frame.dataset.reportedHeight = String(e.data.height);
  }
});

// 2. The API, no UI.
await init();
const scenario = { services: [{ name: 'api', cpu: 256, memory: 512, desiredCount: 100 }] };
const p = plan(scenario);
const t = simulate(scenario, { durationMinutes: 240, load: { preset: 'month-end' } });
const r = recommend(scenario, { arch: 'arm64' });
const show = (id, text) => { document.getElementById(id).textContent = text; };
show('plan-instances', p.ok ? `${p.instancesNeeded} x ${p.instance.type} (${p.services[0].tasksPerInstance} per instance, limited by ${p.services[0].limitedBy})` : JSON.stringify(p.errors));
show('simulate-unserved', t.ok ? `${(100 * t.summary.unservedShare).toFixed(1)} % over ${t.summary.errorMinutes} minute(s)` : JSON.stringify(t.errors));
const best = r.ok ? r.ranked[0] : null;
show('recommend-best', best ? `${best.instancesNeeded} x ${best.instanceType}, $${best.monthlyCost.toFixed(2)} a month` : JSON.stringify(r.errors));
document.body.dataset.ready = 'true';
