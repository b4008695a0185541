// Capacity providers and strategies in the page (issue 14): the examples, the editor, a strategy
// link in a fresh browser, errors beside their fields, and the answer per provider.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage, fixture } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const providerRows = (p) => p.page.$$eval('[data-testid=providers-table] tr[data-testid=provider-row]',
  (trs) => trs.map((r) => ({ name: r.dataset.provider, monthly: Number(r.dataset.monthly), cells: [...r.cells].map((c) => c.textContent) })));

test('"base 2 On-Demand, the rest 3:1 on Spot": the allocation, each group\'s CAS and packing, the cost against all On-Demand', async () => {
  const p = await PlannerPage.open(env);
  await p.example('od-base-spot');
  await p.page.waitForSelector('[data-testid=providers-results]');
  assert.match(await p.text('example-shows'), /base of 2 first/);
  // The allocation with its derivation, and the tasks of each provider.
  assert.match(await p.page.textContent('[data-testid=allocations] li[data-service=api]'), /od.*2.*base/);
  const rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => r.name), ['od', 'spot']);
  assert.equal(rows[0].cells[2], 'api 4');
  assert.equal(rows[1].cells[2], 'api 6');
  // The same figures as plan() of the same scenario from the link.
  const query = (await p.page.evaluate(() => location.search)).slice(1);
  const api = await p.page.evaluate((q) => window.ecsCapacity.plan(window.ecsCapacity.decode(q).scenario), query);
  assert.deepEqual(rows.map((r) => r.monthly), api.providers.map((o) => o.monthly));
  // One CAS section per EC2 group, each with its decision table and its own packing chart.
  assert.equal(await p.count('[data-testid=provider-cas]'), 2);
  for (const name of ['od', 'spot']) {
    const s = p.page.locator(`[data-testid=provider-cas][data-provider=${name}]`);
    assert.equal(await s.locator('[data-testid=decision-table]').count(), 1);
    assert.match(await s.locator('h2').first().textContent(), new RegExp(`^${name}: EC2 Auto Scaling group`));
    assert.ok(await s.locator('[data-testid=instance]').count() > 0, `${name} draws its instances`);
  }
  // Spot's monthly cost is 40 % of its On-Demand (the assumed 60 % discount).
  assert.ok(Math.abs(rows[1].monthly - api.providers[1].onDemandMonthly * 0.4) < 1e-9);
  // A Savings Plan on the On-Demand group (issue 15): its cost at 0.7; no such field on Spot.
  assert.equal(await p.count('#capacityProviders-1-commitmentDiscount'), 0);
  await p.fill('capacityProviders-0-commitmentDiscount', '30');
  await p.page.waitForFunction((b) => Math.abs(Number(document.querySelector('[data-testid=providers-table] tr[data-provider=od]')?.dataset.monthly) - 0.7 * b) < 1e-9, rows[0].monthly, { timeout: 5000 });
  await p.fill('capacityProviders-0-commitmentDiscount', '');
  // The cost panel gives the total against all On-Demand, and does not rank one group's types.
  await p.page.click('[data-testid=open-cost]');
  await p.page.waitForSelector('[data-testid=cost-providers]');
  assert.equal(Number(await p.page.getAttribute('[data-testid=cost-providers]', 'data-monthly')), api.cost.providersTotal.monthly);
  assert.equal(await p.count('[data-testid=recommend-table]'), 0);
  assert.deepEqual(p.problems, []);
});

test('"Fargate with Fargate Spot 1:4": 2 tasks on Fargate and 8 on Fargate Spot', async () => {
  const p = await PlannerPage.open(env);
  await p.example('fargate-spot-1-4');
  await p.page.waitForSelector('[data-testid=providers-results]');
  const rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => [r.name, r.cells[2]]), [['FARGATE', 'api 2'], ['FARGATE_SPOT', 'api 8']]);
  assert.equal(await p.count('[data-testid=provider-cas]'), 0);
  assert.match(await p.text('providers-total'), /all On-Demand it would be/);
  assert.deepEqual(p.problems, []);
});

