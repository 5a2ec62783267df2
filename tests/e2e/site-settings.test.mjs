// The site settings in a real Chromium, offline (every provider request
// refused) and live (providers answered by the replay server): the data
// source (snapshot only means no provider request at all), the refresh
// interval (driven by Playwright's fake clock), the theme (data-theme on
// <html>, following prefers-color-scheme for "system"), clearing the saved
// provider responses without touching the watchlist, settings or keys, and
// settings read defensively from their one versioned key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage } from '../support/browser.mjs';
import { faultsAt, globalRequests, livePage, marketsRequests, waitForSource } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

const SETTINGS = 'tokenlens.settings';
const WATCHLIST = JSON.stringify({ format: 1, tokens: [{ symbol: 'ETH', alerts: { signal_flips: true } }] });
let server;
let replay;
let browser;
let site;

before(async () => {
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), SETTINGS);
const replayLog = async () => (await fetch(`${replay.url}/__log`)).json();
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK = 'rgb(15, 17, 21)';
const LIGHT = 'rgb(255, 255, 255)';

async function openSettings(page) {
  await page.goto(`${server.url}settings`);
  await page.getByRole('heading', { name: 'Data and display' }).waitFor({ timeout: 20_000 });
}

test('snapshot only: the market and screener pages ask no provider, live again when switched back', async () => {
  await faultsAt(replay);
  const { context, page, seen, problems } = await livePage(browser, server, replay);
  await openSettings(page);
  await page.getByRole('radio', { name: /Snapshot only/ }).check();
  await page.getByTestId('settings-status').waitFor();
  assert.equal((await stored(page)).source, 'snapshot');
  assert.equal((await stored(page)).version, 1);
  assert.ok(await page.locator('select[name=refresh]').isDisabled(), 'a refresh interval without live data');

  await page.getByRole('link', { name: 'Market' }).click();
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  assert.match(await page.getByTestId('data-source').innerText(), /Offline snapshot/);
  assert.match(await page.getByTestId('live-status').innerText(), /Snapshot only, as chosen in Settings/);
  assert.match(await page.getByTestId('market-totals').innerText(), /needs live data/);
  await page.getByRole('link', { name: 'Screener' }).click();
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('live-status').innerText(), /Snapshot only/);
  // The choice survives a reload.
  await page.reload();
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  assert.deepEqual(seen, [], 'a provider was asked');
  assert.deepEqual(await replayLog(), []);

  // Back to live: the market page asks the providers again.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /Live \(falls back to snapshot\)/ }).check();
  await page.getByRole('link', { name: 'Market' }).click();
  await waitForSource(page, 'Live');
  assert.equal(marketsRequests(seen).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('snapshot only offline: not one request leaves the site', async () => {
  const { context, page, offsite, problems } = await openPage(browser, server.url);
  await context.addInitScript((k) => localStorage.setItem(k, JSON.stringify({ version: 1, source: 'snapshot' })), SETTINGS);
  for (const path of ['', 'screener']) {
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('data-source').waitFor({ timeout: 60_000 });
  }
  await page.waitForTimeout(500);
  assert.deepEqual(offsite.filter((u) => !u.startsWith('data:')), []);
  assert.match(await page.getByTestId('data-source').innerText(), /Offline snapshot/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the refresh interval re-fetches live market data on schedule, and off means never', async () => {
  await faultsAt(replay);
  let served = 0;
  const { context, page, seen, problems } = await livePage(browser, server, replay, {
    edit: (body, url) => {
      if (!url.includes('/coins/markets')) return body;
      served += 1;
      const coins = JSON.parse(body);
      coins[0].current_price = 10_000 + served;
      return JSON.stringify(coins);
    },
  });
  await page.clock.install();
  await openSettings(page);
  await page.locator('select[name=refresh]').selectOption('1');
  assert.equal((await stored(page)).refresh_minutes, 1);
  await page.getByRole('link', { name: 'Market' }).click();
  await waitForSource(page, 'Live');
  const btcPrice = () => page.locator('tr[data-id=bitcoin] td').nth(2).innerText();
  assert.equal(await btcPrice(), '$10,001.00');
  await page.getByTestId('market-totals').filter({ hasText: '/global' }).waitFor();
  assert.equal(marketsRequests(seen).length, 1);
  assert.equal(globalRequests(seen).length, 1);

  // A minute later the list and the totals come again from the network
  // (the list's cached copy is still fresh: the refresh does not use it).
  await page.clock.runFor(61_000);
  await page.waitForFunction(() => document.querySelector('tr[data-id=bitcoin]')?.innerText.includes('$10,002.00'), null, {
    timeout: 20_000,
  });
  assert.equal(marketsRequests(seen).length, 2);
  for (let i = 0; i < 100 && globalRequests(seen).length < 2; i++) await page.waitForTimeout(100);
  assert.equal(globalRequests(seen).length, 2);

  // Off: no request however long the page stays open.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('select[name=refresh]').selectOption('0');
  await page.getByRole('link', { name: 'Market' }).click();
  await waitForSource(page, 'Live');
  await page.clock.runFor(20 * 60_000);
  await page.waitForTimeout(500);
  assert.equal(marketsRequests(seen).length, 2, seen.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the theme: system follows prefers-color-scheme, light and dark override it, and the choice is kept', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openSettings(page);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  assert.equal(await theme(), 'system');
  assert.ok(await page.getByRole('radio', { name: 'System' }).isChecked());
  assert.equal(await background(page), DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(page), LIGHT);

  await page.getByRole('radio', { name: 'Dark' }).check();
  assert.equal(await theme(), 'dark');
  assert.equal(await background(page), DARK, 'dark while the system prefers light');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), 'dark');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'Light' }).check();
  assert.equal(await theme(), 'light');
  assert.equal(await background(page), LIGHT, 'light while the system prefers dark');
  assert.equal((await stored(page)).theme, 'light');

  // Kept across a reload, from the first paint (theme.js runs before the app).
  await page.reload({ waitUntil: 'domcontentloaded' });
  assert.equal(await theme(), 'light');
  await page.getByRole('heading', { name: 'Data and display' }).waitFor({ timeout: 20_000 });
  assert.ok(await page.getByRole('radio', { name: 'Light' }).isChecked());
  assert.equal(await background(page), LIGHT);
  assert.deepEqual(problems, []);
  await context.close();
});

