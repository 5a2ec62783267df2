// Debian's Chromium through playwright-core: no browser download, ever.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A new page that records console errors, page errors and every request
 * leaving `allowedOrigin` (which is then aborted: tests never reach the network).
 * The site's service worker is blocked: it would answer the site's own requests
 * from its cache, past the routes tests set (tests/e2e/offline-app.test.mjs tests it).
 */
export async function openPage(browser, allowedOrigin) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  const offsite = [];
  page.on('console', (msg) => {
    // Requests this harness aborts (off-site, see below) are expected failures.
    if (msg.type() === 'error' && !msg.text().includes('ERR_BLOCKED_BY_CLIENT')) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowedOrigin) || url.startsWith('data:')) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, page, problems, offsite };
}

/**
 * Runs a route handler, ignoring the failure of a request whose page or
 * context closed while it was being answered (the test is over; the answer
 * has nowhere to go), or whose stand-in server hung up (stopped after the
 * tests: the page sees a failed request, as it would). Any other failure is
 * thrown.
 */
export async function answering(handler) {
  try {
    return await handler();
  } catch (e) {
    const message = String(e?.message ?? e);
    if (/disposed|has been closed|Target closed/i.test(message)) return undefined;
    if (/ECONNRESET|ECONNREFUSED|socket hang up/.test(message)) return undefined;
    throw e;
  }
}
