// Live prices in a real Chromium: requests to CoinGecko are answered by the
// replay server (recorded responses, injected faults) through Playwright's
// routing, so the page and its CSP are exactly what ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answering, openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COINGECKO = 'https://api.coingecko.com/api/v3';
const COINPAPRIKA = 'https://api.coinpaprika.com/v1';
let server;
let replay;
let browser;
let site;

before(async () => {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

async function faults(path, list) {
  await fetch(`${replay.url}/__reset`, { method: 'POST' });
  if (list) await fetch(`${replay.url}/__faults`, { method: 'POST', body: JSON.stringify({ path, faults: list }) });
}

/**
 * A page whose CoinGecko and CoinPaprika requests go to the replay server;
 * records them (CoinGecko's in `seen`, CoinPaprika's in `paprika`).
 */
async function livePage(edit) {
  const opened = await openPage(browser, server.url);
  const seen = [];
  const paprika = [];
  const forward = (official, prefix, log) => async (route) => {
    const request = route.request();
    log.push({ url: request.url(), headers: await request.allHeaders() });
    const url = request.url().replace(official, `${replay.url}/${prefix}`);
    await answering(async () => {
      const response = await route.fetch({ url, headers: {} });
      let body = await response.text();
      if (edit && prefix === 'cg' && request.url().includes('/coins/markets') && response.status() === 200) body = edit(body);
      await route.fulfill({ status: response.status(), headers: response.headers(), body });
    });
  };
  await opened.context.route(`${COINGECKO}/**`, forward(COINGECKO, 'cg', seen));
  await opened.context.route(`${COINPAPRIKA}/**`, forward(COINPAPRIKA, 'paprika', paprika));
  return { ...opened, seen, paprika };
}

test('live prices replace the snapshot and say when they were fetched', async () => {
  await faults();
  const { context, page, problems, seen } = await livePage((body) => {
    const coins = JSON.parse(body);
    coins[0].current_price = 12345;
    return JSON.stringify(coins);
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('Live'), null, {
    timeout: 20_000,
  });
  assert.match(await page.getByTestId('data-source').innerText(), /Live · CoinGecko · fetched just now/);
  const btc = await page.locator('tr[data-id=bitcoin] td').allInnerTexts();
  assert.equal(btc[2], '$12,345.00');
  // The totals come from /global when CoinGecko answers.
  await page.getByTestId('market-totals').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=market-totals]')?.textContent.includes('/global'));
  assert.equal(await page.getByTestId('total-market-cap').innerText(), '$2.50T');
  assert.equal(await page.getByTestId('total-change').innerText(), '-1.25% 24 h');
  assert.equal(seen.filter((s) => s.url.includes('/coins/markets')).length, 1);
  assert.ok(!seen.some((r) => Object.keys(r.headers).some((h) => h.startsWith('x-cg'))), 'a key header without a key');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The requests for the market list (the page also asks for /global). */
const marketsOnly = (seen) => seen.filter((r) => r.url.includes('/coins/markets'));

/** Faults for several paths at once (after one reset). */
async function faultsAt(map) {
  await fetch(`${replay.url}/__reset`, { method: 'POST' });
  for (const [path, list] of Object.entries(map)) {
    await fetch(`${replay.url}/__faults`, { method: 'POST', body: JSON.stringify({ path, faults: list }) });
  }
}

test('a long rate limit at CoinGecko is not waited out: CoinPaprika answers instead', async () => {
  await faults('/cg/coins/markets', ['429:600']);
  const { context, page, seen, paprika, problems } = await livePage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('CoinPaprika'), null, {
    timeout: 20_000,
  });
  assert.match(await page.getByTestId('data-source').innerText(), /Live · CoinPaprika · fetched just now/);
  assert.equal(
    await page.getByTestId('fallback').innerText(),
    'CoinGecko could not be used (it is limiting requests); showing CoinPaprika instead',
  );
  // The documented CoinPaprika shape lists two coins, ranked.
  const ids = await page.locator('[data-testid=market-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(ids, ['btc-bitcoin', 'eth-ethereum']);
  assert.equal(marketsOnly(seen).length, 1, 'retried despite Retry-After beyond the limit');
  assert.equal(paprika.length, 1);
  // The browser logs the 429 itself; nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !p.includes('status of 429')), []);
  await context.close();
});

test('when every provider fails the snapshot stays, with each reason', async () => {
  await faultsAt({ '/cg/coins/markets': ['truncate'], '/paprika/tickers': ['404'] });
  const { context, page } = await livePage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.textContent.includes('could not read'), null, {
    timeout: 20_000,
  });
  assert.match(await page.getByTestId('data-source').innerText(), /Offline snapshot/);
  assert.equal(
    await page.getByTestId('live-status').textContent(),
    'CoinGecko sent data we could not read, so it was not shown; trying another source; ' +
      'CoinPaprika failed too (it refused the request, error 404)',
  );
  // The bundled history's list, 50 rows a page.
  assert.equal(await page.locator('[data-testid=market-table] tbody tr').count(), 50);
  await context.close();
});

test('a provider failing every attempt is named as down, and the fallback is used', async () => {
  // Every CoinGecko request fails (the market list and /global alike).
  await faultsAt({ '/cg/coins/markets': ['503', '503', '503', '503'], '/cg/global': ['503', '503', '503', '503'] });
  const { context, page, seen } = await livePage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('CoinPaprika'), null, {
    timeout: 30_000,
  });
  assert.equal(marketsOnly(seen).length, 4, 'one attempt and three retries');
  assert.match(await page.getByTestId('fallback').innerText(), /^CoinGecko could not be used \(error 503\); showing CoinPaprika instead$/);
  const alert = await page.getByTestId('provider-alerts').innerText();
  assert.match(alert, /^CoinGecko has failed the last \d+ attempts \(for \d+ s\); it looks down\. Other sources and saved data are used meanwhile\.$/);
  await page.screenshot({ path: join(root, 'test-results', 'market-fallback.png') });
  await context.close();
});

test('a saved demo key goes only to CoinGecko, in its header, and its use is logged without it', async () => {
  await faults();
  const { context, page, seen } = await livePage();
  await page.goto(`${server.url}settings`);
  await page.locator('input[name=api-key]').fill('CG-liveTestKey1234');
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Saved for this tab').waitFor();
  await page.getByRole('link', { name: 'Market' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('Live'), null, {
    timeout: 20_000,
  });
  assert.equal(marketsOnly(seen).length, 1);
  // The market totals (/global) come after the list, as the shared rate budget lets them.
  for (let i = 0; i < 100 && !seen.some((r) => r.url.includes('/global')); i++) await page.waitForTimeout(200);
  for (const r of seen) {
    assert.equal(r.headers['x-cg-demo-api-key'], 'CG-liveTestKey1234');
    assert.ok(!r.url.includes('liveTestKey'));
  }
  await page.getByRole('link', { name: 'Settings' }).click();
  const log = page.locator('table.data-table tbody tr');
  await log.first().waitFor();
  const rows = await log.allInnerTexts();
  assert.ok(rows.some((r) => /CoinGecko:\/coins\/markets/.test(r) && /\tok$/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /CoinGecko:\/global/.test(r)), rows.join('\n'));
  assert.ok(!(await page.content()).includes('liveTestKey'));
  await context.close();
});
