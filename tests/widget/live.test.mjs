// Live mode: CoinGecko /coins/markets answered by the replay server
// (recorded responses, injected faults), graded from the 7-day hourly
// sparkline; and snapshot mode with every provider unreachable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, openPage, settled, rows, hostLog, widgetText, core, recordedHourly, COINGECKO } from './support.mjs';
import { answering } from '../support/browser.mjs';

let env;
const sparklines = {};
before(async () => {
  env = await startAll();
  for (const [id, pair] of Object.entries(PAIRS)) sparklines[id] = await recordedHourly(pair, 168);
});
after(async () => {
  await env?.close();
});

const PAIRS = { bitcoin: 'BTCUSDT', ethereum: 'ETHUSDT', dogecoin: 'DOGEUSDT' };

/** The last 168 recorded hourly closes of a coin: its 7-day sparkline. */
function sparkline(id) {
  return sparklines[id];
}

/** Recorded markets rows lack the sparkline: add one from recorded hourly closes. */
async function withSparklines(page) {
  await page.route(`${COINGECKO}/coins/markets**`, (route) =>
    answering(async () => {
      const url = route.request().url().replace(COINGECKO, `${env.replay.url}/cg`);
      const response = await route.fetch({ url, headers: {} });
      if (response.status() !== 200) return route.fulfill({ response });
      const coins = JSON.parse(await response.text()).map((c) =>
        PAIRS[c.id] ? { ...c, sparkline_in_7d: { price: sparkline(c.id) } } : c,
      );
      return route.fulfill({ response, body: JSON.stringify(coins) });
    }),
  );
}

test('live rows are graded from the hourly sparkline as the core grades it', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await withSparklines(page);
  await page.goto(env.host.url);
  await settled(page, 'live');
  const shown = await rows(page, 'live');
  assert.deepEqual(
    shown.map((r) => r.id),
    ['bitcoin', 'ethereum', 'dogecoin'],
    'sort="market_cap": largest first',
  );
  assert.equal(shown[0].cells.price, '$29,309.00', 'the recorded price');
  assert.equal(shown[0].cells.class, 'large');

  const tokenlens = await core();
  const hours = (n) => Array.from({ length: n }, (_, i) => 1_700_000_000 - (1_700_000_000 % 3600) + i * 3600);
  const series = (id) => ({ interval: 'hourly', timestamps: hours(168), close: sparkline(id) });
  const expected = tokenlens.screen(
    Object.keys(PAIRS).map((id) => ({ symbol: id, series: series(id) })),
    series('bitcoin'),
  );
  for (const row of expected.rows) {
    const cells = shown.find((r) => r.id === row.symbol).cells;
    assert.equal(cells.trader_grade, String(Math.round(row.traderGrade)), `${row.symbol} grade`);
  }

  const requests = await env.requests();
  assert.equal(requests.length, 1, 'one request for the widget');
  const query = new URLSearchParams(requests[0].query);
  assert.deepEqual(query.get('ids').split(',').sort(), ['bitcoin', 'dogecoin', 'ethereum']);
  assert.equal(query.get('sparkline'), 'true');
  assert.ok(!Object.keys(requests[0].headers).some((h) => h.startsWith('x-cg')), 'never a key header');
  assert.match(await widgetText(page, 'live'), /Live · 2023-07-28 · grades from 7-day hourly prices/);
  // Storage only in the widget's own namespace: its response cache, and the
  // CoinGecko rate budget every tab of the host shares.
  const storage = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
  }));
  assert.deepEqual(storage, { databases: ['tokenlens-budget', 'tokenlens-widget-cache'], cookie: '', local: 0, session: 0 });
  const log = await hostLog(page);
  assert.deepEqual(log.events.find((e) => e.type === 'tokenlens-ready' && e.target === 'live')?.detail, {
    rows: 3,
    source: 'live',
    asOf: '2023-07-28',
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a provider outage shows a friendly message and sends tokenlens-error', async () => {
  await env.faults('/cg/coins/markets', ['500', '500', '500']);
  const { context, page, problems, warnings } = await openPage(env);
  await page.goto(env.host.url);
  const text = await settled(page, 'live', 'message');
  assert.match(text, /Prices are unavailable: CoinGecko is having trouble \(error 500\)\. Trying again in 10 min\./);
  assert.equal((await env.requests()).length, 3, 'the first attempt and two retries');
  const log = await hostLog(page);
  const error = log.events.find((e) => e.type === 'tokenlens-error');
  assert.equal(error.target, 'live');
  assert.equal(error.detail.code, 'PROVIDER_ERROR');
  assert.ok(warnings.some((w) => w.includes('<tokenlens-screener> Prices are unavailable')), warnings.join('\n'));
  // The other widgets of the page are unaffected.
  assert.equal((await rows(page, 'snapshot')).length, 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long rate limit is reported at once, with how long it lasts', async () => {
  await env.faults('/cg/coins/markets', ['429:600']);
  const { context, page, problems } = await openPage(env);
  await page.goto(env.host.url);
  const text = await settled(page, 'live', 'message');
  assert.match(text, /CoinGecko is limiting requests from this browser for 10 min\./);
  assert.equal((await env.requests()).length, 1, 'no retry sooner than Retry-After');
  const error = (await hostLog(page)).events.find((e) => e.type === 'tokenlens-error');
  assert.equal(error.detail.code, 'RATE_LIMITED');
  assert.deepEqual(problems, []);
  await context.close();
});

test('snapshot widgets work with every provider unreachable', async () => {
  await env.faults();
  const { context, page, problems, offsite } = await openPage(env);
  await page.route(`${COINGECKO}/**`, (route) => route.abort('internetdisconnected'));
  await page.goto(env.host.url);
  await settled(page, 'snapshot');
  await settled(page, 'top');
  assert.equal((await rows(page, 'snapshot')).length, 3);
  assert.equal((await rows(page, 'top')).length, 5);
  assert.match(await settled(page, 'live', 'message'), /CoinGecko could not be reached from this browser/);
  assert.equal((await env.requests()).length, 0);
  assert.deepEqual(offsite, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a category in another currency and locale asks CoinGecko for exactly that', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await withSparklines(page);
  await page.goto(env.host.url);
  await settled(page, 'live');
  await page.evaluate(() => {
    const el = document.getElementById('live');
    el.removeAttribute('coins');
    el.category = 'layer-1';
    el.limit = 3;
    el.currency = 'EUR';
    el.locale = 'de-DE';
    el.sort = 'rank';
  });
  await page.waitForFunction(() =>
    window.hostLog.events.filter((e) => e.type === 'tokenlens-ready' && e.target === 'live').length === 2,
  );
  const query = new URLSearchParams((await env.requests()).at(-1).query);
  assert.deepEqual(
    ['category', 'per_page', 'vs_currency', 'order'].map((k) => query.get(k)),
    ['layer-1', '3', 'eur', 'market_cap_desc'],
  );
  const shown = await rows(page, 'live');
  assert.deepEqual(shown.map((r) => r.id), ['bitcoin', 'ethereum', 'ripple'], 'the three largest layer-1 coins the replayed answer holds');
  assert.match(shown[0].cells.price, /^29\.309,00\s€$/);
  assert.deepEqual(problems, []);
  await context.close();
});