test('a strategy link opens the same providers in a fresh browser; a bad strategy is named beside its field and the last answer stays', async () => {
  const first = await PlannerPage.open(env);
  const scenario = {
    instanceType: 'm6g.large',
    services: [{ name: 'api', cpu: 512, memory: 1024, desiredCount: 12, capacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }] },
      { name: 'worker', cpu: 256, memory: 512, desiredCount: 5 }],
    capacityProviders: [{ name: 'od', kind: 'asg' }, { name: 'spot', kind: 'asg', spot: true, spotDiscount: 70 }],
    defaultStrategy: [{ capacityProvider: 'od', base: 1, weight: 1 }, { capacityProvider: 'spot', weight: 1 }],
  };
  const query = await first.page.evaluate((s) => window.ecsCapacity.encode(s), scenario);
  assert.match(query, /cp=spot,asg,,70/);
  const p = await PlannerPage.open(env, { query: `?${query}`, wait: '[data-testid=providers-results]' });
  assert.equal(await p.page.inputValue('#capacityProviders-1-spotDiscount'), '70');
  assert.equal(await p.page.inputValue('#services-0-capacityProviderStrategy'), 'spot weight=1');
  assert.equal(await p.page.inputValue('#defaultStrategy'), 'od base=1 weight=1, spot weight=1');
  const rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => r.cells[2]), ['worker 3', 'api 12, worker 2']);
  // A mistake in the strategy: the message beside the field, the last answer still shown.
  await p.fill('services-0-capacityProviderStrategy', 'spot weight=x');
  await p.page.waitForSelector('[data-testid=error-services-0-capacityProviderStrategy]');
  assert.match(await p.error('services-0-capacityProviderStrategy'), /^item 1, weight: /);
  assert.deepEqual((await providerRows(p)).map((r) => r.cells[2]), ['worker 3', 'api 12, worker 2']);
  await p.fill('services-0-capacityProviderStrategy', 'nope weight=1');
  await p.page.waitForSelector('[data-testid=error-services-0-capacityProviderStrategy]');
  assert.match(await p.error('services-0-capacityProviderStrategy'), /nope/);
  assert.deepEqual(p.problems, []);
});

test('the editor: add an EC2 group and Fargate, a strategy per service; each provider\'s setting is checked beside it', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=add-provider-asg]');
  await p.page.click('[data-testid=add-provider-asg]');
  // Two groups and no strategy yet: the last valid answer stays, marked as such.
  await p.page.waitForSelector('[data-testid=providers-results] .stale');
  assert.match(await p.error('services-0-capacityProviderStrategy'), /several providers/);
  assert.equal(await p.page.getAttribute('#defaultStrategy', 'placeholder'), 'ec2 base=2 weight=1, ec2-2 weight=3');
  await p.fill('capacityProviders-1-name', 'spot');
  await p.page.check('#capacityProviders-1-name-spot');
  await p.fill('defaultStrategy', 'ec2 base=2 weight=1, spot weight=3');
  await p.page.waitForSelector('[data-testid=providers-results]');
  let rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => [r.name, r.cells[2]]), [['ec2', 'api 4'], ['spot', 'api 6']]);
  // A Spot discount out of range: beside its field.
  await p.fill('capacityProviders-1-spotDiscount', '95');
  await p.page.waitForSelector('[data-testid=error-capacityProviders-1-spotDiscount]');
  assert.match(await p.error('capacityProviders-1-spotDiscount'), /90/);
  await p.fill('capacityProviders-1-spotDiscount', '50');
  await p.page.waitForSelector('[data-testid=error-capacityProviders-1-spotDiscount]', { state: 'detached' });
  // Mixing Fargate into an EC2 strategy is refused at its item.
  await p.page.click('[data-testid=add-provider-fargate]');
  await p.fill('defaultStrategy', 'ec2 base=2 weight=1, FARGATE weight=3');
  await p.page.waitForSelector('[data-testid=error-defaultStrategy]');
  assert.match(await p.error('defaultStrategy'), /one kind of provider/);
  await p.fill('defaultStrategy', 'FARGATE weight = 1');
  await p.page.waitForSelector('[data-testid=error-defaultStrategy]', { state: 'detached' });
  rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => [r.name, r.cells[2]]), [['ec2', 'none'], ['spot', 'none'], ['FARGATE', 'api 10']]);
  // The daemon rides each Fargate task as a sidecar, and the page says so.
  assert.match(await p.text('fargate-sidecars'), /sidecars \(log-router\)/);
  // The timeline plays the providers (here FARGATE alone takes the tasks): no error, no instance.
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-providers-summary] tr', { timeout: 15000 });
  assert.equal(await p.count('[data-testid=timeline] .error-summary'), 0);
  assert.deepEqual(p.problems, []);
});

