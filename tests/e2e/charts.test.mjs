// The token page's charts can be read and explored: dollar axes with
// thousands separators, several date labels, a crosshair whose card gives
// the day's date and price, level labels that never cover each other, range
// buttons that change the dates shown, and at a phone's width the same
// 12 px text (fewer ticks, not smaller text) on a page that does not scroll
// sideways. Offline: the bundled history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answering, openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = join(root, 'test-results');
const PRICE = '[data-testid=price-chart]';

const BINANCE = 'https://data-api.binance.vision/api/v3';
const COINBASE = 'https://api.exchange.coinbase.com';

let site;
before(async () => {
  mkdirSync(results, { recursive: true });
  site = await openSite({ replay: true });
});
after(() => site?.close());

/** /token/BTC at `width`, once its charts are drawn and the live candles have given up. */
async function open(width, height) {
  const opened = await openPage(site.browser, site.server.url);
  await opened.page.setViewportSize({ width, height });
  await opened.page.goto(`${site.server.url}token/BTC`);
  await opened.page.locator(`${PRICE} svg text`).first().waitFor({ timeout: 60_000 });
  await opened.page.waitForLoadState('networkidle').catch(() => {});
  await opened.page.waitForTimeout(300);
  return opened;
}

const texts = (page, selector) => page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent));

/** The tooltip's text after pointing at `fraction` of the price chart's width. */
async function hover(page, fraction) {
  const box = await page.locator(`${PRICE} .plot-area`).boundingBox();
  const at = { x: box.x + box.width * fraction, y: box.y + box.height / 2 };
  await page.mouse.move(at.x - 5, at.y);
  await page.mouse.move(at.x, at.y, { steps: 2 });
  const card = page.locator(`${PRICE} [data-testid=chart-tooltip]`);
  await card.waitFor({ timeout: 5_000 });
  return card.evaluate((g) => [...g.querySelectorAll('text')].map((t) => t.textContent));
}

function overlapping(boxes) {
  const pairs = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs.push([i, j]);
    }
  }
  return pairs;
}

