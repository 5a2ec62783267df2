// The screener's volume filters (minimum 24 h volume, minimum volume over
// market cap) in a real Chromium: live, on the replay server's seeded
// 1,000-coin universe, the rows shown are exactly those computed here from
// the same served data and the page's own export; the filters live in the
// URL. Offline (the bundled history has no volumes) they say why they
// cannot be used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { control, livePage, waitForSource } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

let server;
let replay;
let browser;
let site;

before(async () => {
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const total = async (page) => Number((await page.locator('[data-testid=screener-table] caption').innerText()).match(/^(\d+) tokens/)[1]);

async function setNumber(page, name, value) {
  await page.locator(`input[name=${name}]`).fill(String(value));
  await page.locator(`input[name=${name}]`).dispatchEvent('change');
}

test('live: the volume filters keep exactly the coins with enough volume, and stay in the URL', async () => {
  await control(replay, '/__reset');
  await control(replay, '/__universe', { coins: 1000, seed: 7 });
  const { context, page, problems } = await livePage(browser, server, replay);
  await page.goto(`${server.url}screener`);
  await waitForSource(page, 'Live', 60_000);
  // The coins as served, by the symbol the screener shows.
  const served = new Map();
  for (const p of [1, 2, 3, 4]) {
    for (const c of await (await fetch(`${replay.url}/cg/coins/markets?per_page=250&page=${p}`)).json()) {
      served.set(c.symbol.toUpperCase(), c);
    }
  }
  const all = await exported(page);
  assert.equal(all.length, 1000);
  const volumes = [...served.values()].map((c) => c.total_volume).sort((a, b) => a - b);
  const minVolume = Math.round(volumes[Math.floor(volumes.length * 0.6)]);

  await setNumber(page, 'min-volume', minVolume);
  await page.waitForFunction((v) => new URL(location.href).searchParams.get('vol') === String(v), minVolume);
  const expected = all.filter((r) => served.get(r.symbol).total_volume >= minVolume).map((r) => r.symbol);
  assert.ok(expected.length > 100 && expected.length < 900, `${expected.length} coins`);
  assert.equal(await total(page), expected.length);
  assert.deepEqual((await exported(page)).map((r) => r.symbol), expected);

  // Both filters together: volume at least 10 % of the market cap as well.
  await setNumber(page, 'min-volume-to-market-cap', 10);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('volmc') === '10');
  const both = all
    .filter((r) => {
      const c = served.get(r.symbol);
      return c.total_volume >= minVolume && c.total_volume / c.market_cap >= 0.1;
    })
    .map((r) => r.symbol);
  assert.ok(both.length > 0 && both.length < expected.length, `${both.length} coins`);
  assert.equal(await total(page), both.length);
  const shown = await page.locator('[data-testid=screener-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol));
  assert.deepEqual(shown, both.slice(0, 100));

  // A reload (or a shared link) shows the same rows.
  await page.reload();
  await waitForSource(page, 'Live', 60_000);
  assert.equal(await page.locator('input[name=min-volume]').inputValue(), String(minVolume));
  assert.equal(await page.locator('input[name=min-volume-to-market-cap]').inputValue(), '10');
  assert.equal(await total(page), both.length);
  // Clearing a field removes it from the URL.
  await setNumber(page, 'min-volume', '');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('vol'));
  assert.equal(await total(page), all.filter((r) => served.get(r.symbol).total_volume / served.get(r.symbol).market_cap >= 0.1).length);
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline: the volume filters say they need live figures, and a link using them says why nothing shows', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(`${server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  const input = page.locator('input[name=min-volume]');
  assert.ok(await input.isDisabled());
  assert.match(await page.locator('label', { has: input }).getAttribute('title'), /needs live market figures/);
  assert.ok(await page.locator('input[name=min-volume-to-market-cap]').isDisabled());

  await page.goto(`${server.url}screener?vol=1000000`);
  await page.getByTestId('volume-unavailable').waitFor({ timeout: 60_000 });
  assert.equal(await total(page), 0);
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.ok((await total(page)) > 300);
  assert.equal(await page.getByTestId('volume-unavailable').count(), 0);
  await context.close();
});
