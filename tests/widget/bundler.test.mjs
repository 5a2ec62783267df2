// The widget through a bundler, as a site with a build step uses it: the
// packed package installed into a fresh project, an app whose only mention of
// the widget is `import 'tokenlens-wasm/widget'`, built by Vite 7 and served on
// 127.0.0.1 with no network. The bundler must keep the import (the package
// lists the widget in `sideEffects`) and emit the widget's wasm and data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launch, openPage } from '../support/browser.mjs';
import { packAndInstall, root } from '../npm/support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let project;
let browser;

before(async () => {
  assert.ok(existsSync(join(root, 'pkg/widget/widget.js')), 'pkg/widget is missing: run scripts/build-widget.sh --copy-to pkg/widget');
  const declared = JSON.parse(readFileSync(join(root, 'crates/wasm/npm/package.json'), 'utf8')).sideEffects;
  const built = JSON.parse(readFileSync(join(root, 'pkg/package.json'), 'utf8')).sideEffects;
  assert.deepEqual(built, declared, 'pkg/package.json is older than crates/wasm/npm/package.json: run scripts/build-pkg.sh');
  project = packAndInstall('tokenlens-widget-bundler-');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

test('a Vite app that imports tokenlens-wasm/widget shows the snapshot offline', async () => {
  const app = join(project, 'bundled-app');
  cpSync(join(here, 'bundled-app'), app, { recursive: true });
  execFileSync('node', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.mjs'], {
    cwd: app,
    stdio: 'pipe',
    env: { ...process.env, NODE_PATH: join(project, 'node_modules') },
  });
  const assets = readdirSync(join(app, 'dist/assets'));
  for (const file of [/^snapshot-.*\.json$/, /^history-.*\.json$/, /^tokenlens_widget_bg-.*\.wasm$/]) {
    assert.ok(assets.some((a) => file.test(a)), `Vite emitted no ${file}: ${assets.join(', ')}`);
  }

  const server = await serveStatic(join(app, 'dist'));
  try {
    const { context, page, problems, offsite } = await openPage(browser, server.url);
    const failed = [];
    page.on('response', (r) => {
      if (!r.ok()) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(server.url);
    assert.ok(await page.evaluate(() => Boolean(customElements.get('tokenlens-screener'))), 'the element is defined');
    await page.waitForFunction(() => window.widgetLog.length > 0, null, { timeout: 20_000 });
    const log = await page.evaluate(() => window.widgetLog);
    assert.equal(log[0].type, 'tokenlens-ready', JSON.stringify(log));
    const shown = await page.evaluate(() =>
      [...document.getElementById('screener').shadowRoot.querySelectorAll('tbody tr')].map((tr) => tr.dataset.id),
    );
    assert.deepEqual(shown, ['bitcoin', 'ethereum', 'solana']);
    assert.deepEqual(log[0].detail, { rows: 3, source: 'snapshot', asOf: log[0].detail.asOf });
    assert.deepEqual(failed, []);
    assert.deepEqual(problems, []);
    assert.deepEqual(offsite, []);
    await context.close();
  } finally {
    await server.close();
  }
});
