// scripts/publish-site.sh against the replay server (the deploy workflow only calls it):
// a site built on freshly fetched data, and no site at all — the previous one left in
// place — when no provider answers or the data is older than the site online.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReplayServer } from '../feeds/replay-server.mjs';
import { control, faultsAt } from '../support/live.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let replay;
let dir;

before(async () => {
  replay = await startReplayServer();
  dir = mkdtempSync(join(tmpdir(), 'tokenlens-publish-'));
});

after(async () => {
  await replay?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the script with `args` (small fetches: one page, five coins); its status and
 * output. Asynchronous: the replay server answers from this process meanwhile.
 */
function publish(...args) {
  const env = { ...process.env };
  delete env.COINGECKO_API_KEY;
  const child = spawn('bash', ['scripts/publish-site.sh', '--replay', replay.url, '--pages', '1', '--tokens', '5', ...args], {
    cwd: root,
    env,
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((done) => child.on('close', (status) => done({ status, out })));
}

/** An --out directory holding a previous site, to check that a failure leaves it. */
function previousSite(name) {
  const out = join(dir, name);
  mkdirSync(join(out, 'assets'), { recursive: true });
  writeFileSync(join(out, 'index.html'), 'previous site');
  return out;
}

test('no provider answers: the script fails loudly and the previous site stays', async () => {
  const failing = Array(12).fill('404');
  await faultsAt(replay, { '/cg': failing, '/paprika': failing });
  const out = previousSite('down');
  const r = await publish('--out', out);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /no provider answered the market list/);
  assert.doesNotMatch(r.out, /did not answer in time/, 'the providers refused; none timed out');
  assert.match(r.out, /nothing was published/);
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'previous site');
});

test('data older than the published site is not published', async () => {
  await faultsAt(replay);
  await control(replay, '/__daily-candles', {});
  const online = previousSite('online');
  writeFileSync(join(online, 'assets/as-of.json'), JSON.stringify({ format: 1, as_of: '2099-01-01' }));
  const out = previousSite('older');
  const r = await publish('--out', out, '--published', online);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /is older than the published site's \(2099-01-01\)/);
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'previous site');
});

test('the site is built on the fetched data, under its public path, with no key sent', async () => {
  await faultsAt(replay);
  await control(replay, '/__daily-candles', {});
  const online = previousSite('online-old');
  writeFileSync(join(online, 'assets/as-of.json'), JSON.stringify({ format: 1, as_of: '2024-01-01' }));
  const out = previousSite('site');
  const r = await publish('--out', out, '--published', online, '--public-url', '/tokenlens/');
  assert.equal(r.status, 0, r.out);
  const asOf = JSON.parse(readFileSync(join(out, 'assets/as-of.json'), 'utf8')).as_of;
  assert.match(r.out, new RegExp(`the site with data as of ${asOf} is in`));
  const history = JSON.parse(readFileSync(join(out, 'assets/history.json'), 'utf8'));
  assert.equal(history.as_of, asOf);
  // The recorded daily files the replay server answers with end on 2025-07-31, after the
  // bundled file's 2025-06-12: the site carries the fetched data, not the bundled one.
  assert.ok(asOf > '2025-06-12', asOf);
  assert.ok(history.daily.symbols.includes('BTC'), history.daily.symbols.join(','));
  const snapshot = JSON.parse(readFileSync(join(out, 'assets/snapshot.json'), 'utf8'));
  assert.ok(snapshot.tokens.length > 0);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assert.notEqual(html, 'previous site');
  assert.ok(html.includes('/tokenlens/'), 'the page is built for its sub-path');
  assert.ok(existsSync(join(out, 'widget/widget.js')));
  const log = await (await fetch(`${replay.url}/__log`)).json();
  assert.ok(log.length > 0);
  assert.deepEqual(log.filter((q) => Object.keys(q.headers).some((h) => h.includes('api-key'))), []);
});
