// No input breaks the module: thousands of failing calls of every kind
// (periods far too long, freed objects, wrong types, random options to every
// constructor and batch function), each of which must throw a TokenlensError
// or return, and then ordinary calls that must still work. Prints a JSON
// report for the test to check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as tl from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
await tl.default({ module_or_path: await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm')) });

const n = 60;
const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 5) + i * 0.2);
const high = close.map((c) => c + 1);
const low = close.map((c) => c - 1);
const volume = close.map((_, i) => 1000 + i);
const timestamps = Float64Array.from({ length: n }, (_, i) => 1_700_006_400 + i * 86_400);

/** Codes seen per kind of failing call; anything but a TokenlensError is a failure. */
const report = { codes: {}, notTokenlensErrors: [], returned: {} };
const attempt = (kind, f) => {
  try {
    f();
    report.returned[kind] = (report.returned[kind] ?? 0) + 1;
  } catch (e) {
    if (!(e instanceof tl.TokenlensError)) {
      if (report.notTokenlensErrors.length < 5) report.notTokenlensErrors.push(`${kind}: ${e?.constructor?.name}: ${e?.message}`);
      return;
    }
    const codes = (report.codes[kind] ??= {});
    codes[e.code] = (codes[e.code] ?? 0) + 1;
  }
};

const classes = Object.entries(tl).filter(
  ([name, value]) => typeof value === 'function' && value.prototype instanceof tl.StreamingIndicator && !['Sar', 'BBands', 'Keltner', 'UltOsc', 'Donchian'].includes(name),
);
report.classes = classes.length;
// The first count option each class takes (none for Obv, Ad and ParabolicSar).
const countKeys = ['period', 'slow', 'kPeriod', 'rsiPeriod', 'long', 'spanB', 'atrPeriod'];
const countKey = new Map(
  classes.map(([name, Class]) => [
    name,
    countKeys.find((k) => {
      try {
        new Class({ [k]: 100 }).free();
        return true;
      } catch {
        return false;
      }
    }),
  ]),
);
const periodic = classes.filter(([name]) => countKey.get(name));
report.periodic = periodic.length;
const tags = ['sma', 'ema', 'wma', 'dema', 'tema', 'hma', 'vwma', 'rsi', 'cci', 'willr', 'mom', 'roc', 'adx', 'aroon', 'atr', 'natr', 'mfi', 'dc', 'stddev', 'elderray', 'vwap', 'volume_z', 'trix'];

const times = 10_000;
for (let i = 0; i < times; i++) {
  // Periods far too long, streaming and batch.
  const [name, Class] = classes[i % classes.length];
  const [long, Long] = periodic[i % periodic.length];
  attempt('huge streaming period', () => new Long({ [countKey.get(long)]: i % 2 ? 1e9 : 1_000_001 }).free());
  attempt('huge batch period', () => tl.indicators({ close, high, low, volume }, [{ indicator: tags[i % tags.length], period: 5e8 }]));
  attempt('huge ema period', () => tl.ema(close, 1e9));
  attempt('huge pass period', () => new tl.IndicatorPass([{ indicator: 'wma', period: 1e9 }]));
  // Freed objects.
  const freed = new Class();
  freed.free();
  attempt('update after free', () => freed.update({ open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }));
  attempt('getter after free', () => freed.warmup);
  const pass = new tl.IndicatorPass(['rsi14']);
  pass.free();
  attempt('compute after free', () => pass.compute(close));
  // Wrong types.
  attempt('ema(null)', () => tl.ema(null, 3));
  attempt('ema({})', () => tl.ema({}, 3));
  attempt('compute(null)', () => new tl.IndicatorPass(['rsi14']).compute(null));
  attempt('computeManyInto(null out)', () => new tl.IndicatorPass(['rsi14']).computeManyInto(close, high, low, n, null));
  attempt('screen([null])', () => tl.screen([null]));
  attempt('classifyMarketCap(null)', () => tl.classifyMarketCap(null));
  attempt('empty benchmark', () => tl.screen([{ symbol: 'A', series: { timestamps, close } }], { timestamps: [], close: [] }));
  if (name === 'Sma') attempt('update("5")', () => new Class().update('5'));
}

// Random options to every constructor and batch function: a result or a TokenlensError.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const values = [0, -1, 1, 2, 3.5, 14, 1e6, 1e6 + 1, 1e9, 2 ** 31, 2 ** 53, -0, NaN, Infinity, null, '14', {}, [], true];
const keys = ['period', 'fast', 'slow', 'signal', 'kPeriod', 'k_period', 'kSlowing', 'dPeriod', 'rsiPeriod', 'short', 'mid', 'long', 'acceleration', 'maximum', 'multiplier', 'deviations', 'atrPeriod', 'conversion', 'base', 'spanB', 'nope'];
const randomOptions = () => {
  const o = {};
  for (let k = Math.floor(random() * 3); k >= 0; k--) o[keys[Math.floor(random() * keys.length)]] = values[Math.floor(random() * values.length)];
  return o;
};
for (let i = 0; i < 3000; i++) {
  const [, Class] = classes[i % classes.length];
  attempt('random streaming options', () => {
    const s = new Class(randomOptions());
    try {
      for (let j = 0; j < 5; j++) s.update({ open: 1, high: 2, low: 0.5, close: 1 + j, volume: 10 });
    } finally {
      s.free();
    }
  });
  attempt('random batch options', () => tl.indicators({ close, high, low, volume }, [{ indicator: tags[i % tags.length], ...randomOptions() }]));
}

// Ordinary calls still work.
const sma = new tl.Sma({ period: 3 });
for (const x of [1, 2, 3]) sma.update(x);
report.after = {
  sma: sma.update(4),
  rsi: Array.from(tl.indicators({ close }, ['rsi14']).rsi14.slice(-1)),
  grade: tl.analyze({ timestamps, close, high, low, volume }).traderGrade !== null,
};
sma.free();
console.log(JSON.stringify(report));
