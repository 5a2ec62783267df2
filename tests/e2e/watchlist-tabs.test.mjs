// The watchlist open in two tabs of one browser: an edit in one tab never
// drops what the other saved since it loaded (each edit re-reads the stored
// list), and each tab follows the other's changes and alerts (the `storage`
// event).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const LIST = 'tokenlens.watchlist';
const ALERTS = 'tokenlens.watchlist.alerts';
let server;
let browser;
let site;

before(async () => {
  // TOKENLENS_DIST: another build of the site to drive (default dist/).
  const dist = process.env.TOKENLENS_DIST && resolve(process.env.TOKENLENS_DIST);
  ({ server, browser } = site = await openSite(dist ? { dist } : {}));
});

after(() => site?.close());

const stored = async (page) => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), LIST));
const storedSymbols = async (page) => (await stored(page)).tokens.map((t) => t.symbol);
const rows = (page) =>
  page.locator('[data-testid=watchlist-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol));

async function waitForRows(page, symbols) {
  await page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll('[data-testid=watchlist-table] tbody tr')].map((tr) => tr.dataset.symbol)) ===
      JSON.stringify(want),
    symbols,
    { timeout: 60_000 },
  );
}

test('edits in one tab keep what another tab saved, and each tab shows the current list and alerts', async () => {
  const { context, page: a, problems } = await openPage(browser, server.url);
  // A switch to hide `storage` events from tab A, to check that an edit
  // re-reads the stored list even when the page was not told of a change.
  await context.addInitScript(() => {
    window.__muteStorage = false;
    window.addEventListener(
      'storage',
      (e) => {
        if (window.__muteStorage) e.stopImmediatePropagation();
      },
      true,
    );
  });
  await a.goto(server.url);
  await a.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [LIST, JSON.stringify({ format: 1, tokens: [{ symbol: 'ETH' }, { symbol: 'DOGE' }] })],
  );
  await a.goto(`${server.url}watchlist`);
  await waitForRows(a, ['ETH', 'DOGE']);

  // Tab B stars SOL on its token page; tab A shows it without a reload.
  const b = await context.newPage();
  b.on('pageerror', (err) => problems.push(`pageerror (tab B): ${err.message}`));
  await b.goto(`${server.url}token/SOL`);
  await b.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  await b.getByRole('button', { name: 'Watch SOL', exact: true }).click();
  assert.deepEqual(await storedSymbols(b), ['ETH', 'DOGE', 'SOL']);
  await waitForRows(a, ['ETH', 'DOGE', 'SOL']);

  // A rule set in tab A keeps SOL.
  await a.locator('tr[data-symbol=ETH] select[name=rule]').selectOption('trader-above');
  await a.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).tokens[0].alerts.threshold !== null, LIST);
  let list = await stored(a);
  assert.deepEqual(list.tokens.map((t) => t.symbol), ['ETH', 'DOGE', 'SOL']);
  assert.equal(list.tokens[0].alerts.threshold.grade, 'trader');

  // Tab A no longer hears of changes; tab B stars ADA and sets a rule on SOL.
  await a.evaluate(() => {
    window.__muteStorage = true;
  });
  await b.goto(`${server.url}token/ADA`);
  await b.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  await b.getByRole('button', { name: 'Watch ADA', exact: true }).click();
  await b.evaluate((key) => {
    const l = JSON.parse(localStorage.getItem(key));
    l.tokens.find((t) => t.symbol === 'SOL').alerts = { threshold: null, signal_flips: true };
    localStorage.setItem(key, JSON.stringify(l));
  }, LIST);
  assert.deepEqual(await rows(a), ['ETH', 'DOGE', 'SOL'], 'tab A was told of the change');

  // Removing DOGE and setting a rule in tab A still keeps ADA and SOL's rule.
  await a.getByRole('button', { name: 'Remove DOGE' }).click();
  list = await stored(a);
  assert.deepEqual(list.tokens.map((t) => t.symbol), ['ETH', 'SOL', 'ADA']);
  assert.equal(list.tokens[1].alerts.signal_flips, true);
  await a.locator('tr[data-symbol=ETH] input[name=flips]').check();
  list = await stored(a);
  assert.deepEqual(list.tokens.map((t) => t.symbol), ['ETH', 'SOL', 'ADA']);
  assert.equal(list.tokens[0].alerts.signal_flips, true);
  assert.equal(list.tokens[0].alerts.threshold.grade, 'trader');
  assert.equal(list.tokens[1].alerts.signal_flips, true);
  // What tab A shows is what it saved.
  await waitForRows(a, ['ETH', 'SOL', 'ADA']);

  // An import in tab A merges into the stored list, not the one it loaded.
  await b.evaluate((key) => {
    const l = JSON.parse(localStorage.getItem(key));
    l.tokens.push({ symbol: 'BNB' });
    localStorage.setItem(key, JSON.stringify(l));
  }, LIST);
  const file = { format: 1, tokens: [{ symbol: 'XRP' }] };
  await a.locator('input[name=import]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await a.getByTestId('import-message').filter({ hasText: 'Imported x.json: 1 tokens added' }).waitFor();
  assert.deepEqual(await storedSymbols(a), ['ETH', 'SOL', 'ADA', 'BNB', 'XRP']);
  await waitForRows(a, ['ETH', 'SOL', 'ADA', 'BNB', 'XRP']);

  // Heard again: tab B removes ADA and an alert is logged there; tab A shows both.
  await a.evaluate(() => {
    window.__muteStorage = false;
  });
  await b.goto(`${server.url}watchlist`);
  await waitForRows(b, ['ETH', 'SOL', 'ADA', 'BNB', 'XRP']);
  await b.getByRole('button', { name: 'Remove ADA' }).click();
  await waitForRows(a, ['ETH', 'SOL', 'BNB', 'XRP']);
  const alert = { symbol: 'SOL', date: '2025-06-12', reason: { kind: 'signal_flip', from: 'bearish', to: 'bullish' } };
  await b.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [ALERTS, JSON.stringify([{ at_ms: Date.now(), alert }])],
  );
  await a.locator('[data-testid=alerts] li[data-symbol=SOL]').waitFor({ timeout: 10_000 });
  assert.match(await a.getByTestId('alerts').innerText(), /SOL: signal flipped from bearish to bullish/);
  assert.deepEqual(problems, []);
  await context.close();
});
