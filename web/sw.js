// The site's service worker: after one visit the site opens offline, with the data it
// was built with. scripts/service-worker.py writes it into each build, with VERSION (a
// hash of every file it lists) and PRECACHE (the app shell, both apps' code and wasm,
// the bundled data) filled in.
//
// - Only GET requests to this site, under this worker's scope, are handled. Every other
//   request — the price providers, with or without an API key — goes to the network
//   untouched and is never stored.
// - Pages: the network first; without one, the cached page (client-side routes share
//   index.html). Everything else: the cache of this version first, then the network.
// - A new build installs in the background and waits; the page offers "Reload", which
//   tells it to take over. Caches of older versions are then deleted.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const scope = new URL(self.registration.scope).pathname;
const prefix = `tokenlens ${scope} `;
const name = prefix + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(name).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(scope + path, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(prefix) && k !== name).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate') self.skipWaiting();
  else if (event.data === 'version') event.source?.postMessage({ version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(scope + 'index.html', { cacheName: name })));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: name, ignoreSearch: true }).then(
      (hit) =>
        hit ||
        fetch(request).then((response) => {
          // Files not listed (the widget's) are kept once fetched, in this version's cache.
          if (response.ok && response.type === 'basic') {
            const copy = response.clone();
            event.waitUntil(caches.open(name).then((cache) => cache.put(request, copy)));
          }
          return response;
        }),
    ),
  );
});
