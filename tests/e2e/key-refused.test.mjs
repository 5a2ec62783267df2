// API keys replaced and refused, in a real Chromium: a key saved for this tab
// replaces a kept one everywhere, and a key CoinGecko refuses (twice in a row)
// is no longer sent for the rest of the tab, as Settings says. CoinGecko and
// CoinPaprika are answered by the replay server through Playwright's routing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { answering, openPage } from '../support/browser.mjs';
import { COINGECKO, COINPAPRIKA, faultsAt } from '../support/live.mjs';
import { openSite } from '../support/site.mjs';

const KEPT = 'CG-keptKeyAtRest5555';
const TAB = 'CG-tabOnlyKey6666';
let server;
let replay;
let browser;
let site;

before(async () => {
  ({ server, replay, browser } = site = await openSite({ replay: true }));
});

after(() => site?.close());

const storageText = (page) =>
  page.evaluate(() => {
    const dump = (s) => Object.keys(s).map((k) => k + '=' + s.getItem(k)).join('\n');
    return dump(localStorage) + '\n' + dump(sessionStorage);
  });

/** A page whose provider requests go to the replay server; CoinGecko's are logged with their headers. */
async function routedPage() {
  const opened = await openPage(browser, server.url);
  const gecko = [];
  const forward = (official, prefix, log) => async (route) => {
    const request = route.request();
    log?.push({ url: request.url(), headers: await request.allHeaders() });
    await answering(async () => {
      const response = await route.fetch({ url: request.url().replace(official, `${replay.url}/${prefix}`), headers: {} });
      await route.fulfill({ status: response.status(), headers: response.headers(), body: await response.text() });
    });
  };
  await opened.context.route(`${COINGECKO}/**`, forward(COINGECKO, 'cg', gecko));
  await opened.context.route(`${COINPAPRIKA}/**`, forward(COINPAPRIKA, 'paprika'));
  return { ...opened, gecko };
}

async function saveKey(page, secret, passphrase) {
  await page.locator('input[name=api-key]').fill(secret);
  if (passphrase) {
    await page.locator('input[name=remember]').check();
    await page.locator('input[name=passphrase]').fill(passphrase);
  } else {
    await page.locator('input[name=remember]').uncheck();
  }
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText(passphrase ? 'Saved, encrypted on this device' : 'Saved for this tab').waitFor({ timeout: 20_000 });
}

async function until(condition, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

test('a key saved for this tab replaces a kept one: nothing stays at rest to unlock', async () => {
  await faultsAt(replay);
  const { context, page, problems } = await routedPage();
  await page.goto(`${server.url}settings`);
  await saveKey(page, KEPT, 'a long passphrase here');
  assert.match(await storageText(page), /tokenlens\.key\.vault=/);

  await saveKey(page, TAB);
  assert.match(await page.getByTestId('key-status').innerText(), /demo key …6666/);
  const stored = await storageText(page);
  assert.ok(!stored.includes('tokenlens.key.vault'), `the replaced key stays at rest:\n${stored}`);
  assert.ok(!stored.includes(KEPT));

  // The next visit (a new tab of the same profile) has nothing to unlock.
  const next = await context.newPage();
  await next.goto(`${server.url}settings`);
  await next.getByTestId('key-status').waitFor();
  assert.match(await next.getByTestId('key-status').innerText(), /No key/);
  assert.equal(await next.locator('input[name=unlock-passphrase]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a key refused twice is no longer sent for this tab, and Settings says so', async () => {
  await faultsAt(replay);
  const { context, page, problems, gecko } = await routedPage();
  await page.goto(`${server.url}settings`);
  await saveKey(page, TAB);

  // CoinGecko refuses the key on the market list and on the totals.
  await faultsAt(replay, { '/cg/': ['401', '401'] });
  await page.getByRole('link', { name: 'Market' }).click();
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 30_000 });
  await until(() => gecko.length >= 2, 'two CoinGecko requests');
  const refused = gecko.slice(0, 2);
  for (const r of refused) assert.equal(r.headers['x-cg-demo-api-key'], TAB, r.url);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('key-status').waitFor();
  await page.waitForFunction(() => /Refused by CoinGecko/.test(document.querySelector('[data-testid=key-status]')?.textContent));
  const status = await page.getByTestId('key-status').innerText();
  assert.match(status, /demo key …6666 is no longer sent/);
  assert.match(status, /until you save or unlock a key again/);

  // Back on the market page, CoinGecko is asked again (the totals were not
  // saved): without the key.
  await page.getByRole('link', { name: 'Market' }).click();
  await until(() => gecko.length >= 3, 'a CoinGecko request after the refusals');
  // And after a reload of the tab, still without it (the saved answers are
  // cleared so that CoinGecko is asked for both).
  await until(() => gecko.length >= 3, 'the totals');
  await page.goto(`${server.url}settings`);
  await page.waitForFunction(() => /Refused by CoinGecko/.test(document.querySelector('[data-testid=key-status]')?.textContent));
  await page.getByRole('button', { name: 'Clear cache' }).click();
  await page.getByTestId('cache-status').waitFor({ timeout: 20_000 });
  const before = gecko.length;
  await page.getByRole('link', { name: 'Market' }).click();
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 30_000 });
  await until(() => gecko.length >= before + 2, 'CoinGecko requests after a reload');
  const after = gecko.slice(2);
  assert.ok(after.length >= 2);
  for (const r of after) assert.equal(r.headers['x-cg-demo-api-key'], undefined, `the refused key was sent to ${r.url}`);

  // Saving a key again sends it again.
  await page.getByRole('link', { name: 'Settings' }).click();
  await saveKey(page, TAB);
  assert.match(await page.getByTestId('key-status').innerText(), /In use: demo key …6666/);
  assert.ok(!(await storageText(page)).includes('tokenlens.key.withheld'));
  assert.deepEqual(
    problems.filter((p) => !/401|Unauthorized/.test(p)),
    [],
  );
  await context.close();
});
