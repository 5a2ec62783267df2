// The release site in a real Chromium: the market list of the bundled
// history's last date, under the shipped Content-Security-Policy, with no request
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

// Pages through the market list until `symbol`'s row shows; its cells.
async function findRow(page, symbol) {
  const row = page.locator(`[data-testid=market-table] tr[data-symbol="${symbol}"]`);
  for (let i = 0; i < 20 && (await row.count()) === 0; i++) {
    await page.getByTestId('market-pager').getByRole('button', { name: 'Next' }).click();
  }
  return row;
}

test('offline, the market page shows one date: the bundled history\'s last close', async () => {
  const { context, page, problems, offsite } = await openPage(browser, server.url);
  await page.goto(server.url);
  const rows = page.locator('[data-testid=market-table] tbody tr');
  await rows.first().waitFor({ timeout: 20_000 });
  assert.equal(await rows.count(), 50, '50 rows a page');

  const label = await page.getByTestId('data-source').innerText();
  assert.match(label, /Offline snapshot · Binance spot closes .* data as of 2025-06-12/);
  assert.doesNotMatch(label, /2023/);
  assert.match(await page.getByTestId('market-caption').innerText(), /on 2025-06-12, by Trader Grade/);

  // Live prices were asked for (and blocked here): the history stays, with
  // one notice, and why behind its Details once every provider failed.
  await page.getByTestId('offline-notice').waitFor({ timeout: 5_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid=live-status]')?.textContent.includes('CoinPaprika failed too'),
    null,
    { timeout: 30_000 },
  );
  assert.match(
    await page.getByTestId('live-status').textContent(),
    /CoinGecko could not be reached.*showing saved data; CoinPaprika failed too \(it could not be reached\)/,
  );
  const alerts = await page.getByTestId('provider-alerts').locator('li').allTextContents();
  assert.equal(alerts.length, 2, alerts.join('\n'));

  // Every figure of 2025-06-12; the 2023 market list gives names only.
  const body = await page.locator('body').innerText();
  for (const old of ['$29,309', '$1.20T', '$569.78B', '2023-07-28']) assert.ok(!body.includes(old), `${old} on the page`);
  const totals = await page.getByTestId('market-totals').innerText();
  assert.equal(await page.getByTestId('total-market-cap').innerText(), 'needs live data');
  assert.match(totals, /needs live data · the bundled history of 2025-06-12 holds daily closes only/);
  assert.match(totals, /Top gainers \(24 h to 2025-06-12\)/);
  assert.equal(await page.getByTestId('gainers').locator('li').count(), 5);

  // Changes carry their sign and its colour.
  const changes = await rows.evaluateAll((trs) =>
    trs.flatMap((tr) => [3, 4].map((i) => ({ text: tr.cells[i].innerText.trim(), cls: tr.cells[i].className }))),
  );
  assert.equal(changes.length, 100);
  for (const { text, cls } of changes) {
    if (text === '+0.0%') assert.doesNotMatch(cls, /\bdown\b/, text);
    else if (text.startsWith('+')) assert.match(cls, /\bup\b/, text);
    else if (text.startsWith('-')) assert.match(cls, /\bdown\b/, text);
    else assert.doesNotMatch(cls, /\b(up|down)\b/, text);
  }
  assert.ok(changes.some((c) => /\bup\b/.test(c.cls)) && changes.some((c) => /\bdown\b/.test(c.cls)));
  // Grades fall down the page (stablecoins last), a sparkline per row.
  const grades = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[8].innerText)));
  assert.deepEqual([...grades].sort((a, b) => b - a), grades);
  assert.equal(await rows.locator('svg.spark').count(), 50);

  // Paging.
  const first = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol));
  await page.getByTestId('market-pager').getByRole('button', { name: 'Next' }).click();
  assert.match(await page.getByTestId('market-pager').innerText(), /Page 2 of 8 · 51–100 of 399/);
  assert.equal(await rows.count(), 50);
  const second = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol));
  assert.ok(!second.some((s) => first.includes(s)));
  await page.getByTestId('market-pager').getByRole('button', { name: 'Previous' }).click();

  // BTC: the price of the history's last close, no market figure of 2023.
  const btc = await findRow(page, 'BTC');
  const cells = await btc.locator('td').allInnerTexts();
  assert.equal(cells[1].trim(), 'Bitcoin BTC');
  assert.equal(cells[2], '$105,671.73');
  assert.equal(cells[3], '-2.7%');
  assert.equal(cells[4], '+4.1%');
  for (const i of [0, 6, 7]) {
    assert.equal(cells[i], '—');
    assert.match(await btc.locator('td').nth(i).locator('.missing').getAttribute('title'), /^No .* for 2025-06-12/);
  }
  const grade = cells[8];
  const signal = cells[9];
  assert.match(grade, /^\d+$/);

  await page.screenshot({ path: join(results, 'market.png'), fullPage: true });
  assert.deepEqual(problems, [], 'console errors or CSP violations');
  assert.ok(offsite.length > 0, 'live prices were not requested');
  for (const url of offsite) {
    assert.match(url, /^https:\/\/(api\.coingecko\.com\/api\/v3\/(coins\/markets\?|global$)|api\.coinpaprika\.com\/v1\/tickers\?)/);
  }

  // The row links to the token page, which shows the same close.
  await btc.getByRole('link').click();
  await page.waitForURL(/\/token\/BTC$/, { timeout: 30_000 });
  await page.getByTestId('summary').waitFor({ timeout: 60_000 });
  assert.ok((await page.locator('main').innerText()).includes('$105,671.73'), 'the token page shows another price');

  // The screener's BTC row: the same price, grade and signal.
  await page.goto(`${server.url}screener?q=BTC`);
  const row = page.locator('[data-testid=screener-table] tr[data-symbol=BTC]');
  await row.waitFor({ timeout: 60_000 });
  const text = await row.innerText();
  assert.ok(text.includes('$105,671.73'), text);
  assert.match(text, new RegExp(`\\b${grade}\\b`));
  assert.ok(text.includes(signal), text);
  await context.close();
});

