// What the built site tells its host: dist/_headers (Netlify / Cloudflare
// Pages format) carries index.html's Content-Security-Policy plus what a meta
// tag cannot say (frame-ancestors: 'none' everywhere but /embed),
// X-Content-Type-Options and Referrer-Policy; and the CSP's connect-src lists
// exactly the hosts the feeds' endpoints request, no more, no fewer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// TOKENLENS_DIST: another build of the site to check (default dist/).
const dist = resolve(root, process.env.TOKENLENS_DIST ?? 'dist');
const read = (...path) => readFileSync(join(...path), 'utf8');

/** `_headers` as [{ path, headers: [[name, value], …] }], comments dropped. */
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (/^\S/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
    } else {
      const at = line.indexOf(':');
      assert.ok(rules.length > 0 && at > 0, `a header line outside a rule: ${line}`);
      rules.at(-1).headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** Whether a `_headers` path pattern (`*` a splat) matches `path`. */
const matches = (pattern, path) =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`).test(path);

/** The headers a host gives `path`, each with the rules that set it. */
function headersFor(rules, path) {
  const found = new Map();
  for (const rule of rules.filter((r) => matches(r.path, path))) {
    for (const [name, value] of rule.headers) found.set(name, [...(found.get(name) ?? []), value]);
  }
  return found;
}

const metaCsp = (html) => {
  const m = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  assert.ok(m, 'index.html has no CSP meta tag');
  return m[1];
};

const directive = (csp, name) =>
  csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1);

/** Every route of the app (web/src/lib.rs), `:param` segments as `*`. */
const routes = () => [
  ...new Set([...read(root, 'web/src/lib.rs').matchAll(/path!\("([^"]*)"\)/g)].map((m) => m[1].replace(/:[^/]+/g, '*'))),
];

test('dist/_headers frames only /embed and sends the meta CSP, nosniff and a referrer policy everywhere', () => {
  const rules = parseHeaders(read(dist, '_headers'));
  const csp = metaCsp(read(dist, 'index.html'));
  // The app's routes, and the embed page (its own small page, web/embed/), which
  // carries the same policy in its meta tag.
  const list = [...routes(), '/embed', '/embed/', '/embed/embed.js'];
  assert.ok(list.includes('/token/*') && list.length >= 11, list.join(' '));
  assert.equal(metaCsp(read(dist, 'embed/index.html')), csp);
  for (const route of list) {
    const path = route.replace('*', 'BTC');
    const got = headersFor(rules, path);
    for (const [name, values] of got) assert.equal(values.length, 1, `${path}: ${name} is set by ${values.length} rules`);
    assert.deepEqual(got.get('x-content-type-options'), ['nosniff'], path);
    assert.deepEqual(got.get('referrer-policy'), ['no-referrer'], path);
    const ancestors = route.startsWith('/embed') ? '*' : "'none'";
    assert.deepEqual(got.get('content-security-policy'), [`${csp}; frame-ancestors ${ancestors}`], path);
  }
  // Files are not framed through a route; an unknown path still gets the basics.
  const other = headersFor(rules, '/no/such/page');
  assert.deepEqual(other.get('x-content-type-options'), ['nosniff']);
  assert.deepEqual(headersFor(rules, '/widget/widget.js').get('access-control-allow-origin'), ['*']);
  assert.equal(headersFor(rules, '/screener').get('access-control-allow-origin'), undefined);
});

test("the CSP's connect-src is the site itself and exactly the feeds' provider hosts", () => {
  const source = read(root, 'crates/feeds/src/client/endpoints.rs').split('#[cfg(test)]')[0];
  const used = new Set([...source.matchAll(/"https:\/\/([a-z0-9.-]+)/g)].map((m) => m[1]));
  assert.ok(used.has('api.coingecko.com') && used.size >= 5, [...used].join(' '));
  for (const html of [read(root, 'index.html'), read(dist, 'index.html')]) {
    const [self, ...hosts] = directive(metaCsp(html), 'connect-src');
    assert.equal(self, "'self'");
    assert.deepEqual(
      hosts.map((h) => h.replace(/^https:\/\//, '')).sort(),
      [...used].sort(),
    );
    assert.ok(hosts.every((h) => h.startsWith('https://')), hosts.join(' '));
  }
});
