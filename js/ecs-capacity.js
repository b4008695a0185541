// ECS Capacity Planner: the JavaScript API (api.md, v1). A stable module name for embedding pages.
//
//   import init, { plan, simulate } from './ecs-capacity.js';
//   await init();
//   plan({ services: [{ cpu: 256, memory: 512, desiredCount: 100 }] });
//
// One wasm module holds the planner, the simulator and the app: once init() has resolved, every
// function below works synchronously. The module speaks JSON text; this wrapper turns it into plain
// objects, so results never hold a Map and JSON.stringify shows them whole. Bad data never throws:
// it comes back as { ok: false, errors: [{ path, message }] }.
import initWasm, * as wasm from './ecs-capacity-wasm.js';

/** The crate version (replaced at build time). */
export const version = '__VERSION__';

let loading = null;
let loaded = false;
// The single-file build (`make single`) carries the wasm module as bytes here.
const inlined = globalThis.ecsCapacityWasm;

/** Loads the module once; resolves when every function works. */
export default function init(options) {
  if (!loading) {
    loading = initWasm(options ?? (inlined && { module_or_path: inlined })).then((m) => {
      loaded = true;
      return m;
    });
  }
  return loading;
}

/** Kept for embedders who adopted it: the same as init(). */
export const initPlanner = (options) => init(options);
/** Kept for embedders who adopted it: resolves when the module is loaded (loading it if needed). */
export const ready = () => init();

function invalid(message) {
  return { ok: false, errors: [{ path: '', message }] };
}

const NOT_LOADED = 'the module is not loaded yet: await init() once, then call again';

// JSON has no NaN or Infinity: JSON.stringify writes them as null, which would read as "not
// given" and be replaced by a default. They are refused instead, at their path (under `prefix`).
function toText(value, prefix = '') {
  const paths = new WeakMap();
  let nonFinite = null;
  function replacer(key, v) {
    const parent = paths.get(this);
    let path = prefix;
    if (parent !== undefined) {
      path = Array.isArray(this) ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
    }
    if (typeof v === 'number' && !Number.isFinite(v) && nonFinite === null) nonFinite = path;
    if (v !== null && typeof v === 'object') paths.set(v, path);
    return v;
  }
  try {
    const text = JSON.stringify(value === undefined ? null : value, replacer);
    if (nonFinite !== null) {
      return { error: { ok: false, errors: [{ path: nonFinite, message: 'expected a finite number, got NaN or Infinity' }] } };
    }
    return { text: text === undefined ? 'null' : text };
  } catch (e) {
    return { error: invalid('the scenario cannot be turned into JSON: ' + e.message) };
  }
}

/** The instance types the app knows. */
export function catalog() {
  if (!loaded) throw new Error(NOT_LOADED);
  return JSON.parse(wasm.catalog_json());
}

/** The plan for one scenario (api.md); { ok: false, errors } for bad data. */
export function plan(scenario) {
  if (!loaded) return invalid(NOT_LOADED);
  const { text, error } = toText(scenario);
  if (error) return error;
  return JSON.parse(wasm.plan_json(text));
}

/**
 * The timeline for one scenario: run = { durationMinutes, load: { preset } or { points },
 * withCas, startInstances, settings }. { ok: false, errors } for bad data.
 */
export function simulate(scenario, run) {
  if (!loaded) return invalid(NOT_LOADED);
  const a = toText(scenario);
  if (a.error) return a.error;
  const b = toText(run === undefined ? {} : run, 'run');
  if (b.error) return b.error;
  return JSON.parse(wasm.simulate_json(a.text, b.text));
}

/**
 * Catalog types ranked by monthly cost for the scenario's services:
 * { ok: true, ranked: [{ instanceType, instancesNeeded, monthlyCost, cpuUsedShare, memoryUsedShare, limitedBy, fits, awsvpcFits }] }.
 * options: { arch: 'arm64' | 'x86_64', families: ['m6g', ...] }. { ok: false, errors } for bad data.
 */
export function recommend(scenario, options) {
  if (!loaded) return invalid(NOT_LOADED);
  const a = toText(scenario);
  if (a.error) return a.error;
  const b = toText(options === undefined ? null : options, 'options');
  if (b.error) return b.error;
  return JSON.parse(wasm.recommend_json(a.text, b.text));
}

/**
 * The scenario as the page's query string (compact, readable, versioned, defaults left out): open
 * `index.html?` + it to see the scenario. { ok: false, errors } for bad data.
 */
export function encode(scenario) {
  if (!loaded) return invalid(NOT_LOADED);
  const { text, error } = toText(scenario);
  if (error) return error;
  try {
    return wasm.encode_json(text);
  } catch (errors) {
    return JSON.parse(errors);
  }
}

/** A query string (with or without "?") to { ok: true, scenario, notes }; never fails. */
export function decode(query) {
  if (!loaded) return invalid(NOT_LOADED);
  let text = '';
  let unreadable = null;
  try {
    text = typeof query === 'string' ? query : String(query ?? '');
  } catch {
    // An object with no toString (Object.create(null)) or one whose toString throws: decode nothing.
    unreadable = 'the query is not text and cannot be turned into text; the default scenario is used';
  }
  const out = JSON.parse(wasm.decode_json(text));
  if (unreadable) out.notes.unshift(unreadable);
  return out;
}

/**
 * Lays AWS CLI JSON (the four describe-* outputs), a Terraform plan or state (terraform show -json)
 * or a CloudFormation / CDK template (JSON) over a scenario (absent: a new one):
 * { ok: true, scenario, notes } or { ok: false, errors: [{ path, message }] } with nothing applied.
 */
export function importAws(text, scenario) {
  if (!loaded) return invalid(NOT_LOADED);
  let source = text;
  if (typeof text !== 'string') {
    // A document already parsed is read as its JSON.
    const t = toText(text, 'text');
    if (t.error) return t.error;
    source = t.text;
  }
  const s = toText(scenario === undefined ? null : scenario, 'scenario');
  if (s.error) return s.error;
  return JSON.parse(wasm.import_aws_json(source, s.text));
}

/** Starts the UI in an element (after init()). */
export function mount(element) {
  if (!loaded) throw new Error(NOT_LOADED);
  if (!(element instanceof Element)) throw new TypeError('mount(element) needs a DOM element to start the app in');
  wasm.mount(element);
}
