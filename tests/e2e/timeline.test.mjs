// The timeline in the page: the month-end spike with and without Cluster Auto Scaling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function summary(p) {
  if (await p.page.locator('[data-testid=open-timeline]').count()) await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  return p.page.$$eval('[data-testid=timeline-summary] tr[data-run]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.run, {
    unserved: Number(r.dataset.unserved), errorMinutes: Number(r.dataset.errorMinutes), text: r.textContent,
  }])));
}

test('the timeline opens with no further download, and follows the page', async () => {
  const p = await PlannerPage.open(env);
  const fetched = [];
  p.page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  assert.equal(await p.count('[data-testid=timeline]'), 0);
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  // One module: the timeline is part of the app already loaded.
  assert.deepEqual(fetched.filter((f) => f.endsWith('.wasm') || f.endsWith('.js')), []);
  // A change on the page reaches the loaded timeline.
  await p.fill('services-0-desiredCount', '20');
  await p.page.waitForFunction(() => /20 \/ 20/.test(document.querySelector('[data-testid=timeline-readout] tr[data-run=with]')?.textContent ?? ''), null, { timeout: 15000 });
  assert.deepEqual(p.problems, []);
});

test('month-end: without CAS tasks wait and calls are lost; with CAS the error window closes', async () => {
  const p = await PlannerPage.open(env);
  const s = await summary(p);
  assert.ok(s.without.unserved > 0.2, `without CAS loses ${s.without.unserved}`);
  assert.ok(s.with.unserved < s.without.unserved / 5, `with CAS loses ${s.with.unserved}`);
  assert.ok(s.with.errorMinutes < 30 && s.without.errorMinutes > 100);
  assert.match(s.without.text, /\d+ min/);
  // The read-out at minute 120 (the spike's plateau): tasks wait only without CAS.
  await p.page.fill('#timeline-cursor', '120');
  const waiting = await p.page.$$eval('[data-testid=timeline-readout] tr[data-run]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.run, Number(r.cells[4].textContent)])));
  assert.equal(waiting.with, 0);
  assert.ok(waiting.without > 0);
  assert.ok(await p.page.locator('[data-testid=timeline-events] li', { hasText: /reservation .* > 100 %: desired/ }).count() > 0);
  // Hovering the chart reads out every run at that minute.
  const strip = p.page.locator('svg[data-testid=timeline-chart] rect.hover').nth(60);
  await strip.hover();
  const tip = await p.page.evaluate(() => document.querySelector('svg[data-testid=timeline-chart] rect.hover:hover title')?.textContent ?? '');
  assert.match(tip, /^02:0\d/);
  assert.match(tip, /with CAS: calls [\d.]+ of [\d.]+ served/);
  assert.match(tip, /without CAS \(fixed group\): calls/);
  assert.deepEqual(p.problems, []);
});

test('a pasted load curve and bad run input', async () => {
  const p = await PlannerPage.open(env);
  await summary(p);
  await p.select('run-load-preset', 'points');
  await p.page.fill('#run-load-points', 'minute,calls\n0,50\n10,400\n60,400');
  await p.fill('run-durationMinutes', '60');
  await p.page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline-readout] tr[data-run]').length === 3
    && document.getElementById('timeline-cursor').max === '60');
  await p.fill('run-durationMinutes', 'a week');
  await p.page.waitForSelector('[data-testid=error-run-durationMinutes]');
  assert.match(await p.error('run-durationMinutes'), /is not a number/);
});

test('with invalid run settings the last good timeline stays, with the error beside its field', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  const before = await p.page.textContent('[data-testid=timeline-summary]');
  await p.fill('run-durationMinutes', 'abc');
  await p.page.waitForSelector('#run-durationMinutes ~ .error, [data-testid=error-run-durationMinutes]', { timeout: 15000 });
  assert.equal(await p.page.textContent('[data-testid=timeline-summary]'), before);
  assert.deepEqual(p.problems, []);
});

test('the timeline names every line and colour, shows the defaults of blank settings, the whole Load choice, shares to one decimal', async () => {
  const p = await PlannerPage.open(env);
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  const colours = await p.page.locator('[data-testid=timeline-colours] li').allTextContents();
  for (const want of ['load concurrent calls', 'waiting tasks', 'desired tasks and instances', 'registered instances', 'targetCapacity (on the reservation)']) {
    assert.ok(colours.includes(want), `${want} in ${colours.join(' | ')}`);
  }
  assert.equal(await p.page.getAttribute('#run-settings-minTasks', 'placeholder'), '10 (default)');
  assert.equal(await p.page.getAttribute('#run-settings-cpuTarget', 'placeholder'), '50 (default)');
  const fits = await p.page.$eval('#run-load-preset', (el) => el.scrollWidth <= el.clientWidth + 1);
  assert.ok(fits, 'the Load select shows its whole choice');
  const summary = await p.page.textContent('[data-testid=timeline-summary]');
  assert.doesNotMatch(summary, /\d\.\d\d+ %/, summary);
  assert.deepEqual(p.problems, []);
});

test('a heavy week runs in steps: progress, a page that answers, Stop and Run again', async () => {
  // The adversarial review's case: 10,000 instances, a PROVISIONING quota of 2, 1,000,000 tasks
  // wanted, 7 days (it blocked the page for 9.4 s a day before). The CPU is slowed 6 times so the
  // run lasts long enough to watch and stop on any machine.
  const p = await PlannerPage.open(env);
  const query = await p.page.evaluate(() => window.ecsCapacity.encode({
    services: [{ name: 's0', cpu: 1, memory: 29, desiredCount: 3 }], placementStrategy: 'spread-az',
    asg: { minSize: 10000, maxSize: 10000 }, settings: { provisioningQuota: 2 },
  }));
  const q = await PlannerPage.open(env, { query: `?${query}&t.minutes=10080&t.min=1000000` });
  const cdp = await q.page.context().newCDPSession(q.page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await q.page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); })
      .observe({ type: 'longtask' });
  });
  await q.page.click('[data-testid=open-timeline]');
  await q.page.waitForSelector('[data-testid=timeline-busy] progress', { timeout: 15000 });
  // The page answers while it runs: an edit's answer appears before the run ends.
  await q.fill('services-0-desiredCount', '4');
  await q.page.waitForFunction(() => document.querySelector('[data-testid=instances-needed]')?.textContent.includes('1'), null, { timeout: 5000 });
  await q.page.waitForFunction(() => /Simulating… [1-9]\d? %/.test(document.querySelector('[data-testid=timeline-busy]')?.textContent ?? ''), null, { timeout: 30000 });
  const longest = await q.page.evaluate(() => window.longest);
  console.log(`longest task while simulating (CPU slowed 6 times): ${longest} ms`);
  assert.ok(longest < 1500, `the longest task while simulating took ${longest} ms`);
  await q.page.click('[data-testid=timeline-stop]');
  await q.page.waitForSelector('[data-testid=timeline-stopped]');
  assert.equal(await q.count('[data-testid=timeline-busy]'), 0);
  assert.match(await q.page.textContent('[data-testid=timeline-stopped]'), /no run has finished yet/);
  // The keyboard's focus lands on Run again, which runs the same settings again.
  assert.equal(await q.page.evaluate(() => document.activeElement?.dataset.testid), 'timeline-run-again');
  await q.page.keyboard.press('Enter');
  await q.page.waitForSelector('[data-testid=timeline-busy] progress', { timeout: 15000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await q.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 60000 });
  assert.deepEqual(q.problems, []);
});
