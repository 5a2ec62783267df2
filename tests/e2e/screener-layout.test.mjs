// The screener as a product on a desktop and a phone: the table scrolls in its
// own box with its header and token column held in place, the filters fold
// behind one button on a phone, and an empty result says which filter emptied
// it with a one-click way back. And the header's search, on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

let server;
let browser;
let site;

before(async () => {
  ({ server, browser } = site = await openSite());
});

after(() => site?.close());

const ROWS = '[data-testid=screener-table] tbody tr';

async function openScreener(path, viewport = { width: 1366, height: 900 }, rows = ROWS) {
  const opened = await openPage(browser, server.url);
  await opened.page.setViewportSize(viewport);
  await opened.page.goto(`${server.url}${path}`);
  await opened.page.locator(rows).first().waitFor({ timeout: 60_000 });
  return opened;
}

test('the table scrolls in its box: the header row and the token column stay in view', async () => {
  const { context, page, problems } = await openScreener('screener', { width: 1366, height: 800 });
  const box = page.getByTestId('screener-scroll');
  const header = page.locator('[data-testid=screener-table] thead th').first();
  await box.evaluate((el) => el.scrollBy(0, 1500));
  await page.waitForTimeout(100);
  assert.ok((await box.evaluate((el) => el.scrollTop)) > 1000, 'the table box scrolls down');
  // The rows went up under it; the header row sits at the top of the box.
  const top = (await box.boundingBox()).y;
  const y = (await header.boundingBox()).y;
  assert.ok(Math.abs(y - top) < 2, `the header is at ${y}, the box's top at ${top}`);
  assert.ok(await header.isVisible());

  // On a phone the columns scroll sideways under a fixed token column.
  await page.setViewportSize({ width: 390, height: 844 });
  await box.evaluate((el) => el.scrollTo(0, 0));
  const token = page.locator(`${ROWS} td.token-cell`).first();
  const x0 = (await token.boundingBox()).x;
  await box.evaluate((el) => el.scrollBy(400, 0));
  await page.waitForTimeout(100);
  assert.ok((await box.evaluate((el) => el.scrollLeft)) > 100, 'the table box scrolls sideways');
  assert.ok(Math.abs((await token.boundingBox()).x - x0) < 1, 'the token column moved with the scroll');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the filters fold behind one button, and the first row is near the top', async () => {
  const { context, page } = await openScreener('screener?signal=bullish', { width: 390, height: 844 });
  const toggle = page.getByTestId('filters-toggle');
  assert.equal(await toggle.innerText(), 'Filters · 1 on');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#screener-filters').isVisible(), false);
  const firstRow = await page.locator(ROWS).first().boundingBox();
  assert.ok(firstRow.y < 900, `the first row starts ${firstRow.y} px down`);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('select[name=signal]').isVisible());
  await context.close();

  // On a desktop there is no button: the filters are always shown.
  const desk = await openScreener('screener');
  assert.equal(await desk.page.getByTestId('filters-toggle').isVisible(), false);
  assert.ok(await desk.page.locator('select[name=signal]').isVisible());
  await desk.context.close();
});

test('an empty result names the filter that emptied it, and one click brings the rows back', async () => {
  const { context, page, problems } = await openScreener('screener?signal=bullish&q=zzzz', undefined, '[data-testid=empty-result]');
  const empty = page.getByTestId('empty-result');
  await empty.waitFor();
  assert.equal(await page.locator(ROWS).count(), 0);
  const text = await empty.innerText();
  assert.match(text, /^None of the \d+ tokens passes these filters: without the search “zzzz”, \d+ tokens\./, text);
  assert.doesNotMatch(text, /without Signal/, 'the signal filter alone did not empty the view');

  // Two filters that only empty the view together are named together.
  await page.goto(`${server.url}screener?tg=95-100&ig=95-100`);
  await empty.waitFor();
  const together = await empty.innerText();
  assert.ok(
    /^No token passes these filters together: Trader Grade, Investor Grade\./.test(together) || /without (Trader|Investor) Grade/.test(together),
    together,
  );

  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await page.locator(ROWS).first().waitFor();
  assert.equal(await empty.count(), 0);
  assert.equal(new URL(page.url()).search, '', 'the filters left the URL');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the header search opens a token by symbol or name, on any page', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  // The coin list (loaded on the first focus) comes late: a search submitted
  // before it is in still goes to its token once it is.
  await context.route('**/assets/names.json', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  await page.goto(`${server.url}narratives`);
  // A search box with suggestions: a combobox.
  const search = page.getByRole('combobox', { name: 'Find a token by symbol or name' });
  await search.fill('ethereum');
  await search.press('Enter');
  await page.waitForURL(/\/token\/ETH$/);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'ETH' }).waitFor({ timeout: 30_000 });
  assert.equal(await search.inputValue(), '', 'the search is cleared after it opened the token');
  await search.fill('sol');
  await search.press('Enter');
  await page.waitForURL(/\/token\/SOL$/);
  // Text that cannot be a symbol goes nowhere and says so.
  await search.fill('<b>');
  await search.press('Enter');
  assert.equal(await search.getAttribute('aria-invalid'), 'true');
  assert.match(page.url(), /\/token\/SOL$/);
  assert.deepEqual(problems, []);
  await context.close();
});
