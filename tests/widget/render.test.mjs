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
  // The snapshot's market figures only when they are of the history's date.
  const sameDate = snapshot.as_of === history.as_of;
  const universe = ['BTC', 'ETH', 'SOL'].map((symbol) => {
    const token = snapshot.tokens.find((t) => t.symbol === symbol);
    return {
      symbol,
      series: seriesOf(history.daily, `${symbol}USDT`),
      fundamentals: sameDate
        ? {
            marketCap: token.market_cap,
            fdv: token.fully_diluted_valuation,
            circulatingSupply: token.circulating_supply,
            maxSupply: token.max_supply,
            totalVolume: token.total_volume,
          }
        : {},
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
  const { snapshot, history } = await bundled();
  if (snapshot.as_of === history.as_of) {
    assert.equal(btc.cells.class, 'large');
  } else {
    // No class of the footer's date: a dash, never 2023's.
    assert.equal(btc.cells.class, '—');
    assert.equal(btc.cells.rank, '—');
  }
  const log = await hostLog(page);
  assert.equal(log.events.find((e) => e.type === 'tokenlens-ready' && e.target === 'top')?.detail.rows, 5, 'detail.rows counts the rows shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a snapshot row shows only figures of the footer\'s date, and tokenlens-ready counts the rows shown', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await page.goto(env.host.url);
  await page.evaluate(() => {
    const el = document.createElement('tokenlens-screener');
    el.id = 'dated';
    el.setAttribute('source', 'snapshot');
    el.setAttribute('coins', 'bitcoin,ethereum,solana,cardano,dogecoin,chainlink,litecoin');
    el.setAttribute('columns', 'rank,price,change_24h,market_cap,volume,investor_grade,class');
    el.setAttribute('limit', '5');
    el.setAttribute('locale', 'en-US');
    document.body.append(el);
  });
  await settled(page, 'dated');
  const shown = await rows(page, 'dated');
  const { snapshot, history } = await bundled();
  assert.notEqual(snapshot.as_of, history.as_of, 'the bundled snapshot and history are of different dates');
  assert.equal(shown.length, 5);
  const footer = await page.evaluate(() => document.getElementById('dated').shadowRoot.querySelector('[part=footer]').textContent);
  assert.match(footer, new RegExp(`^Snapshot · ${history.as_of} · `), footer);
  assert.ok(!footer.includes(snapshot.as_of), footer);

  // Every figure is of history.as_of: prices and grades from its closes; the
  // snapshot's market figures (of another date) are not shown.
  const tokenlens = await core();
  // The widget's price formats: cents from $1, four significant digits below.
  const usd = (v) =>
    new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      ...(Math.abs(v) >= 1 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumSignificantDigits: 4 }),
    }).format(v);
  const last = history.daily.start + (history.daily.rows - 1) * 86400;
  assert.equal(new Date(last * 1000).toISOString().slice(0, 10), history.as_of);
  for (const row of shown) {
    const symbol = row.cells.symbol;
    const series = seriesOf(history.daily, `${symbol}USDT`);
    assert.equal(series.timestamps.at(-1), last, `${symbol}: a close on ${history.as_of}`);
    assert.equal(row.cells.price, usd(series.close.at(-1)), `${symbol} price of ${history.as_of}`);
    for (const column of ['rank', 'market_cap', 'volume', 'class']) {
      assert.equal(row.cells[column], '—', `${symbol} ${column}: no figure of ${history.as_of}`);
    }
    const [expected] = tokenlens.screen([{ symbol, series }], seriesOf(history.daily, 'BTCUSDT')).rows;
    assert.equal(row.cells.investor_grade, String(Math.round(expected.investorGrade)), `${symbol} Investor Grade from prices of ${history.as_of}`);
  }
  const notice = await page.evaluate(() => document.getElementById('dated').shadowRoot.querySelector('[part=notice]')?.textContent);
  assert.equal(notice, `No rank, market cap, volume or class of ${history.as_of} in the bundled data: shown as —.`);

  const ready = (await hostLog(page)).events.filter((e) => e.type === 'tokenlens-ready' && e.target === 'dated');
  assert.deepEqual(ready.map((e) => e.detail), [{ rows: 5, source: 'snapshot', asOf: history.as_of }]);
  assert.deepEqual(problems, []);
  await context.close();
});