test('the market page fits a phone and shows breadth and narratives above the list', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url);
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  await page.getByTestId('breadth').waitFor({ timeout: 30_000 });
  await page.getByTestId('narrative-heatmap').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the page scrolls sideways');
  const top = async (id) => (await page.getByTestId(id).boundingBox()).y;
  assert.ok((await top('breadth')) < (await top('market-table')));
  assert.ok((await top('narrative-heatmap')) < (await top('market-table')));
  await page.screenshot({ path: join(results, 'market-390.png'), fullPage: false });
  await page.screenshot({ path: join(results, 'market-390-full.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1366));
  assert.ok((await top('breadth')) < 900, 'Bull-vs-Bear below the first screen');
  await page.screenshot({ path: join(results, 'market-1366.png'), fullPage: false });

  // Bull-vs-Bear from the bundled history: the gauge says the bullish share.
  const bullish = await page.getByTestId('share-bullish').innerText();
  assert.match(bullish, /^\d+%$/);
  assert.match(await page.locator('svg.gauge').getAttribute('aria-label'), new RegExp(`^Bull-vs-Bear: ${bullish} of tokens bullish`));
  for (const id of ['share-strong', 'share-above']) assert.match(await page.getByTestId(id).innerText(), /^\d+%$/);
  assert.ok((await page.getByTestId('breadth-chart').locator('polyline').count()) >= 2);
  const heat = page.getByTestId('narrative-heatmap').locator('tbody tr');
  assert.equal(await heat.count(), 9, 'every narrative but stablecoins');
  assert.deepEqual(problems, [], 'console errors or CSP violations');
  await context.close();
});

test('without the coin list the history\'s list shows symbols alone', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/names.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  const rows = page.locator('[data-testid=market-table] tbody tr');
  await rows.first().waitFor({ timeout: 20_000 });
  assert.equal(await rows.count(), 50);
  assert.match(await page.locator('[data-testid=market-section]').innerText(), /Coin names could not be loaded.*503/);
  await context.close();
});

test('a failing market list request shows a message the visitor can act on', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/market-now.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 20_000 });
  assert.match(await alert.innerText(), /server answered 503.*Reload/);
  assert.equal(await page.locator('[data-testid=market-table]').count(), 0);
  await context.close();
});

test('a damaged market list is refused, not half-shown', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/market-now.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":1,"as_of":"2025-06-12","ro' }),
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

  // The first page of a tab elsewhere: the screener's and a token page's
  // own apps, the whole app for any other page; leaving a one-page app
  // loads the whole app.
  for (const [path, app] of [['screener', 'screener'], ['token/ETH', 'token'], ['narratives', 'tokenlens-web']]) {
    const deep = await openPage(browser, server.url);
    const seen = [];
    deep.page.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await deep.page.goto(`${server.url}${path}`);
    await deep.page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
    const wasm = () => seen.filter((p) => p.endsWith('.wasm'));
    assert.equal(wasm().length, 1, seen.join('\n'));
    assert.match(wasm()[0], new RegExp(`^/${app}-[0-9a-f]+_bg\\.wasm$`));
    if (app === 'token') {
      await deep.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Narratives' }).click();
      await deep.page.getByRole('heading', { level: 1, name: /Narratives/ }).waitFor({ timeout: 30_000 });
      assert.match(wasm().at(-1), /^\/tokenlens-web-[0-9a-f]+_bg\.wasm$/);
      // The tab's next pages stay in the whole app: a token page too.
      await deep.page.goto(`${server.url}token/BTC`);
      await deep.page.getByTestId('summary').waitFor({ timeout: 30_000 });
      assert.match(wasm().at(-1), /^\/tokenlens-web-[0-9a-f]+_bg\.wasm$/, seen.join('\n'));
    }
    assert.deepEqual(deep.problems, [], path);
    await deep.context.close();
  }
});

test('when a page\'s own build cannot be fetched, the whole app serves the page', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.route(/\/screener-[0-9a-f]+_bg\.wasm$/, (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(`${server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 30_000 });
  assert.ok(seen.some((p) => /^\/tokenlens-web-[0-9a-f]+_bg\.wasm$/.test(p)), seen.join('\n'));
  assert.deepEqual(problems.filter((p) => !p.includes('status of 503')), []);
  await context.close();
});

test('a failing market overview is reported in its section; the market table stays', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.route('**/assets/overview.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(server.url);
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  const alert = page.getByRole('alert').filter({ hasText: '503' });
  await alert.waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('breadth').count(), 0);
  assert.equal(await page.locator('[data-testid=market-table] tbody tr').count(), 50);
  await context.close();
});
