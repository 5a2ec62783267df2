// No route scrolls the page sideways at a phone's, a tablet's or a desktop's
// width: wide tables scroll inside their own box. One browser, one page per
// width, every route visited in turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const results = join(root, 'test-results');
const WIDTHS = [360, 390, 768, 1366, 1920];
// The router's routes (web/src/lib.rs), the embed page, and a path the router does not know.
const ROUTES = ['', 'screener', 'token/BTC', 'token/ETH', 'narratives', 'moonshots', 'watchlist', 'settings', 'evidence', 'embed', 'no-such-page'];
// What each route shows once its content is in (the header alone is not enough).
const READY = {
  '': '[data-testid=market-table] tbody tr',
  screener: '[data-testid=screener-table] tbody tr',
  'token/BTC': 'h1',
  'token/ETH': 'h1',
  narratives: 'h1',
  moonshots: 'h1',
  watchlist: 'h1',
  settings: 'h1',
  evidence: 'h1',
  // The widget alone (web/embed/): offline, on the bundled data.
  embed: 'tokenlens-screener',
  'no-such-page': 'h1',
};

let site;
before(async () => {
  mkdirSync(results, { recursive: true });
  site = await openSite();
});
after(() => site?.close());

test('no route is wider than the window at 360, 390, 768, 1366 and 1920 px', async () => {
  const wide = [];
  for (const width of WIDTHS) {
    const { context, page } = await openPage(site.browser, site.server.url);
    await page.setViewportSize({ width, height: 900 });
    for (const route of ROUTES) {
      await page.goto(`${site.server.url}${route}`);
      await page.locator(READY[route]).first().waitFor({ timeout: 60_000 });
      // Let late sections (grades, charts) settle before measuring.
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.waitForTimeout(300);
      const measured = await page.evaluate(() => {
        const doc = document.documentElement;
        const over = [];
        if (doc.scrollWidth > doc.clientWidth) {
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > doc.clientWidth + 1 && r.width > 0) {
              const parentOver = el.parentElement && el.parentElement.getBoundingClientRect().right > doc.clientWidth + 1;
              if (!parentOver) over.push(`${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className} (${Math.round(r.right)})`);
            }
          }
        }
        return { scroll: doc.scrollWidth, client: doc.clientWidth, over: over.slice(0, 6) };
      });
      if (measured.scroll > measured.client) {
        wide.push(`/${route} at ${width}: ${measured.scroll} > ${measured.client} — ${measured.over.join(', ')}`);
        await page.screenshot({ path: join(results, `overflow-${route.replace(/\W+/g, '_') || 'market'}-${width}.png`) });
      }
    }
    await context.close();
  }
  assert.deepEqual(wide, []);
});
