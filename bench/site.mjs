// Measures the built site (dist/) in Chromium — a benchmark, not a test:
//   * time from navigation to the first screener rows (bundled history, offline);
//   * time to sort and to filter the live screener's 1,000 rows (the replay
//     server's synthetic universe), from the click to the updated table;
//   * bytes of the first load of `/`, `/screener` and `/token/ETH`, raw and gzip (level 6,
//     what a static host typically serves);
//   * the main thread's long tasks (over 50 ms: input waits that long) while the
//     screener loads and grades the bundled history, and the live 1,000 coins.
// Usage: trunk build --release && node bench/site.mjs [--runs 5]
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../scripts/static-server.mjs';
import { startReplayServer } from '../tests/feeds/replay-server.mjs';
import { launch, openPage } from '../tests/support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COINGECKO = 'https://api.coingecko.com/api/v3';
const arg = process.argv.indexOf('--runs');
const RUNS = arg > 0 ? Number(process.argv[arg + 1]) : 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveStatic(join(root, 'dist'));
// Records the page's long tasks (start and duration, ms) in window.__longTasks.
const watchLongTasks = (context) =>
  context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
const longTasks = (page) => page.evaluate(() => window.__longTasks);
const replay = await startReplayServer();
const browser = await launch();

const FIRST_ROWS = '[data-testid=screener-table] tbody tr, [data-testid=market-table] tbody tr';

async function firstLoad(path, ready = FIRST_ROWS) {
  const { context, page } = await openPage(browser, server.url);
  await watchLongTasks(context);
  const sizes = new Map();
  page.on('response', async (r) => {
    if (!r.url().startsWith(server.url)) return;
    try {
      const body = await r.body();
      sizes.set(r.url(), { raw: body.length, gzip: gzipSync(body, { level: 6 }).length });
    } catch {
      // a redirect or an aborted response has no body
    }
  });
  const t = performance.now();
  await page.goto(`${server.url}${path}`);
  // The first real rows (not the skeleton's): the screener's table, or the
  // market's; a token page's summary.
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const ms = performance.now() - t;
  await page.waitForTimeout(1500); // late requests (history, live attempts) are counted as they come
  const tasks = await longTasks(page);
  await context.close();
  const total = [...sizes.values()].reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });
  return { ms, total, tasks, files: [...sizes].map(([url, s]) => ({ file: url.slice(server.url.length) || '/', ...s })) };
}

async function liveInteractions() {
  await fetch(`${replay.url}/__reset`, { method: 'POST' });
  await fetch(`${replay.url}/__universe`, { method: 'POST', body: JSON.stringify({ coins: 1000, seed: 7 }) });
  const { context, page } = await openPage(browser, server.url);
  await watchLongTasks(context);
  await context.route(`${COINGECKO}/**`, async (route) => {
    const url = route.request().url().replace(COINGECKO, `${replay.url}/cg`);
    const response = await route.fetch({ url, headers: {} });
    await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
  });
  await page.goto(`${server.url}screener`);
  await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('Live'), null, {
    timeout: 60_000,
  });
  // From an action to the table's next DOM change.
  const timed = (action) =>
    page.evaluate(async (action) => {
      const body = document.querySelector('[data-testid=screener-table] tbody');
      const changed = new Promise((ok) => new MutationObserver((_, o) => (o.disconnect(), ok())).observe(body, { childList: true, subtree: true, characterData: true, attributes: true }));
      const t = performance.now();
      if (action.click) document.querySelector(action.click).click();
      else {
        const input = document.querySelector(action.input);
        input.value = action.value;
        input.dispatchEvent(new Event(action.event, { bubbles: true }));
      }
      await Promise.race([changed, new Promise((_, no) => setTimeout(() => no(new Error(`no change after ${JSON.stringify(action)}`)), 10_000))]);
      return performance.now() - t;
    }, action);
  const sort = [];
  const filter = [];
  for (let i = 0; i < RUNS; i++) {
    sort.push(await timed({ click: 'thead th:nth-child(7) button' }));
    filter.push(await timed({ input: 'select[name=signal]', value: i % 2 ? '' : 'bearish', event: 'change' }));
  }
  const rows = await page.locator('[data-testid=screener-table] caption').innerText();
  const tasks = await longTasks(page);
  await context.close();
  return { sort: median(sort), filter: median(filter), rows, tasks };
}

const firstRows = [];
let market;
let screener;
for (let i = 0; i < RUNS; i++) {
  screener = await firstLoad('screener');
  firstRows.push(screener.ms);
  console.error(`run ${i + 1}: first rows after ${screener.ms.toFixed(0)} ms`);
}
market = await firstLoad('');
const token = await firstLoad('token/ETH', '[data-testid=summary]');
const live = await liveInteractions();
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`navigation to first screener rows (bundled history, ${RUNS} runs): median ${median(firstRows).toFixed(0)} ms`);
console.log(`live screener (${live.rows}): sort ${live.sort.toFixed(1)} ms, filter ${live.filter.toFixed(1)} ms (median of ${RUNS}, click to table updated)`);
const tasks = (list) => (list.length ? list.map(([at, ms]) => `${ms} ms at ${at} ms`).join(', ') : 'none');
console.log(`long tasks, screener on the bundled history (last run): ${tasks(screener.tasks)}`);
console.log(`long tasks, live screener (load, grading, then the sorts and filters): ${tasks(live.tasks)}`);
console.log(`first load of /: ${kb(market.total.raw)} raw, ${kb(market.total.gzip)} gzip`);
for (const f of market.files) console.log(`  ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
console.log(`first load of /screener: ${kb(screener.total.raw)} raw, ${kb(screener.total.gzip)} gzip`);
for (const f of screener.files) console.log(`  ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
console.log(`first load of /token/ETH: ${kb(token.total.raw)} raw, ${kb(token.total.gzip)} gzip`);
for (const f of token.files) console.log(`  ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
await browser.close();
await replay.close();
await server.close();
