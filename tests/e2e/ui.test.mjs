// The page as a user meets it: bad input, the keyboard, a phone-width screen, big plans, no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('opens with an answer and no console errors or CSP violations', async () => {
  const p = await PlannerPage.open(env);
  assert.equal(await p.value('instances-needed'), '2');
  assert.equal(await p.count('svg[data-testid=packing] [data-testid=task]'), 10);
  assert.equal(await p.count('svg[data-testid=packing] [data-testid=daemon]'), 2);
  assert.deepEqual(p.problems, []);
});

test('bad input: the message sits beside the field and the last answer stays', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('services-0-desiredCount', 'many');
  assert.match(await p.error('services-0-desiredCount'), /"many" is not a number/);
  assert.equal(await p.value('instances-needed'), '2');
  await p.fill('services-0-desiredCount', '2000000');
  assert.match(await p.error('services-0-desiredCount'), /1,000,000/);
  await p.fill('services-0-desiredCount', '10');
  await p.fill('services-0-memory', '5 GB');
  assert.match(await p.error('services-0-memory'), /never placeable.*3768 MiB/);
  await p.fill('instanceType', 'm6g.large');
  await p.fill('services-0-desiredCount', '100');
  assert.equal(await p.error('services-0-memory'), null);
  assert.equal(await p.value('instances-needed'), '100');
  await p.fill('instanceType', 'x9.huge');
  assert.match(await p.error('instanceType'), /unknown instance type/);
  assert.deepEqual(p.problems, []);
});

test('the keyboard alone reaches a field and an example', async () => {
  const p = await PlannerPage.open(env);
  const reached = async (id) => {
    for (let i = 0; i < 80; i += 1) {
      if (await p.page.evaluate(() => document.activeElement && document.activeElement.id) === id) return true;
      await p.page.keyboard.press('Tab');
    }
    return false;
  };
  assert.ok(await reached('services-0-desiredCount'), 'Tab reaches the desired count');
  await p.page.keyboard.press('Control+A');
  await p.page.keyboard.type('100');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '15');
  await p.page.focus('[data-testid=example-four-tasks]');
  await p.page.keyboard.press('Enter');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=tasks-per-instance]').dataset.value === '3');
});

test('a 375 px wide screen has no sideways page scroll', async () => {
  const p = await PlannerPage.open(env, { viewport: { width: 375, height: 800 } });
  await p.fill('services-0-desiredCount', '400');
  const width = await p.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `page is ${width} px wide`);
  // With every panel open and the tables shown, wide content scrolls in its own box.
  for (const kind of ['cost', 'timeline', 'share']) await p.page.click(`[data-testid=open-${kind}]`);
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  await p.page.waitForSelector('table.waste', { timeout: 15000 });
  await p.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const open = await p.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(open <= 375, `with the panels open the page is ${open} px wide`);
});

test('hundreds of instances are grouped into few columns ("x143")', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('services-0-desiredCount', '1000');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '143');
  const counts = await p.page.$$eval('svg[data-testid=packing] [data-testid=instance]', (gs) => gs.map((g) => Number(g.dataset.count)));
  assert.ok(counts.length <= 3, `${counts.length} columns`);
  assert.equal(counts.reduce((a, b) => a + b, 0), 143);
  assert.ok(await p.page.locator('text=x142').count() > 0);
});

test('several services: each listed, coloured and explained', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('text=Add a service');
  await p.fill('services-1-name', 'worker');
  await p.fill('services-1-memory', '1 GB');
  await p.page.waitForSelector('table.per-service >> text=worker');
  assert.equal(await p.count('svg[data-testid=packing] [data-testid=task][data-service=worker]'), 2);
  await p.page.click('[data-testid=instances-needed] ~ details summary');
  assert.match(await p.text('explain-instances-needed'), /placing 12 tasks one at a time/);
});

test('keyboard only, the main flow: edit, open cost, apply a type, open the timeline', async () => {
  const p = await PlannerPage.open(env);
  // Tab until the focused element matches `selector` (at most 400 presses).
  const tabTo = async (selector) => {
    for (let i = 0; i < 400; i += 1) {
      if (await p.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
      await p.page.keyboard.press('Tab');
    }
    return false;
  };
  assert.ok(await tabTo('#services-0-desiredCount'));
  await p.page.keyboard.press('Control+A');
  await p.page.keyboard.type('60');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '9');
  assert.ok(await tabTo('[data-testid=open-cost]'), 'Tab reaches "Show cost"');
  await p.page.keyboard.press('Enter');
  await p.page.waitForSelector('[data-testid=recommend-table] [data-testid=apply]', { timeout: 15000 });
  assert.ok(await tabTo('[data-testid=recommend-table] [data-testid=apply]'), 'Tab reaches an Apply button');
  const type = await p.page.evaluate(() => document.activeElement.closest('tr').dataset.type);
  await p.page.keyboard.press('Enter');
  await p.page.waitForFunction((t) => document.querySelector('#instanceType').value === t, type);
  assert.ok(await tabTo('[data-testid=open-timeline]'), 'Tab reaches "Show the timeline"');
  await p.page.keyboard.press('Enter');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  assert.deepEqual(p.problems, []);
});

