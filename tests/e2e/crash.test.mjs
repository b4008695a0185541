// The panic hook (issue 7) on a real panic in the built page. Browser extensions (translators,
// grammar checkers) move and rewrite a page's nodes; when Yew then inserts a node before one that
// is no longer where it left it, the DOM call fails and Yew panics. Here the test plays the
// extension: the dead page must become a notice with a reload link, and the reload must bring the
// inputs back from the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('a real panic (Yew, after the DOM is moved under it) shows the notice; Reload restores the inputs', async () => {
  const query = '?v=1&svc=api,0.25+vCPU,512+MiB,17';
  const p = await PlannerPage.open(env, { query });
  const needed = await p.value('instances-needed');
  // Move the services section out of the inputs column: the error summary Yew inserts before it
  // on the next invalid input now has no place to go.
  await p.page.evaluate(() => {
    const inputs = document.querySelector('.inputs');
    document.body.append(inputs.firstElementChild);
  });
  await p.fill('daemons-0-cpu', 'abc');
  await p.page.waitForSelector('[data-testid=crash]', { timeout: 5000 });
  // It was a panic: Yew's message, then the wasm trap (the hook ran in between).
  assert.ok(p.problems.some((m) => /failed to insert node before next sibling/.test(m)), p.problems.join('\n'));
  assert.ok(p.problems.some((m) => /pageerror: .*unreachable/.test(m)), p.problems.join('\n'));
  const notice = p.page.locator('[data-testid=crash]');
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.match(await notice.textContent(), /ECS Capacity Planner stopped.*reloading brings them back/s);
  assert.equal(await p.count('#app [data-testid=instances-needed]'), 0);
  // The link kept the inputs: Reload opens the same view, alive.
  await Promise.all([p.page.waitForNavigation(), p.page.click('[data-testid=crash] a')]);
  await p.page.waitForSelector('[data-testid=instances-needed]');
  assert.equal(await p.page.inputValue('#services-0-desiredCount'), '17');
  assert.equal(await p.value('instances-needed'), needed);
  assert.equal(await p.count('[data-testid=crash]'), 0);
});

test('a panic in a panel (the timeline) shows the same notice', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  // The "Simulating…" line goes before the comparison with the plan on the next run: move that away.
  await p.page.waitForSelector('[data-testid=timeline] > [data-testid=timeline-vs-plan]');
  await p.page.evaluate(() => document.body.append(document.querySelector('[data-testid=timeline] > [data-testid=timeline-vs-plan]')));
  await p.fill('run-durationMinutes', '60');
  await p.page.waitForSelector('[data-testid=crash]', { timeout: 5000 });
  assert.ok(p.problems.some((m) => /ECS Capacity Planner panicked at .*failed to insert node/s.test(m)), p.problems.join('\n'));
  assert.match(await p.page.textContent('[data-testid=crash]'), /reloading brings them back/);
});

test('the edit that stopped the app is in the link: Reload restores it', async () => {
  const q = '?v=1&type=m6g.large&svc=worker,1024,2048,12&svc=api,512,1024,30,awsvpc&svc=cron,256,512,4&dmn=a,64,128&dmn=b,128,256';
  const p = await PlannerPage.open(env, { query: q });
  assert.equal(await p.count('[data-testid=best-order]'), 0);
  // Listed worst-first, the answer gains the best-order block, which Yew inserts before the
  // article's comparison: the test moves that away first, so the edit stops the app.
  await p.page.evaluate(() => document.body.append(document.querySelector('[data-testid=article-difference]')));
  await p.page.click('[data-testid=move-down-0]');
  await p.page.waitForSelector('[data-testid=crash]', { timeout: 5000 });
  await Promise.all([p.page.waitForNavigation(), p.page.click('[data-testid=crash] a')]);
  await p.page.waitForSelector('[data-testid=instances-needed]');
  assert.equal(await p.page.inputValue('#services-0-name'), 'api');
  assert.equal(await p.page.inputValue('#services-1-name'), 'worker');
});
