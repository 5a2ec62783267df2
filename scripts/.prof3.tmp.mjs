import { openSite } from '../tests/support/site.mjs';
import { openPage } from '../tests/support/browser.mjs';
const site = await openSite({ dist: process.env.DIST });
const route = process.argv[2] ?? 'screener';
const { context, page } = await openPage(site.browser, site.server.url);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.goto(`${site.server.url}${route}`);
await page.waitForTimeout(4000);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfT = new Map();
profile.samples.forEach((id, i) => selfT.set(id, (selfT.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const incl = new Map();
const name = (n) => (n.callFrame.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '').slice(0, 140);
for (const [id, us] of selfT) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + us);
  }
}
for (const [k, us] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 60))) console.log(Math.round(us / 1000), k);
await context.close(); await site.close();
