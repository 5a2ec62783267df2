// Shared set-up of the widget's browser tests: the host server, the replay
// server standing in for CoinGecko, Chromium, and functions that read the
// widgets' shadow DOM.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answering, launch, CHROMIUM_ARGS } from '../support/browser.mjs';
import { startReplayServer } from '../feeds/replay-server.mjs';
import { serveHost } from './server.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const COINGECKO = 'https://api.coingecko.com/api/v3';
export { CHROMIUM_ARGS };

/**
 * Starts everything a test file needs, the widget served from `widget`
 * (dist-widget/ unless another build is given); `close()` stops it all.
 */
export async function startAll({ widget = join(root, 'dist-widget') } = {}) {
  assert.ok(existsSync(join(widget, 'widget.js')), `${widget} is not built: run scripts/build-widget.sh`);
  const host = await serveHost(0, widget);
  const replay = await startReplayServer();
  const browser = await launch();
  return {
    host,
    replay,
    browser,
    async faults(path, list) {
      await fetch(`${replay.url}/__reset`, { method: 'POST' });
      if (list) await fetch(`${replay.url}/__faults`, { method: 'POST', body: JSON.stringify({ path, faults: list }) });
    },
    async requests() {
      return (await (await fetch(`${replay.url}/__log`)).json()).filter((r) => r.path.startsWith('/cg/'));
    },
    async close() {
      await browser.close();
      await replay.close();
      await host.close();
    },
  };
}

/**
 * A page of its own context: CoinGecko answered by the replay server, every
 * other address outside the host refused (and recorded), console problems kept.
 */
export async function openPage(env) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  const offsite = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
    // A provider failure injected by a test shows up as a failed load.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(env.host.url) || url.startsWith('data:')) return route.continue();
    if (url.startsWith(`${COINGECKO}/`)) {
      return answering(async () => {
        const response = await route.fetch({ url: url.replace(COINGECKO, `${env.replay.url}/cg`), headers: {} });
        return route.fulfill({ response });
      });
    }
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, page, problems, warnings, offsite };
}

/** Waits until widget `id` shows a table or a message; returns its texts. */
export async function settled(page, id, what = 'table') {
  const selector = what === 'table' ? 'tbody tr' : '[part~=message][role=alert]';
  await page.waitForFunction(
    ([id, selector]) => document.getElementById(id)?.shadowRoot?.querySelector(selector),
    [id, selector],
    { timeout: 30_000 },
  );
  return widgetText(page, id);
}

/** The rows of widget `id`: each row's id, whether it is a stable token, and cell texts keyed by column. */
export function rows(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    return [...root.querySelectorAll('tbody tr')].map((tr) => {
      const cells = { symbol: tr.querySelector('.symbol').textContent, name: tr.querySelector('.name').textContent };
      for (const td of tr.querySelectorAll('td')) cells[td.dataset.column] = td.textContent;
      return { id: tr.dataset.id, stable: tr.hasAttribute('data-stable'), cells };
    });
  }, id);
}

/** The text inside widget `id`'s shadow root. */
export function widgetText(page, id) {
  return page.evaluate((id) => document.getElementById(id).shadowRoot.textContent, id);
}

/** What the host page recorded: widget events and CSP violations. */
export function hostLog(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.hostLog)));
}

/** The npm package, loaded in Node: the core as every other face uses it. */
export async function core() {
  const pkg = join(root, 'pkg');
  assert.ok(existsSync(join(pkg, 'tokenlens.js')), 'pkg/ is not built: run scripts/build-pkg.sh');
  const module = await import(join(pkg, 'tokenlens.js'));
  await module.default({ module_or_path: await readFile(join(pkg, 'tokenlens_bg.wasm')) });
  return module;
}

/** The bundled data the widget serves, as the tests read it. */
export async function bundled() {
  const read = async (file) => JSON.parse(await readFile(join(root, 'dist-widget/data', file), 'utf8'));
  return { snapshot: await read('snapshot.json'), history: await read('history.json') };
}

/**
 * The last `n` recorded hourly closes of a pair (gaps left out), from the
 * recorded hourly file the widget does not bundle: what a CoinGecko 7-day
 * sparkline of that coin looks like.
 */
export async function recordedHourly(pair, n) {
  const csv = await readFile(join(root, 'data/sources/binance_spot_hourly_close_401pairs_2025-05-13_2025-06-12.csv'), 'utf8');
  const [header, ...lines] = csv.trim().split('\n');
  const column = header.split(',').indexOf(pair);
  assert.ok(column > 0, `${pair} is not in the recorded hourly closes`);
  const closes = lines.map((l) => l.split(',')[column]).filter((v) => v !== '').map(Number);
  return closes.slice(-n);
}

/** A column of a history close table as a SeriesInput (gaps left out). */
export function seriesOf(table, symbol) {
  const column = table.closes[table.symbols.indexOf(symbol)];
  const step = table.interval === 'hourly' ? 3600 : 86400;
  const timestamps = [];
  const close = [];
  column.forEach((v, row) => {
    if (v !== null) {
      timestamps.push(table.start + row * step);
      close.push(v);
    }
  });
  return { interval: table.interval, timestamps, close };
}
