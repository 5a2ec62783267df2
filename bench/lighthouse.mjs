// Lighthouse 12 (mobile preset, its simulated throttling) on the built site, served from
// dist/ on 127.0.0.1 gzip-encoded as a CDN sends it, loaded by Debian's Chromium:
// performance, accessibility and best practices of `/`, `/screener` and `/token/ETH`,
// with the metrics behind performance.
// Prints one table. A benchmark, not a test: no threshold is checked.
// Usage: trunk build --release && (cd bench && npm ci) && node bench/lighthouse.mjs [--runs 1]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveStatic } from '../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1;
const ROUTES = ['', 'screener', 'token/ETH'];

const server = await serveStatic(join(root, 'dist'), 0, { compress: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const route of ROUTES) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const { lhr } = await lighthouse(`${server.url}${route}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const a = lhr.audits;
      runs.push({
        performance: lhr.categories.performance.score * 100,
        accessibility: lhr.categories.accessibility.score * 100,
        bestPractices: lhr.categories['best-practices'].score * 100,
        fcp: a['first-contentful-paint'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        bytes: a['total-byte-weight'].numericValue,
      });
    }
    const m = (k) => median(runs.map((x) => x[k]));
    rows.push(
      `| /${route} | ${m('performance').toFixed(0)} | ${m('accessibility').toFixed(0)} | ${m('bestPractices').toFixed(0)} | ` +
        `${(m('fcp') / 1000).toFixed(1)} s | ${(m('lcp') / 1000).toFixed(1)} s | ${m('tbt').toFixed(0)} ms | ${m('cls').toFixed(2)} | ${(m('bytes') / 1000).toFixed(0)} KB |`,
    );
  }
} finally {
  await chrome.kill();
  await server.close();
}
console.log(`Lighthouse 12, mobile preset (simulated throttling), median of ${RUNS} run(s) per route`);
console.log('| route | performance | accessibility | best practices | FCP | LCP | TBT | CLS | transferred |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
