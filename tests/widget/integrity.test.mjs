// One `integrity` attribute on widget.js covers everything the widget runs
// and reads: the wasm-bindgen glue is part of widget.js, and the wasm and the
// bundled data are checked against the digests the build wrote into it. Each
// file is tampered with here in a way that would still work unchecked (a valid
// wasm with one more custom section, valid JSON with one more space, a glue
// that marks the page), and must be refused with the widget's error state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAll, openPage, settled, hostLog, root } from './support.mjs';
import { CSP } from './server.mjs';
import { answering } from '../support/browser.mjs';

let env;
let sri;
before(async () => {
  env = await startAll();
  sri = JSON.parse(await readFile(join(root, 'dist-widget/sri.json'), 'utf8'));
});
after(async () => {
  await env?.close();
});

/** Serves `path` of the widget with its body changed by `edit` (bytes → bytes); lists every request for it. */
async function tamper(page, path, edit) {
  const asked = [];
  await page.route(`${env.host.url}widget/${path}`, (route) =>
    answering(async () => {
      asked.push(route.request().url());
      const response = await route.fetch();
      return route.fulfill({ response, body: Buffer.from(edit(await response.body())) });
    }),
  );
  return asked;
}

/** A custom section (name "evil", one byte) appended: still a valid module. */
const extraSection = (wasm) => Buffer.concat([wasm, Buffer.from([0x00, 0x06, 0x04, ...Buffer.from('evil'), 0x21])]);

const errors = async (page) =>
  (await hostLog(page)).events.filter((e) => e.type === 'tokenlens-error').map((e) => [e.target, e.detail.code]).sort();

test('the untampered widget loads: every file matches its digest', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await page.goto(env.host.url);
  await settled(page, 'snapshot');
  await settled(page, 'top');
  await settled(page, 'live');
  assert.deepEqual(await errors(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a tampered wasm is refused: each widget shows its error state and sends tokenlens-error', async () => {
  await env.faults();
  const { context, page, warnings } = await openPage(env);
  const asked = await tamper(page, 'tokenlens_widget_bg.wasm', extraSection);
  await page.goto(env.host.url);
  for (const id of ['snapshot', 'live', 'top']) await settled(page, id, 'message');
  assert.deepEqual(await errors(page), [['live', 'WASM_UNAVAILABLE'], ['snapshot', 'WASM_UNAVAILABLE'], ['top', 'WASM_UNAVAILABLE']]);
  assert.equal(asked.length, 1, 'the wasm was fetched once');
  assert.ok(
    warnings.some((w) => w.includes('tokenlens_widget_bg.wasm is not the file this widget was built with')),
    warnings.join('\n'),
  );
  assert.deepEqual(await env.requests(), [], 'nothing ran: no request to CoinGecko');
  await context.close();
});

test('tampered bundled data is refused; the live widget, which does not read it, still works', async () => {
  await env.faults();
  const { context, page } = await openPage(env);
  await tamper(page, 'data/history.json', (json) => Buffer.concat([json, Buffer.from(' ')]));
  await page.goto(env.host.url);
  await settled(page, 'snapshot', 'message');
  await settled(page, 'top', 'message');
  await settled(page, 'live');
  assert.deepEqual(await errors(page), [['snapshot', 'SNAPSHOT_UNAVAILABLE'], ['top', 'SNAPSHOT_UNAVAILABLE']]);
  await context.close();
});

/** A host page that pins widget.js with the integrity value of sri.json, under the host's CSP. */
async function pinnedPage(page) {
  await page.route(`${env.host.url}pinned.html`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pinned</title>
<link rel="icon" href="data:,">
<script type="module" src="/widget/widget.js" integrity="${sri['widget.js']}" crossorigin="anonymous"></script>
<script type="module" src="host.js"></script></head>
<body><tokenlens-screener id="snapshot" source="snapshot" coins="bitcoin,ethereum"></tokenlens-screener></body></html>`,
    }),
  );
}

test('the glue is part of widget.js: one integrity attribute covers it, no other script is fetched', async () => {
  await env.faults();
  const { context, page, problems } = await openPage(env);
  await pinnedPage(page);
  // Were the glue fetched on its own, this copy would run unchecked.
  const glue = await tamper(page, 'tokenlens_widget.js', (js) => Buffer.concat([js, Buffer.from('\nglobalThis.tampered = true;\n')]));
  await page.goto(`${env.host.url}pinned.html`);
  await settled(page, 'snapshot');
  assert.equal(await page.evaluate(() => globalThis.tampered), undefined);
  assert.deepEqual(glue, [], 'no separate glue file is loaded');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a tampered widget.js (loader or glue) is refused by the page it is pinned on', async () => {
  await env.faults();
  const { context, page } = await openPage(env);
  await pinnedPage(page);
  await tamper(page, 'widget.js', (js) => Buffer.from(js.toString().replace('const glue = (() => {', 'const glue = (() => { globalThis.tampered = true;')));
  const refused = [];
  page.on('console', (msg) => msg.type() === 'error' && refused.push(msg.text()));
  await page.goto(`${env.host.url}pinned.html`);
  await page.waitForFunction(() => document.readyState === 'complete');
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(await page.evaluate(() => customElements.get('tokenlens-screener')), undefined, 'the element is not defined');
  assert.equal(await page.evaluate(() => globalThis.tampered), undefined);
  assert.ok(refused.some((t) => /integrity/i.test(t)), refused.join('\n'));
  await context.close();
});
