// The token page on live daily candles in a real Chromium: Binance and
// Coinbase requests are answered by the replay server (Binance's from the
// recorded daily OHLCV files in data/sources), and the page's analysis is
// compared with the CLI's on the same 400 days.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answering, openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BINANCE = 'https://data-api.binance.vision/api/v3';
const COINBASE = 'https://api.exchange.coinbase.com';
let server;
let replay;
let browser;
let site;

before(async () => {
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

/** A fresh replay state: recorded daily candles, and `faults` for `path`. */
async function reset(path, faults) {
  await fetch(`${replay.url}/__reset`, { method: 'POST' });
  await fetch(`${replay.url}/__daily-candles`, { method: 'POST', body: '{}' });
  if (faults) await fetch(`${replay.url}/__faults`, { method: 'POST', body: JSON.stringify({ path, faults }) });
}

/** A page whose Binance and Coinbase requests go to the replay server. */
async function livePage() {
  const opened = await openPage(browser, server.url);
  const asked = [];
  const forward = (official, prefix) => async (route) => {
    asked.push(route.request().url());
    const url = route.request().url().replace(official, `${replay.url}/${prefix}`);
    await answering(async () => {
      const response = await route.fetch({ url, headers: {} });
      await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
    });
  };
  await opened.context.route(`${BINANCE}/**`, forward(BINANCE, 'binance'));
  await opened.context.route(`${COINBASE}/**`, forward(COINBASE, 'coinbase'));
  return { ...opened, asked };
}

/** The last `days` rows of a recorded daily OHLCV file, as a CSV file in `dir`. */
function lastDays(dir, symbol, days) {
  const name = readdirSync(join(root, 'data/sources')).find((f) => f.startsWith(`binance_spot_${symbol}_1d_2`));
  const [header, ...rows] = readFileSync(join(root, 'data/sources', name), 'utf8').trim().split('\n');
  const path = join(dir, `${symbol}.csv`);
  writeFileSync(path, [header, ...rows.slice(-days)].join('\n') + '\n');
  return path;
}

/** An ISO date as the charts write it: "12 Jun 2025". */
function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}

const sourceLabel = (page) =>
  page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('Live'), null, {
    timeout: 60_000,
  });

test('a token page analyses live daily candles, as the CLI does on the same days', async () => {
  await reset();
  const cli = join(root, 'target/debug/tokenlens');
  assert.ok(existsSync(cli), 'build the CLI: cargo build -p tokenlens-cli');
  const dir = mkdtempSync(join(tmpdir(), 'tokenlens-token-'));
  let expected;
  try {
    const out = execFileSync(cli, ['analyze', '--csv', lastDays(dir, 'ETHUSDT', 400), '--benchmark', lastDays(dir, 'BTCUSDT', 400)], {
      encoding: 'utf8',
    });
    expected = JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const { context, page, problems, asked } = await livePage();
  await page.goto(`${server.url}token/ETH`);
  await sourceLabel(page);
  assert.match(await page.getByTestId('data-source').innerText(), /^Live · Binance · fetched just now/);
  // ETH's candles and BTC's (the benchmark), 400 days each, nothing else.
  assert.deepEqual(
    asked.map((u) => new URL(u).searchParams.get('symbol')).sort(),
    ['BTCUSDT', 'ETHUSDT'],
    asked.join('\n'),
  );
  assert.ok(asked.every((u) => u.includes('interval=1d') && u.includes('limit=400')));

  const summary = await page.getByTestId('summary').innerText();
  assert.equal(summary.slice(summary.indexOf(': ') + 2), expected.summary.text.slice(expected.summary.text.indexOf(': ') + 2));
  assert.match(await page.getByTestId('trader-grade').innerText(), new RegExp(`Trader Grade: ${Math.round(expected.trader_grade.total)}\\b`));
  assert.equal(await page.getByTestId('flips').locator('tbody tr').count(), expected.flips.length);
  assert.match(
    await page.getByTestId('price-chart').locator('svg').getAttribute('aria-label'),
    new RegExp(`^Price, signal flips and support/resistance, ${longDate(expected.window.start_date)} to ${longDate(expected.window.end_date)}\\.`),
  );
  // Exchange candles are drawn as candles, one per day, the colour by direction.
  const price = page.getByTestId('price-chart');
  assert.equal(await price.locator('g.candle').count(), expected.window.bars);
  assert.equal(await price.locator('polyline.line-price').count(), 0);
  const ups = await price.locator('g.candle.up').count();
  assert.ok(ups > 0 && ups < expected.window.bars, `${ups} up days`);
  await page.screenshot({ path: join(root, 'test-results/token-live.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(root, 'test-results/token-phone.png'), fullPage: false });
  assert.deepEqual(problems, [], 'console errors or CSP violations');
  await context.close();
});

test('a pair Binance does not list comes from Coinbase, and too few days leave the bundled analysis with the reason', async () => {
  await reset('/binance/klines', ['404']);
  const { context, page, asked } = await livePage();
  await page.goto(`${server.url}token/ETH`);
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  // The recorded Coinbase answer holds three days: not enough to analyse.
  await page.waitForFunction(() => /Coinbase/.test(document.querySelector('[data-testid=live-status]')?.textContent ?? ''), null, {
    timeout: 60_000,
  });
  assert.match(await page.getByTestId('data-source').innerText(), /Offline snapshot/);
  assert.match(await page.getByTestId('live-status').textContent(), /^Coinbase answered 3 closed days of ETH, too few to grade$/);
  assert.ok(asked.some((u) => u.startsWith(`${COINBASE}/products/ETH-USD/candles`)), asked.join('\n'));
  // The bundled analysis stays on screen.
  assert.match(await page.getByTestId('price-chart').locator('svg').getAttribute('aria-label'), / to 12 Jun 2025\./);
  await context.close();
});

test('a coin outside the bundled universe gets a page from live candles alone', async () => {
  await reset();
  // The bundled universe has no coin named TOKENLENSX; Binance answers it
  // with the recorded BTC day pair, too short to analyse: the page says both.
  const { context, page } = await livePage();
  await page.goto(`${server.url}token/TOKENLENSX`);
  // Not in the universe, said first; the live failure is the notice's, behind Details.
  const missing = page.getByTestId('token-missing');
  await missing.waitFor({ timeout: 60_000 });
  await page.getByTestId('offline-notice').waitFor({ timeout: 60_000 });
  assert.match(await missing.innerText(), /^TOKENLENSX is not in the bundled universe$/);
  assert.match(await page.getByTestId('live-status').textContent(), /TOKENLENSX cannot be analysed on Binance's candles: series too short/);
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});
