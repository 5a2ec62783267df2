// An automated accessibility scan (axe-core) of every page of the built
// site, after its content has rendered: no serious or critical violation.
// axe is injected through the DevTools protocol (page.evaluate), which the
// site's CSP (`script-src 'self'`) does not govern; an inline <script> tag
// would be refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server;
let browser;
let site;

before(async () => {
  ({ server, browser } = site = await openSite());
});

after(() => site?.close());

// Each page and what shows that its content has rendered.
const PAGES = [
  ['', '[data-testid=data-source]'],
  ['screener', '[data-testid=screener-table] tbody tr'],
  ['token/ETH', '[data-testid=trader-grade]'],
  ['narratives', '[data-testid=rotation-summary]'],
  ['moonshots', '[data-testid=ledger] table'],
  ['evidence', '[data-testid=trader_grade] .headline-figure'],
  ['watchlist', '[data-testid=watchlist-table] tbody tr'],
  ['settings', 'main h1'],
  ['no-such-page', 'main h1'],
];

async function scan(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
}

// The system's scheme (theme "system", the default), and each theme chosen
// in Settings against the opposite system scheme.
for (const [width, colorScheme, theme] of [
  [1280, 'light', 'system'],
  [375, 'dark', 'system'],
  [1280, 'dark', 'light'],
  [375, 'light', 'dark'],
]) {
  test(`no serious or critical accessibility violation on any page at ${width} px in the ${colorScheme} scheme, theme ${theme}`, async () => {
    const { context, page, problems } = await openPage(browser, server.url);
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme });
    await context.addInitScript((t) => localStorage.setItem('tokenlens.settings', JSON.stringify({ version: 1, theme: t })), theme);
    await page.goto(server.url);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    // A watched token with rules, so the watchlist's table and controls are scanned.
    await page.evaluate(() =>
      localStorage.setItem(
        'tokenlens.watchlist',
        JSON.stringify({ format: 1, tokens: [{ symbol: 'ETH', alerts: { threshold: { grade: 'trader', crossing: 'above', level: 70 }, signal_flips: true } }] }),
      ),
    );
    const found = [];
    for (const [path, ready] of PAGES) {
      await page.goto(`${server.url}${path}`);
      await page.locator(ready).first().waitFor({ timeout: 90_000 });
      // Expanded details (and, on a phone, the screener's folded filters) are scanned too.
      const filters = page.getByTestId('filters-toggle');
      if (await filters.isVisible()) await filters.click();
      for (const summary of await page.locator('details > summary').all()) await summary.click();
      for (const v of await scan(page)) found.push(`/${path}: ${v}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
