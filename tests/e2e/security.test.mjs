// Security and privacy (issue 7): the CSP has no 'unsafe-eval' or 'unsafe-inline' and nothing the
// app does violates it; the app never requests anything outside its own origin; text from a link
// or an import is rendered as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, PlannerPage } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('every panel opens with no CSP violation and no request outside the origin', async () => {
  const page = await env.browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // A link whose service name, panel settings and an unknown setting are markup: all text.
  const img = '%3Cimg+src%3Dx+onerror%3Dalert(1)%3E';
  await page.goto(env.url + `?v=1&svc=${img},256,512,4&t.load=${img}&t.zz=${img}&r.family=${img}&r.sort=${img}&${img}=1`);
  await page.waitForSelector('[data-testid=instances-needed]');
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  for (const kind of ['cost', 'timeline', 'share']) {
    await page.click(`[data-testid=open-${kind}]`);
  }
  await page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  await page.waitForSelector('[data-testid=recommend-table]', { timeout: 15000 });
  await page.waitForSelector('[data-testid=export-markdown]', { timeout: 15000 });
  assert.equal(await page.locator('img').count(), 0);
  // The markup came back in the notes, as text.
  for (const notes of ['link-notes', 'timeline-link-notes', 'cost-link-notes']) {
    assert.match(await page.textContent(`[data-testid=${notes}]`), /<img src=x onerror=alert\(1\)>/, notes);
  }
  assert.equal(await page.inputValue('#services-0-name'), '<img src=x onerror=alert(1)>');
  assert.match(await page.textContent('svg[data-testid=packing] title'), /<img src=x onerror=alert\(1\)>/);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  const outside = requests.filter((u) => !u.startsWith(env.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, []);
  // One wasm module holds the app and its panels.
  assert.deepEqual(requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname), ['/ecs-capacity-wasm_bg.wasm']);
});

test('names that differ only by a line break stay apart in the chart', async () => {
  const p = await PlannerPage.open(env, { query: '?v=1&svc=a%0Ab,256,512,1&svc=a%0D%0Ab,256,512,1' });
  const names = await p.page.$$eval('svg[data-testid=packing] [data-testid=task]', (els) => [...new Set(els.map((e) => e.getAttribute('data-service')))]);
  assert.deepEqual(names.sort(), ['a\nb', 'a\r\nb'].sort());
});
