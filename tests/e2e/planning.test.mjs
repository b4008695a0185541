// Planning in steps (issue 13 point 18): a plan too large for one step of the page (a million
// tasks over 10,000 instances) is worked out in steps, the page shows how far it has gone and
// answers between steps, Stop keeps the plan before it, and the plan it ends with is plan()'s.
// How long each step takes is a budget (scripts/figures.mjs), not asserted here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** The adversarial review's corner: 100 services x 10,000 tasks of 1 CPU unit and 6 MiB, each on
 *  its own instance (distinctInstance), on m6g.large: 10,000 instances of 100 tasks. */
const tiny = (maxSize, more = {}) => ({
  instanceType: 'm6g.large',
  asg: { maxSize },
  ...more,
  services: Array.from({ length: 100 }, (_, i) => ({ name: `s${i}`, cpu: 1, memory: 6, desiredCount: 10000, distinctInstance: true })),
});

async function linkOf(p, scenario) {
  const r = await p.page.evaluate((s) => window.ecsCapacity.encode(s), scenario);
  assert.equal(typeof r, 'string', JSON.stringify(r).slice(0, 300));
  return `?${r}`;
}

test('a million tasks from a link: planned in steps, then the same answer as plan()', async () => {
  const first = await PlannerPage.open(env);
  const scenario = tiny(10000);
  const query = await linkOf(first, scenario);
  const expected = await first.page.evaluate((s) => { const r = window.ecsCapacity.plan(s); return { ok: r.ok, n: r.instancesNeeded, lb: r.lowerBound }; }, scenario);
  assert.deepEqual(expected, { ok: true, n: 10000, lb: 10000 });
  await first.page.close();

  const page = await env.browser.newPage();
  const p = new PlannerPage(page, env.url);
  // Count the steps as the page draws them: each step is a separate task, so the page is drawn
  // (and takes input) between them.
  await page.addInitScript(() => {
    window.__seen = [];
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid=planning]');
      if (s) window.__seen.push(s.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(env.url + query);
  await page.waitForSelector('[data-testid=planning]');
  // Nothing planned before it: no earlier result, no "fix the inputs" placeholder.
  assert.equal(await p.count('.stale'), 0);
  await page.waitForSelector('[data-testid=instances-needed]', { timeout: 60000 });
  assert.equal(await p.count('[data-testid=planning]'), 0, 'the status goes once the plan is whole');
  assert.equal(await p.value('instances-needed'), String(expected.n));
  const seen = await page.evaluate(() => window.__seen);
  const steps = new Set(seen).size;
  assert.ok(steps >= 2, `the status was drawn with ${steps} different progress lines: ${seen.slice(0, 3).join(' | ')}`);
  assert.match(seen.at(-1), /Planning in steps: step [\d,]+, \d+ placements? finished, [\d.]+ s so far/);
  assert.deepEqual(p.problems, []);
});

test('while a large plan is under way the plan before stays; Stop keeps it, Plan again finishes', async () => {
  // The default scenario, planned at once; then the browser's Forward to a link of the corner's
  // services spread over 6 zones (about 2 s of steps here, so that Stop comes while it plans).
  const p = await PlannerPage.open(env);
  const before = await p.value('instances-needed');
  const heavy = await linkOf(p, tiny(10000, { placementStrategy: 'spread-az', availabilityZones: 6 }));
  await p.page.evaluate((q) => { history.pushState(null, '', q); history.back(); }, heavy);
  await p.page.waitForFunction(() => !location.search.includes('svc=s99'));
  await p.page.evaluate(() => history.forward());
  const status = p.hook('planning');
  // The page answers while it plans: Stop is a button that works between steps.
  await p.page.click('[data-testid=planning-stop]');
  assert.equal(await status.getAttribute('data-stopped'), 'true');
  assert.equal(await p.value('instances-needed'), before, 'the plan before stays');
  assert.match(await status.textContent(), /Planning stopped after [\d.]+ s\. Below: the plan before this change\./);
  await p.page.waitForTimeout(400);
  assert.equal(await p.value('instances-needed'), before, 'stopped: no step ran after Stop');
  await p.page.click('[data-testid=planning-again]');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]')?.dataset.value === '10000', null, { timeout: 60000 });
  assert.equal(await p.count('[data-testid=planning]'), 0);
  assert.deepEqual(p.problems, []);
});

test('a CAS path of 500 scale-outs, replayed by every later step, still ends with plan()\'s answer', async () => {
  // The adversarial review's case: CAS scales out 20 instances at a time, so its path to 10,000
  // instances is 500 placements, each replayed by every later step.
  const first = await PlannerPage.open(env);
  const scenario = { ...tiny(10000), capacityProvider: { maximumScalingStepSize: 20 } };
  const query = await linkOf(first, scenario);
  const expected = await first.page.evaluate((s) => JSON.stringify(window.ecsCapacity.plan(s).cas), scenario);
  await first.page.close();
  const p = await PlannerPage.open(env, { query, wait: '[data-testid=planning]' });
  await p.page.waitForFunction(() => !document.querySelector('[data-testid=planning]'), null, { timeout: 60000 });
  assert.equal(await p.value('instances-needed'), '10000');
  const shown = await p.page.evaluate(() => window.ecsCapacity.plan(window.ecsCapacity.decode(location.search.slice(1)).scenario).cas);
  assert.equal(JSON.stringify(shown), expected);
  assert.deepEqual(p.problems, []);
});

test('an input to fix is shown at once, without planning the rest of a large form', async () => {
  const first = await PlannerPage.open(env);
  const p = await PlannerPage.open(env, { query: await linkOf(first, tiny(10000)) });
  await first.page.close();
  await p.page.waitForFunction(() => !document.querySelector('[data-testid=planning]'), null, { timeout: 60000 });
  await p.fill('services-0-cpu', 'abc');
  // At once: the error beside its field, and no plan under way.
  await p.page.waitForSelector('[data-testid=error-services-0-cpu]', { timeout: 1000 });
  assert.equal(await p.count('[data-testid=planning]'), 0);
  assert.deepEqual(p.problems, []);
});
