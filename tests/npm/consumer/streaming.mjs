// Every streaming class fed bar by bar gives what the batch `indicators()`
// gives for the same spec; prints a JSON report for the test to check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as tl from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
await tl.default({ module_or_path: await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm')) });

// A deterministic wavy OHLCV series.
const n = 120;
const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 7) + i * 0.3);
const open = close.map((c, i) => (i === 0 ? c : close[i - 1]));
const high = close.map((c, i) => Math.max(c, open[i]) + 1 + (i % 3) * 0.25);
const low = close.map((c, i) => Math.min(c, open[i]) - 1 - (i % 5) * 0.2);
const volume = close.map((_, i) => 1000 + ((i * 37) % 200));
const batch = tl.indicators({ open, high, low, close, volume }, [
  'sma20', 'wma20', 'dema20', 'tema20', 'hma9', 'vwma20', 'rsi14', 'macd', 'stoch', 'stochrsi',
  'cci20', 'willr14', 'mom10', 'roc10', 'ao', 'uo', 'adx14', 'aroon25', 'psar', 'bb', 'atr14',
  'natr14', 'kc', 'dc', 'obv', 'mfi14', 'ad', 'stddev20', 'elderray13', 'vwap20', 'volume_z20',
  'ichimoku', 'supertrend',
]);

// [class, options, batch key, input kind, pick from a multi-part output]
const cases = [
  ['Sma', { period: 20 }, 'sma20', 'price'],
  ['Wma', { period: 20 }, 'wma20', 'price'],
  ['Dema', { period: 20 }, 'dema20', 'price'],
  ['Tema', { period: 20 }, 'tema20', 'price'],
  ['Hma', { period: 9 }, 'hma9', 'price'],
  ['Vwma', { period: 20 }, 'vwma20', 'candle'],
  ['Rsi', { period: 14 }, 'rsi14', 'price'],
  ['Macd', {}, 'macd_signal', 'price', (o) => o.signal],
  ['Stoch', { kPeriod: 14, kSlowing: 3, dPeriod: 3 }, 'stoch_d', 'candle', (o) => o.d],
  ['StochRsi', undefined, 'stochrsi_k', 'price', (o) => o.k],
  ['Cci', { period: 20 }, 'cci20', 'candle'],
  ['WillR', { period: 14 }, 'willr14', 'candle'],
  ['Mom', { period: 10 }, 'mom10', 'price'],
  ['Roc', { period: 10 }, 'roc10', 'price'],
  ['Ao', undefined, 'ao', 'candle'],
  ['UltimateOscillator', undefined, 'uo', 'candle'],
  ['Adx', { period: 14 }, 'adx14', 'candle', (o) => o.adx],
  ['Dmi', { period: 14 }, 'plus_di14', 'candle', (o) => o.plusDi],
  ['Aroon', { period: 25 }, 'aroon_down25', 'candle', (o) => o.down],
  ['ParabolicSar', undefined, 'psar', 'candle'],
  ['BollingerBands', {}, 'bb_percent_b', 'price', (o) => o.percentB],
  ['StdDev', { period: 20 }, 'stddev20', 'price'],
  ['Atr', { period: 14 }, 'atr14', 'candle'],
  ['Natr', { period: 14 }, 'natr14', 'candle'],
  ['KeltnerChannel', {}, 'kc_upper', 'candle', (o) => o.upper],
  ['DonchianChannel', { period: 20 }, 'dc_lower', 'candle', (o) => o.lower],
  ['Obv', undefined, 'obv', 'candle'],
  ['Mfi', { period: 14 }, 'mfi14', 'candle'],
  ['Ad', undefined, 'ad', 'candle'],
  ['ElderRay', { period: 13 }, 'bear_power13', 'candle', (o) => o.bearPower],
  ['Vwap', { period: 20 }, 'vwap20', 'candle'],
  ['VolumeZ', { period: 20 }, 'volume_z20', 'candle'],
  ['Ichimoku', undefined, 'ichimoku_span_b', 'candle', (o) => o.spanB],
  ['Supertrend', undefined, 'supertrend', 'candle', (o) => o.value],
];

const report = {};
for (const [name, options, key, kind, pick = (o) => o] of cases) {
  const ind = new tl[name](options);
  let worst = 0;
  let mismatch = null;
  for (let i = 0; i < n; i++) {
    const input = kind === 'price' ? close[i] : { open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i] };
    // The live candle: replace with a wrong value first, then the right one.
    ind.update(kind === 'price' ? input * 1.5 : { ...input, close: input.close * 1.01 });
    const out = ind.replace(input);
    const got = out === undefined ? NaN : pick(out);
    const want = batch[key][i];
    if (Number.isNaN(got) !== Number.isNaN(want)) mismatch ??= `bar ${i}: ${got} vs ${want}`;
    else if (!Number.isNaN(got)) worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want)));
  }
  // The same history in one call: the output after its last input.
  const caught = new tl[name](options);
  const history = kind === 'price' ? close : { open, high, low, close, volume };
  const many = caught.updateMany(history);
  const last = ind.update(kind === 'price' ? close[n - 1] : { open: open[n - 1], high: high[n - 1], low: low[n - 1], close: close[n - 1], volume: volume[n - 1] });
  // `ind` saw the last bar twice (a replace, then this update); feed `caught` the same.
  const lastMany = caught.update(kind === 'price' ? close[n - 1] : { open: open[n - 1], high: high[n - 1], low: low[n - 1], close: close[n - 1], volume: volume[n - 1] });
  const manyMatches = JSON.stringify(lastMany) === JSON.stringify(last) && many !== undefined && caught.isReady;
  report[name] = { worst, mismatch, ready: ind.isReady, label: ind.toString(), manyMatches, path: ind.__path };
  caught.free();
  ind.free();
}
// updateMany with bad input: typed errors.
const manyErrors = {};
for (const [label, f] of Object.entries({
  notAnArray: () => new tl.Rsi().updateMany('1,2,3'),
  missingLow: () => new tl.Atr().updateMany({ high: [2, 3], close: [1, 2] }),
  unequal: () => new tl.Atr().updateMany({ high: [2, 3], low: [1], close: [1, 2] }),
  noVolume: () => new tl.Obv().updateMany({ high: [2], low: [1], close: [1.5] }),
})) {
  try {
    f();
    manyErrors[label] = null;
  } catch (e) {
    manyErrors[label] = e.code;
  }
}
const empty = new tl.Rsi();
manyErrors.emptyIsUndefined = empty.updateMany([]) === undefined;
empty.free();

const errors = {};
for (const [label, f] of Object.entries({
  typo: () => new tl.Rsi({ peroid: 3 }),
  zero: () => new tl.Rsi({ period: 0 }),
  noVolume: () => new tl.Obv().update({ high: 2, low: 1, close: 1.5 }),
  notACandle: () => new tl.Atr().update(5),
  notANumber: () => new tl.Rsi().update('5'),
})) {
  try {
    f();
    errors[label] = null;
  } catch (e) {
    errors[label] = { code: e.code, message: e.message };
  }
}
// Former class names stay as deprecated aliases of the renamed classes.
const aliases = Object.fromEntries(
  [['Sar', 'ParabolicSar'], ['BBands', 'BollingerBands'], ['Keltner', 'KeltnerChannel'], ['UltOsc', 'UltimateOscillator'], ['Donchian', 'DonchianChannel']]
    .map(([old, now]) => [old, tl[old] === tl[now] && new tl[old]() instanceof tl[now]]),
);
console.log(JSON.stringify({ report, errors, aliases, manyErrors }));
