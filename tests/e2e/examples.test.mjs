// The source article's worked examples, clicked in the page: the article's answer beside the app's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function load(id) {
  const p = await PlannerPage.open(env);
  await p.example(id);
  return p;
}

test('4 tasks of 0.5 vCPU / 1 GB on t4g.medium: article 1 instance, app 3 per instance (memory), 2 instances', async () => {
  const p = await load('four-tasks');
  assert.equal(await p.value('article-instances'), '1');
  assert.equal(await p.value('tasks-per-instance'), '3');
  assert.equal(await p.value('limited-by'), 'memory');
  assert.equal(await p.value('instances-needed'), '2');
  assert.equal(await p.text('example-article'), '1 instance');
  assert.match(await p.text('example-app'), /3 per instance \(memory-bound\), 2 instances/);
});

test('the same 4 tasks in awsvpc mode: 2 per instance (ENIs), 2 instances', async () => {
  const p = await load('four-tasks-awsvpc');
  assert.equal(await p.value('tasks-per-instance'), '2');
  assert.equal(await p.value('limited-by'), 'eni');
  assert.equal(await p.value('instances-needed'), '2');
});

test('100 tasks of 0.25 vCPU / 512 MB on m6g.large, bridge: 8 per instance (CPU), 13 instances', async () => {
  const p = await load('hundred-tasks');
  assert.equal(await p.value('tasks-per-instance'), '8');
  assert.equal(await p.value('limited-by'), 'cpu');
  assert.equal(await p.value('instances-needed'), '13');
  assert.equal(await p.value('article-instances'), '13');
});

test('the same 100 tasks in awsvpc without trunking: 2 per instance, 50 instances', async () => {
  const p = await load('hundred-tasks-awsvpc');
  assert.equal(await p.value('tasks-per-instance'), '2');
  assert.equal(await p.value('instances-needed'), '50');
});

test('the same 100 tasks in awsvpc with trunking: 13 instances', async () => {
  const p = await load('hundred-tasks-trunking');
  assert.equal(await p.value('tasks-per-instance'), '8');
  assert.equal(await p.value('instances-needed'), '13');
});

test('100 users x 10 calls, 10 per task: 1,000 calls, 100 tasks at 100 %, 200 at the 50 % target', async () => {
  const p = await load('hundred-users');
  assert.equal(await p.value('demand-peak'), '1000');
  assert.equal(await p.value('demand-tasks-at100'), '100');
  assert.equal(await p.value('demand-tasks-at-target'), '200');
  assert.match(await p.text('example-app'), /100 tasks at 100 % CPU, 200 at the 50 % target/);
});

test('"6-8 small tasks per t4g.medium": 7 (memory), the article\'s arithmetic 8, awsvpc 2', async () => {
  const p = await load('small-tasks');
  assert.equal(await p.value('tasks-per-instance'), '7');
  assert.equal(await p.value('limited-by'), 'memory');
  assert.match(await p.page.locator('[data-testid=article-instances] + .sub').textContent(), /8 per instance/);
  await p.page.click('#memoryModel-nominal');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=tasks-per-instance]').dataset.value === '8');
  const q = await load('small-tasks-awsvpc');
  assert.equal(await q.value('tasks-per-instance'), '2');
});
