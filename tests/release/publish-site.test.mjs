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
import { control, faultsAt, livePage, marketsRequests } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

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
  mkdirSync(join(out, 'data'), { recursive: true });
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
  writeFileSync(join(online, 'data/latest.json'), JSON.stringify({ format: 1, as_of: '2099-01-01' }));
  const out = previousSite('older');
  const r = await publish('--out', out, '--published', online);
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /is older than the published site's \(2099-01-01\)/);
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'previous site');
});

test('the site is built on the fetched data, under its public path, with no key sent', async () => {
  await faultsAt(replay);
  await control(replay, '/__daily-candles', {});
  // A market list with 7-day sparklines, as CoinGecko sends: the screener grades it.
  await control(replay, '/__universe', { coins: 250, seed: 3, named: true });
  const online = previousSite('online-old');
  writeFileSync(join(online, 'data/latest.json'), JSON.stringify({ format: 1, as_of: '2024-01-01' }));
  const out = previousSite('site');
  const started = Date.now();
  const r = await publish('--out', out, '--published', online, '--public-url', '/tokenlens/');
  assert.equal(r.status, 0, r.out);
  const latest = JSON.parse(readFileSync(join(out, 'data/latest.json'), 'utf8'));
  const asOf = latest.as_of;
  // The market list fetched now stands in for the providers' for a day.
  assert.equal(latest.refresh_minutes, 1440);
  assert.ok(latest.markets_fetched_at_ms > started && latest.markets_fetched_at_ms < Date.now(), JSON.stringify(latest));
  assert.match(r.out, new RegExp(`the site with data as of ${asOf} is in`));
  const history = JSON.parse(readFileSync(join(out, 'assets/history.json'), 'utf8'));
  assert.equal(history.as_of, asOf);
  // The recorded daily files the replay server answers with end on 2025-07-31, after the
  // bundled file's 2025-06-12: the site carries the fetched data, not the bundled one.
  assert.ok(asOf > '2025-06-12', asOf);
  assert.ok(history.daily.symbols.includes('BTC'), history.daily.symbols.join(','));
  const snapshot = JSON.parse(readFileSync(join(out, 'assets/snapshot.json'), 'utf8'));
  assert.ok(snapshot.tokens.length > 0);
  assert.equal(snapshot.fetched_at_ms, latest.markets_fetched_at_ms);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assert.notEqual(html, 'previous site');
  assert.ok(html.includes('/tokenlens/'), 'the page is built for its sub-path');
  // The site's widget carries the site's data (its digests in widget.js cover it)
  // and the publishing interval.
  for (const file of ['snapshot.json', 'history.json']) {
    assert.ok(readFileSync(join(out, 'widget/data', file)).equals(readFileSync(join(out, 'assets', file))), `widget/data/${file}`);
  }
  assert.match(readFileSync(join(out, 'widget/widget.js'), 'utf8'), /const PUBLISHED_MINUTES = 1440;/);
  const log = await (await fetch(`${replay.url}/__log`)).json();
  assert.ok(log.length > 0);
  assert.deepEqual(log.filter((q) => Object.keys(q.headers).some((h) => h.includes('api-key'))), []);
});

test('in a browser, the published market list stands in for the providers until it is a day old', async () => {
  const site = await openSite({ dist: join(dir, 'site'), base: '/tokenlens/' });
  try {
    await faultsAt(replay);
    const visit = async (path) => {
      const opened = await livePage(site.browser, site.server, replay);
      await opened.page.goto(`${site.server.url}${path}`);
      return opened;
    };
    // Fresh: the market page and the screener show the published list and ask no
    // provider for it; the header says where the figures come from and how old they are.
    for (const [path, rows] of [
      ['', '[data-testid=market-table] tbody tr'],
      ['screener', '[data-testid=screener-table] tbody tr'],
    ]) {
      const { context, page, seen } = await visit(path);
      await page.getByTestId('data-badge').filter({ hasText: /^Published · fetched (just now|\d+ min ago)$/ }).waitFor({ timeout: 60_000 });
      await page.locator(rows).first().waitFor({ timeout: 60_000 });
      assert.match(await page.getByTestId('data-source').first().innerText(), /^Published · the site's published data · fetched/);
      assert.deepEqual(marketsRequests(seen), [], `/${path} asked a provider for the market list`);
      await context.close();
    }
    // The widget the site serves (here in its /embed page, live by default) does the same.
    const { as_of: asOf } = JSON.parse(readFileSync(join(dir, 'site/assets/snapshot.json'), 'utf8'));
    const footer = (page) =>
      page.waitForFunction(() => document.querySelector('tokenlens-screener')?.shadowRoot?.querySelector('[part=footer]')?.textContent, null, {
        timeout: 60_000,
      });
    {
      const { context, page, seen } = await visit('embed/?limit=5');
      assert.match(await (await footer(page)).jsonValue(), new RegExp(`^Published · ${asOf} · grades from 7-day hourly prices`));
      assert.equal(await page.locator('tokenlens-screener').locator('tbody tr').count(), 5);
      assert.deepEqual(marketsRequests(seen), [], 'the widget asked a provider for the market list');
      await context.close();
    }
    // A day and a minute later (the visitor's clock), the providers are asked again.
    for (const [path, shown] of [
      ['', (page) => page.getByTestId('data-badge').filter({ hasText: /^Live · updated/ }).waitFor({ timeout: 60_000 })],
      ['embed/?limit=5', async (page) => assert.match(await (await footer(page)).jsonValue(), /^Live · /)],
    ]) {
      const { context, page, seen } = await livePage(site.browser, site.server, replay);
      await page.clock.install({ time: new Date(Date.now() + 24 * 3_600_000 + 60_000) });
      await page.clock.resume();
      await page.goto(`${site.server.url}${path}`);
      await shown(page);
      assert.ok(marketsRequests(seen).length > 0, `/${path}: the stale published list was used without asking a provider`);
      await context.close();
    }
  } finally {
    await site.close();
  }
});