test('the order services are listed in: both answers shown, reordering by buttons and "Use this order", the timeline compared with the plan', async () => {
  const q = '?v=1&type=m6g.large&svc=api,512,1024,30,awsvpc&svc=worker,1024,2048,12&svc=cron,256,512,4&dmn=a,64,128&dmn=b,128,256';
  const p = await PlannerPage.open(env, { query: q });
  assert.equal(await p.value('instances-needed'), '27');
  assert.equal(await p.value('instances-needed-best-order'), '21');
  assert.match(await p.page.textContent('[data-testid=best-order]'), /worker, api, cron/);
  assert.match(await p.page.textContent('[data-testid=explain-instances-needed-best-order]'), /6 fewer than in the listed order \(27\)/);
  // Moving worker up by hand gives the same answer; the plan's own order is offered too.
  await p.page.click('[data-testid=move-up-1]');
  assert.equal(await p.page.inputValue('#services-0-name'), 'worker');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '21');
  assert.equal(await p.count('[data-testid=best-order]'), 0);
  await p.page.click('[data-testid=move-down-0]');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '27');
  await p.page.click('[data-testid=use-best-order]');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]').dataset.value === '21');
  assert.deepEqual(await Promise.all([0, 1, 2].map((i) => p.page.inputValue(`#services-${i}-name`))), ['worker', 'api', 'cron']);
  assert.equal(await p.page.isDisabled('[data-testid=move-up-0]'), true);
  assert.equal(await p.page.isDisabled('[data-testid=move-down-2]'), true);
  // The link follows the new order.
  assert.match(await p.page.evaluate(() => location.search), /svc=worker.*svc=api.*svc=cron/);
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-vs-plan]', { timeout: 15000 });
  assert.match(await p.page.textContent('[data-testid=timeline-vs-plan]'), /the plan's steady state is \d+ \(21 placed at once\)/);
  assert.deepEqual(p.problems, []);
});

test('at the instance cap the headline says the plan stops there, and no comparison pretends otherwise', async () => {
  const p = await PlannerPage.open(env, { query: '?v=1&svc=api,256,512,1000000' });
  assert.match(await p.page.textContent('[data-testid=instances-needed]'), /^more than 10,000$/);
  const fig = await p.page.locator('.figure', { has: p.page.locator('[data-testid=instances-needed]') }).textContent();
  assert.match(fig, /the plan stops there/);
  const diff = await p.page.textContent('[data-testid=article-difference]');
  assert.match(diff, /only knows it needs more than 10,000/);
  assert.doesNotMatch(diff, /fewer than the article/);
  assert.deepEqual(p.problems, []);
});

