// Cells of the fault matrix (tests/feeds/README.md) that no other end-to-end
// test covers: a body past its endpoint's cap, and an unreadable body from
// the token page's first candle source. Providers are answered by the replay server through
// Playwright's routing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { answering } from '../support/browser.mjs';
import { faultsAt, livePage, marketsRequests, waitForSource } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

const BINANCE = 'https://data-api.binance.vision/api/v3';
const COINBASE = 'https://api.exchange.coinbase.com';
let server;
let replay;
let browser;
let site;

before(async () => {
  // TOKENLENS_DIST: another build of the site to drive (default dist/).
  const dist = process.env.TOKENLENS_DIST && resolve(process.env.TOKENLENS_DIST);
  ({ server, replay, browser } = site = await openSite({ replay: true, ...(dist ? { dist } : {}) }));
});

after(() => site?.close());

test('market page: /global totals past their size cap are refused in their section; the list stays live', async () => {
  await faultsAt(replay, { '/cg/global': ['huge'] });
  const { context, page, problems } = await livePage(browser, server, replay);
  await page.goto(server.url);
  await waitForSource(page, 'Live');
  const error = page.getByTestId('global-error');
  await error.waitFor({ timeout: 30_000 });
  assert.match(await error.innerText(), /far more data than this request ever needs/);
  assert.match(await page.getByTestId('market-totals').innerText(), /sum of the 250 coins listed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('token page: an unreadable Binance answer is not retried; Coinbase is asked', async () => {
  await faultsAt(replay, { '/binance/klines': ['truncate'] });
  const { context, page, problems } = await livePage(browser, server, replay);
  const asked = [];
  const forward = (official, prefix) => async (route) => {
    asked.push(route.request().url());
    const url = route.request().url().replace(official, `${replay.url}/${prefix}`);
    await answering(async () => {
      const response = await route.fetch({ url, headers: {} });
      await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
    });
  };
  await context.route(`${BINANCE}/**`, forward(BINANCE, 'binance'));
  await context.route(`${COINBASE}/**`, forward(COINBASE, 'coinbase'));
  await page.goto(`${server.url}token/ETH`);
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => /Coinbase/.test(document.querySelector('[data-testid=live-status]')?.textContent ?? ''), null, {
    timeout: 60_000,
  });
  assert.equal(asked.filter((u) => u.startsWith(`${BINANCE}/klines?symbol=ETHUSDT&`)).length, 1, asked.join('\n'));
  assert.ok(asked.some((u) => u.startsWith(`${COINBASE}/products/ETH-USD/candles`)), asked.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});
