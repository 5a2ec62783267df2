// The release site in a real Chromium: the market table from the bundled
// snapshot, under the shipped Content-Security-Policy, with no request
// leaving the site's own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launch, openPage } from '../support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const results = join(root, 'test-results');
let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'dist/ is not built: run trunk build --release');
  mkdirSync(results, { recursive: true });
  server = await serveStatic(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

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
  assert.match(alerts[0], /^CoinGecko could not be reached 4 times in a row\. An ad blocker/);
  assert.match(alerts[1], /^CoinPaprika could not be reached 4 times in a row/);
  assert.equal(await rows.count(), 250);

  await page.screenshot({ path: join(results, 'market.png'), fullPage: false });
  assert.deepEqual(problems, [], 'console errors or CSP violations');
  assert.ok(offsite.length > 0, 'live prices were not requested');
  // CoinGecko first, then the keyless fallback; nothing else.
  for (const url of offsite) {
    assert.match(url, /^https:\/\/(api\.coingecko\.com\/api\/v3\/coins\/markets\?|api\.coinpaprika\.com\/v1\/tickers\?)/);
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
