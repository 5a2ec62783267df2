// Provider answers that arrive with a 200 but cannot be used, on the market
// page in a real Chromium: an empty list or rows that all fail (a renamed
// field) are never shown as an empty live table; the next provider answers.
// CoinGecko and CoinPaprika are answered by the replay server through
// Playwright's routing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { faultsAt, livePage, marketsRequests } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

let server;
let replay;
let browser;
let site;

before(async () => {
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

for (const fault of ['empty', 'renamed']) {
  test(`an unusable CoinGecko list (${fault}) is not shown: CoinPaprika answers instead`, async () => {
    await faultsAt(replay, { '/cg/coins/markets': [fault] });
    const { context, page, problems, seen } = await livePage(browser, server, replay);
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('[data-testid=data-source]')?.textContent.includes('CoinPaprika'), null, {
      timeout: 20_000,
    });
    assert.match(await page.getByTestId('data-source').innerText(), /Live · CoinPaprika/);
    assert.equal(
      await page.getByTestId('fallback').innerText(),
      'CoinGecko could not be used (its data could not be read); showing CoinPaprika instead',
    );
    const ids = await page.locator('[data-testid=market-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    assert.deepEqual(ids, ['btc-bitcoin', 'eth-ethereum']);
    assert.equal(marketsRequests(seen).length, 2, 'CoinGecko, then CoinPaprika');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
