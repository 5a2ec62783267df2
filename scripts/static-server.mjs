// A static file server on 127.0.0.1: serves a built site directory, with
// index.html as the fallback for client-side routes (deep links survive a
// refresh), at the root or under a sub-path (`base`, e.g. "/tokenlens/", for
// a site built with `trunk build --public-url /tokenlens/`; nothing is served
// outside it). Used by the browser tests and by scripts/serve.sh:
//   node scripts/static-server.mjs DIR [PORT] [BASE]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Starts serving `dir` (on `port`, 0 = any free one) under `base`; resolves
 * to `{ url, close }`, `url` ending with `base`.
 */
export async function serveStatic(dir, port = 0, { base = '/' } = {}) {
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
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      // Client-side route: serve the app shell unless it looks like a file.
      file = extname(path) ? file : join(root, 'index.html');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
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
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const { url } = await serveStatic(dir, Number(port), { base });
  console.log(`tokenlens: serving ${dir} at ${url} (Ctrl-C to stop)`);
}
