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
} finally {
  await env.close();
}