test('errors sit beside the field that causes them: ECS_RESERVED_MEMORY, a daemon, N for a type not in the group', async () => {
  const p = await PlannerPage.open(env);
  await p.fill('ecsReservedMemoryMiB', '4000');
  assert.match(await p.error('ecsReservedMemoryMiB'), /leaves t4g\.medium no memory/);
  assert.match(await p.page.textContent('.results .stale'), /inputs listed under "inputs to fix"/);
  await p.fill('ecsReservedMemoryMiB', '0');
  await p.fill('daemons-0-cpu', '5000');
  assert.match(await p.error('daemons-0-cpu'), /needs 5000 CPU units; t4g\.medium has 2048/);
  await p.fill('daemons-0-cpu', '64');
  await p.fill('runningInstances', 'm6g.large=2');
  assert.match(await p.error('runningInstances'), /runningInstances\.m6g\.large: m6g\.large is not one of this scenario's instance types/);
  assert.equal(await p.value('instances-needed'), '2');
  assert.deepEqual(p.problems, []);
});

test('at 100 services "Add a service" is disabled and says why', async () => {
  const svc = Array.from({ length: 100 }, (_, i) => `svc=s${i},64,128,1`).join('&');
  const p = await PlannerPage.open(env, { query: `?v=1&${svc}` });
  const add = p.page.locator('button', { hasText: 'Add a service' });
  assert.equal(await add.isDisabled(), true);
  assert.match(await p.page.textContent('[data-testid=services-cap]'), /at most 100 services/);
  assert.equal(await p.count('[data-testid=error-summary]'), 0);
  assert.deepEqual(p.problems, []);
});

test('on a phone a "Jump to the answer" link leads past the inputs; on a wide screen it is not shown', async () => {
  const p = await PlannerPage.open(env, { viewport: { width: 375, height: 800 } });
  const answerTop = () => p.page.evaluate(() => document.getElementById('answer-h').getBoundingClientRect().top);
  assert.ok(await answerTop() > 800, 'the answer starts below the first screen');
  await p.page.click('[data-testid=jump-to-answer]');
  await p.page.waitForFunction(() => Math.abs(document.getElementById('answer-h').getBoundingClientRect().top) < 50);
  const wide = await PlannerPage.open(env);
  assert.equal(await wide.page.isVisible('[data-testid=jump-to-answer]'), false);
  assert.deepEqual(p.problems, []);
});

test("one instance, part by part: each resource's parts with their numbers add up, each with its How?", async () => {
  const p = await PlannerPage.open(env);
  await p.page.waitForSelector('[data-testid=anatomy] svg[data-testid=anatomy-chart]');
  const parts = await p.page.$$eval('[data-testid=anatomy] .anatomy-resource', (rs) => rs.map((r) => ({
    name: r.dataset.resource,
    parts: [...r.querySelectorAll('li')].map((li) => [li.dataset.part, Number(li.dataset.value)]),
  })));
  assert.deepEqual(parts.map((r) => r.name), ['cpu', 'memory', 'enis']);
  assert.deepEqual(parts[0].parts, [['daemons', 64], ['free', 1984]]);
  assert.deepEqual(parts[1].parts, [['unregistered', 328], ['reserved', 0], ['daemons', 128], ['free', 3640]]);
  assert.deepEqual(parts[2].parts, [['primary', 1], ['daemons', 0], ['free', 2]]);
  assert.equal(await p.count('[data-testid=anatomy] details.how'), 9);
  // It follows the inputs: ECS_RESERVED_MEMORY shows as its own part.
  await p.fill('ecsReservedMemoryMiB', '256');
  await p.page.waitForFunction(() => document.querySelector('[data-testid=anatomy] [data-part=reserved]')?.dataset.value === '256');
  assert.deepEqual(p.problems, []);
});

test('a click or tap on an instance in the packing chart lists what shares it, in a panel a touch user can read', async () => {
  const p = await PlannerPage.open(env);
  await p.page.locator('svg[data-testid=packing] [data-testid=instance][data-first="0"]').click();
  await p.page.waitForSelector('[data-testid=instance-details]');
  const text = await p.page.textContent('[data-testid=instance-details]');
  assert.match(text, /Instance #1 t4g\.medium, zone a/);
  assert.match(text, /7 api tasks, each 256 CPU units and 512 MiB: 1792 CPU units and 3584 MiB/);
  assert.match(text, /daemon log-router: 64 CPU units and 128 MiB/);
  assert.match(text, /left: 192 CPU units, 56 MiB, 2 ENIs/);
  await p.page.click('[data-testid=instance-details] button');
  assert.equal(await p.count('[data-testid=instance-details]'), 0);
  // A touch screen taps.
  const ctx = await env.browser.newContext({ hasTouch: true, viewport: { width: 375, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(env.url);
  await page.waitForSelector('svg[data-testid=packing] [data-testid=instance]');
  await page.locator('svg[data-testid=packing] [data-testid=instance][data-first="0"]').tap();
  await page.waitForSelector('[data-testid=instance-details]');
  await ctx.close();
  assert.deepEqual(p.problems, []);
});

test('on a 375 px phone every select shows its whole choice, with every panel open', async () => {
  const p = await PlannerPage.open(env, { viewport: { width: 375, height: 800 } });
  for (const id of ['open-timeline', 'open-cost', 'open-share']) await p.page.click(`[data-testid=${id}]`);
  await p.page.waitForSelector('[data-testid=recommend-table] tr[data-testid=recommend-row]', { timeout: 20000 });
  await p.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  // The chosen option's text against the select's inner width (less the arrow's room).
  const cut = await p.page.$$eval('select', (ss) => ss.filter((s) => {
    const c = document.createElement('canvas').getContext('2d');
    const cs = getComputedStyle(s);
    c.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const inner = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
    return c.measureText(s.options[s.selectedIndex]?.text ?? '').width > inner;
  }).map((s) => `${s.id}: ${s.options[s.selectedIndex]?.text}`));
  assert.ok((await p.count('select')) >= 10);
  assert.deepEqual(cut, []);
  assert.ok(await p.page.evaluate(() => document.documentElement.scrollWidth <= 375));
});
