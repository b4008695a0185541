// The single file (issue 6): dist-single/index.html runs from file:// with every request outside it
// blocked, the panels (timeline) included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the single file runs from file:// with no network', async () => {
  const file = pathToFileURL(fileURLToPath(new URL('../../dist-single/index.html', import.meta.url))).href;
  const page = await env.browser.newPage();
  const problems = [];
  const outside = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  // Block every request that is not the file itself (blob: and data: URLs never reach the network).
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === file || u.startsWith(file + '?')) return route.continue();
    outside.push(u);
    return route.abort();
  });
  await page.goto(file + '?v=1&svc=api,256,512,100');
  await page.waitForSelector('[data-testid=instances-needed]', { timeout: 20000 });
  assert.equal(await page.getAttribute('[data-testid=instances-needed]', 'data-value'), '15');
  await page.click('[data-testid=open-timeline]');
  await page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 20000 });
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
});
