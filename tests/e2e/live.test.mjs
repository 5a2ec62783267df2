// Live prices in a real Chromium: requests to CoinGecko are answered by the
// replay server (recorded responses, injected faults) through Playwright's
// routing, so the page and its CSP are exactly what ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { startReplayServer } from '../feeds/replay-server.mjs';
import { launch, openPage } from '../support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COINGECKO = 'https://api.coingecko.com/api/v3';
let server;
let replay;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'));
  replay = await startReplayServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await replay?.close();
  await server?.close();
});

async function faults(path, list) {
  await fetch(`${replay.url}/__reset`, { method: 'POST' });
  if (list) await fetch(`${replay.url}/__faults`, { method: 'POST', body: JSON.stringify({ path, faults: list }) });
}

/** A page whose CoinGecko requests go to the replay server; records them. */
async function livePage(edit) {
  const opened = await openPage(browser, server.url);
  const seen = [];
  await opened.context.route(`${COINGECKO}/**`, async (route) => {
    const request = route.request();
    seen.push({ url: request.url(), headers: await request.allHeaders() });
    const url = request.url().replace(COINGECKO, `${replay.url}/cg`);
    const response = await route.fetch({ url, headers: {} });
    let body = await response.text();
    if (edit && response.status() === 200) body = edit(body);
    await route.fulfill({ status: response.status(), headers: response.headers(), body });
  });
  return { ...opened, seen };
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
  assert.equal(seen.length, 1);
  assert.ok(!Object.keys(seen[0].headers).some((h) => h.startsWith('x-cg')), 'a key header without a key');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long rate limit keeps the snapshot and says when it will retry', async () => {
  await faults('/cg/coins/markets', ['429:600']);
  const { context, page, seen } = await livePage();
  await page.goto(server.url);
  const status = page.getByTestId('live-status');
  await page.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.textContent.includes('limiting'), null, {
    timeout: 20_000,
  });
  assert.match(await status.innerText(), /CoinGecko is limiting requests; showing the last data we have and retrying in 10 min/);
  assert.equal(await page.locator('[data-testid=market-table] tbody tr').count(), 250);
  assert.equal(seen.length, 1, 'retried despite Retry-After beyond the limit');
  await context.close();
});

test('a truncated answer is refused and the snapshot stays', async () => {
  await faults('/cg/coins/markets', ['truncate']);
  const { context, page } = await livePage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.textContent.includes('could not read'), null, {
    timeout: 20_000,
  });
  assert.match(await page.getByTestId('data-source').innerText(), /Offline snapshot/);
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
  assert.equal(seen.length, 1);
  assert.equal(seen[0].headers['x-cg-demo-api-key'], 'CG-liveTestKey1234');
  assert.ok(!seen[0].url.includes('liveTestKey'));
  await page.getByRole('link', { name: 'Settings' }).click();
  const log = page.locator('table.data-table tbody tr');
  await log.first().waitFor();
  const row = await log.first().innerText();
  assert.match(row, /CoinGecko:\/coins\/markets/);
  assert.match(row, /ok/);
  assert.ok(!(await page.content()).includes('liveTestKey'));
  await context.close();
});
