// The element as a site owner uses it: attributes and properties, events,
// invalid values, style isolation under hostile CSS, the strict CSP, loading
// the module twice, and adding and removing widgets without leaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, openPage, settled, rows, hostLog, widgetText } from './support.mjs';

let env;
before(async () => {
  env = await startAll();
});
after(async () => {
  await env?.close();
});

/** The host page with every widget settled (the live one on a refused provider). */
async function ready(env) {
  await env.faults('/cg/coins/markets', ['404', '404', '404', '404', '404', '404']);
  const opened = await openPage(env);
  await opened.page.goto(env.host.url);
  await settled(opened.page, 'snapshot');
  await settled(opened.page, 'top');
  await settled(opened.page, 'live', 'message');
  return opened;
}

test('attribute and property changes made together re-render once', async () => {
  const { context, page, problems } = await ready(env);
  const renders = await page.evaluate(async () => {
    const el = document.getElementById('snapshot');
    let replaced = 0;
    new MutationObserver((records) => {
      replaced += records.filter((r) => r.type === 'childList' && r.addedNodes.length > 0).length;
    }).observe(el.shadowRoot, { childList: true });
    el.limit = 2;
    el.setAttribute('sort', 'price:asc');
    el.columns = 'price,class';
    el.compact = true;
    await new Promise((r) => setTimeout(r, 50));
    return { replaced, compact: el.hasAttribute('compact'), limit: el.getAttribute('limit'), prop: el.limit };
  });
  assert.deepEqual(renders, { replaced: 1, compact: true, limit: '2', prop: '2' });
  const shown = await rows(page, 'snapshot');
  assert.equal(shown.length, 2);
  assert.deepEqual(Object.keys(shown[0].cells), ['symbol', 'name', 'price', 'class']);
  const prices = shown.map((r) => Number(r.cells.price.replace(/[^\d.]/g, '')));
  assert.ok(prices[0] <= prices[1], `ascending: ${prices}`);

  // A change of coins is a new load, announced by a new tokenlens-ready.
  await page.evaluate(() => {
    document.getElementById('top').coins = 'solana,cardano';
  });
  await page.waitForFunction(() =>
    window.hostLog.events.some((e) => e.type === 'tokenlens-ready' && e.target === 'top' && e.detail.rows === 2),
  );
  assert.deepEqual((await rows(page, 'top')).map((r) => r.id).sort(), ['cardano', 'solana']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing a row by click or keyboard sends tokenlens-select', async () => {
  const { context, page, problems } = await ready(env);
  await page.locator('#snapshot tr[data-id=ethereum]').click();
  await page.locator('#snapshot tr[data-id=solana]').focus();
  await page.keyboard.press('Enter');
  await page.locator('#top tbody tr').first().focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press(' ');
  const selected = (await hostLog(page)).events.filter((e) => e.type === 'tokenlens-select');
  const second = (await rows(page, 'top'))[1];
  assert.deepEqual(selected, [
    { type: 'tokenlens-select', target: 'snapshot', detail: { id: 'ethereum', symbol: 'ETH' } },
    { type: 'tokenlens-select', target: 'snapshot', detail: { id: 'solana', symbol: 'SOL' } },
    { type: 'tokenlens-select', target: 'top', detail: { id: second.id, symbol: second.cells.symbol } },
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('invalid attributes show a message and a warning, never an exception', async () => {
  const { context, page, problems, warnings } = await ready(env);
  await page.evaluate(() => {
    const el = document.getElementById('snapshot');
    el.setAttribute('limit', '0');
    el.setAttribute('theme', 'neon');
    el.setAttribute('coins', 'bitcoin,<img src=x onerror=alert(1)>');
  });
  const text = await settled(page, 'snapshot', 'message');
  assert.match(text, /This widget is not set up correctly:/);
  assert.match(text, /coins="bitcoin,<img src=x onerror=alert\(1\)>": "<img src=x onerror=alert\(1\)>" is not a CoinGecko coin id/);
  assert.match(text, /limit="0": a whole number from 1 to 100/);
  assert.match(text, /theme="neon": use "light", "dark" or "auto"/);
  assert.equal(await page.evaluate(() => document.getElementById('snapshot').shadowRoot.querySelectorAll('img').length), 0);
  assert.equal(warnings.filter((w) => w.startsWith('<tokenlens-screener> invalid attribute')).length, 3);
  const error = (await hostLog(page)).events.find((e) => e.type === 'tokenlens-error' && e.target === 'snapshot');
  assert.equal(error.detail.code, 'INVALID_ATTRIBUTE');

  // Fixed attributes bring the table back.
  await page.evaluate(() => {
    const el = document.getElementById('snapshot');
    el.limit = 10;
    el.theme = 'dark';
    el.coins = 'bitcoin';
  });
  await settled(page, 'snapshot');
  assert.deepEqual((await rows(page, 'snapshot')).map((r) => r.id), ['bitcoin']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('host CSS does not reach inside, widget CSS does not leak out, theming does', async () => {
  const { context, page, problems } = await ready(env);
  const styles = await page.evaluate(() => {
    const root = document.getElementById('snapshot').shadowRoot;
    const cell = getComputedStyle(root.querySelector('td[data-column=price]'));
    const container = getComputedStyle(root.querySelector('[part~=container]'));
    const table = getComputedStyle(root.querySelector('table'));
    const hostSignal = getComputedStyle(document.getElementById('host-signal'));
    const hostP = getComputedStyle(document.querySelector('body > p'));
    return {
      host: getComputedStyle(document.getElementById('snapshot')).display,
      cell: [cell.fontSize, cell.textTransform, cell.letterSpacing, cell.display, cell.fontFamily.includes('Comic')],
      table: table.display,
      accent: container.getPropertyValue('--accent').trim(),
      hostSignalBorder: hostSignal.borderTopStyle,
      hostP: [hostP.fontSize, hostP.textTransform],
    };
  });
  assert.deepEqual(styles, {
    host: 'block',
    cell: ['14px', 'none', 'normal', 'table-cell', false],
    table: 'table',
    accent: '#7c3aed',
    hostSignalBorder: 'dashed',
    hostP: ['40px', 'uppercase'],
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a locale the browser does not know is refused like any bad attribute', async () => {
  const { context, page, problems } = await ready(env);
  await page.evaluate(() => {
    document.getElementById('top').locale = 'en-1';
  });
  const text = await settled(page, 'top', 'message');
  assert.match(text, /locale="en-1": this browser does not know that language tag/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('where the page forbids WebAssembly, each widget says so instead of staying blank', async () => {
  await env.faults();
  const { context, page } = await openPage(env);
  await page.goto(`${env.host.url}?wasm=blocked`);
  for (const id of ['snapshot', 'live', 'top']) {
    const text = await settled(page, id, 'message');
    assert.match(text, /The screener could not start in this browser \(WebAssembly unavailable or blocked\)\./);
  }
  const log = await hostLog(page);
  assert.deepEqual(
    log.events.filter((e) => e.type === 'tokenlens-error').map((e) => [e.target, e.detail.code]).sort(),
    [['live', 'WASM_UNAVAILABLE'], ['snapshot', 'WASM_UNAVAILABLE'], ['top', 'WASM_UNAVAILABLE']],
  );
  assert.ok(log.violations.some((v) => v.directive === 'script-src'), 'the policy did block the wasm');
  await context.close();
});

test("themes: light, dark, and auto following the visitor's colour scheme", async () => {
  const { context, page, problems } = await ready(env);
  const background = (id) =>
    page.evaluate((id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector('[part~=container]')).backgroundColor, id);
  assert.equal(await background('snapshot'), 'rgb(255, 255, 255)', 'light');
  assert.equal(await background('live'), 'rgb(16, 21, 28)', 'dark');
  assert.equal(await background('top'), 'rgb(255, 255, 255)', 'auto in a light scheme');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await background('top'), 'rgb(16, 21, 28)', 'auto in a dark scheme');
  await page.evaluate(() => document.getElementById('top').style.setProperty('--tokenlens-bg', 'rgb(1, 2, 3)'));
  assert.equal(await background('top'), 'rgb(1, 2, 3)', '--tokenlens-bg wins over the theme');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widgets run under the strict CSP without a single violation', async () => {
  const { context, page, problems } = await ready(env);
  const csp = (await page.request.get(env.host.url)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  assert.deepEqual((await hostLog(page)).violations, []);
  // The listener does see a violation when there is one.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.setAttribute('style', 'color: red');
    document.body.append(div);
  });
  await page.waitForFunction(() => window.hostLog.violations.length > 0);
  assert.equal((await hostLog(page)).violations[0].directive, 'style-src-attr');
  // Inside the widgets: no style attribute anywhere.
  const styled = await page.evaluate(() =>
    [...document.querySelectorAll('tokenlens-screener')].reduce(
      (n, el) => n + el.shadowRoot.querySelectorAll('[style]').length,
      0,
    ),
  );
  assert.equal(styled, 0);
  assert.deepEqual(problems.filter((p) => !p.includes('Content Security Policy')), []);
  await context.close();
});

test('a hidden page pauses live refreshes and catches up when shown', async () => {
  const { context, page, problems } = await ready(env);
  const stats = () => page.evaluate(async () => (await import('/widget/widget.js')).debugStats());
  const show = (state) =>
    page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  assert.equal((await stats()).timers, 1, 'the live widget refreshes; the snapshot ones do not');
  const requests = (await env.requests()).length;
  await show('hidden');
  assert.equal((await stats()).timers, 0);
  await show('visible');
  assert.equal((await stats()).timers, 1);
  // Its last load failed, so a refresh is overdue: it reloads at once.
  await page.waitForFunction(() => window.hostLog.events.filter((e) => e.type === 'tokenlens-error' && e.target === 'live').length === 2);
  assert.equal((await env.requests()).length, requests + 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('define() is safe twice and the module is safe to load twice', async () => {
  const { context, page, problems } = await ready(env);
  const result = await page.evaluate(async () => {
    const first = await import('/widget/widget.js');
    const again = await import('/widget/widget.js?copy=2');
    const a = first.define();
    const b = again.define();
    first.define();
    const stats = await again.debugStats();
    return { same: a === b && a === customElements.get('tokenlens-screener'), tag: first.TAG, live: (await first.debugStats()).liveWidgets, otherLive: stats.liveWidgets };
  });
  // Both copies import the same glue module, so they share one wasm instance.
  assert.deepEqual(result, { same: true, tag: 'tokenlens-screener', live: 3, otherLive: 3 });
  assert.equal(await page.evaluate(() => Object.keys(window).filter((k) => /tokenlens|wasm/i.test(k)).length), 0, 'no globals');
  assert.deepEqual(problems, []);
  await context.close();
});

test('adding and removing a widget 100 times leaves nothing behind', async () => {
  const { context, page, problems } = await ready(env);
  const result = await page.evaluate(async () => {
    const { debugStats } = await import('/widget/widget.js');
    const before = await debugStats();
    const samples = [];
    for (let i = 0; i < 100; i++) {
      const el = document.createElement('tokenlens-screener');
      if (i % 2 === 0) {
        el.setAttribute('source', 'snapshot');
        el.setAttribute('coins', 'bitcoin,ethereum,solana,cardano');
        const ready = new Promise((r) => el.addEventListener('tokenlens-ready', r, { once: true }));
        document.body.append(el);
        await ready;
      } else {
        // Removed while its live request is still waiting or in flight.
        el.setAttribute('coins', `bitcoin,coin-${i}`);
        el.setAttribute('refresh', '60');
        document.body.append(el);
        await new Promise((r) => setTimeout(r, 5));
      }
      el.remove();
      if (i === 19 || i === 99) {
        await new Promise((r) => setTimeout(r, 300));
        samples.push(await debugStats());
      }
    }
    return { before, samples, elements: document.querySelectorAll('tokenlens-screener').length };
  });
  const [at20, at100] = result.samples;
  assert.equal(result.elements, 3);
  assert.equal(at100.liveWidgets, result.before.liveWidgets, 'widget states released');
  assert.equal(at100.timers, result.before.timers, 'refresh timers stopped');
  assert.equal(at100.loads, 0, 'loads aborted');
  assert.equal(at100.memoryBytes, at20.memoryBytes, 'wasm memory stable after the first rounds');
  assert.deepEqual(problems, []);
  await context.close();
});
