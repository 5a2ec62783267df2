// The screener on a live market list of 1,000 coins in a real Chromium:
// CoinGecko's /coins/markets is answered by the replay server from its seeded
// synthetic universe (the recording holds only 250 coins and no sparklines),
// through Playwright's routing, so the page and its CSP are what ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answering, openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COINGECKO = 'https://api.coingecko.com/api/v3';
let server;
let replay;
let browser;
let site;

before(async () => {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

async function control(path, body) {
  await fetch(`${replay.url}${path}`, { method: 'POST', body: body && JSON.stringify(body) });
}

async function liveScreener() {
  const opened = await openPage(browser, server.url);
  const seen = [];
  await opened.context.route(`${COINGECKO}/**`, async (route) => {
    seen.push(route.request().url());
    const url = route.request().url().replace(COINGECKO, `${replay.url}/cg`);
    await answering(async () => {
      const response = await route.fetch({ url, headers: {} });
      await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
    });
  });
  await opened.page.goto(`${server.url}screener`);
  await opened.page.waitForFunction(
    () => document.querySelector('[data-testid=data-source]')?.textContent.includes('Live'),
    null,
    { timeout: 60_000 },
  );
  return { ...opened, seen };
}

const caption = async (page) => {
  const m = (await page.locator('[data-testid=screener-table] caption').innerText()).match(/^(\d+) tokens/);
  return Number(m[1]);
};

test('a thousand live coins are graded on their sparklines, with market figures and classes', async () => {
  await control('/__reset');
  await control('/__universe', { coins: 1000, seed: 7 });
  const { context, page, seen, problems } = await liveScreener();
  assert.equal(await caption(page), 1000);
  assert.equal(seen.length, 4, 'four pages of 250');
  for (const p of [1, 2, 3, 4]) assert.ok(seen.some((u) => u.includes(`page=${p}&`) || u.endsWith(`page=${p}`)), `page ${p}`);
  assert.match(await page.getByTestId('data-source').innerText(), /Live · CoinGecko · fetched/);
  const headers = await page.locator('[data-testid=screener-table] thead th').allInnerTexts();
  for (const h of ['1 h', 'Market cap', 'Volume 24 h', '7 d chart']) assert.ok(headers.includes(h), headers.join('|'));
  assert.equal(await page.locator('[data-testid=screener-table] tbody svg.spark').count(), 100);
  // Sorting by market cap puts the largest coin the provider sent first.
  const served = await (await fetch(`${replay.url}/cg/coins/markets?per_page=250&page=1`)).json();
  const largest = served.reduce((a, b) => (b.market_cap > a.market_cap ? b : a));
  await page.getByRole('button', { name: 'Market cap' }).click();
  const first = page.locator('[data-testid=screener-table] tbody tr').first();
  assert.equal(await first.getAttribute('data-symbol'), largest.symbol.toUpperCase());
  assert.match(await first.innerText(), new RegExp(largest.name));
  // Market caps reach the classes: the micro-cap preset works here.
  const micro = page.getByRole('button', { name: 'Micro caps with strong activity' });
  assert.ok(!(await micro.isDisabled()));
  await page.locator('select[name=class]').selectOption('micro');
  const micros = await caption(page);
  assert.ok(micros > 50 && micros < 400, `${micros} micro caps`);
  // Vol/mcap and FDV can be shown through the column chooser.
  await page.locator('details.columns summary').click();
  await page.getByRole('checkbox', { name: 'FDV' }).check();
  assert.ok((await page.locator('[data-testid=screener-table] thead th').allInnerTexts()).includes('FDV'));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(root, 'test-results/screener-live.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('one failing page of the market list does not blank the others', async () => {
  await control('/__reset');
  await control('/__universe', { coins: 1000, seed: 7 });
  await control('/__faults', { path: '/cg/coins/markets?page=3', faults: ['404'] });
  const { context, page } = await liveScreener();
  assert.equal(await caption(page), 750);
  assert.match(await page.locator('main').innerText(), /Page 3 of the market list is missing: CoinGecko did not accept the request \(error 404\)/);
  await context.close();
});
