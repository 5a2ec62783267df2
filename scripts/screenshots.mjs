// Screenshots of every page of the built site (dist/), offline on its bundled data, on a
// phone (390 × 844) and a desktop (1366 × 900), in the light and the dark theme, into
// docs/screenshots/<page>-<width>-<theme>.jpg (the first screen of each page, JPEG 80:
// small enough to keep in the repository). The README shows two of them.
//   trunk build --release && node scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.mjs';
import { launch } from '../tests/support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/screenshots');
// Each page and what shows that it has its data.
const PAGES = [
  ['market', '', '[data-testid=market-table] tbody tr'],
  ['screener', 'screener', '[data-testid=screener-table] tbody tr'],
  ['token-btc', 'token/BTC', 'svg'],
  ['narratives', 'narratives', 'main h1'],
  ['moonshots', 'moonshots', 'main h1'],
  ['evidence', 'evidence', 'main h1'],
  ['watchlist', 'watchlist', 'main h1'],
  ['settings', 'settings', 'main h1'],
];
const SIZES = [
  [390, 844],
  [1366, 900],
];

mkdirSync(out, { recursive: true });
const server = await serveStatic(join(root, 'dist'), 0);
const browser = await launch();
try {
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of SIZES) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, serviceWorkers: 'block' });
      // Offline: nothing leaves the machine, so every page shows its bundled data.
      await context.route(/^https:\/\//, (route) => route.abort('internetdisconnected'));
      const page = await context.newPage();
      for (const [name, path, ready] of PAGES) {
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(1500); // charts and notices settle
        const file = join(out, `${name}-${width}-${theme}.jpg`);
        await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
        console.log(`screenshots: ${file.slice(root.length + 1)}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
