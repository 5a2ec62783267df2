// The narratives page in a real Chromium: the indices, ranking, members and
// rotation the browser computes must be those of `tokenlens narratives` run
// natively on the same daily rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { pct, runOnSiteRows } from '../support/cli-universe.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let server;
let browser;
let site;
let cli;

before(async () => {
  ({ server, browser } = site = await openSite());
  cli = runOnSiteRows(root, 'narratives', '--days');
});

after(() => site?.close());

const NAMES = {
  ai: 'AI',
  meme: 'Memes',
  rwa: 'Real-world assets',
  defi: 'DeFi',
  l1: 'Layer 1',
  l2: 'Layer 2',
  gaming: 'Gaming',
  infrastructure: 'Infrastructure',
  exchange: 'Exchange tokens',
  stablecoin: 'Stablecoins',
};

test('the narrative indices, ranking and members are those the CLI computes on the same rows', async () => {
  const { context, page, problems, offsite } = await openPage(browser, server.url);
  await page.goto(`${server.url}narratives`);
  const table = page.getByTestId('narratives-table');
  await table.locator('tbody tr').first().waitFor({ timeout: 90_000 });
  assert.match(await page.getByTestId('data-source').innerText(), new RegExp(cli.as_of));
  assert.match(await page.getByTestId('cap-weight-note').innerText(), /no market caps/);

  const themes = cli.narratives.filter((n) => n.narrative !== 'stablecoin');
  assert.equal(themes.length, 9);
  // Rows in rank order, unranked last, every cell as the CLI says.
  const expected = [...themes].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const ids = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.narrative));
  assert.deepEqual(ids, expected.map((n) => n.narrative));
  for (const n of expected) {
    const cells = await table.locator(`tr[data-narrative=${n.narrative}] td, tr[data-narrative=${n.narrative}] th`).allInnerTexts();
    const p = n.equal_weight;
    assert.deepEqual(cells.slice(0, 11), [
      n.rank === null ? '—' : String(n.rank),
      NAMES[n.narrative],
      String(n.members.length),
      pct(p.roi_7d),
      pct(p.roi_30d),
      pct(p.vs_btc_7d),
      pct(p.vs_btc_30d),
      pct(p.vs_eth_7d),
      pct(p.vs_eth_30d),
      pct(p.vs_sol_7d),
      pct(p.vs_sol_30d),
    ], n.narrative);
    assert.equal(n.market_cap_weight, null);
  }
  assert.ok(expected.some((n) => n.rank === 1), 'nothing ranked');

  // The chart: one 7-day and one 30-day bar per narrative with that ROI.
  const chart = page.getByTestId('narratives-chart');
  assert.equal(await chart.locator('rect.bar-7d').count(), 1 + themes.filter((n) => n.equal_weight.roi_7d !== null).length);
  assert.equal(await chart.locator('rect.bar-30d').count(), 1 + themes.filter((n) => n.equal_weight.roi_30d !== null).length);
  const labels = await chart.locator('text').allTextContents();
  for (const n of expected) assert.ok(labels.includes(NAMES[n.narrative]), NAMES[n.narrative]);
  for (const n of expected) assert.ok(labels.includes(pct(n.equal_weight.roi_30d)), `${n.narrative} 30 d label`);
  // Against a benchmark: the same bars, relative figures.
  for (const [basis, key] of [['btc', 'vs_btc'], ['eth', 'vs_eth'], ['sol', 'vs_sol']]) {
    await page.locator('select[name=basis]').selectOption(basis);
    await chart.locator('text', { hasText: `30 days vs ${basis.toUpperCase()}` }).waitFor();
    const shown = await chart.locator('text.chart-value').allTextContents();
    const want = expected.flatMap((n) => [n.equal_weight[`${key}_7d`], n.equal_weight[`${key}_30d`]]).filter((x) => x !== null).map(pct);
    assert.deepEqual(shown, want, basis);
  }
  await page.locator('select[name=basis]').selectOption('roi');

  // Members expand and list each member with its equal weight.
  const layer1 = cli.narratives.find((n) => n.narrative === 'l1');
  const details = page.locator('[data-testid=narrative-members] details[data-narrative=l1]');
  assert.equal(await details.locator('li').first().isVisible(), false);
  await details.locator('summary').click();
  const members = await details.locator('li a').allInnerTexts();
  assert.deepEqual(members, layer1.members);
  const weight = `${(100 / layer1.members.length).toFixed(1)}%`;
  assert.match(await details.locator('li').first().innerText(), new RegExp(weight.replace('.', '\\.')));

  // Stablecoins apart, not ranked.
  const stable = cli.narratives.find((n) => n.narrative === 'stablecoin');
  const stableRow = page.locator('[data-testid=stablecoins-table] tbody tr');
  assert.equal(await stableRow.count(), 1);
  assert.equal(await stableRow.getAttribute('data-narrative'), 'stablecoin');
  assert.equal((await stableRow.locator('td').first().innerText()).trim(), '—');
  assert.equal(stable.rank, null);

  await page.screenshot({ path: join(root, 'test-results/narratives.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(root, 'test-results/narratives-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(offsite.filter((u) => !u.startsWith('https://api.coingecko.com/')), []);
  await context.close();
});

test('the rotation suggestion and its backtest against BTC are the CLI rotation', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}narratives`);
  await page.getByTestId('rotation-summary').waitFor({ timeout: 90_000 });
  const rot = cli.rotation;
  const last = rot.days.at(-1);
  const leaders = await page.getByTestId('rotation-leaders').innerText();
  if (last.leaders.length === 0) assert.match(leaders, /^none/);
  else assert.equal(leaders, last.leaders.map((n) => NAMES[n]).join(', '));
  const rankedOn = rot.days[Math.floor((rot.days.length - 1) / 7) * 7].date;
  assert.match(await page.getByTestId('rotation').innerText(), new RegExp(`at the last ranking \\(${rankedOn}\\)`));
  const holdings = await page.locator('[data-testid=rotation-holdings] li').allInnerTexts();
  assert.deepEqual(holdings, last.holdings);

  const summary = await page.getByTestId('rotation-summary').innerText();
  assert.ok(summary.startsWith(`${rot.start} → ${last.date}: rotation ${pct(rot.total_return)} (max drawdown ${pct(rot.max_drawdown)}); holding BTC ${pct(rot.btc_return)}`), summary);
  assert.match(summary, new RegExp(`; ${rot.trades.length} holdings\\.$`));

  // The equity curve: the rotation and BTC, over the backtest's dates.
  const backtest = page.getByTestId('rotation-backtest');
  assert.equal(await backtest.locator('polyline.line-strategy').count(), 1);
  assert.equal(await backtest.locator('polyline.line-benchmark').count(), 1);
  const points = (await backtest.locator('polyline.line-strategy').getAttribute('points')).split(' ');
  assert.equal(points.length, rot.days.length);
  // Its text alternative spans the backtest's dates ("12 Jun 2025").
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const long = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  };
  const alt = await backtest.locator('svg[role=img]').getAttribute('aria-label');
  assert.ok(alt.includes(`${long(rot.start)} to ${long(last.date)}`), alt);
  // The value axis is in multiples at a nice step, its top tick within one step of the
  // higher curve's peak, so at least of the rotation's.
  const ticks = (await backtest.locator('svg .tick-label').allTextContents()).map((t) => {
    assert.match(t, /^\d+(\.\d+)?×$/);
    return Number.parseFloat(t);
  });
  const step = ticks[1] - ticks[0];
  const peak = Math.max(...rot.days.map((d) => d.equity));
  const top = Math.max(...ticks);
  assert.ok(top + step >= peak - 0.005, `axis top ${top} (step ${step}) more than a step below the rotation's peak ${peak}`);

  await backtest.locator('summary').click();
  assert.equal(await backtest.locator('tbody tr').count(), rot.trades.length);
  await page.getByTestId('rotation').screenshot({ path: join(root, 'test-results/narratives-rotation.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
