// A static file server on 127.0.0.1: serves a built site directory, with
// index.html as the fallback for client-side routes (deep links survive a
// refresh), at the root or under a sub-path (`base`, e.g. "/tokenlens/", for
// a site built with `trunk build --public-url /tokenlens/`; nothing is served
// outside it). With `compress`, text and wasm go gzip-encoded to a client that accepts
// it, as a CDN sends them. Used by the browser tests, bench/lighthouse.mjs and
// scripts/serve.sh (compressed):
//   node scripts/static-server.mjs DIR [PORT] [BASE]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.webmanifest']);

/**
 * Starts serving `dir` (on `port`, 0 = any free one) under `base`; resolves
 * to `{ url, close }`, `url` ending with `base`.
 */
export async function serveStatic(dir, port = 0, { base = '/', compress = false } = {}) {
  const gzipped = new Map();
  const root = resolve(dir);
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const server = createServer(async (req, res) => {
    const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!(full + '/').startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const path = '/' + full.slice(prefix.length);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) {
        // As static hosts do: a folder's address ends with a slash, so that
        // its page's relative links resolve inside it.
        if (!full.endsWith('/')) {
          const { search } = new URL(req.url, 'http://x');
          res.writeHead(301, { location: `${full}/${search}` }).end();
          return;
        }
        file = join(file, 'index.html');
      }
    } catch {
      // Client-side route: serve the app shell unless it looks like a file.
      file = extname(path) ? file : join(root, 'index.html');
    }
    try {
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (compress && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${body.length}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 6 }));
        body = gzipped.get(key);
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}${prefix}`,
    // Every connection ends with the server: a browser's open sockets (kept alive,
    // or opened ahead of a request that never came) would otherwise hold it open.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const { url } = await serveStatic(dir, Number(port), { base, compress: true });
  console.log(`tokenlens: serving ${dir} at ${url} (Ctrl-C to stop)`);
}
