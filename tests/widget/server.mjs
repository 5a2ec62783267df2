// The widget's test host: serves the demo page (tests/widget/host/) at /
// and the built widget (dist-widget/) at /widget/, every page under the
// strict Content-Security-Policy a careful site owner would set.
//   node tests/widget/server.mjs [PORT]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mounts = (widget) => [
  ['/widget/', widget],
  ['/', join(root, 'tests/widget/host')],
];

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self' https://api.coingecko.com",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src http://127.0.0.1:*",
  "frame-ancestors 'self'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Starts the host on 127.0.0.1 (`port` 0: any free one), the widget served
 * from `widget` (dist-widget/ unless another build is given); resolves to `{ url, close }`.
 */
export async function serveHost(port = 0, widget = join(root, 'dist-widget')) {
  const MOUNTS = mounts(widget);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    // `?wasm=blocked`: the same policy without 'wasm-unsafe-eval', as on a
    // site whose owner forgot it.
    const policy = url.searchParams.get('wasm') === 'blocked' ? CSP.replace(" 'wasm-unsafe-eval'", '') : CSP;
    const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
    let file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (file.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': policy,
        'cache-control': 'no-store',
      });
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
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serveHost(Number(process.argv[2] ?? 8090));
  console.log(`widget host: ${url}`);
}
