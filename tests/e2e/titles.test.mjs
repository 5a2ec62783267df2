// Every route names its browser tab, and the keyboard's first stop is a
// link that skips the header to the page's content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

test('each route has its own tab title, set as the app moves between pages', async () => {
  const { context, page } = await openPage(site.browser, site.server.url);
  const titles = {};
  for (const path of ['screener', 'narratives', 'moonshots', 'evidence', 'watchlist', 'settings', 'token/eth', 'no-such-page']) {
    await page.goto(`${site.server.url}${path}`);
    await page.waitForFunction(() => document.title.endsWith('· tokenlens'), null, { timeout: 30_000 });
    titles[path] = await page.title();
  }
  assert.deepEqual(titles, {
    screener: 'Screener · tokenlens',
    narratives: 'Narratives · tokenlens',
    moonshots: 'Moonshots · tokenlens',
    evidence: 'Evidence · tokenlens',
    watchlist: 'Watchlist · tokenlens',
    settings: 'Settings · tokenlens',
    'token/eth': 'ETH · token · tokenlens',
    'no-such-page': 'Page not found · tokenlens',
  });
  // Moving inside the app (no reload) changes it too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Screener' }).click();
  await page.waitForFunction(() => document.title === 'Screener · tokenlens');
  // The market page, which a first visit loads on its own.
  await page.goto(site.server.url);
  await page.waitForFunction(() => document.title === 'Market · tokenlens', null, { timeout: 30_000 });
  await context.close();
});

test('the first Tab reaches a skip link that moves focus past the header', async () => {
  const { context, page } = await openPage(site.browser, site.server.url);
  await page.goto(`${site.server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ text: document.activeElement.textContent, href: document.activeElement.getAttribute('href') }));
  assert.deepEqual(first, { text: 'Skip to content', href: '#main' });
  const box = await page.locator('a.skip-link').boundingBox();
  assert.ok(box.y >= 0, 'visible while focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  // The next Tab lands inside the page, not in the header's navigation.
  await page.keyboard.press('Tab');
  const inHeader = await page.evaluate(() => !!document.activeElement.closest('header'));
  assert.equal(inHeader, false);
  await context.close();
});
