// Nothing on screen moves while a page fills in: the cumulative layout shift of
// a first visit to the market page, the screener and a token page stays far
// below 0.1 (what Core Web Vitals calls good), on a phone and a desktop, offline
// (providers out of reach, so the offline notice comes too), with the CPU slowed
// 4× as a phone's is, so the parts arrive in the order a phone sees them.
// Each late part has its place held: the notice, the totals card, breadth and
// narratives, the token's header figures, the sections' placeholders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

// Each route, and what it shows once every part is in.
const ROUTES = {
  '': ['[data-testid=market-table] tbody tr', '.market-overview[aria-busy=false]', '[data-testid=offline-notice]'],
  screener: ['[data-testid=screener-table] tbody tr', '[data-testid=offline-notice]'],
  'token/ETH': ['[data-testid=header-price]', '[data-testid=summary]', '[data-testid=offline-notice]'],
};
const LIMIT = 0.05;

let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

for (const [width, height] of [
  [390, 844],
  [1366, 900],
]) {
  test(`no first visit shifts the layout at ${width} px (offline, CPU 4× slower)`, async () => {
    const shifts = {};
    for (const [route, ready] of Object.entries(ROUTES)) {
      const { context, page, problems } = await openPage(site.browser, site.server.url);
      try {
        await page.setViewportSize({ width, height });
        await context.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              if (e.hadRecentInput) continue;
              const where = e.sources.map((s) => s.node?.dataset?.testid || s.node?.className || s.node?.nodeName || '?');
              window.__shifts.push({ value: e.value, where: where.join(', ') });
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(`${site.server.url}${route}`);
        for (const selector of ready) await page.locator(selector).first().waitFor({ timeout: 90_000 });
        // One frame more: a shift caused by the last part is recorded.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const list = await page.evaluate(() => window.__shifts);
        const total = list.reduce((sum, s) => sum + s.value, 0);
        shifts[route || '/'] = total;
        assert.ok(total < LIMIT, `/${route} at ${width} px: layout shift ${total.toFixed(3)} ≥ ${LIMIT}: ${JSON.stringify(list)}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
    console.log(`layout shift at ${width} px:`, JSON.stringify(shifts));
  });
}
