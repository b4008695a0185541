// The JavaScript API (api.md): window.ecsCapacity and the built module's named exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, PlannerPage } from './harness.mjs';

let env;
let p;
before(async () => { env = await start(); p = await PlannerPage.open(env); });
after(async () => { await env.close(); });

const API_EXAMPLE = {
  services: [{ name: 'api', cpu: 256, memory: 512, desiredCount: 100 }],
  daemons: [{ name: 'log-router', cpu: 64, memory: 128 }],
};

test('version is the crate version', async () => {
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "(.*)"/m)[1];
  assert.equal(await p.page.evaluate(() => window.ecsCapacity.version), cargo);
});

test('catalog() lists every type with api.md fields', async () => {
  const c = await p.page.evaluate(() => window.ecsCapacity.catalog());
  assert.equal(c.length, 147);
  const t = c.find((x) => x.name === 't4g.medium');
  assert.deepEqual(
    { arch: t.arch, vcpu: t.vcpu, memoryMiB: t.memoryMiB, registeredMemoryMiB: t.registeredMemoryMiB, maxEnis: t.maxEnis, trunkTaskLimit: t.trunkTaskLimit, pricePerHour: t.pricePerHour },
    { arch: 'arm64', vcpu: 2, memoryMiB: 4096, registeredMemoryMiB: 3768, maxEnis: 3, trunkTaskLimit: null, pricePerHour: 0.0336 });
  assert.equal(c.find((x) => x.name === 'm6g.large').trunkTaskLimit, 10);
  // The refresh: family, generation, maker, and where each trunk limit comes from.
  const m8g = c.find((x) => x.name === 'm8g.large');
  assert.deepEqual({ family: m8g.family, generation: m8g.generation, maker: m8g.maker, trunkSource: m8g.trunkSource, trunkTaskLimit: m8g.trunkTaskLimit },
    { family: 'm8g', generation: 8, maker: 'aws', trunkSource: 'inferred', trunkTaskLimit: 10 });
  assert.equal(c.find((x) => x.name === 'c6a.large').trunkSource, 'ecs-doc');
  assert.equal(c.find((x) => x.name === 't4g.medium').trunkSource, null);
});

test('plan() gives api.md\'s example result', async () => {
  const r = await p.page.evaluate((s) => window.ecsCapacity.plan(s), API_EXAMPLE);
  assert.equal(r.ok, true);
  assert.deepEqual(
    { type: r.instance.type, cpu: r.instance.cpu, memoryMiB: r.instance.memoryMiB, taskEnis: r.instance.taskEnis, freeCpu: r.instance.freeCpu, freeMemoryMiB: r.instance.freeMemoryMiB },
    { type: 't4g.medium', cpu: 2048, memoryMiB: 3768, taskEnis: 2, freeCpu: 1984, freeMemoryMiB: 3640 });
  assert.deepEqual(
    { name: r.services[0].name, desiredCount: r.services[0].desiredCount, tasksPerInstance: r.services[0].tasksPerInstance, limitedBy: r.services[0].limitedBy },
    { name: 'api', desiredCount: 100, tasksPerInstance: 7, limitedBy: 'cpu' });
  assert.equal(r.instancesNeeded, 15);
  assert.equal(r.lowerBound, 15);
  assert.deepEqual({ t: r.articleFormula.tasksPerInstance, i: r.articleFormula.instances }, { t: 8, i: 13 });
  const first = r.placement.instances[0];
  assert.deepEqual(first, { index: 0, type: 't4g.medium', az: 'a', tasks: [{ service: 'api', count: 7 }], daemons: ['log-router'], freeCpu: 192, freeMemoryMiB: 56, freeEnis: 2 });
  assert.deepEqual(r.placement.unplaced, []);
  assert.match(r.explanations.tasksPerInstance, /^CPU 1984 \/ 256 = 7\.75, so 7; memory 3640 MiB \/ 512 MiB/);
  assert.equal(JSON.parse(JSON.stringify(r)).instancesNeeded, 15, 'plain JSON-shaped object');
});

