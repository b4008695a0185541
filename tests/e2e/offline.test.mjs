// Embedding and offline (issue 6): the repository's example page embeds the app both ways; the
// service worker serves a reload with the server stopped; the manifest makes it installable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, PlannerPage, CHROMIUM_ARGS } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('the example page embeds the app in an iframe that reports its height, and uses the API with no UI', async () => {
  const page = await env.browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(env.url + 'examples/embed.html');
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  assert.match(await page.textContent('#plan-instances'), /^15 x t4g\.medium \(7 per instance, limited by memory\)/);
  assert.match(await page.textContent('#simulate-unserved'), /^\d+(\.\d)? % over \d+ minute\(s\)$/);
  assert.match(await page.textContent('#recommend-best'), /^\d+ x [a-z0-9]+\.[a-z0-9]+, \$\d+\.\d\d a month$/);
  // The frame shows the CAS view, without the input forms, and the page sized it to the reported height.
  const frame = page.frameLocator('#planner');
  await frame.locator('[data-testid=embed] [data-testid=decision]').waitFor({ timeout: 15000 });
  assert.equal(await frame.locator('#services-0-cpu').count(), 0);
  await page.waitForFunction(() => Number(document.getElementById('planner').dataset.reportedHeight) > 200, null, { timeout: 5000 });
  const h = await page.$eval('#planner', (f) => ({ attr: Number(f.height), reported: Number(f.dataset.reportedHeight) }));
  assert.equal(h.attr, Math.ceil(h.reported));
  assert.deepEqual(problems, []);
});

test('with the server stopped, a reload is served by the service worker, panels included', async () => {
  const local = await start();
  try {
    const p = await PlannerPage.open(local, { query: '?v=1&tc=80' });
    // ready resolves with an active worker, which may still be activating: wait for it to finish.
    await p.page.waitForFunction(async () => (await navigator.serviceWorker.ready).active.state === 'activated', null, { timeout: 15000 });
    await p.page.waitForFunction(async () => (await caches.keys()).length > 0 && (await (await caches.open((await caches.keys())[0])).keys()).length >= 11, null, { timeout: 15000 });
    const manifest = await p.page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.display, 'standalone');
    await local.stopServer();
    await p.page.reload();
    await p.page.waitForSelector('[data-testid=instances-needed]', { timeout: 15000 });
    assert.equal(await p.page.inputValue('#capacityProvider-targetCapacity'), '80');
    await p.page.click('[data-testid=open-timeline]');
    await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  } finally {
    await local.close();
  }
});

test('installable: Chromium reports no installability errors (manifest, icon, service worker)', async () => {
  // A persistent profile: in the default (incognito-like) context Chromium never offers to install.
  const dir = mkdtempSync(join(tmpdir(), 'ecs-capacity-install-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await ctx.newPage();
    await page.goto(env.url);
    await page.waitForSelector('[data-testid=instances-needed]');
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active.state === 'activated', null, { timeout: 15000 });
    const cdp = await ctx.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const { errors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after a deploy, a returning visitor gets the new version, behind a server that sends Last-Modified and no Cache-Control', async () => {
  // The site as deployed a month ago: old modification times, so the browser's HTTP cache holds
  // its files as fresh by heuristic (10 % of their age).
  const site = mkdtempSync(join(tmpdir(), 'ecs-capacity-site-'));
  const profile = mkdtempSync(join(tmpdir(), 'ecs-capacity-profile-'));
  cpSync(fileURLToPath(new URL('../../dist', import.meta.url)), site, { recursive: true });
  const month = (Date.now() - 30 * 86400e3) / 1000;
  const touch = (dir, when) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) touch(p, when); else utimesSync(p, when, when);
    }
  };
  touch(site, month);
  const server = await serve(site, 0, { lastModified: true });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await ctx.newPage();
    const version = async () => {
      await page.goto(url);
      await page.waitForFunction(() => window.ecsCapacity, null, { timeout: 15000 });
      return page.evaluate(() => window.ecsCapacity.version);
    };
    const old = await version();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active.state === 'activated', null, { timeout: 15000 });
    for (let i = 0; i < 3; i += 1) assert.equal(await version(), old);
    // The deploy: a new API module (its version) and a new service worker (its cache name), dated now.
    const api = join(site, 'ecs-capacity.js');
    const text = readFileSync(api, 'utf8');
    assert.ok(text.includes(`"${old}"`), 'the built API names its version');
    writeFileSync(api, text.replace(`"${old}"`, `"${old}-deployed"`));
    const requests = [];
    server.on('request', (r) => requests.push(r.url));
    const sw = join(site, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/ecs-capacity-[^'"]+/, (m) => `${m}-deployed`));
    // The browser checks for a new worker on a later visit, at a time of its choosing: visit until the
    // new worker has activated (the old version's cache is gone: its activate step), at most 6 times.
    const deployed = () => page.evaluate(async () => { const k = await caches.keys(); return k.length === 1 && k[0].endsWith('-deployed'); });
    for (let i = 0; i < 6 && !(await deployed()); i += 1) {
      await version();
      // Waiting here, not polling the page: Chromium puts off its check while the page is busy.
      await new Promise((ok) => setTimeout(ok, 3000));
    }
    assert.ok(await deployed(), `the new service worker installed; requests after the deploy: ${requests.join(' ')}`);
    // What the new worker cached is what the visitor runs: the new version, not the HTTP cache's old one.
    const cached = await page.evaluate(async () => { const k = await caches.keys(); const r = await navigator.serviceWorker.getRegistration(); return { k, installing: r.installing?.state, waiting: r.waiting?.state, active: r.active?.state }; });
    assert.equal(await version(), `${old}-deployed`, `requests after the deploy: ${requests.join(' ')}; cache: ${JSON.stringify(cached)}`);
  } finally {
    await ctx.close();
    server.close();
    rmSync(site, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});
