// The service worker: the app works with the network off after the first visit. Every file of the
// site is cached at install (one module: the timeline, cost and sharing work offline too);
// requests are answered from the cache first (a link's query is ignored: it is the same page), and
// anything not cached goes to the network and is kept. A new version (its own cache name) replaces
// the old cache when it activates (the build stamps the name with the version and build time).
const CACHE = 'ecs-capacity-__VERSION__';
const FILES = [
  './', 'index.html', 'main.js', 'ecs-capacity.js', 'ecs-capacity-wasm.js', 'ecs-capacity-wasm_bg.wasm',
  'styles/app.css', 'manifest.webmanifest', 'icon.svg',
];

self.addEventListener('install', (e) => {
  // cache: 'reload' fetches each file from the server, not from the browser's HTTP cache: behind a
  // server that sends Last-Modified and no Cache-Control, the HTTP cache would hand the new worker
  // the old version's files, and a returning visitor would keep the old version after a deploy.
  const fresh = FILES.map((f) => new Request(f, { cache: 'reload' }));
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(fresh)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('ecs-capacity-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith(caches.open(CACHE).then(async (c) => {
    const hit = await c.match(e.request, { ignoreSearch: true });
    if (hit) return hit;
    const res = await fetch(e.request);
    if (res.ok) c.put(e.request, res.clone());
    return res;
  }));
});
