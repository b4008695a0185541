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

test('from the single file, links say they cannot be shared until a site address is set, which is kept', async () => {
  const file = pathToFileURL(fileURLToPath(new URL('../../dist-single/index.html', import.meta.url))).href;
  const page = await env.browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(file + '?v=1&svc=api,256,512,100');
  await page.waitForSelector('[data-testid=instances-needed]', { timeout: 20000 });
  await page.click('[data-testid=open-share]');
  await page.waitForSelector('[data-testid=file-link-note]');
  // The query alone, no file:// address to share, and no embed code until a site is set.
  const link = await page.inputValue('[data-testid=share-link]');
  assert.match(link, /^\?v=1&/);
  assert.ok(await page.isDisabled('[data-testid=copy-embed]'));
  assert.doesNotMatch(await page.inputValue('[data-testid=embed-code]'), /<iframe/);
  // A bad address is refused beside its field; a good one makes the link and the embed code.
  await page.fill('#share-site', 'plan.example.com');
  await page.waitForSelector('[data-testid=error-share-site]');
  await page.fill('#share-site', 'https://plan.example.com/ecs/');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-link]').value.startsWith('https://plan.example.com/ecs/?v=1&'));
  assert.match(await page.inputValue('[data-testid=embed-code]'), /<iframe src="https:\/\/plan\.example\.com\/ecs\/\?v=1&/);
  assert.equal(await page.locator('[data-testid=file-link-note]').count(), 0);
  // Kept in this browser: a reload uses it again.
  await page.reload();
  await page.waitForSelector('[data-testid=instances-needed]', { timeout: 20000 });
  if (!(await page.locator('[data-testid=share-link]').count())) await page.click('[data-testid=open-share]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-link]')?.value.startsWith('https://plan.example.com/ecs/?v=1&'));
  assert.deepEqual(problems, []);
});