test('plan() never throws for bad data: { ok: false, errors } with paths', async () => {
  const results = await p.page.evaluate(() => {
    const cyclic = {}; cyclic.self = cyclic;
    return [undefined, null, 42, 'text', [], {}, { services: [{ memory: -1 }] }, { servics: [] }, cyclic, { services: [{ memory: 512, cpu: 10n }] }]
      .map((s) => { try { return window.ecsCapacity.plan(s); } catch (e) { return { threw: String(e) }; } });
  });
  for (const r of results) {
    assert.equal(r.threw, undefined, r.threw);
    assert.equal(r.ok, false);
    assert.ok(r.errors.length > 0 && r.errors.every((e) => typeof e.path === 'string' && e.message.length > 0));
  }
  assert.equal(results[6].errors[0].path, 'services[0].memory');
  assert.equal(results[7].errors[0].path, 'servics');
  assert.match(results[7].errors[0].message, /unknown field "servics"/);
});

test('the built module exports the API without mounting anything', async () => {
  const names = await p.page.evaluate(async () => {
    const m = await import('./ecs-capacity.js');
    await m.default();
    const r = m.plan({ services: [{ cpu: 512, memory: 1024, desiredCount: 4 }] });
    // After init(), simulate() works at once (one module holds everything).
    const t = m.simulate({ services: [{ cpu: 256, memory: 512, desiredCount: 2 }] }, { durationMinutes: 10 });
    return { exports: Object.keys(m).sort(), needed: r.instancesNeeded, simulated: t.ok && t.series.length };
  });
  assert.equal(names.simulated, 11);
  assert.deepEqual(names.exports, ['catalog', 'decode', 'default', 'encode', 'importAws', 'initPlanner', 'mount', 'plan', 'ready', 'recommend', 'simulate', 'version']);
  assert.equal(names.needed, 2);
});

test('plan() returns cas, headroom and metrics as api.md shows', async () => {
  const r = await p.page.evaluate((s) => window.ecsCapacity.plan(s), API_EXAMPLE);
  assert.deepEqual(
    { n: r.cas.n, m: r.cas.m, reservation: r.cas.reservation, desired: r.cas.desiredInstances, decision: r.cas.decision },
    { n: 0, m: 13, reservation: 200, desired: 2, decision: 'scale-out' });
  assert.deepEqual(r.cas.waiting, [{ service: 'api', count: 100, casWillScale: true }]);
  assert.deepEqual(r.cas.steps, [{ minute: 0, instances: 2 }, { minute: 5, instances: 13 }, { minute: 10, instances: 15 }]);
  assert.equal(r.cas.minutesToCapacity, 12);
  assert.equal(r.cas.steadyStateInstances, 15);
  assert.deepEqual(r.cas.placement, { instances: [], unplaced: [{ service: 'api', count: 100, reason: 'no-capacity' }] });
  assert.ok(r.headroom.deployment && r.headroom.loseInstance && 'loseZone' in r.headroom);
  assert.equal(r.metrics.waitingTasks, 100);
  assert.ok(Math.abs(r.metrics.cpuReservation - 26560 * 100 / 30720) < 1e-9);
  for (const k of ['cas.m', 'cas.reservation', 'cas.desiredInstances', 'cas.decision', 'cas.steps', 'metrics']) {
    assert.ok(r.explanations[k].length > 0, k);
  }
});

test('the settings casSizing, provisioningQuota, launchSeconds and maximumPercent take effect', async () => {
  const plan = (settings, extra = {}) => p.page.evaluate((s) => window.ecsCapacity.plan(s), { ...API_EXAMPLE, runningInstances: 2, settings, ...extra });
  // casSizing: nominal sizes 8 per t4g.medium; registered (daemons off) 7.
  assert.equal((await plan({ casSizing: 'nominal' })).cas.groups[0].tasksPerInstance, 8);
  assert.equal((await plan({ casSizing: 'registered' })).cas.groups[0].tasksPerInstance, 7);
  // provisioningQuota: only the first 10 of the 86 waiting tasks count.
  const q = await plan({ provisioningQuota: 10 });
  assert.deepEqual([q.cas.waitingTasks, q.cas.countedWaitingTasks, q.cas.m], [86, 10, 4]);
  // launchSeconds moves the time to capacity.
  const slow = await plan({ launchSeconds: 300 });
  const fast = await plan({ launchSeconds: 60 });
  assert.ok(slow.cas.minutesToCapacity > fast.cas.minutesToCapacity);
  // maximumPercent sets the deployment's extra tasks.
  assert.equal((await plan({ maximumPercent: 150 })).headroom.deployment.tasks, 50);
  assert.equal((await plan({ maximumPercent: 200 })).headroom.deployment.tasks, 100);
});