test('import: the providers, then services with strategies, plan per provider in the page', async () => {
  const p = await PlannerPage.open(env);
  await p.openImport();
  const load = (text) => p.importText(text);
  // Services whose strategies name providers the page does not have: refused at the path.
  await load(fixture('describe-services-strategy'));
  await p.page.waitForSelector('[data-testid=import-errors]');
  assert.match(await p.page.textContent('[data-testid=import-errors]'), /services\[0\]\.capacityProviderStrategy: .*names 2 providers \(od, spot\)/);
  assert.equal(await p.count('[data-testid=providers-results]'), 0);
  await load(fixture('describe-capacity-providers-spot'));
  await p.page.waitForFunction(() => document.querySelector('#capacityProviders-1-targetCapacity')?.value === '90');
  await load(fixture('describe-services-strategy'));
  await p.page.waitForSelector('[data-testid=providers-results]');
  assert.equal(await p.page.inputValue('#services-0-capacityProviderStrategy'), 'od base=2 weight=1, spot base=0 weight=3');
  const rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => [r.name, r.cells[2]]), [['od', 'api 4'], ['spot', 'api 6'], ['FARGATE', 'jobs 1'], ['FARGATE_SPOT', 'jobs 4']]);
  assert.deepEqual(p.problems, []);
});

test('"Spot taken at the month-end peak": the timeline plays each provider, the Spot interruption costs calls, On-Demand keeps its own', async () => {
  const p = await PlannerPage.open(env);
  await p.example('spot-peak');
  await p.page.waitForSelector('[data-testid=timeline-spot-cost]', { timeout: 20000 });
  assert.match(await p.text('example-shows'), /two-minute notice/);
  assert.equal(await p.page.inputValue('#run-settings-spotInterruptions'), '60 spot 100%');
  // The blank minimum shows the scenario's desired count (10), not one provider's share of it.
  assert.equal(await p.page.getAttribute('#run-settings-minTasks', 'placeholder'), '10 (default)');
  // Calls lost against the same run without the interruption, as simulate() says.
  const words = await p.text('timeline-spot-cost');
  const query = (await p.page.evaluate(() => location.search)).slice(1);
  const api = await p.page.evaluate((q) => {
    const s = window.ecsCapacity.decode(q).scenario;
    return window.ecsCapacity.simulate(s, { durationMinutes: 240, settings: { spotInterruptions: [{ minute: 60, provider: 'spot', share: 1 }] } });
  }, query);
  assert.equal(api.ok, true, JSON.stringify(api.errors));
  assert.ok(api.summary.unservedShare > api.summary.withoutSpotEvents.unservedShare);
  assert.match(words, new RegExp(`${api.summary.errorMinutes} min of errors\\) against .* \\(${api.summary.withoutSpotEvents.errorMinutes} min\\)`));
  // One row per provider, their costs summing to the run's; a colour per provider, named.
  const rows = await p.page.$$eval('[data-testid=timeline-providers-summary] tbody tr', (trs) => trs.map((r) => ({ name: r.cells[0].textContent, cost: Number(r.dataset.cost) })));
  assert.deepEqual(rows.map((r) => r.name), ['od', 'spot']);
  const total = await p.page.$eval('[data-testid=timeline-summary] tr[data-run=with]', (r) => Number(r.dataset.cost));
  assert.ok(Math.abs(rows[0].cost + rows[1].cost - total) < 1e-6, `${rows[0].cost} + ${rows[1].cost} vs ${total}`);
  assert.equal(await p.page.textContent('[data-testid=timeline-provider-colours] li:first-child'), 'od');
  assert.ok(await p.count('[data-testid=timeline-chart] path.pv1.pw') > 0, 'spot\'s waiting tasks are drawn');
  // Each group's own reservation: a line each, and both in the read-out; kinds in words.
  const titles = await p.page.$$eval('[data-testid=timeline-chart] path title', (ts) => ts.map((t) => t.textContent));
  assert.deepEqual(titles.filter((t) => / reservation, /.test(t)), ['od: reservation, with CAS', 'spot: reservation, with CAS']);
  assert.match(await p.page.textContent('[data-testid=timeline-readout] tr[data-run=with]'), /od [\d.]+ %, spot [\d.]+ %/);
  assert.deepEqual(await p.page.$$eval('[data-testid=timeline-providers-summary] tbody tr', (trs) => trs.map((r) => r.cells[1].textContent)), ['EC2 On-Demand', 'EC2 Spot']);
  // The events name the provider, and On-Demand takes none of Spot's tasks.
  const log = await p.page.textContent('[data-testid=timeline]');
  assert.match(log, /01:00 spot: Spot interruption: \d+ instance\(s\) \(newest first\) drain with the two-minute notice/);
  // A preset puts a shortage in its field; a provider that is not Spot is refused beside it.
  await p.page.click('[data-testid=spot-short]');
  await p.page.waitForFunction(() => document.querySelector('#run-settings-spotShortages')?.value === '30-90 spot');
  await p.fill('run-settings-spotShortages', '30-90 od');
  await p.page.waitForSelector('[data-testid=error-run-settings-spotShortages]');
  assert.match(await p.error('run-settings-spotShortages'), /event 1: not a Spot provider/);
  await p.fill('run-settings-spotShortages', '30 to 90');
  await p.page.waitForFunction(() => /event 1, "30 to 90"/.test(document.querySelector('[data-testid=error-run-settings-spotShortages]')?.textContent ?? ''));
  // The last good runs stay on screen.
  assert.equal(await p.count('[data-testid=timeline-summary] tr[data-run=with]'), 1);
  assert.equal(await p.count('[data-testid=timeline-providers-summary] tbody tr'), 2);
  assert.deepEqual(p.problems, []);
});

