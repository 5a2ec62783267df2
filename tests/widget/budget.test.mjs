// One polite client per browser: the widgets of every tab of a browser keep
// to CoinGecko's keyless budget together (10 requests a minute after a burst
// of 3, the widget's shipped settings), and a 429 told to one tab holds in the
// others. Two pages of one browser context are two tabs; every request they
// send to CoinGecko is timed where it leaves the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAll, COINGECKO } from './support.mjs';
import { answering } from '../support/browser.mjs';

const PER_MINUTE = 10;
const BURST = 3;

let env;
before(async () => {
  env = await startAll();
});
after(async () => {
  await env?.close();
});

/** Tabs of one new context; `sent` lists each CoinGecko request: its tab, when it left, its path. */
async function tabs(count) {
  const context = await env.browser.newContext();
  const sent = [];
  const pages = [];
  for (let tab = 0; tab < count; tab++) {
    const page = await context.newPage();
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(env.host.url)) return route.continue();
      if (!url.startsWith(`${COINGECKO}/`)) return route.abort('blockedbyclient');
      sent.push({ tab, at: Date.now(), url });
      return answering(async () => {
        const response = await route.fetch({ url: url.replace(COINGECKO, `${env.replay.url}/cg`), headers: {} });
        sent.at(-1).status = response.status();
        sent.at(-1).answered = Date.now();
        return route.fulfill({ response });
      });
    });
    pages.push(page);
  }
  return { context, pages, sent };
}

/** Adds live widgets, one per coin list, to the page. */
function addWidgets(page, coinLists) {
  return page.evaluate((lists) => {
    for (const coins of lists) {
      const el = document.createElement('tokenlens-screener');
      el.setAttribute('coins', coins);
      document.body.append(el);
    }
  }, coinLists);
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

test('two tabs with five live widgets each send no more than one budget', async (t) => {
  await env.faults();
  const { context, pages, sent } = await tabs(2);
  // Every widget asks for other coins: nothing is coalesced or cached, so
  // the demand (ten requests at once) is far beyond the budget.
  const coins = ['solana', 'cardano', 'ripple', 'tron', 'polkadot', 'litecoin', 'chainlink', 'stellar'];
  await Promise.all(pages.map((page) => page.goto(env.host.url)));
  await Promise.all(pages.map((page, tab) => addWidgets(page, coins.slice(tab * 4, tab * 4 + 4))));
  await sleep(15_000);
  const starts = sent.map((s) => s.at).sort((a, b) => a - b);
  const span = (starts.at(-1) - starts[0]) / 60_000;
  t.diagnostic(`${starts.length} requests sent in ${Math.round(span * 60_000)} ms: ${JSON.stringify(sent.map((s) => [s.tab, s.at - starts[0]]))}`);
  // Over any stretch of time, at most the burst plus what refilled meanwhile
  // (a fifth of a token of slack for timing between the tab and this process).
  for (let i = 0; i < starts.length; i++) {
    for (let j = i; j < starts.length; j++) {
      const allowed = BURST + ((starts[j] - starts[i]) / 60_000) * PER_MINUTE + 0.2;
      assert.ok(
        j - i + 1 <= allowed,
        `${j - i + 1} requests within ${starts[j] - starts[i]} ms (at most ${allowed.toFixed(1)}): ` +
          JSON.stringify(sent.map((s) => [s.tab, s.at - starts[0]])),
      );
    }
  }
  assert.ok(starts.length <= BURST + span * PER_MINUTE + 0.2, `${starts.length} requests in ${span * 60} s`);
  // Both tabs are served: the budget is shared, not taken by one.
  assert.ok(starts.length >= BURST + 1, `only ${starts.length} requests in 15 s`);
  assert.deepEqual(new Set(sent.map((s) => s.tab)), new Set([0, 1]), 'both tabs sent requests');
  await context.close();
});

test('a 429 in one tab holds in a tab opened after it', async () => {
  await env.faults('/cg/coins/markets', ['429:4']);
  const { context, pages, sent } = await tabs(2);
  const [first, second] = pages;
  await first.goto(env.host.url);
  const deadline = Date.now() + 20_000;
  while (!sent.some((s) => s.status === 429) && Date.now() < deadline) await sleep(50);
  const limited = sent.find((s) => s.status === 429);
  assert.ok(limited, 'the first tab was told 429');
  // The second tab never saw the 429; its widgets ask for other coins.
  await second.goto(env.host.url);
  await addWidgets(second, ['solana', 'cardano']);
  await sleep(7_000);
  const fromSecond = sent.filter((s) => s.tab === 1);
  assert.ok(fromSecond.length > 0, 'the second tab asked once the pause was over');
  for (const s of sent.filter((s) => s !== limited)) {
    const after = s.at - limited.answered;
    assert.ok(after >= 4_000 - 250, `tab ${s.tab} asked ${after} ms after a Retry-After of 4 s`);
  }
  await context.close();
});

test('where IndexedDB is blocked, a tab keeps to a budget of its own and its widgets still load', async () => {
  await env.faults();
  const { context, pages, sent } = await tabs(1);
  const [page] = pages;
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  // As in a browser whose storage is off for the site: every use throws.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('storage is blocked', 'SecurityError');
      },
    });
  });
  await page.goto(env.host.url);
  await addWidgets(page, ['solana', 'cardano', 'ripple']);
  await page.waitForFunction(() => document.getElementById('live')?.shadowRoot?.querySelector('tbody tr'), null, { timeout: 30_000 });
  await sleep(2_000);
  const starts = sent.map((s) => s.at).sort((a, b) => a - b);
  const early = starts.filter((t) => t - starts[0] < 3_000).length;
  assert.ok(early <= BURST, `${early} requests in the first 3 s: ${JSON.stringify(starts.map((t) => t - starts[0]))}`);
  assert.ok(starts.length >= BURST, `only ${starts.length} requests`);
  assert.deepEqual(problems, []);
  await context.close();
});
