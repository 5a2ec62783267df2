// The moonshots page in a real Chromium: current moonshots and the ledger
// are those of `tokenlens moonshots` run natively on the same daily rows, and
// the filters the data cannot support are named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
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
  cli = runOnSiteRows(root, 'moonshots');
});

after(() => site?.close());

/** A number written with `digits` decimals agrees with `value`. */
function near(text, value, digits, what) {
  const shown = Number.parseFloat(text.replace(/[+%]/g, ''));
  const scale = text.endsWith('%') ? 100 : 1;
  assert.ok(Math.abs(shown - value * scale) <= 0.5 * 10 ** -digits + 1e-9, `${what}: ${text} vs ${value}`);
}

async function entries(table) {
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      symbol: tr.dataset.symbol,
      flagged: tr.dataset.flagged,
      cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()),
    })),
  );
}

function check(shown, expected) {
  assert.equal(shown.length, expected.length);
  // Newest first.
  const reversed = [...expected].reverse();
  shown.forEach((row, i) => {
    const e = reversed[i];
    const what = `${e.symbol} ${e.flagged_date}`;
    assert.equal(row.symbol, e.symbol, what);
    assert.equal(row.flagged, e.flagged_date, what);
    assert.equal(row.cells[0], e.symbol);
    assert.equal(row.cells[1], e.flagged_date);
    near(row.cells[3], e.flagged_grade, 0, `${what} grade`);
    near(row.cells[4], e.grade_change_7d, 1, `${what} grade change`);
    assert.ok(e.grade_change_7d >= 10, `${what}: the rule needs a 10-point rise`);
    if (e.exit_date === null) assert.equal(row.cells[5], 'open', what);
    else assert.ok(row.cells[5].startsWith(`${e.exit_date} at `), what);
    near(row.cells[6], e.return_since_flag, 1, `${what} since flag`);
    if (e.return_at_exit === null) assert.equal(row.cells[7], '—');
    else near(row.cells[7], e.return_at_exit, 1, `${what} at exit`);
  });
}

test('moonshots and their ledger are those the CLI finds on the same rows', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}moonshots`);
  await page.getByTestId('ledger').locator('table').waitFor({ timeout: 90_000 });
  assert.match(await page.getByTestId('data-source').innerText(), new RegExp(cli.as_of));

  // The filters the close-only history cannot support, in the core's words.
  assert.equal(await page.getByTestId('market-cap-filter').innerText(), cli.market_cap_filter.note);
  assert.equal(await page.getByTestId('volume-filter').innerText(), cli.volume_filter.note);
  assert.match(cli.market_cap_filter.note, /skipped/);
  assert.match(cli.volume_filter.note, /skipped/);
  const criteria = await page.getByTestId('criteria').innerText();
  assert.match(criteria, new RegExp(`${cli.tokens} tokens screened`));
  for (const s of cli.excluded_stablecoins) assert.ok(criteria.includes(s), s);

  assert.ok(cli.ledger.length > 0, 'the bundled history should hold at least one flag');
  // The latest 50 first, every entry on request.
  check(await entries(page.getByTestId('ledger-table')), cli.ledger.slice(-50));
  const closed = cli.ledger.filter((e) => e.return_at_exit !== null);
  const mean = closed.reduce((a, e) => a + e.return_at_exit, 0) / closed.length;
  const summary = await page.getByTestId('ledger-summary').innerText();
  assert.match(summary, new RegExp(`^${closed.length} closed: mean return at exit [+-]\\d+\\.\\d%`));
  near(summary.match(/exit ([+-][\d.]+%)/)[1], mean, 1, 'mean return at exit');
  assert.match(summary, new RegExp(`; ${cli.ledger.length - closed.length} open\\.$`));
  const more = page.getByRole('button', { name: `Show all ${cli.ledger.length}` });
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  check(await entries(page.getByTestId('ledger-table')), cli.ledger);
  assert.match(await page.getByTestId('ledger').locator('h2').innerText(), new RegExp(`\\(${cli.ledger.length}\\)`));
  // Only a token whose market cap is known can be named a moonshot; the
  // others that meet every other rule are candidates, in a table of their own.
  const named = cli.current.filter((e) => e.market_cap !== null);
  const candidates = cli.current.filter((e) => e.market_cap === null);
  assert.match(await page.getByTestId('current').locator('h2').innerText(), new RegExp(`\\(${named.length}\\)`));
  if (named.length > 0) check(await entries(page.getByTestId('current-table')), named);
  else assert.match(await page.getByTestId('no-current').innerText(), /No token/);
  if (candidates.length > 0) {
    assert.match(await page.getByTestId('no-current').innerText(), /needs market caps/);
    assert.match(await page.getByTestId('candidates').locator('h2').innerText(), new RegExp(`market cap unknown \\(${candidates.length}\\)`));
    check(await entries(page.getByTestId('candidates-table')), candidates);
  } else {
    assert.equal(await page.getByTestId('candidates').count(), 0);
  }
  // Offline (this history has no market caps) nothing is named a moonshot.
  assert.equal(named.length, 0);
  assert.ok(candidates.length > 0, 'the bundled history has candidates on its last date');
  // Each ledger return since the flag is the last close over the flag price.
  for (const e of cli.ledger) {
    assert.ok(Math.abs(e.last_price / e.flagged_price - 1 - e.return_since_flag) < 1e-9);
  }

  await page.screenshot({ path: join(root, 'test-results/moonshots.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(root, 'test-results/moonshots-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
