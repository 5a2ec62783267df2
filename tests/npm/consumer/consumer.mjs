// A consumer of the installed package, as a Node user writes it: bare import,
// wasm bytes passed to init (Node cannot fetch file:// URLs). Prints its
// results as JSON for the test to check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import init, { classifyMarketCap, resolveMarketCap, Ema, ema, indicators, IndicatorPass, version } from 'tokenlens-wasm';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('tokenlens-wasm/tokenlens_bg.wasm');
await init({ module_or_path: await readFile(wasmPath) });

const caught = (f) => {
  try {
    f();
    return null;
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message, isError: e instanceof Error };
  }
};

const stream = new Ema({ period: 3 });
const streamed = [1, 2, 3, 6, 8].map((x) => stream.update(x) ?? null);
const replaced = stream.replace(2);
const label = stream.toString();
stream.free();

const batch = ema(new Float64Array([1, 2, 3, 6, 8]), 3);

// StockCharts' RSI(14) example (closes of 14-Dec-09 … 01-Feb-10).
const closes = new Float64Array([
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826,
  45.8931, 46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439,
  46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672,
  43.4205, 42.6628, 43.1314,
]);
const many = indicators({ close: closes, high: closes.map((c) => c + 0.5), low: closes.map((c) => c - 0.5) }, [
  'rsi14',
  { indicator: 'macd', fast: 3, slow: 6, signal: 2 },
  'atr14',
]);
const round2 = (v) => (Number.isNaN(v) ? null : Math.round(v * 100) / 100);

// The same specs through IndicatorPass: one flat array, the same values bit for bit.
const high = closes.map((c) => c + 0.5);
const low = closes.map((c) => c - 0.5);
const pass = new IndicatorPass(['rsi14', { indicator: 'macd', fast: 3, slow: 6, signal: 2 }, 'atr14']);
const passNames = pass.names;
const flat = pass.compute(closes, high, low);
const passMatches = passNames.every((name, i) =>
  flat.subarray(i * closes.length, (i + 1) * closes.length).every((v, t) => Object.is(v, many[name][t])),
);
const passMissingColumn = caught(() => pass.compute(closes));
pass.free();

console.log(
  JSON.stringify({
    version: version(),
    classes: [2e10, 1e10, 5e9, 1e9, 3e8, 5e7, 1e7].map(classifyMarketCap),
    implied: resolveMarketCap({ price: 0.5, circulatingSupply: 40e6 }),
    reported: resolveMarketCap({ marketCap: 569778313238, price: 29309 }),
    streamed,
    replaced,
    label,
    batch: Array.from(batch, (v) => (Number.isNaN(v) ? null : v)),
    batchIsFloat64Array: batch instanceof Float64Array,
    indicatorKeys: Object.keys(many),
    rsi14: Array.from(many.rsi14.slice(13, 24), round2),
    rsiIsFloat64Array: many.rsi14 instanceof Float64Array,
    atrLength: many.atr14.length,
    passNames,
    passLength: flat.length,
    passMatches,
    passMissingColumn: passMissingColumn?.code,
    defaultWarmup: (() => {
      const d = new Ema();
      const w = d.warmup;
      d.free();
      return w;
    })(),
    errors: {
      negativeCap: caught(() => classifyMarketCap(-1)),
      nanCap: caught(() => classifyMarketCap(NaN)),
      missing: caught(() => resolveMarketCap({})),
      unknownField: caught(() => resolveMarketCap({ marketcap: 5 })),
      misspeltOption: caught(() => new Ema({ peroid: 3 })),
      notAnObject: caught(() => resolveMarketCap(42)),
      unknownIndicator: caught(() => indicators({ close: closes }, ['rsx14'])),
      missingColumn: caught(() => indicators({ close: closes }, ['atr14'])),
      lengthMismatch: caught(() => indicators({ close: closes, high: new Float64Array(3) }, ['atr14'])),
      misspeltSpec: caught(() => indicators({ close: closes }, [{ indicator: 'rsi', peroid: 3 }])),
      zeroPeriod: caught(() => new Ema({ period: 0 })),
      negativePeriod: caught(() => ema(new Float64Array([1, 2]), -1)),
      fractionalPeriod: caught(() => ema(new Float64Array([1, 2]), 2.5)),
      nanInput: caught(() => ema(new Float64Array([1, NaN, 3]), 2)),
    },
  }),
);
