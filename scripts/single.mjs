// `make single`: dist-single/index.html, one self-contained file to mail to a colleague or open in
// a meeting. It runs from file:// with no network: the wasm module is inside as base64, the JS
// modules become blob: URLs (a file:// page cannot import other files), and its CSP allows only its
// own inline script and style (by hash), blob: modules and wasm.
//   node scripts/single.mjs [dist] [out-dir]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const outDir = process.argv[3] ?? 'dist-single';
const read = (f) => readFileSync(join(dist, f));
const text = (f) => read(f).toString('utf8');
// JSON string literal, safe inside <script>.
const lit = (s) => JSON.stringify(s).replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

for (const [file, spec] of [['ecs-capacity.js', './ecs-capacity-wasm.js'], ['main.js', './ecs-capacity.js']]) {
  if (!text(file).includes(spec)) throw new Error(`${file} no longer names ${spec}: update scripts/single.mjs`);
}

const loader = `
const bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
globalThis.ecsCapacityWasm = bytes(${lit(read('ecs-capacity-wasm_bg.wasm').toString('base64'))});
const url = (src) => URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
const glue = url(${lit(text('ecs-capacity-wasm.js'))});
const api = url(${lit(text('ecs-capacity.js'))}.replace('./ecs-capacity-wasm.js', glue));
await import(url(${lit(text('main.js'))}.replace('./ecs-capacity.js', api)));
`;
const css = text('styles/app.css');
const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const icon = `data:image/svg+xml;base64,${read('icon.svg').toString('base64')}`;
const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${hash(loader)} blob: 'wasm-unsafe-eval'; style-src ${hash(css)}; img-src data:; base-uri 'none'; form-action 'none'">
  <title>ECS Capacity Planner</title>
  <link rel="icon" href="${icon}">
  <style>${css}</style>
</head>
<body>
  <div id="app"><p class="loading">Loading ECS Capacity Planner…</p></div>
  <noscript><p>ECS Capacity Planner runs in your browser with JavaScript and WebAssembly; please enable JavaScript.</p></noscript>
  <script type="module">${loader}</script>
</body>
</html>
`;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'index.html'), html);
console.log(`wrote ${join(outDir, 'index.html')} (${(html.length / 1e6).toFixed(2)} MB)`);
