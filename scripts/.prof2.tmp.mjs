import { openSite } from '../tests/support/site.mjs';
import { openPage } from '../tests/support/browser.mjs';
const site = await openSite({});
const route = process.argv[2] ?? 'screener';
const { context, page } = await openPage(site.browser, site.server.url);
await context.addInitScript(() => {
  window.__lt = []; window.__ev = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__ev.push(['lcp', Math.round(e.startTime), e.element?.tagName + '.' + e.element?.className]); }).observe({ type: 'largest-contentful-paint', buffered: true });
  const seen = new Set();
  new MutationObserver((muts) => {
    const t = Math.round(performance.now());
    for (const m of muts) for (const n of m.addedNodes) {
      if (n.nodeType !== 1) continue;
      const key = (n.tagName + '.' + (n.getAttribute('class') ?? '') + '#' + (n.dataset?.testid ?? '')).slice(0, 60);
      if (['TR', 'TD', 'SPAN', 'TH', 'A', 'OPTION'].includes(n.tagName)) { const k = 'rows:' + n.tagName; window.__ev.push([k, t]); continue; }
      window.__ev.push([key, t]);
    }
  }).observe(document, { childList: true, subtree: true });
});
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(`${site.server.url}${route}`);
await page.waitForTimeout(5000);
const { lt, ev } = await page.evaluate(() => ({ lt: window.__lt, ev: window.__ev }));
console.log('long tasks', JSON.stringify(lt));
// compress rows events
const out = []; let last = null;
for (const e of ev) { if (last && last[0] === e[0] && e[0].startsWith('rows:')) { last[2] = (last[2] ?? 1) + 1; last[3] = e[1]; continue; } last = [...e]; out.push(last); }
for (const e of out) console.log(JSON.stringify(e));
await context.close(); await site.close();
