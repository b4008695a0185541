// `make build`: gives the wasm's imports short names, in the wasm and in wasm-bindgen's JS glue alike.
// wasm-bindgen names each import after its function and a 16-digit hash
// ("__wbg_setAttribute_f8b3…"), under the module "./ecs-capacity-wasm_bg.js": 157 such names,
// written once in the wasm and once in the glue, are about 2 KB of gzip that compress badly (the
// hashes). Binaryen's --minify-imports renames them in the wasm but cannot rename the glue to
// match, and wasm-bindgen has no option for it, so this does both (issue 12's size budget).
//   node scripts/short-imports.mjs GLUE.js MODULE.wasm   (both rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [glueFile, wasmFile] = process.argv.slice(2);
const wasm = readFileSync(wasmFile);
let glue = readFileSync(glueFile, 'utf8');

// LEB128 unsigned, read at `at.p` (advanced) and written.
const read = (b, at) => { let r = 0; let s = 0; let x; do { x = b[at.p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
const leb = (n) => { const out = []; do { let x = n % 128; n = Math.floor(n / 128); if (n > 0) x |= 0x80; out.push(x); } while (n > 0); return out; };
const name = (s) => { const b = Buffer.from(s, 'utf8'); return [...leb(b.length), ...b]; };

const at = { p: 8 };
const parts = [wasm.subarray(0, 8)];
const renames = new Map();
const modules = new Set();
while (at.p < wasm.length) {
  const start = at.p;
  const id = wasm[at.p++];
  const len = read(wasm, at);
  const end = at.p + len;
  if (id !== 2) { parts.push(wasm.subarray(start, end)); at.p = end; continue; }
  const count = read(wasm, at);
  const body = [...leb(count)];
  for (let i = 0; i < count; i += 1) {
    const mlen = read(wasm, at); const module = wasm.subarray(at.p, at.p + mlen).toString('utf8'); at.p += mlen;
    const flen = read(wasm, at); const field = wasm.subarray(at.p, at.p + flen).toString('utf8'); at.p += flen;
    const descStart = at.p;
    const kind = wasm[at.p++];
    if (kind === 0) read(wasm, at);
    else if (kind === 1) { at.p += 1; const f = read(wasm, at); read(wasm, at); if (f & 1) read(wasm, at); }
    else if (kind === 2) { const f = read(wasm, at); read(wasm, at); if (f & 1) read(wasm, at); }
    else if (kind === 3) at.p += 2;
    else throw new Error(`import ${field}: unknown kind ${kind}`);
    modules.add(module);
    // Each field once: a short name that is not a prefix or part of another ("$" + base 36).
    if (!renames.has(field)) renames.set(field, `$${renames.size.toString(36)}$`);
    body.push(...name('w'), ...name(renames.get(field)), ...wasm.subarray(descStart, at.p));
  }
  parts.push(Buffer.from([2, ...leb(body.length), ...body]));
  at.p = end;
}
if (modules.size !== 1) throw new Error(`expected one import module, found ${[...modules].join(', ')}`);
const [module] = modules;

// The glue names each import once, as a key of the object it hands the wasm, and the module as
// that object's key. Every name must be found exactly where expected, or the build stops.
const quoted = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
for (const [from, to] of [...renames].sort((a, b) => b[0].length - a[0].length)) {
  const re = new RegExp(`(?<![\\w$])${quoted(from)}(?![\\w$])`, 'g');
  const n = (glue.match(re) ?? []).length;
  if (n !== 1) throw new Error(`the glue names ${from} ${n} times, not once`);
  glue = glue.replace(re, () => `"${to}"`);
}
const moduleKey = new RegExp(`(["'])${quoted(module)}\\1`, 'g');
if ((glue.match(moduleKey) ?? []).length !== 1) throw new Error(`the glue does not name ${module} once`);
glue = glue.replace(moduleKey, '"w"');

writeFileSync(wasmFile, Buffer.concat(parts));
writeFileSync(glueFile, glue);
console.log(`short-imports: ${renames.size} imports renamed`);
