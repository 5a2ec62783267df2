// The feed replay server: answers on 127.0.0.1 as the price providers would,
// from recorded responses, and injects faults on demand. Tests of the browser
// client point the client's base URLs here; nothing talks to a real provider.
//
//   node tests/feeds/replay-server.mjs [PORT]     (prints "replay: http://127.0.0.1:PORT")
//
// Provider prefixes: /cg (CoinGecko v3), /binance (Binance /api/v3), /coinbase,
// /paprika (CoinPaprika v1). Control endpoints (JSON):
//   POST /__faults {"path": "/cg/global", "faults": ["429:2", "503", "ok"]}
//        queues faults for requests whose path starts with `path`, one per request;
//        "ok" serves normally. Faults: "429" | "429:<seconds>" | "429:date:<seconds>"
//        (Retry-After as an HTTP date) | "429:hidden:<seconds>" (Retry-After sent but
//        not exposed to a cross-origin page, as most providers do) | "500" | "503" | "401" | "451" | "404" |
//        "slow:<ms>" | "truncate" | "wrongtype" | "empty" | "huge" | "nocors" | "hang" |
//        "renamed" (a 200 whose rows all have `id` renamed to `coin_id`: nothing usable) |
//        "drip:<ms>" (headers at once, then the body one byte every <ms> ms, for a minute) |
//        "endless" (a 200 whose body never ends: 64 KiB chunks until the client hangs up).
//        A `path` with a query part ("/cg/coins/markets?page=3") matches only
//        requests whose query contains that part.
//   POST /__universe {"coins": 1000, "seed": 7}
//        /cg/coins/markets then answers from a seeded synthetic universe of that
//        many coins (ranked, market caps across every class, 7-day hourly
//        sparklines), for tests that need more coins than the recording has.
//        With "named": true the first five are bitcoin, ethereum, solana, dogecoin
//        and pepe (the coins with recorded daily files; see /__daily-candles).
//   POST /__daily-candles {}
//        /binance/klines then answers a symbol that has a recorded Binance daily
//        OHLCV file in data/sources (BTCUSDT, ETHUSDT, SOLUSDT, DOGEUSDT, PEPEUSDT)
//        with that file's last `limit` days as klines; other symbols get the
//        recorded two-day BTC answer as before.
//   GET  /__log   every request received since the last reset: method, path, query,
//                 headers (lower-case), start and end time in ms, and for the
//                 streaming faults the body bytes sent before the client hung up (`sent`).
//   POST /__reset clears faults, the synthetic universe, the daily candles and the log.
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'crates/feeds/tests/fixtures');
const read = (path) => readFileSync(path, 'utf8');

const recorded = {
  markets: JSON.parse(read(join(root, 'data/sources/coingecko_coins_markets_usd_250_2023-07-28.json'))),
  categories: read(join(fixtures, 'coingecko_coins_categories_2025-09-06_trimmed.json')),
  marketChart: read(join(fixtures, 'coingecko_market_chart_bitcoin_eur_daily_trimmed.json')),
  global: read(join(fixtures, 'coingecko_global_documented_shape.json')),
  klines: read(join(fixtures, 'binance_api_v3_klines_BTCUSDT_1d_2026-10-01.json')),
  ticker: read(join(fixtures, 'binance_api_v3_ticker_24hr_2026-10-02.json')),
  candles: read(join(fixtures, 'coinbase_products_candles_documented_shape.json')),
  tickers: read(join(fixtures, 'coinpaprika_tickers_documented_shape.json')),
  categoryMembers: JSON.parse(read(join(fixtures, 'coingecko_category_members_constructed.json'))),
};

let synthetic = null; // coins of POST /__universe, or null
let dailyCandles = false; // POST /__daily-candles

/** Binance klines of `symbol`'s recorded daily OHLCV file, the last `limit` days, or null. */
function recordedKlines(symbol, limit) {
  const name = readdirSync(join(root, 'data/sources')).find((f) => f.startsWith(`binance_spot_${symbol}_1d_2`));
  if (!name) return null;
  const [header, ...lines] = read(join(root, 'data/sources', name)).trim().split('\n');
  const col = Object.fromEntries(header.split(',').map((h, i) => [h, i]));
  const day = 86_400_000;
  const rows = lines.slice(-Math.max(1, Math.min(1000, limit || 500))).map((line) => {
    const f = line.split(',');
    const open = Date.parse(`${f[col.date]}T00:00:00Z`);
    const quote = f[col.quote_volume] ?? '0';
    return [open, f[col.open], f[col.high], f[col.low], f[col.close], f[col.volume], open + day - 1, quote, Number(f[col.trades] ?? 0), '0', '0', '0'];
  });
  return JSON.stringify(rows);
}