test('unreadable settings fall back to defaults, field by field, and never cost other data', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(server.url);
  await page.evaluate(
    ([k, list]) => {
      localStorage.setItem(k, '{"version": 1, "source": "snap');
      localStorage.setItem('tokenlens.watchlist', list);
    },
    [SETTINGS, WATCHLIST],
  );
  await openSettings(page);
  assert.ok(await page.getByRole('radio', { name: /Live \(falls back/ }).isChecked());
  assert.ok(await page.getByRole('radio', { name: 'System' }).isChecked());
  assert.equal(await page.locator('select[name=refresh]').inputValue(), '0');

  // A bad field costs only that field.
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ version: 1, source: 'snapshot', refresh_minutes: 7, theme: 'neon', extra: 'kept' })), SETTINGS);
  await page.reload();
  await page.getByRole('heading', { name: 'Data and display' }).waitFor({ timeout: 20_000 });
  assert.ok(await page.getByRole('radio', { name: /Snapshot only/ }).isChecked());
  assert.ok(await page.getByRole('radio', { name: 'System' }).isChecked());
  await page.getByRole('radio', { name: 'Dark' }).check();
  assert.deepEqual(await stored(page), { version: 1, source: 'snapshot', refresh_minutes: 0, theme: 'dark', extra: 'kept' });
  assert.equal(await page.evaluate(() => localStorage.getItem('tokenlens.watchlist')), WATCHLIST);
  await page.getByRole('link', { name: 'Watchlist' }).click();
  await page.locator('[data-testid=watchlist-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

/** Entries in the site's IndexedDB response cache. */
const cachedResponses = (page) =>
  page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('tokenlens-cache');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('responses')) return ok(0), db.close();
          const count = db.transaction('responses').objectStore('responses').count();
          count.onsuccess = () => (ok(count.result), db.close());
          count.onerror = () => fail(count.error);
        };
      }),
  );

const storageDump = (page) =>
  page.evaluate(() => {
    const dump = (s) => Object.fromEntries(Object.keys(s).sort().map((k) => [k, s.getItem(k)]));
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });

test('clear cache removes the saved provider responses and keeps the watchlist, settings and keys', async () => {
  await faultsAt(replay);
  const { context, page, seen, problems } = await livePage(browser, server, replay);
  await openSettings(page);
  await page.evaluate((list) => {
    localStorage.setItem('tokenlens.watchlist', list);
    localStorage.setItem('tokenlens.key.vault', 'v1.600000.c2FsdA.aXY.Y2lwaGVy');
  }, WATCHLIST);
  await page.locator('input[name=api-key]').fill('CG-clearCacheKey1234');
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Saved for this tab').waitFor();
  await page.getByRole('radio', { name: 'Dark' }).check();

  await page.getByRole('link', { name: 'Market' }).click();
  await waitForSource(page, 'Live');
  await page.getByTestId('market-totals').filter({ hasText: '/global' }).waitFor();
  assert.equal(await cachedResponses(page), 2, 'the market list and /global are saved');
  // Within their freshness the saved answers are used without a request.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Market' }).click();
  await waitForSource(page, 'Live');
  assert.equal(marketsRequests(seen).length, 1);

  await page.getByRole('link', { name: 'Settings' }).click();
  const before = await storageDump(page);
  await page.getByRole('button', { name: 'Clear cache' }).click();
  assert.match(await page.getByTestId('cache-status').innerText(), /Saved market data removed/);
  assert.equal(await cachedResponses(page), 0);
  assert.deepEqual(await storageDump(page), before);
  assert.match(await page.getByTestId('key-status').innerText(), /demo key …1234/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');

  // The next visit asks the provider again.
  await page.getByRole('link', { name: 'Market' }).click();
  await waitForSource(page, 'Live');
  assert.equal(marketsRequests(seen).length, 2);
  await page.reload();
  await page.getByRole('link', { name: 'Watchlist' }).click();
  await page.locator('[data-testid=watchlist-table] tbody tr[data-symbol=ETH], [data-testid=watchlist-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => localStorage.getItem('tokenlens.watchlist')), WATCHLIST);
  assert.deepEqual(problems, []);
  await context.close();
});
