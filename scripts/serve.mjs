// A small static file server for dist/ on 127.0.0.1 (Node only, so a fresh machine needs nothing
// else). Serves .wasm as application/wasm so streaming instantiation works.
//   node scripts/serve.mjs [dir] [port]    (port 0 picks a free one and prints it)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on 127.0.0.1. Every response says `Cache-Control: no-cache`, unless `lastModified`:
 * then it sends the file's `Last-Modified` and no `Cache-Control`, as many static hosts do (the
 * browser then caches by heuristic: the service worker's update test needs that).
 */
export function serve(dir, port = 0, { lastModified = false } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      const caching = lastModified
        ? { 'last-modified': (await stat(file)).mtime.toUTCString() }
        : { 'cache-control': 'no-cache' };
      res.writeHead(200, { ...type, ...caching });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const server = await serve(dir, Number(process.argv[3] ?? 8080));
  console.log(`ECS Capacity Planner: http://127.0.0.1:${server.address().port}/  (serving ${dir}; Ctrl-C stops)`);
}
