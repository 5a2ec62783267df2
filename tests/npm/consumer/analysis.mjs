// analyze() and screen() from the installed package on real daily candles;
// prints the results for the test to compare with the CLI.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, { analyze, screen, breadth } from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
await init({ module_or_path: await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm')) });

/** A daily OHLCV CSV (date,open,high,low,close,volume,…) as a SeriesInput. */
async function series(path) {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  const cols = header.split(',');
  const at = (name) => cols.indexOf(name);
  const rows = lines.map((l) => l.split(','));
  const num = (name) => (at(name) < 0 ? undefined : Float64Array.from(rows, (r) => Number(r[at(name)])));
  return {
    interval: 'daily',
    timestamps: rows.map((r) => Date.parse(`${r[at('date')]}T00:00:00Z`) / 1000),
    open: num('open'),
    high: num('high'),
    low: num('low'),
    close: num('close'),
    volume: num('volume'),
  };
}

const [btcPath, ethPath] = process.argv.slice(2);
const btc = await series(btcPath);
const eth = await series(ethPath);
const caught = (f) => {
  try {
    f();
    return null;
  } catch (e) {
    return { code: e.code, message: e.message };
  }
};

const short = { timestamps: [0, 86400], close: [1, 2] };
const result = {
  analysis: analyze(btc, { from: '2024-11-01' }),
  screen: screen(
    [
      { symbol: 'BTC', series: btc },
      { symbol: 'ETH', series: eth },
      { symbol: 'BAD', series: { timestamps: [0, 1], close: [1, -2] } },
      { symbol: 'SHORT', series: short },
    ],
    btc,
  ),
  breadthLast: breadth([{ symbol: 'BTC', series: btc }, { symbol: 'ETH', series: eth }]).rows.at(-1),
  errors: {
    tooShort: caught(() => analyze(short)),
    badDate: caught(() => analyze(btc, { from: '2024-13-01' })),
    unknownOption: caught(() => analyze(btc, { form: '2024-11-01' })),
    badInterval: caught(() => analyze({ ...btc, interval: 'weekly' })),
    millis: caught(() => analyze({ ...btc, timestamps: btc.timestamps.map((t) => t * 1000) })),
  },
};
console.log(JSON.stringify(result));
