// Takes the README's screenshot: the article's first example loaded, at a desktop width.
//   node scripts/screenshot.mjs [out.png]      (`make screenshot` builds first)
import { start, PlannerPage } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? 'docs/screenshot.png';
const env = await start();
try {
  const p = await PlannerPage.open(env, { viewport: { width: 1280, height: 900 } });
  await p.example('four-tasks');
  await p.page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1000 } });
  console.log(`wrote ${out}`);
  // The timeline: the default month-end spike, with and without Cluster Auto Scaling.
  await p.page.click('[data-testid=example-four-tasks]');
  await p.page.click('[data-testid=open-timeline]');
  await p.page.waitForSelector('[data-testid=timeline-summary] tr[data-run=with]', { timeout: 15000 });
  const timeline = out.replace(/\.png$/, '-timeline.png');
  await p.page.locator('section.timeline').screenshot({ path: timeline });
  console.log(`wrote ${timeline}`);
  // Cost and the recommender.
  await p.page.click('[data-testid=open-cost]');
  await p.page.waitForSelector('[data-testid=recommend-table] tr[data-testid=recommend-row]', { timeout: 15000 });
  const cost = out.replace(/\.png$/, '-cost.png');
  await p.page.locator('section.cost').screenshot({ path: cost });
  console.log(`wrote ${cost}`);
} finally {
  await env.close();
}
