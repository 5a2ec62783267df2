// The release site in a real Chromium: the market table from the bundled
// snapshot, under the shipped Content-Security-Policy, with no request
// leaving the site's own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const results = join(root, 'test-results');
let server;
let browser;
let site;

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'dist/ is not built: run trunk build --release');
  mkdirSync(results, { recursive: true });
  ({ server, browser } = site = await openSite({ dist }));
});

after(() => site?.close());

test('the market page lists the snapshot tokens with price, market cap and class', async () => {
  const { context, page, problems, offsite } = await openPage(browser, server.url);
  await page.goto(server.url);
  const rows = page.locator('[data-testid=market-table] tbody tr');
  await rows.first().waitFor({ timeout: 20_000 });
  assert.equal(await rows.count(), 250);

  const first = rows.first();
  assert.equal(await first.getAttribute('data-id'), 'bitcoin');
  const cells = await first.locator('td').allInnerTexts();
  assert.deepEqual(cells, ['1', 'Bitcoin BTC', '$29,309.00', '$569.78B', 'large']);

  // A token whose class comes from a smaller market cap.
  const telcoin = page.locator('tr[data-id=telcoin] td');
  assert.deepEqual((await telcoin.allInnerTexts()).slice(2), ['$0.001455', '$102.02M', 'small']);

  const classes = new Set(await page.locator('tbody .class').allInnerTexts());
  assert.deepEqual([...classes].sort(), ['large', 'mid', 'small']);

  const label = await page.getByTestId('data-source').innerText();
  assert.match(label, /Offline snapshot/);
  assert.match(label, /CoinGecko/);
  assert.match(label, /2023-07-28/);

  // Live prices were asked for (and blocked here): the snapshot stays, with why.
  const status = page.getByTestId('live-status');
  await page.waitForFunction(
    () => !document.querySelector('[data-testid=live-status]')?.textContent.includes('Fetching'),
    null,
    { timeout: 30_000 },
  );
  assert.match(
    await status.innerText(),
    /CoinGecko could not be reached.*showing saved data; CoinPaprika failed too \(it could not be reached\)/,
  );
  // Every attempt blocked: the pattern is named, per provider.
  const alerts = await page.getByTestId('provider-alerts').locator('li').allInnerTexts();
  assert.equal(alerts.length, 2, alerts.join('\n'));
  assert.match(alerts[0], /^CoinGecko could not be reached \d+ times in a row\. An ad blocker/);
  assert.match(alerts[1], /^CoinPaprika could not be reached 4 times in a row/);
  assert.equal(await rows.count(), 250);

  // Totals from the listed coins (no /global offline), top movers by 24 h change.
  assert.match(await page.getByTestId('total-market-cap').innerText(), /^\$1\.\d\dT$/);
  assert.match(await page.getByTestId('market-totals').innerText(), /sum of the 250 coins listed/);
  const gainers = await page.getByTestId('gainers').locator('li').allInnerTexts();
  const losers = await page.getByTestId('losers').locator('li').allInnerTexts();
  assert.equal(gainers.length, 5);
  assert.equal(losers.length, 5);
  const change = (t) => Number.parseFloat(t.split(' ').pop());
  assert.ok(change(gainers[0]) >= change(gainers[4]) && change(gainers[4]) >= change(losers[0]));

  // Bull-vs-Bear from the bundled history: the gauge says the bullish share.
  await page.getByTestId('breadth').waitFor({ timeout: 60_000 });
  const bullish = await page.getByTestId('share-bullish').innerText();
  assert.match(bullish, /^\d+%$/);
  assert.match(await page.locator('svg.gauge').getAttribute('aria-label'), new RegExp(`^Bull-vs-Bear: ${bullish} of tokens bullish`));
  for (const id of ['share-strong', 'share-above']) assert.match(await page.getByTestId(id).innerText(), /^\d+%$/);
  assert.ok((await page.getByTestId('breadth-chart').locator('polyline').count()) >= 2);
  const heat = page.getByTestId('narrative-heatmap').locator('tbody tr');
  assert.equal(await heat.count(), 9, 'every narrative but stablecoins');
  assert.ok((await page.getByTestId('narrative-heatmap').locator('td.heat-up1, td.heat-up2, td.heat-up3, td.heat-down1, td.heat-down2, td.heat-down3').count()) >= 9);

  await page.screenshot({ path: join(results, 'market.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(results, 'market-phone.png'), fullPage: false });
  assert.deepEqual(problems, [], 'console errors or CSP violations');
  assert.ok(offsite.length > 0, 'live prices were not requested');
  // CoinGecko first, then the keyless fallback; nothing else.
  for (const url of offsite) {
    assert.match(url, /^https:\/\/(api\.coingecko\.com\/api\/v3\/(coins\/markets\?|global$)|api\.coinpaprika\.com\/v1\/tickers\?)/);
  }
  assert.ok(offsite.some((u) => u.includes('coinpaprika')), 'the fallback was not tried');
  await context.close();
});

test('a failing snapshot request shows a message the visitor can act on', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/snapshot.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  assert.match(await alert.innerText(), /server answered 503.*Reload/);
  assert.equal(await page.locator('[data-testid=market-table]').count(), 0);
  await context.close();
});

test('a damaged snapshot is refused, not half-shown', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/snapshot.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":1,"as_of":"2023-07-28","tok' }),
  );
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  assert.match(await alert.innerText(), /damaged/);
  await context.close();
});

test('the page carries a strict Content-Security-Policy and no inline script', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /default-src 'none'/);
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  assert.equal(inline, 0);
  await context.close();
});

test('a first visit to / loads the market-only app, and leaving it loads the whole app', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const fetched = (pattern) => requested.filter((p) => pattern.test(p));
  await page.goto(server.url);
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  await page.getByTestId('breadth').waitFor({ timeout: 30_000 });
  assert.equal(fetched(/^\/market-[0-9a-f]+_bg\.wasm$/).length, 1, requested.join('\n'));
  assert.deepEqual(fetched(/tokenlens-web-|history\.json/), [], 'the whole app or the history on the market page');
  assert.equal(fetched(/overview\.json$/).length, 1);

  // The nav link leaves `/`: the page reloads into the whole app.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Screener' }).click();
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.equal(new URL(page.url()).pathname, '/screener');
  assert.equal(fetched(/^\/tokenlens-web-[0-9a-f]+_bg\.wasm$/).length, 1);
  // Back to the market inside the whole app: no reload, no market-only app.
  const before = requested.length;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Market' }).click();
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  await page.getByTestId('breadth').waitFor({ timeout: 30_000 });
  assert.deepEqual(requested.slice(before).filter((p) => /\.wasm$|\.js$/.test(p)), []);
  assert.deepEqual(problems, [], 'console errors or CSP violations');
  await context.close();

  // A deep link loads the whole app straight away.
  const deep = await openPage(browser, server.url);
  const deepRequests = [];
  deep.page.on('request', (r) => deepRequests.push(new URL(r.url()).pathname));
  await deep.page.goto(`${server.url}narratives`);
  await deep.page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
  assert.equal(deepRequests.filter((p) => /^\/market-/.test(p)).length, 0, deepRequests.join('\n'));
  assert.equal(deepRequests.filter((p) => /^\/tokenlens-web-[0-9a-f]+_bg\.wasm$/.test(p)).length, 1);
  await deep.context.close();
});

test('a failing market overview is reported in its section; the market table stays', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/overview.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  const alert = page.getByRole('alert').filter({ hasText: '503' });
  await alert.waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('breadth').count(), 0);
  assert.equal(await page.locator('[data-testid=market-table] tbody tr').count(), 250);
  await context.close();
});
