// The screener in a real Chromium: every token of the bundled universe graded
// in the browser, sortable and filterable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launch, openPage } from '../support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const numbers = (texts) => texts.map((t) => Number.parseFloat(t));

test('the screener grades the whole bundled universe and sorts and filters it', async () => {
  const { context, page, problems, offsite } = await openPage(browser, server.url);
  await page.goto(`${server.url}screener`);
  const rows = page.locator('[data-testid=screener-table] tbody tr');
  await rows.first().waitFor({ timeout: 60_000 });
  const total = await rows.count();
  const errors = await page.getByTestId('screen-errors').innerText();
  const failed = Number.parseInt(errors, 10);
  assert.equal(total + failed, 401, `${total} rows and ${failed} errors`);
  assert.match(errors, /HOME/);
  assert.match(await page.getByTestId('data-source').innerText(), /2025-06-12/);

  // Default order: Trader Grade, highest first.
  const grades = numbers(await page.locator('[data-testid=screener-table] tbody td.grade').allInnerTexts());
  assert.deepEqual(grades, [...grades].sort((a, b) => b - a));
  for (const g of grades) assert.ok(g >= 0 && g <= 100, `grade ${g}`);

  // Sort by token name, then filter.
  await page.getByRole('button', { name: 'Token' }).click();
  const first = await rows.first().getAttribute('data-symbol');
  const symbols = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol));
  assert.deepEqual(symbols, [...symbols].sort());
  assert.equal(first, symbols[0]);

  await page.locator('select[name=signal]').selectOption('bullish');
  const bullish = await rows.count();
  assert.ok(bullish > 0 && bullish < total, `${bullish} bullish of ${total}`);
  for (const s of await page.locator('[data-testid=screener-table] tbody .signal').allInnerTexts()) {
    assert.equal(s, 'bullish');
  }
  await page.locator('select[name=signal]').selectOption('');
  await page.locator('input[name=search]').fill('btc');
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol)), ['BTC', 'WBTC']);

  await page.screenshot({ path: join(root, 'test-results/screener.png') });
  assert.deepEqual(problems, []);
  for (const url of offsite) assert.match(url, /^https:\/\/api\.coingecko\.com\//);
  await context.close();
});

test('a token page explains its grades, signal, flips, votes and backtest', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  await page.locator('input[name=search]').fill('eth');
  await page.getByRole('link', { name: 'ETH', exact: true }).click();
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  assert.equal(new URL(page.url()).pathname, '/token/ETH');

  const trader = await page.getByTestId('trader-grade').innerText();
  assert.match(trader, /Trader Grade: \d+/);
  assert.match(trader, /confidence \d+%/);
  assert.ok((await page.getByTestId('trader-grade').locator('tbody tr').count()) >= 4, 'too few parts');
  assert.match(await page.getByTestId('signal').innerText(), /(bullish|bearish|neutral) since \d{4}-\d{2}-\d{2}/);
  assert.ok((await page.getByTestId('flips').locator('tbody tr').count()) >= 1);
  assert.match(await page.getByTestId('backtest').innerText(), /strategy [+-][\d.]+%.*buy-and-hold [+-][\d.]+%/s);
  assert.ok((await page.getByTestId('rating').locator('tbody tr').count()) >= 10, 'too few votes');
  assert.match(await page.getByTestId('summary').innerText(), /ETH/);

  // A deep link survives a reload; an unknown token says so.
  await page.reload();
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(root, 'test-results/token.png'), fullPage: true });
  await page.goto(`${server.url}token/NOPE`);
  await page.getByRole('alert').waitFor({ timeout: 30_000 });
  assert.match(await page.getByRole('alert').innerText(), /NOPE is not in the bundled universe/);
  assert.deepEqual(problems, []);
  await context.close();
});
