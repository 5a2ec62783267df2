// The small entry `tokenlens-wasm/indicators` from the installed package: its own
// wasm, the indicators and market caps, none of the analysis. Prints what it
// computes beside what the whole package computes, for the test to compare.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as full from 'tokenlens-wasm';
import * as small from 'tokenlens-wasm/indicators';

const require = createRequire(import.meta.url);
await full.default({ module_or_path: await readFile(require.resolve('tokenlens-wasm/tokenlens_bg.wasm')) });
const { memory: smallMemory } = await small.default({
  module_or_path: await readFile(require.resolve('tokenlens-wasm/indicators/tokenlens_bg.wasm')),
});

const close = Float64Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i * 0.2);
const high = close.map((c) => c + 1);
const low = close.map((c) => c - 1);

/** What one entry gives for the same calls. */
function run(tl) {
  const bands = new tl.BollingerBands({ period: 10, multiplier: 1.5 });
  let last;
  for (const x of close) last = bands.update(x);
  const label = bands.toString();
  bands[Symbol.dispose]();
  const atr = new tl.Atr({ period: 5 });
  const atrLast = close.map((c, i) => atr.update({ high: high[i], low: low[i], close: c })).at(-1);
  atr.free();
  const batch = tl.indicators({ close, high, low }, ['rsi14', { indicator: 'kc', atrPeriod: 5 }]);
  let error = null;
  try {
    new tl.Rsi({ peroid: 3 });
  } catch (e) {
    error = { code: e.code, name: e.name, message: e.message };
  }
  return {
    bands: last,
    label,
    atrLast,
    rsi: Array.from(batch.rsi14),
    keys: Object.keys(batch),
    cap: tl.resolveMarketCap({ marketCap: 5e9 }),
    error,
    isStreamingIndicator: new tl.Ema() instanceof tl.StreamingIndicator,
  };
}

/** Arrays handed to JS are copies: growing the module's memory leaves them intact. */
function survivesGrowth(tl, memory) {
  const kept = tl.ema(new Float64Array([1, 2, 3, 6]), 3);
  const pass = new tl.IndicatorPass(['sma5']);
  const flat = pass.compute(close);
  const before = memory.buffer.byteLength;
  // 16 MB in and out: the memory has to grow.
  tl.indicators({ close: new Float64Array(1 << 21).fill(1) }, ['sma5', 'ema5']);
  pass.free();
  return {
    grew: memory.buffer.byteLength > before,
    kept: Array.from(kept, (x) => (Number.isNaN(x) ? null : x)),
    flatIntact: flat.length === close.length && flat.every((x, i) => i < 4 || Number.isFinite(x)),
    ownBuffers: kept.buffer !== memory.buffer && flat.buffer !== memory.buffer,
  };
}

console.log(
  JSON.stringify({
    growth: survivesGrowth(small, smallMemory),
    full: run(full),
    small: run(small),
    smallHasAnalysis: ['analyze', 'screen', 'breadth', 'narratives', 'moonshots'].filter((f) => f in small),
    fullHasAnalysis: ['analyze', 'screen', 'breadth', 'narratives', 'moonshots'].filter((f) => f in full),
  }),
);
