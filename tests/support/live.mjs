// Helpers of the live end-to-end tests: provider requests answered by the
// replay server through Playwright's routing (so the page and its CSP are
// exactly what ships), with every routed request recorded.
import { answering, openPage } from './browser.mjs';

export const COINGECKO = 'https://api.coingecko.com/api/v3';
export const COINPAPRIKA = 'https://api.coinpaprika.com/v1';

/** POSTs to a control endpoint of the replay server. */
export async function control(replay, path, body) {
  await fetch(`${replay.url}${path}`, { method: 'POST', body: body && JSON.stringify(body) });
}

/** Resets the replay server, then queues `faults` ({ path: [fault, …] }). */
export async function faultsAt(replay, faults = {}) {
  await control(replay, '/__reset');
  for (const [path, list] of Object.entries(faults)) await control(replay, '/__faults', { path, faults: list });
}

/**
 * A page whose CoinGecko and CoinPaprika requests go to the replay server.
 * `seen` lists every routed request's URL; `edit(body, url)` may rewrite a
 * successful CoinGecko body.
 */
export async function livePage(browser, server, replay, { edit } = {}) {
  const opened = await openPage(browser, server.url);
  const seen = [];
  const forward = (official, prefix) => async (route) => {
    const url = route.request().url();
    seen.push(url);
    await answering(async () => {
      const response = await route.fetch({ url: url.replace(official, `${replay.url}/${prefix}`), headers: {} });
      let body = await response.text();
      if (edit && prefix === 'cg' && response.status() === 200) body = edit(body, url);
      await route.fulfill({ status: response.status(), headers: response.headers(), body });
    });
  };
  await opened.context.route(`${COINGECKO}/**`, forward(COINGECKO, 'cg'));
  await opened.context.route(`${COINPAPRIKA}/**`, forward(COINPAPRIKA, 'paprika'));
  return { ...opened, seen };
}

/** Requests for the market list (not /global). */
export const marketsRequests = (seen) => seen.filter((u) => u.includes('/coins/markets') || u.includes('/tickers'));
export const globalRequests = (seen) => seen.filter((u) => u.includes('/global'));

/** Waits until the data source label says `text`. */
export function waitForSource(page, text, timeout = 30_000) {
  return page.waitForFunction((t) => document.querySelector('[data-testid=data-source]')?.textContent.includes(t), text, {
    timeout,
  });
}