test('on the app page simulate() works as soon as window.ecsCapacity exists; ready() still resolves', async () => {
  const fresh = await PlannerPage.open(env);
  const early = await fresh.page.evaluate(() => window.ecsCapacity.simulate({ services: [{ memory: 512 }] }, { durationMinutes: 5 }));
  assert.equal(early.ok, true, JSON.stringify(early.errors));
  assert.equal(early.series.length, 6);
  const later = await fresh.page.evaluate(async () => { await window.ecsCapacity.ready(); return window.ecsCapacity.simulate({ services: [{ memory: 512 }] }, { durationMinutes: 5 }); });
  assert.equal(later.ok, true);
  await fresh.page.close();
});

test('an embedder who calls a function before init() gets an error as data, not a throw', async () => {
  const fresh = await PlannerPage.open(env);
  const r = await fresh.page.evaluate(async () => {
    // A second copy of the module (its own URL), not yet initialised.
    const m = await import('./ecs-capacity.js?fresh');
    const before = m.plan({ services: [{ memory: 512 }] });
    await m.initPlanner();
    return { before, after: m.simulate({ services: [{ memory: 512 }] }, { durationMinutes: 2 }).ok };
  });
  assert.equal(r.before.ok, false);
  assert.match(r.before.errors[0].message, /not loaded yet: await init\(\)/);
  assert.equal(r.after, true);
  await fresh.page.close();
});

test('simulate() runs the month-end with and without CAS, and returns errors as data', async () => {
  const r = await p.page.evaluate(async () => {
    const s = { services: [{ name: 'api', cpu: 256, memory: 512, desiredCount: 10 }], daemons: [{ name: 'log-router', cpu: 64, memory: 128 }] };
    await window.ecsCapacity.ready();
    const run = (withCas) => window.ecsCapacity.simulate(s, { durationMinutes: 240, load: { preset: 'month-end' }, withCas });
    return { with: run(true), without: run(false), bad: window.ecsCapacity.simulate(s, { durationMinutes: 0 }), junk: window.ecsCapacity.simulate(s, 'x') };
  });
  assert.equal(r.with.ok, true);
  assert.equal(r.with.series.length, 241);
  const keys = ['minute', 'load', 'served', 'tasksDesired', 'tasksRunning', 'tasksWaiting', 'instancesDesired', 'instancesRunning', 'reservation'];
  for (const k of keys) assert.ok(k in r.with.series[0], k);
  for (const k of ['unservedShare', 'errorMinutes', 'minutesUntilAllPlaced', 'peakInstances', 'instanceHours']) assert.ok(k in r.with.summary, k);
  assert.ok(r.without.series[120].tasksWaiting > 0, 'without CAS tasks wait at the peak');
  assert.equal(r.with.series[120].tasksWaiting, 0, 'with CAS every task runs by minute 120');
  assert.ok(r.with.summary.unservedShare < r.without.summary.unservedShare);
  assert.ok(r.with.events.some((e) => /reservation .* > 100 %: desired/.test(e.message)));
  assert.equal(r.bad.ok, false);
  assert.equal(r.bad.errors[0].path, 'run.durationMinutes');
  assert.equal(r.junk.ok, false);
});

