// The widget in a real Chromium, on a host page with hostile CSS and a
// strict CSP: what it shows, and that its figures are the core's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, openPage, settled, rows, hostLog, core, bundled, seriesOf } from './support.mjs';

let env;
before(async () => {
  env = await startAll();
});
after(async () => {
  await env?.close();
});

test('snapshot rows carry the grades and signals the core computes', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await page.goto(env.host.url);
  await settled(page, 'snapshot');
  const shown = await rows(page, 'snapshot');
  assert.deepEqual(
    shown.map((r) => r.id),
    ['bitcoin', 'ethereum', 'solana'],
  );
  assert.deepEqual(Object.keys(shown[0].cells), ['symbol', 'name', 'price', 'change_24h', 'trader_grade', 'signal']);

  const tokenlens = await core();
  const { snapshot, history } = await bundled();
  const benchmark = seriesOf(history.daily, 'BTCUSDT');
  const universe = ['BTC', 'ETH', 'SOL'].map((symbol) => {
    const token = snapshot.tokens.find((t) => t.symbol === symbol);
    return {
      symbol,
      series: seriesOf(history.daily, `${symbol}USDT`),
      fundamentals: {
        marketCap: token.market_cap,
        fdv: token.fully_diluted_valuation,
        circulatingSupply: token.circulating_supply,
        maxSupply: token.max_supply,
        totalVolume: token.total_volume,
      },
    };
  });
  const expected = tokenlens.screen(universe, benchmark);
  assert.equal(expected.errors.length, 0);
  expected.rows.forEach((row, i) => {
    const cells = shown[i].cells;
    assert.equal(cells.symbol, row.symbol);
    assert.equal(cells.trader_grade, String(Math.round(row.traderGrade)), `${row.symbol} grade`);
    assert.equal(cells.signal.toLowerCase(), row.signal === 'unknown' ? 'warming up' : row.signal, `${row.symbol} signal`);
    const price = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(row.price);
    assert.equal(cells.price, price, `${row.symbol} price`);
  });

  const log = await hostLog(page);
  assert.deepEqual(
    log.events.find((e) => e.type === 'tokenlens-ready' && e.target === 'snapshot')?.detail,
    { rows: 3, source: 'snapshot', asOf: history.as_of },
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('limit, sort and locale shape the table', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await page.goto(env.host.url);
  await settled(page, 'top');
  const shown = await rows(page, 'top');
  assert.equal(shown.length, 5, 'limit="5"');
  // The screener's rule, shared with the site: high first, stable tokens last.
  const stableAt = shown.findIndex((r) => r.stable);
  const graded = stableAt < 0 ? shown : shown.slice(0, stableAt);
  assert.ok(shown.slice(graded.length).every((r) => r.stable), 'stable tokens after every other token');
  const grades = graded.map((r) => Number(r.cells.trader_grade));
  assert.ok(grades.length >= 3, `most rows are not stable tokens: ${JSON.stringify(shown.map((r) => r.id))}`);
  assert.deepEqual(grades, [...grades].sort((a, b) => b - a), 'sorted by Trader Grade, high first');
  assert.deepEqual(Object.keys(shown[0].cells), ['symbol', 'name', 'rank', 'price', 'trader_grade', 'investor_grade', 'rating', 'class']);
  const btc = shown.find((r) => r.id === 'bitcoin');
  assert.match(btc.cells.price, /^\d{1,3}(\.\d{3})*,\d{2}\s\$$/, `de-DE price: ${btc.cells.price}`);
  assert.equal(btc.cells.class, 'large');
  assert.deepEqual(problems, []);
  await context.close();
});
