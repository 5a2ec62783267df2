// The site built for a sub-path (`trunk build --release --public-url
// /tokenlens/`, as scripts/test.sh does into target/dist-subpath) and served
// only under /tokenlens/: deep links render and survive a reload, navigation
// stays under the sub-path, no request leaves it (every asset, the bundled
// data and theme.js resolve against <base href="/tokenlens/">), and live
// prices work there too. When the build is missing or older than dist/, it
// is made here first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { faultsAt, livePage, waitForSource } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'target', 'dist-subpath');
const BASE = '/tokenlens/';
let server;
let replay;
let browser;
let site;

before(async () => {
  const built = join(dist, 'index.html');
  const stale = !existsSync(built) || (existsSync(join(root, 'dist/index.html')) && statSync(built).mtimeMs < statSync(join(root, 'dist/index.html')).mtimeMs);
  if (stale) {
    const run = spawnSync('bash', ['-c', `source scripts/env.sh && trunk build --release --public-url ${BASE} --dist "${dist}"`], {
      cwd: root,
      stdio: 'inherit',
    });
    assert.equal(run.status, 0, 'the sub-path build failed');
  }
  ({ server, replay, browser } = site = await openSite({ dist, base: BASE, replay: true }));
});

after(() => site?.close());

test('the build for /tokenlens/ refers to its files under the sub-path', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.match(html, /<base href="\/tokenlens\/"/);
  for (const [, ref] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
    if (ref.startsWith('data:')) continue;
    assert.ok(ref.startsWith(BASE) || !ref.startsWith('/'), `${ref} escapes the sub-path`);
  }
});

test('a deep link under the sub-path renders, survives a reload, and navigation stays under it', async () => {
  const { context, page, problems, offsite } = await openPage(browser, server.url);
  assert.ok(server.url.endsWith(BASE));
  await page.goto(`${server.url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Screener');
  await page.reload();
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });

  // The screener's URL state is kept under the sub-path too.
  await page.locator('input[name=search]').fill('eth');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'eth');
  assert.equal(new URL(page.url()).pathname, `${BASE}screener`);
  await page.getByRole('link', { name: 'ETH', exact: true }).click();
  await page.getByTestId('trader-grade').waitFor({ timeout: 60_000 });
  assert.equal(new URL(page.url()).pathname, `${BASE}token/ETH`);

  await page.getByRole('link', { name: 'Market' }).click();
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  assert.equal(new URL(page.url()).pathname, BASE);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${BASE}settings`);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.reload();
  await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  // An unknown path under the sub-path is the app's own not-found page.
  await page.goto(`${server.url}no-such-page`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 20_000 });
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /not found/i);

  // A new tab's first page at the sub-path's root loads the market-only app;
  // its links reload into the whole app, still under the sub-path.
  const tab = await context.newPage();
  await tab.goto(server.url);
  await tab.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  assert.equal(await tab.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/market-[0-9a-f]+_bg\.wasm$/.test(e.name)).length), 1);
  await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moonshots' }).click();
  await tab.getByRole('heading', { name: 'Moonshots', level: 1 }).waitFor({ timeout: 30_000 });
  assert.equal(new URL(tab.url()).pathname, `${BASE}moonshots`);
  assert.equal(await tab.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/tokenlens-web-[0-9a-f]+_bg\.wasm$/.test(e.name)).length), 1);

  // Only the providers are outside the site; nothing of the site is.
  for (const url of offsite) {
    assert.match(url, /^https:\/\/(api\.(coingecko|coinpaprika)\.com|data-api\.binance\.vision|api\.exchange\.coinbase\.com)\//);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('live prices under the sub-path', async () => {
  await faultsAt(replay);
  const { context, page, problems } = await livePage(browser, server, replay);
  await page.goto(server.url);
  await waitForSource(page, 'Live');
  assert.match(await page.getByTestId('data-source').innerText(), /Live · CoinGecko/);
  assert.deepEqual(problems, []);
  await context.close();
});