test('plan() has cost; recommend() ranks the catalog and returns errors as data', async () => {
  const r = await p.page.evaluate((s) => ({
    plan: window.ecsCapacity.plan(s),
    half: window.ecsCapacity.plan({ ...s, priceMultiplier: 0.5 }),
    rec: window.ecsCapacity.recommend({ services: [{ cpu: 256, memory: 512, desiredCount: 40, networkMode: 'awsvpc' }] }, { arch: 'arm64' }),
    bad: window.ecsCapacity.recommend(s, { arch: 'sparc' }),
  }), API_EXAMPLE);
  const c = r.plan.cost;
  assert.ok(Math.abs(c.ec2Hourly - 15 * 0.0336) < 1e-9);
  assert.ok(Math.abs(c.ec2Monthly - 15 * 0.0336 * 730) < 1e-9);
  // The log router rides in every Fargate task as a sidecar: 256 + 64 CPU and 512 + 128 MiB round
  // up to 0.5 vCPU and 1 GB.
  assert.ok(Math.abs(c.fargateHourly - 100 * (0.5 * 0.03238 + 1 * 0.00356)) < 1e-9);
  assert.deepEqual([c.fargateSidecarCpu, c.fargateSidecarMemoryMiB], [64, 128]);
  assert.equal(c.fargateArch, 'arm64');
  assert.ok(Math.abs(r.half.cost.ec2Hourly * 2 - c.ec2Hourly) < 1e-9);
  assert.equal(r.rec.ok, true);
  assert.ok(r.rec.ranked.every((x) => x.instanceType && 'instancesNeeded' in x && 'monthlyCost' in x && 'cpuUsedShare' in x && 'memoryUsedShare' in x && 'limitedBy' in x));
  const fitting = r.rec.ranked.filter((x) => x.fits);
  assert.ok(fitting.every((x, i) => i === 0 || fitting[i - 1].monthlyCost <= x.monthlyCost));
  assert.equal(r.bad.ok, false);
  assert.equal(r.bad.errors[0].path, 'options.arch');
});

test('NaN and Infinity are refused at their path, not read as "not given"; mount() says what it needs', async () => {
  const fresh = await PlannerPage.open(env);
  const r = await fresh.page.evaluate(() => {
    const e = window.ecsCapacity;
    let mountError = null;
    try { e.mount(null); } catch (x) { mountError = x instanceof TypeError ? x.message : String(x); }
    return {
      cpu: e.plan({ services: [{ cpu: NaN, memory: 512 }] }),
      desired: e.plan({ services: [{ memory: 512, desiredCount: -Infinity }] }),
      multiplier: e.plan({ services: [{ memory: 512 }], priceMultiplier: Infinity }),
      run: e.simulate({ services: [{ memory: 512 }] }, { durationMinutes: NaN }),
      mountError,
    };
  });
  assert.deepEqual(r.cpu.errors[0], { path: 'services[0].cpu', message: 'expected a finite number, got NaN or Infinity' });
  assert.equal(r.desired.errors[0].path, 'services[0].desiredCount');
  assert.equal(r.multiplier.errors[0].path, 'priceMultiplier');
  assert.equal(r.run.errors[0].path, 'run.durationMinutes');
  assert.match(r.mountError, /needs a DOM element/);
  await fresh.page.close();
});

test('plan() with capacity providers (api.md additions): per-provider tasks, CAS and cost; errors at their paths', async () => {
  const r = await p.page.evaluate(() => window.ecsCapacity.plan({
    services: [{ name: 'api', cpu: 256, memory: 512, desiredCount: 10 }],
    capacityProviders: [{ name: 'od', kind: 'asg' }, { name: 'spot', kind: 'asg', spot: true }],
    defaultStrategy: [{ capacityProvider: 'od', base: 2, weight: 1 }, { capacityProvider: 'spot', weight: 3 }],
  }));
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  const by = Object.fromEntries(r.providers.map((x) => [x.name, x]));
  assert.deepEqual([by.od.tasks.api, by.spot.tasks.api], [4, 6]);
  assert.equal(by.spot.spotDiscount, 60);
  assert.ok(by.od.cas && by.spot.cas);
  assert.ok(Math.abs(r.cost.providersTotal.monthly - by.od.monthly - by.spot.monthly) < 1e-9);
  const bad = await p.page.evaluate(() => window.ecsCapacity.plan({
    services: [{ name: 'api', cpu: 256, memory: 512, desiredCount: 10 }],
    capacityProviders: [{ name: 'od', kind: 'asg' }],
    defaultStrategy: [{ capacityProvider: 'od', base: 1 }, { capacityProvider: 'od', base: 2 }],
  }));
  assert.equal(bad.ok, false);
  assert.ok(bad.errors.some((e) => e.path === 'defaultStrategy[1].base'), JSON.stringify(bad.errors));
});