test('"the same services on Managed Instances": the type picked and why, the fee, no CAS; its settings checked beside them', async () => {
  const p = await PlannerPage.open(env);
  await p.example('managed-instances');
  await p.page.waitForSelector('[data-testid=providers-results]');
  const rows = await providerRows(p);
  assert.deepEqual(rows.map((r) => r.name), ['mi']);
  // The same figures as plan() of the scenario from the link.
  const query = (await p.page.evaluate(() => location.search)).slice(1);
  const api = await p.page.evaluate((q) => window.ecsCapacity.plan(window.ecsCapacity.decode(q).scenario), query);
  const o = api.providers[0];
  assert.equal(rows[0].cells[3], `${o.instancesNeeded} ${o.instanceType}`);
  assert.match(o.instanceType, /^(m7g|c7g)\./);
  assert.equal(rows[0].cells[4], 'none: no Auto Scaling group');
  assert.equal(rows[0].monthly, o.monthly);
  assert.match(o.explanation, /picked: the cheapest per task of the \d+ types its requirements allow/);
  assert.equal(await p.count('[data-testid=provider-cas]'), 0, 'no CAS section for Managed Instances');
  // One subnet binpacks: never more instances than with three.
  await p.fill('capacityProviders-0-subnets', '1');
  await p.page.waitForFunction(() => /managed-instances/.test(location.search) && /,1(,|&|$)/.test(location.search), null, { timeout: 5000 });
  const one = (await providerRows(p))[0];
  assert.ok(Number(one.cells[3].split(' ')[0]) <= o.instancesNeeded, one.cells[3]);
  // A vCPU range upside down, an allowed type that matches nothing: beside their fields.
  await p.fill('capacityProviders-0-instanceRequirements-vcpu', '8-2');
  await p.page.waitForSelector('[data-testid=error-capacityProviders-0-instanceRequirements-vcpu]');
  assert.match(await p.error('capacityProviders-0-instanceRequirements-vcpu'), /at least min \(8\)/);
  await p.fill('capacityProviders-0-instanceRequirements-vcpu', '');
  await p.fill('capacityProviders-0-instanceTypes', 'zz.*');
  await p.page.waitForSelector('[data-testid=error-capacityProviders-0-instanceTypes]');
  assert.match(await p.error('capacityProviders-0-instanceTypes'), /matches no type of the catalog/);
  assert.deepEqual(p.problems, []);
});
