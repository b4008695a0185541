// Compares the time to the first complete result of two builds of the site, alternating 30 fresh
// browser contexts between them so that the machine's slow spells fall on both alike.
//   node scripts/ab-first-result.mjs OLD_DIST [NEW_DIST]
// (For issue 8: the two-module build of the commit before it, built in a git worktree, against dist/.)
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
const [oldDir, newDir = 'dist'] = process.argv.slice(2);
if (!oldDir) throw new Error('usage: node scripts/ab-first-result.mjs OLD_DIST [NEW_DIST]');
const a = await serve(oldDir, 0);
const b = await serve(newDir, 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const times = { old: [], new: [] };
const one = async (port) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('svg[data-testid=packing] [data-testid=task]');
  const t = await page.evaluate(() => performance.now());
  await ctx.close();
  return t;
};
for (let i = 0; i < 30; i += 1) {
  times.old.push(await one(a.address().port));
  times.new.push(await one(b.address().port));
}
const med = (x) => { const s = [...x].sort((p, q) => p - q); return s[s.length >> 1]; };
console.log(`first complete result: ${oldDir} median ${med(times.old).toFixed(0)} ms; ${newDir} median ${med(times.new).toFixed(0)} ms (30 alternating runs each)`);
await browser.close(); a.close(); b.close();
