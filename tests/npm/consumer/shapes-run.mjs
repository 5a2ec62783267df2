// Runs the compiled type test (shapes.mts → shapes-out/shapes.mjs) on real
// data: BTC's daily candles and the first 120 pairs of the daily-close file.
// Prints its report as JSON.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { check } from './shapes-out/shapes.mjs';

const require = createRequire(import.meta.url);
const [btcPath, widePath] = process.argv.slice(2);

async function candles(path) {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  const cols = header.split(',');
  const rows = lines.map((l) => l.split(','));
  const col = (name) => Float64Array.from(rows, (r) => Number(r[cols.indexOf(name)]));
  return {
    timestamps: rows.map((r) => Date.parse(`${r[cols.indexOf('date')]}T00:00:00Z`) / 1000),
    open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'),
  };
}

async function wide(path) {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  const rows = lines.map((l) => l.split(','));
  const times = rows.map((r) => Date.parse(`${r[0]}T00:00:00Z`) / 1000);
  return header.split(',').slice(1).map((pair, k) => {
    const kept = rows.map((r, i) => [times[i], r[k + 1]]).filter(([, v]) => v !== '');
    return { symbol: pair.replace(/USDT$/, ''), series: { timestamps: kept.map(([t]) => t), close: kept.map(([, v]) => Number(v)) } };
  });
}

const wasm = await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm'));
const evaluationWasm = await readFile(require.resolve('tokenlens-wasm/evaluation/tokenlens_bg.wasm'));
const report = await check(wasm, evaluationWasm, await candles(btcPath), (await wide(widePath)).slice(0, 120));
console.log(JSON.stringify(report));
