// ECS Capacity Planner: the JavaScript API (api.md, v1). A stable module name for embedding pages.
//
//   import init, { plan, catalog } from './ecs-capacity.js';
//   await init();
//   plan({ services: [{ cpu: 256, memory: 512, desiredCount: 100 }] });
//
// The wasm module speaks JSON text; this wrapper turns it into plain objects, so results never hold
// a Map and JSON.stringify shows them whole. Bad data never throws: it comes back as
// { ok: false, errors: [{ path, message }] }.
import initCore, * as core from './ecs-capacity-core.js';

/** The crate version (replaced at build time). */
export const version = '__VERSION__';

// Two modules: the planner (everything but the simulator) and the panels module (the simulator,
// the timeline, cost and the recommender's UI), so the page shows its first result sooner.
let planner = null;
let panels = null;
let panelsModule = null;
// The single-file build (`make single`) carries both wasm modules as bytes here.
const inlined = globalThis.ecsCapacityWasm;

/** Initialises the planner module only: every function but simulate(). The app's page uses this. */
export function initPlanner(options) {
  if (!planner) planner = initCore(options ?? (inlined && { module_or_path: inlined.core }));
  return planner;
}

/** Loads the panels module (the simulator and the on-demand panels) once; resolves when ready. */
export function ready() {
  if (!panels) {
    panels = import('./ecs-capacity-panels.js').then(async (m) => {
      await m.default(inlined && { module_or_path: inlined.panels });
      panelsModule = m;
      return m;
    });
  }
  return panels;
}

/** Initialises both modules once: after it resolves every function works. */
export default function init(options) {
  return Promise.all([initPlanner(options), ready()]).then(([core]) => core);
}

function invalid(message) {
  return { ok: false, errors: [{ path: '', message }] };
}

function toText(value) {
  try {
    const text = JSON.stringify(value === undefined ? null : value);
    return { text: text === undefined ? 'null' : text };
  } catch (e) {
    return { error: invalid('the scenario cannot be turned into JSON: ' + e.message) };
  }
}

/** The instance types the app knows. */
export function catalog() {
  return JSON.parse(core.catalog_json());
}

/** The plan for one scenario (api.md); { ok: false, errors } for bad data. */
export function plan(scenario) {
  const { text, error } = toText(scenario);
  if (error) return error;
  return JSON.parse(core.plan_json(text));
}

/**
 * The timeline for one scenario (issue 4): run = { durationMinutes, load: { preset } or { points },
 * withCas, startInstances, settings }. { ok: false, errors } for bad data.
 */
export function simulate(scenario, run) {
  const a = toText(scenario);
  if (a.error) return a.error;
  const b = toText(run === undefined ? {} : run);
  if (b.error) return b.error;
  if (!panelsModule) {
    ready();
    return invalid('the simulator is still loading: await init() (or ready()) once, then call simulate() again');
  }
  return JSON.parse(panelsModule.simulate_json(a.text, b.text));
}

/**
 * Catalog types ranked by monthly cost for the scenario's services:
 * { ok: true, ranked: [{ instanceType, instancesNeeded, monthlyCost, cpuUsedShare, memoryUsedShare, limitedBy, fits, awsvpcFits }] }.
 * options: { arch: 'arm64' | 'x86_64', families: ['m6g', ...] }. { ok: false, errors } for bad data.
 */
export function recommend(scenario, options) {
  const a = toText(scenario);
  if (a.error) return a.error;
  const b = toText(options === undefined ? null : options);
  if (b.error) return b.error;
  return JSON.parse(core.recommend_json(a.text, b.text));
}

/**
 * The scenario as the page's query string (issue 6: compact, readable, versioned, defaults left
 * out): open `index.html?` + it to see the scenario. { ok: false, errors } for bad data.
 */
export function encode(scenario) {
  const { text, error } = toText(scenario);
  if (error) return error;
  try {
    return core.encode_json(text);
  } catch (errors) {
    return JSON.parse(errors);
  }
}

/** A query string (with or without "?") to { ok: true, scenario, notes }; never fails. */
export function decode(query) {
  return JSON.parse(core.decode_json(typeof query === 'string' ? query : String(query ?? '')));
}

// The panels are fetched the first time the page shows one of them. Each host element gets its own
// panel, started with its settings from the link (a query fragment); later calls update its scenario
// and settings.
const mounted = new WeakMap();
const panelLoader = {
  show(host, scenario, kind, settings) {
    const prev = mounted.get(host);
    const next = prev
      ? prev.then((handle) => { handle.update(scenario, settings || ''); return handle; })
      : ready().then((m) => m.mount_panel(kind || 'timeline', host, scenario, settings || ''));
    mounted.set(host, next);
    return next;
  },
};

/** Starts the UI in an element. */
export function mount(element) {
  window.ecsCapacityPanels = panelLoader;
  core.mount(element);
}
