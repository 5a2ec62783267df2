// Installable and offline after one visit: the service worker keeps the app shell, the
// whole app's code and wasm and the bundled data; with the site's server gone, a second
// visit shows the market list and the screener, and a new tab a token page (its own
// build was not kept: the whole app stands in). A new build is installed in the background
// and taken up when the visitor accepts the offer to reload. Provider requests are never
// handled or stored by it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launch } from '../support/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let browser;
let dir;

before(async () => {
  assert.ok(existsSync(join(root, 'dist/sw.js')), 'dist/ is not built with its service worker: run trunk build --release');
  // A copy, so that the test can publish "a new build" into it.
  dir = mkdtempSync(join(tmpdir(), 'tokenlens-offline-'));
  cpSync(join(root, 'dist'), dir, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The names of this origin's caches and the paths each holds. */
const cacheContents = (page) =>
  page.evaluate(async () => {
    const out = {};
    for (const key of await caches.keys()) {
      out[key] = (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });

test('after one visit the site opens offline; a new build is taken up after the offer to reload', async () => {
  let server = await serveStatic(dir, 0);
  const { port } = new URL(server.url);
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  // Nothing leaves the machine: provider requests (which the worker leaves alone) fail.
  const provider = [];
  await context.route(/^https:\/\//, (route) => {
    provider.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const first = await cacheContents(page);
    const names = Object.keys(first);
    assert.equal(names.length, 1, JSON.stringify(names));
    const kept = first[names[0]];
    for (const path of ['/index.html', '/assets/history.json', '/assets/market-now.json', '/manifest.webmanifest']) {
      assert.ok(kept.includes(path), `${path} is not kept: ${kept.join(', ')}`);
    }
    assert.ok(kept.some((p) => /^\/tokenlens-web-[0-9a-f]+_bg\.wasm$/.test(p)), 'the whole app is kept');
    // The one-page builds are not: offline, the whole app serves every page.
    assert.ok(!kept.some((p) => /^\/(market|screener|token)-/.test(p)), 'a one-page build is kept');
    assert.ok(!kept.some((p) => !p.startsWith('/')), 'only this site is kept');

    // The network cut: the site's server is gone.
    await server.close();
    await page.reload();
    const rows = page.locator('[data-testid=market-table] tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.ok((await rows.count()) > 10);
    await page.goto(`${server.url}screener`);
    await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
    // A new tab's first page, whose own build was never kept: the whole app instead.
    const tab = await context.newPage();
    await tab.goto(`${server.url}token/ETH`);
    await tab.getByTestId('summary').waitFor({ timeout: 60_000 });
    await tab.close();

    // A new build (theme.js changed, its worker written again) on the same address.
    appendFileSync(join(dir, 'theme.js'), '\n// a new build\n');
    execFileSync('python3', [join(root, 'scripts/service-worker.py'), dir]);
    const newVersion = readFileSync(join(dir, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];
    assert.ok(!names[0].endsWith(newVersion));
    server = await serveStatic(dir, Number(port));
    await page.goto(server.url);
    const offer = page.locator('.update-banner');
    await offer.waitFor({ timeout: 30_000 });
    assert.match(await offer.innerText(), /A new version of tokenlens is ready/);
    // The new version is installed beside the old one, which serves the page until the
    // visitor accepts.
    const both = Object.keys(await cacheContents(page));
    assert.equal(both.length, 2, both.join(', '));
    assert.ok(both.some((k) => k.endsWith(newVersion)));
    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Reload' }).click()]);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(
      async (v) => {
        const keys = await caches.keys();
        return keys.length === 1 && keys[0].endsWith(v);
      },
      newVersion,
      { timeout: 15_000 },
    );
    assert.equal(await page.locator('.update-banner').count(), 0);
    // Provider requests were made by the page and none was answered from a cache.
    for (const paths of Object.values(await cacheContents(page))) {
      assert.ok(!paths.some((p) => p.includes('coins') || p.includes('klines')), paths.join(', '));
    }
  } finally {
    await context.close();
    await server.close().catch(() => {});
  }
});
