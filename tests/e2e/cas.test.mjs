// Cluster Auto Scaling in the page: the hooks for scale-out, no-change and scale-in, the cold start,
// and the path to capacity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function cluster(running, extra = async () => {}) {
  const p = await PlannerPage.open(env);
  await p.fill('services-0-cpu', '0.5 vCPU');
  await p.fill('services-0-memory', '1 GB');
  await extra(p);
  await p.fill('runningInstances', String(running));
  return p;
}

async function currentRow(p) {
  return p.page.$eval('[data-testid=decision-table] tr[aria-current=true]', (tr) => tr.dataset.testid);
}

test('scale out: 10 tasks of 3 per instance on 3 instances: M 4, 133.3 %, desired 4', async () => {
  const p = await cluster(3);
  assert.equal(await p.value('cas-m'), '4');
  assert.ok(Math.abs(Number(await p.value('cas-reservation')) - 133.3333) < 0.001);
  assert.equal(await p.text('cas-reservation'), '133.3 %');
  assert.equal(await p.value('desired-instances'), '4');
  assert.equal(await p.value('decision'), 'scale-out');
  assert.equal(await currentRow(p), 'decision-row-scale-out');
  await p.page.click('[data-testid=cas-m] ~ details summary');
  assert.match(await p.text('explain-cas-m'), /M = N \+ min\(maxStep, max\(minStep, LB\)\) = 3 \+ min\(10000, max\(1, 1\)\) = 4/);
  assert.equal(await p.count('svg[data-testid=packing] [data-fate=adding]'), 1);
});

test('no change: 4 instances, every one used', async () => {
  const p = await cluster(4);
  assert.equal(await p.value('cas-m'), '4');
  assert.equal(await p.value('cas-reservation'), '100');
  assert.equal(await p.value('decision'), 'no-change');
  assert.equal(await currentRow(p), 'decision-row-no-change');
});

test('scale in: 6 instances, 2 with only daemons, the empty ones drawn for removal', async () => {
  const p = await cluster(6);
  assert.equal(await p.value('cas-m'), '4');
  assert.equal(await p.value('desired-instances'), '4');
  assert.equal(await p.value('decision'), 'scale-in');
  assert.equal(await currentRow(p), 'decision-row-scale-in');
  assert.ok(await p.count('svg[data-testid=packing] [data-fate=removing]') >= 1);
});

test('targetCapacity 80 with M = N still scales out, and says why', async () => {
  const p = await cluster(4, (q) => q.fill('capacityProvider-targetCapacity', '80'));
  assert.equal(await p.value('cas-m'), '4');
  assert.equal(await p.value('desired-instances'), '5');
  assert.equal(await p.value('decision'), 'scale-out');
  await p.page.click('[data-testid=decision] ~ details summary');
  assert.match(await p.text('explain-decision'), /M = N, but the reservation 100 % is above the 80 % target/);
});

test('cold start from zero: 200 %, 2 instances first, then N + LB until every task runs', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('services-0-desiredCount', '100');
  assert.equal(await p.value('cas-reservation'), '200');
  assert.equal(await p.value('desired-instances'), '2');
  assert.equal(await p.hook('cas-steps').getAttribute('data-minutes'), '12');
  assert.match(await p.text('cas-steps'), /minute 0: 2 instances; minute 5: 13 instances; minute 10: 15 instances/);
  assert.equal(await p.value('steady-state'), '15');
});

test('a task no instance in the group fits once: CAS will not scale for these', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('instanceType', 'm6g.large');
  await p.page.click('details.more summary');
  await p.fill('instanceTypes', 'm6g.xlarge');
  await p.fill('services-0-cpu', '3 vCPU');
  await p.fill('services-0-desiredCount', '2');
  assert.match(await p.text('cas-waiting'), /CAS will not scale for these/);
  assert.equal(await p.hook('cas-steps').getAttribute('data-minutes'), null);
  assert.deepEqual(p.problems, []);
});

test('the CAS sliders keep their range while they move, sized from the scenario; the number field shows what was typed', async () => {
  const q = '?v=1&type=m6g.large&svc=api,512,1024,30,awsvpc&svc=worker,1024,2048,12&svc=cron,256,512,4&dmn=a,64,128&dmn=b,128,256';
  const p = await PlannerPage.open(env, { query: q });
  const top = () => p.page.getAttribute('#cas-running', 'max');
  const before = await top();
  for (const n of ['10', '55', '27']) {
    await p.page.fill('#cas-running', n);
    await p.page.waitForFunction((v) => document.querySelector('#cas-running + output')?.textContent === v, n);
    assert.equal(await top(), before, `N = ${n}`);
  }
  assert.equal(await p.page.inputValue('#cas-running'), '27');
  assert.ok(Number(before) >= 54, before);
  // The desired-tasks slider keeps its top while it moves; a typed value sets a new one.
  const dtop = await p.page.getAttribute('#cas-desired', 'max');
  await p.page.fill('#cas-desired', String(Math.floor(Number(dtop) * 0.9)));
  await p.page.waitForFunction(() => document.querySelector('#services-0-desiredCount').value !== '30');
  assert.equal(await p.page.getAttribute('#cas-desired', 'max'), dtop);
  await p.page.fill('#cas-desired-number', '20000');
  await p.page.waitForFunction(() => document.querySelector('#cas-desired').max === '40000');
  assert.equal(await p.page.inputValue('#cas-desired-number'), '20000');
  assert.deepEqual(p.problems, []);
});

test('a large scale-in: the step, the at-most-half rule and the list shown agree', async () => {
  const p = await PlannerPage.open(env, { query: '?v=1&svc=api,256,512,30&n=100' });
  assert.equal(await p.value('decision'), 'scale-in');
  assert.match(await p.page.textContent('[data-testid=decision]'), /^scale in by 50$/);
  await p.page.click('[data-testid=decision] ~ details summary');
  const words = await p.text('explain-decision');
  assert.match(words, /CAS wants 95 fewer/);
  assert.match(words, /min\(95, max\(1, 100 \/ 2\)\) = 50/);
  assert.match(words, /#100 … #51 \(50 instances\)/);
  assert.deepEqual(p.problems, []);
});

test('the chart names the outlines of what CAS adds or removes', async () => {
  const out = await PlannerPage.open(env, { query: '?v=1&svc=api,256,512,30&n=2' });
  assert.equal(await out.value('decision'), 'scale-out');
  assert.match(await out.page.textContent('.chart ul.legend'), /CAS adds \(launching; dashed\)/);
  const inn = await PlannerPage.open(env, { query: '?v=1&svc=api,256,512,30&n=100' });
  assert.match(await inn.page.textContent('.chart ul.legend'), /the scale-in removes \(dotted red\)/);
});
