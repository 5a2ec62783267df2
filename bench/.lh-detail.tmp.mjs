import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveStatic } from '../scripts/static-server.mjs';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = await serveStatic(join(root, 'dist'), 0, { compress: true });
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
for (const route of process.argv.slice(2)) {
  const { lhr } = await lighthouse(`${server.url}${route}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const a = lhr.audits;
  console.log('ROUTE', route, lhr.categories.performance.score);
  for (const k of ['first-contentful-paint','largest-contentful-paint','total-blocking-time','speed-index','interactive']) console.log(k, a[k].numericValue, a[k].score);
  console.log('LCP element', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet));
  console.log('LCP phases', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[1]?.items));
  console.log('long tasks', JSON.stringify(a['long-tasks']?.details?.items?.map(i => [i.url?.slice(-40), Math.round(i.startTime), Math.round(i.duration)])));
  console.log('bootup', JSON.stringify(a['bootup-time']?.details?.items?.map(i => [i.url?.slice(-40), Math.round(i.total), Math.round(i.scripting), Math.round(i.scriptParseCompile)])));
  console.log('mainthread', JSON.stringify(a['mainthread-work-breakdown']?.details?.items?.map(i => [i.group, Math.round(i.duration)])));
  console.log('critical chains', JSON.stringify(a['network-requests']?.details?.items?.map(i => [i.url.slice(-35), Math.round(i.networkRequestTime), Math.round(i.networkEndTime), i.transferSize])));
}
await chrome.kill(); await server.close();
