// The settings page in a real Chromium: a deep link that survives a refresh,
// and the API key handled as a secret (this tab by default, encrypted when
// kept, forgotten in one action, never sent anywhere).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage } from '../support/browser.mjs';
import { openSite } from '../support/site.mjs';

const SECRET = 'CG-e2eSecretKey9876';
let server;
let browser;
let site;

before(async () => {
  ({ server, browser } = site = await openSite());
});

after(() => site?.close());

const storageText = (page) =>
  page.evaluate(() => {
    const dump = (s) => Object.keys(s).map((k) => k + '=' + s.getItem(k)).join('\n');
    return dump(localStorage) + '\n' + dump(sessionStorage);
  });

test('a deep link to /settings renders, and survives a reload', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}settings`);
  await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: 20_000 });
  await page.reload();
  await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: 20_000 });
  assert.match(await page.getByTestId('key-status').innerText(), /No key/);
  await page.getByRole('link', { name: 'Market' }).click();
  await page.locator('[data-testid=market-table] tbody tr').first().waitFor({ timeout: 20_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a key is held for this tab only, never shown or sent, and forgotten at once', async () => {
  const { context, page, problems, offsite } = await openPage(browser, server.url);
  await page.goto(`${server.url}settings`);
  await page.locator('input[name=api-key]').fill(SECRET);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Saved for this tab').waitFor();
  assert.match(await page.getByTestId('key-status').innerText(), /demo key …9876/);
  assert.equal(await page.locator('input[name=api-key]').inputValue(), '', 'the field keeps the key');
  assert.ok(!(await page.content()).includes(SECRET), 'the key is in the page');
  let stored = await storageText(page);
  assert.ok(!stored.split('\n').some((l) => l.startsWith('tokenlens.key.vault')), 'kept without being asked');

  await page.reload();
  await page.getByTestId('key-status').waitFor();
  assert.match(await page.getByTestId('key-status').innerText(), /…9876/);

  await page.getByRole('button', { name: 'Forget key' }).click();
  assert.match(await page.getByTestId('key-status').innerText(), /No key/);
  stored = await storageText(page);
  assert.ok(!stored.includes(SECRET));
  assert.deepEqual(offsite, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a kept key is encrypted at rest and needs its passphrase after the tab closes', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.goto(`${server.url}settings`);
  await page.locator('select[name=plan]').selectOption('pro');
  await page.locator('input[name=api-key]').fill(SECRET);
  await page.locator('input[name=remember]').check();
  await page.locator('input[name=passphrase]').fill('a long passphrase here');
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Saved, encrypted on this device').waitFor({ timeout: 20_000 });
  const stored = await storageText(page);
  assert.match(stored, /tokenlens\.key\.vault=v1\.600000\./);
  assert.ok(!stored.split('\n').find((l) => l.startsWith('tokenlens.key.vault')).includes(SECRET));

  // A new tab in the same profile: the session copy is gone, the vault is not.
  const second = await context.newPage();
  await second.goto(`${server.url}settings`);
  await second.getByTestId('key-status').waitFor();
  assert.match(await second.getByTestId('key-status').innerText(), /kept encrypted/);
  await second.locator('input[name=unlock-passphrase]').fill('not it at all');
  await second.getByRole('button', { name: 'Unlock' }).click();
  await second.getByRole('alert').waitFor({ timeout: 20_000 });
  assert.match(await second.getByRole('alert').innerText(), /wrong passphrase/);
  await second.locator('input[name=unlock-passphrase]').fill('a long passphrase here');
  await second.getByRole('button', { name: 'Unlock' }).click();
  await second.getByText('Unlocked').waitFor({ timeout: 20_000 });
  assert.match(await second.getByTestId('key-status').innerText(), /pro key …9876/);
  await second.getByRole('button', { name: 'Forget key' }).click();
  assert.ok(!(await storageText(second)).includes('tokenlens.key'));
  assert.deepEqual(problems, []);
  await context.close();
});
