// Loading and failing sections in a real Chromium: skeleton rows (with
// aria-busy on the region) while data loads, and, when one section's fetch
// fails, its own error with a Retry button that loads that section again and
// nothing else. Offline, the bundled files are held and failed by Playwright;
// live, the replay server injects the faults.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { control, faultsAt, globalRequests, livePage, marketsRequests, waitForSource } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

let server;
let replay;
let browser;
let site;

before(async () => {
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

/**
 * Holds the first request for `file` until `release(status)` answers it
 * (`status` 200: the real file); later requests pass.
 */
async function hold(page, file) {
  let release;
  const released = new Promise((ok) => (release = ok));
  let first = true;
  await page.route(`**/assets/${file}`, async (route) => {
    if (!first) return route.continue();
    first = false;
    const status = await released;
    if (status === 200) return route.continue();
    return route.fulfill({ status, body: 'unavailable' });
  });
  return release;
}

const busy = (page, id) => page.getByTestId(id).getAttribute('aria-busy');

for (const [path, file, section, rows, what, errorId] of [
  ['screener', 'market-now.json', 'screener-section', '[data-testid=screener-table] tbody tr', 'the bundled history', 'history-error'],
  ['', 'market-now.json', 'market-section', '[data-testid=market-table] tbody tr', 'the market data', 'snapshot-error'],
]) {
  test(`/${path}: skeleton rows while ${file} loads, then its failure retried on its own (offline)`, async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    const release = await hold(page, file);
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('skeleton').waitFor({ timeout: 20_000 });
    assert.ok((await page.getByTestId('skeleton').locator('tr.skeleton-row').count()) >= 8);
    assert.equal(await page.getByTestId('skeleton').getAttribute('aria-hidden'), 'true');
    assert.equal(await busy(page, section), 'true');
    assert.equal(await page.locator(rows).count(), 0);

    release(500);
    const retry = page.getByRole('button', { name: `Retry ${what}` });
    await retry.waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId(errorId).getByRole('alert').innerText(), /server answered 500/);
    assert.equal(await page.getByTestId('skeleton').count(), 0);
    await retry.click();
    await page.locator(rows).first().waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId(errorId).count(), 0);
    assert.equal(await busy(page, section), 'false');
    // The browser logs the 500 itself; nothing else may go wrong.
    assert.deepEqual(problems.filter((p) => !p.includes('status of 500')), []);
    await context.close();
  });
}

test('live: a failed market list is retried alone, and the page shows it live', async () => {
  await faultsAt(replay, { '/cg/coins/markets': ['404'], '/paprika/tickers': ['404'] });
  const { context, page, seen } = await livePage(browser, server, replay);
  await page.goto(server.url);
  const retry = page.getByRole('button', { name: 'Retry the market list' });
  await retry.waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('live-status').textContent(), /error 404/);
  assert.match(await page.getByTestId('data-source').innerText(), /Offline snapshot/);
  // /global answered, but the list on screen is the history's: the totals
  // keep to its date.
  for (let i = 0; i < 200 && globalRequests(seen).length === 0; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(500);
  assert.match(await page.getByTestId('market-totals').innerText(), /needs live data/);
  const globals = globalRequests(seen).length;
  assert.ok(globals > 0);

  await faultsAt(replay);
  await retry.click();
  await waitForSource(page, 'Live');
  assert.match(await page.getByTestId('data-source').innerText(), /Live · CoinGecko/);
  assert.equal(await page.locator('[data-testid=market-table] tbody tr').count(), 50, '50 rows a page');
  await page.getByTestId('market-totals').filter({ hasText: '/global' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByRole('button', { name: 'Retry the market list' }).count(), 0);
  assert.equal(globalRequests(seen).length, globals, 'the retry asked for /global too');
  assert.equal(await page.getByTestId('market-section').getAttribute('aria-busy'), 'false');
  await context.close();
});

test('live: failed /global totals are retried alone, without the market list', async () => {
  await faultsAt(replay, { '/cg/global': ['404'] });
  const { context, page, seen } = await livePage(browser, server, replay);
  await page.goto(server.url);
  await waitForSource(page, 'Live');
  const error = page.getByTestId('global-error');
  await error.waitFor({ timeout: 30_000 });
  assert.match(await error.innerText(), /CoinGecko \/global\) could not be loaded/);
  assert.match(await page.getByTestId('market-totals').innerText(), /sum of the 250 coins listed/);
  const lists = marketsRequests(seen).length;

  await faultsAt(replay);
  await page.getByRole('button', { name: 'Retry the market totals' }).click();
  await page.getByTestId('market-totals').filter({ hasText: '/global' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('total-market-cap').innerText(), '$2.50T');
  assert.equal(await error.count(), 0);
  assert.equal(marketsRequests(seen).length, lists, 'the retry asked for the market list too');
  await context.close();
});

test('live: the screener retries its failed live list alone and then grades it', async () => {
  await control(replay, '/__reset');
  await control(replay, '/__universe', { coins: 1000, seed: 7 });
  await control(replay, '/__faults', { path: '/cg/coins/markets', faults: ['404', '404', '404', '404'] });
  const { context, page, seen } = await livePage(browser, server, replay);
  await page.goto(`${server.url}screener`);
  const retry = page.getByRole('button', { name: 'Retry the live market list' });
  await retry.waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('offline-notice').innerText(), /^Showing bundled data from 12 Jun 2025 — live prices unavailable\. Retry/);
  assert.match(await page.getByTestId('live-status').textContent(), /error 404/);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.equal(seen.length, 4);

  await control(replay, '/__reset');
  await control(replay, '/__universe', { coins: 1000, seed: 7 });
  await retry.click();
  await waitForSource(page, 'Live', 60_000);
  const caption = await page.locator('[data-testid=screener-table] caption').innerText();
  assert.match(caption, /^1000 tokens/);
  assert.equal(seen.length, 8, seen.join("\n"));
  assert.equal(await page.getByTestId('screener-section').getAttribute('aria-busy'), 'false');
  await context.close();
});
