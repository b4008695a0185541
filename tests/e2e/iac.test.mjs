// Terraform and CloudFormation (issue 16) as the page meets them: the page's import does not read
// them (they do not fit its size budget) and says where to go; the command line's link for a
// Terraform plan (tests/fixtures/iac/terraform-plan.scenario.json, which tests/iac.rs checks is
// what `ecs-capacity import` prints for it) opens the same cluster in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, PlannerPage, fixture } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const iac = (name) => readFileSync(new URL(`../fixtures/iac/${name}`, import.meta.url), 'utf8');

test('a Terraform plan or a CDK template pasted into the page: refused with the way to read it, nothing changed', async () => {
  const p = await PlannerPage.open(env);
  await p.openImport();
  const before = await p.page.evaluate(() => location.search);
  for (const doc of [iac('terraform-plan.json'), iac('cdk.template.json')]) {
    await p.importText(doc);
    await p.page.waitForSelector('[data-testid=import-errors]');
    assert.match(await p.page.textContent('[data-testid=import-errors]'), /ecs-capacity import FILE --link/);
    assert.equal(await p.page.evaluate(() => location.search), before);
  }
  // importAws() says the same, and reads the AWS CLI's output as the page does.
  const out = await p.page.evaluate((t) => window.ecsCapacity.importAws(t), iac('terraform-plan.json'));
  assert.equal(out.ok, false);
  assert.match(out.errors[0].message, /Terraform or CloudFormation/);
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
