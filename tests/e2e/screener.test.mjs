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
