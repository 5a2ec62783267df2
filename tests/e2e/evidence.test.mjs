// The Evidence page in a real Chromium: the walk-forward evaluation of the
// grades and the signal, computed in the browser from the bundled history
// while a progress bar counts the tokens, gives the figures `tokenlens
// evaluate` gives natively on the same rows; the token page's evidence line
// says the same and links to the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from '../support/browser.mjs';
import { runOnSiteRows } from '../support/cli-universe.mjs';
import { openSite } from '../support/site.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let server;
let browser;
let site;
let cli;

before(async () => {
  ({ server, browser } = site = await openSite());
  cli = runOnSiteRows(root, 'evaluate');
});

after(() => site?.close());

const stats = (name, horizon) =>
  cli.measures.find((m) => m.name === name).stats.find((s) => s.horizon === horizon && s.period === 'out_of_sample');

/** `+0.095` as the page writes it (a true minus sign). */
const signed = (v, digits) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`.replace('-', '−');

test('the evidence page computes in the browser what the CLI computes on the same rows', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}evidence`);
  await page.getByTestId('trader_grade').locator('.headline-figure').waitFor({ timeout: 90_000 });
  // The progress bar is gone once the figures are in.
  assert.equal(await page.getByTestId('evidence-progress').count(), 0);

  for (const [name, horizon] of [['trader_grade', 7], ['investor_grade', 30]]) {
    const s = stats(name, horizon);
    const card = page.getByTestId(name);
    const figure = await card.locator('.headline-figure').innerText();
    assert.ok(figure.includes(signed(s.mean_ic, 3)), `${name}: ${figure} vs ${s.mean_ic}`);
    assert.ok(figure.includes(`t ${s.t.toFixed(1)}`), `${name}: ${figure} vs t ${s.t}`);
    const text = await card.innerText();
    assert.ok(text.includes(`over ${s.dates} weeks`), `${name}: ${text}`);
    assert.ok(text.includes(`On the ${s.hit.dates} weeks with a token graded above 80`), `${name}: ${text}`);
    assert.ok(text.includes(`in ${Math.round(100 * s.hit.date_hit_rate)} % of them`), `${name}: ${text}`);
  }
  // The Trader Grade's IC over time: one point per out-of-sample week.
  const chart = page.getByTestId('ic-over-time');
  assert.ok(await chart.locator('svg').count() >= 1);
  // The signal against random timings.
  const timing = cli.timing.find((t) => t.period === 'out_of_sample');
  const signal = await page.getByTestId('signal-evidence').innerText();
  assert.ok(signal.includes(`beat ${timing.percentile.toFixed(1)} % of 1,000 random timings`), signal);
  assert.ok(signal.includes(`ended ${cli.flips.crash_exits} bullish states`), signal);
  const caveats = await page.getByTestId('evidence-caveats').innerText();
  assert.ok(caveats.includes(`${cli.tokens} tokens`) && caveats.includes('PAXG'), caveats);
  // No horizontal overflow on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
  mkdirSync(resolve(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: resolve(root, 'test-results/evidence-390.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the token page says how strong grades did, and links to the evidence', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}token/ETH`);
  const line = page.getByTestId('evidence-line');
  await line.getByRole('link', { name: 'The evidence' }).waitFor({ timeout: 90_000 });
  const s = stats('trader_grade', 7);
  const text = await line.innerText();
  assert.ok(
    text.startsWith(
      `A Trader Grade above 80 was followed by a better-than-median week ${Math.round(100 * s.hit.date_hit_rate)} % of the time (${s.hit.dates} weeks with such a grade, ${s.ics[0].date.slice(0, 7)} → ${s.ics.at(-1).date.slice(0, 7)}, out of sample).`,
    ),
    text,
  );
  await line.getByRole('link', { name: 'The evidence' }).click();
  await page.getByTestId('trader_grade').locator('.headline-figure').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).pathname, '/evidence');
  assert.deepEqual(problems, []);
  await context.close();
});