test('the price chart has dollar axes, dates, a crosshair card, separate level labels and range buttons', async () => {
  const { context, page, problems } = await open(1366, 900);
  const prices = await texts(page, `${PRICE} .tick text:not(.date)`);
  assert.ok(prices.length >= 3, `value ticks: ${prices}`);
  for (const p of prices) assert.match(p, /^\$\d{1,3}(,\d{3})*(\.\d+)?$/, `a price axis label: ${p}`);
  assert.ok(prices.some((p) => p.includes(',')), `thousands separators: ${prices}`);
  const dates = await texts(page, `${PRICE} text.date`);
  assert.ok(dates.length >= 4, `date labels: ${dates}`);
  // Other panes: no exponent, no bare decimals of a float.
  for (const pane of ['rsi-chart', 'macd-chart', 'equity-chart']) {
    const labels = await texts(page, `[data-testid=${pane}] .tick text:not(.date)`);
    assert.ok(labels.length >= 2, `${pane}: ${labels}`);
    for (const l of labels) assert.doesNotMatch(l, /e[+-]?\d/, `${pane}: ${l}`);
  }
  assert.ok((await texts(page, '[data-testid=equity-chart] .tick text:not(.date)')).every((l) => l.endsWith('×')));

  // The crosshair: a date and a price in its card, and the signal.
  const card = await hover(page, 0.6);
  assert.match(card[0], /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, `card date: ${card}`);
  assert.ok(card.some((l) => /\$\d{1,3}(,\d{3})*\.\d\d/.test(l)), `card price: ${card}`);
  assert.ok(card.some((l) => /^Signal (bullish|bearish|neutral|unknown)$/.test(l)), `card signal: ${card}`);
  assert.ok(card.some((l) => /^RSI \d/.test(l)), `card RSI: ${card}`);
  // The panes below follow the same day.
  assert.equal(await page.locator('[data-testid=rsi-chart] .crosshair line').count(), 1);
  // Another day, another card.
  const later = await hover(page, 0.9);
  assert.notEqual(later[0], card[0]);
  await page.screenshot({ path: join(results, 'charts-1366.png'), fullPage: true });

  // The keyboard moves it too.
  await page.mouse.move(0, 0);
  await page.locator(`${PRICE} .plot-area`).focus();
  await page.keyboard.press('End');
  const last = await page.locator(`${PRICE} [data-testid=chart-tooltip] text`).first().textContent();
  await page.keyboard.press('ArrowLeft');
  const before = await page.locator(`${PRICE} [data-testid=chart-tooltip] text`).first().textContent();
  assert.notEqual(before, last);
  // Read aloud while the keyboard moves it (and not while a mouse does).
  assert.match(await page.locator(`${PRICE} [aria-live=polite]`).textContent(), new RegExp(`^${before}, Close \\$`));
  await page.keyboard.press('Escape');

  // Level labels never cover one another.
  const levels = await page.locator(`${PRICE} .level-label`).evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  assert.ok(levels.length >= 1, 'at least one level labelled');
  assert.deepEqual(overlapping(levels), []);
  // The legend names the markers and the level lines.
  const legend = await page.locator(`${PRICE} figcaption`).innerText();
  assert.match(legend, /turned (bullish|bearish)/);
  assert.match(legend, /support|resistance/);

  // The range buttons change the first date shown.
  const first = async () => (await texts(page, `${PRICE} text.date`))[0];
  const alt = async () => page.locator(`${PRICE} svg`).getAttribute('aria-label');
  const all = [await first(), await alt()];
  await page.locator(PRICE).getByTestId('range-1M').click();
  await page.waitForFunction((a) => document.querySelector('[data-testid=price-chart] svg').getAttribute('aria-label') !== a, all[1]);
  const month = [await first(), await alt()];
  assert.notEqual(month[0], all[0]);
  assert.equal(await page.locator(PRICE).getByTestId('range-1M').getAttribute('aria-pressed'), 'true');
  assert.match(month[1], /, 1[23] May 2025 to 12 Jun 2025\./);
  const rsiAlt = await page.locator('[data-testid=rsi-chart] svg').getAttribute('aria-label');
  assert.match(rsiAlt, /May 2025 to 12 Jun 2025/, 'the panes follow the range');
  await page.locator(PRICE).getByTestId('range-1Y').click();
  await page.waitForFunction((a) => document.querySelector('[data-testid=price-chart] svg').getAttribute('aria-label') !== a, month[1]);
  assert.match(await alt(), /, 1[23] Jun 2024 to 12 Jun 2025\./);
  await page.locator(PRICE).getByTestId('range-All').click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 390 px the charts keep 12 px text, show fewer ticks and fit the page', async () => {
  const wide = await open(1366, 900);
  const wideDates = (await texts(wide.page, `${PRICE} text.date`)).length;
  await wide.context.close();

  const { context, page, problems } = await open(390, 844);
  const sizes = await page.locator('figure.plot .tick text:not(.date), figure.plot text.date').evaluateAll((els) =>
    els.map((e) => ({ text: e.textContent, height: e.getBoundingClientRect().height })),
  );
  assert.ok(sizes.length > 0);
  for (const s of sizes) assert.ok(s.height >= 11, `"${s.text}" is ${s.height.toFixed(1)} px tall`);
  const dates = await texts(page, `${PRICE} text.date`);
  assert.ok(dates.length >= 3 && dates.length < wideDates, `${dates.length} date labels at 390 px, ${wideDates} at 1366 px`);
  // Date labels do not cover one another.
  const boxes = await page.locator(`${PRICE} text.date`).evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  assert.deepEqual(overlapping(boxes), []);
  // Compact dollars where room is short.
  for (const p of await texts(page, `${PRICE} .tick text:not(.date)`)) assert.match(p, /^\$[\d,.]+[KMB]?$/, p);
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    const over = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className} in ${el.closest('section')?.querySelector('h2')?.textContent}`);
    return { by: doc.scrollWidth - doc.clientWidth, over: over.slice(0, 6) };
  });
  assert.equal(overflow.by, 0, `no sideways scroll: ${overflow.over}`);
  // A tap shows the card.
  const card = await hover(page, 0.5);
  assert.match(card[0], /\d{4}$/);
  await page.screenshot({ path: join(results, 'charts-390.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on live candles the card gives the day\'s open, high, low and close, and the levels keep their labels apart', async () => {
  const { replay, server, browser } = site;
  await fetch(`${replay.url}/__reset`, { method: 'POST' });
  await fetch(`${replay.url}/__daily-candles`, { method: 'POST', body: '{}' });
  const { context, page, problems } = await openPage(browser, server.url);
  const forward = (official, prefix) => async (route) => {
    const url = route.request().url().replace(official, `${replay.url}/${prefix}`);
    await answering(async () => {
      const response = await route.fetch({ url, headers: {} });
      await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
    });
  };
  await context.route(`${BINANCE}/**`, forward(BINANCE, 'binance'));
  await context.route(`${COINBASE}/**`, forward(COINBASE, 'coinbase'));
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.url}token/BTC`);
  await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('Live'), null, { timeout: 60_000 });
  await page.locator(PRICE).getByTestId('range-3M').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=price-chart] .candle').length > 0);
  const card = await hover(page, 0.7);
  for (const name of ['Open', 'High', 'Low', 'Close']) {
    assert.ok(card.some((l) => new RegExp(`^${name} \\$\\d{1,3}(,\\d{3})*\\.\\d\\d$`).test(l)), `${name} in ${card}`);
  }
  const levels = await page.locator(`${PRICE} .level-label`).evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }));
  assert.ok(levels.length >= 2, `${levels.length} level labels`);
  assert.deepEqual(overlapping(levels), []);
  await page.screenshot({ path: join(results, 'charts-live-1366.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a touch screen at 390 px a tap shows the card, which stays when the finger lifts', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, serviceWorkers: 'block' });
  await context.route('**/*', (route) =>
    route.request().url().startsWith(site.server.url) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.goto(`${site.server.url}token/BTC`);
  await page.locator(`${PRICE} svg text`).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
  const box = await page.locator(`${PRICE} .plot-area`).boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height / 2);
  const card = page.locator(`${PRICE} [data-testid=chart-tooltip]`);
  await card.waitFor({ timeout: 5_000 });
  await page.waitForTimeout(300);
  assert.match(await card.locator('text').first().textContent(), /^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await context.close();
});
