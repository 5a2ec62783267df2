// A panic in the site's Rust code (a bug) on a release build, which aborts:
// the page is replaced by a plain message with a Reload button, nothing the
// visitor saved changes, and Reload starts the app again. The panic is
// deliberate, in the `tokenlens-crash-test` binary (the whole app plus a
// panic on a window event; feature `crash-test`), which this file builds and
// serves in place of the app's own module in a copy of dist/
// (target/dist-crash). The released site has no way to panic on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'target', 'dist-crash');
const MESSAGE = /tokenlens stopped because of an internal error\. Your watchlist, settings and keys were not changed/;
let site;

/** dist/ with the whole app's module and wasm replaced by the crash-test binary's, under the same names. */
function buildCrashSite() {
  assert.ok(existsSync(join(root, 'dist/index.html')), 'dist/ is not built: run trunk build --release');
  rmSync(dist, { recursive: true, force: true });
  cpSync(join(root, 'dist'), dist, { recursive: true });
  const boot = readdirSync(dist).find((f) => /^boot-.*\.js$/.test(f));
  const [, appJs, appWasm] = readFileSync(join(dist, boot), 'utf8').match(/const APP = \["([^"]+\.js)", "([^"]+\.wasm)"\];/);
  const out = mkdtempSync(join(tmpdir(), 'tokenlens-crash-'));
  const run = spawnSync(
    'bash',
    [
      '-c',
      'source scripts/env.sh && cargo build --quiet -p tokenlens-web --bin tokenlens-crash-test --features crash-test ' +
        '--target wasm32-unknown-unknown --release && wasm-bindgen --target web --no-typescript --out-dir "$0" ' +
        '--out-name app target/wasm32-unknown-unknown/release/tokenlens-crash-test.wasm',
      out,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  assert.equal(run.status, 0, 'the crash-test build failed');
  cpSync(join(out, 'app.js'), join(dist, basename(appJs)));
  cpSync(join(out, 'app_bg.wasm'), join(dist, basename(appWasm)));
  rmSync(out, { recursive: true, force: true });
}

before(async () => {
  buildCrashSite();
  site = await openSite({ dist });
});
after(() => site?.close());

/** Every key and value of both storages. */
const saved = (page) =>
  page.evaluate(() => {
    const all = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    return { local: all(localStorage), session: all(sessionStorage) };
  });

async function crashed(page) {
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.innerText(), MESSAGE);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Something went wrong');
  const reload = page.getByRole('button', { name: 'Reload' });
  assert.ok(await reload.evaluate((b) => b === document.activeElement), 'the Reload button has the focus');
  // The page is the message alone: the app's header, pages and footer are gone.
  assert.equal(await page.locator('header, footer, nav').count(), 0);
  return reload;
}

test('a panic in an event handler: a plain message with Reload; what was saved is untouched; Reload starts again', async () => {
  const { context, page, problems } = await openPage(site.browser, site.server.url);
  const url = site.server.url;
  // Something saved: the light theme and a watched token.
  await page.goto(`${url}settings`);
  await page.getByRole('heading', { name: 'Data and display' }).waitFor({ timeout: 30_000 });
  await page.getByRole('radio', { name: 'Light' }).check();
  await page.goto(`${url}screener`);
  await page.locator('[data-testid=screener-table] tbody tr').first().waitFor({ timeout: 60_000 });
  await page.locator('input[name=search]').fill('eth');
  await page.getByRole('button', { name: 'Watch ETH', exact: true }).click();
  await page.goto(`${url}watchlist`);
  await page.locator('[data-testid=watchlist-table] tbody tr[data-symbol=ETH]').waitFor({ timeout: 60_000 });
  const before = await saved(page);
  assert.ok(before.local['tokenlens.watchlist'] && before.local['tokenlens.settings']);

  await page.evaluate(() => dispatchEvent(new Event('tokenlens-test-panic')));
  const reload = await crashed(page);
  assert.ok(problems.some((p) => p.includes('deliberate panic (test build)')), 'the panic is logged');
  // Whatever still runs on this page writes nothing to storage.
  await page.evaluate(() => {
    localStorage.setItem('tokenlens.watchlist', '[]');
    localStorage.removeItem('tokenlens.settings');
    sessionStorage.clear();
  });
  await page.waitForTimeout(1_000);
  assert.deepEqual(await saved(page), before);

  await reload.click();
  await page.waitForURL(`${url}watchlist`);
  await page.locator('[data-testid=watchlist-table] tbody tr[data-symbol=ETH]').waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  const after = await saved(page);
  assert.equal(after.local['tokenlens.watchlist'], before.local['tokenlens.watchlist']);
  assert.equal(after.local['tokenlens.settings'], before.local['tokenlens.settings']);
  await context.close();
});

test('a panic in a task the app spawned shows the same message', async () => {
  const { context, page } = await openPage(site.browser, site.server.url);
  await page.goto(`${site.server.url}settings`);
  await page.getByRole('heading', { name: 'Data and display' }).waitFor({ timeout: 30_000 });
  await page.evaluate(() => dispatchEvent(new Event('tokenlens-test-panic-task')));
  await crashed(page);
  await context.close();
});
