// The built site's /embed route inside an iframe of another origin: it
// renders the widget and posts its height and row choices to the parent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/static-server.mjs';
import { startAll, openPage, root } from './support.mjs';

let env;
let site;
before(async () => {
  assert.ok(existsSync(join(root, 'dist/widget/widget.js')), 'the site is not built with the widget: run trunk build --release');
  env = await startAll();
  site = await serveStatic(join(root, 'dist'));
});
after(async () => {
  await site?.close();
  await env?.close();
});

test('the embed page renders the widget and sizes its iframe by postMessage', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  // The iframe's site is a second origin on 127.0.0.1: let it through.
  await context.route(`${site.url}**`, (route) => route.continue());
  await page.goto(`${env.host.url}iframe.html?site=${encodeURIComponent(site.url)}`);
  const frame = page.frameLocator('#frame');
  const rowsInFrame = frame.locator('tokenlens-screener tbody tr');
  await rowsInFrame.first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await rowsInFrame.evaluateAll((trs) => trs.map((tr) => tr.dataset.id)), ['bitcoin', 'ethereum']);
  assert.equal(await frame.locator('.site-header').isVisible(), false, 'the site chrome is hidden');

  await page.waitForFunction(() => window.hostLog.messages.some((m) => m.data.type === 'tokenlens:resize' && m.data.height > 150));
  const sizes = (await page.evaluate(() => window.hostLog.messages)).filter((m) => m.data.type === 'tokenlens:resize');
  const last = sizes.at(-1);
  assert.equal(last.origin, site.url.replace(/\/$/, ''));
  assert.ok(Number.isInteger(last.data.height), `integer height: ${last.data.height}`);
  assert.equal(await page.locator('#frame').getAttribute('height'), String(last.data.height));
  const inner = await frame.locator('main').evaluate((m) => Math.ceil(m.getBoundingClientRect().bottom));
  assert.equal(last.data.height, inner);

  await rowsInFrame.nth(1).click();
  await page.waitForFunction(() => window.hostLog.messages.some((m) => m.data.type === 'tokenlens:select'));
  const select = (await page.evaluate(() => window.hostLog.messages)).find((m) => m.data.type === 'tokenlens:select');
  assert.deepEqual(select.data, { type: 'tokenlens:select', id: 'ethereum', symbol: 'ETH' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed page loads the widget alone, and shows the bundled data when live prices fail', async () => {
  await env.faults('/cg/coins/markets', ['500', '500', '500', '500']);
  const { context, page, problems } = await openPage(env);
  const loaded = [];
  await context.route(`${site.url}**`, (route) => {
    loaded.push(new URL(route.request().url()).pathname);
    return route.continue();
  });
  const query = 'coins=bitcoin,ethereum,solana&columns=price,change_24h,trader_grade,signal';
  await page.goto(`${env.host.url}iframe.html?site=${encodeURIComponent(site.url)}&query=${encodeURIComponent(query)}`);
  const frame = page.frameLocator('#frame');
  const note = frame.getByTestId('embed-fallback');
  await note.waitFor({ timeout: 60_000 });
  assert.equal(await note.innerText(), 'Live prices are unavailable right now; showing the bundled data.');
  const rowsInFrame = frame.locator('tokenlens-screener tbody tr');
  await rowsInFrame.first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await rowsInFrame.evaluateAll((trs) => trs.map((tr) => tr.dataset.id)), ['bitcoin', 'ethereum', 'solana']);
  assert.equal(await frame.locator('tokenlens-screener').getAttribute('source'), 'snapshot');
  assert.ok((await env.requests()).length >= 1, 'live prices were asked for first');
  // The page is the widget alone: no app script or wasm is loaded.
  assert.deepEqual(loaded.filter((p) => /\.(js|wasm)$/.test(p) && !p.includes('/widget/') && !p.endsWith('/embed/embed.js')), []);
  assert.deepEqual(problems, []);
  await context.close();
});
