// Accessibility (issue 7): axe-core (pinned in package.json) on every view, with every panel open;
// no serious or critical violation. The page's CSP forbids injected scripts, so these pages bypass
// it (the CSP itself is checked in security.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { start } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function audit(query, open, scheme) {
  const page = await env.browser.newPage({ bypassCSP: true, colorScheme: scheme });
  await page.goto(env.url + query);
  await page.waitForSelector('[data-testid=embed], [data-testid=instances-needed]');
  for (const kind of open) {
    const button = page.locator(`[data-testid=open-${kind}]`);
    if (await button.count()) await button.click();
  }
  if (open.includes('timeline') || query.includes('view=timeline')) await page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  if (open.includes('cost') || query.includes('view=cost')) await page.waitForSelector('[data-testid=recommend-table]', { timeout: 15000 });
  if (open.includes('share')) await page.waitForSelector('[data-testid=embed-code]', { timeout: 15000 });
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
  await page.close();
  return result;
}

for (const scheme of ['light', 'dark']) {
  test(`no serious or critical axe violation, every panel open (${scheme})`, async () => {
    assert.deepEqual(await audit('?v=1&tc=80&n=1&svc=api,256,512,30', ['cost', 'timeline', 'share'], scheme), []);
  });
}

for (const view of ['packing', 'cas', 'timeline', 'cost']) {
  test(`no serious or critical axe violation in the embedded ${view} view`, async () => {
    assert.deepEqual(await audit(`?v=1&embed=1&view=${view}`, [], 'light'), []);
  });
}