/** SplitMix64 → uniform (0, 1): the same coins for the same seed. */
function rng(seed) {
  let state = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return (Number((z ^ (z >> 31n)) >> 11n) + 0.5) / 2 ** 53;
  };
}

/** A ranked universe in the /coins/markets shape, largest first. */
const NAMED = [
  ['bitcoin', 'btc', 'Bitcoin'],
  ['ethereum', 'eth', 'Ethereum'],
  ['solana', 'sol', 'Solana'],
  ['dogecoin', 'doge', 'Dogecoin'],
  ['pepe', 'pepe', 'Pepe'],
];

function syntheticUniverse(count, seed, named = false) {
  const unit = rng(seed);
  const now = new Date().toISOString();
  const coins = [];
  for (let i = 0; i < count; i++) {
    // Market caps from about $1T down to about $1M, log-spaced by rank.
    const cap = 1e12 * 10 ** (-6 * (i / Math.max(1, count - 1))) * (0.8 + 0.4 * unit());
    const drift = (unit() - 0.5) * 0.004;
    const vol = 0.003 + 0.02 * unit();
    let price = 10 ** (4 - 6 * unit());
    const sparkline = [];
    for (let h = 0; h < 168; h++) {
      sparkline.push(price);
      const z = Math.sqrt(-2 * Math.log(unit())) * Math.cos(2 * Math.PI * unit());
      price *= Math.exp(drift + vol * z);
    }
    const last = sparkline[167];
    const change = (back) => (100 * (last - sparkline[167 - back])) / sparkline[167 - back];
    const supply = cap / last;
    const [id, symbol, name] = (named && NAMED[i]) || [`synthetic-${i + 1}`, `s${(i + 1).toString(36)}`, `Synthetic ${i + 1}`];
    coins.push({
      id,
      symbol,
      name,
      image: 'https://example.invalid/coin.png',
      current_price: last,
      market_cap: cap,
      market_cap_rank: i + 1,
      fully_diluted_valuation: cap * (1 + unit()),
      total_volume: cap * (0.005 + 0.2 * unit()),
      circulating_supply: supply,
      total_supply: supply * 1.2,
      max_supply: unit() < 0.5 ? supply * 1.5 : null,
      price_change_percentage_24h: change(24),
      price_change_percentage_1h_in_currency: change(1),
      price_change_percentage_24h_in_currency: change(24),
      price_change_percentage_7d_in_currency: change(167),
      last_updated: now,
      sparkline_in_7d: { price: sparkline },
    });
  }
  return coins;
}

/** The recorded body for a provider path, or null. */
function answer(path, query) {
  if (path === '/cg/coins/markets') {
    let coins = synthetic ?? recorded.markets;
    const ids = query.get('ids');
    if (ids) coins = coins.filter((c) => ids.split(',').includes(c.id));
    const category = query.get('category');
    if (category) {
      const members = recorded.categoryMembers[category] ?? [];
      coins = coins.filter((c) => members.includes(c.id));
    }
    const perPage = Math.min(250, Number(query.get('per_page') ?? 100));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    return JSON.stringify(coins.slice((page - 1) * perPage, page * perPage));
  }
  if (path === '/cg/coins/categories') return recorded.categories;
  if (/^\/cg\/coins\/[^/]+\/market_chart$/.test(path)) return recorded.marketChart;
  if (path === '/cg/global') return recorded.global;
  if (path === '/binance/klines') {
    const daily = dailyCandles && query.get('interval') === '1d' && recordedKlines(query.get('symbol'), Number(query.get('limit')));
    return daily || recorded.klines;
  }
  if (path === '/binance/ticker/24hr') return recorded.ticker;
  if (/^\/coinbase\/products\/[^/]+\/candles$/.test(path)) return recorded.candles;
  if (path === '/paprika/tickers') return recorded.tickers;
  return null;
}

let faults = []; // [{ path, queue: [fault, …] }]
let log = [];
const started = Date.now();

function nextFault(path, search) {
  for (const f of faults) {
    const [prefix, part] = f.path.split('?');
    if (path.startsWith(prefix) && (!part || search.includes(part)) && f.queue.length > 0) return f.queue.shift();
  }
  return 'ok';
}

