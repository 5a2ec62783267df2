// Offline, the whole site has one "now": the header's badge names the
// bundled date on every route and no page contradicts it. With providers out
// of reach, the market page, the screener and a token page fall back at once
// to one quiet notice (the reasons behind "Details"), and its Retry brings
// live data when the network is back, the badge then saying "Live".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answering, openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = join(root, 'test-results');
const BUNDLED = '2025-06-12';
const BADGE = 'Offline · data as of 12 Jun 2025';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOSTS = {
  'https://api.coingecko.com/api/v3': 'cg',
  'https://api.coinpaprika.com/v1': 'paprika',
  'https://data-api.binance.vision/api/v3': 'binance',
  'https://api.exchange.coinbase.com': 'coinbase',
};

let site;
before(async () => {
  mkdirSync(results, { recursive: true });
  site = await openSite({ replay: true });
});
after(() => site?.close());

// When the badge, the first heading and the notice first showed (ms since navigation).
const TIMES = () => {
  window.__seen = {};
  const mark = () => {
    for (const [name, sel] of [['h1', 'main h1'], ['badge', '[data-testid=data-badge]'], ['notice', '[data-testid=offline-notice]'], ['price', '[data-testid=header-price]'], ['summary', '[data-testid=summary]']]) {
      if (window.__seen[name] === undefined && document.querySelector(sel)) window.__seen[name] = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
};

/** Every date written on the page, as YYYY-MM-DD. */
async function datesOn(page) {
  const text = await page.locator('body').innerText();
  const iso = [...text.matchAll(/\b(20\d\d)-(\d\d)-(\d\d)\b/g)].map((m) => m[0]);
  const words = [...text.matchAll(/\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (20\d\d)\b/g)].map(
    (m) => `${m[3]}-${String(MONTHS.indexOf(m[2]) + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`,
  );
  // What a page says its figures are "as of" or "from".
  const claimed = [...text.matchAll(/\b(?:as of|data from|on) (20\d\d-\d\d-\d\d|\d{1,2} [A-Z][a-z]{2} 20\d\d)\b/g)].map((m) => m[1]);
  return { all: [...iso, ...words], claimed };
}

test('offline, every route names the same bundled date once, in the header, and no page contradicts it', async () => {
  const { context, page, problems } = await openPage(site.browser, site.server.url);
  const routes = ['', 'screener', 'token/BTC', 'token/ETH', 'narratives', 'moonshots', 'watchlist', 'settings', 'evidence', 'no-such-page'];
  const badges = {};
  for (const route of routes) {
    await page.goto(`${site.server.url}${route}`);
    await page.waitForFunction((t) => document.querySelector('[data-testid=data-badge]')?.textContent === t, BADGE, { timeout: 30_000 });
    await page.locator('main h1').first().waitFor({ timeout: 30_000 }).catch(() => {});
    await page.waitForTimeout(route === 'evidence' ? 3000 : 500);
    badges[route] = await page.getByTestId('data-badge').innerText();
    assert.equal(await page.getByTestId('data-badge').count(), 1, `/${route}: one badge`);
    const { all, claimed } = await datesOn(page);
    for (const d of all) assert.ok(d <= BUNDLED, `/${route}: ${d} is after the bundled date`);
    for (const c of claimed) assert.ok(c === BUNDLED || c === '12 Jun 2025', `/${route}: figures said to be of ${c}`);
  }
  assert.deepEqual(new Set(Object.values(badges)), new Set([BADGE]), JSON.stringify(badges));

  // The badge links to what the date means.
  await page.goto(`${site.server.url}narratives`);
  await page.getByTestId('data-badge').click();
  await page.waitForURL(/\/settings#data$/);
  const about = page.getByTestId('about-data');
  await about.waitFor();
  assert.match(await about.innerText(), /daily closes up to 12 Jun 2025/);
  assert.ok(await about.isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

/** Sends the provider hosts to the replay server from now on. */
async function networkBack(context) {
  await fetch(`${site.replay.url}/__reset`, { method: 'POST' });
  await fetch(`${site.replay.url}/__daily-candles`, { method: 'POST', body: '{}' });
  for (const [official, prefix] of Object.entries(HOSTS)) {
    await context.route(`${official}/**`, async (route) => {
      const url = route.request().url().replace(official, `${site.replay.url}/${prefix}`);
      await answering(async () => {
        const response = await route.fetch({ url, headers: {} });
        await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
      });
    });
  }
}

for (const [route, what, ready] of [
  ['', 'market page', '[data-testid=market-table] tbody tr'],
  ['screener', 'screener', '[data-testid=screener-table] tbody tr'],
  ['token/ETH', 'token page', '[data-testid=summary]'],
]) {
  test(`offline, the ${what} falls back to one quiet notice within 2 s; Details says why, Retry brings live data`, async () => {
    const { context, page, problems } = await openPage(site.browser, site.server.url);
    await context.addInitScript(TIMES);
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto(`${site.server.url}${route}`);
      const notice = page.getByTestId('offline-notice');
      await notice.waitFor({ timeout: 10_000 });
      const seen = await page.evaluate(() => window.__seen);
      console.log(`${what} at ${width}: heading ${Math.round(seen.h1)} ms, notice ${Math.round(seen.notice)} ms after navigation`);
      assert.ok(seen.notice - seen.h1 < 2000, `notice ${Math.round(seen.notice - seen.h1)} ms after the page started`);
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      assert.match(await notice.innerText(), /^Showing bundled data from 12 Jun 2025 — live (prices|candles) unavailable\. Retry/);
      // One notice: no red, amber or orange boxes besides it.
      await page.waitForTimeout(1500);
      assert.equal(await notice.count(), 1);
      assert.equal(await page.locator('[role=alert]:visible, .section-error:visible, section.alerts:visible').count(), 0);
      assert.equal(await page.locator('[data-testid=live-status]:visible, [data-testid=live-progress]:visible').count(), 0);
      const shot = `offline-${route.replace(/\W+/g, '_') || 'market'}-${width}.png`;
      await page.screenshot({ path: join(results, shot) });
      // Details: the providers' reasons.
      await notice.getByText('Details').click();
      const details = page.getByTestId('offline-details');
      await page.waitForFunction(() => /could not be reached/.test(document.querySelector('[data-testid=offline-details]')?.innerText ?? ''), null, {
        timeout: 10_000,
      });
      assert.match(await details.innerText(), /could not be reached/);
      await page.screenshot({ path: join(results, shot.replace('.png', '-details.png')) });
    }
    // The network is back: Retry brings live data, the badge says so. The
    // rate budget is the browser's, and both loads' failed attempts spent it:
    // the screener's four pages of the list come at CoinGecko's keyless rate.
    await networkBack(context);
    await page.getByTestId('offline-notice').getByRole('button', { name: /^Retry the (market list|live market list|live candles)$/ }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=offline-notice]'), null, { timeout: 90_000 });
    await page.waitForFunction(() => /^Live · updated \d\d:\d\d$/.test(document.querySelector('[data-testid=data-badge]')?.textContent ?? ''), null, {
      timeout: 30_000,
    });
    assert.match(await page.getByTestId('data-source').first().innerText(), /^Live/);
    await page.screenshot({ path: join(results, `offline-${route.replace(/\W+/g, '_') || 'market'}-retried.png`) });
    // Leaving for a page of bundled data puts the badge back on its date.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Narratives' }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=data-badge]')?.textContent === t, BADGE, { timeout: 30_000 });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('offline, a symbol not in the bundled universe says so first, with the one notice', async () => {
  const { context, page } = await openPage(site.browser, site.server.url);
  await page.goto(`${site.server.url}token/NOSUCHCOIN`);
  const missing = page.getByTestId('token-missing');
  await missing.waitFor({ timeout: 10_000 });
  assert.match(await missing.innerText(), /^NOSUCHCOIN is not in the bundled universe/);
  await page.getByTestId('offline-notice').waitFor({ timeout: 10_000 });
  // No bundled data to speak of for it: the notice does not claim any.
  assert.match(await page.getByTestId('offline-notice').innerText(), /^No live candles for it either — unavailable right now\. Retry/);
  assert.equal(await page.getByTestId('token-header-loading').count(), 0, 'no placeholder left waiting');
  assert.equal(await page.locator('[role=alert]:visible').count(), 0);
  await page.screenshot({ path: join(results, 'offline-token-missing.png') });
  const order = await page.evaluate(() => {
    const main = document.querySelector('main').innerText;
    return [main.indexOf('not in the bundled universe'), main.search(/Binance|Coinbase/)];
  });
  assert.ok(order[1] === -1 || order[0] < order[1], 'the universe first');
  await context.close();
});

test('offline, the token page header (name, price, 24 h change, grades, signal and its age, ☆) shows within 1 s', async () => {
  const { context, page, problems } = await openPage(site.browser, site.server.url);
  await context.addInitScript(TIMES);
  const took = [];
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.goto(`${site.server.url}token/ETH`);
    const header = page.getByTestId('token-header');
    await header.locator('[data-testid=header-price]').waitFor({ timeout: 10_000 });
    const seen = await page.evaluate(() => window.__seen);
    took.push(Math.round(seen.price));
    console.log(`token header at ${width}: heading ${Math.round(seen.h1)} ms, figures ${Math.round(seen.price)} ms after navigation`);
    assert.ok(seen.price < 1000, `header figures ${Math.round(seen.price)} ms after navigation`);
    // The bundled analysis below it at once too, not after the live candles' retries.
    await page.getByTestId('summary').waitFor({ timeout: 10_000 });
    const summary = await page.evaluate(() => window.__seen.summary);
    assert.ok(summary < 1500, `analysis ${Math.round(summary)} ms after navigation`);
    const text = await header.innerText();
    assert.match(text, /^Ethereum ETH/);
    assert.match(await header.getByTestId('header-price').innerText(), /^\$\d{1,3}(,\d{3})*\.\d\d$/);
    const change = header.getByTestId('header-change');
    assert.match(await change.innerText(), /^[+-]\d+\.\d%$/);
    assert.match(await change.getAttribute('class'), (await change.innerText()).startsWith('+') ? /\bup\b/ : /\bdown\b/);
    assert.match(await header.getByTestId('header-trader-grade').innerText(), /^Trader Grade \d+$/);
    assert.match(await header.getByTestId('header-investor-grade').innerText(), /^Investor Grade \d+$/);
    assert.match(await header.getByTestId('header-signal').innerText(), /^Signal (bullish|bearish|neutral) (since today|for \d+ days?)$/);
    assert.equal(await header.getByRole('button', { name: 'Watch ETH' }).count(), 1);
    await page.screenshot({ path: join(results, `token-header-${width}.png`) });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a token page downloads its own part of the history, the screener none; the whole history stands in only when that part cannot be fetched', async () => {
  const { context, page, problems } = await openPage(site.browser, site.server.url);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const histories = () => requested.filter((p) => /\/assets\/(tokens\/|history\.json)/.test(p));
  await page.goto(`${site.server.url}token/ETH`);
  await page.getByTestId('summary').waitFor({ timeout: 10_000 });
  await page.getByTestId('evidence-line').getByRole('link', { name: 'The evidence' }).waitFor({ timeout: 10_000 });
  const grade = await page.getByTestId('header-trader-grade').innerText();
  assert.deepEqual(histories(), ['/assets/tokens/ETH.json']);

  await page.goto(`${site.server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 10_000 });
  assert.deepEqual(histories(), ['/assets/tokens/ETH.json'], 'the screener reads its rows of the last date');

  // Offline with this token's file not kept: the whole history, the same analysis.
  requested.length = 0;
  await page.route('**/assets/tokens/ETH.json', (route) => route.abort('internetdisconnected'));
  await page.goto(`${site.server.url}token/ETH`);
  await page.getByTestId('summary').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('header-trader-grade').innerText(), grade);
  assert.deepEqual(histories(), ['/assets/tokens/ETH.json', '/assets/history.json']);
  assert.deepEqual(problems.filter((p) => !/ETH\.json|ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await context.close();
});
