// Terraform and CloudFormation (issue 16) as the page meets them: a Terraform plan and a CDK
// template pasted into the page's import lay their services, providers, default strategy and groups
// over the scenario, with notes at the document's paths; importAws() in the browser gives what the
// command line prints (tests/fixtures/iac/terraform-plan.scenario.json, which tests/iac.rs checks
// is what `ecs-capacity import` prints for the plan); an error changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, PlannerPage, fixture } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const iac = (name) => readFileSync(new URL(`../fixtures/iac/${name}`, import.meta.url), 'utf8');

/** The scenario the page's address bar holds. */
const current = (p) => p.page.evaluate(() => window.ecsCapacity.decode(location.search).scenario);

test('a Terraform plan pasted into the page: its providers, strategies and groups, planned; importAws() gives what the command line prints', async () => {
  const p = await PlannerPage.open(env);
  await p.openImport();
  await p.importText(iac('terraform-plan.json'));
  await p.page.waitForSelector('[data-testid=import-notes] li');
  const notes = await p.page.textContent('[data-testid=import-notes]');
  assert.match(notes, /Terraform: \d+ resource\(s\) read/);
  // Notes name the document's paths, not the AWS CLI shape the import reads through.
  assert.match(notes, /planned_values\.root_module/);
  // The opening example is replaced whole (its daemon too), and the notes lead to the answer.
  assert.match(notes, /this cluster replaces it/);
  assert.equal(await p.page.getAttribute('[data-testid=import-see-answer]', 'href'), '#answer-h');
  await p.page.waitForSelector('[data-testid=providers-results]');
  const rows = await p.page.$$eval('[data-testid=providers-table] tr[data-testid=provider-row]', (trs) => trs.map((r) => r.dataset.provider));
  assert.deepEqual(rows, ['ec2-arm', 'FARGATE', 'FARGATE_SPOT']);
  // The page keeps the scenario in its form's own shape (a type as a list of one, defaults
  // written out): the plans must agree, provider by provider, with the command line's scenario's.
  const want = JSON.parse(iac('terraform-plan.scenario.json'));
  const [mine, theirs] = await p.page.evaluate(async (w) => {
    const s = window.ecsCapacity.decode(location.search).scenario;
    const sum = (x) => x.providers.map((o) => [o.name, o.instanceType ?? null, o.tasks, o.monthly]);
    return [sum(window.ecsCapacity.plan(s)), sum(window.ecsCapacity.plan(w))];
  }, want);
  assert.deepEqual(mine, theirs);
  assert.ok(mine.some(([, , tasks]) => Object.keys(tasks).length > 0), JSON.stringify(mine));
  // The API in the browser: onto a new scenario, exactly the command line's scenario.
  const out = await p.page.evaluate((t) => window.ecsCapacity.importAws(t, null), iac('terraform-plan.json'));
  assert.equal(out.ok, true);
  assert.deepEqual(out.scenario, want);
  const planned = await p.page.evaluate((x) => window.ecsCapacity.plan(x), out.scenario);
  assert.equal(planned.ok, true);
  assert.equal(planned.providers[0].instanceType, 'm6g.large');
  assert.deepEqual(p.problems, []);
});

test('on a phone, an import\'s long paths wrap instead of widening the page; the header says where the import is', async () => {
  const p = await PlannerPage.open(env, { viewport: { width: 390, height: 844 } });
  assert.equal(await p.page.getAttribute('[data-testid=jump-to-import]', 'href'), '#share-host');
  assert.equal(await p.count('#share-host'), 1);
  await p.openImport();
  await p.importText(iac('terraform-plan.json'));
  await p.page.waitForSelector('[data-testid=import-notes] li');
  const wide = await p.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide} px wide on a 390 px screen`);
  assert.deepEqual(p.problems, []);
});

test('a CDK template pasted into the page: parameters\' defaults used and what the template cannot say kept, each noted at its path', async () => {
  const p = await PlannerPage.open(env);
  await p.openImport();
  await p.importText(iac('cdk.template.json'));
  await p.page.waitForSelector('[data-testid=import-notes] li');
  const notes = await p.page.textContent('[data-testid=import-notes]');
  assert.match(notes, /CloudFormation: \d+ resource\(s\) read/);
  assert.match(notes, /Resources\.ApiService1A2B3C4D\.Properties\.DesiredCount: parameter ApiDesiredCount's default, 8, is used/);
  assert.match(notes, /Resources\.AsgASGD1D7B4E2\.Properties\.MaxSize: not known from the template \(Fn::If\)/);
  await p.page.waitForSelector('[data-testid=providers-results]');
  const s = await current(p);
  const api = s.services.find((x) => x.name === 'ApiService1A2B3C4D');
  assert.equal(api.desiredCount, 8);
  assert.equal(api.cpu, 1152);
  const planned = await p.page.evaluate((x) => window.ecsCapacity.plan(x), s);
  assert.equal(planned.ok, true);
  assert.equal(planned.providers.find((o) => o.name === 'AsgCapacityProvider760D11D9').instanceType, 't4g.xlarge');
  assert.deepEqual(p.problems, []);
});

test('a Terraform document with an error: nothing imported, the error at its path in the document; the AWS CLI output still reads', async () => {
  const p = await PlannerPage.open(env);
  await p.openImport();
  const before = await p.page.evaluate(() => location.search);
  const doc = JSON.parse(iac('terraform-plan.json'));
  // A container definitions text that is not JSON.
  const td = doc.planned_values.root_module.child_modules[0].resources.find((r) => r.type === 'aws_ecs_task_definition');
  td.values.container_definitions = '[{"name": ';
  await p.importText(JSON.stringify(doc));
  await p.page.waitForSelector('[data-testid=import-errors]');
  assert.match(await p.page.textContent('[data-testid=import-errors]'), /planned_values\.root_module\.child_modules\[0\]\.resources\[\d+\]\.values\.container_definitions/);
  assert.equal(await p.page.evaluate(() => location.search), before);
  const cli = await p.page.evaluate((t) => window.ecsCapacity.importAws(t, null), fixture('describe-task-definition'));
  assert.equal(cli.ok, true);
  assert.equal(cli.scenario.services[0].name, 'flask-api');
  const bad = await p.page.evaluate((t) => window.ecsCapacity.importAws(t, { services: 'x' }), fixture('describe-task-definition'));
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].path, 'scenario.services');
  assert.deepEqual(p.problems, []);
});

test('the command line\'s link for a Terraform plan opens its providers, strategies and groups in the page', async () => {
  const boot = await PlannerPage.open(env);
  const scenario = JSON.parse(iac('terraform-plan.scenario.json'));
  const query = await boot.page.evaluate((s) => window.ecsCapacity.encode(s), scenario);
  assert.equal(typeof query, 'string');
  const p = await PlannerPage.open(env, { query: `?${query}`, wait: '[data-testid=providers-results]' });
  const rows = await p.page.$$eval('[data-testid=providers-table] tr[data-testid=provider-row]', (trs) => trs.map((r) => r.dataset.provider));
  assert.deepEqual(rows, ['ec2-arm', 'FARGATE', 'FARGATE_SPOT']);
  const api = await p.page.evaluate((s) => window.ecsCapacity.plan(s), scenario);
  assert.equal(api.ok, true);
  assert.equal(api.providers[0].instanceType, 'm6g.large');
  assert.deepEqual(p.problems, []);
});