function cors(res) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'retry-after');
  res.setHeader('access-control-allow-headers', 'x-cg-demo-api-key, x-cg-pro-api-key, content-type');
  res.setHeader('access-control-max-age', '600');
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  if (req.method === 'OPTIONS') {
    cors(res);
    res.writeHead(204).end();
    return;
  }
  if (path.startsWith('/__')) {
    cors(res);
    let body = '';
    for await (const chunk of req) body += chunk;
    if (path === '/__reset') {
      faults = [];
      log = [];
      synthetic = null;
      dailyCandles = false;
      res.writeHead(204).end();
    } else if (path === '/__faults') {
      const { path: prefix, faults: queue } = JSON.parse(body);
      faults.push({ path: prefix, queue: [...queue] });
      res.writeHead(204).end();
    } else if (path === '/__universe') {
      const { coins, seed, named } = JSON.parse(body);
      synthetic = syntheticUniverse(Number(coins), seed ?? 1, named === true);
      res.writeHead(204).end();
    } else if (path === '/__daily-candles') {
      dailyCandles = true;
      res.writeHead(204).end();
    } else if (path === '/__log') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(log));
    } else {
      res.writeHead(404).end();
    }
    return;
  }

  const entry = {
    method: req.method,
    path,
    query: url.search,
    headers: req.headers,
    start: Date.now() - started,
    end: null,
  };
  log.push(entry);
  const fault = nextFault(path, url.search);
  const [kind, arg, arg2] = fault.split(':');
  const finish = (status, body, headers = {}) => {
    if (kind !== 'nocors') cors(res);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
    entry.end = Date.now() - started;
  };
  const body = answer(path, url.searchParams);
  if (body === null) return finish(404, JSON.stringify({ error: 'not found' }));

  switch (kind) {
    case 'ok':
    case 'nocors':
      return finish(200, body);
    case '429': {
      const headers = {};
      if (arg === 'date') headers['retry-after'] = new Date(Date.now() + Number(arg2) * 1000).toUTCString();
      else if (arg === 'hidden') {
        headers['retry-after'] = arg2;
        // Overrides cors()'s list: the page cannot read Retry-After.
        headers['access-control-expose-headers'] = 'x-none';
      } else if (arg !== undefined) headers['retry-after'] = arg;
      return finish(429, JSON.stringify({ status: { error_code: 429, error_message: 'rate limited' } }), headers);
    }
    case '500':
    case '503':
    case '401':
    case '451':
    case '404':
      return finish(Number(kind), JSON.stringify({ error: `fault ${kind}` }));
    case 'slow':
      await sleep(Number(arg));
      return finish(200, body);
    case 'hang':
      await sleep(60_000);
      return finish(200, body);
    case 'truncate':
      return finish(200, body.slice(0, Math.floor(body.length / 2)));
    case 'wrongtype':
      return finish(200, JSON.stringify({ unexpected: [1, 2, 3] }));
    case 'empty':
      return finish(200, '[]');
    case 'renamed': {
      const rows = JSON.parse(body);
      const renamed = Array.isArray(rows)
        ? rows.map((row) => {
            if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
            const { id, ...rest } = row;
            return { coin_id: id, ...rest };
          })
        : rows;
      return finish(200, JSON.stringify(renamed));
    }
    case 'drip':
    case 'endless': {
      cors(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      entry.sent = 0;
      let closed = false;
      res.on('close', () => {
        closed = true;
      });
      const until = Date.now() + 60_000;
      const chunk = kind === 'drip' ? ' ' : `${' '.repeat(65_535)}\n`;
      res.write('[');
      entry.sent += 1;
      while (!closed && Date.now() < until) {
        // Wait for the socket to drain, so `sent` counts what left.
        if (!res.write(chunk)) await new Promise((ok) => res.once('drain', ok).once('close', ok));
        entry.sent += chunk.length;
        await sleep(kind === 'drip' ? Number(arg) || 100 : 1);
      }
      if (!closed) res.end(']');
      entry.end = Date.now() - started;
      return undefined;
    }
    case 'huge':
      return finish(200, `[${Array.from({ length: 20000 }, (_, i) => `{"id":"coin-${i}","current_price":${i}}`).join(',')}]`);
    default:
      return finish(500, JSON.stringify({ error: `unknown fault ${fault}` }));
  }
}

export async function startReplayServer(port = 0) {
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500).end(String(e));
    });
  });
  // Clients here pace their requests by a rate budget (one every 6 s at
  // CoinGecko's keyless rate), so an idle keep-alive socket must outlive
  // that pace: with Node's 5 s default the server closes it just as a
  // client reuses it, and that request dies with a reset.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startReplayServer(Number(process.argv[2] ?? 0));
  console.log(`replay: ${url}`);
}
