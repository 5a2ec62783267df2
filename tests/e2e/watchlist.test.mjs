// The watchlist in a real Chromium: tokens added with the ☆ button on the
// screener and token pages, kept in localStorage across reloads, exported
// and imported as JSON (a bad file never touches the list), and alerts
// fired on a scripted change, in the page and as a system notification.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LIST = 'tokenlens.watchlist';
const SEEN = 'tokenlens.watchlist.seen';
let server;
let browser;
let site;

before(async () => {
  ({ server, browser } = site = await openSite());
});

after(() => site?.close());

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);
const watchedSymbols = (page) =>
  page.locator('[data-testid=watchlist-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.symbol));

async function openWatchlist(page) {
  await page.goto(`${server.url}watchlist`);
  await page.getByTestId('data-source').waitFor({ timeout: 60_000 });
}

test('tokens starred on the screener and a token page are watched, graded and kept across reloads', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  await page.locator('input[name=search]').fill('eth');
  const star = page.getByRole('button', { name: 'Watch ETH', exact: true });
  assert.equal(await star.getAttribute('aria-pressed'), 'false');
  assert.equal(await star.innerText(), '☆');
  await star.click();
  assert.equal(await star.getAttribute('aria-pressed'), 'true');
  assert.equal(await star.innerText(), '★');
  const ethGrade = Number.parseInt(
    await page.locator('[data-testid=screener-table] tr[data-symbol=ETH] td.grade').innerText(),
    10,
  );

  await page.goto(`${server.url}token/SOL`);
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  const solStar = page.getByRole('button', { name: 'Watch SOL', exact: true });
  await solStar.click();
  assert.equal(await solStar.getAttribute('aria-pressed'), 'true');
  const list = JSON.parse(await stored(page, LIST));
  assert.deepEqual(list.tokens.map((t) => t.symbol), ['ETH', 'SOL']);

  await openWatchlist(page);
  await page.locator('[data-testid=watchlist-table] tbody tr').first().waitFor();
  assert.deepEqual(await watchedSymbols(page), ['ETH', 'SOL']);
  const eth = page.locator('[data-testid=watchlist-table] tr[data-symbol=ETH]');
  assert.equal(Number.parseInt(await eth.locator('td.grade').innerText(), 10), ethGrade);
  assert.match(await eth.locator('.signal').innerText(), /^(bullish|bearish|neutral)$/);
  assert.match(await eth.locator('td').nth(4).innerText(), /^\d+$/);

  // Survives a reload; removing is saved too; the star agrees.
  await page.reload();
  await page.locator('[data-testid=watchlist-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(await watchedSymbols(page), ['ETH', 'SOL']);
  await page.screenshot({ path: join(root, 'test-results/watchlist.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(root, 'test-results/watchlist-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Remove SOL' }).click();
  assert.deepEqual(await watchedSymbols(page), ['ETH']);
  await page.reload();
  await page.locator('[data-testid=watchlist-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(await watchedSymbols(page), ['ETH']);
  await page.goto(`${server.url}token/SOL`);
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('button', { name: 'Watch SOL' }).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('export writes the list; a bad import says why and keeps the list; a good one merges', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(server.url);
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [LIST, JSON.stringify({ format: 1, tokens: [{ symbol: 'ETH', alerts: { threshold: null, signal_flips: true } }, { symbol: 'DOGE' }] })],
  );
  await openWatchlist(page);
  await page.locator('[data-testid=watchlist-table] tbody tr').first().waitFor();
  assert.deepEqual(await watchedSymbols(page), ['ETH', 'DOGE']);
  assert.equal(await page.locator('tr[data-symbol=ETH] input[name=flips]').isChecked(), true);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.equal(download.suggestedFilename(), 'tokenlens-watchlist.json');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.format, 1);
  assert.deepEqual(exported.tokens.map((t) => t.symbol), ['ETH', 'DOGE']);
  assert.equal(exported.tokens[0].alerts.signal_flips, true);

  const before = await stored(page, LIST);
  const bad = [
    ['broken.json', '{"format": 1, "tokens": [', /broken\.json was not imported: this is not a tokenlens watchlist file/],
    ['symbol.json', JSON.stringify({ format: 1, tokens: [{ symbol: 'ADA' }, { symbol: '<img>' }] }), /token 2: "<img>" is not an upper-case ticker/],
    ['twice.json', JSON.stringify({ format: 1, tokens: [{ symbol: 'ADA' }, { symbol: 'ADA' }] }), /ADA is listed twice/],
    ['level.json', JSON.stringify({ format: 1, tokens: [{ symbol: 'ADA', alerts: { threshold: { grade: 'trader', crossing: 'above', level: 140 } } }] }), /140 is not on the 0–100 grade scale/],
    ['format.json', JSON.stringify({ format: 9, tokens: [] }), /this version reads 1/],
  ];
  for (const [name, text, why] of bad) {
    await page.locator('input[name=import]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const message = page.getByRole('alert').filter({ hasText: name });
    await message.waitFor();
    const said = await message.innerText();
    assert.match(said, why);
    assert.match(said, /Your watchlist was left as it was/);
    assert.equal(await stored(page, LIST), before, name);
    assert.deepEqual(await watchedSymbols(page), ['ETH', 'DOGE'], name);
  }

  const good = { format: 1, tokens: [{ symbol: 'BTC', alerts: { threshold: { grade: 'trader', crossing: 'below', level: 40 }, signal_flips: false } }, { symbol: 'ETH', alerts: { threshold: null, signal_flips: false } }] };
  await page.locator('input[name=import]').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.getByTestId('import-message').filter({ hasText: 'Imported good.json: 1 tokens added' }).waitFor();
  await page.locator('[data-testid=watchlist-table] tr[data-symbol=BTC]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await watchedSymbols(page), ['ETH', 'DOGE', 'BTC']);
  assert.equal(await page.locator('tr[data-symbol=BTC] select[name=rule]').inputValue(), 'trader-below');
  assert.equal(await page.locator('tr[data-symbol=BTC] input[name=level]').inputValue(), '40');
  assert.equal(await page.locator('tr[data-symbol=ETH] input[name=flips]').isChecked(), false);
  const saved = JSON.parse(await stored(page, LIST));
  assert.deepEqual(saved.tokens.map((t) => t.symbol), ['ETH', 'DOGE', 'BTC']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an alert fires on a scripted flip: in the page and as a notification, once', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await context.grantPermissions(['notifications'], { origin: server.url.replace(/\/$/, '') });
  await context.addInitScript(() => {
    const Original = window.Notification;
    window.__notifications = [];
    window.__permissionRequests = 0;
    class Recorded {
      constructor(title, options) {
        window.__notifications.push({ title, body: options?.body });
        try {
          return new Original(title, options);
        } catch {
          return {};
        }
      }
      static get permission() {
        return Original.permission;
      }
      static requestPermission(...args) {
        window.__permissionRequests += 1;
        return Original.requestPermission(...args);
      }
    }
    window.Notification = Recorded;
  });
  await page.goto(server.url);
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [LIST, JSON.stringify({ format: 1, tokens: [{ symbol: 'ETH', alerts: { threshold: null, signal_flips: true } }] })],
  );
  // First visit: the state is recorded, nothing fires (a first sighting).
  await openWatchlist(page);
  await page.locator('tr[data-symbol=ETH]').waitFor();
  assert.match(await page.getByTestId('alerts').innerText(), /No alert yet/);
  assert.equal(await page.getByTestId('notifications').innerText(), 'Notifications on');
  const seen = JSON.parse(await stored(page, SEEN));
  const now = seen.tokens.ETH;
  assert.ok(now, 'ETH was not recorded');
  assert.ok(now.trader_grade > 0, 'ETH has no grade to cross');

  // Script the previous state: the other signal and a grade of 0, with a
  // threshold between the two.
  const other = now.signal === 'bullish' ? 'bearish' : 'bullish';
  const level = Math.max(1, Math.floor(now.trader_grade / 2));
  seen.tokens.ETH = { ...now, trader_grade: 0, signal: other };
  await page.evaluate(
    ([listKey, list, seenKey, s]) => {
      localStorage.setItem(listKey, list);
      localStorage.setItem(seenKey, s);
    },
    [LIST, JSON.stringify({ format: 1, tokens: [{ symbol: 'ETH', alerts: { threshold: { grade: 'trader', crossing: 'above', level }, signal_flips: true } }] }), SEEN, JSON.stringify(seen)],
  );
  await page.reload();
  const log = page.locator('[data-testid=alerts] [role=status] li');
  await log.first().waitFor({ timeout: 60_000 });
  const messages = await log.allInnerTexts();
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.match(messages[0], new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z · ETH: Trader Grade crossed above ${level} \\(0 → \\d+\\)`));
  assert.match(messages[1], new RegExp(`ETH: signal flipped from ${other} to ${now.signal} \\(data of ${now.date}\\)`));
  const notes = await page.evaluate(() => window.__notifications);
  assert.deepEqual(notes.map((n) => n.title), ['tokenlens alert', 'tokenlens alert']);
  assert.match(notes[1].body, /ETH: signal flipped/);

  // The new state is saved: the same data fires nothing more.
  await page.reload();
  await page.locator('tr[data-symbol=ETH]').waitFor({ timeout: 60_000 });
  await log.first().waitFor();
  assert.equal(await log.count(), 2);
  assert.equal((await page.evaluate(() => window.__notifications)).length, 0);
  assert.equal(await page.evaluate(() => window.__permissionRequests), 0);
  await page.getByTestId('alerts').screenshot({ path: join(root, 'test-results/watchlist-alerts.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('notifications are asked for only on the button, never on load', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await context.addInitScript(() => {
    window.__permissionRequests = 0;
    const original = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = (...args) => {
      window.__permissionRequests += 1;
      return original(...args);
    };
  });
  await openWatchlist(page);
  assert.match(await page.getByTestId('empty').innerText(), /empty/);
  const ask = page.getByRole('button', { name: 'Allow notifications' });
  await ask.waitFor();
  assert.equal(await page.evaluate(() => window.__permissionRequests), 0);
  await ask.click();
  await page.waitForFunction(() => window.__permissionRequests === 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a damaged saved list is reported and left as it is', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(server.url);
  await page.evaluate((key) => localStorage.setItem(key, '{"format": 1, "tokens": [{"symbol": "ETH"'), LIST);
  await openWatchlist(page);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^The saved watchlist cannot be read: .*left as it is until you import a list/);
  await page.goto(`${server.url}token/ETH`);
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  const star = page.getByRole('button', { name: 'Watch ETH' });
  assert.equal(await star.isDisabled(), true);
  assert.equal(await stored(page, LIST), '{"format": 1, "tokens": [{"symbol": "ETH"');
  assert.deepEqual(problems, []);
  await context.close();
});
